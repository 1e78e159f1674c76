"""The bench's communities, commitments and events (see ``tilab/banc/__init__.py`` for the
contract): communities first, so that events can belong to them."""

from __future__ import annotations

from communautes.bench import communautes, evenements
from tilab.banc import Donnees, Page


def generer(echelle: float) -> None:
    communautes.generer(echelle)
    evenements.generer(echelle)


def pages(donnees: Donnees) -> list[Page]:
    return communautes.pages(donnees) + evenements.pages(donnees)


def compter() -> dict[str, int]:
    return communautes.compter() | evenements.compter()
