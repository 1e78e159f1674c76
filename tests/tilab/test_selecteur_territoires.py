"""The territory picker (``tilab.widgets.SelecteurTerritoires``): checkboxes grouped by
département that a person uses without modifier keys, sending what a multiple select sent."""

from __future__ import annotations

import re

from django import forms
from django.http import QueryDict

from tilab.widgets import SelecteurTerritoires

GROUPES = [
    (
        "Finistère",
        [
            ("pays-des-abers", "Pays des Abers (intercommunalité)"),
            ("plouguerneau", "Plouguerneau (commune, Pays des Abers)"),
            ("lannilis", "Lannilis (commune, Pays des Abers)"),
            ("brest-metropole", "Brest métropole (intercommunalité)"),
        ],
    ),
    ("Côtes-d'Armor", [("dinan-agglomeration", "Dinan <Agglomération> (intercommunalité)")]),
]
RATTACHEMENTS = {"plouguerneau": "pays-des-abers", "lannilis": "pays-des-abers"}


class Formulaire(forms.Form):
    territoires = forms.MultipleChoiceField(
        label="Intercommunalités ou communes",
        required=False,
        choices=GROUPES,
        widget=SelecteurTerritoires(recherche="Chercher une commune", rattachements=RATTACHEMENTS),
        help_text="Autant que nécessaire.",
        error_messages={"invalid_choice": "Ce territoire n'existe plus."},
    )


def _rendu(formulaire: forms.Form) -> str:
    return str(formulaire["territoires"].as_field_group())


def test_without_a_choice_every_group_is_folded_and_nothing_is_ticked():
    html = _rendu(Formulaire())

    assert '<div class="selecteur" id="id_territoires" data-selecteur' in html
    assert 'data-recherche="Chercher une commune"' in html
    assert html.count('<details class="selecteur__groupe">') == 2
    assert " open" not in html
    assert " checked" not in html
    # One checkbox per choice, all under the field's name: no select, no modifier key.
    assert html.count('type="checkbox" name="territoires"') == 5
    assert "<select" not in html
    assert "Ctrl" not in html


def test_the_picker_is_a_fieldset_named_by_the_label_and_described_by_its_help():
    html = _rendu(Formulaire())

    assert '<fieldset class="field__fieldset" aria-describedby="id_territoires_helptext">' in html
    assert '<legend class="field__label">Intercommunalités ou communes' in html


def test_the_communes_of_an_epci_are_folded_under_it():
    html = _rendu(Formulaire())

    abers = html.split('value="pays-des-abers"', 1)[1].split('value="brest-metropole"', 1)[0]
    assert '<details class="selecteur__sous"><summary>Ses communes (2)</summary>' in abers
    assert 'value="plouguerneau"' in abers and 'value="lannilis"' in abers
    # Brest métropole, the next EPCI, is back at the top level of the group.
    suivant = '<li><label for="id_territoires_3"><input type="checkbox" name="territoires" '
    assert abers.endswith(f"</details></li>\n{suivant}")


def test_a_chosen_item_opens_its_group_and_its_epci_and_is_counted():
    html = _rendu(Formulaire(initial={"territoires": ["plouguerneau"]}))

    assert re.search(
        r'<details class="selecteur__groupe" open><summary><span class="selecteur__titre">'
        r'Finistère</span> <span class="selecteur__compte">\(1 choisi\)</span>',
        html,
    )
    assert '<details class="selecteur__sous" open>' in html
    assert re.search(r'value="plouguerneau" id="id_territoires_\d+" checked>', html)
    assert (
        '<details class="selecteur__groupe"><summary><span class="selecteur__titre">Côtes' in html
    )


def test_labels_and_group_names_are_escaped():
    html = _rendu(Formulaire())

    assert "Dinan &lt;Agglomération&gt; (intercommunalité)" in html
    assert "Côtes-d&#x27;Armor" in html


def test_each_checkbox_has_its_own_label_and_id():
    html = _rendu(Formulaire())

    ids = re.findall(r'<label for="([^"]+)"><input type="checkbox"[^>]* id="([^"]+)"', html)
    assert len(ids) == 5
    assert all(pour == identifiant for pour, identifiant in ids)
    assert len({identifiant for _, identifiant in ids}) == 5


def test_the_form_receives_the_data_a_multiple_select_sent():
    formulaire = Formulaire(data=QueryDict("territoires=plouguerneau&territoires=brest-metropole"))

    assert formulaire.is_valid(), formulaire.errors
    assert formulaire.cleaned_data["territoires"] == ["plouguerneau", "brest-metropole"]


def test_an_unknown_choice_is_refused_next_to_the_field_and_marks_the_checkboxes_invalid():
    formulaire = Formulaire(data=QueryDict("territoires=nulle-part"))

    assert not formulaire.is_valid()
    html = _rendu(formulaire)
    assert 'aria-describedby="id_territoires_helptext id_territoires_error"' in html
    erreur = html.split('id="id_territoires_error"', 1)[1].split("</ul>", 1)[0]
    assert "Ce territoire n&#x27;existe plus." in erreur
    assert html.count('aria-invalid="true"') == 5


def test_choices_without_a_group_are_a_plain_list():
    class Simple(forms.Form):
        territoires = forms.MultipleChoiceField(
            choices=[("finistere", "Finistère"), ("morbihan", "Morbihan")],
            widget=SelecteurTerritoires(recherche="Chercher"),
        )

    html = str(Simple()["territoires"])

    assert "<details" not in html
    assert html.count('type="checkbox"') == 2


def test_the_script_comes_with_the_form_loaded_with_defer():
    assert str(Formulaire().media) == (
        '<script src="/static/js/selecteur-territoires.js" defer></script>'
    )
