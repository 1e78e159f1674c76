"""Registering, the waiting list, cancelling and the seat given to the first person waiting."""

from __future__ import annotations

import threading
from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from communautes.models import Inscription, StatutInscription
from communautes.services.evenements import (
    InscriptionImpossible,
    inscription_annuler,
    inscription_creer,
)
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db


def statuts(evenement):
    return {
        i.personne.email: i.statut
        for i in Inscription.objects.filter(evenement=evenement).select_related("personne")
    }


def test_registering_takes_a_seat_then_a_full_event_puts_people_on_the_waiting_list():
    e = EvenementFactory(capacite=2)
    a, b, c, d = (PersonneFactory() for _ in range(4))
    assert inscription_creer(evenement=e, personne=a).statut == StatutInscription.INSCRITE
    assert inscription_creer(evenement=e, personne=b).statut == StatutInscription.INSCRITE
    assert inscription_creer(evenement=e, personne=c).statut == StatutInscription.EN_ATTENTE
    assert inscription_creer(evenement=e, personne=d).statut == StatutInscription.EN_ATTENTE


def test_registering_twice_is_refused():
    e = EvenementFactory()
    personne = PersonneFactory()
    inscription_creer(evenement=e, personne=personne)
    with pytest.raises(InscriptionImpossible) as refus:
        inscription_creer(evenement=e, personne=personne)
    assert refus.value.code == "deja"
    assert Inscription.objects.count() == 1


def test_a_cancellation_gives_the_seat_to_the_first_waiting_and_emails_them_after_commit(
    django_capture_on_commit_callbacks,
):
    e = EvenementFactory(capacite=1, titre="Atelier mobilités, lieux et agendas")
    inscrite, premiere, seconde = (PersonneFactory() for _ in range(3))
    InscriptionFactory(evenement=e, personne=inscrite)
    InscriptionFactory(
        evenement=e,
        personne=premiere,
        statut=StatutInscription.EN_ATTENTE,
    )
    InscriptionFactory(evenement=e, personne=seconde, statut=StatutInscription.EN_ATTENTE)
    # The second arrived later, even if created in another order elsewhere.
    Inscription.objects.filter(personne=seconde).update(cree_le=timezone.now() + timedelta(1))

    with django_capture_on_commit_callbacks(execute=False) as rappels:
        inscription_annuler(evenement=e, personne=inscrite)
    assert mail.outbox == []
    for rappel in rappels:
        rappel()

    assert statuts(e) == {
        inscrite.email: StatutInscription.ANNULEE,
        premiere.email: StatutInscription.INSCRITE,
        seconde.email: StatutInscription.EN_ATTENTE,
    }
    assert [m.to for m in mail.outbox] == [[premiere.email]]
    message = mail.outbox[0]
    assert "Atelier mobilités, lieux et agendas" in message.subject
    assert f"/evenements/{e.slug}/" in message.body
    assert "vous êtes maintenant" in " ".join(message.body.split())
    assert message.alternatives  # the HTML version


def test_leaving_the_waiting_list_promotes_nobody_and_emails_nobody(
    django_capture_on_commit_callbacks,
):
    e = EvenementFactory(capacite=1)
    inscrite, attente = PersonneFactory(), PersonneFactory()
    InscriptionFactory(evenement=e, personne=inscrite)
    InscriptionFactory(evenement=e, personne=attente, statut=StatutInscription.EN_ATTENTE)
    with django_capture_on_commit_callbacks(execute=True):
        inscription_annuler(evenement=e, personne=attente)
    assert statuts(e)[inscrite.email] == StatutInscription.INSCRITE
    assert statuts(e)[attente.email] == StatutInscription.ANNULEE
    assert mail.outbox == []


def test_cancelling_without_registration_changes_nothing():
    e = EvenementFactory()
    assert inscription_annuler(evenement=e, personne=PersonneFactory()) is None


def test_a_person_who_cancelled_can_register_again_at_the_end_of_the_queue():
    e = EvenementFactory(capacite=1)
    a, b = PersonneFactory(), PersonneFactory()
    inscription_creer(evenement=e, personne=a)
    inscription_annuler(evenement=e, personne=a)
    inscription_creer(evenement=e, personne=b)
    again = inscription_creer(evenement=e, personne=a)
    assert again.statut == StatutInscription.EN_ATTENTE
    assert Inscription.objects.filter(evenement=e, personne=a).count() == 1


