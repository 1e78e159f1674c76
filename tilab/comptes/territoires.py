"""Territory choices grouped by département, for the selects of every list and form
(problems, communities).

One query whatever the number of territories; the choices use the territories' slugs, so the
URLs of a filtered list stay readable (``?territoire=finistere``).
"""

from __future__ import annotations

from collections import defaultdict

from tilab.comptes.models import Territoire, TypeTerritoire

Choix = list[tuple[str, str]]


def territoires_groupes(
    *, avec_communes: bool = False
) -> tuple[list[tuple[str, Choix]], dict[str, Territoire]]:
    """Choices ``[(département, [(slug, label), …]), …]`` and the territories by slug.

    Each group starts with the département itself, then its EPCI (and, if asked, the communes
    of each EPCI right after it).
    """
    types = [TypeTerritoire.DEPARTEMENT, TypeTerritoire.EPCI]
    if avec_communes:
        types.append(TypeTerritoire.COMMUNE)
    territoires = list(
        Territoire.objects.filter(type__in=types).only("pk", "nom", "slug", "type", "parent_id")
    )
    par_slug = {t.slug: t for t in territoires}
    enfants: dict[int | None, list[Territoire]] = defaultdict(list)
    for territoire in territoires:
        enfants[territoire.parent_id].append(territoire)
    groupes: list[tuple[str, Choix]] = []
    departements = sorted(
        (t for t in territoires if t.type == TypeTerritoire.DEPARTEMENT), key=lambda t: t.nom
    )
    for departement in departements:
        choix: Choix = [(departement.slug, f"{departement.nom} (tout le département)")]
        for epci in sorted(enfants[departement.pk], key=lambda t: t.nom):
            choix.append((epci.slug, epci.nom))
            for commune in sorted(enfants[epci.pk], key=lambda t: t.nom):
                choix.append((commune.slug, f"{commune.nom} (commune)"))
        groupes.append((departement.nom, choix))
    return groupes, par_slug
