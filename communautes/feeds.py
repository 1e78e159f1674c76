"""The Atom feeds of communities (``/communautes/flux/``) and events (``/evenements/flux/``),
served from the cache while none of their entries changed (:func:`tilab.flux.servir_en_cache`).

Communities come newest first, each with its kind, state and purpose. Events come by their
start, the furthest first: the upcoming ones, then the recent ones, each with its date, place
and description; an unpublished event never leaves.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from communautes.ical import CHAMPS_DU_FLUX
from communautes.models import Communaute, Evenement
from tilab.dates import date_francaise
from tilab.flux import NB_ENTREES, empreintes_des_lignes, enregistrer_flux, servir_en_cache
from tilab.markdown import rendre_markdown

# What an entry shows, read by the fingerprint: a change of any of them renders the feed again.
CHAMPS_COMMUNAUTES = ("id", "nom", "slug", "type", "statut", "objet", "cree_le", "modifiee_le")
# The calendar's columns, and the entry's date.
CHAMPS_EVENEMENTS = (*CHAMPS_DU_FLUX, "cree_le")


def _communautes() -> QuerySet[Communaute]:
    # Newest first, along the index kept for this order.
    return Communaute.objects.publiques().order_by("-cree_le", "-id")


def _evenements() -> QuerySet[Evenement]:
    # Published only, along the « recent » index (which holds ``publie``).
    return Evenement.objects.publies().order_by("-debut", "-id")


class CommunautesFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    # RFC 4287 (4.1.1): a feed names its author, unless each of its entries does.
    author_name = "Ti Lab"
    title = "Les communautés du Ti Lab"
    subtitle = (
        "Chaque communauté d'intérêt ou de pratique formée avec le Ti Lab : pourquoi elle "
        "existe et comment la rejoindre."
    )

    def link(self) -> str:
        return reverse("communautes:index")

    def items(self) -> list[Communaute]:
        return list(_communautes().only(*CHAMPS_COMMUNAUTES)[:NB_ENTREES])

    def item_title(self, item: Communaute) -> str:
        return item.nom

    def item_description(self, item: Communaute) -> str:
        return format_html(
            "<p>{} · {}</p>{}",
            item.get_type_display(),
            item.get_statut_display(),
            rendre_markdown(item.objet),
        )

    def item_pubdate(self, item: Communaute) -> datetime:
        return item.cree_le

    def item_updateddate(self, item: Communaute) -> datetime:
        return item.modifiee_le


class EvenementsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    # RFC 4287 (4.1.1): a feed names its author, unless each of its entries does.
    author_name = "Ti Lab"
    title = "Les événements du Ti Lab"
    subtitle = (
        "Rencontres, ateliers et retours d'expérience : les prochains et les plus récents, "
        "avec leur date et leur lieu."
    )

    def link(self) -> str:
        return reverse("evenements:index")

    def items(self) -> list[Evenement]:
        return list(_evenements().only(*CHAMPS_EVENEMENTS)[:NB_ENTREES])

    def item_title(self, item: Evenement) -> str:
        return item.titre

    def item_description(self, item: Evenement) -> str:
        quand = date_francaise(timezone.localtime(item.debut), "l j F Y à H:i")
        ou = item.lieu or ("En ligne" if item.lien_en_ligne else "")
        return format_html(
            "<p>{} · {}{}</p>{}",
            item.get_type_display(),
            quand,
            f" · {ou}" if ou else "",
            rendre_markdown(item.description),
        )

    def item_pubdate(self, item: Evenement) -> datetime:
        return item.cree_le

    def item_updateddate(self, item: Evenement) -> datetime:
        return item.cree_le


def lignes_des_communautes() -> QuerySet[Any]:
    return empreintes_des_lignes(_communautes(), CHAMPS_COMMUNAUTES)[:NB_ENTREES]


def lignes_des_evenements() -> QuerySet[Any]:
    return empreintes_des_lignes(_evenements(), CHAMPS_EVENEMENTS)[:NB_ENTREES]


def flux_des_communautes(request: HttpRequest) -> HttpResponse:
    """``/communautes/flux/``: the feed, from the cache while its fingerprint holds."""
    return servir_en_cache(request, CommunautesFeed(), lignes_des_communautes())


def flux_des_evenements(request: HttpRequest) -> HttpResponse:
    """``/evenements/flux/``: the feed, from the cache while its fingerprint holds."""
    return servir_en_cache(request, EvenementsFeed(), lignes_des_evenements())


def enregistrer() -> None:
    """List both feeds on ``/donnees/`` and advertise each on its section's pages."""
    enregistrer_flux(
        "communautes",
        titre="Les communautés",
        description=str(CommunautesFeed.subtitle),
        ordre=20,
        url_name="communautes:flux",
        sections={"/communautes/"},
    )
    enregistrer_flux(
        "evenements",
        titre="Les événements",
        description=str(EvenementsFeed.subtitle),
        ordre=25,
        url_name="evenements:flux",
        sections={"/evenements/"},
    )
