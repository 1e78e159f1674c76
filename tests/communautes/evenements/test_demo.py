"""The demo has past and upcoming events, one of them full with a waiting list."""

from __future__ import annotations

import pytest

from communautes.demo import evenements as demo_evenements
from communautes.models import Evenement, Inscription, StatutInscription
from tilab.comptes import demo

pytestmark = pytest.mark.django_db


def test_demo_events_are_loaded_once_with_a_full_one():
    # The events' demo registers the demo accounts.
    demo.charger()
    demo_evenements.charger()
    demo_evenements.charger()
    assert Evenement.objects.publies().a_venir().count() >= 3
    assert Evenement.objects.publies().passes().count() >= 2
    complet = Evenement.objects.avec_nb_inscriptions().get(slug="atelier-accueil-de-proximite")
    assert complet.nb_inscrites == complet.capacite == 3
    assert complet.nb_en_attente == 2
    assert Inscription.objects.filter(statut=StatutInscription.EN_ATTENTE).count() == 2
    for e in Evenement.objects.all():
        e.full_clean()
