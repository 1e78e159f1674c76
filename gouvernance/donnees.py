"""The COPIL's published decisions, with their scores, as open data
(``tilab.donnees_ouvertes``)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from gouvernance.models import Decision, Rectification
from tilab.donnees_ouvertes import Colonne, adresse, enregistrer_jeu


def enregistrer() -> None:
    enregistrer_jeu(
        "decisions",
        titre="Décisions du COPIL",
        description=(
            "Chaque décision publiée du comité de pilotage, avec ses motifs, le score pondéré "
            "de la candidature selon la grille de sélection et le décompte des avis."
        ),
        ordre=50,
        lignes=Decision.objects.publiees,
        colonnes=[
            Colonne("publiee_le", "Date et heure de sa publication (ISO 8601)."),
            Colonne("decision", "retenue, ajournee ou non_retenue."),
            Colonne(
                "problematique",
                "La problématique candidate.",
                "candidature__problematique__titre",
            ),
            Colonne(
                "adresse",
                "La page de la candidature, avec la décision et ses rectifications.",
                adresse("gouvernance:candidature", "candidature__session__slug", "candidature_id"),
            ),
            Colonne("session", "La session du COPIL.", "candidature__session__titre"),
            Colonne("session_le", "La date de la session.", "candidature__session__le"),
            Colonne("motifs", "Les motifs publics de la décision (Markdown)."),
            Colonne("score", "Le score pondéré sur 100.", "candidature__score"),
            Colonne("nb_retenir", "Avis « retenir ».", "candidature__nb_retenir"),
            Colonne("nb_ajourner", "Avis « ajourner ».", "candidature__nb_ajourner"),
            Colonne(
                "nb_ne_pas_retenir", "Avis « ne pas retenir ».", "candidature__nb_ne_pas_retenir"
            ),
            Colonne("nb_abstentions", "Abstentions.", "candidature__nb_abstentions"),
            Colonne(
                "rectifiee",
                "Vrai si la décision a été rectifiée depuis (voir sa page).",
                Exists(Rectification.objects.filter(decision=OuterRef("pk"))),
            ),
        ],
    )
