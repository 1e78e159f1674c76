"""Demonstration data of the governance texts: the three-year frame 2025–2027, two versions
of the theory of transformation (the first validated by CODIR with its reasons, the second
published after a consultation whose comments the team answered), two versions of the
selection grid (the second follows the second theory: a criterion added, one reworded, one
reweighted), each criterion with a four-level scale (0 to 3).

Loaded by ``manage.py seed_demo`` (``charger``) after the accounts, problems, communities and
experiments. Each text is keyed on its number (the frame on its title): one that exists is
left as it is, so loading twice changes nothing. Everything goes through the services, as the
team would; they date what they write "now", and the demo then dates it back. A published
version refuses any change in the database: the demo's back-dating is the one place that steps
around that trigger (``pgtrigger.ignore``), right after publishing, to give the texts a past.

The COPIL demo calls :func:`grille_en_vigueur` to get the grid its sessions use (version 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import pgtrigger
from django.utils import timezone

from gouvernance.demo import copil as demo_copil
from gouvernance.models import (
    AvisCodir,
    CadreTriennal,
    Commentaire,
    StatutVersion,
    VersionGrille,
    VersionTheorie,
)
from gouvernance.services import consultation as services_consultation
from gouvernance.services import grille as services_grille
from gouvernance.services import textes as services_textes
from gouvernance.services.cadre import cadre_enregistrer
from gouvernance.services.grille import CritereSaisi
from tilab.comptes.models import Personne

TITRE_CADRE = "Cadre triennal 2025–2027"

ORIENTATIONS = """\
Le CODIR fixe trois orientations au Ti Lab pour 2025–2027.

1. **Faire davantage équipe avec l'écosystème** : s'appuyer sur une diversité de personnes \
relais-complices qui agissent au sein de leur propre organisation, au plus près des \
territoires et des habitants.
2. **Miser sur les dynamiques coopératives** pour identifier et résoudre des problématiques \
issues du terrain, portées par des communautés d'intérêt aux expertises croisées.
3. **Transformer au-delà des personnes** : essaimer vers les organisations, les territoires \
et les politiques publiques, avec une documentation cohérente tournée vers la réutilisation \
et la capacitation.

Le CODIR veille à ce que les engagements de chacun restent cadrés et ponctuels, pour éviter \
l'épuisement des membres de l'écosystème comme de l'équipe.
"""

THEORIE_1 = """\
## L'ambition

Le Ti Lab contribue à la transformation des politiques publiques en Bretagne en faisant \
équipe avec son écosystème : des agents, des élus, des habitants et des partenaires qui \
agissent au sein de leur propre organisation.

## Si…

Si les problématiques travaillées sont issues du terrain, remontées par des relais qui les \
vivent, alors les réponses seront adaptées aux besoins et aux ressources des territoires.

Si une communauté d'intérêt croisant les expertises se constitue autour de chaque \
problématique avant toute expérimentation, alors les projets lancés seront mieux portés.

Si les organisations s'engagent au-delà de l'envoi d'un représentant, par un pacte de \
transformation, alors les agents pourront agir en interne et la transformation durera.

## Alors…

Les expérimentations produisent des réponses documentées, réutilisables comme des communs, \
qui essaiment d'un territoire à l'autre par le pair-à-pair.
"""

THEORIE_2 = """\
## L'ambition

Le Ti Lab contribue à la transformation des politiques publiques en Bretagne en faisant \
équipe avec son écosystème : des agents de terrain, des décideurs, des habitants et des \
partenaires qui agissent au sein de leur propre organisation.

## Si…

Si les problématiques travaillées sont issues du terrain, remontées par des relais qui les \
vivent, alors les réponses seront adaptées aux besoins et aux ressources des territoires.

Si une communauté d'intérêt croisant les expertises se constitue autour de chaque \
problématique, et qu'un territoire se porte volontaire pour expérimenter, alors les projets \
lancés seront mieux portés.

Si les organisations s'engagent au-delà de l'envoi d'un représentant, par un pacte de \
transformation signé par un agent et par un décideur, alors les agents pourront agir en \
interne et la transformation durera.

