"""The three-year frame: recorded by the Direction, periods that never overlap, French
errors per field."""

from __future__ import annotations

from datetime import date

import pytest

from gouvernance.models import CadreTriennal
from gouvernance.services.cadre import cadre_enregistrer
from gouvernance.services.textes import TexteImpossible

pytestmark = pytest.mark.django_db


def enregistrer(par, **autres):
    valeurs = {
        "titre": "Cadre 2025–2027",
        "debut": date(2025, 1, 1),
        "fin": date(2027, 12, 31),
        "orientations": "- Transformer **avec** les agents",
        "reunion_codir_le": date(2024, 12, 5),
    }
    return cadre_enregistrer(par=par, **(valeurs | autres))


def test_the_direction_records_the_frame_in_force(direction):
    cadre = enregistrer(direction, titre="Cadre\u202e 2025–2027")
    assert cadre.titre == "Cadre 2025–2027" and cadre.cree_par == direction
    assert CadreTriennal.objects.en_vigueur(date(2026, 6, 1)) == cadre
    assert CadreTriennal.objects.en_vigueur(date(2028, 6, 1)) is None


@pytest.mark.parametrize(
    "nom", ["relais", "coordination", "animation", "documentation", "recherche", "copil", "codir"]
)
def test_nobody_else_records_it(nom, persona):
    with pytest.raises(TexteImpossible):
        enregistrer(persona(nom))
    assert not CadreTriennal.objects.exists()


def test_an_overlapping_period_is_refused_naming_the_frame_in_the_way(direction):
    enregistrer(direction)
    with pytest.raises(TexteImpossible) as exc:
        enregistrer(direction, titre="Suivant", debut=date(2027, 6, 1), fin=date(2030, 5, 31))
    assert exc.value.message_dict["debut"] == [
        "Cette période chevauche celle du cadre « Cadre 2025–2027 » (du 01/01/2025 au 31/12/2027)."
    ]
    suivant = enregistrer(
        direction, titre="Suivant", debut=date(2028, 1, 1), fin=date(2030, 12, 31)
    )
    # Correcting a frame does not collide with itself.
    corrige = enregistrer(
        direction, cadre=suivant, titre="Corrigé", debut=date(2028, 1, 1), fin=date(2030, 6, 30)
    )
    assert corrige.pk == suivant.pk and CadreTriennal.objects.count() == 2


def test_each_field_says_what_is_wrong(direction):
    with pytest.raises(TexteImpossible) as exc:
        enregistrer(direction, titre=" ", orientations="", fin=date(2024, 12, 31))
    assert set(exc.value.message_dict) == {"titre", "orientations", "fin"}
    assert exc.value.message_dict["fin"] == ["La fin du cadre vient après son début."]
