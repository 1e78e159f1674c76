"""The problems as open data (``tilab.donnees_ouvertes``): the published ones only."""

from __future__ import annotations

from problematiques.models import Problematique
from tilab.donnees_ouvertes import Colonne, adresse, enregistrer_jeu, noms_lies


def enregistrer() -> None:
    enregistrer_jeu(
        "problematiques",
        titre="Problématiques publiées",
        description=(
            "Les difficultés remontées du terrain par les relais, une fois publiées par la Ti "
            "Team : leur constat, qui elles concernent, où elles en sont et combien de "
            "personnes ont dit « nous aussi »."
        ),
        ordre=10,
        lignes=Problematique.objects.publiques,
        colonnes=[
            Colonne("titre", "Le titre de la problématique."),
            Colonne("adresse", "Sa page sur le portail.", adresse("problematiques:detail", "slug")),
            Colonne("statut", "Où elle en est (ouverte, communauté constituée, candidate, …)."),
            Colonne("publiee_le", "Date et heure de sa publication (ISO 8601)."),
            Colonne("constat", "Le constat, tel que le relais l'a écrit (Markdown)."),
            Colonne("publics_concernes", "Qui est concerné (Markdown)."),
            Colonne(
                "organisation",
                "L'organisation qui l'a remontée.",
                "organisation__nom",
            ),
            Colonne(
                "territoires",
                "Les territoires concernés, séparés par « ; ».",
                noms_lies(Problematique.territoires.through, "problematique", "territoire__nom"),
            ),
            Colonne(
                "themes",
                "Les thèmes, séparés par « ; ».",
                noms_lies(Problematique.themes.through, "problematique", "theme__nom"),
            ),
            Colonne("nb_soutiens", "Le nombre de « nous aussi »."),
        ],
    )
