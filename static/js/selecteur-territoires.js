/*
 * The territory picker (tilab/widgets.py), enhanced: a combobox with search as you type, the
 * chosen territories shown as tags, each with its button to take it out.
 *
 * Without this script the picker is a list of checkboxes grouped by département. The script
 * keeps them as the form's state (checking and unchecking them), so that the server receives
 * the same data; their list stays within reach under « Parcourir la liste ».
 *
 * The combobox follows the WAI-ARIA Authoring Practices' pattern (list autocomplete with
 * manual selection): ↓ and ↑ move in the proposals, Entrée chooses or takes back the
 * highlighted one and leaves the list open for the next, Échap closes the list then empties
 * the field. What changes is said in a polite live region.
 */
(function () {
  "use strict";

  // Past this many proposals the list asks for a few more letters instead of growing.
  var MAXIMUM = 50;
  var NBSP = "\u00a0";

  // Accents, case, apostrophes and hyphens aside: « plouezoch » finds « Plouézoc'h ».
  function normaliser(texte) {
    return texte
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['’]/g, "")
      .replace(/[\s\-.,()]+/g, " ")
      .trim();
  }

  function nombre(n) {
    return n.toLocaleString("fr-FR").replace(/\s/g, NBSP);
  }

  function choisis(n) {
    if (n === 0) return "Aucun territoire choisi.";
    return nombre(n) + " territoire" + (n > 1 ? "s choisis." : " choisi.");
  }

  function element(nom, attributs, texte) {
    var el = document.createElement(nom);
    Object.keys(attributs || {}).forEach(function (cle) {
      el.setAttribute(cle, attributs[cle]);
    });
    if (texte) el.textContent = texte;
    return el;
  }

  function Selecteur(racine) {
    var base = racine.id;
    var parcours = racine.querySelector(".selecteur__parcours");
    var options = [];

    racine.querySelectorAll('input[type="checkbox"]').forEach(function (caseACocher, rang) {
      var etiquette = caseACocher.closest("label");
      var groupe = caseACocher.closest(".selecteur__groupe");
      var titre = groupe ? groupe.querySelector(".selecteur__titre") : null;
      var libelle = etiquette ? etiquette.textContent.trim() : caseACocher.value;
      var nomGroupe = titre ? titre.textContent.trim() : "";
      options.push({
        rang: rang,
        caseACocher: caseACocher,
        libelle: libelle,
        groupe: nomGroupe,
        cle: normaliser(libelle + " " + nomGroupe),
        debut: normaliser(libelle),
        id: base + "_proposition_" + rang,
      });
    });

    // The summary of errors links to the picker by its id: the search field takes it.
    racine.id = base + "_liste";
    var idChamp = base;
    var idListe = base + "_propositions";
    var idAide = base + "_aide_recherche";

    var outil = element("div", { class: "selecteur__outil" });
    var etiquetteChamp = element(
      "label",
      { class: "selecteur__etiquette-champ", for: idChamp },
      racine.getAttribute("data-recherche") || "Chercher un territoire"
    );
    var aide = element(
      "p",
      { class: "selecteur__aide", id: idAide },
      "Tapez quelques lettres, puis choisissez avec les flèches et Entrée, ou d'un clic. " +
        "Vous pouvez en choisir plusieurs."
    );
    var boite = element("div", { class: "selecteur__boite" });
    var champ = element("input", {
      type: "text",
      id: idChamp,
      class: "selecteur__champ",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": idListe,
      autocomplete: "off",
      spellcheck: "false",
    });
    // The field's help and errors, given to the fieldset, are said on the search field too.
    var fieldset = racine.closest("fieldset");
    var decrit = [idAide];
    if (fieldset && fieldset.getAttribute("aria-describedby")) {
      decrit = fieldset.getAttribute("aria-describedby").split(/\s+/).concat(decrit);
    }
    champ.setAttribute("aria-describedby", decrit.join(" "));
    if (racine.querySelector('input[aria-invalid="true"]')) {
      champ.setAttribute("aria-invalid", "true");
    }
    var liste = element("ul", {
      id: idListe,
      class: "selecteur__propositions",
      role: "listbox",
      "aria-multiselectable": "true",
      "aria-label": "Territoires proposés",
      hidden: "",
    });
    var note = element("p", { class: "selecteur__note", hidden: "" });
    // Over what follows, so that closing the list never moves what a click is aiming at.
    var volet = element("div", { class: "selecteur__volet" });
    volet.append(liste, note);
    boite.append(champ, volet);

    var titreChoix = element("p", { class: "selecteur__titre-choix", id: base + "_titre_choix" });
    var etiquettes = element("ul", {
      class: "selecteur__etiquettes",
      "aria-labelledby": base + "_titre_choix",
    });
    var annonce = element("div", {
      class: "visually-hidden",
      role: "status",
      "aria-live": "polite",
    });
    outil.append(etiquetteChamp, aide, boite, titreChoix, etiquettes, annonce);

    // The whole list stays within reach, folded, for those who would rather browse it.
    var parcourir = element("details", { class: "selecteur__parcourir" });
    var resume = element("summary", {}, "Parcourir la liste par département");
    parcourir.append(resume);
    racine.insertBefore(outil, parcours);
    racine.insertBefore(parcourir, parcours);
    parcourir.append(parcours);

    var proposees = [];
    var active = -1;
    var minuterie = null;

    function annoncer(texte) {
      // A count of proposals still waiting would cover what was just chosen.
      window.clearTimeout(minuterie);
      // Emptied first, so that the same sentence twice is said twice.
      annonce.textContent = "";
      window.setTimeout(function () {
        annonce.textContent = texte;
      }, 50);
    }

    function nombreChoisis() {
      return options.filter(function (o) {
        return o.caseACocher.checked;
      }).length;
    }

    function filtrer(requete) {
      var mots = normaliser(requete).split(" ").filter(Boolean);
      var trouvees = options.filter(function (o) {
        return mots.every(function (mot) {
          return o.cle.indexOf(mot) !== -1;
        });
      });
      if (mots.length) {
        var debut = mots.join(" ");
        var rangDe = function (o) {
          if (o.debut.indexOf(debut) === 0) return 0;
          if ((" " + o.debut).indexOf(" " + mots[0]) !== -1) return 1;
          return 2;
        };
        trouvees.sort(function (a, b) {
          return rangDe(a) - rangDe(b) || a.libelle.localeCompare(b.libelle, "fr");
        });
      }
      return trouvees;
    }

    function ouverte() {
      return champ.getAttribute("aria-expanded") === "true";
    }

    function fermer() {
      champ.setAttribute("aria-expanded", "false");
      champ.removeAttribute("aria-activedescendant");
      liste.hidden = true;
      note.hidden = true;
      active = -1;
    }

    function marquerActive(rang) {
      var precedente = liste.querySelector(".est-active");
      if (precedente) precedente.classList.remove("est-active");
      active = rang;
      if (rang < 0) {
        champ.removeAttribute("aria-activedescendant");
        return;
      }
      var option = document.getElementById(proposees[rang].id);
      option.classList.add("est-active");
      champ.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function ouvrir() {
      var requete = champ.value;
      var trouvees = filtrer(requete);
      proposees = trouvees.slice(0, MAXIMUM);
      liste.textContent = "";
      proposees.forEach(function (o) {
        var li = element("li", {
          id: o.id,
          role: "option",
          class: "selecteur__proposition",
          "aria-selected": o.caseACocher.checked ? "true" : "false",
        });
        li.append(element("span", { class: "selecteur__nom" }, o.libelle));
        // Its département, unless its name says it already (« Finistère (tout le département) »).
        if (o.groupe && o.libelle.indexOf(o.groupe) !== 0) {
          li.append(element("span", { class: "selecteur__lieu" }, o.groupe));
        }
        li.addEventListener("mousedown", function (evenement) {
          // The focus stays in the search field.
          evenement.preventDefault();
        });
        li.addEventListener("click", function () {
          basculer(o);
          marquerActive(proposees.indexOf(o));
        });
        liste.append(li);
      });
      active = -1;
      champ.removeAttribute("aria-activedescendant");
      if (!proposees.length) {
        liste.hidden = true;
        champ.setAttribute("aria-expanded", "false");
        note.textContent =
          "Aucun territoire ne correspond à «" + NBSP + requete.trim() + NBSP + "».";
        note.hidden = false;
        return trouvees.length;
      }
      liste.hidden = false;
      champ.setAttribute("aria-expanded", "true");
      if (trouvees.length > proposees.length) {
        note.textContent =
          "Les " +
          nombre(proposees.length) +
          " premiers sur " +
          nombre(trouvees.length) +
          NBSP +
          ": tapez quelques lettres de plus pour trouver les autres.";
        note.hidden = false;
      } else {
        note.hidden = true;
      }
      return trouvees.length;
    }

    function basculer(o) {
      o.caseACocher.checked = !o.caseACocher.checked;
      o.caseACocher.dispatchEvent(new Event("change", { bubbles: true }));
      annoncer(
        (o.caseACocher.checked ? "Ajouté" : "Retiré") +
          NBSP +
          ": " +
          o.libelle +
          ". " +
          choisis(nombreChoisis())
      );
    }

    function dessinerEtiquettes() {
      var choisies = options.filter(function (o) {
        return o.caseACocher.checked;
      });
      titreChoix.textContent = choisies.length
        ? "Vos choix (" + nombre(choisies.length) + ")" + NBSP + ":"
        : "Aucun territoire choisi pour l'instant.";
      etiquettes.textContent = "";
      etiquettes.hidden = !choisies.length;
      choisies.forEach(function (o) {
        var li = element("li");
        var bouton = element("button", {
          type: "button",
          class: "selecteur__etiquette",
          "data-rang": String(o.rang),
        });
        bouton.append(
          element("span", { class: "visually-hidden" }, "Retirer "),
          document.createTextNode(o.libelle),
          element("span", { class: "selecteur__croix", "aria-hidden": "true" }, "×")
        );
        bouton.addEventListener("click", function () {
          var boutons = Array.prototype.slice.call(etiquettes.querySelectorAll("button"));
          var place = boutons.indexOf(bouton);
          basculer(o);
          // The focus goes to the next tag, or the previous one, or back to the search.
          var restants = etiquettes.querySelectorAll("button");
          var suivant = restants[Math.min(place, restants.length - 1)];
          (suivant || champ).focus();
        });
        li.append(bouton);
        etiquettes.append(li);
      });
    }

    function mettreAJour() {
      dessinerEtiquettes();
      liste.querySelectorAll('[role="option"]').forEach(function (li) {
        var o = proposees.find(function (p) {
          return p.id === li.id;
        });
        if (o) li.setAttribute("aria-selected", o.caseACocher.checked ? "true" : "false");
      });
      // Each département says how many of its items are chosen, in the list to browse.
      parcours.querySelectorAll(".selecteur__groupe").forEach(function (groupe) {
        var n = groupe.querySelectorAll('input[type="checkbox"]:checked').length;
        var compte = groupe.querySelector(".selecteur__compte");
        if (!compte) {
          compte = element("span", { class: "selecteur__compte" });
          groupe.querySelector("summary").append(compte);
        }
        compte.textContent = n ? " (" + n + " choisi" + (n > 1 ? "s" : "") + ")" : "";
      });
    }

    champ.addEventListener("input", function () {
      window.clearTimeout(minuterie);
      if (!champ.value.trim()) {
        fermer();
        return;
      }
      var n = ouvrir();
      // Said once the typing pauses, not at every letter.
      minuterie = window.setTimeout(function () {
        annoncer(
          n
            ? nombre(n) + " territoire" + (n > 1 ? "s proposés" : " proposé") + "."
            : note.textContent
        );
      }, 600);
    });

    champ.addEventListener("keydown", function (evenement) {
      var touche = evenement.key;
      if (touche === "ArrowDown" || touche === "ArrowUp") {
        evenement.preventDefault();
        if (!ouverte()) {
          if (!ouvrir()) return;
          if (evenement.altKey) return;
        } else if (evenement.altKey) {
          return;
        }
        var dernier = proposees.length - 1;
        if (touche === "ArrowDown") {
          marquerActive(active < 0 || active >= dernier ? 0 : active + 1);
        } else {
          marquerActive(active <= 0 ? dernier : active - 1);
        }
      } else if (touche === "Enter") {
        // A search never sends the form.
        evenement.preventDefault();
        if (ouverte() && active >= 0) basculer(proposees[active]);
      } else if (touche === "Escape") {
        if (ouverte()) {
          evenement.preventDefault();
          fermer();
        } else if (champ.value) {
          evenement.preventDefault();
          champ.value = "";
          note.hidden = true;
        }
      } else if (touche === "Tab") {
        fermer();
      }
    });

    outil.addEventListener("focusout", function (evenement) {
      if (!boite.contains(evenement.relatedTarget)) fermer();
    });
    champ.addEventListener("click", function () {
      if (!ouverte() && champ.value.trim()) ouvrir();
    });
    racine.addEventListener("change", function (evenement) {
      // Only the checkboxes: the search field too says « change » when it loses the focus,
      // and redrawing the tags then would swallow the click on one of them.
      if (evenement.target.type === "checkbox") mettreAJour();
    });
    mettreAJour();
    racine.classList.add("selecteur--actif");
  }

  document.querySelectorAll("[data-selecteur]").forEach(Selecteur);
})();
