"""The home page on a phone: the latest problems come right after the welcome, and the page
stays a few screens long, without JavaScript as with it."""

from __future__ import annotations

import pytest

from tests.problematiques.factories import ProblematiqueFactory

pytestmark = pytest.mark.browser


def test_on_a_phone_the_latest_problems_come_within_the_second_screen(new_page, live_server):
    for n in range(3):
        ProblematiqueFactory(
            publiee=True,
            titre=f"Les personnes sourdes n'ont pas d'interprète pour leurs démarches {n}",
        )
    page = new_page(width=375, javascript=False)
    page.goto(live_server.url + "/")
    haut = page.locator("#dernieres-problematiques").bounding_box()
    assert haut is not None and haut["y"] < 2 * 667, haut
    premiere = page.locator("#dernieres-problematiques ~ ul li").first.bounding_box()
    assert premiere is not None and premiere["y"] < 2 * 667, premiere
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
