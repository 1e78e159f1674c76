"""« Mes inscriptions »: a person's registrations, the events to come first with their place on
the waiting list and a way to cancel, then the past ones; nobody else's, no cancelled one."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from communautes.models import Inscription, StatutInscription
from communautes.services.evenements import inscription_creer
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.factories import PersonneFactory
from tests.pages import nb_requetes

pytestmark = pytest.mark.django_db

URL = "/evenements/mes-inscriptions/"


@pytest.fixture
def moi(client):
    personne = PersonneFactory(first_name="Anne", last_name="Gourlay")
    client.force_login(personne)
    return personne


def _contenu(client) -> str:
    reponse = client.get(URL)
    assert reponse.status_code == 200
    return unescape(reponse.content.decode())


def test_the_events_to_come_come_soonest_first_then_the_past_ones(client, moi):
    plus_tard = EvenementFactory(titre="Atelier de mars", debut=timezone.now() + timedelta(days=90))
    bientot = EvenementFactory(titre="Atelier de décembre")
    passe = EvenementFactory(titre="Atelier d'octobre", passe=True)
    for evenement in (plus_tard, bientot, passe):
        InscriptionFactory(evenement=evenement, personne=moi)

    html = _contenu(client)
    a_venir, passes = html.split('id="titre-passees"')
    assert a_venir.index("Atelier de décembre") < a_venir.index("Atelier de mars")
    assert "Atelier d'octobre" not in a_venir
    assert "Atelier d'octobre" in passes
    assert "Inscrit·e" in a_venir
    assert f'href="/evenements/{bientot.slug}.ics"' in a_venir


def test_the_waiting_list_says_my_place_on_it(client, moi):
    evenement = EvenementFactory(capacite=1, titre="Atelier complet")
    inscription_creer(evenement=evenement, personne=PersonneFactory())
    inscription_creer(evenement=evenement, personne=PersonneFactory())
    inscription_creer(evenement=evenement, personne=moi)

    html = _contenu(client)
    assert "Sur liste d'attente, en position 2" in html
    assert "Quitter la liste d'attente" in html


def test_nobody_elses_no_cancelled_and_no_unpublished_registration_is_listed(client, moi):
    InscriptionFactory(evenement=EvenementFactory(titre="Celui d'une autre"))
    InscriptionFactory(
        evenement=EvenementFactory(titre="Celui que j'ai annulé"),
        personne=moi,
        statut=StatutInscription.ANNULEE,
    )
    InscriptionFactory(
        evenement=EvenementFactory(titre="Celui qui est dépublié", publie=False), personne=moi
    )

    html = _contenu(client)
    for titre in ("Celui d'une autre", "Celui que j'ai annulé", "Celui qui est dépublié"):
        assert titre not in html
    assert "Vous n'êtes inscrit·e à aucun événement à venir." in html
    assert "Aucun événement passé." in html


def test_cancelling_from_the_page_comes_back_to_it_and_frees_the_seat(client, moi):
    evenement = EvenementFactory(titre="Atelier annulable")
    inscription_creer(evenement=evenement, personne=moi)

    reponse = client.post(
        f"/evenements/{evenement.slug}/annulation/", {"retour": "mes-inscriptions"}, follow=True
    )
    assert reponse.redirect_chain[-1][0] == URL
    html = unescape(reponse.content.decode())
    assert "Votre inscription est annulée\u00a0: «\u00a0Atelier annulable\u00a0»." in html
    assert Inscription.objects.get(personne=moi).statut == StatutInscription.ANNULEE
    assert "Vous n'êtes inscrit·e à aucun événement à venir." in html


@pytest.mark.parametrize("retour", ["", "https://exemple.org/", "//exemple.org", "/admin/"])
def test_any_other_return_goes_back_to_the_event_page(client, moi, retour):
    evenement = EvenementFactory()
    inscription_creer(evenement=evenement, personne=moi)
    reponse = client.post(f"/evenements/{evenement.slug}/annulation/", {"retour": retour})
    assert reponse.status_code == 302
    assert reponse["Location"] == evenement.get_absolute_url()


def test_the_account_menu_leads_there(client, moi):
    html = client.get("/").content.decode()
    assert f'href="{URL}"' in html and ">Mes inscriptions</a>" in html


def test_the_page_costs_the_same_queries_whatever_the_registrations(client, moi):
    evenement = EvenementFactory(capacite=1)
    inscription_creer(evenement=evenement, personne=PersonneFactory())
    inscription_creer(evenement=evenement, personne=moi)
    InscriptionFactory(evenement=EvenementFactory(passe=True), personne=moi)
    peu = nb_requetes(client, URL)
    for _ in range(12):
        attente = EvenementFactory(capacite=1)
        inscription_creer(evenement=attente, personne=PersonneFactory())
        inscription_creer(evenement=attente, personne=moi)
        InscriptionFactory(evenement=EvenementFactory(), personne=moi)
        InscriptionFactory(evenement=EvenementFactory(passe=True), personne=moi)
    assert nb_requetes(client, URL) == peu


def test_past_registrations_come_twenty_a_page(client, moi):
    for n in range(23):
        InscriptionFactory(
            evenement=EvenementFactory(
                titre=f"Ancien atelier {n:02d}",
                passe=True,
                debut=timezone.now() - timedelta(days=30 + n),
            ),
            personne=moi,
        )
    premiere = _contenu(client)
    assert "Ancien atelier 00" in premiere and "Ancien atelier 19" in premiere
    assert "Ancien atelier 20" not in premiere
    seconde = unescape(client.get(URL, {"page": 2}).content.decode())
    assert "Ancien atelier 22" in seconde and "Ancien atelier 00" not in seconde


def test_no_event_may_take_the_pages_address():
    from django.core.exceptions import ValidationError

    evenement = EvenementFactory.build(slug="mes-inscriptions")
    with pytest.raises(ValidationError) as erreur:
        evenement.clean()
    assert "slug" in erreur.value.message_dict


def test_an_events_title_and_its_communitys_name_are_escaped(client, moi):
    from tests.communautes.factories import CommunauteFactory

    xss = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    communaute = CommunauteFactory(nom=f"Communauté {xss}")
    InscriptionFactory(
        evenement=EvenementFactory(titre=f"Atelier {xss}", communaute=communaute), personne=moi
    )
    InscriptionFactory(evenement=EvenementFactory(titre=f"Ancien {xss}", passe=True), personne=moi)
    html = client.get(URL).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Atelier &lt;script&gt;" in html and "Ancien &lt;script&gt;" in html
