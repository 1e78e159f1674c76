"""The models of documentation: pages written by those who run a project, their immutable
revisions, their attachments, the review's comments, the declared reuses, and the kinds of
page each experiment owes."""

from documentation.models.pages import (
    LICENCES,
    ActionPage,
    CommentaireRelecture,
    Licence,
    Page,
    PageQuerySet,
    PieceJointe,
    Revision,
    SortePage,
    StatutPage,
    TypeActionPage,
)
from documentation.models.reutilisations import PageAttendue, Reutilisation

__all__ = [
    "LICENCES",
    "ActionPage",
    "CommentaireRelecture",
    "Licence",
    "Page",
    "PageAttendue",
    "PageQuerySet",
    "PieceJointe",
    "Reutilisation",
    "Revision",
    "SortePage",
    "StatutPage",
    "TypeActionPage",
]
