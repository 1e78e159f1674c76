"""The demo's COPIL: past sessions whose decisions are published (one rectified) on the grid
in force, and a session open to vote where the demo COPIL account chairs, quorum reached."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gouvernance import rules
from gouvernance.models import Decision, Rectification, SessionCopil, StatutSession
from gouvernance.services.copil import votes_manquants
from problematiques.models import Transition, TypeTransition
from tilab.comptes.models import Personne

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_du_module")]


def test_past_sessions_published_their_decisions_on_the_problems_trajectories():
    passees = SessionCopil.objects.filter(statut=StatutSession.PUBLIEE)
    assert passees.count() >= 3
    assert all(s.le < timezone.localdate() for s in passees)
    decisions = Decision.objects.publiees()
    assert decisions.count() >= 6
    assert set(decisions.values_list("decision", flat=True)) == {
        "retenue",
        "ajournee",
        "non_retenue",
    }
    assert Rectification.objects.count() == 1
    for decision in decisions.select_related("candidature"):
        assert decision.candidature.score is not None
        assert Transition.objects.filter(
            problematique=decision.candidature.problematique_id,
            type=TypeTransition.DECISION_COPIL,
        ).exists()


def test_the_demo_copil_account_chairs_the_open_session_and_still_has_to_vote():
    ouverte = SessionCopil.objects.get(statut=StatutSession.OUVERTE)
    annaig = Personne.objects.get(email="copil@demo.tilab.bzh")
    assert rules.preside(annaig, ouverte)
    assert ouverte.candidatures.count() >= 2
    assert len(votes_manquants(session=ouverte, personne=annaig)) == ouverte.candidatures.count()
    votants = ouverte.candidatures.first().votes.values("membre").distinct().count()
    assert votants >= ouverte.quorum
