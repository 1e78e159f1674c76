"""The back office's event page in a real browser, as the Ti Team uses it."""

from __future__ import annotations

import pytest

from tests.browser.aide import connecter
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.factories import PersonneFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def evenement():
    evenement = EvenementFactory(titre="Rencontre régionale des mobilités", slug="rencontre")
    InscriptionFactory(
        evenement=evenement, personne=PersonneFactory(first_name="Gwenola", last_name="Inscrite")
    )
    return evenement


def test_coordination_reads_the_event_but_not_who_registered(page, live_server, evenement):
    connecter(page, live_server, PersonneFactory(roles=["Coordination"], is_staff=True))

    page.goto(f"/admin/communautes/evenement/{evenement.pk}/change/")

    assert page.get_by_role("heading", level=1).inner_text() == "Affichage de événement"
    page.get_by_text("Rencontre régionale des mobilités").first.wait_for()
    assert page.get_by_text("Gwenola Inscrite").count() == 0
    # The same answer as the site's registration list.
    reponse = page.goto("/evenements/rencontre/inscriptions/")
    assert reponse is not None and reponse.status == 403


def test_animation_reads_who_registered_in_the_desk(page, live_server, evenement):
    connecter(page, live_server, PersonneFactory(roles=["Animation"], is_staff=True))

    page.goto(f"/admin/communautes/evenement/{evenement.pk}/change/")

    page.get_by_text("Gwenola Inscrite").first.wait_for()


def test_the_event_form_names_each_date_and_time_input(page, live_server):
    connecter(page, live_server, PersonneFactory(roles=["Animation"], is_staff=True))

    page.goto("/admin/communautes/evenement/add/")

    page.get_by_label("Début — date").fill("10/06/2027")
    page.get_by_label("Début — heure").fill("09:00:00")
    page.get_by_label("Fin — date").fill("10/06/2027")
    page.get_by_label("Fin — heure").fill("12:00:00")
    page.get_by_label("Inscriptions jusqu'au — date").fill("01/06/2027")
    page.get_by_label("Inscriptions jusqu'au — heure").fill("18:00:00")
    assert page.get_by_label("Date :").count() == 0
