"""The Atom feed of the documentation base (``/documentation/flux/``): the last published pages,
newest first, each with its kind and summary, its « updated » the page's last change; served
from the cache while none of them changed (:func:`tilab.flux.servir_en_cache`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from documentation.models import Page
from tilab.flux import NB_ENTREES, empreintes_des_lignes, enregistrer_flux, servir_en_cache
from tilab.markdown import rendre_markdown

# What an entry shows, read by the fingerprint: a change of any of them renders the feed again.
CHAMPS_DU_FLUX = ("id", "titre", "slug", "sorte", "resume", "publiee_le", "modifiee_le")


def _publiees() -> QuerySet[Page]:
    # Published only (no draft, no page in review, no archived page), along the list's index.
    return Page.objects.publiees().order_by("-publiee_le", "-id")


class DocumentationFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    # RFC 4287 (4.1.1): a feed names its author, unless each of its entries does.
    author_name = "Ti Lab"
    title = "La documentation du Ti Lab"
    subtitle = (
        "Les pages de documentation publiées : méthodes, retours d'expérience et outils, "
        "réutilisables en commun."
    )

    def link(self) -> str:
        return reverse("documentation:index")

    def items(self) -> list[Page]:
        return list(_publiees().only(*CHAMPS_DU_FLUX)[:NB_ENTREES])

    def item_title(self, item: Page) -> str:
        return item.titre

    def item_description(self, item: Page) -> str:
        return format_html("<p>{}</p>{}", item.get_sorte_display(), rendre_markdown(item.resume))

    def item_pubdate(self, item: Page) -> datetime | None:
        return item.publiee_le

    def item_updateddate(self, item: Page) -> datetime:
        return item.modifiee_le


def lignes_du_flux() -> QuerySet[Any]:
    return empreintes_des_lignes(_publiees(), CHAMPS_DU_FLUX)[:NB_ENTREES]


def flux_de_la_documentation(request: HttpRequest) -> HttpResponse:
    """``/documentation/flux/``: the feed, from the cache while its fingerprint holds."""
    return servir_en_cache(request, DocumentationFeed(), lignes_du_flux())


def enregistrer() -> None:
    """List the feed on ``/donnees/`` and advertise it on the section's pages."""
    enregistrer_flux(
        "documentation",
        titre="La documentation",
        description=str(DocumentationFeed.subtitle),
        ordre=50,
        url_name="documentation:flux",
        sections={"/documentation/"},
    )
