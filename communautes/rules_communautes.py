"""Who may form communities, join them and act on their maturity; composed from ``rules``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communautes import rules

if TYPE_CHECKING:
    from communautes.models import Communaute


def peut_constituer(user: Any) -> bool:
    """Form a community (of interest from a problem, or any other kind), change its state:
    the Direction, the Coordination and the Animation of the Ti Team."""
    return rules.est_connecte(user) and bool(
        rules.roles(user) & {rules.DIRECTION, rules.COORDINATION, rules.ANIMATION}
    )


def peut_rejoindre(user: Any, communaute: Communaute) -> bool:
    """Commit to a community: a verified address, whatever the role, while the community
    welcomes members (en constitution or active)."""
    return rules.peut_publier(user) and communaute.accueille_des_membres


def peut_noter_territoire_volontaire(user: Any) -> bool:
    """Tick "a territory has said it is willing to commit", with a note: same people as
    forming communities."""
    return peut_constituer(user)


def peut_deroger_a_la_maturite(user: Any) -> bool:
    """Declare a problem ready for COPIL although an item of maturity is missing, with a
    written reason: the Direction only."""
    return rules.est_direction(user)


def peut_voir_les_engagements(user: Any) -> bool:
    """Everyone's commitments and who is over the monthly threshold: the whole Ti Team."""
    return rules.est_ti_team(user)
