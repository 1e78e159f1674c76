"""Who may register to events and who sees registration lists; composed from ``rules``."""

from __future__ import annotations

from typing import Any

from communautes import rules


def peut_s_inscrire_a_un_evenement(user: Any) -> bool:
    """Registering gives the team a name to expect: a verified address, whatever the role."""
    return rules.peut_publier(user)


def peut_voir_les_inscriptions(user: Any) -> bool:
    """The registration list of an event (names, e-mails) and unpublished events: Animation,
    who runs events, and the Direction."""
    return rules.est_connecte(user) and bool(rules.roles(user) & {rules.ANIMATION, rules.DIRECTION})
