"""Supporting a problem ("nous aussi"): once per person, in supportable states, not the author."""

import threading

import pytest
from django.db import connection

from problematiques.models import Problematique, Soutien, Statut, Suivi
from problematiques.services import (
    SoutienImpossible,
    problematique_assigner_referent,
    soutien_ajouter,
    soutien_retirer,
)
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory


@pytest.mark.django_db
def test_a_person_supports_an_open_problem_and_follows_it():
    p = ProblematiqueFactory(publiee=True)
    personne = PersonneFactory()
    soutien = soutien_ajouter(
        problematique=p,
        personne=personne,
        precisions="Pareil chez nous.",
        rejoindrait_communaute=True,
    )
    assert soutien.problematique == p and soutien.rejoindrait_communaute
    assert Suivi.objects.filter(problematique=p, personne=personne).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "statut",
    [Statut.SOUMISE, Statut.EN_QUALIFICATION, Statut.ORIENTEE, Statut.CLOTUREE, Statut.RETENUE],
)
def test_unsupportable_states_are_refused(statut):
    p = ProblematiqueFactory(statut=statut)
    with pytest.raises(SoutienImpossible):
        soutien_ajouter(problematique=p, personne=PersonneFactory())
    assert not Soutien.objects.exists()


@pytest.mark.django_db
def test_the_author_cannot_support_their_own_problem():
    p = ProblematiqueFactory(publiee=True)
    with pytest.raises(SoutienImpossible, match="remonter"):
        soutien_ajouter(problematique=p, personne=p.auteur)


@pytest.mark.django_db
def test_a_second_support_is_refused():
    p = ProblematiqueFactory(publiee=True)
    personne = PersonneFactory()
    soutien_ajouter(problematique=p, personne=personne)
    with pytest.raises(SoutienImpossible, match="déjà"):
        soutien_ajouter(problematique=p, personne=personne)
    assert Soutien.objects.count() == 1


@pytest.mark.django_db
def test_withdrawing_removes_the_support_and_the_follow():
    p = ProblematiqueFactory(publiee=True)
    personne = PersonneFactory()
    soutien_ajouter(problematique=p, personne=personne)
    soutien_retirer(problematique=p, personne=personne)
    assert not Soutien.objects.exists()
    assert not Suivi.objects.filter(personne=personne).exists()
    # The author keeps following their own problem.
    soutien_retirer(problematique=p, personne=p.auteur)
    assert Suivi.objects.filter(problematique=p, personne=p.auteur).exists()


def nb_soutiens(p) -> int:
    return Problematique.objects.values_list("nb_soutiens", flat=True).get(pk=p.pk)


@pytest.mark.django_db
def test_the_support_counter_follows_adding_and_withdrawing():
    p = ProblematiqueFactory(publiee=True)
    personnes = PersonneFactory.create_batch(3)
    for personne in personnes:
        soutien_ajouter(problematique=p, personne=personne)
    assert nb_soutiens(p) == 3

    soutien_retirer(problematique=p, personne=personnes[0])
    # Withdrawing what was never given changes nothing.
    soutien_retirer(problematique=p, personne=PersonneFactory())

    assert nb_soutiens(p) == 2 == p.soutiens.count()


@pytest.mark.django_db
def test_a_step_taken_from_an_old_copy_keeps_the_counter(coordination):
    p = ProblematiqueFactory(publiee=True)
    copie = Problematique.objects.get(pk=p.pk)
    soutien_ajouter(problematique=p, personne=PersonneFactory())

    problematique_assigner_referent(problematique=copie, referent=coordination, par=coordination)

    assert nb_soutiens(p) == 1


# Real commits, so each thread sees the other's lock (the migrated state comes back after
# it: tests/conftest.py).
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_supports_by_the_same_person_make_one():
    p = ProblematiqueFactory(publiee=True)
    personne = PersonneFactory()
    barriere = threading.Barrier(2)
    resultats: list[str] = []

    def cliquer():
        try:
            barriere.wait()
            soutien_ajouter(problematique=p, personne=personne)
            resultats.append("ok")
        except SoutienImpossible:
            resultats.append("refus")
        finally:
            connection.close()

    fils = [threading.Thread(target=cliquer) for _ in range(2)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert sorted(resultats) == ["ok", "refus"]
    assert Soutien.objects.filter(problematique=p, personne=personne).count() == 1
    assert nb_soutiens(p) == 1
