"""French typography in templates (tilab/typographie.py): a builtin of every template
(``TEMPLATES`` in tilab/settings.py), so no template loads it.

``date`` replaces Django's filter of that name: ``{{ x|date:"j F Y à H:i" }}`` writes
« 1 décembre 2026 à 14 h 30 » with its no-break spaces, wherever a template writes a date.
Machine formats (``'c'``, ``'Y-m-d'``) come out as Django writes them.
"""

from __future__ import annotations

from datetime import date as date_
from datetime import datetime, time
from typing import Any

from django import template
from django.utils.safestring import SafeData, mark_safe

from tilab.dates import date_francaise, heure_francaise
from tilab.typographie import typographier, typographier_html

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(valeur: date_ | datetime | None, format: str | None = None) -> str:
    """Django's ``date`` filter, in French typography: a date's day, month and year on one
    line, a time written « 9 h » or « 14 h 30 »."""
    if valeur in (None, ""):
        return ""
    try:
        return date_francaise(valeur, format or "DATE_FORMAT")  # type: ignore[arg-type]
    except (AttributeError, TypeError):
        return ""


@register.filter(expects_localtime=True, is_safe=False)
def heure(valeur: datetime | time | None) -> str:
    """« 9 h », « 14 h 30 »: the time of a datetime or a time."""
    if valeur in (None, ""):
        return ""
    try:
        return heure_francaise(valeur)  # type: ignore[arg-type]
    except AttributeError:
        return ""


@register.filter(is_safe=True)
def typographie(valeur: Any) -> str:
    """The no-break spaces of French typography in a text the portal writes itself (a
    message, a form's label or help): HTML already safe keeps its tags and code as they are."""
    if isinstance(valeur, SafeData):
        # Only spaces are replaced: what was safe stays safe.
        return mark_safe(typographier_html(str(valeur)))  # noqa: S308
    return typographier(str(valeur))
