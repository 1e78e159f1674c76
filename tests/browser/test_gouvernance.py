"""The COPIL's decision page in a real browser: axe finds nothing on an open session seen by a
seated member, with the vote forms of every candidate (the journeys are elsewhere)."""

from __future__ import annotations

import pytest

from gouvernance.models import Membre, StatutSession
from tests.browser.aide import connecter
from tests.browser.test_accessibility import assert_no_violations
from tests.factories import PersonneFactory
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import une_session

pytestmark = pytest.mark.browser


def test_an_open_session_seen_by_a_seated_member_has_no_violation(
    page, live_server, transactional_db
):
    session = une_session(grille_publiee(), StatutSession.OUVERTE, nb=2, titre="Session ouverte")
    membre = PersonneFactory(roles=["COPIL"])
    Membre.objects.create(session=session, personne=membre, preside=True)
    connecter(page, live_server, membre)
    assert_no_violations(page, f"{live_server.url}{session.get_absolute_url()}")
    assert page.get_by_role("button", name="Enregistrer mon vote").count() == 2
