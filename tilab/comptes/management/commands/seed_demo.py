"""``manage.py seed_demo [--once]``: load the demonstration data of every app.

Each project app may have a ``demo`` module with a ``charger()`` function that creates or puts
back its demo rows, keyed on stable identifiers so that loading twice changes nothing. They run
in ``INSTALLED_APPS`` order, which follows the layers of the project (accounts first).
An app's demo may therefore use the demo rows of the apps below it (the communities of
interest are formed around the demo problems).

``--once`` (used by ``make run``) loads only if the demo is not there yet. Either way the
command ends by printing the demo accounts, so that whoever starts the portal can log in.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tilab.comptes import demo


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent) et affiche les comptes de démo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Ne charge rien si la démo est déjà chargée (utilisé par make run).",
        )

    def handle(self, *args: Any, once: bool = False, **options: Any) -> None:
        if once and demo.est_chargee():
            self.stdout.write("Données de démonstration déjà chargées.")
        else:
            with transaction.atomic():
                for module in _modules_demo():
                    module.charger()
            self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self._afficher_comptes()

    def _afficher_comptes(self) -> None:
        lignes = [("Adresse électronique", "Rôle", "Mot de passe"), *demo.tableau_comptes()]
        largeurs = [max(len(ligne[i]) for ligne in lignes) for i in range(3)]
        self.stdout.write("")
        self.stdout.write("Comptes de démonstration (adresse vérifiée) :")
        for n, ligne in enumerate(lignes):
            self.stdout.write(
                (
                    "  " + "  ".join(v.ljust(w) for v, w in zip(ligne, largeurs, strict=True))
                ).rstrip()
            )
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in largeurs))


def _modules_demo() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        nom = f"{config.name}.demo"
        # Only the project's own apps: third-party packages may have unrelated "demo" modules.
        if not config.path.startswith(str(_racine_projet())):
            continue
        if find_spec(nom) is not None:
            module = import_module(nom)
            if hasattr(module, "charger"):
                modules.append(module)
    return modules


def _racine_projet() -> str:
    from django.conf import settings

    return str(settings.BASE_DIR)
