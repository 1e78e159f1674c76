"""The driver of ``make bench``: serve the portal with gunicorn, drive it over HTTP with
ApacheBench (``ab``), one page after the other, and collect a :class:`~tilab.banc.rapport.Mesure`
for each.

The machine may be shared (other test suites, other services): the CPU time that gunicorn's
workers and the local PostgreSQL spent per request is measured too, from ``/proc``, and does
not depend on what else runs.

Why ``ab``: it is Apache httpd's own tool, packaged by Debian (``apache2-utils``), written in C
so that the load it drives costs little CPU next to the server on a small machine; it sends an
exact number of requests or stops at a time limit (``-n``, ``-t``), waits for a slow response
up to its own timeout (``-s``), takes a session cookie (``-C``), and writes the duration of
every request (``-g``). wrk needs a Lua script for a 95th percentile, and locust, in Python,
would take from the server the CPU it measures.

Each page: one check request (status, size, the ``X-Nb-Requetes`` header that the bench's
middleware adds), a warm-up of every worker when the page is fast, then a run at concurrency 1
for the latencies and one at concurrency 4 for the throughput, each bounded by a number of
requests and a time budget, so that a page of ten seconds is reported slow, not waited on.
"""

from __future__ import annotations

import http.client
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tilab.banc import Page
from tilab.banc.middleware import ENTETE
from tilab.banc.rapport import Mesure


class ErreurBanc(Exception):
    """Something the person running the bench must fix; its message is one French line."""


@dataclass(frozen=True)
class Budget:
    """How much each run of a page may take: requests at most, seconds at most (a run always
    waits for the requests under way), and the timeout of one request."""

    requetes_c1: int = 100
    secondes_c1: int = 5
    requetes_c4: int = 1000
    secondes_c4: int = 3
    delai: int = 180


# --- One HTTP request -----------------------------------------------------------------------


@dataclass(frozen=True)
class Reponse:
    statut: int
    corps: bytes
    entetes: dict[str, str]
    secondes: float


def requete(url: str, *, cookie: str = "", compression: bool = False) -> Reponse:
    """GET ``url`` the way the bench's load does (a new connection), timed."""
    morceaux = urlsplit(url)
    entetes = {"Cookie": cookie} if cookie else {}
    if compression:
        entetes["Accept-Encoding"] = "gzip, br"
    connexion = http.client.HTTPConnection(morceaux.hostname or "", morceaux.port, timeout=120)
    debut = time.perf_counter()
    try:
        chemin = morceaux.path + (f"?{morceaux.query}" if morceaux.query else "")
        connexion.request("GET", chemin, headers=entetes)
        reponse = connexion.getresponse()
        corps = reponse.read()
    finally:
        connexion.close()
    return Reponse(
        reponse.status,
        corps,
        {k.lower(): v for k, v in reponse.getheaders()},
        time.perf_counter() - debut,
    )


# --- ApacheBench ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultatAb:
    completes: int
    echecs: int  # connection or read errors (ab -l: a varying length is not one)
    hors_2xx: int
    par_seconde: float
    durees_ms: list[int]  # of every request, sorted (ab -g: whole milliseconds)

    def percentile(self, p: float) -> float | None:
        """Nearest-rank percentile of the durations. (ab's own -e table reads past its data
        when a time limit stopped the run early, hence -g and this.)"""
        if not self.durees_ms:
            return None
        rang = max(1, math.ceil(p / 100 * len(self.durees_ms)))
        return float(self.durees_ms[rang - 1])


def lire_ab(sortie: str, gnuplot: str = "") -> ResultatAb:
    """Read ``ab``'s report and its ``-g`` file (one line per request, ``ttime`` the total)."""

    def valeur(motif: str, defaut: str = "0") -> str:
        trouve = re.search(motif, sortie)
        return trouve.group(1) if trouve else defaut

    lignes = gnuplot.splitlines()
    durees: list[int] = []
    if lignes:
        colonne = lignes[0].split("\t").index("ttime")
        durees = sorted(int(ligne.split("\t")[colonne]) for ligne in lignes[1:] if ligne)
    return ResultatAb(
        completes=int(valeur(r"Complete requests:\s+(\d+)")),
        echecs=int(valeur(r"Failed requests:\s+(\d+)")),
        hors_2xx=int(valeur(r"Non-2xx responses:\s+(\d+)")),
        par_seconde=float(valeur(r"Requests per second:\s+([\d.]+)")),
        durees_ms=durees,
    )


