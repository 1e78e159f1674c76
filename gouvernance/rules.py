"""Who may write the governance texts and record CODIR's opinions; composed from
``tilab.comptes.rules``."""

from __future__ import annotations

from typing import Any

from gouvernance.models import Decision, Membre, SessionCopil, StatutSession
from tilab.comptes import rules as regles_comptes


def peut_rediger_les_textes(user: Any) -> bool:
    """Draft a version of the theory of transformation, open its consultation, publish it:
    the Direction and the Coordination of the Ti Team."""
    return regles_comptes.est_connecte(user) and bool(
        regles_comptes.roles(user) & {regles_comptes.DIRECTION, regles_comptes.COORDINATION}
    )


def peut_enregistrer_un_avis_codir(user: Any) -> bool:
    """Record CODIR's validation or invalidation of a published version: a CODIR member."""
    return regles_comptes.est_codir(user)


def peut_enregistrer_le_cadre(user: Any) -> bool:
    """Record the three-year frame CODIR set (its period, orientations, meeting): the
    Direction, which sits on CODIR for the lab."""
    return regles_comptes.est_direction(user)


# Who answers the ecosystem's comments during a consultation: those who write the texts
# (Direction, Coordination) and Animation, which leads the communities taking part in it.
# Documentation and Recherche read the comments; they do not answer in the team's name.
REPONDANTS = frozenset(
    {regles_comptes.DIRECTION, regles_comptes.COORDINATION, regles_comptes.ANIMATION}
)


def peut_commenter_les_textes(user: Any) -> bool:
    """Comment on a version in consultation: any member logged in with a verified address."""
    return regles_comptes.peut_publier(user)


def peut_repondre_aux_commentaires(user: Any) -> bool:
    """Answer a comment in the team's name (:data:`REPONDANTS`)."""
    return regles_comptes.est_connecte(user) and bool(regles_comptes.roles(user) & REPONDANTS)


# --- COPIL sessions ------------------------------------------------------------------------

_CACHE_SIEGES = "_tilab_sieges_copil"


def peut_preparer_une_session(user: Any) -> bool:
    """Prepare a COPIL session, put candidates on its agenda, open it to the vote: the
    Direction and the Coordination of the Ti Team."""
    return regles_comptes.est_connecte(user) and bool(
        regles_comptes.roles(user) & {regles_comptes.DIRECTION, regles_comptes.COORDINATION}
    )


def siege(user: Any, session: SessionCopil | None) -> Membre | None:
    """The person's seat (``Membre``) in the session, or ``None``; read once per request and
    session, and kept on the user like their roles."""
    if not regles_comptes.est_connecte(user) or session is None or session.pk is None:
        return None
    sieges: dict[int, Membre | None] = getattr(user, _CACHE_SIEGES, None) or {}
    if session.pk not in sieges:
        sieges[session.pk] = Membre.objects.filter(session_id=session.pk, personne=user).first()
        setattr(user, _CACHE_SIEGES, sieges)
    return sieges[session.pk]


def oublier_sieges(user: Any) -> None:
    """Forget the seats read, after the members of a session changed."""
    if hasattr(user, _CACHE_SIEGES):
        delattr(user, _CACHE_SIEGES)


def _statut(session: SessionCopil | None, statut: str) -> bool:
    return bool(session is not None and session.statut == statut)


def peut_voter(user: Any, session: SessionCopil | None) -> bool:
    """Vote on the session's candidates: a member sitting in it, while it is open."""
    return _statut(session, StatutSession.OUVERTE) and siege(user, session) is not None


def preside(user: Any, session: SessionCopil | None) -> bool:
    """The person chairs the session."""
    membre = siege(user, session)
    return bool(membre is not None and membre.preside)


def peut_clore(user: Any, session: SessionCopil | None) -> bool:
    """Close the vote: the chair, or the Direction and the Coordination, while it is open."""
    return _statut(session, StatutSession.OUVERTE) and (
        preside(user, session) or peut_preparer_une_session(user)
    )


def peut_decider(user: Any, session: SessionCopil | None) -> bool:
    """Record the decision on each candidate: the chair, once the vote is closed."""
    return _statut(session, StatutSession.CLOSE) and preside(user, session)


def peut_publier_les_decisions(user: Any, session: SessionCopil | None) -> bool:
    """Publish the session's decisions: the chair, once the vote is closed."""
    return peut_decider(user, session)


def peut_rectifier(user: Any, decision: Decision | None) -> bool:
    """Add a dated rectification beside a published decision: the session's chair or the
    Direction."""
    if decision is None or decision.publiee_le is None:
        return False
    return _direction_ou_presidence(user, decision.candidature.session)


def peut_rectifier_dans(user: Any, session: SessionCopil | None) -> bool:
    """The person may rectify the session's decisions (:func:`peut_rectifier`), once they are
    published."""
    return _statut(session, StatutSession.PUBLIEE) and _direction_ou_presidence(user, session)


def _direction_ou_presidence(user: Any, session: SessionCopil | None) -> bool:
    """The Direction, or the session's chair: who rectifies a published decision."""
    if regles_comptes.est_connecte(user) and regles_comptes.est_direction(user):
        return True
    return preside(user, session)


def peut_voir_les_votes(user: Any) -> bool:
    """Read each member's vote (not only the totals): the COPIL and the Ti Team."""
    return regles_comptes.est_copil(user) or regles_comptes.est_ti_team(user)
