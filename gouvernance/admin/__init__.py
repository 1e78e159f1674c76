"""The back office of governance, one module per concern (Django imports this package): the
texts (frame, theory, grid, consultations) and the COPIL sessions with their decisions."""

from gouvernance.admin import copil, textes

__all__ = ["copil", "textes"]
