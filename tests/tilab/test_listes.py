"""The site's selects (templates/django/forms/widgets/select.html, tilab/templatetags/listes.py)
write their options without a template per option, and say exactly what Django's own
templates say: same options, values, labels, optgroups, selected and disabled states, and the
attributes the forms put on the select (ids, ``required``, ``aria-invalid``, ``aria-describedby``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.test.html import parse_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

# Django's own templates only, next to the site's (FORM_RENDERER).
DJANGO = DjangoTemplates()
SITE = TemplatesSetting()

GROUPES = [
    ("", "— Choisir —"),
    ("Finistère", [("brest", "Brest"), ("quimper", "Quimper (commune)")]),
    ("Côtes-d'Armor", [("lannion", "Lannion & environs <nord>")]),
    ("seul", 'Sans groupe "entre guillemets"'),
]


class SelectAvecDesactivees(forms.Select):
    """A select greying out some options, as a form may do through ``create_option``."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        if option["value"] == "quimper":
            option["attrs"]["disabled"] = True
        option["attrs"]["data-rang"] = option["index"]
        return option


class OptionAPart(forms.Select):
    option_template_name = "tilab/tests/option_a_part.html"


CAS = [
    pytest.param(forms.Select(choices=GROUPES), "quimper", {}, id="groupes-choix"),
    pytest.param(forms.Select(choices=GROUPES), None, {}, id="rien-de-choisi"),
    pytest.param(
        forms.SelectMultiple(choices=GROUPES), ["brest", "lannion"], {}, id="plusieurs-choix"
    ),
    pytest.param(
        forms.Select(choices=GROUPES),
        "lannion",
        {
            "id": "id_territoire",
            "required": True,
            "aria-invalid": "true",
            "aria-describedby": "id_territoire_helptext id_territoire_error",
            "size": 8,
            "disabled": False,
        },
        id="erreur-et-attributs",
    ),
    pytest.param(SelectAvecDesactivees(choices=GROUPES), "brest", {}, id="desactivees"),
    pytest.param(
        forms.Select(
            choices=[
                (1, gettext_lazy("Oui")),
                (2, Decimal("1.5")),
                (3, date(2026, 3, 1)),
                (mark_safe("a&amp;b"), mark_safe("<b>sûr</b>")),  # noqa: S308 (test of safe text)
            ]
        ),
        "2",
        {},
        id="libelles-non-textes",
    ),
    pytest.param(forms.NullBooleanSelect(), True, {}, id="oui-non-inconnu"),
]


@pytest.mark.parametrize(("widget", "valeur", "attrs"), CAS)
def test_a_select_says_what_django_says(widget, valeur, attrs):
    site = widget.render("territoire", valeur, attrs, renderer=SITE)
    django = widget.render("territoire", valeur, attrs, renderer=DJANGO)

    assert parse_html(site) == parse_html(django)
    assert "<option" in site


def test_an_option_with_its_own_template_keeps_it(settings, tmp_path):
    gabarit = tmp_path / "tilab" / "tests" / "option_a_part.html"
    gabarit.parent.mkdir(parents=True)
    gabarit.write_text(
        '<option value="{{ widget.value }}" class="a-part">{{ widget.label }}</option>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]

    html = OptionAPart(choices=GROUPES).render("t", "brest", renderer=TemplatesSetting())

    assert parse_html(html) == parse_html(
        '<select name="t"><option value="" class="a-part">— Choisir —</option>'
        '<optgroup label="Finistère"><option value="brest" class="a-part">Brest</option>'
        '<option value="quimper" class="a-part">Quimper (commune)</option></optgroup>'
        '<optgroup label="Côtes-d\'Armor"><option value="lannion" class="a-part">'
        "Lannion &amp; environs &lt;nord&gt;</option></optgroup>"
        '<option value="seul" class="a-part">Sans groupe "entre guillemets"</option></select>'
    )


def test_a_long_list_is_one_line_an_option():
    choix = [(str(i), f"Commune {i}") for i in range(1200)]

    html = forms.Select(choices=choix).render("commune", "600", renderer=SITE)

    assert html.count("<option") == html.count("\n<option") == 1200
    assert '\n<option value="600" selected>Commune 600</option>\n' in html


CASES = [
    pytest.param(forms.RadioSelect(choices=GROUPES[1:]), "quimper", {}, id="radio-groupes"),
    pytest.param(
        forms.RadioSelect(choices=[(0, "0 — Isolé"), (1, "1 — Local <b>"), (2, Decimal("2.5"))]),
        1,
        {"id": "id_critere_3", "required": True, "aria-invalid": "true"},
        id="radio-ids-et-erreur",
    ),
    pytest.param(forms.RadioSelect(choices=GROUPES), None, {}, id="radio-rien-de-choisi"),
    pytest.param(
        forms.CheckboxSelectMultiple(choices=GROUPES),
        ["brest", "seul"],
        {"id": "id_themes", "class": "cases"},
        id="cases-plusieurs",
    ),
    pytest.param(
        forms.CheckboxSelectMultiple(
            choices=[(mark_safe("a&amp;b"), mark_safe("<b>sûr</b>")), (2, gettext_lazy("Oui"))]  # noqa: S308 (test of safe text)
        ),
        [2],
        {"id": "id_x"},
        id="cases-libelles-non-textes",
    ),
]


@pytest.mark.parametrize(("widget", "valeur", "attrs"), CASES)
def test_radio_buttons_and_checkboxes_say_what_django_says(widget, valeur, attrs):
    site = widget.render("choix", valeur, attrs, renderer=SITE)
    django = widget.render("choix", valeur, attrs, renderer=DJANGO)

    assert site == django
    assert "<input" in site


def test_a_vote_form_says_what_django_says():
    from gouvernance.forms.copil import VoteForm

    formulaire = VoteForm(prefix="vote-1", data={"vote-1-avis": "rien"})
    formulaire.is_valid()
    for champ in formulaire:
        site = champ.field.widget.render(champ.html_name, champ.value(), {}, renderer=SITE)
        django = champ.field.widget.render(champ.html_name, champ.value(), {}, renderer=DJANGO)
        assert site == django
