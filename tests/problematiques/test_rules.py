"""Who may report, support, triage and see the desk: every role of the cast."""

import pytest

from problematiques import rules
from tests.conftest import ALL_PERSONAS
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory

TRIEURS = {"direction", "coordination"}
TI_TEAM = {"direction", "coordination", "animation", "documentation", "recherche"}


@pytest.mark.django_db
@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_verified_person_may_report_visitors_may_not(persona, nom):
    assert rules.peut_signaler(persona(nom)) is (nom != "anonyme")


@pytest.mark.django_db
def test_an_unverified_person_may_not_report_nor_support():
    personne = PersonneFactory(verifiee=False)
    assert not rules.peut_signaler(personne)
    assert not rules.peut_soutenir(personne, ProblematiqueFactory(publiee=True))


@pytest.mark.django_db
@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_only_direction_and_coordination_triage(persona, nom):
    assert rules.peut_trier(persona(nom)) is (nom in TRIEURS)


@pytest.mark.django_db
@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_the_whole_ti_team_sees_the_desk(persona, nom):
    assert rules.peut_voir_le_bureau(persona(nom)) is (nom in TI_TEAM)


@pytest.mark.django_db
@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_any_verified_person_may_support_an_open_problem(persona, nom):
    ouverte = ProblematiqueFactory(publiee=True)
    soumise = ProblematiqueFactory()
    assert rules.peut_soutenir(persona(nom), ouverte) is (nom != "anonyme")
    assert not rules.peut_soutenir(persona(nom), soumise)


@pytest.mark.django_db
def test_the_author_may_not_support_their_own_problem():
    p = ProblematiqueFactory(publiee=True)
    assert not rules.peut_soutenir(p.auteur, p)
