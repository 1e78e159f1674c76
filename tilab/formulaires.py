"""How every form field of the site is written: :class:`Rendu`, the form renderer
(``FORM_RENDERER``), gives each form :class:`Champ` as its bound field, which writes a field's
group (label, help, optional mark, error, widget) in Python.

``templates/django/forms/field.html`` says what the group is, and stays the reference: the
tests render both for every kind of field (text, textarea, select, radio buttons, checkboxes,
with and without errors, help, optional, disabled, hidden) and compare them. A field that
names a template of its own is still rendered through it. Written in Python, a group costs
about a tenth of the template's time, and a page with fifteen fields (a COPIL member's vote)
spent a fifth of its time in them.
"""

from __future__ import annotations

from typing import Any

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tilab.typographie import typographier, typographier_html

GABARIT_DU_CHAMP = "django/forms/field.html"

FACULTATIF = ' <span class="field__optional">(facultatif)</span>'


def _aide(champ: BoundField) -> str:
    if not champ.help_text:
        return ""
    identifiant = format_html(' id="{}_helptext"', champ.auto_id) if champ.auto_id else ""
    # The help text is the developers' own, and may hold markup, as in the template (|safe);
    # labels and help are the portal's words, in French typography (tilab/typographie.py).
    aide = typographier_html(str(champ.help_text))
    return f'<div class="field__help"{identifiant}>{aide}</div>'


def _facultatif(champ: BoundField) -> str:
    return FACULTATIF if not champ.field.required and not champ.field.disabled else ""


def _etiquette(champ: BoundField, *, mention: bool) -> str:
    if not champ.label:
        return ""
    pour = format_html(' for="{}"', champ.id_for_label) if champ.id_for_label else ""
    suite = _facultatif(champ) if mention else ""
    etiquette = conditional_escape(typographier(str(champ.label)))
    return f'<label class="field__label"{pour}>{etiquette}{suite}</label>'


def groupe(champ: BoundField) -> SafeString:
    """What ``django/forms/field.html`` writes for ``champ``."""
    if champ.is_hidden:
        return SafeString(str(champ))
    erreurs = champ.errors
    erreurs_html = str(erreurs) if erreurs else ""
    sorte = champ.widget_type
    classes = "field"
    if erreurs:
        classes += " field--error"
    if sorte == "checkbox":
        classes += " field--checkbox"
    supplementaires = champ.css_classes()
    if supplementaires:
        classes += f" {conditional_escape(supplementaires)}"
    morceaux = [f'<div class="{classes}">']
    if champ.use_fieldset:
        decrit = champ.aria_describedby
        decrit_html = format_html(' aria-describedby="{}"', decrit) if decrit else ""
        legende = (
            f'<legend class="field__label">{conditional_escape(typographier(str(champ.label)))}'
            f"{_facultatif(champ)}</legend>"
            if champ.label
            else ""
        )
        morceaux += [
            f'<fieldset class="field__fieldset"{decrit_html}>',
            legende,
            _aide(champ),
            erreurs_html,
            str(champ),
            "</fieldset>",
        ]
    elif sorte == "checkbox":
        morceaux += [
            erreurs_html,
            '<div class="field__choice">',
            str(champ),
            _etiquette(champ, mention=False),
            "</div>",
            _aide(champ),
        ]
    else:
        morceaux += [_etiquette(champ, mention=True), _aide(champ), erreurs_html, str(champ)]
    morceaux.append("</div>")
    return mark_safe("\n".join(m for m in morceaux if m))  # noqa: S308 (each text escaped)


class Champ(BoundField):
    """A bound field whose group is written by :func:`groupe` (``as_field_group``)."""

    def render(
        self, template_name: str | None = None, context: Any = None, renderer: Any = None
    ) -> SafeString:
        nom = template_name or self.template_name
        if nom == GABARIT_DU_CHAMP and context is None and renderer is None:
            return groupe(self)
        return super().render(template_name, context, renderer)  # type: ignore[no-any-return]


class Rendu(TemplatesSetting):
    """Django's templates (``templates/django/forms/`` first), with :class:`Champ`."""

    bound_field_class = Champ
