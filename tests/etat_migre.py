"""What the migrations leave in the test database (content types, permissions, the roles and
their permissions, the territories), copied once right after it is created (tests/conftest.py)
and put back after each browser test (tests/browser/conftest.py).

The live server needs real commits, hence transactional tests. Django empties the database
after each of them with a flush (a TRUNCATE of every table), and serialized rollback saves the
migrated rows again one by one through the ORM: 0.6 s a test. Here only the tables a test
filled are emptied, and a migrated table is copied back (COPY) only if the test changed it.
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
