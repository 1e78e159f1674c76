"""Factories for experiments, their phases, participants and pacts (rows written directly;
the services are tested on their own)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from experimentations.models import (
    EngagementPacte,
    Experimentation,
    Pacte,
    Participant,
    PhaseExperimentation,
    QualiteSignataire,
    RoleParticipant,
    Signataire,
    StatutExperimentation,
    StatutPacte,
    TypeEngagementPacte,
    TypePhase,
)
from tests.factories import OrganisationFactory, PersonneFactory


class ExperimentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experimentation
        skip_postgeneration_save = True

    problematique = factory.SubFactory(
        "tests.problematiques.factories.ProblematiqueFactory", publiee=True, statut="retenue"
    )
    titre = factory.Sequence(lambda n: f"Expérimentation numéro {n}")
    slug = factory.Sequence(lambda n: f"experimentation-{n}")
    resume = "Tester **ensemble** une autre façon de faire."
    coordinateur = factory.SubFactory(PersonneFactory, roles=["Coordination"], is_staff=True)
    statut = StatutExperimentation.EN_COURS
    motif_statut = factory.LazyAttribute(
        lambda o: "Un motif public." if o.statut in ("suspendue", "terminee") else ""
    )


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseExperimentation

    experimentation = factory.SubFactory(ExperimentationFactory)
    type = TypePhase.CADRAGE
    debut_prevu = factory.LazyFunction(timezone.localdate)
    fin_prevue = factory.LazyAttribute(lambda o: o.debut_prevu + timedelta(days=60))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    experimentation = factory.SubFactory(ExperimentationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = RoleParticipant.PARTENAIRE


class PacteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pacte

    experimentation = factory.SubFactory(ExperimentationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    numero = factory.Sequence(lambda n: 1000 + n)
    debut = factory.LazyFunction(timezone.localdate)
    fin = factory.LazyAttribute(lambda o: o.debut + timedelta(days=365))
    statut = StatutPacte.BROUILLON


class EngagementPacteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementPacte

    pacte = factory.SubFactory(PacteFactory)
    type = TypeEngagementPacte.ETP
    quantite = Decimal("0.1")
    unite = "ETP"
    description = "Un dixième du temps de l'agent, pour agir dans sa collectivité."
    personne = factory.SubFactory(PersonneFactory)


class SignataireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signataire

    pacte = factory.SubFactory(PacteFactory)
    # A signatory is a person of the organisation that commits (pacte_proposer checks it).
    personne = factory.SubFactory(
        PersonneFactory, organisation=factory.SelfAttribute("..pacte.organisation")
    )
    qualite = QualiteSignataire.AGENT