Si la charge de travail de l'équipe est prise en compte à chaque choix du COPIL, alors \
l'accompagnement restera à la hauteur des engagements pris.

## Alors…

Les expérimentations produisent des réponses documentées, réutilisables comme des communs, \
qui essaiment d'un territoire à l'autre par le pair-à-pair et par les événements régionaux \
de partage de pratiques.
"""

ECHELLES = {
    "besoin": [
        (0, "Besoin isolé, propre à une seule structure"),
        (1, "Besoin partagé localement"),
        (2, "Besoin partagé par plusieurs territoires"),
        (3, "Besoin régional, documenté par des remontées nombreuses"),
    ],
    "communaute": [
        (0, "Aucune communauté"),
        (1, "Quelques personnes intéressées"),
        (2, "Communauté constituée, aux expertises croisées"),
        (3, "Communauté active, territoire volontaire identifié"),
    ],
    "essaimage": [
        (0, "Réponse propre à un seul contexte"),
        (1, "Transposable au prix d'une forte adaptation"),
        (2, "Transposable à d'autres territoires"),
        (3, "Pensée dès le départ comme un commun réutilisable"),
    ],
    "equipe": [
        (0, "L'équipe est saturée"),
        (1, "Possible en reportant d'autres travaux"),
        (2, "Possible dans la charge actuelle"),
        (3, "Charge légère, prestataire déjà identifié"),
    ],
    "implication": [
        (0, "Aucune organisation engagée"),
        (1, "Des représentants présents aux ateliers"),
        (2, "Du temps d'agent garanti par une organisation"),
        (3, "Un pacte de transformation envisagé"),
    ],
    "ancrage": [
        (0, "Aucun lien avec un territoire"),
        (1, "Un territoire intéressé"),
        (2, "Un territoire volontaire"),
        (3, "Plusieurs territoires volontaires, dont un rural"),
    ],
}

GRILLE_1 = [
    CritereSaisi(
        "Ampleur du besoin",
        3,
        ECHELLES["besoin"],
        "Combien d'agents et d'habitants vivent la problématique, sur combien de territoires.",
    ),
    CritereSaisi(
        "Maturité de la communauté",
        3,
        ECHELLES["communaute"],
        "Une communauté d'intérêt s'est-elle constituée autour de la problématique ?",
    ),
    CritereSaisi(
        "Potentiel d'essaimage",
        2,
        ECHELLES["essaimage"],
        "La réponse pourra-t-elle servir ailleurs, comme un commun ?",
    ),
    CritereSaisi(
        "Capacité de l'équipe",
        2,
        ECHELLES["equipe"],
        "La Ti Team peut-elle accompagner l'expérimentation sans s'épuiser ?",
    ),
    CritereSaisi(
        "Implication des organisations",
        2,
        ECHELLES["implication"],
        "Les organisations s'engagent-elles au-delà de l'envoi d'un représentant ?",
    ),
]

GRILLE_2 = [
    GRILLE_1[0],
    GRILLE_1[1],
    # Reweighted: the theory's version 2 puts essaimage at the heart of « Alors… ».
    CritereSaisi("Potentiel d'essaimage", 3, ECHELLES["essaimage"], GRILLE_1[2].description),
    GRILLE_1[3],
    # Reworded: the pacts are signed by an agent and a decision-maker.
    CritereSaisi(
        "Implication des agents et des décideurs",
        2,
        ECHELLES["implication"],
        "Les organisations s'engagent-elles au-delà de l'envoi d'un représentant, avec un "
        "agent de terrain et un décideur ?",
    ),
    # Added: a volunteer territory is now part of the theory.
    CritereSaisi(
        "Ancrage territorial",
        2,
        ECHELLES["ancrage"],
        "Un territoire se porte-t-il volontaire pour expérimenter ?",
    ),
]

# (author's demo e-mail, paragraph or None, comment, the team's answer or "")
COMMENTAIRES_V2 = [
    (
        "relais@demo.tilab.bzh",
        4,
        "Un territoire volontaire, c'est bien, mais qui le désigne ? La commune, "
        "l'intercommunalité, le département ?",
        "Le territoire volontaire est noté par l'équipe sur la page de la problématique, avec "
        "la délibération ou le courrier qui l'engage : commune comme intercommunalité.",
    ),
    (
        "copil@demo.tilab.bzh",
        6,
        "Merci d'avoir ajouté la charge de l'équipe : c'est ce que le COPIL demandait depuis "
        "la première session.",
        "",
    ),
    (
        "documentation@demo.tilab.bzh",
        7,
        "Les événements régionaux nourrissent la documentation : pourrait-on le dire ?",
        "Bonne idée : ce sera précisé dans la prochaine version ; la documentation reste un "
        "engagement de chaque projet.",
    ),
    (
        "relais@demo.tilab.bzh",
        None,
        "La version est plus claire que la première. Reste à dire comment un habitant peut "
        "faire remonter une problématique sans passer par sa collectivité.",
        "Tout membre connecté peut remonter une problématique depuis le site ; les relais "
        "aident à la formuler. Nous l'ajouterons à la page « Comment ça marche ».",
    ),
    (
        "recherche@demo.tilab.bzh",
        None,
        "La théorie gagnerait à citer les communautés thématiques de recherche, qui "
        "documentent au-delà d'un seul projet.",
        "Noté pour la version 3, avec l'équipe Recherche.",
    ),
]

CADRE_DEBUT, CADRE_FIN, CADRE_CODIR = date(2025, 1, 1), date(2027, 12, 31), date(2024, 12, 5)
# version → (consultation start, end, publication day)
DATES_THEORIE = {
    1: (date(2025, 2, 3), date(2025, 2, 28), date(2025, 3, 14)),
    2: (date(2026, 9, 1), date(2026, 9, 30), date(2026, 10, 15)),
}
DATES_GRILLE = {1: date(2025, 4, 2), 2: date(2026, 10, 22)}
AVIS_V1 = (
    date(2025, 4, 10),
    "Le CODIR valide la version 1 : elle traduit les trois orientations du cadre 2025–2027 "
    "et fait de la communauté d'intérêt le préalable à toute expérimentation. Il demande "
    "qu'une prochaine version dise comment la charge de l'équipe est prise en compte.",
)


def charger() -> None:
    """Create the demo texts that are not there yet, then the COPIL's sessions, which score
    against the grid in force."""
    charger_textes()
    demo_copil.charger()


def charger_textes() -> None:
    direction = _personne("direction@demo.tilab.bzh")
    coordination = _personne("coordination@demo.tilab.bzh")
    if direction is None or coordination is None:
        return  # the accounts' demo was not loaded
    _charger_cadre(direction)
    v1 = _theorie(coordination, 1, THEORIE_1, "La première version, écrite avec les relais.")
    _avis_v1(v1)
    _grille(coordination, 1, v1, GRILLE_1, "La première grille du COPIL.")
    v2 = _theorie(
        coordination,
        2,
        THEORIE_2,
        "Le territoire volontaire, les pactes signés par un agent et un décideur, la charge "
        "de l'équipe.",
        commentaires=COMMENTAIRES_V2,
    )
    _grille(
        coordination,
        2,
        v2,
        GRILLE_2,
        "Suit la version 2 de la théorie : « Ancrage territorial » ajouté, l'implication "
        "reformulée, l'essaimage repondéré.",
    )


def grille_en_vigueur() -> VersionGrille | None:
    """The grid in force once the demo texts are loaded (version 2): the COPIL's demo
    sessions score against it."""
    charger_textes()
    return VersionGrille.objects.en_vigueur()


def _personne(email: str) -> Personne | None:
    return Personne.objects.filter(email=email).first()


def _a_midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12)))


@contextmanager
def _dater_le_passe() -> Iterator[None]:
    """The published versions' triggers stepped around, for the back-dating only."""
    with pgtrigger.ignore(
        "gouvernance.VersionTheorie:theorie_publiee_immuable",
        "gouvernance.VersionGrille:grille_publiee_immuable",
    ):
        yield


