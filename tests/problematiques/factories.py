"""Factories for problems, supports, followers and steps; shared by every problematiques test.

``ProblematiqueFactory()`` makes a ``soumise`` report with one territory and one theme;
``ProblematiqueFactory(publiee=True)`` (or ``statut=...`` with ``publiee_le``) a published one.
Prefer the services (``problematiques.services``) when the test is about a step itself.
"""

from __future__ import annotations

import factory
from django.utils import timezone

from problematiques.models import Problematique, Soutien, Statut, Suivi, Transition, TypeTransition
from tests.factories import OrganisationFactory, PersonneFactory, TerritoireFactory, ThemeFactory


class ProblematiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problematique
        skip_postgeneration_save = True

    class Params:
        # ouverte, published now: what the public sees.
        publiee = factory.Trait(
            statut=Statut.OUVERTE, publiee_le=factory.LazyFunction(timezone.now)
        )

    titre = factory.Sequence(lambda n: f"Problème de terrain numéro {n}")
    slug = factory.Sequence(lambda n: f"probleme-{n}")
    constat = "Les habitants des hameaux ne trouvent pas de solution de transport."
    publics_concernes = "Les personnes âgées sans voiture."
    deja_tente = ""
    auteur = factory.SubFactory(PersonneFactory, roles=["Relais"])
    organisation = factory.SubFactory(OrganisationFactory)
    statut = Statut.SOUMISE

    # The report has just been created: it has no territory, theme nor follower yet, so they
    # are added (one query each) rather than set or got first (two, and four with get_or_create's
    # savepoint), for every report of every test.
    @factory.post_generation
    def territoires(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if not create:
            return
        obj.territoires.add(*(extracted if extracted is not None else [TerritoireFactory()]))

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if not create:
            return
        obj.themes.add(*(extracted if extracted is not None else [ThemeFactory()]))

    @factory.post_generation
    def suivi_auteur(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        # As problematique_signaler does: the author follows their report.
        if create and obj.auteur_id and extracted is not False:
            Suivi.objects.create(problematique=obj, personne_id=obj.auteur_id)


class SoutienFactory(factory.django.DjangoModelFactory):
    """A support row, created directly (bypasses the state checks of soutien_ajouter); the
    problem's ``nb_soutiens`` is counted again, as the service does."""

    class Meta:
        model = Soutien
        skip_postgeneration_save = True

    problematique = factory.SubFactory(ProblematiqueFactory, publiee=True)
    personne = factory.SubFactory(PersonneFactory)

    @factory.post_generation
    def suivi(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted is not False:
            Suivi.objects.get_or_create(problematique=obj.problematique, personne=obj.personne)

    @factory.post_generation
    def compteur(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            Problematique.objects.filter(pk=obj.problematique_id).recompter_soutiens()
            obj.problematique.refresh_from_db(fields=["nb_soutiens"])


class SuiviFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suivi

    problematique = factory.SubFactory(ProblematiqueFactory)
    personne = factory.SubFactory(PersonneFactory)


class TransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transition

    problematique = factory.SubFactory(ProblematiqueFactory)
    type = TypeTransition.QUALIFIER
    statut_avant = Statut.SOUMISE
    statut_apres = Statut.EN_QUALIFICATION
    auteur = factory.SubFactory(PersonneFactory, roles=["Coordination"], is_staff=True)
    commentaire_public = ""
    note_interne = ""
    publique = False
