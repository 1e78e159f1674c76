"""iCalendar (RFC 5545) for events, built with the ``icalendar`` library.

The library folds lines at 75 octets with CRLF endings and escapes TEXT values; this module only
chooses which properties a calendar and its events carry. Times are given in UTC (``Z``).

The feed of every upcoming event (``/evenements.ics``) is kept in the cache like the portal's
Atom feeds (:func:`tilab.flux.servir_en_cache`, fingerprinted by :func:`empreintes_du_flux`):
the library writes it character by character (about 0.4 ms an event), and calendar
applications poll it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vText

from communautes.models import Evenement, EvenementQuerySet
from tilab.flux import empreinte_de_toutes_les_lignes

PRODID = "-//Ti Lab//Portail du Ti Lab//FR"
NOM_DU_FLUX = "Événements du Ti Lab"
NOM_DU_FICHIER = "evenements-ti-lab.ics"
# The public feed's entries in the cache (tilab.flux.servir_en_cache), one per fingerprint.
CLE_CACHE = "evenements:calendrier"
# The columns of an event the feed writes (see _vevent): a change to any of them, by any path
# (the back office, a script's update()), changes the fingerprint and so the feed.
CHAMPS_DU_FLUX = (
    "id",
    "titre",
    "slug",
    "type",
    "debut",
    "fin",
    "lieu",
    "lien_en_ligne",
    "description",
)


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


def reponse_ical(contenu: str, nom_fichier: str) -> HttpResponse:
    """A calendar file, named ``nom_fichier`` for whoever saves it."""
    reponse = HttpResponse(contenu.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return reponse


def evenements_du_flux() -> EvenementQuerySet:
    """Every published upcoming event: what the public feed carries."""
    return Evenement.objects.publies().a_venir()


def empreintes_du_flux() -> list[str]:
    """The fingerprint of what the public feed shows, in one query: every event's columns
    (``CHAMPS_DU_FLUX``) in the feed's order, with the site's address the links are written
    with. It changes when an event of the feed is edited, published, withdrawn, added, deleted
    or ends."""
    return [
        empreinte_de_toutes_les_lignes(evenements_du_flux(), CHAMPS_DU_FLUX, ("debut", "id")),
        settings.SITE_URL,
    ]


def rendre_le_flux_public(request: HttpRequest) -> HttpResponse:
    """The calendar file of every published upcoming event, rendered (the events' query and
    their writing)."""
    return reponse_ical(
        calendrier(evenements_du_flux().order_by("debut", "pk"), nom=NOM_DU_FLUX),
        NOM_DU_FICHIER,
    )
