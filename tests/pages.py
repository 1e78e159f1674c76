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
