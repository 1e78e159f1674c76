import pytest
from django.contrib.auth.models import Group

ROLES = ["Relais", "Direction", "Coordination", "Animation", "Documentation", "Recherche", "COPIL", "CODIR"]


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
def test_bretagne_and_its_departements_are_seeded():
    from communautes.models import Territoire

    region = Territoire.objects.get(type="region", code="53")
    assert sorted(region.enfants.values_list("code", flat=True)) == ["22", "29", "35", "56"]