def ab(
    url: str,
    *,
    concurrence: int,
    requetes: int,
    secondes: int | None,
    delai: int,
    cookie: str = "",
) -> ResultatAb:
    """Run ``ab`` on ``url``: at most ``requetes`` requests, and at most ``secondes`` seconds
    if given. (At a time limit, ab drops the requests under way: a page slower than the limit
    must be run with a number of requests only.)"""
    with tempfile.NamedTemporaryFile("r", suffix=".tsv") as fichier:
        commande = ["ab", "-q", "-r", "-l", "-c", str(concurrence)]
        if secondes is not None:
            # -t first: it sets -n to 50000, which the -n after it then lowers.
            commande += ["-t", str(secondes)]
        commande += ["-n", str(requetes), "-s", str(delai), "-g", fichier.name]
        if cookie:
            commande += ["-C", cookie]
        termine = subprocess.run([*commande, url], capture_output=True, text=True, check=False)
        if termine.returncode != 0 and "Complete requests" not in termine.stdout:
            derniere = (termine.stderr or termine.stdout).strip().splitlines()
            raise ErreurBanc(derniere[-1] if derniere else f"ab : code {termine.returncode}")
        return lire_ab(termine.stdout, Path(fichier.name).read_text())


def verifier_ab() -> None:
    if shutil.which("ab") is None:
        raise ErreurBanc(
            "ab est introuvable : installez le paquet Debian apache2-utils "
            "(make bench l'installe quand il tourne en root)."
        )


# --- The server ------------------------------------------------------------------------------


def enfants(ppid: int) -> list[int]:
    """The pids of the processes whose parent is ``ppid``."""
    trouves = []
    for entree in Path("/proc").iterdir():
        if not entree.name.isdigit():
            continue
        try:
            statut = (entree / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …": the command may hold spaces, the ppid follows ")".
        if int(statut.rsplit(")", 1)[1].split()[1]) == ppid:
            trouves.append(int(entree.name))
    return trouves


def cpu_arbre(pid: int) -> float:
    """CPU seconds (user and system) used so far by a process, its children that ended (the
    kernel adds them to their parent once reaped) and its running children: between two
    readings, a database connection or a parallel worker that ended in between is counted,
    not lost."""

    def temps(p: int) -> float:
        try:
            champs = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        # utime, stime, cutime, cstime: fields 14 to 17 of proc_pid_stat(5), in clock ticks.
        return sum(int(c) for c in champs[11:15]) / os.sysconf("SC_CLK_TCK")

    return temps(pid) + sum(temps(enfant) for enfant in enfants(pid))


