"""The models of communautes, one module per concern: events, communities (with their
journal) and framed commitments. Import them from here: ``from communautes.models import
Communaute``."""

from communautes.models.communautes import (
    STATUTS_OUVERTS,
    ActionCommunaute,
    Communaute,
    CommunauteQuerySet,
    StatutCommunaute,
    TypeAction,
    TypeCommunaute,
    communaute_de,
)
from communautes.models.engagements import (
    Engagement,
    EngagementQuerySet,
    MotifFin,
    RoleEngagement,
    engagement_en_cours,
)
from communautes.models.evenements import (
    Evenement,
    EvenementQuerySet,
    Inscription,
    StatutInscription,
    TypeEvenement,
)

__all__ = [
    "STATUTS_OUVERTS",
    "ActionCommunaute",
    "Communaute",
    "CommunauteQuerySet",
    "Engagement",
    "EngagementQuerySet",
    "StatutCommunaute",
    "Evenement",
    "EvenementQuerySet",
    "Inscription",
    "MotifFin",
    "RoleEngagement",
    "StatutInscription",
    "TypeAction",
    "TypeCommunaute",
    "TypeEvenement",
    "communaute_de",
    "engagement_en_cours",
]
