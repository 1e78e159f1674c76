"""Figures about experiments for the charts of the public list: counts by state and by
département, over every experiment (whatever the filters), kept in the cache.

They are computed over the whole table, so the list reads them from the site's shared
DatabaseCache (:func:`figures_publiques`); a change shows after at most :data:`DUREE_CACHE`
seconds, or at once when a service calls :func:`oublier_figures_publiques`.
"""

from __future__ import annotations

from typing import TypedDict

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, When

from experimentations.models import Experimentation, StatutExperimentation
from tilab.comptes.models import Territoire, TypeTerritoire

CLE_CACHE = "experimentations:figures-publiques"
DUREE_CACHE = 5 * 60


class FiguresPubliques(TypedDict):
    par_statut: list[tuple[str, int]]
    par_departement: list[tuple[str, int]]


def figures_publiques() -> FiguresPubliques:
    """:func:`par_statut` and :func:`par_departement` over every public experiment, from the
    cache: one query when they are there, the aggregates and the cache's write when not."""
    figures: FiguresPubliques | None = cache.get(CLE_CACHE)
    if figures is None:
        figures = {"par_statut": par_statut(), "par_departement": par_departement()}
        cache.set(CLE_CACHE, figures, DUREE_CACHE)
    return figures


def oublier_figures_publiques() -> None:
    """Drop the cached figures (to call where an experiment is created or changes state)."""
    cache.delete(CLE_CACHE)


def par_statut() -> list[tuple[str, int]]:
    """``[(state label, count), …]`` for every state, in the order of the lifecycle, zeros
    included (one query)."""
    comptes = dict(
        Experimentation.objects.publiques()
        .order_by()
        .values_list("statut")
        .annotate(n=Count("pk"))
        .values_list("statut", "n")
    )
    return [(str(statut.label), comptes.get(statut, 0)) for statut in StatutExperimentation]


def par_departement() -> list[tuple[str, int]]:
    """``[(département, count), …]``: an experiment counts once for each département where it
    runs, itself or through an EPCI or a commune (two queries)."""
    lien = Experimentation.territoires.through
    departement = Case(
        When(territoire__type=TypeTerritoire.DEPARTEMENT, then=F("territoire_id")),
        When(territoire__type=TypeTerritoire.EPCI, then=F("territoire__parent_id")),
        When(territoire__type=TypeTerritoire.COMMUNE, then=F("territoire__parent__parent_id")),
        output_field=IntegerField(),
    )
    # django-stubs cannot follow the "departement" annotation on the auto-created through model.
    comptes = dict(
        lien.objects.filter(  # type: ignore[misc]
            experimentation__in=Experimentation.objects.publiques().order_by().values("pk"),
            territoire__type__in=[
                TypeTerritoire.DEPARTEMENT,
                TypeTerritoire.EPCI,
                TypeTerritoire.COMMUNE,
            ],
        )
        .annotate(departement=departement)
        .values("departement")
        .annotate(n=Count("experimentation_id", distinct=True))
        .values_list("departement", "n")
    )
    departements = Territoire.objects.filter(type=TypeTerritoire.DEPARTEMENT).order_by("nom")
    return [(d.nom, comptes.get(d.pk, 0)) for d in departements.only("pk", "nom")]
