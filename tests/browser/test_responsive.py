"""From 320 px wide, without JavaScript, every page of the frame fits and its menu works."""

from __future__ import annotations

import pytest

from tests.pages import FRAME_PAGES, PAGE_INCONNUE

pytestmark = pytest.mark.browser

PAGES = [*FRAME_PAGES, PAGE_INCONNUE]

SECTIONS = ["Problématiques", "Communautés", "Expérimentations", "Gouvernance", "Documentation"]


@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_horizontal_scroll_at_320px(new_page, url):
    page = new_page(width=320)
    page.goto(url)

    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= 320, f"{url} is {scroll_width}px wide at a 320px viewport"


def test_navigation_works_at_320px_without_javascript(new_page):
    page = new_page(width=320, javascript=False)
    page.goto("/")

    nav = page.get_by_role("navigation", name="Navigation principale")
    for label in SECTIONS:
        assert nav.get_by_role("link", name=label).is_visible(), label
    nav.get_by_role("link", name="Gouvernance").click()

    assert page.url.endswith("/gouvernance/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gouvernance"
    assert nav.locator("[aria-current=page]").inner_text() == "Gouvernance"


def test_the_account_menu_of_a_staff_member_fits_at_320px(new_page, live_server):
    from tests.browser.aide import connecter
    from tests.factories import PersonneFactory

    page = new_page(width=320)
    connecter(page, live_server, PersonneFactory(is_staff=True, roles=["Coordination"]))
    page.goto("/")

    menu = page.get_by_role("navigation", name="Mon compte")
    for lien in ["Mon profil", "Mes remontées", "Mes engagements", "Back-office"]:
        assert menu.get_by_role("link", name=lien).is_visible(), lien
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
