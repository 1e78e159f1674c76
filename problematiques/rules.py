"""Who may report, support and triage problems; composed from ``communautes.rules``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communautes import rules as communes

if TYPE_CHECKING:
    from problematiques.models import Problematique


def peut_signaler(user: Any) -> bool:
    """Any logged-in person with a verified address, whatever their role: problems come
    from relays, but also from people who are not relays yet."""
    return communes.peut_publier(user)


def peut_soutenir(user: Any, problematique: Problematique) -> bool:
    """A verified person, on a problem open to support that they did not report themselves.

    Whether they already support it is for the page to show ("retirer mon soutien");
    ``services.soutien_ajouter`` refuses a second one anyway.
    """
    return (
        communes.peut_publier(user)
        and problematique.peut_etre_soutenue
        and problematique.auteur_id != user.pk
    )


def peut_trier(user: Any) -> bool:
    """Qualify, publish, orient, close, merge, assign a referent: Direction and Coordination."""
    return communes.est_connecte(user) and bool(
        communes.roles(user) & {communes.DIRECTION, communes.COORDINATION}
    )


def peut_voir_le_bureau(user: Any) -> bool:
    """The triage desk and every problem, drafts included: the whole Ti Team."""
    return communes.est_ti_team(user)
