"""The registration list of an event and its CSV, for Animation and the Direction."""

from __future__ import annotations

import csv
import io

import pytest

from communautes.models import StatutInscription
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.factories import OrganisationFactory, PersonneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evenement():
    e = EvenementFactory(slug="atelier-donnees")
    org = OrganisationFactory(nom="Mairie de Plouër, « centre »")
    InscriptionFactory(
        evenement=e,
        personne=PersonneFactory(
            first_name="Anne", last_name="Le Bihan", email="anne@exemple.bzh", organisation=org
        ),
    )
    InscriptionFactory(
        evenement=e,
        personne=PersonneFactory(first_name="=HYPERLINK(1)", last_name="Tanguy", email="t@x.fr"),
        statut=StatutInscription.EN_ATTENTE,
    )
    InscriptionFactory(evenement=EvenementFactory(), personne=PersonneFactory(email="autre@x.fr"))
    return e


def test_the_csv_lists_the_registrations_of_this_event_only(client_de, evenement):
    reponse = client_de("animation").get("/evenements/atelier-donnees/inscriptions.csv")
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in reponse["Content-Disposition"]
    texte = reponse.content.decode("utf-8")
    assert texte.startswith("\ufeff")
    lignes = list(csv.DictReader(io.StringIO(texte[1:])))
    assert [(ligne["statut"], ligne["adresse_electronique"]) for ligne in lignes] == [
        ("Inscrite", "anne@exemple.bzh"),
        ("Sur liste d'attente", "t@x.fr"),
    ]
    assert lignes[0]["organisation"] == "Mairie de Plouër, « centre »"
    assert lignes[0]["nom"] == "Le Bihan"
    # A spreadsheet would run this as a formula.
    assert lignes[1]["prenom"] == "'=HYPERLINK(1)"


def test_the_page_shows_the_list_with_a_link_to_the_csv(
    client_de, evenement, django_assert_max_num_queries
):
    client = client_de("direction")
    with django_assert_max_num_queries(8):
        reponse = client.get("/evenements/atelier-donnees/inscriptions/")
    html = reponse.content.decode()
    assert "anne@exemple.bzh" in html
    assert "autre@x.fr" not in html
    assert "/evenements/atelier-donnees/inscriptions.csv" in html


def test_the_event_page_links_the_lists_for_the_team_only(client_de, evenement):
    assert (
        "inscriptions.csv"
        in client_de("animation").get("/evenements/atelier-donnees/").content.decode()
    )


def test_other_people_do_not_see_the_links(client_de, evenement):
    assert (
        "inscriptions.csv"
        not in client_de("coordination").get("/evenements/atelier-donnees/").content.decode()
    )
