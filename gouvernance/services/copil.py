"""Writes on COPIL sessions: preparing one and its agenda, opening it to the vote, the members'
votes, closing it (with the results of ``gouvernance.scores``), the chair's decisions, their
publication (which moves each problem and creates the experiments of the retained ones) and
the rectifications of published decisions.

Each function checks who acts (``gouvernance.rules``) and the session's state, locks the
session row (and the candidate's for a vote) so that two people acting at once wait for each
other, and records the step in the session's journal in the same transaction. Refusals raise
:class:`SessionImpossible` with a French message (per field when a field is at fault).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone

from communautes.models import Engagement, TypeCommunaute
from communautes.services.maturite import (
    STATUTS_AVANT_COPIL,
    Maturite,
    maturites_de_communautes,
    peut_devenir_candidate,
)
from experimentations.charge import charge_de_l_equipe
from experimentations.services.experimentations import (
    ActionExperimentationImpossible,
    experimentation_creer_sur_decision,
)
from gouvernance import rules, scores
from gouvernance.models import (
    Avis,
    Candidature,
    Decision,
    Membre,
    Note,
    Rectification,
    SessionCopil,
    StatutSession,
    TypeActionSession,
    TypeDecision,
    VersionGrille,
    Vote,
)
from problematiques import services as services_problematiques
from problematiques.models import Problematique, Statut, Transition, TypeTransition
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne
from tilab.dates import date_francaise
from tilab.slugs import slug_unique
from tilab.textes import nettoyer_texte

# What each decision makes of the problem: an adjourned problem goes back to « ouverte » with
# the COPIL's feedback (its community kept), and may come to a later session.
STATUT_APRES_DECISION = {
    TypeDecision.RETENUE: Statut.RETENUE,
    TypeDecision.AJOURNEE: Statut.OUVERTE,
    TypeDecision.NON_RETENUE: Statut.NON_RETENUE,
}

# Sessions whose agenda still holds its candidates: a problem is on one of them at most.
STATUTS_AGENDA_OUVERT = (StatutSession.EN_PREPARATION, StatutSession.OUVERTE)


class SessionImpossible(ValidationError):
    """The step is refused: a role that does not allow it, a wrong state, bad data.

    ``code`` says which (``"role"``, ``"etat"``, ``"quorum"``…), also when the message is a
    dict of the fields at fault (each field's message then carries the code too)."""

    def __init__(self, message: Any, code: str | None = None, params: Any = None) -> None:
        if isinstance(message, dict) and code is not None:
            message = {
                champ: texte if isinstance(texte, ValidationError) else ValidationError(texte, code)
                for champ, texte in message.items()
            }
        super().__init__(message, code, params)
        self.code = code


# --- Reads ---------------------------------------------------------------------------------


def candidats_possibles() -> QuerySet[Problematique]:
    """The problems a session may put on its agenda: in a state before any COPIL decision,
    with a community of interest whose maturity is complete or overridden by the Direction,
    and not already on a session in preparation or open. Two queries to decide, whatever
    the number of problems (the maturities are computed together)."""
    lignes = (
        Problematique.objects.filter(
            statut__in=STATUTS_AVANT_COPIL, communaute__type=TypeCommunaute.INTERET
        )
        .exclude(candidatures_copil__session__statut__in=STATUTS_AGENDA_OUVERT)
        .values_list("pk", "communaute__pk")
    )
    par_communaute = {communaute: pk for pk, communaute in lignes}
    maturites = maturites_de_communautes(par_communaute)
    prets = [
        pk for c, pk in par_communaute.items() if c in maturites and maturites[c].prete_pour_copil
    ]
    return Problematique.objects.filter(pk__in=prets).order_by("titre", "pk")


def votes_manquants(*, session: SessionCopil, personne: Personne) -> list[Candidature]:
    """The session's candidates this member has not voted on (nor abstained on) yet."""
    return list(
        session.candidatures.exclude(votes__membre=personne).select_related("problematique")
    )


def chemin_session(session: SessionCopil) -> str:
    """The path of the session's public page."""
    try:
        return session.get_absolute_url()
    except NoReverseMatch:
        # Until the governance pages declare it; its address is fixed by the API.
        return f"/gouvernance/copil/{session.slug}/"


def lien_session(session: SessionCopil) -> str:
    """The session's public page, as a full address for e-mails."""
    return f"{settings.SITE_URL}{chemin_session(session)}"


# --- Helpers -------------------------------------------------------------------------------


def _refus_role(message: str) -> SessionImpossible:
    return SessionImpossible(message, code="role")


def _exiger_preparation(par: Personne) -> None:
    if not rules.peut_preparer_une_session(par):
        raise _refus_role(
            "Seules la Direction et la Coordination de la Ti Team préparent et ouvrent les "
            "sessions du COPIL."
        )


def _verrouiller(session: SessionCopil) -> SessionCopil:
    return SessionCopil.objects.select_for_update().select_related("grille").get(pk=session.pk)


def _exiger_statut(session: SessionCopil, statut: StatutSession, quoi: str) -> None:
    if session.statut != statut:
        raise SessionImpossible(
            f"{quoi} : la session est « {session.get_statut_display()} », il faut qu'elle soit "
            f"« {statut.label} ».",
            code="etat",
        )


def _siege(session: SessionCopil, personne: Personne) -> Membre | None:
    # Read fresh under the session's lock (the rules' cached seat may predate the opening).
    if not regles_comptes.est_connecte(personne):
        return None
    return Membre.objects.filter(session=session, personne=personne).first()


def _exiger_presidence(session: SessionCopil, par: Personne, quoi: str) -> None:
    membre = _siege(session, par)
    if membre is None or not membre.preside:
        raise _refus_role(f"Seule la personne qui préside la session peut {quoi}.")


def _texte(texte: str) -> str:
    return nettoyer_texte(texte or "", multiligne=True).strip()


def _nom(personne: Personne) -> str:
    return personne.get_full_name().strip() or f"Membre n° {personne.pk}"


# --- Preparing -----------------------------------------------------------------------------


@transaction.atomic
def session_preparer(
    *, par: Personne, titre: str, le: date, ordre_du_jour: str = ""
) -> SessionCopil:
    """A new session « en préparation », dated ``le``, with the grid in force frozen on it
    (a grid published later does not change it)."""
    _exiger_preparation(par)
    titre = nettoyer_texte(titre or "").strip()
    if not titre:
        raise SessionImpossible({"titre": "Donnez un titre à la session."}, code="titre")
    grille = VersionGrille.objects.en_vigueur()
    if grille is None:
        raise SessionImpossible(
            "Aucune grille de sélection n'est publiée : publiez-en une avant de préparer une "
            "session.",
            code="grille",
        )
    session = SessionCopil.objects.create(
        titre=titre,
        slug=slug_unique(SessionCopil, f"{titre} {le:%Y-%m-%d}"),
        le=le,
        grille=grille,
        ordre_du_jour=_texte(ordre_du_jour),
        preparee_par=par,
    )
    session.journaliser(
        TypeActionSession.PREPARER,
        par=par,
        detail=f"Session du {date_francaise(le)} préparée avec la grille n° {grille.numero}.",
    )
    return session


@transaction.atomic
def candidature_ajouter(
    *, par: Personne, session: SessionCopil, problematique: Problematique, presentation: str
) -> Candidature:
    """Put ``problematique`` on the agenda of a session en préparation, with a presentation
    for the COPIL. The problem must be ready (``peut_devenir_candidate``); it becomes
    « candidate » (a public step of its trajectory)."""
    _exiger_preparation(par)
    s = _verrouiller(session)
    _exiger_statut(s, StatutSession.EN_PREPARATION, "On ajoute une candidature")
    presentation = _texte(presentation)
    if not presentation:
        raise SessionImpossible(
            {"presentation": "Présentez la problématique en quelques lignes."},
            code="presentation",
        )
    p = Problematique.objects.select_for_update().get(pk=problematique.pk)
    if not peut_devenir_candidate(p):
        raise SessionImpossible(
            {
                "problematique": "Cette problématique ne peut pas être candidate : il lui faut "
                "une communauté d'intérêt mûre (ou une dérogation de la Direction) et ne pas "
                "être déjà à l'ordre du jour d'une session."
            },
            code="candidate",
        )
    ordre = (s.candidatures.aggregate(m=Max("ordre"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            candidature = Candidature.objects.create(
                session=s, problematique=p, ordre=ordre, presentation=presentation
            )
    except IntegrityError:
        raise SessionImpossible(
            {"problematique": "Cette problématique est déjà à l'ordre du jour."}, code="deja"
        ) from None
    try:
        services_problematiques.problematique_presenter_au_copil(
            problematique=p,
            par=par,
            commentaire_public=f"À l'ordre du jour de la session du COPIL « {s.titre} » "
            f"du {date_francaise(s.le)}.",
        )
    except services_problematiques.TransitionInterdite as exc:
        raise SessionImpossible({"problematique": exc.messages}, code="candidate") from None
    s.journaliser(
        TypeActionSession.CANDIDATURE, par=par, detail=f"Candidature ajoutée : « {p.titre} »."
    )
    return candidature


@transaction.atomic
def candidature_retirer(*, par: Personne, candidature: Candidature) -> None:
    """Take a candidate off the agenda of a session en préparation; the problem goes back to
    the state it had before."""
    _exiger_preparation(par)
    s = _verrouiller(candidature.session)
    _exiger_statut(s, StatutSession.EN_PREPARATION, "On retire une candidature")
    c = Candidature.objects.select_related("problematique").get(pk=candidature.pk)
    p = c.problematique
    presentation = (
        Transition.objects.filter(problematique=p, type=TypeTransition.PRESENTER_AU_COPIL)
        .order_by("-cree_le", "-pk")
        .values_list("statut_avant", flat=True)
        .first()
    )
    avant = (
        Statut(presentation)
        if presentation in STATUTS_AVANT_COPIL
        else Statut.COMMUNAUTE_CONSTITUEE
    )
    if p.statut == Statut.CANDIDATE:
        services_problematiques.problematique_retirer_du_copil(
            problematique=p, par=par, statut_apres=avant
        )
    c.delete()
    s.journaliser(
        TypeActionSession.CANDIDATURE, par=par, detail=f"Candidature retirée : « {p.titre} »."
    )


def maturite_en_json(maturite: Maturite) -> dict[str, Any]:
    """A problem's maturity as plain data, for a candidate to keep as it stood that day."""
    return {
        "criteres": [
            {"code": c.code, "libelle": c.libelle, "rempli": c.rempli, "detail": c.detail}
            for c in maturite.criteres
        ],
        "complete": maturite.complete,
        "derogee": maturite.derogee,
        "derogation_motif": maturite.derogation_motif,
        "resume": maturite.resume,
    }


@transaction.atomic
def session_ouvrir(
    *,
    par: Personne,
    session: SessionCopil,
    president: Personne,
    membres: Iterable[Personne] | None = None,
) -> SessionCopil:
    """Open the session to the vote: its members sit (by default every active holder of the
    COPIL role today), ``president`` among them chairs it; the quorum, the team's workload
    and each candidate's maturity are kept as they stand today."""
    _exiger_preparation(par)
    s = _verrouiller(session)
    _exiger_statut(s, StatutSession.EN_PREPARATION, "On ouvre une session au vote")
    candidatures = list(s.candidatures.select_related("problematique__communaute"))
    if not candidatures:
        raise SessionImpossible(
            "Ajoutez au moins une candidature avant d'ouvrir la session.", code="vide"
        )
    copil = Personne.objects.ayant_un_role(regles_comptes.COPIL)
    if membres is None:
        assis = list(copil.order_by("pk"))
    else:
        demandes = {m.pk for m in membres}
        assis = list(copil.filter(pk__in=demandes).order_by("pk"))
        if len(assis) != len(demandes):
            raise SessionImpossible(
                {"membres": "Seules des personnes du COPIL siègent à une session."},
                code="membres",
            )
    if not assis:
        raise SessionImpossible(
            {"membres": "Aucun membre du COPIL ne peut siéger : la session ne peut pas ouvrir."},
            code="membres",
        )
    if president.pk not in {m.pk for m in assis}:
        raise SessionImpossible(
            {"president": "La présidence revient à un membre du COPIL qui siège à la session."},
            code="president",
        )
    Membre.objects.bulk_create(
        Membre(session=s, personne=m, preside=m.pk == president.pk) for m in assis
    )
    communautes = {
        c.pk: c.problematique.communaute.pk
        for c in candidatures
        if hasattr(c.problematique, "communaute")
    }
    maturites = maturites_de_communautes(communautes.values())
    for c in candidatures:
        m = maturites.get(communautes.get(c.pk, -1))
        c.maturite = maturite_en_json(m) if m is not None else None
    Candidature.objects.bulk_update(candidatures, ["maturite"])
    s.statut = StatutSession.OUVERTE
    s.quorum = settings.GOUVERNANCE_QUORUM_COPIL
    s.charge = charge_de_l_equipe().instantane()
    s.ouverte_le = timezone.now()
    s.save(update_fields=["statut", "quorum", "charge", "ouverte_le"])
    s.journaliser(
        TypeActionSession.OUVRIR,
        par=par,
        detail=f"Ouverte au vote : {len(assis)} membre(s), présidée par {_nom(president)}.",
    )
    return s


# --- Voting --------------------------------------------------------------------------------


def _notes_valides(session: SessionCopil, notes: Mapping[int, int]) -> dict[int, int]:
    echelles: dict[int, set[int]] = {}
    for critere_id, valeur in session.grille.criteres.order_by().values_list(
        "pk", "niveaux__valeur"
    ):
        echelles.setdefault(critere_id, set()).add(valeur)
    propres: dict[int, int] = {}
    for critere_id, valeur in notes.items():
        try:
            cle, note = int(critere_id), int(valeur)
        except (TypeError, ValueError):
            raise SessionImpossible({"notes": "Une note est un nombre."}, code="notes") from None
        if cle not in echelles:
            raise SessionImpossible(
                {"notes": "Notez les critères de la grille de cette session."}, code="notes"
            )
        if note not in echelles[cle]:
            raise SessionImpossible(
                {"notes": "Chaque note est un des niveaux de l'échelle de son critère."},
                code="notes",
            )
        propres[cle] = note
    return propres


@transaction.atomic
def vote_enregistrer(
    *,
    par: Personne,
    candidature: Candidature,
    avis: str = "",
    notes: Mapping[int, int] | None = None,
    commentaire: str = "",
    abstention: bool = False,
    declaration: str = "",
) -> Vote:
    """Record (or replace) ``par``'s vote on a candidate of an open session they sit in: an
    opinion (``Avis``) and a score per criterion they choose to score (a level of its
    scale), or an abstention with a declaration of how their organisation is involved (then
    no opinion nor score is kept). The journal says that they voted, not how."""
    s = _verrouiller(candidature.session)
    if _siege(s, par) is None:
        raise _refus_role("Seuls les membres qui siègent à la session votent.")
    _exiger_statut(s, StatutSession.OUVERTE, "On vote")
    # The candidate's lock makes two submissions of the same member wait for each other: the
    # second finds the first's vote and replaces it.
    c = (
        Candidature.objects.select_for_update()
        .select_related("problematique")
        .get(pk=candidature.pk, session=s)
    )
    commentaire = _texte(commentaire)
    if abstention:
        declaration = _texte(declaration)
        if not declaration:
            raise SessionImpossible(
                {
                    "declaration": "Dites comment votre organisation est concernée par cette "
                    "candidature pour vous abstenir."
                },
                code="declaration",
            )
        avis, propres = "", {}
    else:
        if avis not in Avis.values:
            raise SessionImpossible({"avis": "Choisissez un avis."}, code="avis")
        declaration = ""
        propres = _notes_valides(s, notes or {})
    valeurs = {
        "avis": avis,
        "abstention": abstention,
        "declaration": declaration,
        "commentaire": commentaire,
    }
    vote = Vote.objects.filter(candidature=c, membre=par).first()
    if vote is None:
        try:
            with transaction.atomic():
                vote = Vote.objects.create(candidature=c, membre=par, **valeurs)
        except IntegrityError:
            # Only a submission racing outside this lock could get here; keep its vote.
            vote = Vote.objects.get(candidature=c, membre=par)
    for champ, valeur in valeurs.items():
        setattr(vote, champ, valeur)
    vote.save()
    vote.notes.all().delete()
    Note.objects.bulk_create(
        Note(vote=vote, critere_id=critere_id, valeur=valeur)
        for critere_id, valeur in propres.items()
    )
    s.journaliser(
        TypeActionSession.VOTER,
        par=par,
        detail=f"Vote enregistré sur « {c.problematique.titre} ».",
    )
    return vote


# --- Closing, deciding, publishing ---------------------------------------------------------


@transaction.atomic
def session_clore(*, par: Personne, session: SessionCopil) -> SessionCopil:
    """Close the vote (the chair, the Direction or the Coordination) once the quorum took
    part, and compute each candidate's results (``gouvernance.scores``)."""
    s = _verrouiller(session)
    siege = _siege(s, par)
    if not (rules.peut_preparer_une_session(par) or (siege is not None and siege.preside)):
        raise _refus_role(
            "Seules la présidence de la session, la Direction et la Coordination closent le vote."
        )
    _exiger_statut(s, StatutSession.OUVERTE, "On clôt le vote")
    quorum = s.quorum or settings.GOUVERNANCE_QUORUM_COPIL
    votes = list(Vote.objects.filter(candidature__session=s).prefetch_related("notes"))
    # A member takes part by voting or abstaining on at least one candidate.
    votants = len({v.membre_id for v in votes if v.membre_id is not None})
    if votants < quorum:
        raise SessionImpossible(
            f"Le quorum n'est pas atteint : {votants} membre(s) sur {quorum} requis ont voté "
            "ou se sont abstenus. Le vote reste ouvert.",
            code="quorum",
        )
    criteres = [
        scores.CritereNote(c.pk, c.libelle, c.poids, tuple(n.valeur for n in c.niveaux.all()))
        for c in s.grille.criteres.prefetch_related("niveaux")
    ]
    bulletins: dict[int, list[scores.Bulletin]] = {}
    for v in votes:
        bulletins.setdefault(v.candidature_id, []).append(
            scores.Bulletin(
                avis=v.avis,
                notes={n.critere_id: n.valeur for n in v.notes.all()},
                abstention=v.abstention,
            )
        )
    candidatures = list(s.candidatures.all())
    for c in candidatures:
        r = scores.resultats(criteres, bulletins.get(c.pk, []))
        c.resultats = r.en_json()
        c.score = r.total
        c.nb_retenir, c.nb_ajourner = r.nb_retenir, r.nb_ajourner
        c.nb_ne_pas_retenir, c.nb_abstentions = r.nb_ne_pas_retenir, r.nb_abstentions
    Candidature.objects.bulk_update(
        candidatures,
        [
            "resultats",
            "score",
            "nb_retenir",
            "nb_ajourner",
            "nb_ne_pas_retenir",
            "nb_abstentions",
        ],
    )
    s.statut = StatutSession.CLOSE
    s.nb_votants = votants
    s.close_le = timezone.now()
    s.save(update_fields=["statut", "nb_votants", "close_le"])
    s.journaliser(
        TypeActionSession.CLORE, par=par, detail=f"Vote clos : {votants} membre(s) ont pris part."
    )
    return s


@transaction.atomic
def decision_enregistrer(
    *, par: Personne, candidature: Candidature, decision: str, motifs: str
) -> Decision:
    """The chair records (or changes, until publication) the decision on a candidate of a
    closed session, with its public rationale."""
    s = _verrouiller(candidature.session)
    _exiger_presidence(s, par, "enregistrer les décisions")
    _exiger_statut(s, StatutSession.CLOSE, "On enregistre une décision")
    if decision not in TypeDecision.values:
        raise SessionImpossible({"decision": "Choisissez une décision."}, code="decision")
    motifs = _texte(motifs)
    if not motifs:
        raise SessionImpossible(
            {"motifs": "Écrivez les motifs de la décision : ils seront publics."}, code="motifs"
        )
    c = Candidature.objects.select_related("problematique").get(pk=candidature.pk, session=s)
    d, _cree = Decision.objects.update_or_create(
        candidature=c,
        defaults={"decision": decision, "motifs": motifs, "enregistree_par": par},
    )
    s.journaliser(
        TypeActionSession.DECIDER,
        par=par,
        detail=f"« {c.problematique.titre} » : {TypeDecision(decision).label}.",
    )
    return d


@transaction.atomic
def decisions_publier(*, par: Personne, session: SessionCopil) -> SessionCopil:
    """The chair publishes every decision of the closed session at once: each problem moves
    (retained → « retenue » and its experiment is created; adjourned → back to « ouverte »
    with the COPIL's feedback; not retained → « non retenue »), its trajectory shows the
    decision and its rationale, and its author, supporters and community members are
    e-mailed once the transaction commits. Published decisions never change again."""
    s = _verrouiller(session)
    _exiger_presidence(s, par, "publier les décisions")
    _exiger_statut(s, StatutSession.CLOSE, "On publie les décisions")
    candidatures = list(s.candidatures.select_related("problematique", "decision"))
    sans = [c.problematique.titre for c in candidatures if not hasattr(c, "decision")]
    if sans:
        raise SessionImpossible(
            "Chaque candidature attend sa décision avant la publication : "
            + ", ".join(f"« {t} »" for t in sans)
            + ".",
            code="decisions",
        )
    maintenant = timezone.now()
    engages: dict[int, list[int]] = {}
    for probleme_id, personne_id in (
        Engagement.objects.actifs()
        .filter(communaute__problematique__in=[c.problematique_id for c in candidatures])
        .values_list("communaute__problematique_id", "personne_id")
    ):
        engages.setdefault(probleme_id, []).append(personne_id)
    lien = lien_session(s)
    for c in candidatures:
        d = c.decision
        d.publiee_le = maintenant
        d.save(update_fields=["publiee_le"])
        try:
            p = services_problematiques.problematique_recevoir_decision(
                problematique=c.problematique,
                par=par,
                statut_apres=STATUT_APRES_DECISION[TypeDecision(d.decision)],
                commentaire_public=d.motifs,
                destinataires_en_plus=engages.get(c.problematique_id, []),
                decision=str(d.get_decision_display()),
                lien_decision=lien,
            )
            if d.decision == TypeDecision.RETENUE:
                experimentation_creer_sur_decision(par=par, problematique=p)
        except (
            services_problematiques.TransitionInterdite,
            ActionExperimentationImpossible,
        ) as exc:
            raise SessionImpossible(
                f"« {c.problematique.titre} » : " + " ".join(exc.messages), code="publication"
            ) from None
    s.statut = StatutSession.PUBLIEE
    s.publiee_le = maintenant
    s.save(update_fields=["statut", "publiee_le"])
    s.journaliser(
        TypeActionSession.PUBLIER,
        par=par,
        detail=f"{len(candidatures)} décision(s) publiée(s).",
    )
    return s


@transaction.atomic
def rectification_ajouter(
    *, par: Personne, decision: Decision, texte: str, le: date | None = None
) -> Rectification:
    """A dated correction shown beside a published decision (which itself never changes):
    by the session's chair or the Direction."""
    s = _verrouiller(decision.candidature.session)
    d = Decision.objects.select_related("candidature__problematique").get(pk=decision.pk)
    siege = _siege(s, par)
    if not (
        (regles_comptes.est_connecte(par) and regles_comptes.est_direction(par))
        or (siege is not None and siege.preside)
    ):
        raise _refus_role("Seules la présidence de la session et la Direction rectifient.")
    if d.publiee_le is None:
        raise SessionImpossible(
            "Seule une décision publiée se rectifie ; avant, la présidence la modifie.",
            code="etat",
        )
    texte = _texte(texte)
    if not texte:
        raise SessionImpossible({"texte": "Écrivez la rectification."}, code="texte")
    rectification = Rectification.objects.create(
        decision=d, le=le or timezone.localdate(), texte=texte, par=par
    )
    s.journaliser(
        TypeActionSession.RECTIFIER,
        par=par,
        detail=f"Décision sur « {d.candidature.problematique.titre} » rectifiée.",
    )
    return rectification


# --- Personal data export ------------------------------------------------------------------


def section_export(personne: Personne) -> dict[str, Any]:
    """The person's seats in COPIL sessions and their votes (opinion, scores, abstention and
    its declaration, comment), for their personal data export. Four queries, whatever the
    number of votes."""
    sieges = (
        Membre.objects.filter(personne=personne)
        .select_related("session")
        .order_by("session__le", "pk")
    )
    votes = (
        Vote.objects.filter(membre=personne)
        .select_related("candidature__session", "candidature__problematique")
        .prefetch_related("notes__critere")
        .order_by("cree_le", "pk")
    )
    return {
        "sieges": [
            {
                "session": m.session.titre,
                "adresse": lien_session(m.session),
                "le": m.session.le,
                "preside": m.preside,
            }
            for m in sieges
        ],
        "votes": [
            {
                "session": v.candidature.session.titre,
                "problematique": v.candidature.problematique.titre,
                "avis": str(v.get_avis_display()) if v.avis else "",
                "abstention": v.abstention,
                "declaration": v.declaration,
                "commentaire": v.commentaire,
                "notes": {n.critere.libelle: n.valeur for n in v.notes.all()},
                "vote_le": v.cree_le,
                "modifie_le": v.modifie_le,
            }
            for v in votes
        ],
    }
