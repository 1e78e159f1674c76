"""Figures about problems for the charts of the public list: a few aggregate queries each.

Both take a queryset of problems (usually ``Problematique.objects.publiques()``), so that
callers decide which problems are counted. The public list reads them through
:func:`figures_publiques`, which keeps them in the cache: they are computed over every
published problem, and the list is the site's busiest page.
"""

from __future__ import annotations

from typing import TypedDict

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, When

from problematiques.models import ORDRE_STATUTS, Problematique, ProblematiqueQuerySet, Statut
from tilab.comptes.models import Territoire, TypeTerritoire

# The states a published problem can be in, in the order of the lifecycle.
STATUTS_PUBLICS = ORDRE_STATUTS[ORDRE_STATUTS.index(Statut.OUVERTE) :]

CLE_CACHE = "problematiques:figures-publiques"
# How long the figures may lag behind a change the services do not report (the territories of
# a problem edited in the back office, a territory moved under another département).
DUREE_CACHE = 5 * 60


class FiguresPubliques(TypedDict):
    par_statut: list[tuple[str, int]]
    par_departement: list[tuple[str, int]]


def figures_publiques() -> FiguresPubliques:
    """:func:`par_statut` and :func:`par_departement` over every published problem, from the
    cache (the site's shared DatabaseCache): one query when they are there, the aggregates
    and the cache's write when not. They are computed again after :data:`DUREE_CACHE`
    seconds, or at once after a published problem changed state
    (:func:`oublier_figures_publiques`, called by ``problematiques.services``)."""
    figures: FiguresPubliques | None = cache.get(CLE_CACHE)
    if figures is None:
        publiques = Problematique.objects.publiques()
        figures = {
            "par_statut": par_statut(publiques),
            "par_departement": par_departement(publiques),
        }
        cache.set(CLE_CACHE, figures, DUREE_CACHE)
    return figures


def oublier_figures_publiques() -> None:
    """Drop the cached figures: the next list computes them again. Called inside the
    transaction that changes the state of a published problem; the cache is a table of the
    same database, so the deletion commits, or rolls back, with the change."""
    cache.delete(CLE_CACHE)


def par_statut(problematiques: ProblematiqueQuerySet) -> list[tuple[str, int]]:
    """``[(state label, count), …]`` for every public state, zeros included (one query)."""
    comptes = dict(
        problematiques.order_by()
        .values_list("statut")
        .annotate(n=Count("pk"))
        .values_list("statut", "n")
    )
    return [(str(statut.label), comptes.get(statut, 0)) for statut in STATUTS_PUBLICS]


def par_departement(problematiques: ProblematiqueQuerySet) -> list[tuple[str, int]]:
    """``[(département, count), …]``: a problem counts once for each département where it
    sits, itself or through an EPCI or a commune (two queries)."""
    lien = Problematique.territoires.through
    departement = Case(
        When(territoire__type=TypeTerritoire.DEPARTEMENT, then=F("territoire_id")),
        When(territoire__type=TypeTerritoire.EPCI, then=F("territoire__parent_id")),
        When(territoire__type=TypeTerritoire.COMMUNE, then=F("territoire__parent__parent_id")),
        output_field=IntegerField(),
    )
    # django-stubs cannot follow the "departement" annotation on the auto-created through model.
    comptes = dict(
        lien.objects.filter(  # type: ignore[misc]
            problematique__in=problematiques.order_by().values("pk"),
            territoire__type__in=[
                TypeTerritoire.DEPARTEMENT,
                TypeTerritoire.EPCI,
                TypeTerritoire.COMMUNE,
            ],
        )
        .annotate(departement=departement)
        .values("departement")
        .annotate(n=Count("problematique_id", distinct=True))
        .values_list("departement", "n")
    )
    departements = Territoire.objects.filter(type=TypeTerritoire.DEPARTEMENT).order_by("nom")
    return [(d.nom, comptes.get(d.pk, 0)) for d in departements.only("pk", "nom")]