def _charger_cadre(direction: Personne) -> None:
    if CadreTriennal.objects.filter(titre=TITRE_CADRE).exists():
        return
    if CadreTriennal.objects.filter(debut__lte=CADRE_FIN, fin__gte=CADRE_DEBUT).exists():
        return  # another frame holds the period: left as it is
    cadre_enregistrer(
        par=direction,
        titre=TITRE_CADRE,
        debut=CADRE_DEBUT,
        fin=CADRE_FIN,
        orientations=ORIENTATIONS,
        reunion_codir_le=CADRE_CODIR,
        reunion_codir_note="Réunion du CODIR à Rennes, avec la Région et les partenaires "
        "fondateurs : le cadre a été adopté à l'unanimité.",
    )
    CadreTriennal.objects.filter(titre=TITRE_CADRE).update(cree_le=_a_midi(CADRE_CODIR))


def _theorie(
    coordination: Personne,
    numero: int,
    texte: str,
    note: str,
    commentaires: list[tuple[str, int | None, str, str]] | None = None,
) -> VersionTheorie:
    existante = VersionTheorie.objects.filter(numero=numero).first()
    if existante is not None:
        return existante
    debut, fin, publiee = DATES_THEORIE[numero]
    v = services_textes.theorie_rediger(par=coordination, texte=texte, note_de_version=note)
    jour = timezone.localdate()
    # Opened today so that the ecosystem's comments go through the service, then dated back.
    v = services_textes.theorie_ouvrir_consultation(
        par=coordination, version=v, debut=jour, fin=jour
    )
    for i, (email, paragraphe, commentaire, reponse) in enumerate(commentaires or []):
        auteur = _personne(email)
        if auteur is None:
            continue
        c = services_consultation.commentaire_ajouter(
            par=auteur, version=v, texte=commentaire, paragraphe=paragraphe
        )
        le = _a_midi(debut + timedelta(days=3 + 4 * i))
        if reponse:
            services_consultation.commentaire_repondre(
                par=coordination, commentaire=c, reponse=reponse
            )
        Commentaire.objects.filter(pk=c.pk).update(
            cree_le=le, repondu_le=le + timedelta(days=2) if reponse else None
        )
    v = services_textes.theorie_publier(par=coordination, version=v)
    with _dater_le_passe():
        VersionTheorie.objects.filter(pk=v.pk).update(
            consultation_debut=debut,
            consultation_fin=fin,
            publiee_le=_a_midi(publiee),
            cree_le=_a_midi(debut - timedelta(days=20)),
        )
    v.refresh_from_db()
    return v


