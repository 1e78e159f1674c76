"""Every form field in the site renders with its label, help and error tied to the widget."""

from __future__ import annotations

import re

from django import forms


class DemandeForm(forms.Form):
    nom = forms.CharField(label="Nom", help_text="Tel qu'il apparaîtra sur le site.")
    presentation = forms.CharField(label="Présentation", required=False, widget=forms.Textarea)
    accord = forms.BooleanField(label="J'accepte la charte")
    frequence = forms.ChoiceField(
        label="Fréquence",
        choices=[("mois", "Chaque mois"), ("an", "Chaque année")],
        widget=forms.RadioSelect,
        help_text="Une seule réponse.",
    )
    jeton = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("La demande ne peut pas être enregistrée.")


def _attr(html: str, tag_id: str, name: str) -> str | None:
    tag = re.search(rf'<[^>]*\bid="{tag_id}"[^>]*>', html)
    assert tag, f"no element with id {tag_id}"
    value = re.search(rf'\b{name}="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def test_field_in_error_points_to_its_help_and_error_message():
    form = DemandeForm(data={"nom": ""})
    form.is_valid()
    html = str(form["nom"].as_field_group())

    assert '<label class="field__label" for="id_nom">Nom' in html
    assert _attr(html, "id_nom", "aria-invalid") == "true"
    assert _attr(html, "id_nom", "aria-describedby") == "id_nom_helptext id_nom_error"
    assert 'id="id_nom_helptext">Tel qu' in html
    assert re.search(r'id="id_nom_error"><li>.*Ce champ est obligatoire\.</li>', html)
    # The message sits between the label and the input, not at the top of the form.
    assert html.index("id_nom_error") < html.index('name="nom"')


def test_valid_field_is_not_marked_invalid():
    form = DemandeForm(data={"nom": "Anne"})
    form.is_valid()
    html = str(form["nom"].as_field_group())

    assert "aria-invalid" not in html
    assert _attr(html, "id_nom", "aria-describedby") == "id_nom_helptext"
    assert "errorlist" not in html


def test_optional_fields_say_so_and_required_ones_carry_the_attribute():
    form = DemandeForm()

    assert "(facultatif)" in str(form["presentation"].as_field_group())
    assert "(facultatif)" not in str(form["nom"].as_field_group())
    assert re.search(r'<input[^>]*name="nom"[^>]*\brequired\b', str(form["nom"]))


def test_checkbox_comes_before_its_label():
    html = str(DemandeForm()["accord"].as_field_group())

    assert html.index('type="checkbox"') < html.index('<label class="field__label" for="id_accord"')


def test_radio_group_is_a_fieldset_described_by_help_and_error():
    form = DemandeForm(data={})
    form.is_valid()
    html = str(form["frequence"].as_field_group())

    assert re.search(
        r'<fieldset class="field__fieldset" aria-describedby="id_frequence_helptext '
        r'id_frequence_error">\s*<legend class="field__label">Fréquence',
        html,
    )


def test_whole_form_shows_form_errors_first_and_keeps_hidden_fields():
    form = DemandeForm(data={"nom": "Anne"})
    form.is_valid()
    html = str(form)

    assert html.lstrip().startswith('<ul class="errorlist nonfield">')
    assert "La demande ne peut pas être enregistrée." in html
    assert '<input type="hidden" name="jeton"' in html
    # One wrapper per field, as with as_field_group.
    assert len(re.findall(r'<div class="field[ "]', html)) == 4
