"""Who may form communities, join them, act on their maturity, register to events and see
registrations; composed from ``tilab.comptes.rules``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tilab.comptes import rules as regles_comptes

if TYPE_CHECKING:
    from communautes.models import Communaute


def peut_constituer(user: Any) -> bool:
    """Form a community (of interest from a problem, or any other kind), change its state:
    the Direction, the Coordination and the Animation of the Ti Team."""
    return regles_comptes.est_connecte(user) and bool(
        regles_comptes.roles(user)
        & {regles_comptes.DIRECTION, regles_comptes.COORDINATION, regles_comptes.ANIMATION}
    )


def peut_rejoindre(user: Any, communaute: Communaute) -> bool:
    """Commit to a community: a verified address, whatever the role, while the community
    welcomes members (en constitution or active)."""
    return regles_comptes.peut_publier(user) and communaute.accueille_des_membres


def peut_noter_territoire_volontaire(user: Any) -> bool:
    """Tick "a territory has said it is willing to commit", with a note: same people as
    forming communities."""
    return peut_constituer(user)


def peut_deroger_a_la_maturite(user: Any) -> bool:
    """Declare a problem ready for COPIL although an item of maturity is missing, with a
    written reason: the Direction only."""
    return regles_comptes.est_direction(user)


def peut_voir_les_engagements(user: Any) -> bool:
    """Everyone's commitments and who is over the monthly threshold: the whole Ti Team."""
    return regles_comptes.est_ti_team(user)


# --- Events -------------------------------------------------------------------------------


def peut_s_inscrire_a_un_evenement(user: Any) -> bool:
    """Registering gives the team a name to expect: a verified address, whatever the role."""
    return regles_comptes.peut_publier(user)


def peut_voir_les_inscriptions(user: Any) -> bool:
    """The registration list of an event (names, e-mails) and unpublished events: Animation,
    who runs events, and the Direction. The same rule on the site (the list and its CSV) and in
    the back office (the registrations of an event's page, ``communautes/admin/evenements.py``)."""
    return regles_comptes.est_connecte(user) and bool(
        regles_comptes.roles(user) & {regles_comptes.ANIMATION, regles_comptes.DIRECTION}
    )
