"""``manage.py verifier_migrations``: stop early, in one line, on a database made by migrations
that no longer exist (the project's migrations were regenerated when the accounts moved to
``tilab.comptes``). ``make run`` and ``make test`` call it before ``migrate``."""

from __future__ import annotations

import sys
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.loader import MigrationLoader


def migrations_disparues() -> list[str]:
    """Migrations of the project's apps recorded as applied but absent from the code."""
    racine = str(settings.BASE_DIR)
    labels = {c.label for c in apps.get_app_configs() if c.path.startswith(racine)}
    # Apps that existed before and are gone count as the project's too.
    labels |= {"communautes", "problematiques"}
    chargeur = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(
        f"{app}.{nom}"
        for app, nom in chargeur.applied_migrations
        if app in labels and (app, nom) not in chargeur.disk_migrations
    )


class Command(BaseCommand):
    help = "Vérifie que la base a été créée par les migrations actuelles du projet."

    def handle(self, *args: Any, **options: Any) -> None:
        disparues = migrations_disparues()
        if disparues:
            self.stderr.write(
                "Erreur : cette base a été créée par d'anciennes migrations "
                f"({', '.join(disparues[:3])}{'…' if len(disparues) > 3 else ''}) ; "
                "recréez-la avec « make reset » (la démonstration sera rechargée par make run)."
            )
            sys.exit(1)
