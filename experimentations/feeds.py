"""The Atom feed of experiments (``/experimentations/flux/``): the last ones the COPIL
launched, newest first, each with its summary and state; served from the cache while none of
them changed (:func:`tilab.flux.servir_en_cache`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from experimentations.models import Experimentation
from tilab.flux import NB_ENTREES, empreintes_des_lignes, enregistrer_flux, servir_en_cache
from tilab.markdown import rendre_markdown

# What an entry shows, read by the fingerprint: a change of any of them renders the feed again.
CHAMPS_DU_FLUX = ("id", "titre", "slug", "resume", "statut", "cree_le", "modifiee_le")


def _recentes() -> QuerySet[Experimentation]:
    # Every experiment is public; newest first along the list's index.
    return Experimentation.objects.publiques().order_by("-cree_le", "-id")


class ExperimentationsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    # RFC 4287 (4.1.1): a feed names its author, unless each of its entries does.
    author_name = "Ti Lab"
    title = "Les expérimentations du Ti Lab"
    subtitle = "Chaque expérimentation lancée par le COPIL, avec son résumé et son état."

    def link(self) -> str:
        return reverse("experimentations:index")

    def items(self) -> list[Experimentation]:
        return list(_recentes().only(*CHAMPS_DU_FLUX)[:NB_ENTREES])

    def item_title(self, item: Experimentation) -> str:
        return item.titre

    def item_description(self, item: Experimentation) -> str:
        return format_html(
            "<p>État : {}</p>{}", item.get_statut_display(), rendre_markdown(item.resume)
        )

    def item_pubdate(self, item: Experimentation) -> datetime:
        return item.cree_le

    def item_updateddate(self, item: Experimentation) -> datetime:
        return item.modifiee_le


def lignes_du_flux() -> QuerySet[Any]:
    return empreintes_des_lignes(_recentes(), CHAMPS_DU_FLUX)[:NB_ENTREES]


def flux_des_experimentations(request: HttpRequest) -> HttpResponse:
    """``/experimentations/flux/``: the feed, from the cache while its fingerprint holds."""
    return servir_en_cache(request, ExperimentationsFeed(), lignes_du_flux())


def enregistrer() -> None:
    """List the feed on ``/donnees/`` and advertise it on the section's pages."""
    enregistrer_flux(
        "experimentations",
        titre="Les expérimentations",
        description=str(ExperimentationsFeed.subtitle),
        ordre=30,
        url_name="experimentations:flux",
        sections={"/experimentations/"},
    )
