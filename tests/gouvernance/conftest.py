"""COPIL sessions at each step, shared by the governance tests (services, rules, pages).

The « copil » persona chairs; two more COPIL members sit beside it (quorum 3 by default); the
« coordination » persona prepares and opens. Each fixture builds on the previous one.
"""

from __future__ import annotations

import pytest

from gouvernance.services import copil
from tests.gouvernance import factories


@pytest.fixture
def grille_copil(db):
    return factories.grille_publiee()


@pytest.fixture
def president(persona):
    """The session's chair: the « copil » persona."""
    return persona("copil")


@pytest.fixture
def membres_copil(president):
    """The members who sit: the chair and two other COPIL members."""
    return [president, factories.membre_copil(), factories.membre_copil()]


@pytest.fixture
def session_en_preparation(coordination, grille_copil, membres_copil):
    """A session en préparation with two ready candidates (the COPIL members exist already,
    so that opening it seats them)."""
    return factories.session_preparee(par=coordination)


@pytest.fixture
def session_ouverte(coordination, session_en_preparation, president, membres_copil):
    return factories.session_ouverte(
        par=coordination, president=president, session=session_en_preparation
    )


@pytest.fixture
def session_close(coordination, session_ouverte, membres_copil):
    factories.voter_tous(session_ouverte, membres_copil)
    return copil.session_clore(par=coordination, session=session_ouverte)


@pytest.fixture
def session_decidee(session_close, president):
    """Closed, the chair has decided: the first candidate retained, the second adjourned."""
    factories.decider_tout(session_close, president)
    return session_close


@pytest.fixture
def session_publiee(session_decidee, president):
    return copil.decisions_publier(par=president, session=session_decidee)
