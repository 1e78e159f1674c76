"""``manage.py bench_mesurer``: serve the bench database with gunicorn, time every page that the
apps' ``bench.pages`` list (and the baseline), print one table, write it as JSON in
``var/bench/``, stop the server.

Run by ``make bench`` with the settings of production (DEBUG off, a SECRET_KEY for the run,
ALLOWED_HOSTS) and the bench setting on; see ``tilab/banc/mesure.py`` for how each page is
measured and ``tilab/banc/rapport.py`` for the table.
"""

from __future__ import annotations

import json
import os
import platform
import re
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.utils import timezone

from tilab import banc
from tilab.banc import Donnees, generation, mesure
from tilab.banc.rapport import (
    Resultat,
    abreger,
    depuis_json,
    en_json,
    evaluer,
    nombre,
    tableau,
)


class Command(BaseCommand):
    help = "Mesure chaque page du portail servi par gunicorn sur la base du banc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8077)))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)),
            help="Workers gunicorn (par défaut 2 × processeurs + 1, comme le conseille gunicorn).",
        )
        parser.add_argument(
            "--secondes", type=int, default=5, help="Temps maximal d'une série à concurrence 1."
        )
        parser.add_argument(
            "--relire",
            metavar="FICHIER",
            help="Imprime le tableau d'une séance passée (var/bench/….json) sans rien mesurer.",
        )
        parser.add_argument(
            "--seulement",
            default="",
            help="Ne mesure que les pages dont le chemin contient ce texte, ou l'un de ces "
            "textes séparés par des virgules (et le témoin).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Stopped from outside: still stop the server on the way out (the finally of servir).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        if options["relire"]:
            donnees_json = json.loads(Path(options["relire"]).read_text(encoding="utf-8"))
            self.stdout.write(tableau(evaluer(depuis_json(donnees_json))))
            return
        generation.base_du_banc()
        if settings.DEBUG:
            raise CommandError("Le banc mesure le portail comme en production : DEBUG=false.")
        try:
            mesure.verifier_ab()
        except mesure.ErreurBanc as exc:
            raise CommandError(str(exc)) from None
        donnees = Donnees(personas=personas())
        pages = [
            banc.TEMOIN,
            *(
                p
                for p in banc.toutes_les_pages(donnees)
                if any(texte in p.chemin for texte in options["seulement"].split(","))
            ),
            # Once more at the end: how much the machine's load moved during the run.
            replace(banc.TEMOIN, libelle="témoin, en fin de série"),
        ]
        cookies = {
            nom: f"{settings.SESSION_COOKIE_NAME}={cle}" for nom, cle in sessions(donnees).items()
        }
        comptes: dict[str, int] = {}
        for compter in banc.fonctions("compter"):
            comptes |= compter()
        machine = decrire_machine(options["workers"])
        charge_debut = charge()
        connections.close_all()
        budget = mesure.Budget(secondes_c1=options["secondes"])
        sortie = Path(settings.BASE_DIR) / "var" / "bench"
        self.stdout.write(
            f"{len(pages)} pages, {options['workers']} workers gunicorn sur le port "
            f"{options['port']} ; chaque page : concurrence 1 puis 4."
        )
        mesures = []
        try:
            with mesure.servir(
                options["port"],
                options["workers"],
                sortie / "gunicorn.log",
                postmaster=mesure.postmaster_local(str(settings.DATABASES["default"]["HOST"])),
            ) as serveur:
                for n, page in enumerate(pages, start=1):
                    cookie = cookies.get(page.persona or "", "")
                    resultat_page = mesure.mesurer_page(serveur, page, cookie=cookie, budget=budget)
                    mesures.append(resultat_page)
                    self.stdout.write(
                        f"  {n:>3}/{len(pages)} {abreger(page.cle)[:70]:<70} "
                        f"p95 {nombre(resultat_page.p95_ms, 0):>6} ms "
                        f"{nombre(resultat_page.debit_c4):>7} req/s {resultat_page.erreur}"
                    )
                rss = serveur.rss_max_mo()
                poids = mesure.poids_accueil(serveur)
        except mesure.ErreurBanc as exc:
            raise CommandError(str(exc)) from None
        machine["charge au début / à la fin (loadavg 1 min)"] = f"{charge_debut} / {charge()}"
        resultat = evaluer(
            Resultat(
                mesures=mesures,
                machine=machine,
                donnees=comptes,
                rss_worker_mo=rss,
                nb_workers=options["workers"],
                processeurs=os.cpu_count() or 1,
                accueil_ko=sum(poids.values()),
                detail_accueil=poids,
            )
        )
        texte = tableau(resultat)
        self.stdout.write("")
        self.stdout.write(texte)
        sortie.mkdir(parents=True, exist_ok=True)
        horodatage = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        contenu = json.dumps(en_json(resultat), ensure_ascii=False, indent=2)
        (sortie / f"bench-{horodatage}.json").write_text(contenu, encoding="utf-8")
        (sortie / "dernier.json").write_text(contenu, encoding="utf-8")
        (sortie / "dernier.md").write_text(texte + "\n", encoding="utf-8")
        self.stdout.write(f"\nRésultats : {sortie / 'dernier.json'} et {sortie / 'dernier.md'}")


def personas() -> dict[str, Any]:
    modele = get_user_model()
    trouves = {p.email: p for p in modele.objects.filter(email__in=banc.PERSONAS.values())}
    manquants = [email for email in banc.PERSONAS.values() if email not in trouves]
    if manquants:
        raise CommandError(
            f"Personas absents de la base du banc ({', '.join(manquants)}) : régénérez-la "
            "(BENCH_REGENERER=1 make bench)."
        )
    return {nom: trouves[email] for nom, email in banc.PERSONAS.items()}


def sessions(donnees: Donnees) -> dict[str, str]:
    """A session for each persona, written as django.contrib.auth's login() would: signed
    with this run's SECRET_KEY, which the served portal shares. Returns the session keys."""
    cles = {}
    for nom, personne in donnees.personas.items():
        session = SessionStore()
        session[SESSION_KEY] = str(personne.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = personne.get_session_auth_hash()
        session.create()
        cles[nom] = str(session.session_key)
    return cles


def decrire_machine(workers: int) -> dict[str, Any]:
    modele = ""
    try:
        trouve = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        modele = trouve.group(1).strip() if trouve else ""
    except OSError:
        pass
    memoire = ""
    try:
        trouve = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        memoire = f"{int(trouve.group(1)) / 1024 / 1024:.0f} Go" if trouve else ""
    except OSError:
        pass
    with connection.cursor() as curseur:
        curseur.execute("SHOW server_version")
        version_pg = curseur.fetchone()[0]
    return {
        "date": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "processeurs (nproc)": os.cpu_count(),
        "modèle": modele,
        "mémoire": memoire,
        "workers gunicorn": workers,
        "PostgreSQL": version_pg,
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "commit": _commit(),
    }


def charge() -> str:
    """The machine's load average over the last minute: other work shares its processors."""
    try:
        return Path("/proc/loadavg").read_text().split()[0].replace(".", ",")
    except (OSError, IndexError):
        return "?"


def _commit() -> str:
    try:
        court = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True, cwd=settings.BASE_DIR,
        ).stdout.strip()  # fmt: skip
        modifie = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, check=True, cwd=settings.BASE_DIR,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return ""
    return court + (" (modifié)" if modifie else "")
