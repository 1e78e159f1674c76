"""Who may do what with a COPIL session, for every persona, the anonymous visitor, and a
member sitting without chairing (« membre »)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gouvernance import rules
from tests.conftest import ALL_PERSONAS

pytestmark = pytest.mark.django_db

QUI = [*ALL_PERSONAS, "membre"]


@pytest.fixture
def qui(persona, membres_copil):
    def get(nom):
        # A fresh object each time: the seats are cached on the user.
        if nom == "membre":
            return type(membres_copil[1]).objects.get(pk=membres_copil[1].pk)
        user = persona(nom)
        if isinstance(user, AnonymousUser):
            return user
        return type(user).objects.get(pk=user.pk)

    return get


@pytest.mark.parametrize("nom", QUI)
def test_preparing_and_reading_the_votes(qui, nom):
    user = qui(nom)
    assert rules.peut_preparer_une_session(user) is (nom in {"direction", "coordination"})
    assert rules.peut_voir_les_votes(user) is (
        nom in {"direction", "coordination", "animation", "documentation", "recherche", "copil"}
        or nom == "membre"
    )


@pytest.mark.parametrize("nom", QUI)
def test_an_open_session(qui, nom, session_ouverte):
    user = qui(nom)
    assert (rules.siege(user, session_ouverte) is not None) is (nom in {"copil", "membre"})
    assert rules.peut_voter(user, session_ouverte) is (nom in {"copil", "membre"})
    assert rules.preside(user, session_ouverte) is (nom == "copil")
    assert rules.peut_clore(user, session_ouverte) is (
        nom in {"copil", "direction", "coordination"}
    )
    assert rules.peut_decider(user, session_ouverte) is False
    assert rules.peut_publier_les_decisions(user, session_ouverte) is False


@pytest.mark.parametrize("nom", QUI)
def test_a_closed_session(qui, nom, session_close):
    user = qui(nom)
    assert rules.peut_voter(user, session_close) is False
    assert rules.peut_clore(user, session_close) is False
    assert rules.peut_decider(user, session_close) is (nom == "copil")
    assert rules.peut_publier_les_decisions(user, session_close) is (nom == "copil")


@pytest.mark.parametrize("nom", QUI)
def test_rectifying_a_published_decision(qui, nom, session_publiee):
    decision = session_publiee.candidatures.first().decision
    assert rules.peut_rectifier(qui(nom), decision) is (nom in {"copil", "direction"})


def test_an_unpublished_decision_is_not_rectified(persona, session_decidee):
    decision = session_decidee.candidatures.first().decision
    assert not rules.peut_rectifier(persona("direction"), decision)
    assert not rules.peut_rectifier(persona("copil"), None)


def test_the_seat_is_read_once_per_user_and_session(
    membres_copil, session_ouverte, django_assert_num_queries
):
    membre = type(membres_copil[1]).objects.get(pk=membres_copil[1].pk)
    with django_assert_num_queries(1):
        assert rules.peut_voter(membre, session_ouverte)
        assert not rules.preside(membre, session_ouverte)
        assert rules.siege(membre, session_ouverte) is not None
    rules.oublier_sieges(membre)
    with django_assert_num_queries(1):
        rules.siege(membre, session_ouverte)


def test_nobody_sits_in_a_session_being_prepared(persona, session_en_preparation):
    assert rules.siege(persona("copil"), session_en_preparation) is None
    assert rules.siege(persona("copil"), None) is None
