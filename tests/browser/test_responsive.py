"""From 320 px wide, without JavaScript, every page of the frame fits and its menu works."""

from __future__ import annotations

import pytest

from tests.pages import FRAME_PAGES, PAGE_INCONNUE

pytestmark = pytest.mark.browser

PAGES = [*FRAME_PAGES, PAGE_INCONNUE]

SECTIONS = [
    "Problématiques",
    "Communautés",
    "Événements",
    "Expérimentations",
    "Gouvernance",
    "Documentation",
]


def test_every_page_fits_320px_and_the_menus_work_there(new_page, live_server):
    from tests.browser.aide import connecter
    from tests.factories import PersonneFactory

    # Every page of the frame, without horizontal scroll.
    page = new_page(width=320)
    trop_larges = []
    for url in PAGES:
        page.goto(url)
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > 320:
            trop_larges.append(f"{url} is {scroll_width}px wide at a 320px viewport")
    assert not trop_larges, "\n".join(trop_larges)

    # The main navigation, without JavaScript: folded under « Menu » until asked for.
    page = new_page(width=320, javascript=False)
    page.goto("/")

    nav = page.get_by_role("navigation", name="Navigation principale")
    assert not nav.is_visible()
    page.get_by_text("Menu", exact=True).click()
    for label in SECTIONS:
        assert nav.get_by_role("link", name=label).is_visible(), label
    nav.get_by_role("link", name="Gouvernance").click()

    assert page.url.endswith("/gouvernance/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gouvernance"
    page.get_by_text("Menu", exact=True).click()
    assert nav.locator("[aria-current=page]").inner_text() == "Gouvernance"

    # The account menu of a staff member.
    page = new_page(width=320)
    connecter(page, live_server, PersonneFactory(is_staff=True, roles=["Coordination"]))
    page.goto("/")

    page.get_by_text("Menu", exact=True).click()
    menu = page.get_by_role("navigation", name="Espace personnel")
    menu.locator("summary").click()
    for lien in ["Mon profil", "Mes remontées", "Mes engagements", "Back-office"]:
        assert menu.get_by_role("link", name=lien).is_visible(), lien
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
