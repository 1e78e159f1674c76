"""Communities and published events as open data (``tilab.donnees_ouvertes``)."""

from __future__ import annotations

from communautes.models import Communaute, Evenement
from tilab.donnees_ouvertes import Colonne, adresse, enregistrer_jeu, noms_lies


def enregistrer() -> None:
    enregistrer_jeu(
        "communautes",
        titre="Communautés",
        description=(
            "Les communautés que le Ti Lab anime : d'intérêt (autour d'une problématique), "
            "thématiques de recherche ou de l'Archipel des pratiques."
        ),
        ordre=20,
        lignes=Communaute.objects.publiques,
        colonnes=[
            Colonne("nom", "Le nom de la communauté."),
            Colonne("adresse", "Sa page sur le portail.", adresse("communautes:detail", "slug")),
            Colonne("type", "Intérêt, thématique ou archipel."),
            Colonne("statut", "Où elle en est."),
            Colonne("objet", "Ce qu'elle cherche à faire (Markdown)."),
            Colonne(
                "problematique",
                "La problématique autour de laquelle elle s'est formée, s'il y en a une.",
                "problematique__titre",
            ),
            Colonne(
                "territoires",
                "Ses territoires, séparés par « ; ».",
                noms_lies(Communaute.territoires.through, "communaute", "territoire__nom"),
            ),
            Colonne(
                "themes",
                "Ses thèmes, séparés par « ; ».",
                noms_lies(Communaute.themes.through, "communaute", "theme__nom"),
            ),
            Colonne("cree_le", "Date et heure de sa création (ISO 8601)."),
        ],
    )
    enregistrer_jeu(
        "evenements",
        titre="Événements",
        description="Les événements publiés, passés et à venir : ateliers, rencontres, webinaires.",
        ordre=30,
        lignes=Evenement.objects.publies,
        colonnes=[
            Colonne("titre", "Le titre de l'événement."),
            Colonne("adresse", "Sa page sur le portail.", adresse("evenements:detail", "slug")),
            Colonne("type", "Le type d'événement."),
            Colonne("debut", "Son début (ISO 8601)."),
            Colonne("fin", "Sa fin (ISO 8601)."),
            Colonne("lieu", "Où il a lieu (vide s'il est en ligne)."),
            Colonne("communaute", "La communauté qui l'organise.", "communaute__nom"),
            Colonne("description", "Son programme (Markdown)."),
        ],
    )
