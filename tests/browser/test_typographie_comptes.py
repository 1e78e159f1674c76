"""The account pages as a person walks them on a phone (320 and 375 px): no axe violation,
nothing wider than the screen, and one word for the address, « adresse électronique ».

axe runs at 375 px: the site's narrowest media query is at 30rem (480 px), so a page at 320 px
has the same styles, the same elements shown and hidden, as at 375 (what test_balayage.py also
relies on); at 320 px, nothing may be wider than the screen."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress

from tests.browser.aide import connecter, violations
from tests.factories import PersonneFactory

pytestmark = pytest.mark.browser

LARGEURS = (320, 375)
AXE_A = 375  # the width axe runs at (the module's docstring says why one is enough)
# « e-mail », « email », « E-mails »: the words the account pages no longer use.
MOT_ANGLAIS = re.compile(r"\be-?mails?\b", re.IGNORECASE)
ADRESSE = "Adresse électronique"


def ecarts(page, libelle: str) -> list[str]:
    """What is wrong with the page as it is now, at each width: axe's report, a page wider
    than the screen, an English word for the address."""
    trouves = []
    for largeur in LARGEURS:
        page.set_viewport_size({"width": largeur, "height": 740})
        if largeur == AXE_A and (rapport := violations(page, f"{libelle} à {largeur} px")):
            trouves.append(rapport)
        largeur_page = page.evaluate("document.documentElement.scrollWidth")
        if largeur_page > largeur:
            trouves.append(f"{libelle} : {largeur_page} px de large à {largeur} px")
    # The addresses themselves (…@exemple.fr) are people's, not the page's words.
    texte = page.locator("main").inner_text().replace("exemple.fr", "")
    mot = MOT_ANGLAIS.search(texte)
    if mot:
        trouves.append(f"{libelle} : « {mot.group()} » dans la page")
    return trouves


def test_entrer_sur_le_portail(new_page):
    page = new_page(width=320)
    trouves = []
    for url in ["/comptes/login/", "/comptes/signup/", "/comptes/password/reset/"]:
        page.goto(url)
        assert page.get_by_label(ADRESSE).count() == 1, url
        trouves += ecarts(page, url)
    page.goto("/comptes/login/")
    assert "au préalable" not in page.locator("main").inner_text()

    # A code to log in without a password.
    personne = PersonneFactory()
    page.goto("/comptes/login/code/")
    trouves += ecarts(page, "/comptes/login/code/")
    page.get_by_label(ADRESSE).fill(personne.email)
    page.get_by_role("button", name="Recevoir le code").click()
    page.wait_for_url("**/comptes/login/code/confirm/")
    trouves += ecarts(page, "/comptes/login/code/confirm/")

    # A new account, up to the page asking for the verification code.
    inscription = new_page(width=320)
    inscription.goto("/comptes/signup/")
    inscription.get_by_role("button", name="Créer un compte").click()
    trouves += ecarts(inscription, "/comptes/signup/ en erreur")
    inscription.get_by_label(ADRESSE).fill("nouvelle@exemple.fr")
    inscription.get_by_label("Mot de passe", exact=True).fill("un-long-secret-42")
    inscription.get_by_label("Mot de passe, une seconde fois").fill("un-long-secret-42")
    inscription.get_by_role("button", name="Créer un compte").click()
    inscription.wait_for_url("**/comptes/confirm-email/**")
    trouves += ecarts(inscription, "/comptes/confirm-email/")
    assert not trouves, "\n\n".join(trouves)


def test_gerer_son_compte(new_page, live_server):
    page = new_page(width=320)
    personne = PersonneFactory()
    connecter(page, live_server, personne)
    trouves = []
    for url in [
        "/comptes/profil/",
        "/comptes/email/",
        "/comptes/password/change/",
        "/comptes/reauthenticate/",
        "/comptes/supprimer/",
        "/comptes/logout/",
        "/donnees-personnelles/",
    ]:
        page.goto(url)
        trouves += ecarts(page, url)
    assert not trouves, "\n\n".join(trouves)


def test_renvoyer_la_verification_seulement_pour_une_adresse_a_verifier(new_page, live_server):
    page = new_page(width=320)
    personne = PersonneFactory(email="une-adresse-assez-longue-pour-un-telephone@exemple.fr")
    connecter(page, live_server, personne)
    renvoyer = page.get_by_role("button", name="Renvoyer le courriel de vérification")

    # One address, verified: it is shown, with nothing to choose nor to send again.
    page.goto("/comptes/email/")
    assert page.get_by_text(personne.email).count() == 1
    assert renvoyer.count() == 0
    assert page.get_by_role("radio").count() == 0

    # A second one, still to verify: now the choice, and the button.
    EmailAddress.objects.create(user=personne, email="autre@exemple.fr", verified=False)
    page.goto("/comptes/email/")
    assert page.get_by_role("radio").count() == 2
    assert renvoyer.count() == 1
    trouves = ecarts(page, "/comptes/email/ avec deux adresses")
    assert not trouves, "\n\n".join(trouves)

    page.get_by_label("autre@exemple.fr").check()
    renvoyer.click()
    page.wait_for_url("**/comptes/confirm-email/**")
    assert "autre@exemple.fr" in page.locator("main").inner_text()
