"""/comptes/mes-donnees/: a person downloads everything the portal holds about them."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, PersonneFactory
from tilab.comptes import services

URL = reverse("comptes:export")


@pytest.fixture
def gwen(db):
    organisation = OrganisationFactory(nom="Lannion-Trégor Communauté", type="epci")
    personne = PersonneFactory(
        email="gwen@exemple.bzh",
        first_name="Gwenaëlle",
        last_name="Le Goff",
        organisation=organisation,
        fonction="Chargée de mission mobilités",
        expertises=["agent_terrain", "expert_metier"],
        roles=["Relais", "COPIL"],
    )
    EmailAddress.objects.create(user=personne, email="gwen.perso@exemple.bzh", verified=False)
    return personne


def telecharger(client, personne):
    client.force_login(personne)
    reponse = client.get(URL)
    assert reponse.status_code == 200
    return reponse, json.loads(b"".join([reponse.content]).decode("utf-8"))


def test_export_is_a_dated_json_attachment(client, gwen):
    reponse, _ = telecharger(client, gwen)
    assert reponse["Content-Type"].startswith("application/json")
    date = timezone.localdate().isoformat()
    assert reponse["Content-Disposition"] == f'attachment; filename="tilab-mes-donnees-{date}.json"'
    assert "no-store" in reponse["Cache-Control"]


def test_export_contains_the_profile_roles_and_addresses(client, gwen):
    _, donnees = telecharger(client, gwen)
    compte = donnees["compte"]
    assert compte["adresse_electronique"] == "gwen@exemple.bzh"
    assert compte["prenom"] == "Gwenaëlle"
    assert compte["nom"] == "Le Goff"
    assert compte["fonction"] == "Chargée de mission mobilités"
    assert compte["organisation"]["nom"] == "Lannion-Trégor Communauté"
    assert [e["code"] for e in compte["expertises"]] == ["agent_terrain", "expert_metier"]
    assert compte["expertises"][0]["libelle"] == "Agent de terrain"
    assert compte["roles"] == ["COPIL", "Relais"]
    assert {
        (a["adresse"], a["verifiee"], a["principale"]) for a in compte["adresses_electroniques"]
    } == {
        ("gwen@exemple.bzh", True, True),
        ("gwen.perso@exemple.bzh", False, False),
    }
    assert compte["date_inscription"].startswith(str(gwen.date_joined.year))
    assert "derniere_connexion" in compte
    assert donnees["format"] == services.FORMAT_EXPORT


def test_export_contains_nobody_else(client, gwen):
    autre = PersonneFactory(
        email="voisin@exemple.bzh", last_name="Voisin", organisation=gwen.organisation
    )
    reponse, _ = telecharger(client, gwen)
    texte = reponse.content.decode()
    assert "voisin@exemple.bzh" not in texte
    assert autre.last_name not in texte


def test_a_person_without_organisation_exports_null(client, relais):
    _, donnees = telecharger(client, relais)
    assert donnees["compte"]["organisation"] is None


def test_later_apps_add_their_section_to_the_export(client, gwen):
    def section(personne):
        return {"remontees": [f"remontée de {personne.email}"]}

    services.enregistrer_section_export("essai", section)
    try:
        _, donnees = telecharger(client, gwen)
    finally:
        services._sections_export.pop("essai")
    assert donnees["essai"] == {"remontees": ["remontée de gwen@exemple.bzh"]}


def test_two_apps_cannot_claim_the_same_section():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        services.enregistrer_section_export("compte", lambda personne: {})


def test_export_is_read_only(client_de):
    assert client_de("relais").post(URL).status_code == 405
