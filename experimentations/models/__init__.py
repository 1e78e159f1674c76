"""The models of experimentations: experiments and their phases and journal, participants,
providers and budget, pacts of transformation, the coordinators' capacity."""

from experimentations.models.charge import Capacite
from experimentations.models.experimentations import (
    ORDRE_DES_PHASES,
    STATUTS_AVEC_MOTIF,
    STATUTS_EN_CHARGE,
    TRANSITIONS_EXPERIMENTATION,
    ActionExperimentation,
    Experimentation,
    PhaseExperimentation,
    StatutExperimentation,
    TypeActionExperimentation,
    TypePhase,
)
from experimentations.models.pactes import (
    HEURES_PAR_MOIS_D_UN_ETP,
    STATUTS_EN_VIGUEUR,
    STATUTS_MODIFIABLES,
    EngagementPacte,
    Pacte,
    QualiteSignataire,
    Signataire,
    StatutPacte,
    TypeEngagementPacte,
)
from experimentations.models.participants import (
    BudgetAnnuel,
    LigneBudget,
    Participant,
    Prestataire,
    RoleParticipant,
)

__all__ = [
    "HEURES_PAR_MOIS_D_UN_ETP",
    "ORDRE_DES_PHASES",
    "STATUTS_AVEC_MOTIF",
    "STATUTS_EN_CHARGE",
    "STATUTS_EN_VIGUEUR",
    "STATUTS_MODIFIABLES",
    "TRANSITIONS_EXPERIMENTATION",
    "ActionExperimentation",
    "BudgetAnnuel",
    "Capacite",
    "EngagementPacte",
    "Experimentation",
    "LigneBudget",
    "Pacte",
    "Participant",
    "PhaseExperimentation",
    "Prestataire",
    "QualiteSignataire",
    "RoleParticipant",
    "Signataire",
    "StatutExperimentation",
    "StatutPacte",
    "TypeActionExperimentation",
    "TypeEngagementPacte",
    "TypePhase",
]
