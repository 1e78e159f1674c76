"""Creating an experiment from a retained problem, its states, phases and the team's load."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communautes.models import ActionCommunaute
from experimentations.charge import charge_de_l_equipe
from experimentations.models import (
    ActionExperimentation,
    Capacite,
    Experimentation,
    StatutExperimentation,
    TypePhase,
)
from experimentations.services import experimentations as services
from tests.communautes.factories import CommunauteFactory
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory
from tests.problematiques.factories import ProblematiqueFactory

from .factories import ExperimentationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def retenue():
    p = ProblematiqueFactory(publiee=True, statut="retenue", titre="Cantines sans plastique")
    p.territoires.set([TerritoireFactory()])
    p.themes.set([ThemeFactory()])
    return p


def test_coordination_creates_the_experiment_of_a_retained_problem(retenue, coordination):
    communaute = CommunauteFactory(interet=True, problematique=retenue)
    e = services.experimentation_creer(
        par=coordination, problematique=retenue, coordinateur=coordination
    )
    assert e.statut == StatutExperimentation.EN_PREPARATION
    assert e.titre == "Cantines sans plastique"
    assert e.resume == retenue.constat
    assert e.communaute == communaute
    assert list(e.territoires.all()) == list(retenue.territoires.all())
    assert list(e.themes.all()) == list(retenue.themes.all())
    assert e.slug == "cantines-sans-plastique"
    assert ActionExperimentation.objects.get(experimentation=e).par == coordination


@pytest.mark.parametrize("statut", ["ouverte", "candidate", "communaute_constituee", "ajournee"])
def test_only_a_retained_problem_becomes_an_experiment(statut, coordination):
    p = ProblematiqueFactory(publiee=True, statut=statut)
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.experimentation_creer(par=coordination, problematique=p, coordinateur=coordination)
    assert "retenue" in exc.value.message_dict["problematique"][0]
    assert not Experimentation.objects.exists()


def test_a_problem_has_one_experiment_only(retenue, coordination):
    services.experimentation_creer(
        par=coordination, problematique=retenue, coordinateur=coordination
    )
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.experimentation_creer(
            par=coordination, problematique=retenue, coordinateur=coordination
        )
    assert "déjà" in exc.value.message_dict["problematique"][0]


@pytest.mark.parametrize(
    ("nom", "peut"),
    [
        ("relais", False),
        ("direction", True),
        ("coordination", True),
        ("animation", False),
        ("documentation", False),
        ("recherche", False),
        ("copil", False),
        ("codir", False),
    ],
)
def test_who_may_create_an_experiment(nom, peut, persona, retenue, coordination):
    par = persona(nom)
    if not peut:
        with pytest.raises(services.ActionExperimentationImpossible):
            services.experimentation_creer(
                par=par, problematique=retenue, coordinateur=coordination
            )
        return
    services.experimentation_creer(par=par, problematique=retenue, coordinateur=coordination)


def test_the_coordinator_holds_the_coordination_role(retenue, coordination, persona):
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.experimentation_creer(
            par=coordination, problematique=retenue, coordinateur=persona("animation")
        )
    assert "coordinateur" in exc.value.message_dict


def test_states_follow_their_legal_moves_with_a_public_reason(coordination):
    e = ExperimentationFactory(statut=StatutExperimentation.EN_PREPARATION)
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.experimentation_changer_statut(
            experimentation=e, par=coordination, statut=StatutExperimentation.TERMINEE, motif="x"
        )
    assert "En cours" in exc.value.message_dict["statut"][0]
    e = services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut=StatutExperimentation.EN_COURS
    )
    assert e.lancee_le == timezone.localdate()
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.experimentation_changer_statut(
            experimentation=e, par=coordination, statut=StatutExperimentation.SUSPENDUE
        )
    assert "motif" in exc.value.message_dict
    e = services.experimentation_changer_statut(
        experimentation=e,
        par=coordination,
        statut=StatutExperimentation.SUSPENDUE,
        motif="Le territoire d'accueil change d'équipe municipale.",
    )
    assert e.motif_statut.startswith("Le territoire")
    assert e.statut_change_le is not None
    e = services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut=StatutExperimentation.EN_COURS
    )
    e = services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut=StatutExperimentation.TERMINEE, motif="Fini."
    )
    e = services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut=StatutExperimentation.ESSAIMEE
    )
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.experimentation_changer_statut(
            experimentation=e, par=coordination, statut=StatutExperimentation.EN_COURS
        )
    assert "ne change plus" in exc.value.message_dict["statut"][0]
    assert ActionExperimentation.objects.filter(experimentation=e).count() == 5


def test_an_actual_end_before_its_start_is_refused_on_its_field(coordination):
    e = ExperimentationFactory()
    jour = timezone.localdate()
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.phase_enregistrer(
            experimentation=e,
            par=coordination,
            type=TypePhase.TEST,
            debut_prevu=jour,
            fin_prevue=jour + timedelta(days=30),
            debut_reel=jour,
            fin_reelle=jour - timedelta(days=1),
        )
    assert "fin_reelle" in exc.value.message_dict
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.phase_enregistrer(
            experimentation=e,
            par=coordination,
            type=TypePhase.TEST,
            debut_prevu=jour,
            fin_prevue=jour - timedelta(days=1),
        )
    assert "fin_prevue" in exc.value.message_dict
    phase = services.phase_enregistrer(
        experimentation=e,
        par=coordination,
        type=TypePhase.TEST,
        debut_prevu=jour,
        fin_prevue=jour + timedelta(days=30),
        compte_rendu="Premier essai\x1b réussi.",
    )
    assert phase.compte_rendu == "Premier essai réussi."
    # The same kind again updates it.
    services.phase_enregistrer(
        experimentation=e,
        par=coordination,
        type=TypePhase.TEST,
        debut_prevu=jour,
        fin_prevue=jour + timedelta(days=40),
    )
    assert e.phases.count() == 1


def test_the_load_counts_running_and_preparing_experiments_against_capacity(direction):
    nommee = PersonneFactory(roles=["Coordination"], profil_public=True, first_name="Anne",
                             last_name="Le Goff")  # fmt: skip
    discrete = PersonneFactory(roles=["Coordination"], profil_public=False)
    libre = PersonneFactory(roles=["Coordination"])
    for statut in ["en_preparation", "en_cours", "en_cours", "suspendue", "terminee"]:
        ExperimentationFactory(coordinateur=nommee, statut=statut)
    ExperimentationFactory(coordinateur=discrete, statut="en_cours")
    services.capacite_fixer(par=direction, coordinateur=nommee, nombre=4)
    services.capacite_fixer(par=direction, coordinateur=nommee, nombre=2, note="mi-temps")
    services.capacite_fixer(par=direction, coordinateur=discrete, nombre=3)

    charge = charge_de_l_equipe()

    lignes = {ligne.personne_id: ligne for ligne in charge.lignes}
    assert lignes[nommee.pk].nom == "Anne Le Goff"
    assert (lignes[nommee.pk].en_charge, lignes[nommee.pk].capacite) == (3, 2)
    assert lignes[nommee.pk].depasse and lignes[nommee.pk].taux == 150
    assert lignes[discrete.pk].nom.startswith("Coordination ")
    assert (lignes[discrete.pk].en_charge, lignes[discrete.pk].capacite) == (1, 3)
    assert (lignes[libre.pk].en_charge, lignes[libre.pk].capacite) == (0, None)
    assert charge.total_en_charge == 4
    assert charge.total_capacite == 5
    assert charge.nb_en_depassement == 1
    assert "personne_id" not in charge.instantane()["lignes"][0]


def test_only_the_direction_sets_a_capacity(coordination):
    with pytest.raises(services.ActionExperimentationImpossible):
        services.capacite_fixer(par=coordination, coordinateur=coordination, nombre=3)


def test_the_load_reads_in_one_query(django_assert_num_queries):
    for _ in range(3):
        c = PersonneFactory(roles=["Coordination"])
        ExperimentationFactory.create_batch(2, coordinateur=c)
    with django_assert_num_queries(1):
        charge_de_l_equipe()


def test_journal_entries_are_not_the_communitys(retenue, coordination):
    services.experimentation_creer(
        par=coordination, problematique=retenue, coordinateur=coordination
    )
    assert not ActionCommunaute.objects.exists()


def test_the_public_figures_follow_a_new_experiment_and_a_change_of_state(
    retenue, coordination, django_capture_on_commit_callbacks
):
    from experimentations import statistiques

    avant = statistiques.figures_publiques()
    with django_capture_on_commit_callbacks(execute=True):
        e = services.experimentation_creer(
            par=coordination, problematique=retenue, coordinateur=coordination
        )
    assert statistiques.figures_publiques() != avant
    milieu = statistiques.figures_publiques()
    with django_capture_on_commit_callbacks(execute=True):
        services.experimentation_changer_statut(
            experimentation=e, par=coordination, statut=StatutExperimentation.EN_COURS
        )
    assert statistiques.figures_publiques() != milieu


# --- Created on the COPIL's decision (gouvernance.services.copil.decisions_publier) ---------


def test_on_a_copil_decision_the_chair_creates_it_with_the_referent_as_coordinator(
    retenue, persona, coordination
):
    retenue.referent = coordination
    retenue.save(update_fields=["referent"])
    e = services.experimentation_creer_sur_decision(par=persona("copil"), problematique=retenue)
    assert e.coordinateur == coordination
    assert ActionExperimentation.objects.get(experimentation=e).par == persona("copil")


def test_on_a_copil_decision_the_coordination_member_with_most_room_coordinates(
    retenue, persona, coordination
):
    # The referent is not of the Coordination: the load decides.
    retenue.referent = persona("animation")
    retenue.save(update_fields=["referent"])
    libre = PersonneFactory(roles=["Coordination"], is_staff=True)
    Capacite.objects.create(coordinateur=libre, nombre=4)
    Capacite.objects.create(coordinateur=coordination, nombre=4)
    ExperimentationFactory(coordinateur=coordination, statut=StatutExperimentation.EN_COURS)
    e = services.experimentation_creer_sur_decision(par=persona("copil"), problematique=retenue)
    assert e.coordinateur == libre


def test_on_a_copil_decision_without_any_coordination_it_waits_for_one(retenue, persona):
    e = services.experimentation_creer_sur_decision(par=persona("copil"), problematique=retenue)
    assert e.coordinateur is None and e.statut == StatutExperimentation.EN_PREPARATION


def test_a_chosen_coordinator_must_hold_the_coordination_role(retenue, persona):
    with pytest.raises(services.ActionExperimentationImpossible) as exc:
        services.experimentation_creer_sur_decision(
            par=persona("copil"), problematique=retenue, coordinateur=persona("animation")
        )
    assert "coordinateur" in exc.value.message_dict
