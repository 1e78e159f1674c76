"""The demo data: some forty problems in every state, consistent history, loaded twice alike."""

import pytest
from django.core.management import call_command

from problematiques import demo
from problematiques.models import Problematique, Soutien, Statut, Suivi, Transition, TypeTransition
from tilab.comptes.models import Territoire


@pytest.fixture
def demo_chargee(demo_du_module, db):
    """The demo, loaded once for the module (tests/conftest.py)."""


def test_the_demo_has_some_forty_problems_in_every_state(demo_chargee):
    assert 38 <= Problematique.objects.count() <= 45
    assert set(Problematique.objects.values_list("statut", flat=True)) == set(Statut.values)
    assert Soutien.objects.count() >= 60
    assert Soutien.objects.values("personne").distinct().count() >= 8


def test_every_departement_has_problems(demo_chargee):
    for departement in Territoire.objects.filter(type="departement"):
        assert Problematique.objects.sur_territoire(departement).count() >= 8, departement


def test_loading_twice_changes_nothing(demo_chargee):
    avant = (
        Problematique.objects.count(),
        Transition.objects.count(),
        Soutien.objects.count(),
        Suivi.objects.count(),
    )
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo.charger()
    apres = (
        Problematique.objects.count(),
        Transition.objects.count(),
        Soutien.objects.count(),
        Suivi.objects.count(),
    )
    assert apres == avant


def test_the_history_is_consistent(demo_chargee):
    for p in Problematique.objects.prefetch_related("transitions"):
        etapes = [t for t in p.transitions.all() if t.type != TypeTransition.ASSIGNER_REFERENT]
        assert etapes[0].type == TypeTransition.SOUMETTRE
        for avant, apres in zip(etapes, etapes[1:], strict=False):
            assert apres.statut_avant == avant.statut_apres, p
            assert apres.cree_le >= avant.cree_le, p
        assert (p.publiee_le is not None) == any(t.type == TypeTransition.OUVRIR for t in etapes)
        assert all(not t.publique for t in etapes if p.publiee_le is None)
        if p.statut in {Statut.SOUMISE, Statut.EN_QUALIFICATION, Statut.OUVERTE}:
            assert etapes[-1].statut_apres == p.statut, p
        assert not p.soutiens.filter(personne=p.auteur_id).exists()


def test_the_merged_duplicate_points_to_its_target(demo_chargee):
    doublon = Problematique.objects.get(fusionnee_dans__isnull=False)
    assert doublon.statut == Statut.CLOTUREE
    assert doublon.fusionnee_dans.transitions.filter(type=TypeTransition.FUSIONNER).exists()
