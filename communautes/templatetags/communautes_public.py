"""French wording of figures on the community pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


def _compte(n: int | None, singulier: str, pluriel: str, zero: str) -> str:
    n = n or 0
    if n == 0:
        return zero
    # French: 1 is singular, 2 and more plural; large figures grouped by thousands.
    return f"{number_format(n, force_grouping=True)} {singulier if n == 1 else pluriel}"


@register.filter
def nb_communautes(n: int | None) -> str:
    """``{{ 3|nb_communautes }}`` → "3 communautés"; 0 → "aucune communauté"."""
    return _compte(n, "communauté", "communautés", "aucune communauté")


@register.filter
def nb_membres(n: int | None) -> str:
    """``{{ 3|nb_membres }}`` → "3 membres"; 1 → "1 membre"; 0 → "aucun membre"."""
    return _compte(n, "membre", "membres", "aucun membre")


@register.filter
def nb_autres_membres(n: int | None) -> str:
    """``{{ 3|nb_autres_membres }}`` → "3 autres membres"; 1 → "1 autre membre"."""
    return _compte(n, "autre membre", "autres membres", "aucun autre membre")
