"""The frame's pages for the bench (see ``tilab/banc/__init__.py`` for the contract): the home
page, which shows the latest of every app, and the legal pages. The baseline page
(``tilab.banc.TEMOIN``) is added by the driver itself."""

from __future__ import annotations

from tilab.banc import Donnees, Nature, Page


def pages(donnees: Donnees) -> list[Page]:
    return [
        # The latest of each app, through the home page's seam: a list.
        Page("/", Nature.LISTE, libelle="accueil"),
        Page("/", Nature.LISTE, "relais", "accueil"),
        Page("/accessibilite/", Nature.PAGE),
        Page("/mentions-legales/", Nature.PAGE),
        Page("/donnees-personnelles/", Nature.PAGE),
        # The search across the portal: a frequent word, a rare one, one kind paged through,
        # and a misspelt word (nothing found, a correction looked up in the lexicon).
        Page("/recherche/?q=transport", Nature.RECHERCHE, libelle="un mot courant"),
        Page("/recherche/?q=pharmacie", Nature.RECHERCHE, libelle="un mot rare"),
        Page(
            "/recherche/?q=ecole&sorte=problematiques&page=3",
            Nature.RECHERCHE,
            libelle="une sorte, page 3",
        ),
        Page("/recherche/?q=pharmacei", Nature.RECHERCHE, libelle="mal orthographié"),
        # Open data: the page, and the decisions' files (a thousand rows; the problems' file,
        # 14,000 rows streamed, would take each request a second and say nothing more).
        Page("/donnees/", Nature.PAGE),
        Page("/donnees/decisions.csv", Nature.LISTE, libelle="fichier CSV"),
        Page("/donnees/decisions.json", Nature.LISTE, libelle="fichier JSON"),
    ]
