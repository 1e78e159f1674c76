"""The shared cast of personas, and settings every test runs under."""

from __future__ import annotations

import os
from http.cookies import SimpleCookie
from typing import cast

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import PersonneFactory
from tilab.comptes.models import Personne

TI_TEAM = ["Direction", "Coordination", "Animation", "Documentation", "Recherche"]

# persona name -> (roles, is_staff)
PERSONAS: dict[str, tuple[list[str], bool]] = {
    "relais": (["Relais"], False),
    "direction": (["Direction"], True),
    "coordination": (["Coordination"], True),
    "animation": (["Animation"], True),
    "documentation": (["Documentation"], True),
    "recherche": (["Recherche"], True),
    "copil": (["COPIL"], False),
    "codir": (["CODIR"], False),
}
ALL_PERSONAS = ["anonyme", *PERSONAS]

# The sweeps of issue 9 (tests/saisies.py). "balayage", the default, draws the same few
# examples at each run, so that the suite stays quick and a failure comes back at the next run;
# HYPOTHESIS_PROFILE=fouille draws many new ones each time, to look further.
_SANS_ALERTE = [HealthCheck.too_slow, HealthCheck.data_too_large]
hypothesis_settings.register_profile(
    "balayage",
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=_SANS_ALERTE,
)
hypothesis_settings.register_profile(
    "fouille", max_examples=150, deadline=None, database=None, suppress_health_check=_SANS_ALERTE
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "balayage"))


REGLAGES_DES_TESTS = {
    "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
    # Rate limits are tested on purpose where they matter; elsewhere they would make
    # the suite depend on the order of tests sharing one cache.
    "ACCOUNT_RATE_LIMITS": False,
    # A deliberately slow hasher protects real passwords, not test ones.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


# The longest files of the suite, run first: with ``pytest -n 2 --dist loadfile
# --no-loadscope-reorder`` (make test), each process takes the next file once it is done with
# one, so the last files to start should be short ones, not the sweep of every page in
# Chromium. (xdist's own order, most tests first, would start the browser's files last.)
EN_PREMIER = ("tests/browser/test_balayage.py", "tests/browser/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """After pytest-django's own order (the transactional tests last, which the migrated
    state put back after each of them makes unnecessary: ``django_db_setup``), the longest
    files first, each file's tests still together and in their order."""

    def rang(item: pytest.Item) -> int:
        chemin = item.nodeid.split("::", 1)[0]
        for numero, debut in enumerate(EN_PREMIER):
            if chemin.startswith(debut):
                return numero
        return len(EN_PREMIER)

    items.sort(key=rang)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    for nom, valeur in REGLAGES_DES_TESTS.items():
        setattr(settings, nom, valeur)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, and a copy of what the migrations left in it, that every
    transactional test goes back to after it (tests/etat_migre.py).

    Django ends a transactional test with a flush, which empties the tables the migrations
    filled too (the roles, the territories): the tests that follow would find them empty.
    Django and pytest-django avoid that by running the transactional tests last, in one
    process; here they may run in any order (``pytest -n 2`` spreads the files over two
    processes), so each of them leaves the migrated state behind, as every other test does."""
    from django.test import TransactionTestCase

    from tests.etat_migre import ETAT_MIGRE

    with django_db_blocker.unblock():
        ETAT_MIGRE.prendre()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", lambda self: ETAT_MIGRE.remettre())
        yield


@pytest.fixture(autouse=True, scope="session")
def _fichiers_statiques_lus_une_fois():
    """Every test client loads the middleware again, and WhiteNoise then lists and stats the
    1,350 static files of the finders (~90 ms, more than most tests take). They do not change
    during a run: list them once and hand the same table to every later middleware."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    original = WhiteNoiseMiddleware.add_files_from_finders
    deja: dict[str, object] = {}

    def add_files_from_finders(self: WhiteNoiseMiddleware) -> None:
        if not deja:
            original(self)
            deja.update(self.files)
        else:
            self.files.update(deja)

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders  # type: ignore[method-assign]
    yield
    WhiteNoiseMiddleware.add_files_from_finders = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _cache_vide_apres_les_tests_transactionnels(request, django_db_blocker):
    """The cache is a PostgreSQL table that transactional tests (browser, concurrency) really
    commit to: without this, their rate-limit counters would reach the tests that follow."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactionnel = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactionnel:
        from django.core.cache import cache

        with django_db_blocker.unblock():
            cache.clear()


def contraintes_verifiees() -> None:
    """For a fixture that writes rows for a whole module, once they are written: their
    foreign keys (checked at commit, DEFERRABLE INITIALLY DEFERRED) are checked now.

    Django checks the deferred constraints at the end of each test (``SET CONSTRAINTS ALL
    IMMEDIATE``), inside the test's savepoint; rolling the savepoint back forgets that the
    checks pending since before it were made. Left pending, the module's rows would be
    checked again at the end of every test of the module (a second a test for the 5,000 pages
    of the documentation's volume tests); checked here, once, outside the tests' savepoints,
    they are not pending anymore."""
    from django.db import connection

    connection.check_constraints()


def make_persona(name: str) -> Personne | AnonymousUser:
    if name == "anonyme":
        return AnonymousUser()
    roles, is_staff = PERSONAS[name]
    return cast(
        Personne,
        PersonneFactory(
            email=f"{name}@tilab.test",
            roles=roles,
            is_staff=is_staff,
            first_name=name.capitalize(),
        ),
    )


@pytest.fixture
def persona(db):
    """Factory fixture: ``persona("coordination")`` returns that member of the cast."""
    cache: dict[str, Personne | AnonymousUser] = {}

    def get(name: str) -> Personne | AnonymousUser:
        if name not in cache:
            cache[name] = make_persona(name)
        return cache[name]

    return get


@pytest.fixture
def relais(persona):
    return persona("relais")


@pytest.fixture
def coordination(persona):
    return persona("coordination")


@pytest.fixture
def direction(persona):
    return persona("direction")


@pytest.fixture(scope="session")
def _client_partage():
    # A new Client loads the middleware again, WhiteNoise scanning every static file: the
    # sweeps, which go through every form, share this one.
    return Client()


@pytest.fixture
def client_partage_de(_client_partage, persona):
    """``client_partage_de("relais")``: one client for the whole run, its cookies emptied,
    logged in as that persona (or anonymous)."""

    def get(name: str) -> Client:
        _client_partage.cookies = SimpleCookie()
        if name != "anonyme":
            _client_partage.force_login(persona(name))
        return _client_partage

    return get


@pytest.fixture
def client_de(client, persona):
    """``client_de("relais")`` is a test client logged in as that persona (or anonymous)."""

    def get(name: str):
        user = persona(name)
        if name != "anonyme":
            client.force_login(user)
        return client

    return get


@pytest.fixture(scope="module")
def demo_du_module(django_db_setup, django_db_blocker):
    """The demo data (``manage.py seed_demo``), loaded once for all the tests of a module that
    ask for it: it takes seconds, and a dozen modules' tests only read it. Each test still runs
    in its own savepoint inside the transaction that holds the demo, rolled back after it; the
    demo goes when the module's last test is done."""
    from django.db import transaction

    from tests.etat_migre import DEMO

    with django_db_blocker.unblock(), transaction.atomic():
        # Run once in the session, copied back the next times (tests/etat_migre.py).
        DEMO.charger()
        contraintes_verifiees()
        yield
        transaction.set_rollback(True)
