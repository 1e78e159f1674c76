"""Template helpers for events."""

from __future__ import annotations

from django import template

from communautes.models import Evenement

register = template.Library()


@register.simple_tag
def places_restantes(evenement: Evenement) -> int:
    """Seats left, from the ``nb_inscrites`` annotation (``avec_nb_inscriptions()``)."""
    return max(evenement.capacite - getattr(evenement, "nb_inscrites", 0), 0)
