"""The COPIL's public pages: the list of sessions, a session's decision page (where its chair
closes the vote and publishes the decisions; each candidate's page, where members vote and the
chair decides, is ``gouvernance.views.candidatures``), and the register of published decisions.

Reads only here; every change goes through ``gouvernance.services.copil``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from experimentations.charge import ChargeCoordination, ChargeEquipe
from experimentations.views.experimentations import contexte_charge
from gouvernance import rules, scores
from gouvernance.filters import DecisionFilter
from gouvernance.models import (
    Candidature,
    Decision,
    Membre,
    Rectification,
    SessionCopil,
    StatutSession,
    TypeDecision,
    Vote,
)
from gouvernance.services.copil import (
    SessionImpossible,
    decisions_publier,
    session_clore,
)
from tilab.comptes.models import ANCIEN_MEMBRE
from tilab.comptes.rules import est_connecte, personne_connectee
from tilab.dates import date_francaise
from tilab.graphiques import GraphiqueBarres, graphique_barres
from tilab.pagination import paginer
from tilab.rendus import rendu_retenu
from tilab.requetes import compte_correle

SESSIONS_PAR_PAGE = 20
# What the session's pages never show of a candidate's problem (its title and link only): its
# texts and its search vector stay in the database.
TEXTES_DU_PROBLEME = (
    "problematique__constat",
    "problematique__publics_concernes",
    "problematique__deja_tente",
    "problematique__vecteur_recherche",
)
DECISIONS_PAR_PAGE = 20


def nom_choisi(personne: Any) -> str:
    """A person as every public page names them (``Personne.nom_public``: their name if they
    chose to show it, otherwise « un membre de » their organisation), « ancien membre » once
    their account is deleted. Read with ``select_related("membre__organisation")``."""
    if personne is None:
        return str(ANCIEN_MEMBRE)
    return str(personne.nom_public)


# --- The list of sessions ---------------------------------------------------------------------


def avec_resume(sessions: list[SessionCopil]) -> list[SessionCopil]:
    """Give each session its number of candidates and of published decisions of each kind
    (``nb_candidatures``, ``nb_retenue``…): one query grouped by session over the candidates
    of these sessions only, each joined with its decision through the decision's unique key
    (a subquery per session and kind read every decision of the register each time)."""
    comptes: dict[int, dict[str, Any]] = {
        ligne["session_id"]: dict(ligne)
        for ligne in Candidature.objects.filter(session__in=[s.pk for s in sessions])
        .order_by()
        .values("session_id")
        .annotate(
            nb_candidatures=Count("pk"),
            **{
                f"nb_{type_.value}": Count(
                    "pk",
                    filter=Q(decision__decision=type_.value, decision__publiee_le__isnull=False),
                )
                for type_ in TypeDecision
            },
        )
    }
    for session in sessions:
        ligne = comptes.get(session.pk, {})
        session.nb_candidatures = ligne.get("nb_candidatures", 0)  # type: ignore[attr-defined]
        for type_ in TypeDecision:
            setattr(session, f"nb_{type_.value}", ligne.get(f"nb_{type_.value}", 0))
    return sessions


def sessions(request: HttpRequest) -> HttpResponse:
    """The sessions open to the vote first (the next ones), then the past ones, most recent
    first, paginated. A session in preparation is not public yet."""
    publiques = SessionCopil.objects.publiques()
    prochaines = list(publiques.filter(statut=StatutSession.OUVERTE).order_by("le", "pk"))
    pagination = paginer(
        request,
        publiques.exclude(statut=StatutSession.OUVERTE).order_by("-le", "-id"),
        SESSIONS_PAR_PAGE,
    )
    page = pagination["page"]
    passees = list(page.object_list)
    avec_resume(prochaines + passees)
    return render(
        request,
        "gouvernance/session_liste.html",
        {**pagination, "prochaines": prochaines, "passees": passees},
    )


# --- A session's page -------------------------------------------------------------------------


@dataclass
class Ligne:
    """One candidate as the page shows it: the row, and what was read for it."""

    candidature: Candidature
    decision: Decision | None
    abstenus: list[str] = field(default_factory=list)
    # Each member's vote with its scores already in words (« Ampleur du besoin 2, … »).
    votes: list[tuple[Vote, str]] = field(default_factory=list)
    mon_vote: Vote | None = None
    # Its HTML: the article on the session's page (article_de), what anyone reads of it on
    # its own page (rendu_memorise of donnees_du_contenu).
    contenu: str = ""
    # The forms of the candidate's own page (gouvernance.views.candidatures).
    formulaire: Any = None
    formulaire_abstention: Any = None
    formulaire_decision: Any = None
    formulaire_rectification: Any = None


def session_publique(slug: str) -> SessionCopil:
    return get_object_or_404(SessionCopil.objects.publiques().select_related("grille"), slug=slug)


def decision_de(candidature: Candidature) -> Decision | None:
    """The candidate's decision (read with it), or ``None`` before the chair records one."""
    try:
        return candidature.decision
    except Decision.DoesNotExist:
        return None


