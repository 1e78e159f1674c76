"""``manage.py sauvegarder [--dossier D]`` (``make backup``): the database and the uploaded
files into one folder (see ``tilab.sauvegarde``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tilab.devtools import SetupError
from tilab.sauvegarde import SauvegardeImpossible, sauvegarder


class Command(BaseCommand):
    help = "Sauvegarde la base et les fichiers téléversés dans un dossier."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossier", type=Path, help="Dossier de la sauvegarde.")

    def handle(self, *args: Any, dossier: Path | None = None, **options: Any) -> None:
        try:
            chemin = sauvegarder(dossier)
        except (SauvegardeImpossible, SetupError) as exc:
            self.stderr.write(f"Erreur : {exc}")
            sys.exit(1)
        self.stdout.write(f"Sauvegarde écrite dans {chemin}/")
