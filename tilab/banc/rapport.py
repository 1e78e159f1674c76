"""The bench's results: one measure per page, checked against the targets, printed as one
table (Markdown, so that it goes into the README as it is) and written as JSON.

Nothing here fails: a missed target is marked ``✗`` in the table and listed in the JSON.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from tilab.banc import (
    OBJECTIF_ACCUEIL_KO,
    OBJECTIF_P95_MS,
    OBJECTIF_RSS_MO,
    OBJECTIFS_DEBIT,
    Nature,
)

RATE = "✗"


@dataclass
class Mesure:
    """What the bench measured of one page."""

    cle: str  # how the table names it (tilab.banc.Page.cle)
    chemin: str
    nature: str
    persona: str | None = None
    statut: int | None = None  # HTTP status of the check request
    octets: int | None = None  # body sent for the check request
    requetes_sql: int | None = None  # X-Nb-Requetes of the check request
    p50_ms: float | None = None  # concurrency 1
    p95_ms: float | None = None
    n_c1: int = 0  # requests timed at concurrency 1
    debit_c4: float | None = None  # requests per second at concurrency 4
    n_c4: int = 0
    ratio_temoin: float | None = None  # debit_c4 / the baseline's debit_c4
    # CPU of gunicorn's workers and the local PostgreSQL per request at concurrency 4: what the
    # page costs whatever else the machine runs.
    cpu_ms: float | None = None
    cpu_base_ms: float | None = None  # the part of cpu_ms spent in PostgreSQL
    erreur: str = ""  # why the page could not be measured, if it could not
    ecarts: list[str] = field(default_factory=list)  # missed targets


@dataclass
class Resultat:
    mesures: list[Mesure]
    machine: dict[str, Any] = field(default_factory=dict)
    donnees: dict[str, int] = field(default_factory=dict)  # rows by kind in the bench database
    rss_worker_mo: float | None = None  # peak RSS (VmHWM) of the largest gunicorn worker
    nb_workers: int = 0
    accueil_ko: float | None = None  # the home page with its style sheets, as sent
    detail_accueil: dict[str, float] = field(default_factory=dict)  # URL -> kilobytes
    ecarts: list[str] = field(default_factory=list)  # missed targets outside the table
    processeurs: int = 0
    # Requests per second the machine's processors could serve if they did nothing else, from
    # the CPU each request took: the baseline, the median page, the costliest page.
    capacite: dict[str, float] = field(default_factory=dict)


def evaluer(resultat: Resultat) -> Resultat:
    """Fill each measure's ratio to the baseline and every missed target, in place."""
    # The baseline is measured first and last: its best throughput is what the machine gives
    # when nothing else disturbs it, and every page is compared to that.
    temoins = [m for m in resultat.mesures if m.nature == Nature.TEMOIN and m.debit_c4]
    temoin = max(temoins, key=lambda m: m.debit_c4 or 0.0, default=None)
    base = temoin.debit_c4 if temoin else None
    for m in resultat.mesures:
        m.ecarts = []
        if (m.cpu_ms or 0) < 0 or (m.cpu_base_ms or 0) < 0:
            # Written by a run before the driver knew it (see mesure.mesurer_page): unknown.
            m.cpu_ms = m.cpu_base_ms = None
        if m.erreur:
            m.ecarts.append(m.erreur)
        if m.p95_ms is not None and m.p95_ms > OBJECTIF_P95_MS:
            m.ecarts.append(f"p95 > {OBJECTIF_P95_MS:.0f} ms")
        if base and m.debit_c4 is not None:
            m.ratio_temoin = m.debit_c4 / base
            objectif = OBJECTIFS_DEBIT.get(Nature(m.nature))
            if objectif is not None and m.ratio_temoin < objectif:
                m.ecarts.append(f"débit < {objectif:.0%} du témoin".replace("%", " %"))
    resultat.capacite = {}
    cpu = sorted(
        (m.cpu_ms, m.cle) for m in resultat.mesures if m.cpu_ms and m.nature != Nature.TEMOIN
    )
    if resultat.processeurs and cpu:
        par_seconde = 1000 * resultat.processeurs
        if temoin and temoin.cpu_ms:
            resultat.capacite["témoin"] = par_seconde / temoin.cpu_ms
        resultat.capacite["page médiane"] = par_seconde / cpu[len(cpu) // 2][0]
        resultat.capacite[f"la plus chère, {cpu[-1][1]}"] = par_seconde / cpu[-1][0]
    resultat.ecarts = []
    if resultat.rss_worker_mo is not None and resultat.rss_worker_mo > OBJECTIF_RSS_MO:
        resultat.ecarts.append(f"mémoire d'un worker > {OBJECTIF_RSS_MO:.0f} Mo")
    if resultat.accueil_ko is not None and resultat.accueil_ko > OBJECTIF_ACCUEIL_KO:
        resultat.ecarts.append(f"accueil et CSS > {OBJECTIF_ACCUEIL_KO:.0f} Ko")
    return resultat


def nombre(valeur: float | None, decimales: int = 1) -> str:
    """French: a decimal comma, thousands grouped by a narrow space; "—" when unknown."""
    if valeur is None:
        return "—"
    texte = f"{valeur:,.{decimales}f}".replace(",", "\u202f").replace(".", ",")
    return texte


def abreger(cle: str, longueur: int = 24) -> str:
    """The page's name with its long slugs cut, so that the table stays readable."""
    return re.sub(
        rf"[^/?&=.\s]{{{longueur + 1},}}", lambda m: m.group(0)[: longueur - 4] + "…", cle
    )


def tableau(resultat: Resultat) -> str:
    """The table of every page, then the lines of the worker, the home page and the machine."""
    entetes = ["Page", "nature", "p50 ms", "p95 ms", "req/s ×4", "/ témoin", "CPU ms",
               "dont base", "SQL", "Ko", "écarts"]  # fmt: skip
    lignes = []
    for m in resultat.mesures:
        p95_rate = any(e.startswith("p95") for e in m.ecarts)
        debit_rate = any(e.startswith("débit") for e in m.ecarts)
        ratio = None if m.ratio_temoin is None else m.ratio_temoin * 100
        lignes.append(
            [
                abreger(m.cle).replace("|", "\\|"),
                m.nature,
                nombre(m.p50_ms, 0),
                nombre(m.p95_ms, 0) + (f" {RATE}" if p95_rate else ""),
                # A page slower than a second still shows how slow.
                nombre(m.debit_c4, 2 if m.debit_c4 is not None and m.debit_c4 < 1 else 1),
                (f"{nombre(ratio, 0)} %" if ratio is not None else "—")
                + (f" {RATE}" if debit_rate else ""),
                nombre(m.cpu_ms),
                nombre(m.cpu_base_ms),
                "—" if m.requetes_sql is None else str(m.requetes_sql),
                nombre(None if m.octets is None else m.octets / 1024),
                m.erreur or (str(len(m.ecarts)) if m.ecarts else ""),
            ]
        )
    largeurs = [max(len(ligne[i]) for ligne in [entetes, *lignes]) for i in range(len(entetes))]
    a_droite = {2, 3, 4, 5, 6, 7, 8, 9}

    def rangee(valeurs: list[str]) -> str:
        cellules = [
            v.rjust(largeurs[i]) if i in a_droite else v.ljust(largeurs[i])
            for i, v in enumerate(valeurs)
        ]
        return "| " + " | ".join(cellules) + " |"

    separateur = [("-" * (w + 1) + ":") if i in a_droite else "-" * (w + 2)
                  for i, w in enumerate(largeurs)]  # fmt: skip
    sortie = [
        rangee(entetes),
        "|" + "|".join(separateur) + "|",
        *(rangee(ligne) for ligne in lignes),
        "",
    ]
    sortie += resume(resultat)
    return "\n".join(sortie)


def resume(resultat: Resultat) -> list[str]:
    """The lines under the table: memory, weight of the home page, targets, machine."""
    rss = resultat.rss_worker_mo
    lignes = [
        f"Pic de mémoire d'un worker gunicorn (VmHWM, le plus gros des {resultat.nb_workers}) : "
        f"{nombre(rss)} Mo (objectif ≤ {OBJECTIF_RSS_MO:.0f} Mo)"
        + (f" {RATE}" if rss is not None and rss > OBJECTIF_RSS_MO else ""),
        f"Accueil avec sa feuille de style, tels qu'envoyés : {nombre(resultat.accueil_ko)} Ko "
        f"(objectif ≤ {OBJECTIF_ACCUEIL_KO:.0f} Ko)"
        + (
            f" {RATE}"
            if resultat.accueil_ko is not None and resultat.accueil_ko > OBJECTIF_ACCUEIL_KO
            else ""
        ),
    ]
    if resultat.detail_accueil:
        lignes.append(
            "  dont "
            + ", ".join(f"{url} {nombre(ko)} Ko" for url, ko in resultat.detail_accueil.items())
        )
    pages_ratees = [m for m in resultat.mesures if m.ecarts]
    objectifs = ", ".join(
        f"{nature.value} ≥ {part:.0%}".replace("%", " %")
        for nature, part in OBJECTIFS_DEBIT.items()
    )
    lignes += [
        f"Objectifs : p95 ≤ {OBJECTIF_P95_MS:.0f} ms à la concurrence 1 pour chaque page ; "
        f"débit à la concurrence 4 rapporté au meilleur passage du témoin : {objectifs}.",
        f"{RATE} marque un objectif manqué : {len(pages_ratees)} page(s) sur "
        f"{len(resultat.mesures)}"
        + (f" ; {', '.join(resultat.ecarts)}" if resultat.ecarts else "")
        + ".",
    ]
    if resultat.capacite:
        lignes.append(
            f"Capacité de {resultat.processeurs} processeurs d'après le CPU par requête "
            "(gunicorn et PostgreSQL, sans autre travail) : "
            + " ; ".join(
                f"{quoi} ≈ {nombre(n, 0 if n >= 10 else 2)} req/s"
                for quoi, n in resultat.capacite.items()
            )
            + "."
        )
    if resultat.donnees:
        lignes.append(
            "Données : "
            + ", ".join(f"{nombre(n, 0)} {quoi}" for quoi, n in resultat.donnees.items())
        )
    machine = resultat.machine
    if machine:
        lignes.append(
            "Machine : "
            + " ; ".join(f"{cle} {valeur}" for cle, valeur in machine.items() if valeur)
        )
    return lignes


def en_json(resultat: Resultat) -> dict[str, Any]:
    return asdict(resultat)


def depuis_json(donnees: dict[str, Any]) -> Resultat:
    """A result written by :func:`en_json`, read back (``bench_mesurer --relire``)."""
    mesures = [Mesure(**m) for m in donnees.get("mesures", [])]
    return Resultat(**{**donnees, "mesures": mesures})
