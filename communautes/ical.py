"""iCalendar (RFC 5545) for events, written by hand: the few properties a calendar needs.

Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character); text values
escape backslashes, semicolons, commas and newlines; times are in UTC with ``Z``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from communautes.models import Evenement

PRODID = "-//Ti Lab//Portail du Ti Lab//FR"
LONGUEUR_MAX = 75


def echapper(texte: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    return (
        texte.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def plier(ligne: str) -> str:
    """Fold a content line at 75 octets, continuation lines starting with one space."""
    morceaux: list[str] = []
    courant = ""
    taille = 0
    limite = LONGUEUR_MAX
    for caractere in ligne:
        octets = len(caractere.encode("utf-8"))
        if taille + octets > limite:
            morceaux.append(courant)
            courant, taille = "", 0
            limite = LONGUEUR_MAX - 1  # the leading space counts
        courant += caractere
        taille += octets
    morceaux.append(courant)
    return "\r\n ".join(morceaux)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _vevent(e: Evenement, horodatage: str) -> list[str]:
    lien = f"{settings.SITE_URL}{e.get_absolute_url()}"
    description = e.description
    if e.lien_en_ligne:
        description += f"\n\nEn ligne : {e.lien_en_ligne}"
    description += f"\n\n{lien}"
    lignes = [
        "BEGIN:VEVENT",
        f"UID:evenement-{e.pk}@{urlsplit(settings.SITE_URL).hostname or 'tilab'}",
        f"DTSTAMP:{horodatage}",
        f"DTSTART:{_utc(e.debut)}",
        f"DTEND:{_utc(e.fin)}",
        f"SUMMARY:{echapper(e.titre)}",
        f"DESCRIPTION:{echapper(description)}",
        f"URL:{lien}",
        f"CATEGORIES:{echapper(str(e.get_type_display()))}",
    ]
    if e.lieu:
        lignes.append(f"LOCATION:{echapper(e.lieu)}")
    elif e.lien_en_ligne:
        lignes.append(f"LOCATION:{echapper(e.lien_en_ligne)}")
    lignes.append("END:VEVENT")
    return lignes


def calendrier(evenements: Iterable[Evenement], *, nom: str) -> str:
    """A VCALENDAR holding one VEVENT per event."""
    horodatage = _utc(timezone.now())
    lignes = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{echapper(nom)}",
    ]
    for e in evenements:
        lignes += _vevent(e, horodatage)
    lignes.append("END:VCALENDAR")
    return "".join(plier(ligne) + "\r\n" for ligne in lignes)
