"""Rebuild the search's lexicon (the words « Vouliez-vous dire » offers): ``manage.py
reconstruire_lexique``, each night by cron, or ``--programmer`` to let the task worker do it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tilab import recherche, taches
from tilab.dates import date_francaise


class Command(BaseCommand):
    help = (
        "Reconstruit le lexique de la recherche à partir des textes publics du portail. "
        "À lancer chaque nuit (cron), ou avec --programmer pour que le worker des tâches "
        "s'en charge."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--programmer",
            action="store_true",
            help="Programme la reconstruction de chaque nuit sur le worker des tâches.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["programmer"]:
            quand = taches.programmer_la_nuit_suivante(
                taches.reconstruire_lexique, taches.HEURE_LEXIQUE
            )
            if quand is None:
                self.stdout.write(
                    "Rien à programmer : une reconstruction attend déjà le worker, ou le "
                    "backend de tâches ne sait pas différer une tâche (utilisez alors cron)."
                )
            else:
                self.stdout.write(
                    "Reconstruction programmée : prochain passage le "
                    f"{date_francaise(timezone.localtime(quand), 'j F Y à H:i')}."
                )
            return
        nb = recherche.reconstruire_lexique()
        self.stdout.write(f"Lexique reconstruit : {nb} mots.")
