"""tilab.comptes.journal: entries are added through journaliser() and never changed."""

import pytest

from communautes.models import ActionCommunaute, TypeAction
from tests.communautes.factories import CommunauteFactory
from tests.factories import PersonneFactory
from tilab.comptes.journal import EntreeJournal, JournalImmuable

pytestmark = pytest.mark.django_db


@pytest.fixture
def communaute():
    return CommunauteFactory()


def test_journaliser_adds_one_entry_in_one_query(communaute, django_assert_num_queries):
    personne = PersonneFactory()
    with django_assert_num_queries(1):
        entree = communaute.journaliser(
            TypeAction.CHANGER_STATUT, par=personne, detail="Active → En sommeil"
        )
    assert isinstance(entree, ActionCommunaute) and isinstance(entree, EntreeJournal)
    entree = ActionCommunaute.objects.get()
    assert (entree.communaute, entree.type, entree.par, entree.detail) == (
        communaute,
        TypeAction.CHANGER_STATUT,
        personne,
        "Active → En sommeil",
    )
    assert entree.le is not None
    # The person's side of the journal, named after the app.
    assert list(personne.actions_communautes.all()) == [entree]


def test_entries_come_in_the_order_they_were_written(communaute):
    premiere = communaute.journaliser(TypeAction.CONSTITUER, par=None)
    seconde = communaute.journaliser(TypeAction.CHANGER_STATUT, par=None, detail="")
    assert list(ActionCommunaute.objects.all()) == [premiere, seconde]
    assert list(communaute.actions.all()) == [premiere, seconde]


def test_an_entry_is_never_changed_nor_deleted(communaute):
    entree = communaute.journaliser(TypeAction.CONSTITUER, par=None, detail="Créée.")
    entree.detail = "Réécrit."
    with pytest.raises(JournalImmuable):
        entree.save()
    with pytest.raises(JournalImmuable):
        entree.delete()
    with pytest.raises(JournalImmuable):
        ActionCommunaute.objects.filter(pk=entree.pk).update(detail="Réécrit.")
    with pytest.raises(JournalImmuable):
        ActionCommunaute.objects.all().delete()
    with pytest.raises(JournalImmuable):
        communaute.actions.update(detail="Réécrit.")
    assert ActionCommunaute.objects.get().detail == "Créée."


def test_deleting_the_author_keeps_the_entry_without_a_name(communaute):
    personne = PersonneFactory()
    communaute.journaliser(TypeAction.CONSTITUER, par=personne, detail="Créée.")
    personne.delete()
    entree = ActionCommunaute.objects.get()
    assert entree.par is None
    assert entree.detail == "Créée."


def test_deleting_the_recorded_object_takes_its_journal_with_it(communaute):
    autre = CommunauteFactory()
    communaute.journaliser(TypeAction.CONSTITUER, par=None)
    autre.journaliser(TypeAction.CONSTITUER, par=None)
    communaute.delete()
    assert list(ActionCommunaute.objects.values_list("communaute", flat=True)) == [autre.pk]


def test_the_journal_fields_are_the_toolkit_s():
    champs = {champ.name: champ for champ in ActionCommunaute._meta.get_fields()}
    assert {"par", "le", "detail", "type", "communaute"} <= set(champs)
    assert champs["le"].auto_now_add
    assert champs["detail"].blank
    assert champs["par"].null and champs["par"].remote_field.related_name == "actions_communautes"
    assert ActionCommunaute._meta.ordering == ["le", "pk"]
    assert EntreeJournal._meta.abstract
