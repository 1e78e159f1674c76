"""The bench's table and JSON: ratios to the baseline, missed targets marked, never a failure;
and the reading of ApacheBench's output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tilab.banc import Nature
from tilab.banc.mesure import cpu_arbre, lire_ab
from tilab.banc.rapport import (
    Mesure,
    Resultat,
    abreger,
    depuis_json,
    en_json,
    evaluer,
    nombre,
    tableau,
)


def mesure(cle: str, nature: Nature, *, p95: float, debit: float, **autres) -> Mesure:
    return Mesure(cle, cle, nature.value, p50_ms=p95 / 2, p95_ms=p95, debit_c4=debit, **autres)


def resultat() -> Resultat:
    return evaluer(
        Resultat(
            mesures=[
                mesure("/banc/temoin/", Nature.TEMOIN, p95=4, debit=200, requetes_sql=0, cpu_ms=2),
                mesure(
                    "/problematiques/", Nature.LISTE, p95=30, debit=70, requetes_sql=9, cpu_ms=10
                ),
                mesure(
                    "/problematiques/x/", Nature.DETAIL, p95=60, debit=80, octets=20480, cpu_ms=8
                ),
                mesure(
                    "/problematiques/?q=ecole", Nature.RECHERCHE, p95=12000, debit=0.3, cpu_ms=4000
                ),
                Mesure(
                    "/comptes/profil/",
                    "/comptes/profil/",
                    "page",
                    "relais",
                    statut=302,
                    erreur="réponse 302",
                ),
                # The baseline again at the end, on a machine busier with other work.
                mesure("/banc/temoin/", Nature.TEMOIN, p95=9, debit=150, cpu_ms=2),
            ],
            rss_worker_mo=160.0,
            accueil_ko=40.0,
            machine={"processeurs (nproc)": 2},
            processeurs=2,
        )
    )


def test_each_page_is_compared_to_the_baseline_and_its_misses_listed():
    temoin, liste, detail, recherche, erreur, temoin_fin = resultat().mesures
    # Compared to the baseline's best run.
    assert temoin.ratio_temoin == 1 and temoin.ecarts == []
    assert temoin_fin.ratio_temoin == 0.75
    assert liste.ratio_temoin == 0.35 and liste.ecarts == []  # 35 % ≥ 30 % for a list
    assert detail.ecarts == ["p95 > 50 ms", "débit < 50 % du témoin"]  # 40 % < 50 %
    assert recherche.ecarts == ["p95 > 50 ms", "débit < 30 % du témoin"]
    assert erreur.ecarts == ["réponse 302"]


def test_the_machine_wide_targets_are_checked_too():
    assert resultat().ecarts == ["mémoire d'un worker > 150 Mo"]


def test_the_table_marks_every_miss_and_reads_in_french():
    texte = tableau(resultat())
    lignes = texte.splitlines()
    assert lignes[0].startswith("| Page") and set(lignes[1]) <= {"|", "-", ":"}
    detail = next(ligne for ligne in lignes if "/problematiques/x/" in ligne)
    assert "60 ✗" in detail and "40 % ✗" in detail and "20,0" in detail
    recherche = next(ligne for ligne in lignes if "q=ecole" in ligne)
    assert "12\u202f000 ✗" in recherche and "0,3" in recherche
    assert "réponse 302" in texte
    assert "160,0 Mo (objectif ≤ 150 Mo) ✗" in texte
    assert "3 page(s) sur 6" in texte


def test_what_the_machine_could_serve_comes_from_the_cpu_per_request():
    capacite = resultat().capacite
    # 2 processors = 2,000 ms of CPU a second.
    assert capacite == {
        "témoin": 1000.0,
        "page médiane": 200.0,
        "la plus chère, /problematiques/?q=ecole": 0.5,
    }
    assert "page médiane ≈ 200 req/s" in tableau(resultat())
    assert "?q=ecole ≈ 0,50 req/s" in tableau(resultat())


def test_the_json_holds_the_same_figures_and_gives_the_same_table_back():
    donnees = json.loads(json.dumps(en_json(resultat()), ensure_ascii=False))
    assert tableau(evaluer(depuis_json(donnees))) == tableau(resultat())
    assert donnees["mesures"][2]["ecarts"] == ["p95 > 50 ms", "débit < 50 % du témoin"]
    assert donnees["mesures"][1]["ratio_temoin"] == 0.35
    assert donnees["rss_worker_mo"] == 160.0


def test_numbers_and_long_slugs_for_the_table():
    assert nombre(1234.56) == "1\u202f234,6"
    assert nombre(None) == "—"
    assert nombre(3.0, 0) == "3"
    assert abreger("/problematiques/une-problematique-au-titre-tres-long/ (ordinaire)") == (
        "/problematiques/une-problematique-au…/ (ordinaire)"
    )
    assert abreger("/evenements/un-evenement-au-titre-tres-long.ics").endswith("….ics")


SORTIE_AB = """
Concurrency Level:      4
Time taken for tests:   3.004 seconds
Complete requests:      412
Failed requests:        0
Non-2xx responses:      2
Total transferred:      13771864 bytes
Requests per second:    137.15 [#/sec] (mean)
"""
GNUPLOT = "starttime\tseconds\tctime\tdtime\tttime\twait\n" + "".join(
    f"Tue Dec  1 14:33:00 2026\t1764596000\t0\t{ms}\t{ms}\t{ms}\n" for ms in range(20, 0, -1)
)


def test_ab_s_report_and_durations_are_read():
    lu = lire_ab(SORTIE_AB, GNUPLOT)
    assert (lu.completes, lu.echecs, lu.hors_2xx, lu.par_seconde) == (412, 0, 2, 137.15)
    assert lu.durees_ms == list(range(1, 21))
    # Nearest rank: the 10th of 20 durations, the 19th.
    assert (lu.percentile(50), lu.percentile(95)) == (10.0, 19.0)
    assert lire_ab("Complete requests: 1\n", "").percentile(95) is None


def test_the_cpu_of_a_process_counts_its_children_that_ended():
    avant = cpu_arbre(os.getpid())
    # A child that works a fifth of a second and ends: a database connection that closed.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.2: pass",
        ],
        check=True,
    )
    assert cpu_arbre(os.getpid()) - avant >= 0.15
