"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
if hasattr(os, "geteuid") and os.geteuid() == 0:
    # Chromium's sandbox cannot start as root (containers, CI).
    CHROMIUM_ARGS.insert(0, "--no-sandbox")

DESKTOP = {"width": 1280, "height": 900}


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


# One browser for the browser tests of a process, launched when the first of them starts
# (once instead of once per module saves a second a module): stopping Playwright after the
# last of them also stops its event loop, so the tests that run afterwards in this process get
# Django's usual async safety back. With ``pytest -n 2`` each process launches its own.
@pytest.fixture(scope="package")
def chromium(django_db_setup, django_db_blocker) -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} est absent : installez le paquet Debian « chromium »."
        if _on_ci():
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in the test thread; Django
        # refuses database access from such a thread unless told it is safe, which it is
        # here (the test owns the thread). Only while Playwright runs: the subprocesses of
        # other tests (manage.py check --deploy) must not inherit it.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Closed before the loop stops, so that the test database can be dropped at the end
        # of the run.
        connections.close_all()


@pytest.fixture
def new_page(chromium, live_server, transactional_db):
    """``new_page(width=320, javascript=False)`` opens a page on the live server.

    live_server needs real commits, hence transactional_db; after each test the database goes
    back to the migrated state (``tests/etat_migre.py``), roles and territories included.
    """
    contexts = []

    def open_page(
        width: int = DESKTOP["width"], height: int = DESKTOP["height"], javascript: bool = True
    ):
        context = chromium.new_context(
            base_url=live_server.url,
            locale="fr-FR",
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
