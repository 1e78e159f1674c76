"""The bench's pages of documentation (contract: ``tilab/banc/__init__.py``): its entry page
for now. When the app gets its models, its ``generer(echelle)`` adds their rows here
and ``pages()`` its lists and details, with real slugs."""

from __future__ import annotations

from tilab.banc import Donnees, Nature, Page


def pages(donnees: Donnees) -> list[Page]:
    return [Page("/documentation/", Nature.PAGE)]


# Public pages under a page's address, not measured yet: the generator does not create pages.
LAISSEES_DE_COTE = dict.fromkeys(
    (
        "documentation:page",
        "documentation:markdown",
        "documentation:historique",
        "documentation:revision",
        "documentation:comparer",
        "documentation:piece_jointe",
    ),
    "mesurée dès que le générateur crée des pages",
)
