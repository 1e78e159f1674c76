"""French typography on the pages as served: the no-break spaces are there, what must not
change has not."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.communautes.evenements.factories import EvenementFactory
from tests.factories import PersonneFactory
from tilab.typographie import FINE, INSECABLE

pytestmark = pytest.mark.django_db

F, N = FINE, INSECABLE


def test_la_connexion_et_son_cadre(client):
    html = client.get("/comptes/login/").content.decode()
    assert f"Mot de passe oublié{F}?" in html
    assert f"Pas encore de compte{F}?" in html
    # The frame's literal text, not its markup.
    assert f"Nous écrire{N}:" in html
    assert 'content="width=device-width, initial-scale=1"' in html
    assert "au préalable" not in html


def test_une_heure_d_evenement_et_sa_date(client):
    debut = timezone.make_aware(datetime(2030, 3, 14, 14, 30))
    e = EvenementFactory(debut=debut, date_limite_inscription=debut - timedelta(days=1))
    html = client.get(e.get_absolute_url()).content.decode()
    assert f"jeudi 14{N}mars{N}2030 à 14{N}h{N}30" in html
    # The machine-readable date stays as it is.
    assert 'datetime="2030-03-14T14:30:00+01:00"' in html


def test_les_guillemets_et_les_deux_points_d_une_page_de_prose(client):
    html = client.get("/donnees-personnelles/").content.decode()
    assert f"«{N}nous aussi{N}»" in html
    assert f"Gestion des comptes{N}: inscription" in html


def test_ce_que_les_personnes_ecrivent_reste_tel_quel(client):
    e = EvenementFactory(titre="Un atelier ? Oui !")
    html = client.get(e.get_absolute_url()).content.decode()
    assert "Un atelier ? Oui !" in html


def test_un_message_apres_une_action(client):
    client.force_login(PersonneFactory())
    html = client.post("/comptes/logout/", follow=True).content.decode()
    assert f"C'est fait{N}:</span>" in html
    assert "Vous êtes déconnecté·e." in html
