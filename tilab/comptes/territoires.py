"""Territory choices grouped by département, for the selects of every list and form
(problems, communities).

One query whatever the number of territories; the choices use the territories' slugs, so the
URLs of a filtered list stay readable (``?territoire=finistere``). The territories are read as
plain rows (:class:`Ligne`), not as model objects: a menu with the 1,200 communes of Brittany
needs their names and slugs only, and building 1,200 objects cost more than rendering the menu.
The one or two a form receives become :class:`Territoire` objects when it asks for them
(:class:`TerritoiresParSlug`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from tilab.comptes.models import Territoire, TypeTerritoire

Choix = list[tuple[str, str]]


class Ligne(NamedTuple):
    """A territory of a menu: its fields named as the model's columns (``attname``)."""

    id: int
    nom: str
    slug: str
    type: str
    parent_id: int | None


def lignes_territoires(types: Iterable[str]) -> list[Ligne]:
    """The territories of these types, as rows: one query."""
    return [
        Ligne._make(valeurs)
        for valeurs in Territoire.objects.filter(type__in=list(types)).values_list(*Ligne._fields)
    ]


class TerritoiresParSlug(Mapping[str, Territoire]):
    """The territories of a menu by slug. Each one becomes a :class:`Territoire`, with the
    fields of :class:`Ligne` loaded and the others deferred, as ``.only()`` would give it,
    the first time it is asked for: a form asks for the one or two chosen."""

    def __init__(self, lignes: Iterable[Ligne]) -> None:
        self._lignes = {ligne.slug: ligne for ligne in lignes}
        self._territoires: dict[str, Territoire] = {}

    def __getitem__(self, slug: str) -> Territoire:
        territoire = self._territoires.get(slug)
        if territoire is None:
            valeurs = self._lignes[slug]._asdict()
            # from_db takes the loaded values in the order of the model's fields.
            noms = [c.attname for c in Territoire._meta.concrete_fields if c.attname in valeurs]
            territoire = Territoire.from_db(
                Territoire.objects.db, noms, [valeurs[nom] for nom in noms]
            )
            self._territoires[slug] = territoire
        return territoire

    def __iter__(self) -> Iterator[str]:
        return iter(self._lignes)

    def __len__(self) -> int:
        return len(self._lignes)


def par_parent(lignes: Iterable[Ligne]) -> dict[int | None, list[Ligne]]:
    """The rows under each parent's id, sorted by name."""
    enfants: dict[int | None, list[Ligne]] = defaultdict(list)
    for ligne in sorted(lignes, key=lambda ligne: ligne.nom):
        enfants[ligne.parent_id].append(ligne)
    return enfants


def departements_parmi(lignes: Iterable[Ligne]) -> list[Ligne]:
    """The départements among the rows, sorted by name."""
    return sorted(
        (ligne for ligne in lignes if ligne.type == TypeTerritoire.DEPARTEMENT),
        key=lambda ligne: ligne.nom,
    )


def territoires_groupes(
    *, avec_communes: bool = False
) -> tuple[list[tuple[str, Choix]], TerritoiresParSlug]:
    """Choices ``[(département, [(slug, label), …]), …]`` and the territories by slug.

    Each group starts with the département itself, then its EPCI (and, if asked, the communes
    of each EPCI right after it).
    """
    types = [TypeTerritoire.DEPARTEMENT, TypeTerritoire.EPCI]
    if avec_communes:
        types.append(TypeTerritoire.COMMUNE)
    territoires = lignes_territoires(types)
    enfants = par_parent(territoires)
    groupes: list[tuple[str, Choix]] = []
    for departement in departements_parmi(territoires):
        choix: Choix = [(departement.slug, f"{departement.nom} (tout le département)")]
        for epci in enfants[departement.id]:
            choix.append((epci.slug, epci.nom))
            for commune in enfants[epci.id]:
                choix.append((commune.slug, f"{commune.nom} (commune)"))
        groupes.append((departement.nom, choix))
    return groupes, TerritoiresParSlug(territoires)
