"""The pages of gouvernance, one module per part: ``accueil`` (the section's entry page),
``textes`` (the theory of transformation and the selection grid, their versions, consultations
and differences), ``copil`` (sessions, the decision page, the register of decisions),
``candidatures`` (a candidate's page in a session, where members vote and the chair decides)."""

from gouvernance.views.accueil import index

__all__ = ["index"]
