"""Dates and times as the portal writes them in French: « 1 décembre 2026 à 14 h 30 »,
« 9 h », with the no-break spaces of French typography (tilab/typographie.py)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.utils import dateformat, timezone
from django.utils.formats import get_format

from tilab.typographie import INSECABLE

# A time inside a date format: « 14 h 30 » is written by heure_francaise, not by the format.
_HEURE_DANS_LE_FORMAT = re.compile(r"(H:i|G:i)")
# In a date format, the spaces between a day and its month and between a month and its year
# (« 1 décembre 2026 » on one line): the characters of Django's date formats.
_JOUR_MOIS = re.compile(r"(?<=[djS]) (?=[FMNEbn])")
_MOIS_ANNEE = re.compile(r"(?<=[FMNEbn]) (?=[Yyo])")


def heure_francaise(moment: datetime | time) -> str:
    """« 9 h », « 14 h 30 », « 0 h 05 »: the time of ``moment`` (local time if it is an aware
    datetime), with no-break spaces (tilab/typographie.py)."""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    if moment.minute:
        return f"{moment.hour}{INSECABLE}h{INSECABLE}{moment.minute:02d}"
    return f"{moment.hour}{INSECABLE}h"


def date_francaise(valeur: date | datetime | time, format: str = "DATE_FORMAT") -> str:
    """``valeur`` written with a Django date format (``"j F Y"``, ``"l j F Y à H:i"``, or a
    format's name, the date alone by default), in French typography: « 1 décembre 2026 »
    never breaks, the time is « 14 h 30 » (:func:`heure_francaise`). The ``date`` filter of
    every template is this function (tilab/templatetags/typographie.py); an aware datetime is
    written as given, so code passes ``timezone.localtime(...)`` as it would to Django's
    ``date_format``."""
    morceaux = []
    for morceau in _HEURE_DANS_LE_FORMAT.split(get_format(format)):
        if morceau in ("H:i", "G:i"):
            if not isinstance(valeur, (datetime, time)):
                raise AttributeError(f"{valeur!r} n'a pas d'heure")
            morceaux.append(heure_francaise(valeur))
        elif morceau:
            morceau = _MOIS_ANNEE.sub(INSECABLE, _JOUR_MOIS.sub(INSECABLE, morceau))
            morceaux.append(dateformat.format(valeur, morceau))
    return "".join(morceaux)
