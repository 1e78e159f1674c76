"""How people are named and what they may do, for templates.

``{{ auteur|nom_public }}`` is the only way a template names the author of something public:
it respects the person's choice to appear by name (``Personne.profil_public``) and shows
"ancien membre" where the author deleted their account (their foreign key became ``NULL``, see
``tilab/comptes/services.py``). Select the author's organisation with the list
(``select_related("auteur__organisation")``) so that naming costs no query per row.
"""

from __future__ import annotations

from typing import Any

from django import template

from tilab.comptes import rules
from tilab.comptes.models import ANCIEN_MEMBRE, Personne

register = template.Library()


@register.filter
def nom_public(personne: Personne | None) -> str:
    if personne is None:
        return str(ANCIEN_MEMBRE)
    return personne.nom_public


@register.filter
def a_le_role(user: Any, role: str) -> bool:
    """``{% if user|a_le_role:"COPIL" %}``"""
    return rules.a_le_role(user, role)


@register.filter
def est_ti_team(user: Any) -> bool:
    return rules.est_ti_team(user)


@register.filter
def peut_publier(user: Any) -> bool:
    return rules.peut_publier(user)


@register.filter
def une_non_verifiee(adresses: Any) -> bool:
    """``{% if emailaddresses|une_non_verifiee %}``: one of a person's addresses still waits
    for its verification (the e-mail page offers to send it again only then)."""
    return any(not adresse.verified for adresse in adresses)
