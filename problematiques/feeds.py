"""The Atom feed of newly opened problems (``/problematiques/flux/``): the last published
problems, newest first, each with what is observed on the field; served from the cache while
none of them changed (:func:`tilab.flux.servir_en_cache`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from problematiques.models import Problematique
from tilab.flux import NB_ENTREES, empreintes_des_lignes, enregistrer_flux, servir_en_cache
from tilab.markdown import rendre_markdown

# What an entry shows, read by the fingerprint: a change of any of them renders the feed again.
CHAMPS_DU_FLUX = ("id", "titre", "slug", "constat", "statut", "publiee_le")


def _publiees() -> QuerySet[Problematique]:
    # Published only (a report under qualification never leaves), along the list's index.
    return Problematique.objects.publiques().order_by(
        F("publiee_le").desc(nulls_last=True), F("id").desc()
    )


class ProblematiquesFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    # RFC 4287 (4.1.1): a feed names its author, unless each of its entries does.
    author_name = "Ti Lab"
    title = "Problématiques nouvellement ouvertes au Ti Lab"
    subtitle = (
        "Les problèmes remontés du terrain que le Ti Lab vient de rendre publics : chacun peut "
        "dire « nous aussi » et proposer son expertise."
    )

    def link(self) -> str:
        return reverse("problematiques:index")

    def items(self) -> list[Problematique]:
        return list(_publiees().only(*CHAMPS_DU_FLUX)[:NB_ENTREES])

    def item_title(self, item: Problematique) -> str:
        return item.titre

    def item_description(self, item: Problematique) -> str:
        return format_html(
            "<p>État : {}</p>{}", item.get_statut_display(), rendre_markdown(item.constat)
        )

    def item_pubdate(self, item: Problematique) -> datetime | None:
        return item.publiee_le

    def item_updateddate(self, item: Problematique) -> datetime | None:
        return item.publiee_le


def lignes_du_flux() -> QuerySet[Any]:
    return empreintes_des_lignes(_publiees(), CHAMPS_DU_FLUX)[:NB_ENTREES]


def flux_des_problematiques(request: HttpRequest) -> HttpResponse:
    """``/problematiques/flux/``: the feed, from the cache while its fingerprint holds."""
    return servir_en_cache(request, ProblematiquesFeed(), lignes_du_flux())


def enregistrer() -> None:
    """List the feed on ``/donnees/`` and advertise it on the section's pages."""
    enregistrer_flux(
        "problematiques",
        titre="Problématiques nouvellement ouvertes",
        description=str(ProblematiquesFeed.subtitle),
        ordre=10,
        url_name="problematiques:flux",
        sections={"/problematiques/"},
    )
