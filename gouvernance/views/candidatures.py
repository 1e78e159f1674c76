"""A candidate's own page in a COPIL session, and what members and the chair do there: the
public record of the candidate (its presentation, maturity, scores, tallies, decision and
rectifications), a seated member's vote or abstention, the members' individual votes for the
COPIL and the Ti Team, the chair's decision and the rectifications.

One candidate per page: the decision page lists them all with the state of each, and a form
of a dozen criteria for each of thirty candidates made a page of half a megabyte. Reads only
here; every change goes through ``gouvernance.services.copil``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from gouvernance import rules, scores
from gouvernance.forms.copil import (
    AbstentionForm,
    DecisionForm,
    RectificationForm,
    VoteForm,
    erreurs_vers_formulaire,
    nom_du_champ,
)
from gouvernance.models import (
    Candidature,
    Critere,
    Decision,
    Note,
    Rectification,
    SessionCopil,
    StatutSession,
    Vote,
)
from gouvernance.services.copil import (
    SessionImpossible,
    decision_enregistrer,
    rectification_ajouter,
    vote_enregistrer,
)
from gouvernance.views.copil import (
    TEXTES_DU_PROBLEME,
    Ligne,
    adresse_de_candidature,
    connexion_vers,
    decision_de,
    donnees_du_contenu,
    nom_choisi,
    participation,
    rendu_memorise,
    session_publique,
)
from tilab.comptes.rules import est_connecte, personne_connectee


def url_candidature(candidature: Candidature) -> str:
    return reverse("gouvernance:candidature", args=[candidature.session.slug, candidature.pk])


def _candidature(pk: int) -> Candidature:
    """A candidate of a public session (with its session and grid), for the actions."""
    return get_object_or_404(
        Candidature.objects.select_related("session__grille", "problematique").exclude(
            session__statut=StatutSession.EN_PREPARATION
        ),
        pk=pk,
    )


def lire_candidature(
    request: HttpRequest, session: SessionCopil, pk: int
) -> tuple[Ligne, dict[str, Any]]:
    """The candidate and what its page shows, in a number of queries that does not grow with
    the members, their votes or the other candidates."""
    candidature = get_object_or_404(
        session.candidatures.select_related("problematique", "decision")
        .defer(*TEXTES_DU_PROBLEME)
        .prefetch_related(
            Prefetch(
                "decision__rectifications", queryset=Rectification.objects.order_by("le", "pk")
            )
        ),
        pk=pk,
    )
    candidature.session = session
    ligne = Ligne(candidature=candidature, decision=decision_de(candidature))
    user = request.user
    voit_les_votes = rules.peut_voir_les_votes(user) and (
        session.statut != StatutSession.EN_PREPARATION
    )
    siege = rules.siege(user, session)
    # The grid's criteria name the scores of the votes and make the vote's form.
    criteres = (
        session.grille.criteres_avec_niveaux()
        if voit_les_votes or rules.peut_voter(user, session)
        else []
    )
    # Every vote for those who read them, otherwise the abstentions only (they are public),
    # and the person's own vote.
    votes = (
        Vote.objects.filter(candidature=candidature)
        .select_related("membre__organisation")
        .order_by("pk")
    )
    if not voit_les_votes:
        lus = Q(abstention=True)
        if siege is not None:
            lus |= Q(membre_id=siege.personne_id)
        votes = votes.filter(lus)
    votes_lus = list(votes)
    notes: dict[int, dict[int, int]] = {}
    for vote_id, critere_id, valeur in Note.objects.filter(
        vote__in=[v.pk for v in votes_lus if not v.abstention]
    ).values_list("vote_id", "critere_id", "valeur"):
        notes.setdefault(vote_id, {})[critere_id] = valeur
    for vote in votes_lus:
        if vote.abstention:
            ligne.abstenus.append(nom_choisi(vote.membre))
        if siege is not None and vote.membre_id == siege.personne_id:
            ligne.mon_vote = vote
        if voit_les_votes:
            ses_notes = notes.get(vote.pk, {})
            en_mots = ", ".join(
                f"{c.libelle} {ses_notes[c.pk]}" for c in criteres if c.pk in ses_notes
            )
            ligne.votes.append((vote, en_mots))
    ligne.contenu = rendu_memorise(
        "gouvernance/includes/_candidature_contenu.html",
        donnees_du_contenu(
            ligne, session, niveau=2, peut_decider=rules.peut_decider(user, session)
        ),
    )
    ordre = list(session.candidatures.values_list("pk", "problematique__titre"))
    rang = next(i for i, (autre, _titre) in enumerate(ordre) if autre == candidature.pk)
    contexte = {
        "session": session,
        "candidature": candidature,
        "ligne": ligne,
        "criteres": criteres,
        "notes_du_vote": notes.get(ligne.mon_vote.pk, {}) if ligne.mon_vote else {},
        "explication": scores.EXPLICATION,
        "voit_les_votes": voit_les_votes,
        "siege": siege,
        "ordre": ordre,
        "rang": rang + 1,
        "nb_candidatures": len(ordre),
        "precedente": ordre[rang - 1] if rang > 0 else None,
        "suivante": ordre[rang + 1] if rang + 1 < len(ordre) else None,
        **(participation(session) if voit_les_votes else {}),
    }
    return ligne, contexte


def _initial_du_vote(
    vote: Vote | None, notes: dict[int, int], criteres: list[Critere]
) -> dict[str, Any]:
    if vote is None or vote.abstention:
        return {}
    initial: dict[str, Any] = {"avis": vote.avis, "commentaire": vote.commentaire}
    for critere in criteres:
        if critere.pk in notes:
            initial[nom_du_champ(critere)] = notes[critere.pk]
    return initial


def rendre_candidature(
    request: HttpRequest,
    session: SessionCopil,
    pk: int,
    *,
    envoye: tuple[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The candidate's page with the forms the person may use; ``envoye`` is a bound form sent
    back with its errors: (kind, form)."""
    ligne, contexte = lire_candidature(request, session, pk)
    sorte, formulaire_envoye = envoye or ("", None)

    def formulaire(nom: str, nouveau: Any) -> Any:
        return formulaire_envoye if sorte == nom else nouveau

    user = request.user
    vote_ouvert = rules.peut_voter(user, session)
    decide = rules.peut_decider(user, session)
    if vote_ouvert:
        mon_vote = ligne.mon_vote
        ligne.formulaire = formulaire(
            "vote",
            VoteForm(
                prefix=f"vote-{pk}",
                criteres=contexte["criteres"],
                initial=_initial_du_vote(mon_vote, contexte["notes_du_vote"], contexte["criteres"]),
            ),
        )
        ligne.formulaire_abstention = formulaire(
            "abstention",
            AbstentionForm(
                prefix=f"abstention-{pk}",
                initial={"declaration": mon_vote.declaration if mon_vote else ""},
            ),
        )
    decision = ligne.decision
    if decide:
        ligne.formulaire_decision = formulaire(
            "decision",
            DecisionForm(
                prefix=f"decision-{pk}",
                initial={"decision": decision.decision, "motifs": decision.motifs}
                if decision
                else {},
            ),
        )
    if decision is not None and rules.peut_rectifier(user, decision):
        ligne.formulaire_rectification = formulaire(
            "rectification", RectificationForm(prefix=f"rectification-{pk}")
        )
    manquants: list[tuple[int, str, str]] = []
    if vote_ouvert:
        evaluees = set(
            Vote.objects.filter(
                candidature__session=session, membre=personne_connectee(request)
            ).values_list("candidature_id", flat=True)
        )
        manquants = [
            (pk, titre, adresse_de_candidature(session, pk))
            for pk, titre in contexte["ordre"]
            if pk not in evaluees
        ]
    contexte |= {
        "peut_voter": vote_ouvert,
        "peut_decider": decide,
        "manquants": manquants,
        "erreur": envoye is not None,
    }
    return render(request, "gouvernance/candidature_detail.html", contexte, status=status)


