"""What the migrations leave in the test database (content types, permissions, the roles and
their permissions, the territories), copied once right after it is created and put back after
each transactional test (``django_db_setup`` in tests/conftest.py).

The live server and the tests of concurrent writes need real commits, hence transactional
tests. Django empties the database after each of them with a flush (a TRUNCATE of every
table), and serialized rollback saves the migrated rows again one by one through the ORM: 0.6 s
a test. Here only the tables a test filled are emptied, and a migrated table is copied back
(COPY) only if the test changed it.
"""

from __future__ import annotations

from django.db import connection


class EtatMigre:
    def __init__(self) -> None:
        # The proxy, not a connection object: with Playwright's event loop running, asgiref
        # hands the test thread new connection objects, and the one of the moment is the one.
        self.connection = connection
        self.tables: list[str] = []
        self.copies: dict[str, bytes] = {}
        self.empreintes: dict[str, str] = {}

    def prendre(self) -> None:
        """Copy every table that has rows: to be called on the database as migrated."""
        self.tables = self.connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        with self.connection.cursor() as cursor:
            for table in self.non_vides():
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copie:
                    self.copies[table] = b"".join(bytes(bloc) for bloc in copie)
        self.empreintes = self.empreintes_actuelles()

    def non_vides(self) -> list[str]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM \"{table}\")"
                    for table in self.tables
                )
            )
            return [ligne[0] for ligne in cursor.fetchall()]

    def empreintes_actuelles(self) -> dict[str, str]:
        """A digest of the rows of each copied table, as they are now."""
        if not self.copies:
            return {}
        with self.connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{table}', "
                    f"md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                    f'FROM "{table}" t'
                    for table in self.copies
                )
            )
            return dict(cursor.fetchall())

    def changees(self) -> list[str]:
        """The copied tables whose rows are no longer the migrated ones."""
        return [t for t, e in self.empreintes_actuelles().items() if e != self.empreintes[t]]

    def vider(self, tables: list[str]) -> None:
        if tables:
            with self.connection.cursor() as cursor:
                cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")

    def remettre(self) -> None:
        """Back to the migrated state, as after a flush and serialized rollback: the tables a
        test filled empty, the migrated ones as migrated, and every id sequence just past the
        highest id (the next row of an empty table gets the id 1)."""
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import transaction

        with transaction.atomic(using=self.connection.alias):
            self.vider([t for t in self.non_vides() if t not in self.copies] + self.changees())
            with self.connection.cursor() as cursor:
                # After the TRUNCATE, whose CASCADE empties whole tables, those pointing at an
                # emptied one included: a migrated table is as migrated, or empty.
                restantes = set(self.non_vides())
                for table in self.copies:
                    if table not in restantes:
                        with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copie:
                            copie.write(self.copies[table])
                # One round trip for the fifty sequences (each statement ends with its ";").
                cursor.execute(
                    "\n".join(self.connection.ops.sequence_reset_sql(no_style(), apps.get_models()))
                )


ETAT_MIGRE = EtatMigre()


class DemoCopiee:
    """The demo (``manage.py seed_demo``) as it lands on the migrated state, for the modules
    that only read it (``demo_du_module``, the browser sweep).

    The first load runs the command, then copies (COPY) every table it filled or changed; the
    next loads, on the migrated state again, put those copies back (some ten times quicker than
    loading it again): the same rows, with the same ids. The tests of the command itself
    (idempotence, ``--once``, its output) still run it."""

    def __init__(self, etat_migre: EtatMigre) -> None:
        self.etat_migre = etat_migre
        self.copies: dict[str, bytes] = {}

    def charger(self) -> None:
        """The demo, on a database in the migrated state (inside a transaction or not)."""
        from io import StringIO

        from django.core.management import call_command
        from django.db import transaction
        from django.test import override_settings

        from tests.conftest import REGLAGES_DES_TESTS

        with transaction.atomic(using=self.etat_migre.connection.alias):
            # On anything else than the migrated state, the command runs, and is not copied.
            sur_l_etat_migre = self._sur_l_etat_migre()
            if self.copies and sur_l_etat_migre:
                self._remettre()
                return
            # Loaded under each test's own settings: the same ones (its passwords' hasher).
            with override_settings(**REGLAGES_DES_TESTS):
                call_command("seed_demo", stdout=StringIO())
            if sur_l_etat_migre:
                self._copier()

    def _sur_l_etat_migre(self) -> bool:
        etat = self.etat_migre
        return set(etat.non_vides()) <= set(etat.copies) and not etat.changees()

    def _copier(self) -> None:
        etat = self.etat_migre
        remplies = [t for t in etat.non_vides() if t not in etat.copies]
        copies = {}
        with etat.connection.cursor() as cursor:
            for table in remplies + etat.changees():
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copie:
                    copies[table] = b"".join(bytes(bloc) for bloc in copie)
        self.copies = copies

    def _remettre(self) -> None:
        from django.apps import apps
        from django.core.management.color import no_style

        etat = self.etat_migre
        tables = ", ".join(f'"{t}"' for t in self.copies)
        with etat.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} CASCADE")
            # The triggers that keep a published text as it is would refuse a published grid's
            # criteria copied after it: these rows are the ones the demo wrote, already checked.
            # (The foreign keys, DEFERRABLE INITIALLY DEFERRED, are still checked, below.)
            for table in self.copies:
                cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            for table, contenu in self.copies.items():
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copie:
                    copie.write(contenu)
            # A migrated table the TRUNCATE emptied by CASCADE, as migrated.
            restantes = set(etat.non_vides())
            for table, contenu in etat.copies.items():
                if table not in restantes and table not in self.copies:
                    with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copie:
                        copie.write(contenu)
            # A table's triggers come back only once its rows' checks are done.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in self.copies:
                cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(
                "\n".join(etat.connection.ops.sequence_reset_sql(no_style(), apps.get_models()))
            )


DEMO = DemoCopiee(ETAT_MIGRE)
