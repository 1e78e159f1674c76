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
