"""Public pages of problems: the list with filters and charts, a problem's page, "nous aussi"."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from problematiques import rules, services, statistiques, trajectoire
from problematiques.filters import ProblematiqueFilter
from problematiques.forms.soutien import SoutienForm
from problematiques.models import Problematique, Soutien
from tilab.accueil import DERNIERS_ELEMENTS
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne, Territoire, Theme
from tilab.graphiques import graphique_barres
from tilab.pagination import paginer

PAR_PAGE = 20
# What a card shows (includes/_problematique_carte.html): narrow rows to sort and read, not the
# texts and the search vector of every problem.
CHAMPS_CARTE = ("pk", "titre", "slug", "statut", "nb_soutiens", "publiee_le")
# The detail page shows the latest supports only, with their total: a popular problem must
# not make the page heavy.
SOUTIENS_AFFICHES = 50


def index(request: HttpRequest) -> HttpResponse:
    """The published problems, filtered, sorted and paginated, under two charts."""
    publiques = Problematique.objects.publiques()
    filtre = ProblematiqueFilter(request.GET, queryset=publiques.only(*CHAMPS_CARTE))
    figures = statistiques.figures_publiques()
    pagination = paginer(request, filtre.qs, PAR_PAGE, garder_filtres=True, par_identifiants=True)
    problematiques = list(pagination["page"].object_list)
    _prefetch_territoires_themes(problematiques)
    contexte = {
        **pagination,
        "filtre": filtre,
        "problematiques": problematiques,
        "filtre_actif": filtre.est_actif(),
        "graphique_etats": graphique_barres(
            figures["par_statut"],
            identifiant="graphique-etats",
            titre="Problématiques publiées, par état",
            libelle_colonne="État",
            libelle_valeur="Nombre",
        ),
        "graphique_departements": graphique_barres(
            figures["par_departement"],
            identifiant="graphique-departements",
            titre="Problématiques publiées, par département",
            libelle_colonne="Département",
            libelle_valeur="Nombre",
        ),
    }
    return render(request, "problematiques/problematique_liste.html", contexte)


def _prefetch_territoires_themes(problematiques: list[Problematique]) -> None:
    prefetch_related_objects(
        problematiques,
        Prefetch("territoires", queryset=Territoire.objects.only("pk", "nom", "slug")),
        Prefetch("themes", queryset=Theme.objects.only("pk", "nom", "slug")),
    )


def _problematique_visible(request: HttpRequest, slug: str) -> Problematique:
    return get_object_or_404(
        Problematique.objects.visibles_par(request.user)
        .select_related("organisation", "fusionnee_dans", *trajectoire.relations())
        .prefetch_related(
            Prefetch("territoires", queryset=Territoire.objects.only("pk", "nom", "slug")),
            Prefetch("themes", queryset=Theme.objects.only("pk", "nom", "slug")),
        ),
        slug=slug,
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    problematique = _problematique_visible(request, slug)
    return _rendre_detail(request, problematique)


def _rendre_detail(
    request: HttpRequest,
    problematique: Problematique,
    *,
    formulaire: SoutienForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    soutiens = list(
        problematique.soutiens.select_related(
            "personne__organisation", "organisation", "territoire"
        ).order_by("-cree_le", "-pk")[:SOUTIENS_AFFICHES]
    )
    nb_soutiens = problematique.nb_soutiens
    mon_soutien = None
    peut_soutenir = False
    if regles_comptes.est_connecte(user):
        mon_soutien = next((s for s in soutiens if s.personne_id == user.pk), None)
        if mon_soutien is None and len(soutiens) >= SOUTIENS_AFFICHES:
            mon_soutien = Soutien.objects.filter(
                problematique=problematique, personne=cast(Personne, user)
            ).first()
        peut_soutenir = mon_soutien is None and rules.peut_soutenir(user, problematique)
        if peut_soutenir and formulaire is None:
            formulaire = SoutienForm(personne=cast(Personne, user))
    fusion = problematique.fusionnee_dans
    contexte = {
        "problematique": problematique,
        "soutiens": soutiens,
        "nb_soutiens": nb_soutiens,
        "soutiens_tronques": nb_soutiens > len(soutiens),
        "mon_soutien": mon_soutien,
        "peut_soutenir": peut_soutenir,
        "formulaire": formulaire if peut_soutenir else None,
        "etapes": trajectoire.trajectoire(problematique),
        "fusion": fusion if fusion is not None and fusion.est_publique else None,
        "est_auteur": regles_comptes.est_connecte(user) and problematique.auteur_id == user.pk,
    }
    # What the apps above add to the page (its community, maturity, decision…).
    gabarits, contexte_panneaux = trajectoire.panneaux(request, problematique, "principal", "cote")
    contexte |= contexte_panneaux
    contexte["panneaux"] = gabarits
    return render(request, "problematiques/problematique_detail.html", contexte, status=status)


@require_POST
@regles_comptes.connexion_puis_retour_vers("problematiques:detail")
@regles_comptes.adresse_verifiee_requise
def soutenir(request: HttpRequest, slug: str) -> HttpResponse:
    """Say "nous aussi": the form's errors and the service's refusals come back on the page."""
    problematique = _problematique_visible(request, slug)
    personne = regles_comptes.personne_connectee(request)
    formulaire = SoutienForm(request.POST, personne=personne)
    if not rules.peut_soutenir(request.user, problematique):
        messages.error(request, "Vous ne pouvez pas soutenir cette problématique.")
        return redirect(problematique)
    if formulaire.is_valid():
        try:
            services.soutien_ajouter(
                problematique=problematique,
                personne=personne,
                **formulaire.donnees_service(),
            )
        except services.SoutienImpossible as refus:
            if Soutien.objects.filter(problematique=problematique, personne=personne).exists():
                # The form is no longer on the page: say it above, where messages go.
                messages.error(request, " ".join(refus.messages))
                return redirect(problematique)
            formulaire.add_error(None, refus)
        else:
            messages.success(
                request,
                "Votre soutien est enregistré : vous serez prévenu·e par courriel des "
                "prochaines étapes de cette problématique.",
            )
            return redirect(problematique)
    return _rendre_detail(request, problematique, formulaire=formulaire, status=400)


@require_POST
@regles_comptes.connexion_puis_retour_vers("problematiques:detail")
@regles_comptes.adresse_verifiee_requise
def retirer_soutien(request: HttpRequest, slug: str) -> HttpResponse:
    problematique = _problematique_visible(request, slug)
    services.soutien_retirer(
        problematique=problematique, personne=regles_comptes.personne_connectee(request)
    )
    messages.success(request, "Votre soutien est retiré. Vous ne suivez plus cette problématique.")
    return redirect(problematique)


def dernieres_publiees(request: HttpRequest) -> list[Problematique]:
    """The home page's latest published problems (registered in ``problematiques.apps``)."""
    return list(
        Problematique.objects.publiques()
        .only(*CHAMPS_CARTE)
        .prefetch_related("territoires", "themes")
        # The list's order, so that its index serves the home page too.
        .order_by(F("publiee_le").desc(nulls_last=True), "-pk")[:DERNIERS_ELEMENTS]
    )
