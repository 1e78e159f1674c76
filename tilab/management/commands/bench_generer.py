"""``manage.py bench_generer [--echelle 1] [--si-vide]``: drop the bench database, create it
again, migrate it and fill it with every app's ``bench.generer`` (``tilab/banc/__init__.py``).

Only with the bench setting on (``BENCH=true``: the database is then ``tilab_bench`` or
``BENCH_DATABASE_URL``), and only on a database whose name says "bench": this command deletes
everything in it. ``--si-vide`` (``make bench``) keeps a database that is already generated
and migrated.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import OperationalError, ProgrammingError

from tilab import banc, recherche
from tilab.banc import generation

# Written on the database once it is generated: which scale it holds.
COMMENTAIRE = "Banc de mesure du Ti Lab, échelle {echelle:g}"


def deja_generee(echelle: float) -> bool:
    """Whether the bench database exists, is migrated and holds data of this scale."""
    try:
        with connection.cursor() as curseur:
            curseur.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = current_database()"
            )
            rempli = curseur.fetchone()[0] == COMMENTAIRE.format(echelle=echelle)
        executeur = MigrationExecutor(connection)
        plan = executeur.migration_plan(executeur.loader.graph.leaf_nodes())
    except (OperationalError, ProgrammingError):
        return False
    finally:
        connection.close()
    return rempli and not plan


class Command(BaseCommand):
    help = "Recrée la base du banc de mesure et la remplit d'un grand jeu de données réaliste."
    # The checks reach the database, which may not exist yet: migrate runs them once it does.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--echelle",
            type=float,
            default=1.0,
            help="1 pour le jeu complet (20 000 problématiques…), 0.1 pour un dixième.",
        )
        parser.add_argument(
            "--si-vide",
            action="store_true",
            help="Ne fait rien si la base du banc est déjà générée et migrée.",
        )

    def handle(self, *args: Any, echelle: float, si_vide: bool = False, **options: Any) -> None:
        nom = generation.base_du_banc()
        if si_vide and deja_generee(echelle):
            self.stdout.write(
                f"Base du banc « {nom} » déjà générée (BENCH_REGENERER=1 pour la refaire)."
            )
            return
        debut = time.monotonic()
        self.stdout.write(f"Base du banc « {nom} » : suppression, création, migrations…")
        self._recreer(nom)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        self.stdout.write(f"Génération à l'échelle {echelle:g} :")
        generation.generer(echelle, afficher=self.stdout.write)
        self.stdout.write(f"Lexique de la recherche : {recherche.reconstruire_lexique()} mots.")
        with connection.cursor() as curseur:
            # As a database that has lived: statistics and visibility maps up to date.
            curseur.execute("VACUUM (ANALYZE)")
            commentaire = COMMENTAIRE.format(echelle=echelle).replace("'", "''")
            curseur.execute(f"COMMENT ON DATABASE \"{nom}\" IS '{commentaire}'")
        comptes: dict[str, int] = {}
        for compter in banc.fonctions("compter"):
            comptes |= compter()
        self.stdout.write(
            "  " + ", ".join(f"{n:_} {quoi}".replace("_", "\u202f") for quoi, n in comptes.items())
        )
        self.stdout.write(
            self.style.SUCCESS(f"Base du banc générée en {time.monotonic() - debut:.0f} s.")
        )

    def _recreer(self, nom: str) -> None:
        connections.close_all()
        # Django's own way to reach the server without the database (its test runner's).
        with connections[DEFAULT_DB_ALIAS]._nodb_cursor() as curseur:
            curseur.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')
            curseur.execute(f'CREATE DATABASE "{nom}"')
