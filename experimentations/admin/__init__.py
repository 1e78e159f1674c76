"""The back office of experimentations, one module per concern (Django imports this package):
experiments with their phases, participants and providers; pacts of transformation; what the
Direction sets (the coordinators' capacity, the yearly budget for providers)."""

from experimentations.admin import charge, experimentations, pactes

__all__ = ["charge", "experimentations", "pactes"]
