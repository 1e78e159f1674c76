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


# One browser per module: stopping Playwright between modules also stops its event loop, so
# the tests that run afterwards in this process get Django's usual async safety back.
@pytest.fixture(scope="module")
def chromium(django_db_setup, django_db_blocker) -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} est absent : installez le paquet Debian « chromium »."
        if _on_ci():
            pytest.fail(message)
        pytest.skip(message)
    from django.core.management import call_command
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents  # type: ignore[attr-defined]
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    # Serialized rollback restores the migrated database into an empty one. A transactional
    # test without it may have run before and left what post_migrate recreates after its
    # flush (content types, permissions): empty the tables first, as Django's own runner
    # ensures by running serialized-rollback tests before the other transactional ones.
    with django_db_blocker.unblock():
        for alias in serialized:
            call_command(
                "flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0
            )
    with sync_playwright() as playwright, pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in the test thread; Django
        # refuses database access from such a thread unless told it is safe, which it is
        # here (the test owns the thread). Only while Playwright runs: the subprocesses of
        # other tests (manage.py check --deploy) must not inherit it.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # With a loop running, asgiref hands this thread new connection objects: give them
        # the snapshot serialized rollback restores, and close them before the loop stops
        # so that the test database can be dropped at the end of the run.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents  # type: ignore[attr-defined]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def new_page(chromium, live_server, django_db_serialized_rollback, transactional_db):
    """``new_page(width=320, javascript=False)`` opens a page on the live server.

    live_server needs real commits, hence transactional_db; its flush after each test would
    also wipe what data migrations created (roles, territories), which serialized rollback
    puts back before each test.
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


@pytest.fixture(autouse=True)
def _sequences_a_jour(transactional_db):
    """Serialized rollback puts the migrated rows (roles, territories) back with their ids but
    leaves the id sequences where the flush reset them: without this, the next row created
    would reuse an existing id."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)
