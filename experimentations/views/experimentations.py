"""Public pages of experiments: the filtered list with its charts and the team's workload,
and an experiment's page (phases, participants, pacts, budget, trajectory)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Min, OuterRef, Prefetch, Q, Subquery, Sum, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from experimentations import rules, statistiques
from experimentations.charge import ChargeEquipe, charge_de_l_equipe
from experimentations.filters import ExperimentationFilter
from experimentations.models import (
    ORDRE_DES_PHASES,
    STATUTS_EN_VIGUEUR,
    BudgetAnnuel,
    EngagementPacte,
    Experimentation,
    LigneBudget,
    Pacte,
    Participant,
    PhaseExperimentation,
    RoleParticipant,
    TypePhase,
)
from experimentations.views import graphiques
from problematiques import trajectoire
from tilab.comptes.models import Territoire, Theme
from tilab.graphiques import graphique_barres
from tilab.pagination import paginer
from tilab.panneaux import panneaux
from tilab.requetes import compte_correle

PAR_PAGE = 20
# What a card shows (includes/_experimentation_carte.html): narrow rows, not the summaries.
CHAMPS_CARTE = ("pk", "titre", "slug", "statut", "cree_le", "lancee_le", "statut_change_le")


def _territoires_themes() -> tuple[Prefetch[Any], Prefetch[Any]]:
    return (
        Prefetch("territoires", queryset=Territoire.objects.only("pk", "nom", "slug")),
        Prefetch("themes", queryset=Theme.objects.only("pk", "nom", "slug")),
    )


def _annees() -> list[int]:
    """The years an experiment may have been created in, most recent first: from the oldest
    one (read through the list's index) to this year."""
    premiere = Experimentation.objects.aggregate(premiere=Min("cree_le"))["premiere"]
    cette_annee = timezone.localdate().year
    depuis = timezone.localdate(premiere).year if premiere else cette_annee
    return list(range(cette_annee, depuis - 1, -1))


def avec_resume_de_carte(experimentations: Any) -> Any:
    """What a card's sentence reads: participants, pacts in force and the running phase,
    each a correlated subquery (computed for the rows of the page only)."""
    phase_en_cours = (
        PhaseExperimentation.objects.filter(
            experimentation=OuterRef("pk"), debut_reel__isnull=False, fin_reelle__isnull=True
        )
        .order_by("-debut_reel", "-pk")
        .values("type")[:1]
    )
    return experimentations.annotate(
        nb_participants=compte_correle(Participant, "experimentation"),
        nb_pactes=compte_correle(
            Pacte, "experimentation", filtre=Q(statut__in=list(STATUTS_EN_VIGUEUR))
        ),
        phase_en_cours=Subquery(phase_en_cours),
    )


def index(request: HttpRequest) -> HttpResponse:
    """Every experiment, filtered and paginated, most recent first; after the list, the
    counts by state and by département and the team's workload."""
    charge = charge_de_l_equipe()
    filtre = ExperimentationFilter(
        request.GET,
        queryset=Experimentation.objects.publiques()
        .only(*CHAMPS_CARTE)
        .order_by("-cree_le", "-pk"),
        coordinations=[(ligne.personne_id, ligne.nom) for ligne in charge.lignes],
        annees=_annees(),
    )
    pagination = paginer(request, filtre.qs, PAR_PAGE, garder_filtres=True, par_identifiants=True)
    page = pagination["page"]
    experimentations = list(avec_resume_de_carte(page.object_list))
    if experimentations:
        prefetch_related_objects(experimentations, *_territoires_themes())
    figures = statistiques.figures_publiques()
    contexte = {
        **pagination,
        "filtre": filtre,
        "experimentations": experimentations,
        "filtre_actif": filtre.est_actif(),
        "resume_filtres": filtre.resume(),
        "graphique_etats": graphique_barres(
            figures["par_statut"],
            identifiant="graphique-etats",
            titre="Expérimentations, par état",
            libelle_colonne="État",
            libelle_valeur="Nombre",
        ),
        "graphique_departements": graphique_barres(
            figures["par_departement"],
            identifiant="graphique-departements",
            titre="Expérimentations, par département",
            libelle_colonne="Département",
            libelle_valeur="Nombre",
        ),
        **contexte_charge(charge),
    }
    return render(request, "experimentations/experimentation_liste.html", contexte)


def contexte_charge(charge: ChargeEquipe | None = None) -> dict[str, Any]:
    """What ``experimentations/includes/_charge_equipe.html`` needs: the team's load, its
    chart, and the words for each line. ``gouvernance`` can include it with this context."""
    charge = charge if charge is not None else charge_de_l_equipe()
    return {
        "charge": charge,
        "charge_lignes": [(ligne, graphiques.situation(ligne)) for ligne in charge.lignes],
        "graphique_charge": graphiques.graphique_charge(charge.lignes) if charge.lignes else None,
    }


# --- An experiment's page --------------------------------------------------------------------


def prefetch_pactes_publics() -> Prefetch[Any]:
    """The public pacts of an experiment, by number, with their organisation and commitments;
    the same lookup as the trajectory's steps, which then cost no query."""
    return Prefetch(
        "pactes",
        queryset=Pacte.objects.publics()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("engagements", queryset=EngagementPacte.objects.select_related("personne"))
        )
        .order_by("numero"),
    )


