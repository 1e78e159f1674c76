"""Who may report, support and triage problems; composed from ``tilab.comptes.rules``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tilab.comptes import rules as regles_comptes

if TYPE_CHECKING:
    from problematiques.models import Problematique


def peut_signaler(user: Any) -> bool:
    """Any logged-in person with a verified address, whatever their role: problems come
    from relays, but also from people who are not relays yet."""
    return regles_comptes.peut_publier(user)


def peut_soutenir(user: Any, problematique: Problematique) -> bool:
    """A verified person, on a problem open to support that they did not report themselves.

    Whether they already support it is for the page to show ("retirer mon soutien");
    ``services.soutien_ajouter`` refuses a second one anyway.
    """
    return (
        regles_comptes.peut_publier(user)
        and problematique.peut_etre_soutenue
        and problematique.auteur_id != user.pk
    )


def peut_trier(user: Any) -> bool:
    """Qualify, publish, orient, close, merge, assign a referent: Direction and Coordination."""
    return regles_comptes.est_connecte(user) and bool(
        regles_comptes.roles(user) & {regles_comptes.DIRECTION, regles_comptes.COORDINATION}
    )


def peut_voir_le_bureau(user: Any) -> bool:
    """The triage desk and every problem, drafts included: the whole Ti Team."""
    return regles_comptes.est_ti_team(user)