def _avis_v1(v1: VersionTheorie) -> None:
    if AvisCodir.objects.filter(version=v1).exists():
        return
    codir = _personne("codir@demo.tilab.bzh")
    if codir is None or v1.statut != StatutVersion.PUBLIEE:
        return
    le, motifs = AVIS_V1
    services_textes.avis_codir_enregistrer(par=codir, version=v1, valide=True, le=le, motifs=motifs)


def _grille(
    coordination: Personne,
    numero: int,
    theorie: VersionTheorie,
    criteres: list[CritereSaisi],
    note: str,
) -> VersionGrille | None:
    existante = VersionGrille.objects.filter(numero=numero).first()
    if existante is not None:
        return existante
    if VersionGrille.objects.filter(numero__gt=numero).exists():
        return None
    v = services_grille.grille_rediger(par=coordination, theorie=theorie, note_de_version=note)
    services_grille.grille_ecrire(par=coordination, version=v, criteres=criteres)
    v = services_grille.grille_publier(par=coordination, version=v)
    publiee = _a_midi(DATES_GRILLE[numero])
    with _dater_le_passe():
        VersionGrille.objects.filter(pk=v.pk).update(
            publiee_le=publiee, cree_le=publiee - timedelta(days=10)
        )
    v.refresh_from_db()
    return v