@dataclass
class Budget:
    """The experiment's budget, in totals (the public's view), and the team's for this year."""

    par_phase: list[tuple[str, Decimal]] = field(default_factory=list)
    par_annee: list[tuple[int, Decimal]] = field(default_factory=list)
    total: Decimal = Decimal(0)
    annee: int = 0
    # The Direction's budget for providers this year (None if not set), what every experiment
    # committed against it, and this experiment's part.
    budget_annuel: Decimal | None = None
    engage_equipe: Decimal = Decimal(0)
    engage_ici: Decimal = Decimal(0)

    @property
    def taux_equipe(self) -> int | None:
        if not self.budget_annuel:
            return None
        return round(100 * self.engage_equipe / self.budget_annuel)

    @property
    def depasse(self) -> bool:
        return self.budget_annuel is not None and self.engage_equipe > self.budget_annuel


def budget_de(experimentation: Experimentation) -> Budget:
    """Totals per phase and per year (one query), and this year's against the Direction's
    budget (two)."""
    budget = Budget(annee=timezone.localdate().year)
    par_phase: dict[str, Decimal] = defaultdict(Decimal)
    par_annee: dict[int, Decimal] = defaultdict(Decimal)
    for ligne in (
        LigneBudget.objects.filter(prestataire__experimentation=experimentation)
        .order_by()
        .values("phase", "annee")
        .annotate(total=Sum("montant"))
    ):
        par_phase[ligne["phase"]] += ligne["total"]
        par_annee[ligne["annee"]] += ligne["total"]
        budget.total += ligne["total"]
    libelles = dict(TypePhase.choices)
    budget.par_phase = [
        (str(libelles.get(phase, "Sans phase précisée")), montant)
        for phase, montant in sorted(
            par_phase.items(), key=lambda p: ORDRE_DES_PHASES.get(p[0], len(ORDRE_DES_PHASES))
        )
    ]
    budget.par_annee = sorted(par_annee.items())
    budget.engage_ici = par_annee.get(budget.annee, Decimal(0))
    budget.budget_annuel = (
        BudgetAnnuel.objects.filter(annee=budget.annee).values_list("montant", flat=True).first()
    )
    budget.engage_equipe = LigneBudget.objects.filter(annee=budget.annee).aggregate(
        total=Sum("montant")
    )["total"] or Decimal(0)
    return budget


ORDRE_DES_ROLES = {valeur: rang for rang, valeur in enumerate(RoleParticipant.values)}


def _participants_par_role(participants: list[Participant]) -> list[Participant]:
    """The participants in the order of their roles (porteur first), in the order they were
    added within a role."""
    return sorted(participants, key=lambda p: ORDRE_DES_ROLES.get(p.role, 99))


def experimentation_publique(slug: str) -> Experimentation:
    """The experiment at ``slug`` with what its page and its trajectory read, or 404."""
    relations_du_probleme = [
        f"problematique__{chemin}"
        for chemin in trajectoire.relations()
        if chemin != "experimentation"
    ]
    return get_object_or_404(
        Experimentation.objects.publiques()
        .select_related(
            "problematique",
            "coordinateur__organisation",
            "communaute",
            *relations_du_probleme,
        )
        .prefetch_related(
            *_territoires_themes(),
            Prefetch("phases", queryset=PhaseExperimentation.objects.all()),
            prefetch_pactes_publics(),
        ),
        slug=slug,
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    experimentation = experimentation_publique(slug)
    aujourd_hui = timezone.localdate()
    phases = sorted(
        experimentation.phases.all(), key=lambda p: (ORDRE_DES_PHASES.get(p.type, 99), p.pk)
    )
    participants = list(
        experimentation.participants.select_related("organisation", "personne__organisation")
    )
    voir_les_lignes = rules.peut_voir_les_lignes_de_budget(request.user)
    lignes_budget = (
        list(
            LigneBudget.objects.filter(prestataire__experimentation=experimentation)
            .select_related("prestataire__organisation")
            .order_by("annee", "prestataire_id", "pk")
        )
        if voir_les_lignes
        else []
    )
    problematique = experimentation.problematique
    contexte = {
        "experimentation": experimentation,
        "problematique": problematique if problematique.est_publique else None,
        "phases": phases,
        "frise": graphiques.frise_phases(phases, aujourd_hui=aujourd_hui),
        "tableau_phases": graphiques.tableau_phases(phases, aujourd_hui),
        "participants": _participants_par_role(participants),
        "nb_participants": len(participants),
        "pactes": list(experimentation.pactes.all()),
        "budget": budget_de(experimentation),
        "voir_les_lignes": voir_les_lignes,
        "lignes_budget": lignes_budget,
        "etapes": trajectoire.trajectoire(problematique),
        "peut_coordonner": rules.peut_coordonner(request.user),
        "aujourd_hui": aujourd_hui,
        # What the upper apps add (its documentation).
        "panneaux": panneaux(request, "experimentation", experimentation),
    }
    return render(request, "experimentations/experimentation_detail.html", contexte)
