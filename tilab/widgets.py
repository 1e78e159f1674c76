"""The picker of several territories that every form of the site shares (issue 13):
:class:`SelecteurTerritoires`.

A ``<select multiple>`` asks for Ctrl (Cmd on a Mac) to choose more than one item, which few
people know and a phone does not have. This widget writes checkboxes instead, grouped by
département, each group a ``<details>`` so that the list stays short (a group opens by itself
when one of its items is chosen); an item may carry the ones under it (an EPCI its communes)
in a ``<details>`` of its own. That is the whole picker without JavaScript, and the data a
browser sends is the one of a multiple select: the field's name once for each value.

``static/js/selecteur-territoires.js`` (the widget's media, loaded with ``defer``) then turns
it into a combobox with search as you type, the chosen items shown as removable tags: the
checkboxes stay the form's state, so the server sees the same data either way.

The checkboxes are written here rather than through Django's templates (an include per
option, then one per attribute): the report form offers some 1,200 communes.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.forms.widgets import Script
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

AIDE = (
    "Ouvrez un département pour voir ce qu'il contient, puis cochez autant de cases que nécessaire."
)


def _e(texte: Any) -> str:
    if type(texte) is str:
        # The usual label, a plain text: Django's escape without its checks for lazy and safe
        # text, some 1,200 times a page.
        return html.escape(texte)
    return str(conditional_escape(texte))


class SelecteurTerritoires(forms.CheckboxSelectMultiple):
    """Checkboxes grouped in ``<details>``, enhanced into a combobox by the script.

    ``recherche``: the label of the search field the script adds (« Chercher une commune »);
    ``aide``: what the list says of itself without the script.
    ``rattachements``: for an item that belongs under another one of the list (a commune under
    its EPCI), the value of that other item; such items are listed in a ``<details>`` below it,
    ``libelle_sous`` its summary. Choices without a group are listed as they come.
    """

    class Media:
        js = [Script("js/selecteur-territoires.js", defer=True)]

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        recherche: str | Promise,
        rattachements: Mapping[str, str] | None = None,
        libelle_sous: str | Promise = "Ses communes",
        aide: str | Promise = AIDE,
    ) -> None:
        super().__init__(attrs, choices)
        self.recherche = recherche
        self.aide = aide
        self.rattachements = dict(rattachements or {})
        self.libelle_sous = libelle_sous

    def __deepcopy__(self, memo: dict[int, Any]) -> SelecteurTerritoires:
        copie = super().__deepcopy__(memo)
        # Read only, and as large as the list: shared rather than copied with each form.
        copie.rattachements = self.rattachements
        return copie  # type: ignore[no-any-return]

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        tous = self.build_attrs(self.attrs, attrs)
        identifiant = str(tous.pop("id", "") or f"id_{name}")
        choisis = {str(v) for v in self.format_value(value)}
        # What each checkbox repeats of the field's state (disabled, aria-invalid…).
        communs = "".join(
            f" {_e(cle)}" if val is True else f' {_e(cle)}="{_e(val)}"'
            for cle, val in tous.items()
            if val is not False and val is not None and cle not in ("class", "required")
        )
        ecrivain = _Ecrivain(
            nom=_e(name),
            identifiant=identifiant,
            communs=communs,
            choisis=choisis,
            rattachements=self.rattachements,
            libelle_sous=_e(self.libelle_sous),
        )
        groupes: list[str] = []
        for groupe, options in _par_groupe(self.choices):
            items = [(str(v), str(libelle)) for v, libelle in options]
            groupes.append(ecrivain.groupe(groupe, items))
        return mark_safe(  # noqa: S308 (every text in it escaped above)
            f'<div class="selecteur" id="{_e(identifiant)}" data-selecteur '
            f'data-recherche="{_e(self.recherche)}">\n'
            '<div class="selecteur__parcours">\n'
            f'<p class="selecteur__aide">{_e(self.aide)}</p>\n'
            + "\n".join(groupes)
            + "\n</div>\n</div>"
        )


def _par_groupe(choix: Iterable[Any]) -> list[tuple[str | None, list[tuple[Any, Any]]]]:
    """``[(groupe or None, [(value, label), …]), …]`` from Django's choices, consecutive
    ungrouped choices together."""
    groupes: list[tuple[str | None, list[tuple[Any, Any]]]] = []
    for valeur, libelle in choix:
        if isinstance(libelle, list | tuple):
            groupes.append((str(valeur), list(libelle)))
        elif groupes and groupes[-1][0] is None:
            groupes[-1][1].append((valeur, libelle))
        else:
            groupes.append((None, [(valeur, libelle)]))
    return groupes


class _Ecrivain:
    """Writes the checkboxes of one widget, numbering them in the order of the page."""

    def __init__(
        self,
        *,
        nom: str,
        identifiant: str,
        communs: str,
        choisis: set[str],
        rattachements: Mapping[str, str],
        libelle_sous: str,
    ) -> None:
        self.nom = nom
        self.identifiant = identifiant
        self.communs = communs
        self.choisis = choisis
        self.rattachements = rattachements
        self.libelle_sous = libelle_sous
        self.rang = 0

    def case(self, valeur: str, libelle: str) -> str:
        identifiant = f"{self.identifiant}_{self.rang}"
        self.rang += 1
        coche = " checked" if valeur in self.choisis else ""
        return (
            f'<label for="{_e(identifiant)}"><input type="checkbox" name="{self.nom}" '
            f'value="{_e(valeur)}" id="{_e(identifiant)}"{self.communs}{coche}> '
            f"{_e(libelle)}</label>"
        )

    def groupe(self, titre: str | None, items: list[tuple[str, str]]) -> str:
        valeurs = {valeur for valeur, _ in items}
        sous: dict[str, list[tuple[str, str]]] = defaultdict(list)
        hauts: list[tuple[str, str]] = []
        for valeur, libelle in items:
            parent = self.rattachements.get(valeur)
            if parent in valeurs:
                sous[parent].append((valeur, libelle))
            else:
                hauts.append((valeur, libelle))
        lignes = []
        for valeur, libelle in hauts:
            ligne = f"<li>{self.case(valeur, libelle)}"
            enfants = sous.get(valeur)
            if enfants:
                ouvert = " open" if any(v in self.choisis for v, _ in enfants) else ""
                cases = "\n".join(f"<li>{self.case(v, lib)}</li>" for v, lib in enfants)
                ligne += (
                    f'\n<details class="selecteur__sous"{ouvert}>'
                    f"<summary>{self.libelle_sous} ({len(enfants)})</summary>\n"
                    f'<ul class="selecteur__liste">\n{cases}\n</ul>\n</details>'
                )
            lignes.append(f"{ligne}</li>")
        liste = '<ul class="selecteur__liste">\n' + "\n".join(lignes) + "\n</ul>"
        if titre is None:
            return liste
        nombre = sum(1 for valeur in valeurs if valeur in self.choisis)
        compte = (
            f' <span class="selecteur__compte">({nombre} choisi{"s" if nombre > 1 else ""})</span>'
            if nombre
            else ""
        )
        return (
            f'<details class="selecteur__groupe"{" open" if nombre else ""}>'
            f'<summary><span class="selecteur__titre">{_e(titre)}</span>{compte}</summary>\n'
            f"{liste}\n</details>"
        )
