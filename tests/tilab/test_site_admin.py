"""tilab.admin.SiteAdmin: every list of the back office answers impossible filters by going
back to the list without them (``?e=1``) with a message, as Django does for filters it cannot
apply, instead of a server error; the swept version is tests/test_balayage_admin.py."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages

from tests.communautes.factories import CommunauteFactory
from tests.factories import OrganisationFactory, PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.admin import MESSAGE_FILTRES_REFUSES, ModeleAdminGarde, SiteAdmin

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipe(client):
    client.force_login(PersonneFactory(is_staff=True, is_superuser=True))
    return client


def test_every_model_of_the_back_office_is_guarded_ours_and_the_libraries():
    assert isinstance(admin.site, SiteAdmin)
    labels = {modele._meta.label for modele in admin.site._registry}
    assert {"django_tasks_database.DBTaskResult", "account.EmailAddress", "auth.Group"} <= labels
    assert all(isinstance(m, ModeleAdminGarde) for m in admin.site._registry.values())


@pytest.mark.parametrize(
    "liste",
    [
        "/admin/problematiques/problematique/?statut__exact=%00",
        "/admin/problematiques/problematique/?statut=%00",
        "/admin/communautes/engagement/?role__exact=a%00b",
        "/admin/django_tasks_database/dbtaskresult/?status__exact=%00",
        "/admin/communautes/evenement/?debut__year=99999999999999999999",
        "/admin/communautes/engagement/?debut__year=99999999999999999999",
        "/admin/communautes/evenement/?debut__year=9999",
        "/admin/communautes/evenement/?debut__year=9999&debut__month=12",
    ],
)
def test_an_impossible_filter_sends_back_to_the_list_with_a_message(equipe, liste):
    reponse = equipe.get(liste)

    assert reponse.status_code == 302
    chemin = liste.split("?")[0]
    assert reponse["Location"] == f"{chemin}?e=1"
    assert [str(m) for m in get_messages(reponse.wsgi_request)] == [MESSAGE_FILTRES_REFUSES]
    assert equipe.get(reponse["Location"]).status_code == 200


def test_impossible_filters_kept_after_the_way_back_get_a_french_page(equipe):
    reponse = equipe.get("/admin/problematiques/problematique/?e=1&statut__exact=%00")

    assert reponse.status_code == 200
    assert "Ces filtres ne peuvent pas s'appliquer" in reponse.content.decode()


def test_a_possible_filter_still_filters(equipe):
    ProblematiqueFactory(titre="Soumise à trier")
    reponse = equipe.get("/admin/problematiques/problematique/?statut__exact=soumise")
    assert reponse.status_code == 200
    assert reponse.context["cl"].result_count == 1


def test_an_autocomplete_search_with_a_nul_byte_finds_nothing(equipe):
    OrganisationFactory(nom="Mairie de Brest")
    parametres = {
        "app_label": "problematiques",
        "model_name": "problematique",
        "field_name": "organisation",
    }

    reponse = equipe.get("/admin/autocomplete/", parametres | {"term": "Brest\x00"})

    assert reponse.status_code == 200
    assert reponse.json()["results"] == []
    trouve = equipe.get("/admin/autocomplete/", parametres | {"term": "Brest"})
    assert [r["text"] for r in trouve.json()["results"]] == ["Mairie de Brest"]


@pytest.mark.parametrize("valeur", ["\x00", "2026-02-30", "9" * 30])
def test_a_refused_form_shows_its_autocomplete_field_again_whatever_was_posted(equipe, valeur):
    communaute = CommunauteFactory()
    page = f"/admin/communautes/communaute/{communaute.pk}/change/"

    reponse = equipe.post(page, {"nom": "", "objet": "x", "territoires": [valeur]})

    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["nom"]
