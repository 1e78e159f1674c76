"""Experiments as open data (``tilab.donnees_ouvertes``): every experiment is public."""

from __future__ import annotations

from experimentations.models import Experimentation
from tilab.donnees_ouvertes import Colonne, adresse, enregistrer_jeu, noms_lies


def enregistrer() -> None:
    enregistrer_jeu(
        "experimentations",
        titre="Expérimentations",
        description=(
            "Les expérimentations que le COPIL a retenues : ce qu'elles cherchent, où elles en "
            "sont, sur quels territoires et de quelle problématique elles viennent."
        ),
        ordre=40,
        lignes=Experimentation.objects.publiques,
        colonnes=[
            Colonne("titre", "Le titre de l'expérimentation."),
            Colonne(
                "adresse", "Sa page sur le portail.", adresse("experimentations:detail", "slug")
            ),
            Colonne("statut", "Où elle en est."),
            Colonne("resume", "Ce qu'elle cherche (Markdown)."),
            Colonne("problematique", "La problématique d'où elle vient.", "problematique__titre"),
            Colonne("lancee_le", "Date de son lancement."),
            Colonne("cree_le", "Date et heure de sa création (ISO 8601)."),
            Colonne(
                "territoires",
                "Ses territoires, séparés par « ; ».",
                noms_lies(
                    Experimentation.territoires.through, "experimentation", "territoire__nom"
                ),
            ),
            Colonne(
                "themes",
                "Ses thèmes, séparés par « ; ».",
                noms_lies(Experimentation.themes.through, "experimentation", "theme__nom"),
            ),
        ],
    )
