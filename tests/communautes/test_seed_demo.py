"""manage.py seed_demo: idempotent demo data whose accounts log in."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from communautes import demo
from communautes.models import (
    Organisation,
    Personne,
    Territoire,
    Theme,
    TypeOrganisation,
    TypeTerritoire,
)

COMPTES = {
    "relais@demo.tilab.bzh": ["Relais"],
    "direction@demo.tilab.bzh": ["Direction"],
    "coordination@demo.tilab.bzh": ["Coordination"],
    "animation@demo.tilab.bzh": ["Animation"],
    "documentation@demo.tilab.bzh": ["Documentation"],
    "recherche@demo.tilab.bzh": ["Recherche"],
    "copil@demo.tilab.bzh": ["COPIL"],
    "codir@demo.tilab.bzh": ["CODIR"],
    "admin@demo.tilab.bzh": [],
}
MOT_DE_PASSE = "Demo-TiLab-2026"


def seed(*args: str) -> str:
    sortie = StringIO()
    call_command("seed_demo", *args, stdout=sortie)
    return sortie.getvalue()


def etat() -> dict[str, object]:
    return {
        "personnes": sorted(
            Personne.objects.values_list(
                "email",
                "first_name",
                "last_name",
                "organisation__slug",
                "fonction",
                "is_staff",
                "is_superuser",
                "password",
            )
        ),
        "organisations": sorted(
            Organisation.objects.values_list("slug", "nom", "type", "territoire__slug")
        ),
        "territoires": sorted(
            Territoire.objects.values_list("slug", "nom", "type", "code", "parent__slug")
        ),
        "themes": sorted(Theme.objects.values_list("slug", "nom", "description")),
        "adresses": sorted(EmailAddress.objects.values_list("email", "verified", "primary")),
        "roles": sorted(
            Personne.groups.through.objects.values_list("personne__email", "group__name")
        ),
        "groupes": Group.objects.count(),
    }


@pytest.mark.django_db
def test_running_it_twice_changes_nothing():
    seed()
    premier = etat()
    seed()
    assert etat() == premier


@pytest.mark.django_db
def test_it_loads_every_kind_of_reference_data():
    seed()
    assert Theme.objects.count() >= 8
    assert {o.type for o in Organisation.objects.all()} == set(TypeOrganisation.values)
    for code in ("22", "29", "35", "56"):
        departement = Territoire.objects.get(type=TypeTerritoire.DEPARTEMENT, code=code)
        epcis = departement.enfants.all()
        assert epcis.count() >= 3
        assert all(epci.enfants.exists() for epci in epcis)
    assert Territoire.objects.get(slug="rennes-metropole").code == "243500139"
    assert Territoire.objects.get(slug="rennes").code == "35238"


@pytest.mark.django_db
def test_every_demo_territory_respects_the_hierarchy():
    seed()
    for territoire in Territoire.objects.select_related("parent"):
        territoire.full_clean()


@pytest.mark.django_db
def test_demo_accounts_have_their_roles_and_a_verified_address():
    seed()
    for email, roles in COMPTES.items():
        personne = Personne.objects.get(email=email)
        assert sorted(personne.groups.values_list("name", flat=True)) == roles
        assert EmailAddress.objects.filter(
            user=personne, email=email, verified=True, primary=True
        ).exists()
        assert personne.first_name and personne.last_name and personne.organisation
    staff = set(Personne.objects.filter(is_staff=True).values_list("email", flat=True))
    assert staff == {
        "direction@demo.tilab.bzh",
        "coordination@demo.tilab.bzh",
        "animation@demo.tilab.bzh",
        "documentation@demo.tilab.bzh",
        "recherche@demo.tilab.bzh",
        "admin@demo.tilab.bzh",
    }
    assert list(Personne.objects.filter(is_superuser=True).values_list("email", flat=True)) == [
        "admin@demo.tilab.bzh"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("email", list(COMPTES))
def test_demo_accounts_log_in_with_the_demo_password(client, email):
    seed()
    reponse = client.post(reverse("account_login"), {"login": email, "password": MOT_DE_PASSE})
    assert reponse.status_code == 302
    assert client.session["_auth_user_id"] == str(Personne.objects.get(email=email).pk)


@pytest.mark.django_db
def test_a_changed_demo_password_is_put_back():
    seed()
    personne = Personne.objects.get(email="relais@demo.tilab.bzh")
    personne.set_password("autre-chose-2026")
    personne.save()
    seed()
    personne.refresh_from_db()
    assert personne.check_password(MOT_DE_PASSE)


@pytest.mark.django_db
def test_once_loads_only_the_first_time_and_always_prints_the_accounts():
    sortie = seed("--once")
    assert "chargées." in sortie
    Theme.objects.filter(slug="habitat").delete()
    sortie = seed("--once")
    assert "déjà chargées" in sortie
    assert not Theme.objects.filter(slug="habitat").exists()
    for email in COMPTES:
        assert email in sortie
    assert sortie.count(MOT_DE_PASSE) == len(COMPTES)


@pytest.mark.django_db
def test_without_once_it_puts_back_what_was_removed():
    seed()
    Theme.objects.filter(slug="habitat").delete()
    seed()
    assert Theme.objects.filter(slug="habitat").exists()


def test_the_readme_table_and_the_module_agree():
    assert [c.email for c in demo.COMPTES_DEMO] == list(COMPTES)
