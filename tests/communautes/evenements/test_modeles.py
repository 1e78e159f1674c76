"""An event's dates, place and capacity are checked by the model, the admin form and the DB."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from communautes.models import Inscription
from communautes.services.evenements import inscription_creer
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.factories import PersonneFactory
from tilab.comptes.services import donnees_personnelles_exporter

pytestmark = pytest.mark.django_db


def erreurs(**champs) -> dict[str, list[str]]:
    e = EvenementFactory.build(**champs)
    with pytest.raises(ValidationError) as exc:
        e.full_clean(exclude=["slug"])
    return exc.value.message_dict


def test_the_end_must_come_after_the_start():
    debut = timezone.now() + timedelta(days=3)
    assert "fin" in erreurs(debut=debut, fin=debut)


def test_registration_must_close_before_the_start():
    debut = timezone.now() + timedelta(days=3)
    assert "date_limite_inscription" in erreurs(
        debut=debut, date_limite_inscription=debut + timedelta(hours=1)
    )


def test_a_place_or_an_online_link_is_required():
    assert "lieu" in erreurs(lieu="", lien_en_ligne="")


def test_the_capacity_is_positive():
    assert "capacite" in erreurs(capacite=0)


def test_the_database_refuses_what_the_form_would_refuse():
    e = EvenementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(e).objects.filter(pk=e.pk).update(fin=e.debut - timedelta(hours=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        type(e).objects.filter(pk=e.pk).update(lieu="", lien_en_ligne="")


def test_one_registration_per_person_and_event():
    i = InscriptionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Inscription.objects.create(evenement=i.evenement, personne=i.personne, statut="inscrite")


def test_the_admin_form_answers_bad_dates_next_to_the_field(client_de):
    client = client_de("animation")
    debut = timezone.localtime() + timedelta(days=5)
    donnees = {
        "titre": "Atelier",
        "slug": "atelier-admin",
        "type": "atelier",
        "description": "Texte",
        "debut_0": debut.strftime("%d/%m/%Y"),
        "debut_1": "10:00:00",
        "fin_0": debut.strftime("%d/%m/%Y"),
        "fin_1": "09:00:00",
        "lieu": "Rennes",
        "capacite": "10",
        "date_limite_inscription_0": debut.strftime("%d/%m/%Y"),
        "date_limite_inscription_1": "08:00:00",
        "inscriptions-TOTAL_FORMS": "0",
        "inscriptions-INITIAL_FORMS": "0",
    }
    reponse = client.post("/admin/communautes/evenement/add/", donnees)
    assert reponse.status_code == 200
    assert "La fin doit venir après le début." in reponse.content.decode()
    donnees["fin_1"] = "12:00:00"
    reponse = client.post("/admin/communautes/evenement/add/", donnees)
    assert reponse.status_code == 302


@pytest.mark.parametrize("nom", ["coordination", "documentation", "recherche"])
def test_the_rest_of_the_team_reads_events_in_the_admin_without_editing(client_de, nom):
    e = EvenementFactory()
    client = client_de(nom)
    assert client.get("/admin/communautes/evenement/").status_code == 200
    assert client.get("/admin/communautes/evenement/add/").status_code == 403
    page = client.get(f"/admin/communautes/evenement/{e.pk}/change/").content.decode()
    assert 'name="titre"' not in page


def test_the_admin_list_shows_counts(client_de, django_assert_max_num_queries):
    for _ in range(30):
        InscriptionFactory(evenement=EvenementFactory())
    client = client_de("direction")
    with django_assert_max_num_queries(12):
        assert client.get("/admin/communautes/evenement/").status_code == 200


def test_personal_data_export_has_the_persons_registrations_only():
    personne = PersonneFactory()
    e = EvenementFactory(titre="Rencontre régionale de Saint-Brieuc")
    inscription_creer(evenement=e, personne=personne)
    InscriptionFactory()
    export = donnees_personnelles_exporter(personne=personne)
    assert [(i["evenement"], i["statut"]) for i in export["evenements"]] == [
        ("Rencontre régionale de Saint-Brieuc", "Inscrite")
    ]
    assert export["evenements"][0]["adresse"].endswith(f"/evenements/{e.slug}/")


def test_deleting_an_account_deletes_its_registrations():
    i = InscriptionFactory()
    i.personne.delete()
    assert not Inscription.objects.exists()


def test_roles_hold_the_permissions_of_the_data_migration():
    from django.contrib.auth.models import Group

    def codes(role: str) -> set[str]:
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__model__in=["evenement", "inscription"])
            .values_list("codename", flat=True)
        )

    gestion = {f"{a}_{m}" for a in ("view", "add", "change") for m in ("evenement", "inscription")}
    # Registrations: the rule of the registration lists, Animation and Direction only.
    lecture = {"view_evenement"}
    assert codes("Animation") == codes("Direction") == gestion
    for role in ("Coordination", "Documentation", "Recherche"):
        assert codes(role) == lecture
    for role in ("Relais", "COPIL", "CODIR"):
        assert codes(role) == set()
