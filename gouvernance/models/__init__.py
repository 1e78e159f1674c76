"""The models of gouvernance: for now the versioned theory of transformation and CODIR's
opinions on it (the three-year frame, the grid and the COPIL sessions come next)."""

from gouvernance.models.textes import AvisCodir, StatutVersion, VersionTheorie

__all__ = ["AvisCodir", "StatutVersion", "VersionTheorie"]
