"""French text about public services, for the bench's data: titles, observations, purposes.

Sentences are put together from word lists, by theme, so that full-text search has real work:
thousands of different texts, a rich vocabulary, and words whose frequency differs the way it
would in the field. « transport » and « école » come up in many texts (several themes speak of
them), « logement » in fewer, « pharmacie » in a few only: searching for each gives lists of
very different lengths.

The themes are named by the slugs of the demo's themes (``tilab/comptes/demo.py``); an unknown
theme speaks of public services in general.
"""

from __future__ import annotations

import random

# Nouns with their article: « à » and « de » are contracted by :func:`a` and :func:`de`.
# Each theme: (objet, weight). Words that should be frequent have heavy weights and appear
# under several themes.
OBJETS: dict[str, dict[str, float]] = {
    "mobilites-rurales": {
        "le transport à la demande": 6,
        "le transport scolaire": 5,
        "la ligne de car régionale": 4,
        "le covoiturage de proximité": 3,
        "la gare": 2,
        "le garage solidaire": 1,
        "le permis de conduire": 2,
        "les pistes cyclables": 1,
        "le transport vers l'école": 3,
    },
    "sante": {
        "le médecin généraliste": 5,
        "la maison de santé": 4,
        "les urgences": 3,
        "la pharmacie de garde": 1,
        "le cabinet infirmier": 2,
        "le centre médico-psychologique": 2,
        "la téléconsultation": 2,
        "le transport vers l'hôpital": 2,
    },
    "jeunesse": {
        "l'école": 6,
        "l'école maternelle": 3,
        "le collège": 3,
        "la mission locale": 3,
        "l'accueil périscolaire": 2,
        "le foyer de jeunes travailleurs": 2,
        "l'apprentissage": 2,
        "le logement des apprentis": 1,
    },
    "habitat": {
        "le logement social": 5,
        "le logement des saisonniers": 3,
        "la rénovation énergétique": 4,
        "les logements vacants du centre-bourg": 2,
        "le loyer": 2,
        "l'hébergement d'urgence": 2,
    },
    "acces-aux-droits": {
        "les prestations sociales": 4,
        "l'espace France services": 4,
        "le guichet de la CAF": 3,
        "l'aide au logement": 2,
        "le chèque énergie": 2,
        "la domiciliation": 1,
        "la complémentaire santé solidaire": 1,
    },
    "numerique-inclusif": {
        "les démarches en ligne": 6,
        "la médiation numérique": 3,
        "la connexion internet": 3,
        "le portail des inscriptions à l'école": 2,
        "l'équipement informatique": 2,
        "les identifiants perdus": 1,
    },
    "alimentation": {
        "la cantine de l'école": 5,
        "la restauration collective": 3,
        "l'épicerie solidaire": 3,
        "les circuits courts": 3,
        "la banque alimentaire": 2,
        "le gaspillage alimentaire": 2,
    },
    "transition-ecologique": {
        "l'eau potable": 3,
        "la collecte des déchets": 3,
        "la sobriété énergétique": 3,
        "les haies bocagères": 1,
        "le risque de submersion": 2,
        "l'éclairage public": 2,
    },
    "vieillissement": {
        "le maintien à domicile": 5,
        "l'aide à domicile": 4,
        "l'accueil de jour": 2,
        "le répit des aidants": 3,
        "la livraison de médicaments par la pharmacie": 1,
        "le transport des personnes âgées": 2,
    },
    "participation-citoyenne": {
        "le budget participatif": 3,
        "le conseil de quartier": 3,
        "la concertation": 3,
        "le conseil municipal des jeunes": 1,
        "la consultation des habitants": 2,
    },
}
GENERAL: dict[str, float] = {
    "l'accueil en mairie": 3,
    "le service public de proximité": 3,
    "le transport": 2,
    "l'information des habitants": 2,
}

PUBLICS = [
    "les familles",
    "les personnes âgées",
    "les jeunes de 16 à 25 ans",
    "les habitants",
    "les saisonniers",
    "les aidants",
    "les agriculteurs",
    "les étudiants",
    "les personnes en situation de handicap",
    "les parents d'élèves",
    "les demandeurs d'emploi",
    "les nouveaux arrivants",
    "les familles monoparentales",
    "les travailleurs de nuit",
    "les habitants sans voiture",
]
AGENTS = [
    "les agents d'accueil",
    "les secrétaires de mairie",
    "les travailleurs sociaux",
    "les conseillers numériques",
    "les enseignants",
    "les infirmières libérales",
    "les élus",
    "les bénévoles des associations",
    "les animateurs jeunesse",
]
LIEUX = [
    "des communes rurales",
    "du centre-bourg",
    "des quartiers prioritaires",
    "des îles",
    "du littoral",
    "des hameaux",
    "de l'intérieur",
    "des zones d'activité",
]
DIFFICULTES = [
    "n'ont plus accès {a}",
    "renoncent {a}",
    "attendent des mois pour accéder {a}",
    "ne trouvent pas d'information claire sur {o}",
    "font plus de trente kilomètres pour rejoindre {o}",
    "ne savent pas à qui s'adresser pour {o}",
    "perdent leurs droits faute d'accompagnement vers {o}",
]
ETATS = [
    "ferme deux jours par semaine",
    "n'est plus assuré le mercredi",
    "a été réorganisé sans concertation",
    "manque de personnel depuis la rentrée",
    "ne répond plus au téléphone",
    "est saturé dès le mois de septembre",
    "change d'horaires chaque trimestre",
]
DUREES = ["six mois", "un an", "deux ans", "la dernière rentrée", "la fermeture du guichet",
          "la fin de la ligne du mercredi", "le départ en retraite du dernier médecin"]  # fmt: skip
