"""axe-core finds no WCAG 2.1 A/AA violation on the pages of the site frame."""

from __future__ import annotations

import pytest

from tests.browser.aide import sans_violation
from tests.factories import PersonneFactory
from tests.pages import FRAME_PAGES, PAGE_INCONNUE

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [*FRAME_PAGES, PAGE_INCONNUE]


def assert_no_violations(page, url: str) -> None:
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(url)
    sans_violation(page, url)
    assert not csp_errors, f"{url}: the CSP blocked something\n" + "\n".join(csp_errors)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violation(page, url):
    assert_no_violations(page, url)


@pytest.mark.parametrize("width", [320, 1280])
def test_home_page_has_no_violation_at_phone_and_desktop_widths(new_page, width):
    assert_no_violations(new_page(width=width), "/")


def test_signup_form_in_error_has_no_violation(page):
    page.goto("/comptes/signup/")
    page.get_by_label("Courriel").fill("pas-une-adresse")
    page.get_by_role("button", name="Création de compte").click()

    sans_violation(page)
    assert page.locator("[aria-invalid=true]").count() >= 1


def test_logged_in_pages_have_no_violation(page, live_server):
    from tests.factories import MOT_DE_PASSE

    personne = PersonneFactory(is_staff=True)
    page.goto("/comptes/login/")
    page.get_by_label("Courriel").fill(personne.email)
    page.get_by_label("Mot de passe", exact=True).fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/comptes/profil/")

    for url in ["/", "/comptes/email/", "/comptes/password/change/", "/comptes/logout/"]:
        assert_no_violations(page, url)


def test_email_code_page_after_signup_has_no_violation(page):
    page.goto("/comptes/signup/")
    page.get_by_label("Courriel").fill("nouvelle@exemple.fr")
    page.get_by_label("Mot de passe", exact=True).fill("un-long-secret-42")
    page.get_by_label("Mot de passe (confirmation)").fill("un-long-secret-42")
    page.get_by_role("button", name="Création de compte").click()
    page.wait_for_url("**/comptes/confirm-email/**")

    sans_violation(page)


def test_login_code_page_has_no_violation(page):
    personne = PersonneFactory()
    page.goto("/comptes/login/code/")
    page.get_by_label("Courriel").fill(personne.email)
    page.get_by_label("Courriel").press("Enter")
    page.wait_for_url("**/comptes/login/code/confirm/")

    sans_violation(page)