def postmaster_local(hote: str) -> int | None:
    """The pid of the project-local PostgreSQL (``make db``) when ``hote`` is its socket
    directory; ``None`` for another server, whose CPU the bench cannot see."""
    fichier = Path(hote or "/nonexistent") / "data" / "postmaster.pid"
    try:
        return int(fichier.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


@dataclass
class Serveur:
    url: str
    processus: subprocess.Popen[bytes]
    nb_workers: int
    postmaster: int | None = None

    def workers(self) -> list[int]:
        """The pids of the gunicorn workers: the children of the master process."""
        return enfants(self.processus.pid)

    def cpu(self) -> tuple[float, float]:
        """CPU seconds used so far by gunicorn and its workers, and by the local PostgreSQL
        with its connections and background processes (0 for another server)."""
        base = cpu_arbre(self.postmaster) if self.postmaster is not None else 0.0
        return cpu_arbre(self.processus.pid), base

    def rss_max_mo(self) -> float | None:
        """The peak resident memory (VmHWM) of the largest worker, in megabytes."""
        pics = []
        for pid in self.workers():
            try:
                texte = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            trouve = re.search(r"VmHWM:\s+(\d+) kB", texte)
            if trouve:
                pics.append(int(trouve.group(1)) / 1024)
        return max(pics) if pics else None


@contextmanager
def servir(
    port: int, nb_workers: int, journal: Path, *, postmaster: int | None = None
) -> Iterator[Serveur]:
    """gunicorn with the current environment (the Makefile sets DEBUG off, a SECRET_KEY, the
    bench setting), stopped when the block ends, whatever happens."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    journal.parent.mkdir(parents=True, exist_ok=True)
    # Something already answering there would be measured instead of the bench's server. (A
    # bind test would also refuse the port while the last run's connections linger.)
    with socket.socket() as sonde:
        if sonde.connect_ex(("127.0.0.1", port)) == 0:
            raise ErreurBanc(
                f"le port {port} est déjà utilisé : arrêtez l'autre serveur ou choisissez-en "
                "un autre (BENCH_PORT=8078 make bench)."
            )
    commande = [
        str(gunicorn),
        "tilab.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(nb_workers),
        # A slow page must be reported slow: give it time to answer (ab waits Budget.delai).
        "--timeout",
        "240",
        "--graceful-timeout",
        "5",
        "--error-logfile",
        str(journal),
    ]
    with open(journal, "ab") as sortie:
        processus = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
            commande, stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True
        )
    serveur = Serveur(f"http://127.0.0.1:{port}", processus, nb_workers, postmaster)
    try:
        _attendre(serveur, journal)
        yield serveur
    finally:
        _arreter(processus)


def _attendre(serveur: Serveur, journal: Path) -> None:
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        if serveur.processus.poll() is not None:
            fin = journal.read_text(errors="replace").strip().splitlines()[-5:]
            raise ErreurBanc("gunicorn s'est arrêté au démarrage : " + " / ".join(fin))
        try:
            requete(serveur.url + "/")
            # Every worker has started once the master has its full count of children.
            if len(serveur.workers()) >= serveur.nb_workers:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise ErreurBanc(f"gunicorn ne répond pas sur {serveur.url} après 60 s (journal : {journal}).")


def _arreter(processus: subprocess.Popen[bytes]) -> None:
    if processus.poll() is not None:
        return
    processus.send_signal(signal.SIGTERM)
    try:
        processus.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(processus.pid, signal.SIGKILL)
        processus.wait()


# --- Measuring ------------------------------------------------------------------------------


def mesurer_page(
    serveur: Serveur, page: Page, *, cookie: str = "", budget: Budget = Budget()
) -> Mesure:
    """Check the page once, then time it at concurrency 1 and 4 within the budget."""
    mesure = Mesure(page.cle, page.chemin, page.nature.value, page.persona)
    url = serveur.url + page.chemin
    try:
        premiere = requete(url, cookie=cookie)
        mesure.statut = premiere.statut
        mesure.octets = len(premiere.corps)
        if ENTETE.lower() in premiere.entetes:
            mesure.requetes_sql = int(premiere.entetes[ENTETE.lower()])
        if premiere.statut != 200:
            mesure.erreur = f"réponse {premiere.statut}"
            return mesure
        duree = requete(url, cookie=cookie).secondes
        if duree < 0.5:
            # A round on every worker first, so that none is timed cold.
            n = 2 * serveur.nb_workers
            ab(url, concurrence=serveur.nb_workers, requetes=n, secondes=10, delai=budget.delai,
               cookie=cookie)  # fmt: skip
        if duree * 4 < budget.secondes_c4:
            c1 = ab(url, concurrence=1, requetes=budget.requetes_c1,
                    secondes=budget.secondes_c1, delai=budget.delai, cookie=cookie)  # fmt: skip
            avant = serveur.cpu()
            c4 = ab(url, concurrence=4, requetes=budget.requetes_c4,
                    secondes=budget.secondes_c4, delai=budget.delai, cookie=cookie)  # fmt: skip
        else:
            # A slow page: as many requests as the budget holds, one at least for each
            # concurrent client, each waited for.
            c1 = ab(url, concurrence=1, requetes=max(1, int(budget.secondes_c1 // duree)),
                    secondes=None, delai=budget.delai, cookie=cookie)  # fmt: skip
            avant = serveur.cpu()
            c4 = ab(url, concurrence=4, requetes=4 * max(1, int(budget.secondes_c4 // duree)),
                    secondes=None, delai=budget.delai, cookie=cookie)  # fmt: skip
        mesure.n_c1 = c1.completes
        mesure.p50_ms, mesure.p95_ms = c1.percentile(50), c1.percentile(95)
        if c4.completes:
            web, base = serveur.cpu()
            # Below zero, a process ended whose time the kernel had not yet given to its
            # parent: the figure is unknown rather than wrong.
            if web >= avant[0] and base >= avant[1]:
                mesure.cpu_ms = (web + base - sum(avant)) * 1000 / c4.completes
                if serveur.postmaster is not None:
                    mesure.cpu_base_ms = (base - avant[1]) * 1000 / c4.completes
        else:
            mesure.erreur = f"aucune réponse en {budget.delai} s à la concurrence 4"
        mesure.n_c4 = c4.completes
        mesure.debit_c4 = c4.par_seconde
        if c1.hors_2xx or c4.hors_2xx or c1.echecs or c4.echecs:
            mesure.erreur = (
                f"{c1.hors_2xx + c4.hors_2xx} réponse(s) hors 2xx, {c1.echecs + c4.echecs} échec(s)"
            )
    except (OSError, ErreurBanc) as exc:
        mesure.erreur = f"erreur : {exc}"
    return mesure


def poids_accueil(serveur: Serveur) -> dict[str, float]:
    """The home page and the style sheets it links, in kilobytes as sent to a browser that
    accepts compression (whitenoise serves the compressed copy of static files)."""
    accueil = requete(serveur.url + "/", compression=True)
    poids = {"/": len(accueil.corps) / 1024}
    html = accueil.corps.decode(errors="replace")
    for balise in re.findall(r"<link[^>]+>", html):
        if 'rel="stylesheet"' not in balise:
            continue
        trouve = re.search(r'href="([^"]+)"', balise)
        if trouve:
            chemin = urlsplit(urljoin(serveur.url + "/", trouve.group(1))).path
            feuille = requete(serveur.url + chemin, compression=True)
            poids[chemin] = len(feuille.corps) / 1024
    return poids
