"""Tools for the apps' ``bench.generer(echelle)``: counts at a scale, seeded randomness, bulk
inserts, rows dated in the past, many-to-many links.

And the generation itself (:func:`generer`): every app's ``generer`` in layer order, in one
transaction, then ``ANALYZE`` so that the planner knows the new tables as production would.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from tilab import banc

# Rows sent to PostgreSQL per INSERT: large enough to be fast, small enough for its parameters.
TAILLE_LOT = 2000


class ErreurBase(CommandError):
    """A command of the bench runs outside the bench's own database: its message says what to
    do."""


def base_du_banc() -> str:
    """The bench database's name; refuses to go on outside the bench's own database."""
    nom = str(settings.DATABASES["default"]["NAME"])
    if not settings.BENCH:
        raise ErreurBase(
            "Le banc travaille sur sa propre base : lancez-le avec BENCH=true (make bench)."
        )
    if "bench" not in nom:
        raise ErreurBase(
            f"La base « {nom} » n'a pas « bench » dans son nom : le générateur efface tout ce "
            "qu'elle contient, il refuse (BENCH_DATABASE_URL doit nommer une base de mesure)."
        )
    return nom


def nombre(n: int, echelle: float, *, minimum: int = 1) -> int:
    """``n`` rows at full scale, scaled by ``echelle``, never fewer than ``minimum``: at the
    tests' tiny scale every kind of row still exists."""
    return max(minimum, round(n * echelle))


def alea(nom: str) -> random.Random:
    """A random generator of its own for each app (``alea("problematiques")``), seeded by its
    name: two generations make the same data, and a new app changes nobody else's draws."""
    return random.Random(zlib.crc32(nom.encode()))


def tirer[T](rng: random.Random, poids: dict[T, float]) -> T:
    """One key of ``poids``, drawn with the given weights."""
    return rng.choices(list(poids), weights=list(poids.values()))[0]


def quelques[T](rng: random.Random, parmi: Sequence[T], minimum: int, maximum: int) -> list[T]:
    """Between ``minimum`` and ``maximum`` distinct items of ``parmi``."""
    k = min(len(parmi), rng.randint(minimum, maximum))
    return rng.sample(list(parmi), k)


def il_y_a(rng: random.Random, jours_max: float, *, maintenant: datetime | None = None) -> datetime:
    """A moment in the last ``jours_max`` days, recent ones more often than old ones."""
    maintenant = maintenant or timezone.now()
    return maintenant - timedelta(
        days=jours_max * rng.random() ** 1.5, seconds=rng.randint(0, 86399)
    )


def inserer[M: models.Model](modele: type[M], objets: Iterable[M]) -> list[M]:
    """``bulk_create`` in batches; the objects come back with their primary keys."""
    crees: list[M] = []
    lot: list[M] = []
    for objet in objets:
        lot.append(objet)
        if len(lot) >= TAILLE_LOT:
            crees += modele._default_manager.bulk_create(lot)
            lot = []
    if lot:
        crees += modele._default_manager.bulk_create(lot)
    return crees


def lier(relation: Any, paires: Iterable[tuple[int, int]]) -> int:
    """Fill a many-to-many table: ``lier(Problematique.themes, [(pk_problematique, pk_theme),
    …])``. Returns the number of links."""
    champ = relation.field
    intermediaire = champ.remote_field.through
    source, cible = champ.m2m_field_name(), champ.m2m_reverse_field_name()
    liens = [intermediaire(**{f"{source}_id": a, f"{cible}_id": b}) for a, b in paires]
    inserer(intermediaire, liens)
    return len(liens)


@contextmanager
def dates_libres(*modeles: type[models.Model]) -> Iterator[None]:
    """Let the generator date rows in the past: ``auto_now`` and ``auto_now_add`` fields of
    ``modeles`` keep the value given while the block runs (bulk_create would otherwise stamp
    every row with the current time)."""
    modifies: list[tuple[Any, bool, bool]] = []
    for modele in modeles:
        champs: list[Any] = list(modele._meta.concrete_fields)
        for champ in champs:
            if getattr(champ, "auto_now", False) or getattr(champ, "auto_now_add", False):
                modifies.append((champ, champ.auto_now, champ.auto_now_add))
                champ.auto_now = champ.auto_now_add = False
    try:
        yield
    finally:
        for champ, auto_now, auto_now_add in modifies:
            champ.auto_now, champ.auto_now_add = auto_now, auto_now_add


def generer(echelle: float, *, afficher: Any = None) -> None:
    """Run every app's ``bench.generer(echelle)`` in layer order, in one transaction, then let
    PostgreSQL gather its statistics. ``afficher`` receives one line per app."""
    with transaction.atomic():
        for module in banc.modules_bench():
            fonction = getattr(module, "generer", None)
            if callable(fonction):
                debut = timezone.now()
                fonction(echelle)
                if afficher is not None:
                    duree = (timezone.now() - debut).total_seconds()
                    afficher(f"  {module.__name__} : {duree:.1f} s")
    if not connection.in_atomic_block:
        with connection.cursor() as curseur:
            curseur.execute("ANALYZE")
