"""The predicates of communautes/rules.py, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from communautes import rules
from tests.conftest import ALL_PERSONAS, PERSONAS
from tests.factories import PersonneFactory

TI_TEAM = {"direction", "coordination", "animation", "documentation", "recherche"}


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_est_ti_team_only_for_the_lab_staff(persona, nom):
    assert rules.est_ti_team(persona(nom)) is (nom in TI_TEAM)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_each_persona_holds_exactly_its_roles(persona, nom):
    attendus = set(PERSONAS[nom][0]) if nom != "anonyme" else set()
    assert rules.roles(persona(nom)) == attendus
    for role in rules.ROLES:
        assert rules.a_le_role(persona(nom), role) is (role in attendus)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_logged_in_persona_may_see_export_and_delete_its_own_account(persona, nom):
    user = persona(nom)
    connecte = nom != "anonyme"
    assert rules.peut_voir_son_profil(user) is connecte
    assert rules.peut_exporter_ses_donnees(user) is connecte
    assert rules.peut_supprimer_son_compte(user) is connecte
    assert rules.peut_publier(user) is connecte


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_back_office_is_for_staff_only(persona, nom):
    assert rules.peut_acceder_au_back_office(persona(nom)) is (nom in TI_TEAM)


def test_an_unverified_person_may_not_publish_nor_edit_their_profile(db):
    personne = PersonneFactory(verifiee=False, roles=["Relais"])
    assert rules.est_relais(personne)
    assert not rules.peut_publier(personne)
    assert not rules.peut_modifier_son_profil(personne)


def test_an_inactive_account_counts_as_a_visitor(db):
    personne = PersonneFactory(is_active=False, roles=["Direction"])
    assert not rules.est_connecte(personne)
    assert not rules.est_direction(personne)


def test_a_misspelt_role_is_an_error_not_a_silent_refusal(relais):
    with pytest.raises(ValueError):
        rules.a_le_role(relais, "Copil")


def test_roles_are_read_once_per_user_object(relais, django_assert_num_queries):
    rules.roles(relais)
    with django_assert_num_queries(0):
        assert rules.est_relais(relais)
        assert not rules.est_ti_team(relais)
        assert not rules.est_copil(relais)


def test_visitors_hold_no_role():
    assert rules.roles(AnonymousUser()) == frozenset()
    assert not rules.a_une_adresse_verifiee(AnonymousUser())
