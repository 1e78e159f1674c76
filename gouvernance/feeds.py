"""The Atom feed of the COPIL's published decisions (Django's syndication framework), served
from the cache while none of the decisions it carries changed (:func:`tilab.flux.servir_en_cache`).

Each entry is a published decision with its rationale and, once corrected, its dated
rectifications (the entry's « updated » moves to the last one, so that a feed reader shows
the correction). The feed is rendered again only when its fingerprint changes: one query reads
it (:func:`lignes_du_flux`), one the cache's entry; a reader that sends back the ETag or the
Last-Modified it received gets a 304.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from gouvernance.models import Decision, Rectification
from tilab.dates import date_francaise
from tilab.flux import NB_ENTREES, empreintes_des_lignes, enregistrer_flux, servir_en_cache
from tilab.markdown import rendre_markdown
from tilab.requetes import compte_correle

CLE_CACHE = "gouvernance:flux-des-decisions"
# What an entry shows, read by the fingerprint: a change of any of them renders the feed again.
CHAMPS_DU_FLUX = (
    "id",
    "decision",
    "motifs",
    "publiee_le",
    "candidature_id",
    "candidature__problematique__titre",
    "candidature__session__slug",
    "nb_rectifications",
)


def decisions_du_flux() -> list[Decision]:
    """The last published decisions, along the register's index, with their rectifications."""
    return list(
        Decision.objects.publiees()
        .select_related("candidature__session", "candidature__problematique")
        .prefetch_related(
            Prefetch("rectifications", queryset=Rectification.objects.order_by("le", "pk"))
        )
        .order_by("-publiee_le", "-id")[:NB_ENTREES]
    )


class DecisionsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    # RFC 4287 (4.1.1): a feed names its author, unless each of its entries does.
    author_name = "Ti Lab"
    title = "Les décisions du COPIL du Ti Lab"
    subtitle = (
        "Chaque décision publiée du comité de pilotage, avec ses motifs et ses rectifications."
    )

    def link(self) -> str:
        return reverse("gouvernance:decisions")

    def items(self) -> list[Decision]:
        # Published only: a draft never leaves.
        return decisions_du_flux()

    def item_title(self, item: Decision) -> str:
        return f"{item.get_decision_display()} : {item.candidature.problematique.titre}"

    def item_description(self, item: Decision) -> str:
        morceaux = [str(rendre_markdown(item.motifs))]
        for rectification in item.rectifications.all():
            morceaux.append(
                format_html(
                    "<p><strong>Rectification du {}</strong></p>{}",
                    date_francaise(rectification.le, "j F Y"),
                    rendre_markdown(rectification.texte),
                )
            )
        return mark_safe("".join(morceaux))  # noqa: S308 - each piece is sanitised or escaped

    def item_link(self, item: Decision) -> str:
        return item.candidature.get_absolute_url()

    def item_updateddate(self, item: Decision) -> datetime | None:
        rectifications = item.rectifications.all()
        if rectifications:
            derniere = max(r.cree_le for r in rectifications)
            return max(derniere, item.publiee_le) if item.publiee_le else derniere
        return item.publiee_le

    def item_pubdate(self, item: Decision) -> datetime | None:
        return item.publiee_le


def lignes_du_flux() -> QuerySet[Any]:
    """The fingerprints of the feed's entries, in its order (:mod:`tilab.flux`)."""
    return empreintes_des_lignes(
        Decision.objects.publiees()
        .annotate(nb_rectifications=compte_correle(Rectification, "decision"))
        .order_by("-publiee_le", "-id"),
        CHAMPS_DU_FLUX,
    )[:NB_ENTREES]


def flux_des_decisions(request: HttpRequest) -> HttpResponse:
    """``/gouvernance/decisions/flux/``: the feed, from the cache while its fingerprint holds."""
    return servir_en_cache(request, DecisionsFeed(), lignes_du_flux(), cle=CLE_CACHE)


def enregistrer() -> None:
    """List the feed on ``/donnees/`` and advertise it on the section's pages."""
    enregistrer_flux(
        "decisions",
        titre="Les décisions du COPIL",
        description=str(DecisionsFeed.subtitle),
        ordre=40,
        url_name="gouvernance:decisions_flux",
        sections={"/gouvernance/"},
    )
