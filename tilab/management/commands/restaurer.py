"""``manage.py restaurer DOSSIER`` (``make restore SAUVEGARDE=DOSSIER``): put a backup made by
``sauvegarder`` back over the database and the uploaded files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tilab.devtools import SetupError
from tilab.sauvegarde import SauvegardeImpossible, restaurer


class Command(BaseCommand):
    help = "Restaure une sauvegarde (base et fichiers téléversés) faite par « sauvegarder »."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dossier", type=Path, help="Dossier de la sauvegarde.")

    def handle(self, *args: Any, dossier: Path, **options: Any) -> None:
        try:
            restaurer(dossier)
        except (SauvegardeImpossible, SetupError) as exc:
            self.stderr.write(f"Erreur : {exc}")
            sys.exit(1)
        self.stdout.write(f"Sauvegarde {dossier}/ restaurée.")
