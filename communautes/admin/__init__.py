"""The back office of communautes, one module per concern (Django imports this package)."""

from communautes.admin import communautes, evenements

__all__ = ["communautes", "evenements"]
