"""Events in a real browser: no accessibility violation, registration with the keyboard only."""

from __future__ import annotations

import pytest

from communautes.models import Inscription, StatutInscription
from tests.browser.aide import connecter, sans_violation, tabuler_jusqu_a
from tests.browser.test_accessibility import assert_no_violations, ecarts_de_la_page
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.factories import PersonneFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def evenements():
    complet = EvenementFactory(
        titre="Atelier complet",
        slug="atelier-complet",
        capacite=1,
        lien_en_ligne="https://visio.exemple.fr/a",
    )
    InscriptionFactory(evenement=complet)
    InscriptionFactory(evenement=complet, statut=StatutInscription.EN_ATTENTE)
    EvenementFactory(passe=True, titre="Rencontre passée")
    return EvenementFactory(
        titre="Rencontre régionale des mobilités",
        slug="rencontre-mobilites",
        description="## Programme\n\n- accueil\n- **ateliers**",
    )


def test_event_pages_and_the_registration_list_have_no_accessibility_violation(
    new_page, live_server, evenements
):
    page = new_page()
    ecarts = [
        ecart
        for url in [
            "/evenements/",
            "/evenements/rencontre-mobilites/",
            "/evenements/atelier-complet/",
        ]
        for ecart in ecarts_de_la_page(page, url)
    ]
    assert not ecarts, "\n\n".join(ecarts)

    # The registration list, as the Animation reads it.
    animation = PersonneFactory(roles=["Animation"], is_staff=True)
    InscriptionFactory(evenement=evenements)
    equipe = new_page()
    connecter(equipe, live_server, animation)
    assert_no_violations(equipe, "/evenements/rencontre-mobilites/inscriptions/")


def test_registering_to_an_event_with_the_keyboard_only(page, live_server, evenements):
    personne = PersonneFactory()
    connecter(page, live_server, personne)
    page.goto("/evenements/rencontre-mobilites/")

    bouton = page.get_by_role("button", name="M'inscrire")
    tabuler_jusqu_a(page, bouton, essais=60, libelle="the registration button")
    page.keyboard.press("Enter")

    page.get_by_text("Vous êtes inscrit·e", exact=False).first.wait_for()
    assert Inscription.objects.get(personne=personne).statut == StatutInscription.INSCRITE
    sans_violation(page)

    annuler = page.get_by_role("button", name="Annuler mon inscription")
    annuler.focus()
    page.keyboard.press("Enter")
    page.get_by_text("Votre inscription est annulée").wait_for()
    assert Inscription.objects.get(personne=personne).statut == StatutInscription.ANNULEE
