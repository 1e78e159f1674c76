"""The bench's data at the tests' scale: some twenty problems, a couple of communities, one
event, every kind of row once at least."""

from __future__ import annotations

import pytest

from tilab import banc
from tilab.banc import generation

ECHELLE = 0.001


@pytest.fixture
def donnees_du_banc(db) -> banc.Donnees:
    generation.generer(ECHELLE)
    return banc.Donnees(personas=_personas())


def _personas() -> dict[str, object]:
    from tilab.comptes.models import Personne

    return {nom: Personne.objects.get(email=email) for nom, email in banc.PERSONAS.items()}
