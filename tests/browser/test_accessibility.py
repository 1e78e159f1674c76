"""axe-core finds no WCAG 2.1 A/AA violation on the pages of the site frame."""

from __future__ import annotations

import pytest

from tests.browser.aide import connecter, ecarts_des_pages, sans_violation, violations
from tests.factories import PersonneFactory
from tests.pages import FRAME_PAGES, PAGE_INCONNUE

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [*FRAME_PAGES, PAGE_INCONNUE]


def _erreurs_csp(page) -> list[str]:
    """The console messages of ``page`` about the Content Security Policy, as they come."""
    erreurs: list[str] = []
    page.on(
        "console",
        lambda message: (
            erreurs.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return erreurs


def ecarts_de_la_page(page, url: str) -> list[str]:
    """Open ``url``: what axe finds there, and whatever the CSP blocked."""
    csp_errors = _erreurs_csp(page)
    page.goto(url)
    ecarts = [rapport for rapport in [violations(page, url)] if rapport]
    if csp_errors:
        ecarts.append(f"{url}: the CSP blocked something\n" + "\n".join(csp_errors))
    return ecarts


def assert_no_violations(page, url: str) -> None:
    ecarts = ecarts_de_la_page(page, url)
    assert not ecarts, "\n".join(ecarts)


def test_public_pages_have_no_accessibility_violation(new_page):
    # Two tabs for all, taking turns: each page is opened afresh, and every page's report is
    # given at once.
    ecarts = ecarts_des_pages([new_page(), new_page()], PUBLIC_PAGES)
    # The home page at a phone's width too (the desktop's is above).
    ecarts += ecarts_de_la_page(new_page(width=320), "/")
    assert not ecarts, "\n\n".join(ecarts)


def test_account_forms_in_error_and_their_code_pages_have_no_violation(new_page):
    page = new_page()
    page.goto("/comptes/signup/")
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    page.get_by_role("button", name="Créer un compte").click()

    sans_violation(page, "signup form in error")
    assert page.locator("[aria-invalid=true]").count() >= 1

    # The e-mail code page after signing up.
    page.get_by_label("Adresse électronique").fill("nouvelle@exemple.fr")
    page.get_by_label("Mot de passe", exact=True).fill("un-long-secret-42")
    page.get_by_label("Mot de passe, une seconde fois").fill("un-long-secret-42")
    page.get_by_role("button", name="Créer un compte").click()
    page.wait_for_url("**/comptes/confirm-email/**")

    sans_violation(page)

    # The login code page, for someone else in another browser.
    personne = PersonneFactory()
    code = new_page()
    code.goto("/comptes/login/code/")
    code.get_by_label("Adresse électronique").fill(personne.email)
    code.get_by_label("Adresse électronique").press("Enter")
    code.wait_for_url("**/comptes/login/code/confirm/")

    sans_violation(code)


def test_logged_in_pages_have_no_violation(page, live_server):
    # Logged in with a session cookie: the login form has its own tests (test_keyboard.py,
    # test_comptes.py).
    connecter(page, live_server, PersonneFactory(is_staff=True))

    for url in ["/", "/comptes/email/", "/comptes/password/change/", "/comptes/logout/"]:
        assert_no_violations(page, url)
