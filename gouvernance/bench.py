"""The bench's governance (contract: ``tilab/banc/__init__.py``): the rows come from
``gouvernance.bench_generation``; ``pages()`` lists the section's pages."""

from __future__ import annotations

from gouvernance.bench_generation import compter, generer
from tilab.banc import Donnees, Nature, Page

__all__ = ["compter", "generer", "pages"]


def pages(donnees: Donnees) -> list[Page]:
    return [Page("/gouvernance/", Nature.PAGE)]
