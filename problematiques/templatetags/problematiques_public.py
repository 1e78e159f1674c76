"""French wording of figures on the problem pages."""

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
def nb_soutiens(n: int | None) -> str:
    """``{{ 3|nb_soutiens }}`` → "3 soutiens"; 1 → "1 soutien"; 0 → "aucun soutien"."""
    return _compte(n, "soutien", "soutiens", "aucun soutien")


@register.filter
def nb_problematiques(n: int | None) -> str:
    return _compte(n, "problématique", "problématiques", "aucune problématique")
