"""The maturity checklist, item by item at each boundary, and what it costs in queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communautes.models import Engagement, MotifFin, RoleEngagement
from communautes.services.maturite import (
    EXPERTISES,
    MEMBRES,
    PORTEUR,
    TERRAIN_ET_DECISION,
    TERRITOIRE,
    maturite_de,
    maturite_de_communaute,
    maturites_de_communautes,
    peut_devenir_candidate,
)
from problematiques.models import Problematique, Statut
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import PersonneFactory, TerritoireFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Expertise, Personne

pytestmark = pytest.mark.django_db

AGENT = Expertise.AGENT_TERRAIN
DECIDEUR = Expertise.DECIDEUR
CHERCHEUR = Expertise.CHERCHEUR


@pytest.fixture
def communaute():
    return CommunauteFactory(interet=True)


def aujourd_hui():
    return timezone.localdate()


def engager(communaute, n=1, **champs):
    return [EngagementFactory(communaute=communaute, **champs) for _ in range(n)]


def critere(communaute, code):
    return maturite_de_communaute(communaute).critere(code)


def rendre_complete(communaute):
    """Five running members: one referent, field agents, a decision-maker; a territory."""
    engager(communaute, role=RoleEngagement.REFERENT, expertise=AGENT)
    engager(communaute, 3, expertise=AGENT)
    engager(communaute, expertise=DECIDEUR)
    communaute.territoire_volontaire = TerritoireFactory(nom="Lannion-Trégor Communauté")
    communaute.territoire_volontaire_note = "La vice-présidente l'a dit en conseil."
    communaute.territoire_volontaire_le = timezone.now()
    communaute.save()


# --- Members -------------------------------------------------------------------------------


def test_four_members_out_of_five_is_missing(communaute):
    engager(communaute, 4)

    membres = critere(communaute, MEMBRES)

    assert membres.rempli is False
    assert membres.detail == "4 membres sur 5 requis"
    assert membres.libelle == "Au moins 5 membres dans la communauté"


def test_five_members_holds(communaute):
    engager(communaute, 5)

    membres = critere(communaute, MEMBRES)

    assert membres.rempli is True
    assert membres.detail == "5 membres engagés (5 requis)"


def test_no_member_at_all(communaute):
    maturite = maturite_de_communaute(communaute)

    assert maturite.critere(MEMBRES).detail == "0 membre sur 5 requis"
    assert maturite.nb_membres == 0
    assert maturite.nb_manquants == 5
    assert maturite.resume == "Pas encore prête : 5 critères manquants"


def test_ended_expired_and_future_commitments_do_not_count(communaute):
    jour = aujourd_hui()
    engager(communaute, 4)
    # Left the community: ended.
    engager(communaute, termine_le=jour, motif_fin=MotifFin.QUITTE)
    # End date passed yesterday, the daily job has not ended it yet.
    engager(communaute, debut=jour - timedelta(days=30), fin=jour - timedelta(days=1))
    # Starts tomorrow.
    engager(communaute, debut=jour + timedelta(days=1), fin=jour + timedelta(days=60))

    assert critere(communaute, MEMBRES).detail == "4 membres sur 5 requis"


def test_a_commitment_that_ends_today_or_started_today_counts(communaute):
    jour = aujourd_hui()
    engager(communaute, 3)
    engager(communaute, debut=jour - timedelta(days=30), fin=jour)
    engager(communaute, debut=jour, fin=jour + timedelta(days=30))

    assert critere(communaute, MEMBRES).rempli is True


def test_a_person_is_counted_once(communaute):
    engager(communaute, 4)
    revenue = PersonneFactory()
    # An old commitment, ended, then a running one: one member.
    engager(
        communaute,
        personne=revenue,
        debut=aujourd_hui() - timedelta(days=200),
        fin=aujourd_hui() - timedelta(days=100),
        termine_le=aujourd_hui() - timedelta(days=100),
        motif_fin=MotifFin.ECHU,
    )
    engager(communaute, personne=revenue)

    assert critere(communaute, MEMBRES).detail == "5 membres engagés (5 requis)"


def test_members_of_another_community_do_not_count(communaute):
    engager(communaute, 4)
    engager(CommunauteFactory(interet=True), 3)

    assert critere(communaute, MEMBRES).rempli is False


def test_the_minimum_is_a_setting(communaute, settings):
    settings.COMMUNAUTES_MATURITE_MEMBRES_MINIMUM = 2
    engager(communaute, 1)
    assert critere(communaute, MEMBRES).detail == "1 membre sur 2 requis"

    engager(communaute, 1)
    membres = critere(communaute, MEMBRES)
    assert membres.rempli is True
    assert membres.libelle == "Au moins 2 membres dans la communauté"


# --- Kinds of expertise --------------------------------------------------------------------


def test_one_kind_of_expertise_is_missing(communaute):
    engager(communaute, 3, expertise=AGENT)

    expertises = critere(communaute, EXPERTISES)

    assert expertises.rempli is False
    assert expertises.detail == (
        "Expertises : agent de terrain (il en faut au moins deux différentes)"
    )


def test_two_kinds_of_expertise_hold(communaute):
    engager(communaute, 2, expertise=DECIDEUR)
    engager(communaute, expertise=AGENT)

    expertises = critere(communaute, EXPERTISES)

    assert expertises.rempli is True
    # In the order of the list of expertises, each once.
    assert expertises.detail == "Expertises : agent de terrain, décideur ou décideuse"


def test_no_expertise_without_members(communaute):
    assert critere(communaute, EXPERTISES).detail == "Aucune expertise pour l'instant"


def test_the_expertise_of_an_ended_commitment_does_not_count(communaute):
    engager(communaute, expertise=AGENT)
    engager(communaute, expertise=CHERCHEUR, termine_le=aujourd_hui(), motif_fin=MotifFin.QUITTE)

    assert critere(communaute, EXPERTISES).rempli is False


# --- Field agents and decision-makers ------------------------------------------------------


def test_field_agents_without_decision_makers_is_missing(communaute):
    engager(communaute, 2, expertise=AGENT)
    engager(communaute, expertise=CHERCHEUR)

    terrain = critere(communaute, TERRAIN_ET_DECISION)

    assert terrain.rempli is False
    assert terrain.detail == "2 agents de terrain et aucun décideur ni décideuse"
    # Two kinds of expertise, though: that item holds.
    assert critere(communaute, EXPERTISES).rempli is True


def test_decision_makers_without_field_agents_is_missing(communaute):
    engager(communaute, expertise=DECIDEUR)

    terrain = critere(communaute, TERRAIN_ET_DECISION)

    assert terrain.rempli is False
    assert terrain.detail == "Aucun agent de terrain et 1 décideur ou décideuse"


def test_field_agents_and_decision_makers_hold(communaute):
    engager(communaute, expertise=AGENT)
    engager(communaute, 2, expertise=DECIDEUR)

    terrain = critere(communaute, TERRAIN_ET_DECISION)

    assert terrain.rempli is True
    assert terrain.detail == "1 agent de terrain et 2 décideurs ou décideuses"


def test_a_decision_maker_whose_commitment_expired_does_not_count(communaute):
    engager(communaute, expertise=AGENT)
    engager(
        communaute,
        expertise=DECIDEUR,
        debut=aujourd_hui() - timedelta(days=40),
        fin=aujourd_hui() - timedelta(days=1),
    )

    assert critere(communaute, TERRAIN_ET_DECISION).rempli is False


# --- Someone carries it --------------------------------------------------------------------


def test_a_running_referent_carries_it(communaute):
    engager(communaute, role=RoleEngagement.REFERENT)

    porteur = critere(communaute, PORTEUR)

    assert porteur.rempli is True
    assert porteur.detail == "1 personne référente engagée"


def test_an_ended_referent_does_not_carry_it(communaute):
    engager(communaute, 4)
    engager(
        communaute,
        role=RoleEngagement.REFERENT,
        termine_le=aujourd_hui(),
        motif_fin=MotifFin.QUITTE,
    )

    porteur = critere(communaute, PORTEUR)

    assert porteur.rempli is False
    assert porteur.detail == "Aucune personne référente engagée pour l'instant"


def test_a_referent_starting_later_does_not_carry_it_yet(communaute):
    engager(
        communaute,
        role=RoleEngagement.REFERENT,
        debut=aujourd_hui() + timedelta(days=3),
        fin=aujourd_hui() + timedelta(days=90),
    )

    assert critere(communaute, PORTEUR).rempli is False


def test_members_alone_do_not_carry_it(communaute):
    engager(communaute, 6)

    assert critere(communaute, PORTEUR).rempli is False


def test_two_referents(communaute):
    engager(communaute, 2, role=RoleEngagement.REFERENT)

    assert critere(communaute, PORTEUR).detail == "2 personnes référentes engagées"


# --- Territory -----------------------------------------------------------------------------


def test_no_territory_ticked(communaute):
    territoire = critere(communaute, TERRITOIRE)

    assert territoire.rempli is False
    assert territoire.detail == "Aucun territoire ne s'est encore dit prêt"
    assert maturite_de_communaute(communaute).territoire_note == ""


def test_a_ticked_territory_holds_with_its_note_and_date(communaute):
    communaute.territoire_volontaire = TerritoireFactory(nom="Morlaix Communauté")
    communaute.territoire_volontaire_note = "Courrier du **président**."
    communaute.territoire_volontaire_le = timezone.make_aware(timezone.datetime(2026, 3, 3, 10, 0))
    communaute.save()

    maturite = maturite_de_communaute(communaute)
    territoire = maturite.critere(TERRITOIRE)

    assert territoire.rempli is True
    assert territoire.detail == "Morlaix Communauté, noté le 3\u00a0mars\u00a02026"
    assert maturite.territoire_nom == "Morlaix Communauté"
    assert maturite.territoire_note == "Courrier du **président**."


# --- Complete, override --------------------------------------------------------------------


def test_complete_when_every_item_holds(communaute):
    rendre_complete(communaute)

    maturite = maturite_de_communaute(communaute)

    assert [c.code for c in maturite.criteres] == [
        PORTEUR,
        MEMBRES,
        EXPERTISES,
        TERRAIN_ET_DECISION,
        TERRITOIRE,
    ]
    assert all(c.rempli for c in maturite.criteres)
    assert maturite.complete is True
    assert maturite.prete_pour_copil is True
    assert maturite.derogee is False
    assert maturite.resume == "Prête pour le COPIL"


def test_one_item_missing_is_not_ready(communaute):
    rendre_complete(communaute)
    communaute.territoire_volontaire = None
    communaute.territoire_volontaire_note = ""
    communaute.save()

    maturite = maturite_de_communaute(communaute)

    assert maturite.complete is False
    assert maturite.prete_pour_copil is False
    assert [c.code for c in maturite.manquants] == [TERRITOIRE]
    assert maturite.resume == "Pas encore prête : 1 critère manquant"


def test_the_direction_override_makes_it_ready(communaute):
    engager(communaute, 2)
    communaute.derogation_motif = "Le territoire s'engagera en janvier."
    communaute.derogation_le = timezone.now()
    communaute.save()

    maturite = maturite_de_communaute(communaute)

    assert maturite.complete is False
    assert maturite.derogee is True
    assert maturite.prete_pour_copil is True
    assert maturite.derogation_motif == "Le territoire s'engagera en janvier."
    assert maturite.resume == "Prête pour le COPIL par dérogation de la Direction"


def test_complete_and_overridden_says_ready(communaute):
    rendre_complete(communaute)
    communaute.derogation_motif = "Par prudence."
    communaute.derogation_le = timezone.now()
    communaute.save()

    maturite = maturite_de_communaute(communaute)

    assert maturite.complete and maturite.derogee
    assert maturite.resume == "Prête pour le COPIL"


def test_the_maturity_is_frozen(communaute):
    maturite = maturite_de_communaute(communaute)

    with pytest.raises(AttributeError):
        maturite.derogation_motif = "autre"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        maturite.criteres[0].rempli = True  # type: ignore[misc]


# --- A problem's maturity, and whether it can become a candidate ---------------------------


def test_a_problem_without_community_has_no_maturity():
    p = ProblematiqueFactory(publiee=True)
    p = Problematique.objects.select_related("communaute").get(pk=p.pk)

    assert maturite_de(p) is None
    assert peut_devenir_candidate(p) is False


def test_a_problem_maturity_does_not_fetch_the_community_again(
    communaute, django_assert_num_queries
):
    engager(communaute, 3)
    p = Problematique.objects.select_related("communaute").get(pk=communaute.problematique_id)

    with django_assert_num_queries(1):
        maturite = maturite_de(p)

    assert maturite is not None
    assert maturite.nb_membres == 3


def test_no_query_for_a_problem_without_community_fetched_with_it(django_assert_num_queries):
    p = ProblematiqueFactory(publiee=True)
    p = Problematique.objects.select_related("communaute").get(pk=p.pk)

    with django_assert_num_queries(0):
        assert maturite_de(p) is None


@pytest.mark.parametrize(
    ("statut", "attendu"),
    [
        (Statut.COMMUNAUTE_CONSTITUEE, True),
        (Statut.OUVERTE, True),
        (Statut.AJOURNEE, True),
        (Statut.CANDIDATE, False),
        (Statut.RETENUE, False),
        (Statut.NON_RETENUE, False),
        (Statut.ORIENTEE, False),
        (Statut.CLOTUREE, False),
    ],
)
def test_a_ready_problem_can_become_a_candidate_from_states_before_copil(
    communaute, statut, attendu
):
    rendre_complete(communaute)
    Problematique.objects.filter(pk=communaute.problematique_id).update(statut=statut)
    p = Problematique.objects.select_related("communaute").get(pk=communaute.problematique_id)

    assert peut_devenir_candidate(p) is attendu


def test_an_unready_problem_cannot_become_a_candidate_unless_overridden(communaute):
    engager(communaute, 5)
    p = Problematique.objects.select_related("communaute").get(pk=communaute.problematique_id)
    assert peut_devenir_candidate(p) is False

    communaute.derogation_motif = "Urgence sanitaire."
    communaute.derogation_le = timezone.now()
    communaute.save()
    p = Problematique.objects.select_related("communaute").get(pk=communaute.problematique_id)
    assert peut_devenir_candidate(p) is True


# --- Query counts --------------------------------------------------------------------------


def _volume(communaute, nb=2_000):
    """``nb`` people with a commitment each: a fifth ended, a tenth not started yet, varied
    expertise and roles."""
    jour = aujourd_hui()
    personnes = Personne.objects.bulk_create(
        Personne(email=f"maturite{communaute.pk}-{i}@exemple.fr") for i in range(nb)
    )
    kinds = list(Expertise.values)
    lignes = []
    for i, personne in enumerate(personnes):
        ligne = Engagement(
            communaute=communaute,
            personne=personne,
            role=RoleEngagement.REFERENT if i % 100 == 0 else RoleEngagement.MEMBRE,
            expertise=kinds[i % len(kinds)],
            heures_par_mois=2,
            debut=jour - timedelta(days=10),
            fin=jour + timedelta(days=80),
        )
        if i % 5 == 1:
            ligne.termine_le = jour
            ligne.motif_fin = MotifFin.QUITTE
        elif i % 10 == 2:
            ligne.debut = jour + timedelta(days=5)
        lignes.append(ligne)
    Engagement.objects.bulk_create(lignes)
    return lignes


def test_one_query_with_2000_commitments(communaute, django_assert_num_queries):
    lignes = _volume(communaute)
    en_cours = [e for e in lignes if e.termine_le is None and e.debut <= aujourd_hui()]

    with django_assert_num_queries(1):
        maturite = maturite_de_communaute(communaute)

    assert maturite.nb_membres == len(en_cours) == 1_400
    assert maturite.critere(PORTEUR).detail == "20 personnes référentes engagées"
    assert maturite.critere(EXPERTISES).rempli is True
    assert maturite.critere(TERRAIN_ET_DECISION).rempli is True


def test_many_communities_in_one_query(django_assert_num_queries):
    communautes = [CommunauteFactory(interet=True) for _ in range(4)]
    for communaute in communautes[:2]:
        _volume(communaute, nb=300)
    rendre_complete(communautes[2])

    with django_assert_num_queries(1):
        maturites = maturites_de_communautes(c.pk for c in communautes)

    assert set(maturites) == {c.pk for c in communautes}
    assert maturites[communautes[0].pk].nb_membres == 210
    assert maturites[communautes[2].pk].complete is True
    assert maturites[communautes[3].pk].nb_membres == 0
