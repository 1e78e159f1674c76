"""tilab.textes: invisible characters out of names, titles and public texts."""

from __future__ import annotations

import pytest
from django import forms

from tilab.textes import (
    ChampNom,
    ChampTexte,
    ChampTitre,
    caracteres_invisibles,
    nettoyer_texte,
)

RLO, PDF = "\u202e", "\u202c"


@pytest.mark.parametrize(
    ("saisi", "attendu"),
    [
        (f"{RLO}evil{PDF}", "evil"),
        ("Le\u200b Goff", "Le Goff"),  # zero-width space
        ("\ufeffGwenaëlle", "Gwenaëlle"),  # byte order mark
        ("Plou\u00adguerneau", "Plouguerneau"),  # soft hyphen
        ("a\u2066b\u2069c\u200ed\u200ff\u061cg\u202ah", "abcdfgh"),  # isolates, marks, embeddings
        ("Jean\x00\x07", "Jean"),
        ("Jean\nDupont\tfils", "Jean Dupont fils"),
        ("Jean\u2028Dupont", "Jean Dupont"),
    ],
)
def test_invisible_characters_are_taken_out_of_a_one_line_text(saisi, attendu):
    assert nettoyer_texte(saisi) == attendu


@pytest.mark.parametrize(
    "texte",
    [
        "Gwenaëlle Le Goff",
        "Ti Lab — c'hoari, œuvre, ÉLÉONORE",
        "👩\u200d🌾 agricultrice",  # the zero-width joiner of an emoji stays
        "مدينة رين",  # right-to-left letters are letters
        "Mairie\u00a0de Brest",  # a non-breaking space is a space
    ],
)
def test_visible_text_is_left_as_it_is(texte):
    assert caracteres_invisibles(texte) == []
    assert nettoyer_texte(texte) == texte


def test_a_long_text_keeps_its_lines_and_tabs():
    assert nettoyer_texte(f"- un\n-{RLO} deux\r\n\tfin", multiligne=True) == "- un\n- deux\r\n\tfin"


class Formulaire(forms.Form):
    nom = ChampNom(max_length=20)
    titre = ChampTitre(max_length=40)
    texte = ChampTexte(required=False)


def test_a_name_is_cleaned_silently_and_a_title_is_refused_next_to_its_field():
    formulaire = Formulaire(
        {"nom": f" {RLO}evil{PDF} ", "titre": f"Car{RLO} du mardi", "texte": f"a\n{RLO}b"}
    )

    assert not formulaire.is_valid()
    assert formulaire.cleaned_data["nom"] == "evil"
    assert formulaire.cleaned_data["texte"] == "a\nb"
    assert formulaire.errors.as_data()["titre"][0].code == "caracteres_invisibles"
    assert "caractères invisibles" in formulaire.errors["titre"][0]
    # Shown again without them: sending the page again as it is goes through.
    assert formulaire["titre"].value() == "Car du mardi"
    assert Formulaire({"nom": "evil", "titre": formulaire["titre"].value()}).is_valid()


def test_a_name_made_only_of_invisible_characters_is_missing():
    formulaire = Formulaire({"nom": RLO + PDF, "titre": "Un titre"})

    assert formulaire.errors.as_data()["nom"][0].code == "required"
