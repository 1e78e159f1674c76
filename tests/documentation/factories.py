"""Documentation pages for tests, written straight to the tables (the services have their own
tests): a page with its first revision."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from documentation.models import Licence, Page, Revision, SortePage, StatutPage
from documentation.models.pages import CHAMPS_REVISES

_compteur = {"n": 0}


def une_page(
    *,
    statut: str = StatutPage.PUBLIEE,
    auteur: Any = None,
    titre: str | None = None,
    **champs: Any,
) -> Page:
    _compteur["n"] += 1
    n = _compteur["n"]
    valeurs = {
        "titre": titre or f"Page de documentation {n}",
        "slug": f"page-{n}",
        "sorte": SortePage.METHODE,
        "resume": "Ce que la page apporte.",
        "corps": "Le **contenu** de la page.",
        "licence": Licence.CC_BY_SA_4,
        "conditions_reutilisation": "Une équipe de deux personnes.",
        "contact": "documentation@tilab.bzh",
        "statut": statut,
        "publiee_le": timezone.now() if statut in ("publiee", "archivee") else None,
        "creee_par": auteur,
    }
    valeurs.update(champs)
    page = Page.objects.create(**valeurs)
    if auteur is not None:
        page.auteurs.add(auteur)
    Revision.objects.create(
        page=page,
        numero=1,
        par=auteur,
        note="Première version",
        **{c: getattr(page, c) for c in CHAMPS_REVISES},
    )
    return page
