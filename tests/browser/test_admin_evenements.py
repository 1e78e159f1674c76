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


def test_who_reads_the_registrations_in_the_desk_and_the_form_s_date_and_time_inputs(
    new_page, live_server, evenement
):
    # The Coordination reads the event but not who registered.
    page = new_page()
    connecter(page, live_server, PersonneFactory(roles=["Coordination"], is_staff=True))

    page.goto(f"/admin/communautes/evenement/{evenement.pk}/change/")

    assert page.get_by_role("heading", level=1).inner_text() == "Consulter l'événement"
    page.get_by_text("Rencontre régionale des mobilités").first.wait_for()
    assert page.get_by_text("Gwenola Inscrite").count() == 0
    # The same answer as the site's registration list.
    reponse = page.goto("/evenements/rencontre/inscriptions/")
    assert reponse is not None and reponse.status == 403

    # The Animation reads who registered.
    page = new_page()
    connecter(page, live_server, PersonneFactory(roles=["Animation"], is_staff=True))

    page.goto(f"/admin/communautes/evenement/{evenement.pk}/change/")

    page.get_by_text("Gwenola Inscrite").first.wait_for()

    # The event form names each date and time input.
    page.goto("/admin/communautes/evenement/add/")

    page.get_by_label("Début — date").fill("10/06/2027")
    page.get_by_label("Début — heure").fill("09:00:00")
    page.get_by_label("Fin — date").fill("10/06/2027")
    page.get_by_label("Fin — heure").fill("12:00:00")
    page.get_by_label("Inscriptions jusqu'au — date").fill("01/06/2027")
    page.get_by_label("Inscriptions jusqu'au — heure").fill("18:00:00")
    assert page.get_by_label("Date :").count() == 0
