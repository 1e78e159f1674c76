"""Who may create and run experiments, manage and sign pacts, see budget lines and set the
coordinators' capacity; composed from ``tilab.comptes.rules``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tilab.comptes import rules as regles_comptes

if TYPE_CHECKING:
    from experimentations.models import Pacte


def peut_coordonner(user: Any) -> bool:
    """Create an experiment from a retained problem, change its state, its phases, its
    participants, its providers and budget; draft, propose, withdraw, end and amend pacts:
    the Direction and the Coordination."""
    return regles_comptes.est_connecte(user) and bool(
        regles_comptes.roles(user) & {regles_comptes.DIRECTION, regles_comptes.COORDINATION}
    )


def peut_fixer_les_capacites(user: Any) -> bool:
    """Set each coordinator's capacity and the yearly budget for providers: the Direction."""
    return regles_comptes.est_direction(user)


def peut_voir_les_lignes_de_budget(user: Any) -> bool:
    """The budget lines one by one (labels, providers, amounts): the Ti Team. The public sees
    the totals per phase and against the year's budget."""
    return regles_comptes.est_ti_team(user)


def peut_voir_les_brouillons(user: Any) -> bool:
    """Pacts still in draft: the Direction and the Coordination who write them."""
    return peut_coordonner(user)


def peut_signer(user: Any, pacte: Pacte, signataires: Any = None) -> bool:
    """Confirm ``pacte``: a named signatory, with their own account and a verified address,
    while the pact is proposed and they have not confirmed yet. ``signataires`` (the pact's,
    already fetched) saves a query."""
    from experimentations.models import StatutPacte

    if not regles_comptes.peut_publier(user) or pacte.statut != StatutPacte.PROPOSE:
        return False
    liste = signataires if signataires is not None else pacte.signataires.all()
    return any(s.personne_id == user.pk and s.signe_le is None for s in liste)
