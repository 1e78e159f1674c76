"""What the tests of the report form share: territories, themes, and a form filled in right."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, cast

from problematiques import antispam
from tests.factories import TerritoireFactory, ThemeFactory
from tilab.comptes.models import Territoire, Theme


@dataclass
class Referentiel:
    departement: Territoire
    epci: Territoire
    commune: Territoire
    theme: Theme
    autre_theme: Theme


def referentiel() -> Referentiel:
    # The départements come from a data migration; EPCI and communes from the demo seed.
    departement = Territoire.objects.get(slug="finistere")
    epci = cast(
        Territoire,
        TerritoireFactory(
            nom="Pays des Abers", slug="pays-des-abers", type="epci", parent=departement, code=""
        ),
    )
    commune = cast(
        Territoire, TerritoireFactory(nom="Plouguerneau", slug="plouguerneau", parent=epci)
    )
    return Referentiel(
        departement=departement,
        epci=epci,
        commune=commune,
        theme=cast(Theme, ThemeFactory(nom="Mobilité")),
        autre_theme=cast(Theme, ThemeFactory(nom="Santé")),
    )


def jeton_ancien(personne_id: int | None, secondes: float = 60) -> str:
    """A token for a form shown ``secondes`` ago: past the minimum time."""
    return antispam.jeton_nouveau(personne_id, debut=time.time() - secondes)


def donnees_valides(ref: Referentiel, personne_id: int | None, **autres: Any) -> dict[str, Any]:
    donnees: dict[str, Any] = {
        "titre": "Pas de transport vers la maison de santé",
        "constat": "Depuis la fermeture de la ligne de car, les habitants des hameaux "
        "ne peuvent plus aller à la maison de santé sans voiture.",
        "publics_concernes": "Les personnes âgées des hameaux, une centaine environ.",
        "deja_tente": "Un covoiturage solidaire, arrêté faute de bénévoles.",
        "departements": [ref.departement.slug],
        "territoires_precis": [ref.commune.slug],
        "themes": [str(ref.theme.pk)],
        "organisation": "",
        "site_internet": "",
        "jeton": jeton_ancien(personne_id),
    }
    donnees.update(autres)
    return donnees
