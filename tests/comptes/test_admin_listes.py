"""The back office's list of people reads its page from an index of its order and counts the
people once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import PersonneFactory
from tests.pages import sql_de_la_page

pytestmark = pytest.mark.django_db


def test_the_people_list_is_read_from_its_index_and_counted_once(client_de):
    PersonneFactory.create_batch(3)
    requetes = sql_de_la_page(client_de("direction"), reverse("admin:comptes_personne_changelist"))
    page = next(sql for sql in requetes if 'ORDER BY "comptes_personne"."last_name" ASC' in sql)

    with connection.cursor() as curseur:
        curseur.execute("ANALYZE comptes_personne")
        curseur.execute("SET LOCAL enable_seqscan = off")
        curseur.execute("SET LOCAL enable_sort = off")
        curseur.execute(f"EXPLAIN {page}")
        plan = "\n".join(ligne[0] for ligne in curseur.fetchall())

    assert "personne_ordre_alpha" in plan and "Sort" not in plan, plan
    assert len([sql for sql in requetes if sql.startswith("SELECT COUNT(*)")]) == 1
