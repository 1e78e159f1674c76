"""The bench's pages of gouvernance (contract: ``tilab/banc/__init__.py``): its entry page
for now. When the app gets its models, its ``generer(echelle)`` adds their rows here
and ``pages()`` its lists and details, with real slugs."""

from __future__ import annotations

from tilab.banc import Donnees, Nature, Page


def pages(donnees: Donnees) -> list[Page]:
    return [Page("/gouvernance/", Nature.PAGE)]


from gouvernance.bench_generation import compter, generer  # noqa: E402

__all__ = ["compter", "generer", "pages"]