def charge_figee(session: SessionCopil) -> dict[str, Any] | None:
    """The team's workload as the session kept it, in what the shared partial reads."""
    instantane = session.charge or {}
    if not instantane.get("lignes"):
        return None
    champs = {"nom", "en_charge", "capacite"}
    lignes = tuple(
        ChargeCoordination(**{k: v for k, v in ligne.items() if k in champs})
        for ligne in instantane["lignes"]
    )
    return contexte_charge(ChargeEquipe(lignes=lignes))


def graphique_resultats(pk: int, titre: str, resultats: Any) -> GraphiqueBarres | None:
    """A closed candidate's weighted score per criterion as a bar chart (``None`` without
    criteria)."""
    criteres = (resultats or {}).get("criteres") or []
    if not criteres:
        return None
    return graphique_barres(
        [(c["libelle"], c["points"]) for c in criteres],
        identifiant=f"graphique-candidature-{pk}",
        titre=f"Score pondéré par critère : {titre}",
        libelle_colonne="Critère",
        libelle_valeur="Points sur 100",
        decimales=2,
    )


def adresse_de_candidature(session: SessionCopil, pk: int) -> str:
    """``reverse("gouvernance:candidature", args=[session.slug, pk])``, written from the
    session's address: a page lists up to thirty of them (tested equal to reverse())."""
    return f"{session.get_absolute_url()}candidatures/{pk}/"


def donnees_du_contenu(
    ligne: Ligne, session: SessionCopil, *, niveau: int, peut_decider: bool
) -> dict[str, Any]:
    """What anyone reads of a candidate, as plain data (``_candidature_contenu.html`` reads
    them as ``c``): its presentation, its decision with its rectifications, its maturity as it
    stood, its results once the vote is closed, its abstentions."""
    candidature, decision = ligne.candidature, ligne.decision
    publiee = decision is not None and decision.publiee_le is not None
    fermee = session.statut in (StatutSession.CLOSE, StatutSession.PUBLIEE)
    donnees: dict[str, Any] = {
        "pk": candidature.pk,
        "titre": candidature.problematique.titre,
        "niveau": niveau,
        "presentation": candidature.presentation,
        "decision": None,
        "decision_enregistree": None,
        "maturite": candidature.maturite,
        "abstenus": ligne.abstenus,
        "resultats": None,
    }
    if decision is not None and publiee:
        donnees["decision"] = {
            "libelle": decision.get_decision_display(),
            "publiee_le": date_francaise(timezone.localdate(decision.publiee_le), "j F Y"),
            "motifs": decision.motifs,
            "rectifications": [
                {"le": date_francaise(r.le, "j F Y"), "texte": r.texte}
                for r in decision.rectifications.all()
            ],
        }
    elif decision is not None and peut_decider:
        donnees["decision_enregistree"] = decision.get_decision_display()
    if fermee:
        donnees["resultats"] = {
            "detail": candidature.resultats,
            "score": None if candidature.score is None else localize(candidature.score),
            "nb_retenir": candidature.nb_retenir,
            "nb_ajourner": candidature.nb_ajourner,
            "nb_ne_pas_retenir": candidature.nb_ne_pas_retenir,
            "nb_abstentions": candidature.nb_abstentions,
        }
    return donnees


def rendu_memorise(gabarit: str, donnees: dict[str, Any]) -> SafeString:
    """``gabarit`` rendered with the plain data ``donnees`` as ``c`` (and, when they hold a
    closed candidate's results, their chart as ``c.graphique``).

    The template reads nothing but these data, so its HTML is kept per process under them
    (``tilab.rendus``): a page of thirty candidates, or of twenty decisions, renders only those
    whose data changed since its last visit, and any change of them renders it again (there
    is nothing to forget)."""
    return rendu_retenu(gabarit, donnees, preparer=_avec_graphique)


def _avec_graphique(c: dict[str, Any]) -> dict[str, Any]:
    resultats = c.get("resultats")
    c["graphique"] = (
        graphique_resultats(c["pk"], c["titre"], resultats["detail"]) if resultats else None
    )
    return c


