"""French wording of figures on the problem pages."""

from __future__ import annotations

from django import template

from tilab.francais import compte

register = template.Library()


@register.filter
def nb_soutiens(n: int | None) -> str:
    """``{{ 3|nb_soutiens }}`` → "3 soutiens"; 1 → "1 soutien"; 0 → "aucun soutien"."""
    return compte(n, "soutien", "soutiens", "aucun soutien")


@register.filter
def nb_problematiques(n: int | None) -> str:
    return compte(n, "problématique", "problématiques", "aucune problématique")
