"""The models of communautes, one module per concern: events, communities (with their
journal) and framed commitments. Import them from here: ``from communautes.models import
Communaute``."""

from communautes.models.communautes import (
    ETATS_OUVERTS,
    ActionCommunaute,
    Communaute,
    CommunauteQuerySet,
    EtatCommunaute,
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
    "ETATS_OUVERTS",
    "ActionCommunaute",
    "Communaute",
    "CommunauteQuerySet",
    "Engagement",
    "EngagementQuerySet",
    "EtatCommunaute",
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
