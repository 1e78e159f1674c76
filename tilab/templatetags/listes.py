"""The options of every ``<select>``, and of every group of radio buttons or checkboxes, of the
site, written in one pass.

Django renders each option through its own template include (``select_option.html``, which
includes ``attrs.html``): some 50 µs an option, so a list of 1,200 communes cost most of its
page's time. ``templates/django/forms/widgets/select.html`` calls :func:`options_select`
instead, which writes the same markup, about 3 µs an option, from the same
``widget.optgroups`` that Django computed: the selected and disabled options, the optgroups,
the values kept from a refused form are Django's own, only the writing is faster. An option
whose widget names another template than Django's ``select_option.html`` is still rendered
through that template.

Radio buttons and checkboxes are the same story (``input_option.html`` includes ``input.html``,
which includes ``attrs.html``, for each choice): a COPIL member's vote, twelve criteria of four
levels, spent two thirds of its page's time there.
``templates/django/forms/widgets/multiple_input.html`` calls :func:`options_multiples`.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.template.context import Context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, SafeString, mark_safe

register = template.Library()

# The template this module writes inline; any other one is included as Django would.
OPTION_DJANGO = "django/forms/widgets/select_option.html"


def _texte(valeur: Any, context: Context) -> str:
    """``{{ valeur }}``: localised and escaped like a template variable."""
    if type(valeur) is str:
        # The usual label, a plain text: what Django's escape does, without its lazy check.
        return html.escape(valeur) if context.autoescape else valeur
    return str(render_value_in_context(valeur, context))


def _chaine(valeur: Any, context: Context) -> str:
    """``{{ valeur|stringformat:'s' }}``, safe text staying safe as the filter keeps it."""
    if type(valeur) is str:
        return _texte(valeur, context)
    texte = stringformat(valeur, "s")
    if isinstance(valeur, SafeData):
        texte = mark_safe(texte)  # noqa: S308 (safe already: the filter keeps it so)
    return _texte(texte, context)


def attributs(attrs: dict[str, Any], context: Context) -> str:
    """``django/forms/widgets/attrs.html``: `` name="value"``, a bare name for True, nothing
    for False."""
    morceaux = []
    for nom, valeur in attrs.items():
        if valeur is False:
            continue
        if valeur is True:
            morceaux.append(f" {_texte(nom, context)}")
        else:
            morceaux.append(f' {_texte(nom, context)}="{_chaine(valeur, context)}"')
    return "".join(morceaux)


def _par_son_gabarit(option: dict[str, Any], context: Context) -> str:
    """``{% include option.template_name with widget=option %}``: an option whose widget names
    a template of its own."""
    assert context.template is not None  # set while the widget's template renders
    gabarit = context.template.engine.get_template(option["template_name"])
    with context.push(widget=option):
        return str(gabarit.render(context))


def _option(option: dict[str, Any], context: Context) -> str:
    if option["template_name"] != OPTION_DJANGO:
        return _par_son_gabarit(option, context)
    return (
        f'<option value="{_chaine(option["value"], context)}"'
        f"{attributs(option['attrs'], context)}>{_texte(option['label'], context)}</option>"
    )


@register.simple_tag(takes_context=True)
def options_select(context: Context, widget: dict[str, Any]) -> SafeString:
    """The ``<optgroup>`` and ``<option>`` elements of a select widget's context, one a line."""
    morceaux = []
    for groupe, options, _index in widget["optgroups"]:
        if groupe:
            morceaux.append(f'\n<optgroup label="{_texte(groupe, context)}">')
        morceaux.extend(f"\n{_option(option, context)}" for option in options)
        if groupe:
            morceaux.append("\n</optgroup>")
    return mark_safe("".join(morceaux))  # noqa: S308 (every text in it escaped above)


# The templates of a radio button's and a checkbox's choice, written inline by
# :func:`options_multiples` (both are Django's ``input_option.html`` with a line break after it).
OPTIONS_CASES = {
    "django/forms/widgets/radio_option.html",
    "django/forms/widgets/checkbox_option.html",
}


def _case(option: dict[str, Any], context: Context) -> str:
    if option["template_name"] not in OPTIONS_CASES:
        return _par_son_gabarit(option, context)
    attrs = option["attrs"]
    valeur = option["value"]
    champ = (
        f'<input type="{_texte(option["type"], context)}" name="{_texte(option["name"], context)}"'
        + (f' value="{_chaine(valeur, context)}"' if valeur is not None else "")
        + f"{attributs(attrs, context)}>\n"
    )
    if option.get("wrap_label"):
        pour = f' for="{_texte(attrs["id"], context)}"' if attrs.get("id") else ""
        champ = f"<label{pour}>{champ} {_texte(option['label'], context)}</label>"
    # Each included template ends with a line break, as Django's files do.
    return f"{champ}\n\n"


@register.simple_tag(takes_context=True)
def options_multiples(context: Context, widget: dict[str, Any]) -> SafeString:
    """The choices of a radio or checkbox widget's context, as Django's
    ``multiple_input.html`` writes them inside its ``<div>``."""
    morceaux = []
    for groupe, options, _index in widget["optgroups"]:
        if groupe:
            morceaux.append(f"\n  <div><label>{_texte(groupe, context)}</label>")
        morceaux.extend(f"<div>\n    {_case(option, context)}</div>" for option in options)
        if groupe:
            morceaux.append("\n  </div>")
    return mark_safe("".join(morceaux))  # noqa: S308 (every text in it escaped above)
