"""Who may write the governance texts and record CODIR's opinions; composed from
``tilab.comptes.rules``."""

from __future__ import annotations

from typing import Any

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
