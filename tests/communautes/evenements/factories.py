"""Factories for events and registrations.

``EvenementFactory()`` is a published event in two weeks, registrations open for ten days,
twenty seats; ``EvenementFactory(passe=True)`` one that took place last month.
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from communautes.models import Evenement, Inscription, StatutInscription, TypeEvenement
from tests.factories import PersonneFactory


class EvenementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evenement

    class Params:
        passe = factory.Trait(
            debut=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
            date_limite_inscription=factory.LazyAttribute(lambda o: o.debut - timedelta(days=2)),
        )

    titre = factory.Sequence(lambda n: f"Atelier de partage numéro {n}")
    slug = factory.Sequence(lambda n: f"atelier-{n}")
    type = TypeEvenement.ATELIER
    debut = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    fin = factory.LazyAttribute(lambda o: o.debut + timedelta(hours=3))
    date_limite_inscription = factory.LazyAttribute(lambda o: o.debut - timedelta(days=4))
    lieu = "Maison des associations, 6 cours des Alliés, Rennes"
    lien_en_ligne = ""
    description = "Une matinée pour **partager** ce qui marche."
    capacite = 20
    publie = True


class InscriptionFactory(factory.django.DjangoModelFactory):
    """A registration row created directly (bypasses the capacity check of the service)."""

    class Meta:
        model = Inscription

    evenement = factory.SubFactory(EvenementFactory)
    personne = factory.SubFactory(PersonneFactory)
    statut = StatutInscription.INSCRITE
