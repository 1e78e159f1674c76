"""Demonstration data of experimentations: a dozen experiments in every state, with their
phases, participants, providers and budget lines; pacts of transformation in every state; the
yearly budget for providers; three coordinators with their capacity, one of them beyond it.

Loaded by ``manage.py seed_demo`` after the accounts, the problems and the communities
(``INSTALLED_APPS`` order). Each experiment is keyed on its demo problem: one that exists is
left as it is, with its pacts, so loading twice changes nothing. The two coordinators and the
partners' signatories added here are keyed on their e-mail address; budgets on their year;
capacities are set once per coordinator.

The communities of interest of the communities' demo keep their problems (one of them shows a
community mature but for its territory): the experiments come from other problems, put in
state ``retenue`` directly, as the problems' demo does for the COPIL states (the COPIL's step
belongs to a later part of the portal). Everything else goes through
the services, as the team and the partners would: ``experimentation_creer``, its state
changes, ``phase_enregistrer``, ``participant_ajouter``, ``prestataire_ajouter``,
``ligne_budget_ajouter``, ``capacite_fixer`` and the pacts' ``pacte_creer`` … ``pacte_signer``
(each signatory confirming with their own account) … ``pacte_amender``; none of them sends an
e-mail. They date what they write "now": the demo then dates it back (creation, state changes,
journal entries, proposals and signatures) so that the experiments have a past.

What the demo shows: Maëlle Riou (``coordination@demo.tilab.bzh``) runs four experiments for a
capacity of three; the pact of Lannion-Trégor Communauté is signed, and the 0.1 FTE it
guarantees is Mikaël Le Bourhis's contractual commitment in the community the experiment works
with (« Mobilités du quotidien en milieu rural »); the pact of Carhaix-Plouguer waits for the
confirmation of ``relais@demo.tilab.bzh`` (who can log in and sign it) and of the deputy
mayor; Lorient Agglomération's pact was amended, its first version replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from communautes.models import Communaute, communaute_de
from experimentations.models import (
    ORDRE_DES_PHASES,
    ActionExperimentation,
    BudgetAnnuel,
    Capacite,
    Experimentation,
    Pacte,
    QualiteSignataire,
    RoleParticipant,
    Signataire,
    StatutExperimentation,
    StatutPacte,
    TypeEngagementPacte,
    TypePhase,
)
from experimentations.services import experimentations as services
from experimentations.services import pactes as services_pactes
from experimentations.services.pactes import EngagementSaisi, SignataireSaisi
from problematiques.models import Problematique, Statut
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import (
    Expertise,
    Organisation,
    Personne,
    Territoire,
    TypeOrganisation,
)

SE = StatutExperimentation
SP = StatutPacte
R = RoleParticipant
P = TypePhase
E = TypeEngagementPacte
Q = QualiteSignataire

# The people the demo names, by key: the accounts of tilab.comptes.demo, the relays of the
# problems' demo, and those added below.
COMPTES = {
    "coordination": "coordination@demo.tilab.bzh",
    "direction": "direction@demo.tilab.bzh",
    "relais": "relais@demo.tilab.bzh",
    "tugdual": "tugdual.leroux@demo.tilab.bzh",
    "julien": "julien.hamon@demo.tilab.bzh",
    "fatima": "fatima.benali@demo.tilab.bzh",
    "anne": "anne.gourlay@demo.tilab.bzh",
    "katell": "katell.prigent@demo.tilab.bzh",
    "morgane": "morgane.jego@demo.tilab.bzh",
    "ronan": "ronan.lecam@demo.tilab.bzh",
    "claire": "claire.bazin@demo.tilab.bzh",
    "mathieu": "mathieu.quere@demo.tilab.bzh",
}

# Two more coordinators, and the partners' agents and decision-makers who sign the pacts.
# They do not log in (no password), but each has a verified address: a signatory confirms
# with their own account. key -> (e-mail, first name, last name, organisation, function,
# expertise, role, shown by name)
PERSONNES_DEMO: dict[str, tuple[str, str, str, str, str, str, str, bool]] = {
    "nolwenn": ("nolwenn.cariou@demo.tilab.bzh", "Nolwenn", "Cariou", "ti-lab",
                "Coordinatrice des expérimentations", Expertise.EXPERT_METIER,
                regles_comptes.COORDINATION, True),
    "tristan": ("tristan.morvan@demo.tilab.bzh", "Tristan", "Morvan", "ti-lab",
                "Coordinateur des expérimentations", Expertise.EXPERT_METIER,
                regles_comptes.COORDINATION, False),
    "mikael": ("mikael.le-bourhis@demo.tilab.bzh", "Mikaël", "Le Bourhis",
               "lannion-tregor-communaute", "Chargé du transport à la demande",
               Expertise.AGENT_TERRAIN, regles_comptes.RELAIS, True),
    "annick": ("annick.salaun@demo.tilab.bzh", "Annick", "Salaün", "lannion-tregor-communaute",
               "Vice-présidente chargée des mobilités", Expertise.DECIDEUR,
               regles_comptes.RELAIS, True),
    "marie": ("marie.le-coz@demo.tilab.bzh", "Marie", "Le Coz", "commune-de-carhaix-plouguer",
              "Adjointe au maire chargée de la santé", Expertise.DECIDEUR, regles_comptes.RELAIS,
              True),
    "elodie": ("elodie.caroff@demo.tilab.bzh", "Élodie", "Caroff", "ville-de-brest",
               "Adjointe au maire chargée des solidarités", Expertise.DECIDEUR,
               regles_comptes.RELAIS, True),
    "yves": ("yves.le-garrec@demo.tilab.bzh", "Yves", "Le Garrec", "lorient-agglomeration",
             "Vice-président chargé de l'alimentation", Expertise.DECIDEUR,
             regles_comptes.RELAIS, True),
    "helene": ("helene.le-bras@demo.tilab.bzh", "Hélène", "Le Bras", "rennes-metropole",
               "Vice-présidente chargée de la jeunesse", Expertise.DECIDEUR,
               regles_comptes.RELAIS, True),
    "gaelle": ("gaelle.rolland@demo.tilab.bzh", "Gaëlle", "Rolland", "departement-ille-et-vilaine",
               "Chargée de mission restauration collective", Expertise.AGENT_TERRAIN,
               regles_comptes.RELAIS, False),
    "thierry": ("thierry.hamel@demo.tilab.bzh", "Thierry", "Hamel", "departement-ille-et-vilaine",
                "Directeur de l'éducation et des collèges", Expertise.DECIDEUR,
                regles_comptes.RELAIS, True),
}  # fmt: skip

# Providers the experiments pay: slug -> (name, kind, territory slug).
PRESTATAIRES_DEMO = {
    "studio-kerlann": ("Studio Kerlann — design de services publics", "rennes"),
    "cabinet-ar-vro": ("Cabinet Ar Vro — évaluation des politiques publiques", "quimper"),
}

# Each coordinator's capacities, oldest first: (number, days ago, note).
CAPACITES: dict[str, list[tuple[int, int, str]]] = {
    "coordination": [
        (4, 330, "Capacité de départ."),
        (3, 40, "Passage à 80 % depuis la rentrée : une expérimentation de moins."),
    ],
    "nolwenn": [(3, 210, "Arrivée dans l'équipe.")],
    "tristan": [(2, 160, "Mi-temps partagé avec la Région.")],
}
# The Direction's operating budget for providers: (years from now, euros).
BUDGETS = [(0, Decimal("120000")), (-1, Decimal("95000"))]

# The weight of each phase in an experiment's plan (their share of its planned time).
POIDS_DES_PHASES = {P.CADRAGE: 2, P.IMMERSION: 3, P.PROTOTYPAGE: 4, P.TEST: 4, P.EVALUATION: 2,
                    P.ESSAIMAGE: 4}  # fmt: skip
COMPTES_RENDUS = {
    P.CADRAGE: "Le périmètre, les personnes à associer et les critères de réussite sont posés "
    "avec le territoire d'accueil.",
    P.IMMERSION: "Deux semaines aux côtés des agents et des habitants : **ce qui bloque** vient "
    "d'eux, pas d'un tableau de bord.",
    P.PROTOTYPAGE: "Trois pistes maquettées avec les usagers, une retenue pour le test.",
    P.TEST: "Le prototype tourne en conditions réelles sur une partie du territoire.",
    P.EVALUATION: "Entretiens et chiffres de fréquentation : ce qui a marché, ce qui n'a pas "
    "tenu, ce qu'il faudrait pour durer.",
    P.ESSAIMAGE: "La fiche pratique est publiée ; deux collectivités voisines se lancent.",
}


@dataclass(frozen=True)
class LigneDemo:
    """Counted against the budget of the year its phase was planned to begin."""

    libelle: str
    montant: int
    phase: TypePhase


@dataclass(frozen=True)
class PrestataireDemo:
    organisation: str  # slug
    objet: str
    lignes: tuple[LigneDemo, ...]


@dataclass(frozen=True)
class EngagementDemo:
    type: TypeEngagementPacte
    description: str
    quantite: str = ""
    unite: str = ""
    personne: str = ""  # key of a person


@dataclass(frozen=True)
class PacteDemo:
    organisation: str  # slug
    statut: StatutPacte  # where it ends
    depuis: int  # days since its draft
    duree: int  # days of its period, from its draft
    engagements: tuple[EngagementDemo, ...]
    signataires: tuple[tuple[str, QualiteSignataire], ...]
    preambule: str = ""
    motif: str = ""  # of a broken pact
    # Amended once: its new version signed and running, the first one replaced.
    amende: bool = False


@dataclass(frozen=True)
class ExperimentationDemo:
    probleme: str  # slug of the demo problem
    coordinateur: str  # key
    statut: StatutExperimentation
    age: int  # days since it was created
    titre: str
    resume: str
    participants: tuple[tuple[str, str, RoleParticipant], ...]  # organisation, person, role
    prestataires: tuple[PrestataireDemo, ...] = ()
    pactes: tuple[PacteDemo, ...] = ()
    motif: str = ""  # of its suspension or its end
    communaute: str = ""  # slug, when not its problem's community of interest
    # Days before today when it was suspended or ended (and, once essaimée, spread).
    fin_il_y_a: int = 0
    essaimee_il_y_a: int = 0


XP = ExperimentationDemo
ENG = EngagementDemo

EXPERIMENTATIONS: list[ExperimentationDemo] = [
    # --- Running: Maëlle Riou (four, for a capacity of three), Nolwenn Cariou
    XP(
        "vannes-les-residents-des-ehpad-ne-sortent-presque-jamais",
        "coordination",
        SE.EN_COURS,
        30,
        "Des sorties hebdomadaires pour les résidents des EHPAD de Vannes",
        "Des bénévoles du quartier et des lycéens accompagnent les résidents qui le souhaitent "
        "**une fois par semaine**, au marché, au café ou au cinéma.",
        (
            ("departement-morbihan", "", R.PORTEUR),
            ("centre-social-intercommunal-porhoet", "", R.PARTENAIRE),
            ("studio-kerlann", "", R.PRESTATAIRE),
        ),
        prestataires=(
            PrestataireDemo(
                "studio-kerlann",
                "Concevoir les sorties avec les résidents et les équipes",
                (LigneDemo("Immersion dans deux établissements", 6400, P.IMMERSION),),
            ),
        ),
    ),
    XP(
        "lorient-les-repas-des-epiceries-solidaires-manquent-de-produits-frais",
        "coordination",
        SE.EN_COURS,
        160,
        "Des légumes frais pour les épiceries solidaires du pays de Lorient",
        "Relier les producteurs du pays de Lorient aux épiceries solidaires grâce aux "
        "invendus des marchés et à une **tournée mutualisée**.",
        (
            ("lorient-agglomeration", "", R.PORTEUR),
            ("lorient-agglomeration", "fatima", R.PARTENAIRE),
            ("centre-social-intercommunal-porhoet", "", R.PARTENAIRE),
            ("scop-terres-et-usages", "", R.PRESTATAIRE),
        ),
        prestataires=(
            PrestataireDemo(
                "scop-terres-et-usages",
                "Organiser et tester la tournée mutualisée",
                (
                    LigneDemo("Diagnostic des flux d'invendus", 4800, P.IMMERSION),
                    LigneDemo("Trois mois de tournée test", 12500, P.TEST),
                ),
            ),
        ),
        pactes=(
            PacteDemo(
                "lorient-agglomeration",
                SP.EN_COURS,
                130,
                540,
                (
                    ENG(E.IMMERSION, "Accueil de l'équipe dans les deux marchés de gros."),
                    ENG(E.FINANCEMENT, "Prise en charge du camion de la tournée.", "9000", "euros"),
                    ENG(
                        E.PARRAIN,
                        "Yves Le Garrec porte le sujet au bureau communautaire.",
                        personne="yves",
                    ),
                ),
                (("fatima", Q.AGENT), ("yves", Q.DECIDEUR)),
                amende=True,
            ),
        ),
    ),
    XP(
        "les-habitants-des-hameaux-du-tregor-ne-peuvent-plus-aller-a-leurs-rendez-vous-medicaux",
        "coordination",
        SE.EN_COURS,
        40,
        "Un transport à la demande qui suit les rendez-vous médicaux dans le Trégor",
        "Réserver le transport à la demande **en même temps** que le rendez-vous médical, "
        "avec les secrétariats des cabinets.",
        (
            ("lannion-tregor-communaute", "ronan", R.PORTEUR),
            ("lannion-tregor-communaute", "mikael", R.PARTENAIRE),
            ("association-mobilite-solidaire-argoat", "katell", R.PARTENAIRE),
            ("laboratoire-sciences-sociales-territoires", "anne", R.CHERCHEUR),
            ("cabinet-ar-vro", "", R.PRESTATAIRE),
        ),
        prestataires=(
            PrestataireDemo(
                "cabinet-ar-vro",
                "Mesurer les rendez-vous tenus et manqués avant et après",
                (LigneDemo("Relevés auprès de six cabinets médicaux", 4200, P.EVALUATION),),
            ),
        ),
        pactes=(
            PacteDemo(
                "lannion-tregor-communaute",
                SP.SIGNE,
                30,
                365,
                (
                    ENG(
                        E.ETP,
                        "Un dixième du temps de Mikaël Le Bourhis pour caler le transport à la "
                        "demande sur les rendez-vous, avec les secrétariats médicaux.",
                        "0.1",
                        "ETP",
                        "mikael",
                    ),
                    ENG(
                        E.PARRAIN,
                        "Annick Salaün suit l'expérimentation et en rend compte au conseil "
                        "communautaire.",
                        personne="annick",
                    ),
                    ENG(E.DONNEES, "Les réservations du transport à la demande sur deux ans."),
                ),
                (("mikael", Q.AGENT), ("annick", Q.DECIDEUR)),
                preambule="Lannion-Trégor Communauté veut qu'un rendez-vous médical ne soit "
                "plus manqué faute de transport.",
            ),
        ),
        communaute="mobilites-du-quotidien-en-milieu-rural",
    ),
    XP(
        "pontivy-les-habitants-ne-savent-pas-ou-faire-leurs-demarches-depuis-la-fermeture-de-la-"
        "sous-prefecture",
        "coordination",
        SE.EN_PREPARATION,
        15,
        "Un guichet unique itinérant autour de Pontivy",
        "Tester un guichet qui se déplace de bourg en bourg, tenu à tour de rôle par les "
        "services de l'État, du Département et de la CAF.",
        (
            ("commune-de-pontivy", "morgane", R.PORTEUR),
            ("prefecture-region-bretagne", "", R.PARTENAIRE),
        ),
        communaute="archipel-accueil-de-proximite",
    ),
    XP(
        "les-medecins-partant-a-la-retraite-ne-sont-pas-remplaces-a-carhaix",
        "nolwenn",
        SE.EN_COURS,
        150,
        "Faire venir de jeunes médecins à Carhaix par l'accueil, pas par les primes",
        "Accueillir les internes en médecine comme des habitants : logement, réseau, place "
        "pour le conjoint. Le test porte sur **deux promotions d'internes**.",
        (
            ("commune-de-carhaix-plouguer", "relais", R.PORTEUR),
            ("poher-communaute", "", R.TERRITOIRE_ACCUEIL),
            ("cabinet-ar-vro", "", R.PRESTATAIRE),
        ),
        prestataires=(
            PrestataireDemo(
                "cabinet-ar-vro",
                "Évaluer l'accueil des internes",
                (LigneDemo("Entretiens et questionnaire de suivi", 7300, P.EVALUATION),),
            ),
        ),
        pactes=(
            PacteDemo(
                "commune-de-carhaix-plouguer",
                SP.PROPOSE,
                12,
                365,
                (
                    ENG(
                        E.ETP,
                        "Un dixième du temps de Gwenaëlle Le Goff pour l'accueil des internes.",
                        "0.1",
                        "ETP",
                        "relais",
                    ),
                    ENG(E.IMMERSION, "Deux logements communaux réservés aux internes."),
                ),
                (("relais", Q.AGENT), ("marie", Q.DECIDEUR)),
                preambule="La commune s'engage à accueillir les internes comme des habitants.",
            ),
        ),
    ),
    XP(
        "vitre-les-salaries-de-lagroalimentaire-travaillent-loin-des-transports-en-commun",
        "nolwenn",
        SE.EN_PREPARATION,
        10,
        "Des navettes partagées entre les usines de Vitré",
        "Mutualiser entre employeurs des navettes calées sur les horaires d'équipe.",
        (("ville-de-vitre", "claire", R.PORTEUR),),
    ),
    XP(
        "les-demarches-de-la-caf-en-ligne-sont-inaccessibles-aux-personnes-qui-lisent-mal",
        "tristan",
        SE.EN_PREPARATION,
        20,
        "Des démarches de la CAF écrites en facile à lire et à comprendre",
        "Réécrire avec des personnes qui lisent mal les cinq démarches les plus demandées, "
        "et mesurer ce que cela change au guichet.",
        (("association-numerique-pour-tous-cornouaille", "mathieu", R.PORTEUR),),
    ),
    # --- Suspended
    XP(
        "les-producteurs-locaux-ne-peuvent-pas-repondre-aux-marches-des-cantines",
        "nolwenn",
        SE.SUSPENDUE,
        110,
        "Des lots de marchés publics à la taille des producteurs locaux",
        "Découper les marchés des cantines des collèges en lots que les producteurs locaux "
        "peuvent emporter.",
        (
            ("departement-ille-et-vilaine", "", R.PORTEUR),
            ("scop-terres-et-usages", "", R.PARTENAIRE),
        ),
        pactes=(
            PacteDemo(
                "departement-ille-et-vilaine",
                SP.BROUILLON,
                30,
                365,
                (
                    ENG(
                        E.ETP,
                        "Un cinquième du temps de Gaëlle Rolland pour réécrire les "
                        "cahiers des charges.",
                        "0.2",
                        "ETP",
                        "gaelle",
                    ),
                    ENG(E.DONNEES, "Les volumes achetés par chaque collège sur trois ans."),
                ),
                (("gaelle", Q.AGENT), ("thierry", Q.DECIDEUR)),
            ),
        ),
        motif="Le renouvellement des marchés est repoussé d'un an : l'expérimentation reprendra "
        "avec le nouveau calendrier.",
        fin_il_y_a=25,
    ),
    # --- Ended
    XP(
        "les-secretaires-de-mairie-des-petites-communes-sont-seules-face-aux-marches-publics",
        "nolwenn",
        SE.TERMINEE,
        220,
        "Une hotline marchés publics pour les secrétaires de mairie",
        "Une permanence téléphonique tenue par les acheteurs du Département pour les "
        "communes de moins de 2 000 habitants.",
        (
            ("departement-cotes-d-armor", "", R.PORTEUR),
            ("", "relais", R.USAGER),
        ),
        prestataires=(
            PrestataireDemo(
                "cabinet-ar-vro",
                "Évaluation de la permanence",
                (LigneDemo("Analyse des appels et entretiens", 5200, P.EVALUATION),),
            ),
        ),
        motif="Le test a répondu à la question : la permanence est reprise par le Département "
        "dans son offre d'ingénierie.",
        fin_il_y_a=15,
    ),
    XP(
        "le-numerique-eloigne-les-aidants-familiaux-des-services-qui-pourraient-les-soulager",
        "tristan",
        SE.TERMINEE,
        150,
        "Un carnet papier et numérique pour les aidants familiaux",
        "Un carnet qui rassemble les aides et les contacts, en papier d'abord, pour ceux qui "
        "n'ouvrent pas d'application.",
        (
            ("ville-de-brest", "tugdual", R.PORTEUR),
            ("association-numerique-pour-tous-cornouaille", "mathieu", R.PARTENAIRE),
        ),
        motif="Les aidants rencontrés n'utilisaient pas le carnet au-delà du premier mois : "
        "l'expérimentation s'arrête, ses enseignements sont documentés.",
        fin_il_y_a=20,
    ),
    # --- Spread
    XP(
        "les-personnes-agees-isolees-de-brest-ne-sont-reperees-quen-cas-de-canicule",
        "coordination",
        SE.ESSAIMEE,
        290,
        "Repérer l'isolement des aînés de Brest toute l'année",
        "Facteurs, pharmaciens et commerçants signalent, avec l'accord des personnes, ceux qui "
        "ne sortent plus ; le CCAS rappelle **dans la semaine**.",
        (
            ("ville-de-brest", "tugdual", R.PORTEUR),
            ("ville-de-brest", "elodie", R.TERRITOIRE_ACCUEIL),
            ("laboratoire-sciences-sociales-territoires", "anne", R.CHERCHEUR),
            ("studio-kerlann", "", R.PRESTATAIRE),
        ),
        prestataires=(
            PrestataireDemo(
                "studio-kerlann",
                "Concevoir le signalement avec les commerçants",
                (
                    LigneDemo("Immersion dans trois quartiers", 5600, P.IMMERSION),
                    LigneDemo("Prototype du carnet de signalement", 7400, P.PROTOTYPAGE),
                    LigneDemo("Fiche pratique et kit d'essaimage", 3900, P.ESSAIMAGE),
                ),
            ),
        ),
        pactes=(
            PacteDemo(
                "ville-de-brest",
                SP.HONORE,
                260,
                200,
                (
                    ENG(
                        E.ETP,
                        "Un dixième du temps de Tugdual Le Roux pour animer le réseau "
                        "des signaleurs.",
                        "0.1",
                        "ETP",
                        "tugdual",
                    ),
                    ENG(
                        E.PARRAIN,
                        "Élodie Caroff porte l'expérimentation au conseil municipal.",
                        personne="elodie",
                    ),
                ),
                (("tugdual", Q.AGENT), ("elodie", Q.DECIDEUR)),
            ),
        ),
        motif="Les signalements arrivent toute l'année et le CCAS a pérennisé le dispositif.",
        fin_il_y_a=70,
        essaimee_il_y_a=40,
    ),
    XP(
        "bruz-les-jeunes-en-service-civique-abandonnent-en-cours-de-mission",
        "tristan",
        SE.ESSAIMEE,
        300,
        "Tenir sa mission de service civique jusqu'au bout",
        "Un tuteur hors de la structure d'accueil et une aide au logement dès le premier mois.",
        (
            ("rennes-metropole", "julien", R.PORTEUR),
            ("", "julien", R.USAGER),
        ),
        pactes=(
            PacteDemo(
                "rennes-metropole",
                SP.ROMPU,
                270,
                365,
                (
                    ENG(
                        E.ETP,
                        "Un dixième du temps de Julien Hamon pour le tutorat.",
                        "0.1",
                        "ETP",
                        "julien",
                    ),
                    ENG(E.PARRAIN, "Hélène Le Bras suit l'expérimentation.", personne="helene"),
                ),
                (("julien", Q.AGENT), ("helene", Q.DECIDEUR)),
                motif="Réorganisation du service jeunesse : le temps promis n'a pas pu être "
                "dégagé après le sixième mois.",
            ),
        ),
        motif="Deux tiers des volontaires suivis sont allés au bout de leur mission.",
        fin_il_y_a=90,
        essaimee_il_y_a=30,
    ),
]


@transaction.atomic
def charger() -> None:
    """Create the demo experiments that are not there yet, and what goes with them."""
    maintenant = timezone.now()
    organisations = _charger_prestataires()
    personnes = _charger_personnes(organisations)
    _charger_budgets(maintenant)
    _charger_capacites(personnes, maintenant)
    pactes: list[tuple[int, _Experimentation, PacteDemo]] = []
    for demo in EXPERIMENTATIONS:
        probleme = Problematique.objects.filter(slug=demo.probleme).first()
        if probleme is None or hasattr(probleme, "experimentation"):
            # Not loaded (the problems' demo was not), or already there: left as it is.
            continue
        experimentation = _Experimentation(demo, probleme, personnes, organisations, maintenant)
        experimentation.charger()
        pactes += [(-p.depuis, experimentation, p) for p in demo.pactes]
    # Drafted in the order of their dates: their numbers follow each other.
    for _jours, experimentation, pacte in sorted(pactes, key=lambda t: t[0]):
        experimentation.pacte(pacte)


def _charger_prestataires() -> dict[str, Organisation]:
    territoires = {t.slug: t for t in Territoire.objects.filter(
        slug__in=[t for _n, t in PRESTATAIRES_DEMO.values()]
    )}  # fmt: skip
    for slug, (nom, territoire) in PRESTATAIRES_DEMO.items():
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "nom": nom,
                "type": TypeOrganisation.ENTREPRISE,
                "territoire": territoires.get(territoire),
            },
        )
    return {o.slug: o for o in Organisation.objects.all()}


def _charger_personnes(organisations: dict[str, Organisation]) -> dict[str, Personne]:
    personnes = {
        cle: p
        for cle, email in COMPTES.items()
        if (p := Personne.objects.filter(email=email).first()) is not None
    }
    groupes = {g.name: g for g in Group.objects.all()}
    for cle, (email, prenom, nom, org, fonction, expertise, role, public) in PERSONNES_DEMO.items():
        personne, cree = Personne.objects.get_or_create(
            email=email,
            defaults={
                "first_name": prenom,
                "last_name": nom,
                "organisation": organisations[org],
                "fonction": fonction,
                "expertises": [str(expertise)],
                "profil_public": public,
            },
        )
        if cree:
            personne.set_unusable_password()
            personne.save(update_fields=["password"])
            personne.groups.add(groupes[role])
        personnes[cle] = personne
    # A signatory confirms a pact with their own account, whose address is verified.
    signataires = {
        cle for demo in EXPERIMENTATIONS for pacte in demo.pactes for cle, _q in pacte.signataires
    }
    for cle in sorted(signataires & personnes.keys()):
        personne = personnes[cle]
        EmailAddress.objects.get_or_create(
            user=personne, email=personne.email, defaults={"verified": True, "primary": True}
        )
    return personnes


def _charger_budgets(maintenant: datetime) -> None:
    for decalage, montant in BUDGETS:
        BudgetAnnuel.objects.update_or_create(
            annee=maintenant.year + decalage, defaults={"montant": montant}
        )


def _charger_capacites(personnes: dict[str, Personne], maintenant: datetime) -> None:
    direction = personnes.get("direction")
    if direction is None:
        return
    for cle, capacites in CAPACITES.items():
        coordinateur = personnes.get(cle)
        if coordinateur is None or Capacite.objects.filter(coordinateur=coordinateur).exists():
            continue
        for nombre, jours, note in capacites:
            capacite = services.capacite_fixer(
                par=direction, coordinateur=coordinateur, nombre=nombre, note=note
            )
            Capacite.objects.filter(pk=capacite.pk).update(
                depuis=maintenant - timedelta(days=jours)
            )


@contextmanager
def _date(experimentation: Experimentation, quand: datetime) -> Iterator[None]:
    """The journal entries written inside the block are dated ``quand`` (demo only: the
    journal refuses updates, hence its base manager)."""
    dernier = ActionExperimentation._base_manager.filter(experimentation=experimentation).aggregate(
        n=Max("pk")
    )["n"]
    yield
    nouvelles = ActionExperimentation._base_manager.filter(experimentation=experimentation)
    if dernier is not None:
        nouvelles = nouvelles.filter(pk__gt=dernier)
    nouvelles.update(le=quand)


@dataclass
class _Experimentation:
    """One demo experiment, written through the services, then dated back."""

    demo: ExperimentationDemo
    probleme: Problematique
    personnes: dict[str, Personne]
    organisations: dict[str, Organisation]
    maintenant: datetime
    experimentation: Experimentation = field(init=False)
    plan: dict[TypePhase, tuple[date, date]] = field(init=False)

    def jour(self, jours_depuis_creation: float) -> datetime:
        """A moment after the creation, never after now."""
        creee = self.maintenant - timedelta(days=self.demo.age)
        return min(self.maintenant, creee + timedelta(days=jours_depuis_creation))

    def il_y_a(self, jours: float) -> datetime:
        return self.maintenant - timedelta(days=jours)

    @property
    def coordinateur(self) -> Personne:
        return self.personnes[self.demo.coordinateur]

    def charger(self) -> None:
        demo = self.demo
        # The COPIL's choice, which a later part of the portal records as a step.
        Problematique.objects.filter(pk=self.probleme.pk).update(statut=Statut.RETENUE)
        self.probleme.refresh_from_db()
        communaute = Communaute.objects.filter(slug=demo.communaute).first()
        creee_le = self.jour(0)
        e = services.experimentation_creer(
            par=self.coordinateur,
            problematique=self.probleme,
            coordinateur=self.coordinateur,
            titre=demo.titre,
            resume=demo.resume,
            communaute=communaute or communaute_de(self.probleme),
        )
        self.experimentation = e
        ActionExperimentation._base_manager.filter(experimentation=e).update(le=creee_le)
        Experimentation.objects.filter(pk=e.pk).update(cree_le=creee_le)
        self._participants()
        self._phases()
        self._prestataires()
        self._etats()

    # --- What the experiment is made of

    def _participants(self) -> None:
        with _date(self.experimentation, self.jour(3)):
            for organisation, personne, role in self.demo.participants:
                services.participant_ajouter(
                    experimentation=self.experimentation,
                    par=self.coordinateur,
                    role=role,
                    organisation=self.organisations[organisation] if organisation else None,
                    personne=self.personnes[personne] if personne else None,
                )

    def _prestataires(self) -> None:
        for demo in self.demo.prestataires:
            with _date(self.experimentation, self.jour(5)):
                prestataire = services.prestataire_ajouter(
                    experimentation=self.experimentation,
                    par=self.coordinateur,
                    organisation=self.organisations[demo.organisation],
                    objet=demo.objet,
                )
            for ligne in demo.lignes:
                annee = min(self.maintenant.year, self.plan[ligne.phase][0].year)
                quand = min(self.maintenant, max(self.jour(6), _debut_d_annee(annee)))
                with _date(self.experimentation, quand):
                    services.ligne_budget_ajouter(
                        prestataire=prestataire,
                        par=self.coordinateur,
                        libelle=ligne.libelle,
                        montant=Decimal(ligne.montant),
                        annee=annee,
                        phase=ligne.phase,
                    )

    def _etats(self) -> None:
        """Along its legal states to its demo one, each change dated back."""
        demo = self.demo
        if demo.statut == SE.EN_PREPARATION:
            return
        etapes: list[tuple[StatutExperimentation, datetime, str]] = [
            (SE.EN_COURS, self.jour(10), "")
        ]
        if demo.statut == SE.SUSPENDUE:
            etapes.append((SE.SUSPENDUE, self.il_y_a(demo.fin_il_y_a), demo.motif))
        if demo.statut in (SE.TERMINEE, SE.ESSAIMEE):
            etapes.append((SE.TERMINEE, self.il_y_a(demo.fin_il_y_a), demo.motif))
        if demo.statut == SE.ESSAIMEE:
            etapes.append((SE.ESSAIMEE, self.il_y_a(demo.essaimee_il_y_a), ""))
        for statut, quand, motif in etapes:
            with _date(self.experimentation, quand):
                services.experimentation_changer_statut(
                    experimentation=self.experimentation,
                    par=self.coordinateur,
                    statut=statut,
                    motif=motif,
                )
            Experimentation.objects.filter(pk=self.experimentation.pk).update(
                statut_change_le=quand
            )
        Experimentation.objects.filter(pk=self.experimentation.pk).update(
            lancee_le=timezone.localdate(self.jour(10))
        )

    def _phases(self) -> None:
        """The six phases planned over the experiment's course; those begun and ended by
        its demo state have their actual dates, a little off the plan."""
        demo = self.demo
        debut = timezone.localdate(self.jour(7))
        aujourd_hui = timezone.localdate(self.maintenant)
        types = [t for t in TypePhase if t != P.ESSAIMAGE]
        activite: date | None  # until when phases began and ended (None: none has begun)
        if demo.statut in (SE.TERMINEE, SE.ESSAIMEE):
            fin_du_plan = timezone.localdate(self.il_y_a(demo.fin_il_y_a))
            activite = fin_du_plan
        else:
            fin_du_plan = debut + timedelta(days=max(300, demo.age * 2))
            activite = {
                SE.EN_PREPARATION: None,
                SE.EN_COURS: aujourd_hui,
                SE.SUSPENDUE: timezone.localdate(self.il_y_a(demo.fin_il_y_a)),
            }[demo.statut]
        plan = plan_des_phases(debut, fin_du_plan, types)
        if demo.statut == SE.ESSAIMEE:
            plan[P.ESSAIMAGE] = (fin_du_plan, fin_du_plan + timedelta(days=120))
            activite = aujourd_hui
        elif demo.statut != SE.TERMINEE:
            plan[P.ESSAIMAGE] = (fin_du_plan, fin_du_plan + timedelta(days=90))
        self.plan = plan
        for rang, (type_, (debut_prevu, fin_prevue)) in enumerate(
            sorted(plan.items(), key=lambda t: ORDRE_DES_PHASES[t[0]])
        ):
            debut_reel = fin_reelle = None
            if activite is not None:
                candidat = debut_prevu + timedelta(days=(rang % 3) * 2)
                if candidat <= activite:
                    debut_reel = candidat
                    fin = fin_prevue + timedelta(days=(rang % 2) * 5)
                    # The end of the experiment ends the phase under way; a suspension
                    # only pauses it.
                    if fin <= activite:
                        fin_reelle = fin
                    elif demo.statut == SE.TERMINEE:
                        fin_reelle = max(debut_reel, activite)
            recente = max(d for d in (debut_prevu, debut_reel, fin_reelle) if d is not None)
            quand = min(self.maintenant, max(self.jour(2), _a_midi(recente)))
            with _date(self.experimentation, quand):
                services.phase_enregistrer(
                    experimentation=self.experimentation,
                    par=self.coordinateur,
                    type=type_,
                    debut_prevu=debut_prevu,
                    fin_prevue=fin_prevue,
                    debut_reel=debut_reel,
                    fin_reelle=fin_reelle,
                    compte_rendu=COMPTES_RENDUS[type_] if fin_reelle else "",
                )

    # --- Pacts

    def pacte(self, demo: PacteDemo) -> None:
        """Drafted, proposed, confirmed by each signatory, started, ended or amended through
        the services, each step a week or so after the last."""
        debut = self.il_y_a(demo.depuis)
        jalons = iter(debut + timedelta(days=7 * n) for n in range(1, 100))

        def suivant() -> datetime:
            return min(self.maintenant, next(jalons))

        par = self.coordinateur
        with _date(self.experimentation, debut):
            pacte = services_pactes.pacte_creer(
                par=par,
                experimentation=self.experimentation,
                organisation=self.organisations[demo.organisation],
                debut=timezone.localdate(debut),
                fin=timezone.localdate(debut) + timedelta(days=demo.duree),
                engagements=[
                    EngagementSaisi(
                        type=e.type,
                        description=e.description,
                        quantite=Decimal(e.quantite) if e.quantite else None,
                        unite=e.unite,
                        personne=self.personnes[e.personne] if e.personne else None,
                    )
                    for e in demo.engagements
                ],
                signataires=[SignataireSaisi(self.personnes[c], q) for c, q in demo.signataires],
                preambule=demo.preambule,
            )
        Pacte.objects.filter(pk=pacte.pk).update(cree_le=debut)
        if demo.statut == SP.BROUILLON:
            return
        pacte = self._proposer_et_signer(pacte, suivant, signer=demo.statut != SP.PROPOSE)
        if demo.statut in (SP.PROPOSE, SP.SIGNE):
            return
        with _date(self.experimentation, suivant()):
            pacte = services_pactes.pacte_commencer(par=par, pacte=pacte)
        if demo.amende:
            amende_le = suivant()
            with _date(self.experimentation, amende_le):
                avenant = services_pactes.pacte_amender(par=par, pacte=pacte)
            Pacte.objects.filter(pk=avenant.pk).update(cree_le=amende_le)
            avenant = self._proposer_et_signer(avenant, suivant, signer=True)
            with _date(self.experimentation, suivant()):
                services_pactes.pacte_commencer(par=par, pacte=avenant)
        elif demo.statut in (SP.HONORE, SP.ROMPU):
            # Honoured at the end of its period; broken half-way.
            jours = demo.duree if demo.statut == SP.HONORE else demo.duree // 2
            fin = min(self.maintenant, debut + timedelta(days=jours))
            with _date(self.experimentation, fin):
                services_pactes.pacte_terminer(
                    par=par, pacte=pacte, honore=demo.statut == SP.HONORE, motif=demo.motif
                )

    def _proposer_et_signer(
        self, pacte: Pacte, suivant: Callable[[], datetime], *, signer: bool
    ) -> Pacte:
        propose_le = suivant()
        with _date(self.experimentation, propose_le):
            pacte = services_pactes.pacte_proposer(par=self.coordinateur, pacte=pacte)
        Pacte.objects.filter(pk=pacte.pk).update(propose_le=propose_le)
        if not signer:
            return pacte
        quand = propose_le
        for signataire in pacte.signataires.select_related("personne").order_by("qualite"):
            quand = suivant()
            with _date(self.experimentation, quand):
                assert signataire.personne is not None
                pacte = services_pactes.pacte_signer(par=signataire.personne, pacte=pacte)
            Signataire.objects.filter(pk=signataire.pk).update(signe_le=quand)
        Pacte.objects.filter(pk=pacte.pk).update(signe_le=quand)
        pacte.refresh_from_db()
        return pacte


def plan_des_phases(
    debut: date, fin: date, types: Sequence[TypePhase]
) -> dict[TypePhase, tuple[date, date]]:
    """``types`` one after the other from ``debut`` to ``fin``, each by its weight
    (``POIDS_DES_PHASES``): the planned dates of an experiment's phases (the bench uses it
    too)."""
    total = sum(POIDS_DES_PHASES[t] for t in types)
    jours = max((fin - debut).days, len(types))
    plan = {}
    courant = debut
    for n, type_ in enumerate(types):
        duree = max(1, round(jours * POIDS_DES_PHASES[type_] / total))
        suivant = fin if n == len(types) - 1 else courant + timedelta(days=duree)
        plan[type_] = (courant, max(courant, suivant - timedelta(days=1)))
        courant = suivant
    return plan


def _a_midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, datetime.min.time().replace(hour=12)))


def _debut_d_annee(annee: int) -> datetime:
    return timezone.make_aware(datetime(annee, 1, 15, 10))
