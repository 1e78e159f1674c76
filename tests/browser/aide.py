"""Helpers shared by the browser tests."""

from __future__ import annotations

import json
from collections.abc import Callable
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


def lancer_analyse(page) -> None:
    """Start axe with AXE_OPTIONS on ``page`` as it is now, without waiting for it: its report
    is read by :func:`violations_lancees`. Meanwhile the test can drive another page, in
    another browser context (another renderer process): two pages analysed at once on two
    cores."""
    if not page.evaluate("typeof window.axe?.run === 'function'"):
        page.evaluate(AXE_SCRIPT)
    # axe works synchronously for most of its run: started in a task of its own (setTimeout),
    # not in the one that answers this call, so that the call returns at once.
    page.evaluate(
        "() => { window.__analyse = new Promise(r => setTimeout(r))"
        f".then(() => axe.run({json.dumps(AXE_OPTIONS)})); }}"
    )


def violations_lancees(page, libelle: str | None = None) -> str | None:
    """What :func:`violations` says, of the analysis :func:`lancer_analyse` started on
    ``page`` (it waits for its end)."""
    results = AxeResults({"violations": page.evaluate("window.__analyse.then(r => r.violations)")})
    return _rapport(page, results, libelle)


def _rapport(page, results: AxeResults, libelle: str | None) -> str | None:
    if results.violations_count == 0:
        return None
    entete = page.url if libelle is None else libelle
    return f"{entete}\n{results.generate_report()}"


def violations(page, libelle: str | None = None) -> str | None:
    """Run axe on ``page`` as it is now: its report of the WCAG 2.0–2.2 A/AA and best-practice
    violations headed by ``libelle`` (the page's URL unless given), or None if there is none."""
    return _rapport(page, analyser(page), libelle)


def ecarts_des_pages(
    onglets: list[Any],
    adresses: list[str],
    mesurer: Callable[[Any, str], list[str]] | None = None,
) -> list[str]:
    """Open each of ``adresses`` in one of ``onglets`` (pages of distinct browser contexts, in
    turn): what axe finds on each, whatever the Content Security Policy blocked there, and what
    ``mesurer(page, adresse)`` reports once it is loaded. While axe reads a page in one tab, the
    other loads the next."""
    csp: dict[Any, list[str]] = {}
    for onglet in onglets:
        csp[onglet] = []
        onglet.on(
            "console",
            lambda message, liste=csp[onglet]: (
                liste.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
    a_ouvrir = list(adresses)
    en_cours: dict[Any, str] = {}
    ecarts: list[str] = []

    def ouvrir(onglet) -> None:
        if a_ouvrir:
            adresse = a_ouvrir.pop(0)
            csp[onglet].clear()
            onglet.goto(adresse)
            if mesurer is not None:
                ecarts.extend(mesurer(onglet, adresse))
            lancer_analyse(onglet)
            en_cours[onglet] = adresse

    for onglet in onglets:
        ouvrir(onglet)
    while en_cours:
        for onglet in onglets:
            if onglet in en_cours:
                adresse = en_cours.pop(onglet)
                if rapport := violations_lancees(onglet, adresse):
                    ecarts.append(rapport)
                if csp[onglet]:
                    ecarts.append(
                        f"{adresse}: the CSP blocked something\n" + "\n".join(csp[onglet])
                    )
                ouvrir(onglet)
    return ecarts


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
