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
    ]
