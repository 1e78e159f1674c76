"""The pages of the site frame, shared by the server-side, security and browser tests, and
helpers to read the server's answers."""

from __future__ import annotations

import re
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext

FRAME_PAGES = [
    "/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/problematiques/",
    "/communautes/",
    "/communautes/?type=archipel&territoire=finistere",
    "/evenements/",
    "/experimentations/",
    "/gouvernance/",
    "/documentation/",
    "/recherche/",
    "/recherche/?q=transport",
    "/recherche/?q=tranport",
    "/comptes/login/",
    "/comptes/signup/",
    "/comptes/password/reset/",
    "/comptes/login/code/",
]
PAGE_INCONNUE = "/une-page-qui-n-existe-pas/"


def titres_des_cartes(reponse) -> list[str]:
    """The titles of the cards (problems, communities, events) on a page, in order, unescaped."""
    html = reponse.content.decode()
    trouves = re.findall(r'class="carte-problematique__titre"><a href="[^"]+">([^<]+)</a>', html)
    return [unescape(titre) for titre in trouves]


def nb_requetes(client, url) -> int:
    """The number of SQL queries ``client`` costs to get the page at ``url``, which must answer
    200."""
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


def sql_de_la_page(client, url) -> list[str]:
    """The SQL of every query ``client`` runs to get the page at ``url`` (which must answer
    200), in order: for tests that read how a page counts or sorts, not only how often."""
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return [requete["sql"] for requete in requetes.captured_queries]


def requete_de_comptage(requetes: list[str], table: str) -> str:
    """The paginator's ``COUNT`` among ``requetes``: the one that counts rows of ``table``."""
    comptes = [
        sql
        for sql in requetes
        if sql.startswith('SELECT COUNT(*) AS "__count" FROM') and f'"{table}"' in sql
    ]
    assert len(comptes) == 1, requetes
    return comptes[0]