def article_de(ligne: Ligne, session: SessionCopil, droits: dict[str, bool]) -> str:
    """A candidate on the session's page (``_candidature.html``): what anyone reads of it,
    then, for those who act on it, where they do (its own page). ``droits``: the person's
    ``peut_voter``, ``peut_decider``, ``peut_rectifier`` and ``voit_les_votes`` here."""
    candidature, mon_vote = ligne.candidature, ligne.mon_vote
    donnees = donnees_du_contenu(ligne, session, niveau=4, peut_decider=droits["peut_decider"])
    donnees |= {
        "url": adresse_de_candidature(session, candidature.pk),
        "url_probleme": candidature.problematique.get_absolute_url(),
        "droits": droits,
        "a_une_decision": ligne.decision is not None,
        "mon_vote": None
        if mon_vote is None
        else ("abstention" if mon_vote.abstention else mon_vote.get_avis_display()),
        "nb_votes": getattr(candidature, "nb_votes", None),
    }
    return rendu_memorise("gouvernance/includes/_candidature.html", donnees)


def lire_session(request: HttpRequest, session: SessionCopil) -> dict[str, Any]:
    """What the decision page shows, in a number of queries that does not grow with the
    candidates, the members or their votes. Each candidate's votes, scores and forms are on its
    own page (:mod:`gouvernance.views.candidatures`): thirty forms of a dozen criteria on one
    page weighed half a megabyte."""
    user = request.user
    voit_les_votes = (
        rules.peut_voir_les_votes(user) and session.statut != StatutSession.EN_PREPARATION
    )
    candidatures = (
        session.candidatures.select_related("problematique", "decision")
        .defer(*TEXTES_DU_PROBLEME)
        .prefetch_related(
            Prefetch(
                "decision__rectifications", queryset=Rectification.objects.order_by("le", "pk")
            )
        )
    )
    if voit_les_votes:
        candidatures = candidatures.annotate(nb_votes=compte_correle(Vote, "candidature"))
    lignes = {c.pk: Ligne(candidature=c, decision=decision_de(c)) for c in candidatures}
    # Who abstained on what is public: the page says an organisation was involved.
    for vote in Vote.objects.filter(candidature__session=session, abstention=True).select_related(
        "membre__organisation"
    ):
        lignes[vote.candidature_id].abstenus.append(nom_choisi(vote.membre))
    siege = rules.siege(user, session)
    if siege is not None:
        for vote in Vote.objects.filter(candidature__session=session, membre=siege.personne_id):
            lignes[vote.candidature_id].mon_vote = vote
    droits = {
        "peut_voter": rules.peut_voter(user, session),
        "peut_decider": rules.peut_decider(user, session),
        "peut_rectifier": rules.peut_rectifier_dans(user, session),
        "voit_les_votes": voit_les_votes,
    }
    for ligne in lignes.values():
        ligne.contenu = article_de(ligne, session, droits)
    return {
        "session": session,
        "lignes": list(lignes.values()),
        "explication": scores.EXPLICATION,
        "voit_les_votes": voit_les_votes,
        "siege": siege,
        **participation(session),
    }


def participation(session: SessionCopil) -> dict[str, int]:
    """How many members sit in the session, and how many of them voted or abstained (counted
    while the vote is open, kept by the closing afterwards), in one query."""
    comptes: dict[str, Any] = {"nb_membres": compte_correle(Membre, "session")}
    if session.statut == StatutSession.OUVERTE:
        comptes["nb_participants"] = compte_correle(Vote, "candidature__session", distinct="membre")
    lus = SessionCopil.objects.filter(pk=session.pk).annotate(**comptes).values(*comptes).get()
    return {"nb_participants": session.nb_votants, **lus}


def rendre_session(request: HttpRequest, session: SessionCopil) -> HttpResponse:
    """The decision page, with the actions the person may take from it."""
    contexte = lire_session(request, session)
    user = request.user
    vote_ouvert = rules.peut_voter(user, session)
    manquants: list[tuple[int, str, str]] = []
    if vote_ouvert:
        manquants = [
            (
                ligne.candidature.pk,
                ligne.candidature.problematique.titre,
                adresse_de_candidature(session, ligne.candidature.pk),
            )
            for ligne in contexte["lignes"]
            if ligne.mon_vote is None
        ]
    contexte |= {
        "peut_voter": vote_ouvert,
        "peut_decider": rules.peut_decider(user, session),
        "peut_clore": rules.peut_clore(user, session),
        "peut_publier": rules.peut_publier_les_decisions(user, session),
        "peut_rectifier": rules.peut_rectifier_dans(user, session),
        "manquants": manquants,
        "charge_figee": charge_figee(session),
        "url_grille": f"/gouvernance/grille/{session.grille.numero}/",
    }
    return render(request, "gouvernance/session_detail.html", contexte)


