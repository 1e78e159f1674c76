"""The personal data export holds the person's reports and supports, never internal notes."""

import json

import pytest

from problematiques.services import (
    problematique_cloturer,
    problematique_ouvrir,
    problematique_qualifier,
    soutien_ajouter,
)
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.services import donnees_personnelles_json, sections_export


def test_the_section_is_registered():
    assert "problematiques" in sections_export()


@pytest.mark.django_db
def test_reports_supports_and_steps_are_exported_without_internal_notes(coordination):
    auteur = PersonneFactory()
    p = ProblematiqueFactory(auteur=auteur, titre="Ma remontée")
    problematique_qualifier(
        problematique=p, par=coordination, commentaire_public="Parlons-en.", note_interne="NOTE-1"
    )
    problematique_ouvrir(problematique=p, par=coordination, note_interne="NOTE-2")
    problematique_cloturer(
        problematique=p, par=coordination, commentaire_public="Hors champ.", note_interne="NOTE-3"
    )
    autre = ProblematiqueFactory(publiee=True, titre="Celle d'un autre")
    soutien_ajouter(problematique=autre, personne=auteur, precisions="Chez nous aussi.")
    ProblematiqueFactory(titre="Pas à moi")

    texte = donnees_personnelles_json(personne=auteur)
    assert "NOTE-" not in texte
    assert "Pas à moi" not in texte
    section = json.loads(texte)["problematiques"]
    (remontee,) = section["remontees"]
    assert remontee["titre"] == "Ma remontée"
    assert [e["commentaire_public"] for e in remontee["historique"]] == [
        "Parlons-en.",
        "",
        "Hors champ.",
    ]
    (soutien,) = section["soutiens"]
    assert soutien == soutien | {
        "problematique": "Celle d'un autre",
        "precisions": "Chez nous aussi.",
    }
    assert set(section["problematiques_suivies"]) == {"Ma remontée", "Celle d'un autre"}


@pytest.mark.django_db
def test_a_team_member_does_not_export_the_notes_they_wrote(coordination):
    p = ProblematiqueFactory()
    problematique_qualifier(problematique=p, par=coordination, note_interne="NOTE-EQUIPE")
    assert "NOTE-EQUIPE" not in donnees_personnelles_json(personne=coordination)
