"""Who may read, write, review, publish, archive, restore and declare a reuse, for every role
of the cast (and for the people taking part in what a page documents)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from documentation import rules
from documentation.models import Page, StatutPage
from tests.communautes.factories import EngagementFactory
from tests.conftest import ALL_PERSONAS
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db

TI_TEAM = {"direction", "coordination", "animation", "documentation", "recherche"}


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_a_draft_is_read_and_written_by_the_ti_team_only_among_the_cast(persona, nom):
    user = persona(nom)
    brouillon = une_page(statut=StatutPage.BROUILLON, experimentation=ExperimentationFactory())
    assert rules.peut_voir(user, brouillon) is (nom in TI_TEAM)
    assert rules.peut_ecrire(user, brouillon) is (nom in TI_TEAM)
    assert rules.peut_soumettre(user, brouillon) is (nom in TI_TEAM)
    assert rules.peut_voir_la_relecture(user, brouillon) is (nom in TI_TEAM)
    assert rules.peut_publier_la_page(user, brouillon) is (nom == "documentation")
    assert rules.peut_relire(user, brouillon) is (nom == "documentation")
    assert rules.peut_creer(user) is (nom in TI_TEAM)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_a_published_page_is_read_by_all_and_reused_by_anyone_logged_in(persona, nom):
    user = persona(nom)
    publiee = une_page(statut=StatutPage.PUBLIEE)
    assert rules.peut_voir(user, publiee)
    assert rules.peut_declarer_une_reutilisation(user, publiee) is (nom != "anonyme")
    assert rules.peut_archiver(user, publiee) is (nom == "documentation")
    assert rules.peut_publier_la_page(user, publiee) is False
    assert rules.peut_restaurer(user, publiee) is (nom in TI_TEAM)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_an_archived_page_is_read_by_all_and_written_by_none(persona, nom):
    archivee = une_page(statut=StatutPage.ARCHIVEE)
    user = persona(nom)
    assert rules.peut_voir(user, archivee)
    assert not rules.peut_ecrire(user, archivee)
    assert not rules.peut_archiver(user, archivee)
    assert not rules.peut_commenter(user, archivee)


def test_the_people_of_the_project_write_its_pages():
    experimentation = ExperimentationFactory()
    participant = PersonneFactory()
    ParticipantFactory(experimentation=experimentation, personne=participant, organisation=None)
    engagement = EngagementFactory()
    auteur = PersonneFactory()
    page_exp = une_page(statut=StatutPage.BROUILLON, experimentation=experimentation)
    page_com = une_page(statut=StatutPage.EN_RELECTURE, communaute=engagement.communaute)
    page_auteur = une_page(statut=StatutPage.BROUILLON, auteur=auteur)

    assert rules.peut_ecrire(participant, page_exp) and rules.peut_voir(participant, page_exp)
    assert not rules.peut_ecrire(participant, page_com)
    assert rules.peut_ecrire(engagement.personne, page_com)
    assert not rules.peut_soumettre(engagement.personne, page_com)  # already in review
    assert rules.peut_ecrire(auteur, page_auteur)
    assert rules.peut_creer(participant) and rules.peut_creer(engagement.personne)
    assert not rules.peut_creer(auteur)
    assert rules.peut_creer_pour(participant, experimentation=experimentation)
    assert not rules.peut_creer_pour(participant, communaute=engagement.communaute)


def test_an_unverified_address_writes_nothing():
    experimentation = ExperimentationFactory()
    personne = PersonneFactory(verifiee=False)
    ParticipantFactory(experimentation=experimentation, personne=personne, organisation=None)
    page = une_page(statut=StatutPage.BROUILLON, experimentation=experimentation)
    assert not rules.peut_ecrire(personne, page)
    assert not rules.peut_creer(personne)
    assert not rules.peut_declarer_une_reutilisation(personne, une_page())


def test_an_author_is_known_from_the_keys_read_with_the_page_or_else_by_one_query(
    django_assert_num_queries,
):
    auteur, autre = PersonneFactory(), PersonneFactory()
    page = une_page(statut=StatutPage.BROUILLON, auteur=auteur)
    lue = Page.objects.avec_ids_auteurs().get(pk=page.pk)
    assert lue.ids_auteurs == [auteur.pk]
    with django_assert_num_queries(0):
        assert rules.est_auteur(auteur, lue)
        assert not rules.est_auteur(autre, lue)
    sans = Page.objects.get(pk=page.pk)
    with django_assert_num_queries(2):
        assert rules.est_auteur(PersonneFactory.build(pk=auteur.pk), sans)
        assert not rules.est_auteur(PersonneFactory.build(pk=autre.pk), sans)


def test_taking_part_in_the_experiment_or_the_community_is_read_in_one_query(
    django_assert_num_queries,
):
    experimentation = ExperimentationFactory()
    engagement = EngagementFactory()
    participant = PersonneFactory()
    ParticipantFactory(experimentation=experimentation, personne=participant, organisation=None)
    passe = timezone.localdate() - timedelta(days=200)
    ancien = EngagementFactory(
        communaute=engagement.communaute, debut=passe, fin=passe + timedelta(days=90)
    ).personne
    etranger = PersonneFactory()
    for personne, attendu in [
        (participant, True),
        (engagement.personne, True),
        (ancien, False),
        (etranger, False),
    ]:
        with django_assert_num_queries(1):
            assert (
                rules.participe_a(
                    personne, experimentation=experimentation, communaute=engagement.communaute
                )
                is attendu
            )
        with django_assert_num_queries(0):  # kept on the person for the request
            rules.participe_a(
                personne, experimentation=experimentation, communaute=engagement.communaute
            )
    with django_assert_num_queries(0):
        assert rules.participe_a(etranger) is False