def session(request: HttpRequest, slug: str) -> HttpResponse:
    """The public decision page of a session."""
    return rendre_session(request, session_publique(slug))


# --- What the chair does on the page (the votes and decisions: gouvernance.views.candidatures)


def connexion_vers(url: str) -> HttpResponse:
    return redirect_to_login(url)


@require_POST
def clore(request: HttpRequest, slug: str) -> HttpResponse:
    """Close the vote: the chair, the Direction or the Coordination; refused without quorum."""
    session = session_publique(slug)
    if not est_connecte(request.user):
        return connexion_vers(session.get_absolute_url())
    if not rules.peut_clore(request.user, session):
        raise PermissionDenied
    try:
        session_clore(par=personne_connectee(request), session=session)
    except SessionImpossible as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(
            request, "La session est close : les scores et les décomptes sont calculés."
        )
    return redirect(session.get_absolute_url())


@require_POST
def publier(request: HttpRequest, slug: str) -> HttpResponse:
    """The chair publishes every decision of the session at once."""
    session = session_publique(slug)
    if not est_connecte(request.user):
        return connexion_vers(session.get_absolute_url())
    if not rules.peut_publier_les_decisions(request.user, session):
        raise PermissionDenied
    try:
        decisions_publier(par=personne_connectee(request), session=session)
    except SessionImpossible as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, "Les décisions sont publiées.")
    return redirect(session.get_absolute_url())


# --- The register of decisions ---------------------------------------------------------------


def _annees() -> list[int]:
    premiere = Decision.objects.publiees().order_by("publiee_le", "id").values("publiee_le")[:1]
    cette_annee = timezone.localdate().year
    debut = next(iter(premiere), None)
    depuis = timezone.localdate(debut["publiee_le"]).year if debut else cette_annee
    return list(range(cette_annee, depuis - 1, -1))


def registre() -> QuerySet[Decision]:
    """Published decisions, most recent first, along the ``decision_registre`` index."""
    return (
        Decision.objects.publiees()
        .select_related("candidature__session", "candidature__problematique")
        .only(
            "pk",
            "decision",
            "motifs",
            "publiee_le",
            "candidature__id",
            "candidature__score",
            "candidature__session__id",
            "candidature__session__titre",
            "candidature__session__slug",
            "candidature__session__le",
            "candidature__problematique__id",
            "candidature__problematique__titre",
            "candidature__problematique__slug",
        )
        .annotate(rectifiee=Exists(Rectification.objects.filter(decision=OuterRef("pk"))))
        .order_by("-publiee_le", "-id")
    )


def ligne_du_registre(decision: Decision) -> str:
    """A published decision as a row of the register (read with :func:`registre`)."""
    candidature = decision.candidature
    session = candidature.session
    assert decision.publiee_le is not None  # the register lists published decisions only
    return rendu_memorise(
        "gouvernance/includes/_decision_ligne.html",
        {
            "pk": decision.pk,
            "publiee_le": date_francaise(timezone.localdate(decision.publiee_le), "j F Y"),
            "url": adresse_de_candidature(session, candidature.pk),
            "titre": candidature.problematique.titre,
            "url_session": session.get_absolute_url(),
            "session": session.titre,
            "decision": decision.decision,
            "libelle": decision.get_decision_display(),
            "score": None if candidature.score is None else localize(candidature.score),
            "motifs": decision.motifs,
            "rectifiee": decision.rectifiee,  # type: ignore[attr-defined]
        },
    )


def decisions(request: HttpRequest) -> HttpResponse:
    """Every published decision, filtered by year, decision, territory and theme."""
    filtre = DecisionFilter(request.GET, queryset=registre(), annees=_annees())
    pagination = paginer(
        request, filtre.qs, DECISIONS_PAR_PAGE, garder_filtres=True, par_identifiants=True
    )
    return render(
        request,
        "gouvernance/decision_liste.html",
        {
            **pagination,
            "filtre": filtre,
            "lignes": [ligne_du_registre(d) for d in pagination["page"].object_list],
            "filtre_actif": filtre.est_actif(),
            "resume_filtres": filtre.resume(),
        },
    )
