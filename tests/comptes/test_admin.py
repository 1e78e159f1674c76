"""The back office for people and reference data: who gets in, and at what cost."""

import pytest
from django.urls import reverse

from tests.factories import (
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThemeFactory,
)
from tilab.comptes.models import Organisation, Personne, Territoire

CHANGELISTS = {
    "personne": "admin:comptes_personne_changelist",
    "organisation": "admin:comptes_organisation_changelist",
    "territoire": "admin:comptes_territoire_changelist",
    "theme": "admin:comptes_theme_changelist",
}


@pytest.fixture
def superuser(db):
    return PersonneFactory(email="admin@tilab.test", is_staff=True, is_superuser=True)


@pytest.fixture
def beaucoup_de_donnees(db):
    """About fifty rows of each model, linked together, to make any N+1 show."""
    region = Territoire.objects.get(type="region")
    departement = region.enfants.first()
    epcis = [
        TerritoireFactory(
            type="epci",
            parent=departement,
            code=f"2000000{n:02d}",
            nom=f"EPCI {n}",
            slug=f"epci-{n}",
        )
        for n in range(10)
    ]
    communes = [TerritoireFactory(parent=epcis[n % 10]) for n in range(40)]
    organisations = [OrganisationFactory(territoire=communes[n % 40]) for n in range(50)]
    for n in range(50):
        PersonneFactory(
            organisation=organisations[n],
            roles=["Relais", "COPIL"] if n % 2 else ["Relais"],
            verifiee=bool(n % 3),
        )
    ThemeFactory.create_batch(50)


@pytest.mark.parametrize("modele", list(CHANGELISTS))
@pytest.mark.parametrize("qui", ["direction", "superuser"])
def test_changelists_load_for_the_direction_and_a_superuser(
    client, persona, superuser, modele, qui
):
    client.force_login(superuser if qui == "superuser" else persona("direction"))
    reponse = client.get(reverse(CHANGELISTS[modele]))
    assert reponse.status_code == 200


@pytest.mark.parametrize("modele", list(CHANGELISTS))
def test_changelists_are_refused_to_a_relais(client_de, modele):
    url = reverse(CHANGELISTS[modele])
    reponse = client_de("relais").get(url)
    assert reponse.status_code == 302
    assert reponse["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("modele", ["organisation", "territoire", "theme"])
def test_recherche_reads_reference_data_without_the_add_button(client_de, modele):
    reponse = client_de("recherche").get(reverse(CHANGELISTS[modele]))
    assert reponse.status_code == 200
    assert f"/admin/communautes/{modele}/add/" not in reponse.content.decode()


def test_recherche_does_not_see_people(client_de):
    assert client_de("recherche").get(reverse(CHANGELISTS["personne"])).status_code == 403


@pytest.mark.parametrize("modele", list(CHANGELISTS))
def test_changelist_queries_do_not_grow_with_the_rows(
    client, superuser, beaucoup_de_donnees, modele, django_assert_max_num_queries
):
    client.force_login(superuser)
    url = reverse(CHANGELISTS[modele])
    client.get(url)
    # Session, user, their permissions, count, rows (+ roles prefetch and filter choices
    # for people): a number that does not depend on the 50 rows.
    with django_assert_max_num_queries(8 if modele == "personne" else 6):
        reponse = client.get(url)
    assert reponse.status_code == 200
    assert len(reponse.context["cl"].result_list) >= 50


def test_the_people_list_shows_roles_and_verification(client, superuser, beaucoup_de_donnees):
    client.force_login(superuser)
    reponse = client.get(reverse(CHANGELISTS["personne"]))
    html = reponse.content.decode()
    assert "Relais, COPIL" in html or "COPIL, Relais" in html
    assert "adresse vérifiée" in html.lower()


def test_the_people_list_filters_by_role_and_verification(client, superuser, beaucoup_de_donnees):
    from django.contrib.auth.models import Group

    client.force_login(superuser)
    copil = Group.objects.get(name="COPIL")
    reponse = client.get(reverse(CHANGELISTS["personne"]), {"groups__id__exact": copil.pk})
    assert reponse.context["cl"].result_count == 25
    reponse = client.get(reverse(CHANGELISTS["personne"]), {"verifiee": "non"})
    assert all(not p.adresse_verifiee for p in reponse.context["cl"].result_list)
    assert reponse.context["cl"].result_count > 0


def test_people_are_searched_by_name_and_address(client, superuser):
    PersonneFactory(email="gwen@exemple.bzh", last_name="Le Goff")
    client.force_login(superuser)
    reponse = client.get(reverse(CHANGELISTS["personne"]), {"q": "goff"})
    assert [p.email for p in reponse.context["cl"].result_list] == ["gwen@exemple.bzh"]


def test_the_direction_cannot_make_itself_superuser(client, persona):
    direction = persona("direction")
    client.force_login(direction)
    url = reverse("admin:comptes_personne_change", args=[direction.pk])
    reponse = client.get(url)
    assert reponse.status_code == 200
    assert 'name="is_superuser"' not in reponse.content.decode()


def test_the_direction_cannot_edit_a_superuser(client, persona, superuser):
    client.force_login(persona("direction"))
    url = reverse("admin:comptes_personne_change", args=[superuser.pk])
    reponse = client.get(url)
    assert 'name="email"' not in reponse.content.decode()


def test_a_superuser_creates_an_account_from_its_address(client, superuser):
    client.force_login(superuser)
    reponse = client.post(
        reverse("admin:comptes_personne_add"),
        {
            "email": "nouveau@exemple.bzh",
            "usable_password": "false",
            "password1": "",
            "password2": "",
        },
    )
    assert reponse.status_code == 302, reponse.context["adminform"].form.errors
    assert Personne.objects.filter(email="nouveau@exemple.bzh").exists()


def test_a_territory_under_the_wrong_parent_is_refused(client, superuser):
    client.force_login(superuser)
    region = Territoire.objects.get(type="region")
    reponse = client.post(
        reverse("admin:comptes_territoire_add"),
        {"nom": "Vitré", "slug": "vitre", "type": "commune", "code": "35360", "parent": region.pk},
    )
    assert reponse.status_code == 200
    assert "parent" in reponse.context["adminform"].form.errors
    assert not Territoire.objects.filter(slug="vitre").exists()


def test_invisible_characters_are_taken_out_of_an_organisation_name(client, superuser):
    client.force_login(superuser)

    reponse = client.post(
        reverse("admin:comptes_organisation_add"),
        {"nom": "\u202eeiriaM\u202c de Brest", "slug": "mairie-de-brest", "type": "commune"},
    )

    assert reponse.status_code == 302
    assert Organisation.objects.get(slug="mairie-de-brest").nom == "eiriaM de Brest"


def test_invisible_characters_are_taken_out_of_a_person_name(client, superuser):
    personne = PersonneFactory(first_name="Yann")
    client.force_login(superuser)
    page = client.get(reverse("admin:comptes_personne_change", args=[personne.pk]))
    donnees = {
        **{
            cle: valeur
            for cle, valeur in page.context["adminform"].form.initial.items()
            if valeur is not None and cle not in {"groups", "user_permissions", "expertises"}
        },
        "first_name": "\u202ennaY",
        "last_login_0": "",
        "date_joined_0": "01/01/2026",
        "date_joined_1": "10:00:00",
    }

    reponse = client.post(reverse("admin:comptes_personne_change", args=[personne.pk]), donnees)

    assert reponse.status_code == 302, reponse.context["adminform"].form.errors
    personne.refresh_from_db()
    assert personne.first_name == "nnaY"
