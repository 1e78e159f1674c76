"""A field's group (label, help, optional mark, error, widget) written in Python by
``tilab.formulaires`` says exactly what ``templates/django/forms/field.html`` says, for every
kind of field, with and without errors."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.boundfield import BoundField
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from tilab.formulaires import GABARIT_DU_CHAMP, Champ, Rendu, groupe


class Echantillon(forms.Form):
    titre = forms.CharField(label="Titre", max_length=5, help_text="Cinq lettres <em>au plus</em>.")
    texte = forms.CharField(label="Texte <b>brut</b>", widget=forms.Textarea, required=False)
    commune = forms.ChoiceField(
        label="Commune", choices=[("", "—"), ("brest", "Brest"), ("rennes", "Rennes")]
    )
    avis = forms.ChoiceField(
        label="Avis", choices=[("oui", "Oui"), ("non", "Non")], widget=forms.RadioSelect
    )
    themes = forms.MultipleChoiceField(
        label="Thèmes",
        choices=[("eau", "Eau"), ("sante", "Santé")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Plusieurs possibles.",
    )
    accord = forms.BooleanField(label="J'accepte", help_text=mark_safe("Voir <a href='/'>ici</a>"))
    abonne = forms.BooleanField(label="S'abonner", required=False)
    fige = forms.CharField(label="Figé", disabled=True, required=False)
    sans_etiquette = forms.CharField(label="", required=False)
    cache = forms.CharField(widget=forms.HiddenInput, required=False)
    quand = forms.DateField(label="Quand", widget=forms.DateInput(attrs={"type": "date"}))


ENVOI_FAUTIF = {"titre": "beaucoup trop long", "commune": "nulle-part", "avis": "peut-etre"}


def par_le_gabarit(champ: BoundField) -> str:
    return str(BoundField.render(champ, GABARIT_DU_CHAMP))


@pytest.mark.parametrize("donnees", [None, {}, ENVOI_FAUTIF], ids=["vide", "envoi-vide", "fautif"])
def test_each_field_group_says_what_the_template_says(donnees):
    formulaire = Echantillon(data=donnees)
    if donnees is not None:
        assert not formulaire.is_valid()
    for champ in formulaire:
        assert isinstance(champ, Champ)
        python = str(champ.as_field_group())
        assert parse_html(python) == parse_html(par_le_gabarit(champ)), champ.name
        assert python == groupe(champ)


def test_a_group_escapes_labels_and_keeps_the_help_as_written():
    formulaire = Echantillon(data=ENVOI_FAUTIF)
    formulaire.is_valid()
    html = str(formulaire["texte"].as_field_group())
    assert "Texte &lt;b&gt;brut&lt;/b&gt;" in html and "(facultatif)" in html
    titre = str(formulaire["titre"].as_field_group())
    assert "Cinq lettres <em>au plus</em>." in titre
    assert "field--error" in titre and 'id="id_titre_error"' in titre
    assert "(facultatif)" not in str(formulaire["fige"].as_field_group())


def test_a_field_with_a_template_of_its_own_keeps_it(settings, tmp_path):
    gabarit = tmp_path / "tilab" / "tests" / "mon_champ.html"
    gabarit.parent.mkdir(parents=True)
    gabarit.write_text("<p>à part : {{ field.label }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]

    class AvecGabarit(forms.Form):
        nom = forms.CharField(label="Nom", template_name="tilab/tests/mon_champ.html")

    champ = AvecGabarit(renderer=Rendu())["nom"]
    # The portal's templates are set in French typography (tilab/typographie.py).
    assert str(champ.as_field_group()) == "<p>à part\u00a0: Nom</p>"


def test_the_portal_forms_say_what_the_template_says():
    from gouvernance.forms.copil import AbstentionForm, VoteForm

    for formulaire in (
        VoteForm(prefix="vote-1", data={"vote-1-avis": "rien"}),
        VoteForm(prefix="vote-2"),
        AbstentionForm(prefix="abstention-1", data={}),
    ):
        formulaire.is_valid()
        for champ in formulaire:
            assert parse_html(str(champ.as_field_group())) == parse_html(par_le_gabarit(champ))
