"""Backing up and restoring the portal: the database (``pg_dump``) and the uploaded files.

A backup is one folder, ``var/sauvegardes/<date>/`` by default::

    base.dump       pg_dump in its custom format (compressed, restored with pg_restore)
    medias.tar.gz   everything under MEDIA_ROOT (empty archive if there is nothing yet)

``make backup`` writes one, ``make restore SAUVEGARDE=<folder>`` puts it back over the
database and the files: the database's objects are dropped and recreated from the dump in one
transaction, the files under MEDIA_ROOT are replaced. The database is the one Django uses
(``DATABASE_URL`` or the project-local server); the PostgreSQL client tools are found as
``tilab.devtools`` finds the server's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

from tilab.devtools import pg_bindir

FICHIER_BASE = "base.dump"
FICHIER_MEDIAS = "medias.tar.gz"


class SauvegardeImpossible(Exception):
    """Said in one French line by the commands: what failed and what to do."""


def _environnement(alias: str = "default") -> dict[str, str]:
    """libpq's variables for the database Django uses (no password on a command line)."""
    reglages: dict[str, Any] = connections[alias].settings_dict
    env = dict(os.environ)
    for variable, cle in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if reglages.get(cle):
            env[variable] = str(reglages[cle])
    return env


def _outil(nom: str) -> str:
    chemin = pg_bindir() / nom
    return str(chemin) if chemin.exists() else nom


def _lancer(argv: list[str], *, env: dict[str, str], quoi: str) -> None:
    # Fixed PostgreSQL client tools; the only variable parts are paths this module chose.
    resultat = subprocess.run(argv, env=env, capture_output=True, text=True)  # noqa: S603
    if resultat.returncode != 0:
        derniere = (resultat.stderr.strip().splitlines() or ["sans message"])[-1]
        raise SauvegardeImpossible(f"{quoi} a échoué : {derniere}")


def sauvegarder(dossier: Path | None = None) -> Path:
    """Write a backup into ``dossier`` (a new dated folder under var/sauvegardes/ by default)
    and return its path."""
    if dossier is None:
        dossier = (
            Path(settings.BASE_DIR)
            / "var"
            / "sauvegardes"
            / datetime.now().strftime("%Y-%m-%d-%H%M%S")
        )
    dossier.mkdir(parents=True, exist_ok=True)
    connections.close_all()
    _lancer(
        [_outil("pg_dump"), "--format=custom", "--no-owner", "--file", str(dossier / FICHIER_BASE)],
        env=_environnement(),
        quoi="La copie de la base (pg_dump)",
    )
    medias = Path(settings.MEDIA_ROOT)
    with tarfile.open(dossier / FICHIER_MEDIAS, "w:gz") as archive:
        if medias.is_dir():
            archive.add(medias, arcname=".")
    return dossier


def restaurer(dossier: Path) -> None:
    """Put the backup in ``dossier`` back: the database as it was, the uploaded files as they
    were. Nothing else may be connected to the database meanwhile."""
    base = dossier / FICHIER_BASE
    archive = dossier / FICHIER_MEDIAS
    if not base.is_file() or not archive.is_file():
        raise SauvegardeImpossible(
            f"« {dossier} » n'est pas une sauvegarde : il y faut {FICHIER_BASE} "
            f"et {FICHIER_MEDIAS}."
        )
    connections.close_all()
    env = _environnement()
    _lancer(
        [
            _outil("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            env.get("PGDATABASE", ""),
            str(base),
        ],
        env=env,
        quoi="La restauration de la base (pg_restore)",
    )
    medias = Path(settings.MEDIA_ROOT)
    if medias.exists():
        shutil.rmtree(medias)
    medias.mkdir(parents=True)
    with tarfile.open(archive, "r:gz") as contenu:
        contenu.extractall(medias, filter="data")
