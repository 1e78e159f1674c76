"""Daily upkeep of commitments, for cron: ``manage.py entretenir_engagements``.

Ends the commitments whose end date has passed and e-mails those ending within two weeks
(once). ``--programmer`` instead starts the chain of daily runs on the task worker.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from communautes import taches
from communautes.services import engagements as services_engagements
from tilab.dates import date_francaise


class Command(BaseCommand):
    help = (
        "Termine les engagements arrivés à leur date de fin et envoie les rappels deux "
        "semaines avant la fin. À lancer chaque jour (cron), ou avec --programmer pour que "
        "le worker des tâches s'en charge chaque nuit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--programmer",
            action="store_true",
            help="Programme l'entretien quotidien sur le worker des tâches (manage.py "
            "db_worker) au lieu de le lancer maintenant.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["programmer"]:
            quand = taches.programmer_prochain_passage()
            if quand is None:
                self.stdout.write(
                    "Rien à programmer : un entretien attend déjà le worker, ou le backend "
                    "de tâches ne sait pas différer une tâche (utilisez alors cron)."
                )
            else:
                self.stdout.write(
                    "Entretien quotidien programmé : prochain passage le "
                    f"{date_francaise(timezone.localtime(quand), 'j F Y à H:i')}."
                )
            return
        resultat = services_engagements.engagements_entretien_quotidien()
        termines, rappels = resultat["termines"], resultat["rappels"]
        self.stdout.write(
            f"{termines} engagement{'s' if termines > 1 else ''} "
            f"terminé{'s' if termines > 1 else ''} à leur date de fin, "
            f"{rappels} rappel{'s' if rappels > 1 else ''} "
            f"envoyé{'s' if rappels > 1 else ''}."
        )
