"""French wording of figures on the community pages."""

from __future__ import annotations

from django import template

from tilab.francais import compte

register = template.Library()


@register.filter
def nb_communautes(n: int | None) -> str:
    """``{{ 3|nb_communautes }}`` → "3 communautés"; 0 → "aucune communauté"."""
    return compte(n, "communauté", "communautés", "aucune communauté")


@register.filter
def nb_membres(n: int | None) -> str:
    """``{{ 3|nb_membres }}`` → "3 membres"; 1 → "1 membre"; 0 → "aucun membre"."""
    return compte(n, "membre", "membres", "aucun membre")


@register.filter
def nb_autres_membres(n: int | None) -> str:
    """``{{ 3|nb_autres_membres }}`` → "3 autres membres"; 1 → "1 autre membre"."""
    return compte(n, "autre membre", "autres membres", "aucun autre membre")