@require_GET
def candidature(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A candidate's public page in a session."""
    return rendre_candidature(request, session_publique(slug), pk)


# --- What members and the chair do on it ---------------------------------------------------


@require_POST
def voter(request: HttpRequest, pk: int) -> HttpResponse:
    """A seated member's vote on a candidate, or their abstention; changed until the session
    closes."""
    candidature = _candidature(pk)
    session = candidature.session
    if not est_connecte(request.user):
        return connexion_vers(url_candidature(candidature))
    if not rules.peut_voter(request.user, session):
        raise PermissionDenied
    personne = personne_connectee(request)
    # The abstention's own form carries the declaration (whichever button sent it).
    if f"abstention-{pk}-declaration" in request.POST:
        cle = "abstention"
        formulaire: Any = AbstentionForm(request.POST, prefix=f"abstention-{pk}")
    else:
        cle = "vote"
        formulaire = VoteForm(
            request.POST, prefix=f"vote-{pk}", criteres=session.grille.criteres_avec_niveaux()
        )
    if formulaire.is_valid():
        try:
            if cle == "abstention":
                vote_enregistrer(
                    par=personne,
                    candidature=candidature,
                    abstention=True,
                    declaration=formulaire.cleaned_data["declaration"],
                )
                message = "Votre abstention est enregistrée."
            else:
                vote_enregistrer(
                    par=personne,
                    candidature=candidature,
                    avis=formulaire.cleaned_data["avis"],
                    notes=formulaire.notes(),
                    commentaire=formulaire.cleaned_data["commentaire"],
                )
                message = "Votre vote est enregistré. Vous pouvez le changer jusqu'à la clôture."
        except SessionImpossible as erreur:
            erreurs_vers_formulaire(formulaire, erreur)
        else:
            messages.success(request, f"{candidature.problematique.titre} : {message}")
            return redirect(url_candidature(candidature))
    return rendre_candidature(request, session, pk, envoye=(cle, formulaire), status=400)


@require_POST
def decider(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair records the decision on a candidate, with its public rationale."""
    candidature = _candidature(pk)
    session = candidature.session
    if not est_connecte(request.user):
        return connexion_vers(url_candidature(candidature))
    if not rules.peut_decider(request.user, session):
        raise PermissionDenied
    formulaire = DecisionForm(request.POST, prefix=f"decision-{pk}")
    if formulaire.is_valid():
        try:
            decision_enregistrer(
                par=personne_connectee(request),
                candidature=candidature,
                decision=formulaire.cleaned_data["decision"],
                motifs=formulaire.cleaned_data["motifs"],
            )
        except SessionImpossible as erreur:
            erreurs_vers_formulaire(formulaire, erreur)
        else:
            messages.success(
                request,
                f"{candidature.problematique.titre} : la décision est enregistrée. Elle sera "
                "rendue publique avec les autres.",
            )
            return redirect(url_candidature(candidature))
    return rendre_candidature(request, session, pk, envoye=("decision", formulaire), status=400)


@require_POST
def rectifier(request: HttpRequest, pk: int) -> HttpResponse:
    """A dated rectification beside a published decision: the chair or the Direction."""
    decision = get_object_or_404(
        Decision.objects.publiees().select_related(
            "candidature__session__grille", "candidature__problematique"
        ),
        pk=pk,
    )
    candidature = decision.candidature
    session = candidature.session
    if not est_connecte(request.user):
        return connexion_vers(url_candidature(candidature))
    if not rules.peut_rectifier(request.user, decision):
        raise PermissionDenied
    formulaire = RectificationForm(request.POST, prefix=f"rectification-{candidature.pk}")
    if formulaire.is_valid():
        try:
            rectification_ajouter(
                par=personne_connectee(request),
                decision=decision,
                texte=formulaire.cleaned_data["texte"],
            )
        except SessionImpossible as erreur:
            erreurs_vers_formulaire(formulaire, erreur)
        else:
            messages.success(request, "La rectification est publiée à côté de la décision.")
            return redirect(url_candidature(candidature))
    return rendre_candidature(
        request, session, candidature.pk, envoye=("rectification", formulaire), status=400
    )
