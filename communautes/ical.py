"""iCalendar (RFC 5545) for events, built with the ``icalendar`` library.

The library folds lines at 75 octets with CRLF endings and escapes TEXT values; this module only
chooses which properties a calendar and its events carry. Times are given in UTC (``Z``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from communautes.models import Evenement

PRODID = "-//Ti Lab//Portail du Ti Lab//FR"


def _utc(moment: datetime) -> datetime:
    # A UTC value is written with ``Z`` and needs no VTIMEZONE; seconds are enough for a calendar.
    return moment.astimezone(UTC).replace(microsecond=0)


def _vevent(e: Evenement, horodatage: datetime, domaine: str) -> Event:
    lien = f"{settings.SITE_URL}{e.get_absolute_url()}"
    description = e.description
    if e.lien_en_ligne:
        description += f"\n\nEn ligne : {e.lien_en_ligne}"
    description += f"\n\n{lien}"
    evenement = Event()
    evenement.add("uid", f"evenement-{e.pk}@{domaine}")
    evenement.add("dtstamp", horodatage)
    evenement.add("dtstart", _utc(e.debut))
    evenement.add("dtend", _utc(e.fin))
    evenement.add("summary", e.titre)
    evenement.add("description", description)
    evenement.add("url", lien)
    evenement.add("categories", [str(e.get_type_display())])
    if e.lieu:
        evenement.add("location", e.lieu)
    elif e.lien_en_ligne:
        evenement.add("location", e.lien_en_ligne)
    return evenement


def calendrier(evenements: Iterable[Evenement], *, nom: str) -> str:
    """A VCALENDAR holding one VEVENT per event, serialised once."""
    horodatage = _utc(timezone.now())
    domaine = urlsplit(settings.SITE_URL).hostname or "tilab"
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # An X- property is of unknown type to the library: vText gives it TEXT escaping.
    cal.add("x-wr-calname", vText(nom))
    for e in evenements:
        cal.add_component(_vevent(e, horodatage, domaine))
    # Unsorted keeps the properties in the order added above, the order the feed always had.
    return cal.to_ical(sorted=False).decode("utf-8")
