"""Public pages of communities: the list with its filters, and a community's page."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from communautes.filters import CommunauteFilter
from communautes.models import Communaute, Engagement, Evenement, RoleEngagement
from communautes.models.communautes import ORDRE_LISTE
from communautes.views import engagements as views_engagements
from tilab.comptes.models import Expertise, Territoire, Theme
from tilab.graphiques import GraphiqueBarres, graphique_barres
from tilab.pagination import paginer
from tilab.panneaux import panneaux

PAR_PAGE = 20
# A large community must not make its page heavy: the members who chose to appear are listed
# up to this number, with the total.
MEMBRES_AFFICHES = 100
EVENEMENTS_AFFICHES = 10

# Référents first: they are who a newcomer turns to.
ORDRE_ROLES = Case(
    When(role=RoleEngagement.REFERENT, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


def _territoires_themes() -> tuple[Prefetch[Any], Prefetch[Any]]:
    return (
        Prefetch("territoires", queryset=Territoire.objects.only("pk", "nom", "slug")),
        Prefetch("themes", queryset=Theme.objects.only("pk", "nom", "slug")),
    )


def index(request: HttpRequest) -> HttpResponse:
    """Every community, filtered by kind, theme, territory and state, 20 a page."""
    communautes_qs = (
        Communaute.objects.publiques()
        .avec_nb_membres()
        .only("pk", "nom", "slug", "type", "statut")
        .order_by(*ORDRE_LISTE)
    )
    filtre = CommunauteFilter(request.GET, queryset=communautes_qs)
    # The page's identifiers are read from the order's index (communaute_ordre_liste) first:
    # a deep page skips index entries instead of counting the members of every community
    # before it.
    pagination = paginer(request, filtre.qs, PAR_PAGE, garder_filtres=True, par_identifiants=True)
    communautes: list[Communaute] = list(pagination["page"].object_list)
    if communautes:
        prefetch_related_objects(communautes, *_territoires_themes())
    contexte = {
        **pagination,
        "filtre": filtre,
        "communautes": communautes,
        "filtre_actif": filtre.est_actif(),
        "resume_filtres": filtre.resume(),
    }
    return render(request, "communautes/communaute_liste.html", contexte)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A community: its purpose, who animates it, its members who chose to appear (the others
    counted, never named), the expertise they bring, its upcoming events."""
    communaute = get_object_or_404(
        Communaute.objects.publiques()
        .select_related("animateur__organisation", "problematique")
        .prefetch_related(*_territoires_themes()),
        slug=slug,
    )
    actifs = Engagement.objects.actifs().filter(communaute=communaute)
    # One query for every count of the page: members per expertise, and who chose to appear.
    nb_par_expertise: dict[str, int] = {}
    nb_publics = 0
    for ligne in actifs.values("expertise").annotate(
        nb=Count("pk"), nb_publics=Count("pk", filter=Q(personne__profil_public=True))
    ):
        nb_par_expertise[ligne["expertise"]] = ligne["nb"]
        nb_publics += ligne["nb_publics"]
    nb_membres = sum(nb_par_expertise.values())
    membres_publics = (
        list(
            actifs.filter(personne__profil_public=True)
            .select_related("personne__organisation", "organisation")
            .order_by(ORDRE_ROLES, "personne__last_name", "personne__first_name", "pk")[
                :MEMBRES_AFFICHES
            ]
        )
        if nb_publics
        else []
    )
    evenements = list(
        Evenement.objects.publies()
        .a_venir()
        .filter(communaute=communaute)
        .avec_nb_inscriptions()
        .order_by("debut", "pk")[:EVENEMENTS_AFFICHES]
    )
    problematique = communaute.problematique
    contexte: dict[str, Any] = {
        "communaute": communaute,
        "problematique": problematique
        if problematique is not None and problematique.est_publique
        else None,
        "membres_publics": membres_publics,
        "nb_membres": nb_membres,
        "nb_membres_publics": nb_publics,
        "nb_autres_membres": nb_membres - nb_publics,
        "membres_tronques": nb_publics > len(membres_publics),
        "graphique_expertises": _graphique_expertises(nb_par_expertise) if nb_membres else None,
        "evenements": evenements,
        # What the upper apps add (its documentation).
        "panneaux": panneaux(request, "communaute", communaute),
    }
    # Joining, renewing and leaving: the block of the engagements module.
    contexte |= views_engagements.contexte_engagement(request, communaute)
    return render(request, "communautes/communaute_detail.html", contexte)


def _graphique_expertises(nb_par_expertise: dict[str, int]) -> GraphiqueBarres:
    """Members per kind of expertise, every kind listed (a missing one is worth seeing)."""
    return graphique_barres(
        [
            (str(expertise.label), nb_par_expertise.get(expertise.value, 0))
            for expertise in Expertise
        ],
        identifiant="graphique-expertises",
        titre="Membres par type d'expertise",
        libelle_colonne="Expertise apportée",
        libelle_valeur="Membres",
    )
