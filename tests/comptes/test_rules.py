"""The predicates of tilab/comptes/rules.py, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import ALL_PERSONAS, PERSONAS
from tests.factories import PersonneFactory
from tilab.comptes import rules as regles_comptes

TI_TEAM = {"direction", "coordination", "animation", "documentation", "recherche"}


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_est_ti_team_only_for_the_lab_staff(persona, nom):
    assert regles_comptes.est_ti_team(persona(nom)) is (nom in TI_TEAM)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_each_persona_holds_exactly_its_roles(persona, nom):
    attendus = set(PERSONAS[nom][0]) if nom != "anonyme" else set()
    assert regles_comptes.roles(persona(nom)) == attendus
    for role in regles_comptes.ROLES:
        assert regles_comptes.a_le_role(persona(nom), role) is (role in attendus)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_logged_in_persona_may_see_export_and_delete_its_own_account(persona, nom):
    user = persona(nom)
    connecte = nom != "anonyme"
    assert regles_comptes.peut_voir_son_profil(user) is connecte
    assert regles_comptes.peut_exporter_ses_donnees(user) is connecte
    assert regles_comptes.peut_supprimer_son_compte(user) is connecte
    assert regles_comptes.peut_publier(user) is connecte


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_back_office_is_for_staff_only(persona, nom):
    assert regles_comptes.peut_acceder_au_back_office(persona(nom)) is (nom in TI_TEAM)


def test_an_unverified_person_may_not_publish_nor_edit_their_profile(db):
    personne = PersonneFactory(verifiee=False, roles=["Relais"])
    assert regles_comptes.est_relais(personne)
    assert not regles_comptes.peut_publier(personne)
    assert not regles_comptes.peut_modifier_son_profil(personne)


def test_an_inactive_account_counts_as_a_visitor(db):
    personne = PersonneFactory(is_active=False, roles=["Direction"])
    assert not regles_comptes.est_connecte(personne)
    assert not regles_comptes.est_direction(personne)


def test_a_misspelt_role_is_an_error_not_a_silent_refusal(relais):
    with pytest.raises(ValueError):
        regles_comptes.a_le_role(relais, "Copil")


def test_roles_are_read_once_per_user_object(relais, django_assert_num_queries):
    regles_comptes.roles(relais)
    with django_assert_num_queries(0):
        assert regles_comptes.est_relais(relais)
        assert not regles_comptes.est_ti_team(relais)
        assert not regles_comptes.est_copil(relais)


def test_visitors_hold_no_role():
    assert regles_comptes.roles(AnonymousUser()) == frozenset()
    assert not regles_comptes.a_une_adresse_verifiee(AnonymousUser())
