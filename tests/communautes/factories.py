"""Factories for communities and framed commitments.

``CommunauteFactory()`` is an active thematic community; ``CommunauteFactory(interet=True)`` a
community of interest around a new published problem. ``EngagementFactory()`` is a running
commitment of 2 h a month that started today and ends in three months (rows written directly:
it bypasses the threshold check of the services).
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from communautes.models import (
    Communaute,
    Engagement,
    RoleEngagement,
    StatutCommunaute,
    TypeCommunaute,
)
from tests.factories import PersonneFactory
from tilab.comptes.models import Expertise


class CommunauteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Communaute
        skip_postgeneration_save = True

    class Params:
        interet = factory.Trait(
            type=TypeCommunaute.INTERET,
            problematique=factory.SubFactory(
                "tests.problematiques.factories.ProblematiqueFactory",
                publiee=True,
                statut="communaute_constituee",
            ),
        )

    nom = factory.Sequence(lambda n: f"Communauté numéro {n}")
    slug = factory.Sequence(lambda n: f"communaute-{n}")
    type = TypeCommunaute.THEMATIQUE
    objet = "Partager ce qui **marche** entre communes."
    statut = StatutCommunaute.ACTIVE


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    communaute = factory.SubFactory(CommunauteFactory)
    personne = factory.SubFactory(PersonneFactory)
    role = RoleEngagement.MEMBRE
    expertise = Expertise.AGENT_TERRAIN
    heures_par_mois = 2
    debut = factory.LazyFunction(timezone.localdate)
    fin = factory.LazyAttribute(lambda o: o.debut + timedelta(days=90))
