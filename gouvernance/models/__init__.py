"""The models of gouvernance: for now the versioned theory of transformation and CODIR's
opinions on it, the versioned selection grid with its criteria and scales (the three-year
frame and the COPIL sessions come next)."""

from gouvernance.models.grille import Critere, NiveauEchelle, VersionGrille
from gouvernance.models.textes import AvisCodir, StatutVersion, VersionTheorie

__all__ = [
    "AvisCodir",
    "Critere",
    "NiveauEchelle",
    "StatutVersion",
    "VersionGrille",
    "VersionTheorie",
]
