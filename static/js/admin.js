/*
 * The back office's own enhancements.
 *
 * The admin's autocomplete fields (territories, themes, organisation, the merge target…),
 * which select2 draws without their field's name:
 * - the search box of each gets it, « Territoires — rechercher » (axe: « label »);
 * - the box showing the choice is named by the field's label and then the choice, where
 *   select2 named it by the choice alone, and by nothing while nothing is chosen
 *   (axe: « aria-input-field-name »);
 * - the « × » that empties a field is hidden from screen readers (axe: « list »);
 * - while its list is open, the box says which list it controls (aria-controls, which ARIA 1.2
 *   asks of an expanded combobox, where select2 writes aria-owns only).
 * select2 draws them when a field starts, when a row is added and when a list opens: they are
 * named as they appear.
 *
 * An inline table wider than the screen can be scrolled with the keyboard too.
 */
(function () {
    "use strict";

    function labelDe(select) {
        if (!select || !select.id) {
            return null;
        }
        return document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    }

    function libelleDe(select) {
        const label = labelDe(select);
        const texte = label ? label.textContent : (select && select.getAttribute("aria-label")) || "";
        return texte.replace(/\s*\(obligatoire\)\s*/, " ").replace(/\s*:\s*$/, "").trim();
    }

    function selectDe(element) {
        // In the field itself: the select2 box follows its <select>.
        const conteneur = element.closest(".select2-container");
        const avant = conteneur && conteneur.previousElementSibling;
        if (avant && avant.tagName === "SELECT") {
            return avant;
        }
        // In an opened list: its search box controls "select2-<id>-results".
        const liste = element.getAttribute("aria-controls") || "";
        const id = liste.replace(/^select2-/, "").replace(/-results$/, "");
        return id ? document.getElementById(id) : null;
    }

    function nommerLesRecherches() {
        document.querySelectorAll("input.select2-search__field:not([aria-label])").forEach(function (champ) {
            const libelle = libelleDe(selectDe(champ));
            if (libelle) {
                champ.setAttribute("aria-label", libelle + " — rechercher");
            }
        });
    }

    function nommerLesChoix() {
        document.querySelectorAll(".select2-selection[role=combobox]:not([data-nommee])").forEach(function (boite) {
            const label = labelDe(selectDe(boite));
            if (!label) {
                return;
            }
            if (!label.id) {
                label.id = label.htmlFor + "-libelle";
            }
            const choix = boite.querySelector(".select2-selection__rendered[id]");
            boite.setAttribute("aria-labelledby", label.id + (choix ? " " + choix.id : ""));
            if (choix) {
                // Read as part of the box's name: no field of its own, empty while nothing
                // is chosen.
                choix.removeAttribute("role");
                choix.removeAttribute("aria-readonly");
            }
            boite.setAttribute("data-nommee", "");
        });
    }

    function lierLesListes() {
        document.querySelectorAll(".select2-selection[role=combobox]").forEach(function (boite) {
            const liste = boite.getAttribute("aria-owns");
            if (liste && boite.getAttribute("aria-controls") !== liste) {
                boite.setAttribute("aria-controls", liste);
            } else if (!liste && boite.hasAttribute("aria-controls")) {
                boite.removeAttribute("aria-controls");
            }
        });
    }

    function cacherLesCroix() {
        // The « × » that empties a field is for the mouse (the keyboard empties it with
        // Backspace): not read in the box's name, nor as an item of the list of choices.
        document.querySelectorAll(".select2-selection__clear:not([aria-hidden])").forEach(function (croix) {
            croix.setAttribute("aria-hidden", "true");
        });
    }

    function defilables() {
        // An inline table wider than a phone scrolls sideways in its frame: the frame takes
        // the focus then, so that the keyboard scrolls it too, and is named after its table
        // (axe: « scrollable-region-focusable »).
        document.querySelectorAll(".inline-group .tabular .wrapper").forEach(function (cadre) {
            const deborde = cadre.scrollWidth > cadre.clientWidth;
            if (deborde && !cadre.hasAttribute("data-defilable")) {
                const groupe = cadre.closest("fieldset[aria-labelledby]");
                cadre.setAttribute("tabindex", "0");
                cadre.setAttribute("role", "region");
                if (groupe) {
                    cadre.setAttribute("aria-labelledby", groupe.getAttribute("aria-labelledby"));
                }
                cadre.setAttribute("data-defilable", "");
            } else if (!deborde && cadre.hasAttribute("data-defilable")) {
                ["tabindex", "role", "aria-labelledby", "data-defilable"].forEach(function (nom) {
                    cadre.removeAttribute(nom);
                });
            }
        });
    }

    function nommer() {
        cacherLesCroix();
        nommerLesRecherches();
        nommerLesChoix();
        lierLesListes();
    }

    function demarrer() {
        defilables();
        window.addEventListener("resize", defilables);
        nommer();
        new MutationObserver(nommer).observe(document.body, {
            childList: true,
            subtree: true,
            attributes: true,
            attributeFilter: ["aria-controls", "aria-owns"],
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", demarrer);
    } else {
        demarrer();
    }
})();
