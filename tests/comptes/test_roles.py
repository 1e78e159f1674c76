"""Roles are groups created by migration 0002, with the permissions DESIGN.md gives them."""

import pytest
from django.contrib.auth.models import Group

from tilab.comptes.models import Territoire

ROLES = [
    "Relais",
    "Direction",
    "Coordination",
    "Animation",
    "Documentation",
    "Recherche",
    "COPIL",
    "CODIR",
]
REFERENCE = ["organisation", "territoire", "theme"]


def codenames(role: str) -> set[str]:
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


@pytest.mark.django_db
def test_direction_can_edit_reference_data_and_recherche_only_read():
    direction = Group.objects.get(name="Direction")
    recherche = Group.objects.get(name="Recherche")
    assert direction.permissions.filter(codename="change_territoire").exists()
    assert direction.permissions.filter(codename="delete_organisation").exists()
    assert recherche.permissions.filter(codename="view_theme").exists()
    assert not recherche.permissions.filter(codename="change_theme").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Direction", "Coordination", "Animation", "Documentation"])
def test_ti_team_editors_can_add_change_and_view_every_reference_model(role):
    attendues = {f"{a}_{m}" for m in REFERENCE for a in ("add", "change", "view")}
    assert attendues <= codenames(role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Coordination", "Animation", "Documentation", "Recherche"])
def test_only_direction_deletes_reference_data(role):
    assert not {f"delete_{m}" for m in REFERENCE} & codenames(role)


@pytest.mark.django_db
def test_direction_manages_accounts_coordination_only_sees_them():
    assert {"view_personne", "change_personne"} <= codenames("Direction")
    assert "view_personne" in codenames("Coordination")
    assert "change_personne" not in codenames("Coordination")
    for role in ("Animation", "Documentation", "Recherche"):
        assert not {"view_personne", "change_personne"} & codenames(role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Relais", "COPIL", "CODIR"])
def test_roles_outside_the_team_have_no_back_office_permission(role):
    # CODIR records its opinions on the theory's versions
    # (gouvernance/migrations/0004_permissions_textes.py), and nothing else.
    attendues = {"view_aviscodir", "add_aviscodir"} if role == "CODIR" else set()
    assert codenames(role) == attendues


@pytest.mark.django_db
def test_nobody_but_a_superuser_may_delete_accounts():
    for role in ROLES:
        assert "delete_personne" not in codenames(role)


@pytest.mark.django_db
def test_bretagne_and_its_departements_are_seeded():
    region = Territoire.objects.get(type="region", code="53")
    assert sorted(region.enfants.values_list("code", flat=True)) == ["22", "29", "35", "56"]
