"""iCalendar (RFC 5545) for events, built with the ``icalendar`` library.

The library folds lines at 75 octets with CRLF endings and escapes TEXT values; this module only
chooses which properties a calendar and its events carry. Times are given in UTC (``Z``).

The feed of every upcoming event (:func:`flux_public`) is kept in the cache: the library
writes it character by character (about 0.4 ms an event), and calendar applications poll it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Func, TextField, Value
from django.db.models.aggregates import StringAgg
from django.db.models.functions import MD5
from django.utils import timezone
from icalendar import Calendar, Event, vText

from communautes.models import Evenement, EvenementQuerySet

PRODID = "-//Ti Lab//Portail du Ti Lab//FR"
NOM_DU_FLUX = "Événements du Ti Lab"

CLE_CACHE = "evenements:calendrier"
# How long a feed is kept when nothing changes: at most this long after a deployment that
# changes what the feed writes (the code is not part of the fingerprint), and a bound on what
# an unused feed occupies in the cache.
DUREE_CACHE = 60 * 60
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


@dataclass(frozen=True)
class Flux:
    """A rendered feed with what conditional requests compare: its fingerprint (the ETag)
    and when this version was first rendered (its Last-Modified)."""

    empreinte: str
    rendu_le: datetime
    contenu: str


def empreinte(evenements: EvenementQuerySet) -> str:
    """A fingerprint of what the feed shows of ``evenements``, in one query: the md5 of each
    event's columns (``CHAMPS_DU_FLUX``), joined in the feed's order, and hashed again, with
    the site's address the links are written with. It changes when an event of the feed is
    edited, published, withdrawn, added, deleted or ends."""
    ligne = Func(
        *(F(champ) for champ in CHAMPS_DU_FLUX),
        template="MD5(ROW(%(expressions)s)::text)",
        output_field=TextField(),
    )
    resultat = evenements.order_by().aggregate(
        empreinte=MD5(StringAgg(ligne, delimiter=Value(","), order_by=("debut", "id")))
    )
    site = hashlib.md5(settings.SITE_URL.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{resultat['empreinte'] or 'vide'}-{site}"


def flux_public() -> Flux:
    """The feed of every published upcoming event, from the cache (the site's shared
    DatabaseCache) while its fingerprint holds: two queries (the fingerprint, the cache's
    read); the events, their rendering and the cache's write when an event changed or the
    feed expired. One entry only, replaced when the fingerprint changes: its ``rendu_le`` is
    when the events last changed as far as the feed knows, which makes a true Last-Modified."""
    evenements = Evenement.objects.publies().a_venir()
    actuelle = empreinte(evenements)
    flux: Flux | None = cache.get(CLE_CACHE)
    if flux is None or flux.empreinte != actuelle:
        flux = Flux(
            empreinte=actuelle,
            rendu_le=timezone.now().replace(microsecond=0),
            contenu=calendrier(evenements.order_by("debut", "pk"), nom=NOM_DU_FLUX),
        )
        cache.set(CLE_CACHE, flux, DUREE_CACHE)
    return flux
