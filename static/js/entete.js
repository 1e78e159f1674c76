/*
 * The header's two disclosures, « Menu » and the person's menu, are <details> boxes: they open
 * and close without this script. It adds what people expect of a menu: Escape closes the one
 * they are in and gives the focus back to its button; the person's menu, where it floats over
 * the page (a wide screen), closes once the focus or a click goes elsewhere, so that it never
 * hides what has the focus next.
 */
(function () {
  "use strict";

  var ENTETE = ".site-header";

  function flotte(menu) {
    var liste = menu.querySelector(".account-menu__list");
    return liste !== null && window.getComputedStyle(liste).position === "absolute";
  }

  function fermer(menu, rendreLeFocus) {
    menu.open = false;
    if (rendreLeFocus) {
      menu.querySelector("summary").focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !document.activeElement) {
      return;
    }
    // The innermost open menu around the focus: the person's menu before « Menu ».
    var menu = document.activeElement.closest(ENTETE + " details[open]");
    if (menu) {
      event.preventDefault();
      fermer(menu, true);
    }
  });

  document.querySelectorAll(ENTETE + " .account-menu").forEach(function (menu) {
    menu.addEventListener("focusout", function (event) {
      // Without a new target the focus left the window or went nowhere: the click handler decides.
      var cible = event.relatedTarget;
      if (menu.open && cible && flotte(menu) && !menu.contains(cible)) {
        fermer(menu, false);
      }
    });
  });

  document.addEventListener("click", function (event) {
    document.querySelectorAll(ENTETE + " .account-menu[open]").forEach(function (menu) {
      if (flotte(menu) && !menu.contains(event.target)) {
        fermer(menu, false);
      }
    });
  });
})();
