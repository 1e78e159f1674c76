"""Documentation pages for tests, written straight to the tables (the services have their own
tests): a page with its first revision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from documentation.models import Licence, Page, PageAttendue, Revision, SortePage, StatutPage
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


@dataclass
class PagesDuTableau:
    """The pages tests/test_roles_urls.py points at: a published page with two revisions, a
    draft and a page in review of the table's experiment (written by the Coordination), an
    archived page; and a guide the table's experiment declared it owes."""

    publiee: Page
    brouillon: Page
    relecture: Page
    archivee: Page
    attendue: PageAttendue


def pages_du_tableau(persona: Any, experimentation: Any) -> PagesDuTableau:
    coordination = persona("coordination")
    publiee = une_page(auteur=coordination, experimentation=experimentation, titre="Publiée")
    Revision.objects.create(
        page=publiee,
        numero=2,
        par=coordination,
        note="Deuxième version",
        **{c: getattr(publiee, c) for c in CHAMPS_REVISES},
    )
    return PagesDuTableau(
        publiee=publiee,
        brouillon=une_page(
            statut=StatutPage.BROUILLON,
            auteur=coordination,
            experimentation=experimentation,
            titre="Brouillon",
        ),
        relecture=une_page(
            statut=StatutPage.EN_RELECTURE,
            auteur=coordination,
            experimentation=experimentation,
            titre="En relecture",
        ),
        archivee=une_page(statut=StatutPage.ARCHIVEE, auteur=coordination, titre="Archivée"),
        attendue=PageAttendue.objects.create(
            experimentation=experimentation, sorte=SortePage.GUIDE
        ),
    )
