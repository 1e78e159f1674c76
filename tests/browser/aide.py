"""Helpers shared by the browser tests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}


def connecter(page, live_server, personne) -> None:
    """Log ``page`` in as ``personne`` by handing the browser a session cookie (the login form
    has its own tests)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(personne)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def analyser(page, contexte: dict[str, Any] | None = None) -> AxeResults:
    """Run axe with AXE_OPTIONS on ``page`` as it is now (on ``contexte`` of it if given), as
    ``Axe().run`` does, except that only the violations come back from the browser: the rules
    that passed or did not apply, which nothing reads, weigh some 40 KB a page that Playwright
    would copy out of the page each time."""
    if not page.evaluate("typeof window.axe?.run === 'function'"):
        # Once a page: axe's 500 KB script stays until the next navigation.
        page.evaluate(AXE_SCRIPT)
    arguments = ", ".join(json.dumps(a) for a in [contexte, AXE_OPTIONS] if a)
    trouvees = page.evaluate(f"axe.run({arguments}).then(r => r.violations)")
    return AxeResults({"violations": trouvees})


def violations(page, libelle: str | None = None) -> str | None:
    """Run axe on ``page`` as it is now: its report of the WCAG 2.0–2.2 A/AA and best-practice
    violations headed by ``libelle`` (the page's URL unless given), or None if there is none."""
    results = analyser(page)
    if results.violations_count == 0:
        return None
    entete = page.url if libelle is None else libelle
    return f"{entete}\n{results.generate_report()}"


def sans_violation(page, libelle: str | None = None) -> None:
    """Run axe on ``page`` as it is now and fail on any WCAG 2.0–2.2 A/AA or best-practice
    violation, with axe's report headed by ``libelle`` (the page's URL unless given)."""
    rapport = violations(page, libelle)
    assert rapport is None, rapport


def tabuler_jusqu_a(page, cible, essais: int = 80, libelle: str | None = None) -> None:
    """Press Tab until ``cible`` has the focus, as a keyboard user would; fail, naming
    ``libelle`` (the locator unless given), if it has not after ``essais`` presses."""
    for _ in range(essais):
        page.keyboard.press("Tab")
        if cible.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {cible if libelle is None else libelle}")
