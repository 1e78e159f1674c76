"""The back office of gouvernance, one module per concern (Django imports this package)."""

from gouvernance.admin import textes

__all__ = ["textes"]
