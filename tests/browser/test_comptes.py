"""Accounts in a real browser, with allauth's rate limits as the portal runs them."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.comptes.test_creation_de_compte import code_du_courriel
from tilab import settings as reglages_du_projet

pytestmark = pytest.mark.browser

ADRESSE = "nouvelle@exemple.fr"
SECRET = "un-long-secret-42"


@pytest.fixture(autouse=True)
def _limites_du_projet(settings):
    # The live server runs in this process: it sees the portal's own limits.
    settings.ACCOUNT_RATE_LIMITS = reglages_du_projet.ACCOUNT_RATE_LIMITS


def test_sign_up_on_a_computer_then_log_in_on_a_phone_before_typing_the_code(new_page):
    ordinateur = new_page()
    ordinateur.goto("/comptes/signup/")
    ordinateur.get_by_label("Adresse électronique").fill(ADRESSE)
    ordinateur.get_by_label("Mot de passe", exact=True).fill(SECRET)
    ordinateur.get_by_label("Mot de passe, une seconde fois").fill(SECRET)
    ordinateur.get_by_role("button", name="Créer un compte").click()
    ordinateur.wait_for_url("**/comptes/confirm-email/**")

    telephone = new_page(width=360, height=740)
    telephone.goto("/comptes/login/")
    telephone.get_by_label("Adresse électronique").fill(ADRESSE)
    telephone.get_by_label("Mot de passe", exact=True).fill(SECRET)
    telephone.get_by_role("button", name="Se connecter").click()

    # Straight to the page that asks for the code, and a new code in the mailbox.
    telephone.wait_for_url("**/comptes/confirm-email/**")
    assert len(mail.outbox) == 2
    telephone.get_by_label("Code").fill(code_du_courriel(mail.outbox[-1]))
    telephone.get_by_label("Code").press("Enter")
    telephone.wait_for_url("**/comptes/profil/")