PERIODES = ["semaine", "mois", "trimestre", "année"]
MANQUES = ["financement", "bénévoles", "coordination", "locaux", "personnel formé",
           "transport", "relais sur place"]  # fmt: skip
ESSAIS = [
    "Une permanence {a} a été testée pendant {d}, puis arrêtée faute de {m}.",
    "La commune a ouvert une ligne téléphonique dédiée {a}, peu connue des habitants.",
    "Un partenariat avec l'association locale a permis d'accompagner une vingtaine de "
    "personnes vers {o}.",
    "Nous avons réuni les partenaires une première fois ; aucune solution durable n'est sortie.",
    "Des navettes ponctuelles ont été organisées vers {o}, sans budget pour les pérenniser.",
]


def a(objet: str) -> str:
    """« à » before the noun: « au transport », « à la gare », « aux urgences »."""
    if objet.startswith("le "):
        return "au " + objet[3:]
    if objet.startswith("les "):
        return "aux " + objet[4:]
    return "à " + objet


def de(objet: str) -> str:
    """« de » before the noun: « du transport », « de la gare », « des urgences »."""
    if objet.startswith("le "):
        return "du " + objet[3:]
    if objet.startswith("les "):
        return "des " + objet[4:]
    return "de " + objet


def majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


class Redacteur:
    """Writes texts with its own random generator: ``Redacteur(alea("problematiques"))``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def objet(self, theme: str) -> str:
        # Now and then a word of another theme or of public services in general: real texts
        # cross themes, and search must find them there too.
        tirage = self.rng.random()
        if tirage < 0.15:
            poids = GENERAL
        elif tirage < 0.3:
            poids = self.rng.choice(list(OBJETS.values()))
        else:
            poids = OBJETS.get(theme, GENERAL)
        return self.rng.choices(list(poids), weights=list(poids.values()))[0]

    def lieu(self, commune: str | None = None) -> str:
        if commune and self.rng.random() < 0.6:
            return f"de {commune}"
        return self.rng.choice(LIEUX)

    def titre(self, theme: str, commune: str | None = None) -> str:
        """A short sentence that says the problem, under 160 characters."""
        objet = self.objet(theme)
        public = self.rng.choice(PUBLICS)
        lieu = self.lieu(commune)
        modele = self.rng.randrange(4)
        if modele == 0:
            texte = f"{majuscule(public)} {lieu} " + self._difficulte(objet)
        elif modele == 1:
            texte = f"{majuscule(objet)} {lieu} {self.rng.choice(ETATS)}"
        elif modele == 2:
            texte = f"L'accès {a(objet)} est devenu difficile pour {public} {lieu}"
        else:
            texte = f"Personne ne coordonne {objet} pour {public} {lieu}"
        return texte[:160]

    def _difficulte(self, objet: str) -> str:
        return self.rng.choice(DIFFICULTES).format(a=a(objet), o=objet)

    def phrase(self, theme: str, commune: str | None = None) -> str:
        objet = self.objet(theme)
        public = self.rng.choice(PUBLICS)
        modele = self.rng.randrange(6)
        if modele == 0:
            return (
                f"Depuis {self.rng.choice(DUREES)}, {public} {self.lieu(commune)} "
                f"{self._difficulte(objet)}."
            )
        if modele == 1:
            return (
                f"{majuscule(objet)} {self.rng.choice(ETATS)}, ce qui oblige {public} à "
                f"s'organiser autrement pour {objet if self.rng.random() < 0.5 else 'se soigner'}."
            )
        if modele == 2:
            return (
                f"{majuscule(self.rng.choice(AGENTS))} constatent que {public} "
                f"{self._difficulte(objet)}."
            )
        if modele == 3:
            return (
                f"Sur notre territoire, {self.rng.randint(12, 900)} personnes sont concernées "
                f"chaque {self.rng.choice(PERIODES)} par {objet}."
            )
        if modele == 4:
            return (
                f"Le manque de {self.rng.choice(MANQUES)} autour {de(objet)} pèse surtout "
                f"sur {public}."
            )
        return (
            f"{majuscule(self.rng.choice(AGENTS))} {self.lieu(commune)} signalent que "
            f"{objet} {self.rng.choice(ETATS)}."
        )

    def paragraphe(self, theme: str, commune: str | None = None, *, phrases: int = 4) -> str:
        return " ".join(self.phrase(theme, commune) for _ in range(phrases))

    def publics(self, theme: str) -> str:
        public = self.rng.choice(PUBLICS)
        return (
            f"{majuscule(public)}, environ {self.rng.randint(20, 3000)} personnes dans "
            f"{self.rng.randint(1, 40)} communes, et {self.rng.choice(AGENTS)} qui les "
            f"accompagnent vers {self.objet(theme)}."
        )

    def essai(self, theme: str) -> str:
        objet = self.objet(theme)
        return self.rng.choice(ESSAIS).format(
            a=a(objet), o=objet, d=self.rng.choice(DUREES), m=self.rng.choice(MANQUES)
        )
