"""The models of gouvernance: the three-year frame, the versioned theory of transformation
and CODIR's opinions on it, the versioned selection grid with its criteria and scales, the
consultations on both, and the COPIL sessions with their candidates, votes and decisions."""

from gouvernance.models.cadre import CadreTriennal
from gouvernance.models.consultation import Commentaire
from gouvernance.models.copil import (
    ActionSession,
    Avis,
    Candidature,
    Decision,
    Membre,
    Note,
    Rectification,
    SessionCopil,
    StatutSession,
    TypeActionSession,
    TypeDecision,
    Vote,
)
from gouvernance.models.grille import Critere, NiveauEchelle, VersionGrille
from gouvernance.models.textes import AvisCodir, StatutVersion, VersionTheorie

__all__ = [
    "ActionSession",
    "Avis",
    "AvisCodir",
    "CadreTriennal",
    "Candidature",
    "Commentaire",
    "Critere",
    "Decision",
    "Membre",
    "NiveauEchelle",
    "Note",
    "Rectification",
    "SessionCopil",
    "StatutSession",
    "StatutVersion",
    "TypeActionSession",
    "TypeDecision",
    "VersionGrille",
    "VersionTheorie",
    "Vote",
]
