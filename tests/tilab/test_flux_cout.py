"""What a feed of the registry (tilab.flux) costs: rendered, the same queries for sixty rows of
each kind as for one; from the cache, two queries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from gouvernance.models import StatutSession
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.conftest import REGLAGES_DES_TESTS, contraintes_verifiees, make_persona
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import clore, publier, une_session
from tests.problematiques.factories import ProblematiqueFactory
from tests.tilab.test_flux import NOMS, _entrees, _flux, creer_contenus

pytestmark = pytest.mark.django_db


def _beaucoup(direction) -> None:
    """Sixty rows of each kind, with themes and territories: enough to show a query per row."""
    for i in range(60):
        ProblematiqueFactory(publiee=True)
        CommunauteFactory()
        EvenementFactory()
        ExperimentationFactory()
        une_page(titre=f"Guide {i}")
    session = une_session(grille_publiee(), StatutSession.OUVERTE, nb=12)
    clore(session)
    publier(session, direction, motifs="Porté par le terrain.")


@pytest.fixture(scope="module")
def requetes_du_petit_flux(
    django_db_setup, django_db_blocker
) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """The rows of tests/tilab/test_flux.py, the queries that render each feed at that size
    (each read with an empty cache, in a savepoint rolled back after it, the cache's entry
    with it), then sixty rows of each kind more: made once for the module, whose tests read
    them. Each test runs in its own savepoint inside the transaction that holds them."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Made before each test's own settings: the same ones (its passwords' hasher).
        with override_settings(**REGLAGES_DES_TESTS):
            direction = make_persona("direction")
            creer_contenus(direction)
            client = Client()
            petits = {}
            for nom in NOMS:
                with transaction.atomic(), CaptureQueriesContext(connection) as petit:
                    assert client.get(_flux(nom).url).status_code == 200
                    transaction.set_rollback(True)
                petits[nom] = petit.captured_queries
            _beaucoup(direction)
        contraintes_verifiees()
        yield petits
        transaction.set_rollback(True)


@pytest.mark.parametrize("nom", NOMS)
def test_a_feed_costs_two_queries_from_the_cache_and_the_same_whatever_its_size(
    client, requetes_du_petit_flux, django_assert_num_queries, nom
):
    url = _flux(nom).url
    with CaptureQueriesContext(connection) as grand:
        assert client.get(url).status_code == 200
    # Read now: the next request empties the connection's log that they come from.
    rendu = grand.captured_queries
    assert len(_entrees(client.get(url).content)) > 10
    # Rendered: the same queries for 60 rows as for one.
    assert len(rendu) == len(requetes_du_petit_flux[nom]) > 0
    # From the cache: its fingerprint, then the cache's entry.
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200
