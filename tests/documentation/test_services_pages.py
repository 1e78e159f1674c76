"""A page's life through documentation.services: written by those who run the project, each
save an immutable revision, reviewed and published by the Documentation role once its checklist
holds, archived, restored."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from documentation.models import ActionPage, Page, Revision, SortePage, StatutPage
from documentation.services.pages import (
    Contenu,
    PageImpossible,
    manques,
    page_archiver,
    page_commenter,
    page_creer,
    page_enregistrer,
    page_publier,
    page_soumettre,
    revision_restaurer,
)
from tests.communautes.factories import EngagementFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db

COMPLET = Contenu(
    titre="Un guichet mobile en milieu rural",
    sorte=SortePage.RETOUR_EXPERIENCE,
    resume="Ce que deux ans de guichet itinérant ont appris.",
    corps="## Le contexte\n\nUn **bus** qui s'arrête au marché.",
    conditions_reutilisation="Un véhicule et deux agents formés.",
    contact="guichet@exemple.fr",
)


@pytest.fixture
def porteur():
    personne = PersonneFactory(roles=["Relais"])
    experimentation = ExperimentationFactory()
    ParticipantFactory(experimentation=experimentation, personne=personne, organisation=None)
    return personne, experimentation


def test_a_participant_writes_a_page_of_their_experiment_and_a_stranger_cannot(porteur):
    personne, experimentation = porteur
    page = page_creer(par=personne, contenu=COMPLET, experimentation=experimentation)
    assert page.statut == StatutPage.BROUILLON and page.slug == "un-guichet-mobile-en-milieu-rural"
    assert list(page.auteurs.all()) == [personne]
    assert page.revisions.get().numero == 1
    assert ActionPage.objects.filter(page=page, type="creer").exists()

    with pytest.raises(PageImpossible):
        page_creer(par=PersonneFactory(), contenu=COMPLET, experimentation=experimentation)
    with pytest.raises(PageImpossible):  # a page of nothing: the Ti Team's only
        page_creer(par=personne, contenu=COMPLET)


def test_a_committed_member_writes_for_their_community(persona):
    engagement = EngagementFactory()
    page = page_creer(par=engagement.personne, contenu=COMPLET, communaute=engagement.communaute)
    assert page.communaute == engagement.communaute
    assert page_creer(par=persona("animation"), contenu=COMPLET).slug.endswith("-2")


def test_each_save_is_a_new_revision_and_a_revision_never_changes(porteur):
    personne, experimentation = porteur
    page = page_creer(par=personne, contenu=COMPLET, experimentation=experimentation)
    nouveau = Contenu(**{**vars(COMPLET), "corps": "Un autre texte."})
    revision = page_enregistrer(page=page, par=personne, contenu=nouveau, note="Réécrit")
    assert revision.numero == 2 and revision.note == "Réécrit"
    page.refresh_from_db()
    assert page.corps == "Un autre texte."
    with pytest.raises(DatabaseError), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(corps="Falsifié")
    assert Revision.objects.get(pk=revision.pk).corps == "Un autre texte."


def test_bad_content_is_refused_field_by_field(porteur):
    personne, experimentation = porteur
    with pytest.raises(PageImpossible) as erreur:
        page_creer(
            par=personne,
            contenu=Contenu(titre="  ", sorte="nimporte", licence="aucune"),
            experimentation=experimentation,
        )
    assert set(erreur.value.message_dict) == {"titre", "sorte", "licence"}


def test_review_comments_ask_for_changes_then_the_documentation_role_publishes(porteur, persona):
    personne, experimentation = porteur
    documentation = persona("documentation")
    incomplet = Contenu(titre="Sans résumé", sorte=SortePage.FICHE_EXPERIMENTATION)
    page = page_creer(par=personne, contenu=incomplet, experimentation=experimentation)
    page_soumettre(page=page, par=personne)
    assert Page.objects.get(pk=page.pk).statut == StatutPage.EN_RELECTURE

    with pytest.raises(PageImpossible):  # the writer does not publish
        page_publier(page=page, par=personne)
    with pytest.raises(PageImpossible) as erreur:  # the checklist is not met
        page_publier(page=page, par=documentation)
    assert "résumé" in str(erreur.value)
    assert set(manques(Page.objects.get(pk=page.pk))) == {
        "resume",
        "conditions_reutilisation",
        "contact",
    }

    with pytest.raises(PageImpossible):  # only the reviewers ask for changes
        page_commenter(page=page, par=personne, texte="Je demande", demande_des_modifications=True)
    page_commenter(
        page=page, par=documentation, texte="Ajoutez un résumé.", demande_des_modifications=True
    )
    assert Page.objects.get(pk=page.pk).statut == StatutPage.BROUILLON
    page_commenter(page=page, par=personne, texte="C'est fait.")

    page_enregistrer(page=page, par=personne, contenu=COMPLET)
    page_soumettre(page=page, par=personne)
    publiee = page_publier(page=page, par=documentation)
    assert publiee.statut == StatutPage.PUBLIEE and publiee.publiee_le is not None
    assert not publiee.auteurs.filter(pk=documentation.pk).exists()


def test_a_published_page_stays_held_to_its_checklist_and_can_be_archived(porteur, persona):
    personne, experimentation = porteur
    page = une_page(auteur=personne, experimentation=experimentation)
    with pytest.raises(PageImpossible) as erreur:
        page_enregistrer(
            page=page, par=personne, contenu=Contenu(**{**vars(COMPLET), "contact": ""})
        )
    assert "contact" in erreur.value.message_dict
    with pytest.raises(PageImpossible):
        page_archiver(page=page, par=personne)
    page_archiver(page=page, par=persona("documentation"), motif="Remplacée")
    page.refresh_from_db()
    assert page.statut == StatutPage.ARCHIVEE
    with pytest.raises(PageImpossible):  # an archived page is no longer written
        page_enregistrer(page=page, par=personne, contenu=COMPLET)
    with pytest.raises(DatabaseError), transaction.atomic():  # nor deleted, in the database
        Page.objects.filter(pk=page.pk).delete()


def test_an_old_revision_is_restored_as_a_new_one(porteur):
    personne, experimentation = porteur
    page = page_creer(par=personne, contenu=COMPLET, experimentation=experimentation)
    page_enregistrer(
        page=page, par=personne, contenu=Contenu(**{**vars(COMPLET), "titre": "Nouveau titre"})
    )
    premiere = page.revisions.get(numero=1)
    restauree = revision_restaurer(revision=premiere, par=personne)
    assert restauree.numero == 3 and restauree.restaure == premiere
    assert Page.objects.get(pk=page.pk).titre == COMPLET.titre
    assert list(page.revisions.values_list("numero", flat=True)) == [3, 2, 1]
    with pytest.raises(PageImpossible):
        revision_restaurer(revision=premiere, par=PersonneFactory())


def test_two_pages_of_the_same_title_get_two_slugs_and_reserved_paths_are_avoided(persona):
    equipe = persona("coordination")
    a = page_creer(par=equipe, contenu=Contenu(titre="Nouvelle", sorte=SortePage.GUIDE))
    b = page_creer(par=equipe, contenu=Contenu(titre="Nouvelle", sorte=SortePage.GUIDE))
    assert a.slug != "nouvelle" and b.slug != a.slug
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.filter(pk=b.pk).update(slug=a.slug)
