"""The demo data: a dozen experiments in every state, from retained problems, with phases,
participants, providers and budget lines; pacts in every state, the signed FTE a contractual
commitment in the community; coordinators with capacities, one beyond it; loaded twice alike."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from communautes.models import Engagement
from experimentations import demo
from experimentations.charge import charge_de_l_equipe
from experimentations.models import (
    ActionExperimentation,
    BudgetAnnuel,
    Capacite,
    EngagementPacte,
    Experimentation,
    LigneBudget,
    Pacte,
    Participant,
    PhaseExperimentation,
    Prestataire,
    Signataire,
    StatutExperimentation,
    StatutPacte,
    TypeActionExperimentation,
    TypeEngagementPacte,
)
from problematiques.models import Problematique, Statut


@pytest.fixture
def demo_chargee(demo_du_module, db):
    """The demo, loaded once for the module (tests/conftest.py)."""


def etat():
    return {
        "experimentations": sorted(
            Experimentation.objects.values_list(
                "slug", "statut", "coordinateur__email", "communaute__slug", "cree_le"
            )
        ),
        "phases": PhaseExperimentation.objects.count(),
        "participants": Participant.objects.count(),
        "prestataires": Prestataire.objects.count(),
        "lignes": LigneBudget.objects.count(),
        "pactes": sorted(Pacte.objects.values_list("numero", "statut", "version", "signe_le")),
        "engagements_de_pacte": EngagementPacte.objects.count(),
        "signataires": sorted(Signataire.objects.values_list("pacte__numero", "signe_le")),
        "journal": ActionExperimentation.objects.count(),
        "capacites": sorted(Capacite.objects.values_list("coordinateur__email", "nombre")),
        "budgets": sorted(BudgetAnnuel.objects.values_list("annee", "montant")),
        "engagements": Engagement.objects.count(),
    }


def test_a_dozen_experiments_in_every_state_from_retained_problems(demo_chargee):
    assert Experimentation.objects.count() == 12
    assert set(Experimentation.objects.values_list("statut", flat=True)) == set(
        StatutExperimentation.values
    )
    assert set(
        Problematique.objects.filter(experimentation__isnull=False).values_list("statut", flat=True)
    ) == {Statut.RETENUE}
    # The problems' demo keeps every state of a problem.
    assert set(Problematique.objects.values_list("statut", flat=True)) == set(Statut.values)
    for e in Experimentation.objects.all():
        e.full_clean()
        assert e.territoires.exists()
        assert e.actions.order_by("le", "pk").first().type == TypeActionExperimentation.CREER


def test_experiments_have_phases_participants_providers_and_budget_lines(demo_chargee):
    for e in Experimentation.objects.annotate(n=Count("participants")):
        assert e.n >= 1, e
        phases = list(e.phases.all())
        assert phases, e
        for phase in phases:
            phase.full_clean()
        commencees = [p for p in phases if p.debut_reel is not None]
        # Nothing has begun in preparation; something has everywhere else.
        assert bool(commencees) is (e.statut != StatutExperimentation.EN_PREPARATION), e
        if e.statut in (StatutExperimentation.TERMINEE, StatutExperimentation.ESSAIMEE):
            assert all(p.fin_reelle for p in phases if p.type != "essaimage"), e
    assert Prestataire.objects.count() >= 4
    assert LigneBudget.objects.count() >= 8
    assert BudgetAnnuel.objects.count() == 2
    # The journal is in the order things happened.
    for e in Experimentation.objects.all():
        dates = list(e.actions.order_by("pk").values_list("le", flat=True))
        assert all(d >= e.cree_le for d in dates), e


def test_pacts_in_every_state_and_the_signed_fte_is_a_contractual_commitment(demo_chargee):
    assert set(Pacte.objects.values_list("statut", flat=True)) == set(StatutPacte.values)
    signe = Pacte.objects.get(statut=StatutPacte.SIGNE)
    assert all(s.signe_le is not None for s in signe.signataires.all())
    etp = signe.engagements.get(type=TypeEngagementPacte.ETP)
    assert etp.heures_par_mois == 15  # 0.1 FTE
    engagement = etp.engagement_communaute
    assert engagement is not None and engagement.contractuel
    assert engagement.personne == etp.personne
    assert engagement.communaute == signe.experimentation.communaute
    assert engagement.cadre == f"Pacte n° {signe.numero}" and engagement.termine_le is None
    # The proposed one waits for the demo relais, who can log in and confirm it.
    propose = Pacte.objects.get(statut=StatutPacte.PROPOSE)
    assert propose.signataires.filter(personne__email="relais@demo.tilab.bzh").exists()
    assert not propose.signataires.filter(signe_le__isnull=False).exists()
    # The amended one: its first version replaced by the second, running.
    remplace = Pacte.objects.get(statut=StatutPacte.REMPLACE)
    assert remplace.avenant.statut == StatutPacte.EN_COURS
    assert Pacte.objects.get(statut=StatutPacte.ROMPU).motif_rupture


def test_coordinators_have_capacities_and_one_is_beyond_it(demo_chargee):
    charge = charge_de_l_equipe()
    avec_capacite = [ligne for ligne in charge.lignes if ligne.capacite is not None]
    assert len(avec_capacite) == 3
    assert charge.nb_en_depassement == 1
    (debordee,) = [ligne for ligne in charge.lignes if ligne.depasse]
    assert (debordee.en_charge, debordee.capacite) == (4, 3)
    # Her capacity has a history.
    assert Capacite.objects.filter(coordinateur__email="coordination@demo.tilab.bzh").count() == 2


def test_loading_twice_changes_nothing(demo_chargee):
    avant = etat()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo.charger()
    assert etat() == avant
