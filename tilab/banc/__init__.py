"""The measuring bench of ``make bench``: a large data set, the pages to time, and the contract
every app follows to take part.

Each project app may have a ``bench`` module (``problematiques/bench.py``, or a package like
``communautes/bench/``), discovered by name the way ``seed_demo`` discovers ``demo``, with two
functions, both optional::

    def generer(echelle: float) -> None:
        '''Add this app's rows to the bench database, in bulk.'''

    def pages(donnees: Donnees) -> list[Page]:
        '''The pages of this app to measure, with real slugs read from the database.'''

    def compter() -> dict[str, int]:
        '''Rows by kind, for the summary the generator prints (optional too).'''

``generer`` runs once per generation, in ``INSTALLED_APPS`` order (the order of the layers), in
one transaction, on an empty migrated database: it reads the rows of the apps below it from the
database (accounts, territories, problems…) and adds its own with ``bulk_create``
(:func:`tilab.banc.generation.inserer`). ``echelle`` is 1 for the full data set (some 20,000
problems) and 0.001 for the tests: every count goes through
:func:`tilab.banc.generation.nombre`, so the rows stay consistent at any scale. Random choices
come from :func:`tilab.banc.generation.alea`, seeded, so two generations are alike.

``pages`` runs in the process that drives the measure (``manage.py bench_mesurer``), against
the same database. It returns :class:`Page` objects: a path with its query string, its
``nature`` (which throughput target applies) and the persona it is seen as (``None`` for an
anonymous visitor; see :data:`PERSONAS`). ``donnees`` gives the personas' accounts, so that an
app can pick their own rows (the relais's own report, say).

A later app (experiments, COPIL, documentation) adds its data and pages by writing its own
``bench`` module: nothing here changes. The URL names of the public table that no module
measures are listed, with the reason, in the module that owns them (``LAISSEES_DE_COTE``);
``tests/tilab/test_banc.py`` checks that every public URL name is in one list or the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings


class Nature(StrEnum):
    """What kind of page it is: it decides the throughput target, as a share of the
    baseline's (:data:`OBJECTIFS_DEBIT`)."""

    TEMOIN = "témoin"  # base.html without a database: the reference
    LISTE = "liste"  # a paginated or filtered list, an admin list, a feed, the home page
    RECHERCHE = "recherche"  # a list filtered by words (full-text search)
    DETAIL = "détail"  # one object's page
    PAGE = "page"  # a page of its own: a form, a legal page, an account page


# Throughput at concurrency 4, as a share of the baseline's: at least this much.
OBJECTIFS_DEBIT: dict[Nature, float] = {
    Nature.LISTE: 0.30,
    Nature.RECHERCHE: 0.30,
    Nature.DETAIL: 0.50,
    Nature.PAGE: 0.50,
}
# The other targets: p95 at concurrency 1 for every page, a worker's peak memory, the weight of
# the home page with its style sheet.
OBJECTIF_P95_MS = 50.0
OBJECTIF_RSS_MO = 150.0
OBJECTIF_ACCUEIL_KO = 100.0

# The personas the signed-in pages are seen as: name -> e-mail address of their account.
# ``tilab/comptes/bench.py`` creates them (a relais, a Ti Team coordinator with the back office,
# a member of the COPIL); the driver logs them in with a session it writes itself.
PERSONAS: dict[str, str] = {
    "relais": "relais@bench.tilab.bzh",
    "equipe": "equipe@bench.tilab.bzh",
    "copil": "copil@bench.tilab.bzh",
}


@dataclass(frozen=True)
class Page:
    """A page to measure: ``chemin`` is the path with its query string."""

    chemin: str
    nature: Nature
    persona: str | None = None
    # Shown in the table when the path alone does not say it ("la plus soutenue").
    libelle: str = ""

    def __post_init__(self) -> None:
        if self.persona is not None and self.persona not in PERSONAS:
            raise ValueError(f"Persona inconnu : {self.persona!r} (voir tilab.banc.PERSONAS).")

    @property
    def cle(self) -> str:
        """How the table names the page: the persona, the path, the label."""
        qui = f"[{self.persona}] " if self.persona else ""
        quoi = f" ({self.libelle})" if self.libelle else ""
        return f"{qui}{self.chemin}{quoi}"


# The baseline: base.html rendered without touching the database, served only when the bench
# setting is on (``tilab/banc/urls.py``). Every page's throughput is compared to its own.
TEMOIN = Page("/banc/temoin/", Nature.TEMOIN, libelle="témoin : base.html sans base de données")


@dataclass
class Donnees:
    """What ``pages()`` may use besides the database: the personas' accounts, by name."""

    personas: dict[str, Any] = field(default_factory=dict)


def modules_bench() -> list[ModuleType]:
    """Every project app's ``bench`` module, in ``INSTALLED_APPS`` order (the layers)."""
    racine = str(settings.BASE_DIR)
    modules = []
    for config in apps.get_app_configs():
        # Only the project's own apps: a third-party package may have a "bench" of its own.
        if not config.path.startswith(racine):
            continue
        nom = f"{config.name}.bench"
        if find_spec(nom) is not None:
            modules.append(import_module(nom))
    return modules


def fonctions(nom: str) -> list[Callable[..., Any]]:
    """The ``nom`` function (``generer`` or ``pages``) of each module that has one."""
    return [getattr(m, nom) for m in modules_bench() if callable(getattr(m, nom, None))]


def toutes_les_pages(donnees: Donnees) -> list[Page]:
    """The pages of every app, in layer order, each path once."""
    vues: set[tuple[str, str | None]] = set()
    resultat = []
    for pages in fonctions("pages"):
        for page in pages(donnees):
            if (page.chemin, page.persona) not in vues:
                vues.add((page.chemin, page.persona))
                resultat.append(page)
    return resultat


def laissees_de_cote() -> dict[str, str]:
    """URL names of the public table that no module measures, with the reason, from each
    module's ``LAISSEES_DE_COTE``."""
    raisons: dict[str, str] = {}
    for module in modules_bench():
        raisons.update(getattr(module, "LAISSEES_DE_COTE", {}))
    return raisons
