"""Every events URL against every persona: who reads, who registers, who sees the lists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communautes.models import Inscription, StatutInscription
from tests.communautes.evenements.factories import EvenementFactory
from tests.conftest import ALL_PERSONAS
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db

EQUIPE_EVENEMENTS = {"animation", "direction"}


@pytest.fixture
def evenement():
    return EvenementFactory(slug="rencontre")


@pytest.mark.parametrize("nom", ALL_PERSONAS)
@pytest.mark.parametrize(
    "url",
    ["/evenements/", "/evenements/rencontre/", "/evenements.ics", "/evenements/rencontre.ics"],
)
def test_public_pages_are_open_to_everyone(client_de, evenement, nom, url):
    assert client_de(nom).get(url).status_code == 200


@pytest.mark.parametrize("nom", ALL_PERSONAS)
@pytest.mark.parametrize(
    "url", ["/evenements/rencontre/inscriptions/", "/evenements/rencontre/inscriptions.csv"]
)
def test_only_animation_and_direction_see_the_registration_lists(client_de, evenement, nom, url):
    reponse = client_de(nom).get(url)
    if nom == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))
    elif nom in EQUIPE_EVENEMENTS:
        assert reponse.status_code == 200
    else:
        assert reponse.status_code == 403


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_unpublished_event_is_seen_only_by_those_who_run_events(client_de, nom):
    brouillon = EvenementFactory(publie=False, titre="Brouillon d'atelier")
    client = client_de(nom)
    attendu = 200 if nom in EQUIPE_EVENEMENTS else 404
    assert client.get(brouillon.get_absolute_url()).status_code == attendu
    assert client.get(f"/evenements/{brouillon.slug}.ics").status_code == attendu
    assert ("Brouillon d&#x27;atelier" in client.get("/evenements/").content.decode()) is (
        nom in EQUIPE_EVENEMENTS
    )
    assert "Brouillon" not in client.get("/evenements.ics").content.decode()


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_verified_persona_can_register_and_a_visitor_is_sent_to_log_in(
    client_de, evenement, nom
):
    reponse = client_de(nom).post(f"/evenements/{evenement.slug}/inscription/")
    assert reponse.status_code == 302
    if nom == "anonyme":
        assert reponse["Location"].startswith(reverse("account_login"))
        assert "next=/evenements/rencontre/" in reponse["Location"]
        assert not Inscription.objects.exists()
    else:
        assert reponse["Location"] == evenement.get_absolute_url()
        assert Inscription.objects.get().statut == StatutInscription.INSCRITE


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_cancelling_needs_a_login(client_de, evenement, nom):
    reponse = client_de(nom).post(f"/evenements/{evenement.slug}/annulation/")
    assert reponse.status_code == 302
    if nom == "anonyme":
        assert reponse["Location"].startswith(reverse("account_login"))


def test_registration_is_post_only(client_de, evenement):
    client = client_de("relais")
    assert client.get(f"/evenements/{evenement.slug}/inscription/").status_code == 405
    assert client.get(f"/evenements/{evenement.slug}/annulation/").status_code == 405
    assert not Inscription.objects.exists()


def test_an_unverified_person_is_asked_to_verify_before_registering(client, evenement):
    personne = PersonneFactory(verifiee=False)
    client.force_login(personne)
    reponse = client.post(f"/evenements/{evenement.slug}/inscription/")
    assert reponse.status_code == 302
    assert not Inscription.objects.exists()
    page = client.get(evenement.get_absolute_url()).content.decode()
    assert "vérifiez d'abord votre adresse" in page
