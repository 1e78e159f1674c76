"""The Atom feed of the COPIL's published decisions (Django's syndication framework), served
from the cache while none of the decisions it carries changed.

Each entry is a published decision with its rationale and, once corrected, its dated
rectifications (the entry's « updated » moves to the last one, so that a feed reader shows
the correction). The feed is rendered again only when its fingerprint changes: one query reads
it (:func:`empreinte`), one the cache's entry; a reader that sends back the ETag or the
Last-Modified it received gets a 304.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import F, Func, Prefetch, TextField
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import http_date, quote_etag
from django.utils.safestring import mark_safe

from gouvernance.models import Decision, Rectification
from tilab.markdown import rendre_markdown
from tilab.requetes import compte_correle

NB_ENTREES = 50
CLE_CACHE = "gouvernance:flux-des-decisions"
# The fingerprint sees every change of the entries; the expiry only bounds the cache's size.
DUREE_CACHE = 60 * 60
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
                    date_format(rectification.le, "j F Y"),
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


@dataclass(frozen=True)
class FluxRendu:
    empreinte: str
    rendu_le: datetime
    contenu: bytes
    type_de_contenu: str


def empreinte(request: HttpRequest) -> str:
    """One query: the md5 of each entry's shown columns, in the feed's order, hashed with the
    address the links are written with (the feed is absolute)."""
    ligne = Func(
        *(F(champ) for champ in CHAMPS_DU_FLUX),
        template="MD5(ROW(%(expressions)s)::text)",
        output_field=TextField(),
    )
    lignes = (
        Decision.objects.publiees()
        .annotate(nb_rectifications=compte_correle(Rectification, "decision"))
        .order_by("-publiee_le", "-id")
        .annotate(ligne=ligne)
        .values_list("ligne", flat=True)[:NB_ENTREES]
    )
    adresse = f"{request.scheme}://{request.get_host()}"
    return hashlib.sha256("|".join([adresse, *lignes]).encode()).hexdigest()[:32]


def flux_des_decisions(request: HttpRequest) -> HttpResponse:
    """``/gouvernance/decisions/flux/``: the feed, from the cache while its fingerprint holds."""
    actuelle = empreinte(request)
    cle = f"{CLE_CACHE}:{actuelle}"
    flux: FluxRendu | None = cache.get(cle)
    if flux is None:
        rendu = DecisionsFeed()(request)
        flux = FluxRendu(
            empreinte=actuelle,
            rendu_le=timezone.now().replace(microsecond=0),
            contenu=rendu.content,
            type_de_contenu=rendu["Content-Type"],
        )
        cache.set(cle, flux, DUREE_CACHE)
    reponse = HttpResponse(flux.contenu, content_type=flux.type_de_contenu)
    reponse["ETag"] = quote_etag(flux.empreinte)
    reponse["Last-Modified"] = http_date(flux.rendu_le.timestamp())
    conditionnelle = get_conditional_response(
        request,
        etag=reponse["ETag"],
        last_modified=int(flux.rendu_le.timestamp()),
        response=reponse,
    )
    return conditionnelle or reponse