def test_registration_is_closed_after_the_deadline_with_a_clear_message(client_de):
    maintenant = timezone.now()
    e = EvenementFactory(
        debut=maintenant + timedelta(days=2),
        date_limite_inscription=maintenant - timedelta(hours=1),
    )
    with pytest.raises(InscriptionImpossible) as refus:
        inscription_creer(evenement=e, personne=PersonneFactory())
    assert refus.value.code == "date_limite"

    client = client_de("relais")
    page = client.get(e.get_absolute_url()).content.decode()
    assert "Les inscriptions sont closes depuis le" in page
    assert "M'inscrire" not in page
    reponse = client.post(f"/evenements/{e.slug}/inscription/", follow=True)
    assert "Les inscriptions sont closes depuis le" in reponse.content.decode()
    assert not Inscription.objects.exists()


def test_registration_is_closed_for_a_past_event(client_de):
    e = EvenementFactory(passe=True)
    with pytest.raises(InscriptionImpossible) as refus:
        inscription_creer(evenement=e, personne=PersonneFactory())
    assert refus.value.code == "passe"
    page = client_de("relais").get(e.get_absolute_url()).content.decode()
    assert "Cet événement est terminé\u00a0: les inscriptions sont closes." in page


def test_an_unpublished_event_takes_no_registration():
    with pytest.raises(InscriptionImpossible):
        inscription_creer(evenement=EvenementFactory(publie=False), personne=PersonneFactory())


def test_the_page_says_a_place_on_the_waiting_list_counting_those_before(client_de, persona):
    e = EvenementFactory(capacite=1)
    InscriptionFactory(evenement=e)  # the one place
    for _ in range(2):
        inscription_creer(evenement=e, personne=PersonneFactory())
    inscription_creer(evenement=e, personne=persona("relais"))
    inscription_creer(evenement=e, personne=PersonneFactory())  # after: not counted
    html = unescape(client_de("relais").get(e.get_absolute_url()).content.decode())
    assert "en position 3" in html


def test_the_page_follows_the_person_through_registration_and_waiting(client, client_de):
    e = EvenementFactory(capacite=1)
    InscriptionFactory(evenement=e)
    relais = client_de("relais")
    page = relais.get(e.get_absolute_url()).content.decode()
    assert "M'inscrire sur la liste d'attente" in page
    reponse = relais.post(f"/evenements/{e.slug}/inscription/", follow=True)
    html = unescape(reponse.content.decode())
    assert "vous êtes sur la liste d'attente" in html
    assert "en position 1" in html
    assert "Quitter la liste d'attente" in html
    relais.post(f"/evenements/{e.slug}/annulation/")
    assert Inscription.objects.get(personne__email="relais@tilab.test").statut == "annulee"


# Real commits, so each thread sees the other's lock (the migrated state comes back after
# it: tests/conftest.py).
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_never_overflow_the_event():
    e = EvenementFactory(capacite=3)
    for _ in range(2):
        InscriptionFactory(evenement=e)
    personnes = [PersonneFactory(), PersonneFactory()]
    barriere = threading.Barrier(2)
    resultats: list[str] = []

    def cliquer(personne):
        try:
            barriere.wait()
            resultats.append(inscription_creer(evenement=e, personne=personne).statut)
        finally:
            connection.close()

    fils = [threading.Thread(target=cliquer, args=(p,)) for p in personnes]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert sorted(resultats) == [StatutInscription.EN_ATTENTE, StatutInscription.INSCRITE]
    assert Inscription.objects.filter(evenement=e, statut=StatutInscription.INSCRITE).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_for_the_last_seat_leave_one_person_waiting():
    from django.test import Client

    e = EvenementFactory(capacite=1)
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(PersonneFactory())
        clients.append(client)
    barriere = threading.Barrier(2)
    codes: list[int] = []

    def poster(client):
        try:
            barriere.wait()
            codes.append(client.post(f"/evenements/{e.slug}/inscription/").status_code)
        finally:
            connection.close()

    fils = [threading.Thread(target=poster, args=(c,)) for c in clients]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert codes == [302, 302]
    assert sorted(Inscription.objects.filter(evenement=e).values_list("statut", flat=True)) == [
        StatutInscription.EN_ATTENTE,
        StatutInscription.INSCRITE,
    ]
