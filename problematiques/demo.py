"""Demonstration data of the problematiques app: some forty problems in every state.

Loaded by ``manage.py seed_demo`` after ``tilab.comptes.demo`` (territories, themes,
organisations, accounts). Each problem is keyed on its slug: one that exists is left as it
is, so loading twice changes nothing.

The rows and their history are written directly rather than through the services, for two
reasons: the services date everything "now" while a demo needs reports of various ages, and
they e-mail the authors and the team, which a demo must not do. The history written here
follows the same rules as the services (legal steps, ``publique`` only from publication on,
the referent step internal). The states after ``communaute_constituee`` are reached by steps
that belong to later parts of the portal (communities, COPIL): their problems get the
recorded steps up to publication, and the rest of their history will come with those steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from problematiques.models import Problematique, Soutien, Statut, Suivi, Transition, TypeTransition
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Expertise, Organisation, Personne, Territoire, Theme

ST = Statut
T = TypeTransition

# Relays who report and support problems besides the demo accounts of tilab.comptes.demo.
# They do not log in (no password): they give the demo its crowd.
# key -> (e-mail, first name, last name, organisation slug, function, expertise)
RELAIS_DEMO: dict[str, tuple[str, str, str, str, str, str]] = {
    "brest": ("tugdual.leroux@demo.tilab.bzh", "Tugdual", "Le Roux", "ville-de-brest",
              "Chargé de mission cohésion sociale", Expertise.AGENT_TERRAIN),
    "vitre": ("claire.bazin@demo.tilab.bzh", "Claire", "Bazin", "ville-de-vitre",
              "Directrice du CCAS", Expertise.DECIDEUR),
    "pontivy": ("morgane.jego@demo.tilab.bzh", "Morgane", "Jégo", "commune-de-pontivy",
                "Agente d'accueil France services", Expertise.AGENT_TERRAIN),
    "lannion": ("ronan.lecam@demo.tilab.bzh", "Ronan", "Le Cam", "lannion-tregor-communaute",
                "Responsable mobilités", Expertise.EXPERT_METIER),
    "lorient": ("fatima.benali@demo.tilab.bzh", "Fatima", "Benali", "lorient-agglomeration",
                "Cheffe de projet alimentation", Expertise.EXPERT_METIER),
    "rennes": ("julien.hamon@demo.tilab.bzh", "Julien", "Hamon", "rennes-metropole",
               "Chargé de participation citoyenne", Expertise.AGENT_TERRAIN),
    "argoat": ("katell.prigent@demo.tilab.bzh", "Katell", "Prigent",
               "association-mobilite-solidaire-argoat", "Coordinatrice", Expertise.AGENT_TERRAIN),
    "cornouaille": ("mathieu.quere@demo.tilab.bzh", "Mathieu", "Quéré",
                    "association-numerique-pour-tous-cornouaille", "Médiateur numérique",
                    Expertise.AGENT_TERRAIN),
    "porhoet": ("sylvie.rault@demo.tilab.bzh", "Sylvie", "Rault",
                "centre-social-intercommunal-porhoet", "Directrice", Expertise.DECIDEUR),
    "recherche": ("anne.gourlay@demo.tilab.bzh", "Anne", "Gourlay",
                  "laboratoire-sciences-sociales-territoires", "Maîtresse de conférences",
                  Expertise.CHERCHEUR),
}  # fmt: skip

# Accounts of tilab.comptes.demo used here, by key.
COMPTES = {
    "relais": "relais@demo.tilab.bzh",
    "copil": "copil@demo.tilab.bzh",
    "coordination": "coordination@demo.tilab.bzh",
    "direction": "direction@demo.tilab.bzh",
    "animation": "animation@demo.tilab.bzh",
}


@dataclass(frozen=True)
class ProblemeDemo:
    titre: str
    territoires: tuple[str, ...]  # territory slugs
    themes: tuple[str, ...]
    organisation: str
    auteur: str  # key of RELAIS_DEMO or COMPTES
    statut: Statut
    age: int  # days since it was reported
    constat: str
    publics: str
    tente: str = ""
    soutiens: tuple[str, ...] = ()
    commentaire: str = ""  # public comment of the last team step
    vers: str = ""  # orientee_vers
    fusion_dans: str = ""  # title of the target, for a merged duplicate
    referent: str = ""  # key of COMPTES

    @property
    def slug(self) -> str:
        return slugify(self.titre)[:174]


P = ProblemeDemo

PROBLEMES: list[ProblemeDemo] = [
    # --- Côtes-d'Armor
    P(
        "Les habitants des hameaux du Trégor ne peuvent plus aller à leurs rendez-vous médicaux",
        ("lannion-tregor-communaute",),
        ("mobilites-rurales", "sante"),
        "lannion-tregor-communaute",
        "lannion",
        ST.OUVERTE,
        64,
        "Depuis la fin de la ligne de car du mercredi, des personnes âgées renoncent à leurs "
        "consultations à Lannion. Le transport à la demande doit être réservé 48 heures avant, "
        "ce qui ne colle pas avec les rendez-vous donnés au dernier moment.",
        "Environ 300 personnes de plus de 75 ans sans voiture, dans 12 communes.",
        "Un groupe de bénévoles conducteurs, qui s'essouffle faute de relève.",
        ("relais", "argoat", "pontivy", "porhoet"),
        "Publiée : d'autres territoires vivent la même chose, dites-le avec « nous aussi ».",
        referent="coordination",
    ),
    P(
        "Les saisonniers de la côte ne trouvent pas de logement à Saint-Brieuc et Dinan",
        ("saint-brieuc-armor-agglomeration", "dinan-agglomeration"),
        ("habitat", "jeunesse"),
        "departement-cotes-d-armor",
        "relais",
        ST.COMMUNAUTE_CONSTITUEE,
        150,
        "Les employeurs du tourisme et de l'agriculture n'arrivent plus à recruter : les "
        "saisonniers dorment dans leur voiture ou renoncent. Les meublés sont loués aux touristes.",
        "Plusieurs centaines de saisonniers chaque été, surtout des jeunes de moins de 26 ans.",
        "Un internat de lycée ouvert l'été à Dinan, 30 places seulement.",
        ("vitre", "brest", "lorient", "recherche"),
        referent="animation",
    ),
    P(
        "Le portail de demande de bourse scolaire décourage les familles",
        ("guingamp-paimpol-agglomeration",),
        ("acces-aux-droits", "numerique-inclusif"),
        "departement-cotes-d-armor",
        "cornouaille",
        ST.SOUMISE,
        3,
        "Au guichet, nous voyons des parents qui abandonnent la demande en ligne au bout de trois "
        "écrans : pièces justificatives refusées, identifiants perdus.",
        "Les familles modestes des collèges du secteur, souvent sans ordinateur.",
    ),
    P(
        "Les cantines de Dinan jettent un tiers des repas",
        ("dinan",),
        ("alimentation", "transition-ecologique"),
        "departement-cotes-d-armor",
        "relais",
        ST.EN_QUALIFICATION,
        20,
        "Les pesées faites pendant deux semaines montrent qu'un tiers des repas servis finit à "
        "la poubelle, surtout les légumes.",
        "Les 1 800 enfants des écoles publiques et les agents de restauration.",
        "Une campagne d'affiches, sans effet mesurable.",
        commentaire="Merci : nous vous appelons pour préciser les chiffres et les écoles "
        "concernées.",
    ),
    P(
        "Les jeunes de Guingamp sans permis n'accèdent pas aux offres d'emploi de la zone "
        "d'activité",
        ("guingamp",),
        ("jeunesse", "mobilites-rurales"),
        "departement-cotes-d-armor",
        "argoat",
        ST.CANDIDATE,
        210,
        "La mission locale voit des jeunes refuser des CDI à la zone de Grâces faute de moyen de "
        "s'y rendre aux horaires postés.",
        "Une cinquantaine de jeunes accompagnés par an.",
        "Prêt de scooters, 8 scooters.",
        ("lannion", "pontivy", "porhoet", "relais", "rennes"),
    ),
    P(
        "L'école de musique intercommunale perd ses élèves après le collège",
        ("lannion",),
        ("jeunesse",),
        "lannion-tregor-communaute",
        "lannion",
        ST.CLOTUREE,
        95,
        "Les inscriptions chutent de moitié entre la 3e et la seconde.",
        "Les adolescents du territoire.",
        commentaire="Ce sujet relève de la politique culturelle de l'intercommunalité et non "
        "d'une transformation de l'action publique : nous le clôturons, avec nos encouragements.",
    ),
    P(
        "Les secrétaires de mairie des petites communes sont seules face aux marchés publics",
        ("cotes-d-armor",),
        ("acces-aux-droits",),
        "departement-cotes-d-armor",
        "relais",
        ST.AJOURNEE,
        260,
        "Dans les communes de moins de 1 000 habitants, une seule personne gère l'accueil, l'état "
        "civil, l'urbanisme et les marchés. Les erreurs de procédure coûtent cher.",
        "Environ 200 secrétaires de mairie du département.",
        "Un réseau d'entraide par messagerie, animé bénévolement.",
        ("pontivy", "vitre", "porhoet"),
        commentaire="Le COPIL a ajourné : la communauté doit encore associer des élus.",
    ),
    P(
        "Trop peu de bornes de recharge pour les aides à domicile en voiture électrique",
        ("saint-brieuc-armor-agglomeration",),
        ("transition-ecologique", "vieillissement"),
        "departement-cotes-d-armor",
        "porhoet",
        ST.ORIENTEE,
        120,
        "Les services d'aide à domicile passent à l'électrique mais les agents ne peuvent pas "
        "recharger entre deux interventions.",
        "Une centaine d'aides à domicile.",
        commentaire="Le schéma des bornes est porté par le syndicat départemental d'énergie : "
        "il est le mieux placé pour répondre, nous lui avons transmis votre constat.",
        vers="Syndicat départemental d'énergie des Côtes-d'Armor",
    ),
    P(
        "Les associations sportives n'ont plus de bénévoles pour encadrer le samedi",
        ("saint-brieuc",),
        ("participation-citoyenne", "jeunesse"),
        "departement-cotes-d-armor",
        "rennes",
        ST.SOUMISE,
        1,
        "Trois clubs ont fermé des sections de jeunes cette année faute d'encadrants.",
        "Les enfants licenciés et leurs familles.",
    ),
    P(
        "Personne ne sait à qui signaler un logement indigne en zone rurale",
        ("dinan-agglomeration",),
        ("habitat", "acces-aux-droits"),
        "departement-cotes-d-armor",
        "vitre",
        ST.OUVERTE,
        40,
        "Les locataires ne savent pas vers qui se tourner, les maires hésitent à agir, les "
        "signalements se perdent entre services.",
        "Locataires modestes, souvent âgés.",
        soutiens=("relais", "porhoet"),
    ),
    # --- Finistère
    P(
        "Les personnes âgées isolées de Brest ne sont repérées qu'en cas de canicule",
        ("brest-metropole",),
        ("vieillissement", "sante"),
        "ville-de-brest",
        "brest",
        ST.RETENUE,
        320,
        "Le registre des personnes fragiles n'est ouvert qu'en cas d'alerte. Le reste de l'année, "
        "l'isolement n'est repéré par personne.",
        "Plusieurs milliers de personnes de plus de 80 ans.",
        "Des visites de bénévoles, limitées à un quartier.",
        ("vitre", "porhoet", "relais", "lorient", "rennes", "recherche"),
        referent="coordination",
    ),
    P(
        "Les démarches de la CAF en ligne sont inaccessibles aux personnes qui lisent mal",
        ("quimper-bretagne-occidentale",),
        ("numerique-inclusif", "acces-aux-droits"),
        "association-numerique-pour-tous-cornouaille",
        "cornouaille",
        ST.OUVERTE,
        75,
        "Nos permanences sont saturées par des personnes qui ne peuvent pas lire les messages "
        "d'erreur des formulaires. Beaucoup abandonnent leurs droits.",
        "Les personnes en situation d'illettrisme, environ 7 % des adultes.",
        "Des ateliers collectifs, qui n'attirent pas ceux qui en ont le plus besoin.",
        ("pontivy", "brest", "relais", "vitre"),
    ),
    P(
        "Les agriculteurs du Poher ne trouvent pas de remplaçant pour prendre un congé",
        ("poher-communaute",),
        ("alimentation",),
        "poher-communaute",
        "relais",
        ST.EN_QUALIFICATION,
        12,
        "Le service de remplacement n'a plus de salariés disponibles : des éleveurs n'ont pas "
        "pris un jour de repos depuis trois ans.",
        "Les éleveurs laitiers du territoire.",
        commentaire="Nous reprenons contact avec vous pour reformuler le problème avec le service "
        "de remplacement.",
    ),
    P(
        "Morlaix : les jeunes ne viennent pas aux conseils de quartier",
        ("morlaix-communaute",),
        ("participation-citoyenne", "jeunesse"),
        "departement-finistere",
        "rennes",
        ST.OUVERTE,
        33,
        "Les conseils de quartier réunissent surtout des retraités ; les 18-30 ans n'y viennent "
        "pas.",
        "Les jeunes adultes des quartiers prioritaires.",
        soutiens=("lannion",),
    ),
    P(
        "L'eau des puits privés n'est jamais analysée dans les hameaux",
        ("finistere",),
        ("transition-ecologique", "sante"),
        "departement-finistere",
        "copil",
        ST.NON_RETENUE,
        280,
        "De nombreuses maisons boivent l'eau de puits non analysée, sans connaître les risques "
        "liés aux nitrates.",
        "Les familles des hameaux non raccordés.",
        soutiens=("recherche", "porhoet"),
        commentaire="Le COPIL n'a pas retenu : l'ARS lance une campagne d'analyses gratuites.",
    ),
    P(
        "Les médecins partant à la retraite ne sont pas remplacés à Carhaix",
        ("carhaix-plouguer",),
        ("sante",),
        "commune-de-carhaix-plouguer",
        "relais",
        ST.CANDIDATE,
        190,
        "Trois médecins sur sept partiront d'ici deux ans ; les jeunes médecins ne s'installent "
        "pas, faute de logement et de travail pour leur conjoint.",
        "Les 7 000 habitants et les communes voisines.",
        "Une maison de santé, dont deux cabinets restent vides.",
        ("argoat", "pontivy", "lannion", "porhoet", "vitre"),
        referent="direction",
    ),
    P(
        "Quimper : les familles monoparentales ne trouvent pas de garde en horaires décalés",
        ("quimper",),
        ("acces-aux-droits", "jeunesse"),
        "departement-finistere",
        "cornouaille",
        ST.SOUMISE,
        5,
        "Les mères seules qui travaillent en grande surface ou à l'hôpital n'ont aucune solution "
        "de garde avant 7 heures et après 19 heures.",
        "Plusieurs centaines de familles.",
    ),
    P(
        "Les cantines de Brest ne trouvent pas assez de légumes bio locaux",
        ("brest",),
        ("alimentation",),
        "ville-de-brest",
        "brest",
        ST.CLOTUREE,
        88,
        "La loi impose 20 % de bio, mais les producteurs du Pays de Brest ne peuvent pas livrer "
        "les volumes demandés.",
        "Les cuisines centrales et les maraîchers.",
        fusion_dans="Les producteurs locaux ne peuvent pas répondre aux marchés des cantines",
    ),
    P(
        "Le numérique éloigne les aidants familiaux des services qui pourraient les soulager",
        ("brest-metropole", "quimper-bretagne-occidentale"),
        ("vieillissement", "numerique-inclusif"),
        "ville-de-brest",
        "brest",
        ST.COMMUNAUTE_CONSTITUEE,
        170,
        "Les aidants ne connaissent pas les solutions de répit : l'information est dispersée sur "
        "des sites différents.",
        "Les proches qui aident une personne âgée ou handicapée.",
        soutiens=("cornouaille", "porhoet", "vitre", "recherche"),
    ),
    P(
        "Les pêcheurs à pied ne connaissent pas les fermetures sanitaires des gisements",
        ("finistere",),
        ("transition-ecologique",),
        "departement-finistere",
        "brest",
        ST.ORIENTEE,
        60,
        "Les arrêtés de fermeture sont affichés en mairie et sur un site peu connu : des "
        "pêcheurs ramassent des coquillages contaminés.",
        "Les pêcheurs à pied de loisir.",
        commentaire="La préfecture maritime et l'ARS publient déjà ces informations : nous leur "
        "avons transmis votre idée d'alertes par SMS.",
        vers="Agence régionale de santé Bretagne",
    ),
    # --- Ille-et-Vilaine
    P(
        "Vitré : les salariés de l'agroalimentaire travaillent loin des transports en commun",
        ("vitre-communaute",),
        ("mobilites-rurales",),
        "ville-de-vitre",
        "vitre",
        ST.OUVERTE,
        45,
        "Les usines tournent en 3x8 ; aucun bus ne circule aux heures de relève. Les salariés "
        "sans voiture ne peuvent pas accepter ces postes.",
        "Des centaines de postes non pourvus.",
        "Un covoiturage organisé par une entreprise, limité à ses salariés.",
        ("lannion", "argoat", "relais"),
    ),
    P(
        "Les étudiants de Rennes renoncent à se soigner",
        ("rennes",),
        ("sante", "jeunesse"),
        "rennes-metropole",
        "rennes",
        ST.OUVERTE,
        28,
        "Un étudiant sur trois dit avoir renoncé à des soins pour des raisons financières ou faute "
        "de médecin traitant.",
        "Les 70 000 étudiants de la métropole.",
        soutiens=("brest", "recherche"),
    ),
    P(
        "Les communes de Fougères ne savent pas adapter leurs bâtiments aux fortes chaleurs",
        ("fougeres-agglomeration",),
        ("transition-ecologique",),
        "departement-ille-et-vilaine",
        "relais",
        ST.EN_QUALIFICATION,
        15,
        "Écoles et salles communales deviennent inutilisables en juin ; les communes n'ont ni "
        "diagnostic ni ingénierie.",
        "Les élèves, les agents et les associations.",
    ),
    P(
        "Saint-Malo : les personnes sans domicile n'ont pas accès à une consigne pour leurs "
        "papiers",
        ("saint-malo",),
        ("acces-aux-droits",),
        "departement-ille-et-vilaine",
        "vitre",
        ST.SOUMISE,
        2,
        "Les papiers d'identité se perdent ou sont volés, et chaque renouvellement prend des mois.",
        "Une centaine de personnes suivies par les associations.",
    ),
    P(
        "Les associations de Rennes n'arrivent plus à répondre aux appels à projets",
        ("rennes-metropole",),
        ("participation-citoyenne",),
        "rennes-metropole",
        "rennes",
        ST.ORIENTEE,
        110,
        "Les petites associations passent plus de temps à remplir des dossiers qu'à agir.",
        "Les associations de moins de deux salariés.",
        commentaire="Le « dossier unique » des subventions est en cours de déploiement par la "
        "métropole : nous vous orientons vers son équipe.",
        vers="Rennes Métropole, mission vie associative",
    ),
    P(
        "Les producteurs locaux ne peuvent pas répondre aux marchés des cantines",
        ("ille-et-vilaine", "finistere"),
        ("alimentation",),
        "departement-ille-et-vilaine",
        "rennes",
        ST.OUVERTE,
        130,
        "Les lots des marchés publics sont trop gros pour une exploitation et les délais de "
        "paiement découragent les producteurs.",
        "Les maraîchers et éleveurs, les cuisines centrales.",
        "Un allotissement plus fin dans deux communes.",
        ("lorient", "vitre", "porhoet", "relais"),
        referent="animation",
    ),
    P(
        "Bruz : les jeunes en service civique abandonnent en cours de mission",
        ("bruz",),
        ("jeunesse",),
        "rennes-metropole",
        "rennes",
        ST.RETENUE,
        340,
        "Un tiers des volontaires arrêtent avant la fin, souvent pour des raisons de logement ou "
        "de transport.",
        "Les 16-25 ans en service civique.",
        soutiens=("lannion", "vitre", "pontivy", "brest"),
    ),
    P(
        "Cesson-Sévigné : les habitants ne comprennent pas la facture de la redevance incitative",
        ("cesson-sevigne",),
        ("transition-ecologique", "acces-aux-droits"),
        "rennes-metropole",
        "rennes",
        ST.CLOTUREE,
        70,
        "Les appels au service déchets ont triplé depuis la nouvelle facture.",
        "Tous les foyers.",
        commentaire="Le service déchets a déjà refondu la facture pour l'an prochain : la "
        "question est réglée, nous clôturons.",
    ),
    P(
        "Les maires ruraux d'Ille-et-Vilaine n'ont pas d'appui pour les projets de rénovation "
        "énergétique",
        ("ille-et-vilaine",),
        ("habitat", "transition-ecologique"),
        "departement-ille-et-vilaine",
        "relais",
        ST.COMMUNAUTE_CONSTITUEE,
        160,
        "Les petites communes n'ont pas d'ingénieur : les projets s'arrêtent au diagnostic.",
        "Les communes de moins de 2 000 habitants.",
        soutiens=("pontivy", "porhoet", "lannion", "vitre"),
    ),
    P(
        "Les personnes sourdes n'ont pas d'interprète pour leurs démarches en mairie",
        ("rennes",),
        ("acces-aux-droits",),
        "rennes-metropole",
        "vitre",
        ST.OUVERTE,
        22,
        "Aucune mairie du secteur ne propose d'interprétation en langue des signes, même sur "
        "rendez-vous.",
        "Les personnes sourdes et malentendantes.",
        soutiens=("brest",),
    ),
    # --- Morbihan
    P(
        "Pontivy : les habitants ne savent pas où faire leurs démarches depuis la fermeture de "
        "la sous-préfecture",
        ("pontivy-communaute",),
        ("acces-aux-droits",),
        "commune-de-pontivy",
        "pontivy",
        ST.OUVERTE,
        55,
        "L'accueil de France services est saturé : les habitants arrivent avec des démarches de "
        "toutes les administrations, sans rendez-vous.",
        "Tout le Centre-Bretagne.",
        "Des permanences itinérantes, deux jours par mois.",
        ("relais", "cornouaille", "porhoet", "vitre", "argoat"),
    ),
    P(
        "Lorient : les repas des épiceries solidaires manquent de produits frais",
        ("lorient-agglomeration",),
        ("alimentation",),
        "lorient-agglomeration",
        "lorient",
        ST.CANDIDATE,
        200,
        "Les dons de la grande distribution sont surtout des produits secs ; les familles "
        "manquent de fruits et légumes.",
        "Plus de 2 000 foyers bénéficiaires.",
        "Un partenariat avec deux maraîchers, trop petit.",
        ("brest", "rennes", "porhoet", "relais"),
    ),
    P(
        "Vannes : les résidents des EHPAD ne sortent presque jamais",
        ("golfe-du-morbihan-vannes-agglomeration",),
        ("vieillissement",),
        "departement-morbihan",
        "porhoet",
        ST.OUVERTE,
        38,
        "Faute de personnel et de véhicule adapté, les sorties sont rares ; les résidents perdent "
        "le lien avec la ville.",
        "Les résidents des 12 EHPAD de l'agglomération.",
        soutiens=("brest", "vitre"),
    ),
    P(
        "Ploërmel : le covoiturage domicile-travail ne décolle pas",
        ("ploermel-communaute",),
        ("mobilites-rurales",),
        "departement-morbihan",
        "porhoet",
        ST.SOUMISE,
        6,
        "L'application de covoiturage compte 400 inscrits mais presque aucun trajet réalisé.",
        "Les actifs du territoire.",
    ),
    P(
        "Lanester : les jeunes décrocheurs ne sont repérés qu'après plusieurs mois",
        ("lanester",),
        ("jeunesse",),
        "lorient-agglomeration",
        "lorient",
        ST.EN_QUALIFICATION,
        9,
        "Entre la sortie du lycée et le premier contact avec la mission locale, des mois passent.",
        "Les jeunes sans diplôme ni emploi.",
    ),
    P(
        "Les communes du Morbihan ne savent pas gérer l'érosion du trait de côte",
        ("morbihan",),
        ("transition-ecologique",),
        "departement-morbihan",
        "lorient",
        ST.AJOURNEE,
        230,
        "Des maisons sont menacées à dix ans et les communes n'ont ni doctrine ni financement.",
        "Les habitants du littoral et les élus.",
        soutiens=("brest", "recherche", "lannion"),
        commentaire="Le COPIL a ajourné : le territoire doit préciser son engagement.",
    ),
    P(
        "Pontivy : les habitants des hameaux n'ont pas la fibre et ne le savent pas",
        ("pontivy",),
        ("numerique-inclusif",),
        "commune-de-pontivy",
        "pontivy",
        ST.NON_RETENUE,
        250,
        "Les calendriers de déploiement sont illisibles ; les habitants ne savent pas quand "
        "ils seront raccordés.",
        "Les habitants des hameaux.",
        soutiens=("argoat",),
        commentaire="Le COPIL n'a pas retenu : le déploiement s'achève l'an prochain.",
    ),
    P(
        "Lorient : les agents d'accueil ne traduisent pas les démarches pour les réfugiés",
        ("lorient",),
        ("acces-aux-droits",),
        "lorient-agglomeration",
        "lorient",
        ST.EN_QUALIFICATION,
        18,
        "Les agents d'accueil recourent à des outils de traduction en ligne, avec des erreurs "
        "graves sur les droits.",
        "Les personnes réfugiées et les agents.",
    ),
    P(
        "Les bénévoles de l'aide alimentaire du Porhoët s'épuisent",
        ("ploermel-communaute",),
        ("alimentation", "participation-citoyenne"),
        "centre-social-intercommunal-porhoet",
        "porhoet",
        ST.OUVERTE,
        30,
        "Les mêmes dix bénévoles tiennent les distributions depuis des années ; deux ont arrêté "
        "pour raisons de santé.",
        "Les bénévoles et les 150 familles aidées.",
        soutiens=("lorient", "brest", "relais"),
    ),
]


@transaction.atomic
def charger() -> None:
    """Create the demo problems that are not there yet (keyed on their slug)."""
    personnes = _charger_relais() | {
        cle: Personne.objects.get(email=email) for cle, email in COMPTES.items()
    }
    territoires = {t.slug: t for t in Territoire.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    equipe = personnes["coordination"]
    maintenant = timezone.now()

    # Targets before duplicates: a merge needs its target.
    for demo in sorted(PROBLEMES, key=lambda d: bool(d.fusion_dans)):
        if Problematique.objects.filter(slug=demo.slug).exists():
            continue
        auteur = personnes[demo.auteur]
        cree_le = maintenant - timedelta(days=demo.age)
        p = Problematique.objects.create(
            titre=demo.titre,
            slug=demo.slug,
            constat=demo.constat,
            publics_concernes=demo.publics,
            deja_tente=demo.tente,
            organisation=organisations[demo.organisation],
            auteur=auteur,
        )
        p.territoires.set([territoires[s] for s in demo.territoires])
        p.themes.set([themes[s] for s in demo.themes])
        Suivi.objects.get_or_create(problematique=p, personne=auteur)
        historique = _Historique(p, equipe, cree_le)
        historique.etape(T.SOUMETTRE, ST.SOUMISE, par=auteur, jours=0)
        _derouler(demo, p, historique, personnes)
        p.save()
        # auto_now_add dated the report today; the demo needs reports of various ages.
        Problematique.objects.filter(pk=p.pk).update(cree_le=cree_le)
        for n, cle in enumerate(demo.soutiens):
            personne = personnes[cle]
            soutien = Soutien.objects.create(
                problematique=p,
                personne=personne,
                organisation=personne.organisation,
                expertise_offerte=personne.expertises[0] if personne.expertises else "",
                precisions="Nous rencontrons la même situation sur notre territoire.",
                rejoindrait_communaute=n % 2 == 0,
            )
            Soutien.objects.filter(pk=soutien.pk).update(
                cree_le=historique.date(min(demo.age, historique.jours + 2 + n))
            )
            Suivi.objects.get_or_create(problematique=p, personne=personne)
        Problematique.objects.filter(pk=p.pk).recompter_soutiens()


class _Historique:
    """Writes a problem's steps at plausible dates after its report."""

    def __init__(self, p: Problematique, equipe: Personne, cree_le: datetime) -> None:
        self.p, self.equipe, self.cree_le, self.jours = p, equipe, cree_le, 0

    def date(self, jours: int) -> datetime:
        return self.cree_le + timedelta(days=jours, hours=2 if jours else 0)

    def etape(
        self,
        type_: TypeTransition,
        apres: Statut,
        *,
        par: Personne | None = None,
        jours: int,
        commentaire: str = "",
        note: str = "",
    ) -> None:
        p = self.p
        self.jours = jours
        quand = self.date(jours)
        interne = type_ is T.ASSIGNER_REFERENT
        if type_ is T.OUVRIR:
            p.publiee_le = quand
        if type_ is not T.SOUMETTRE and not interne and p.repondue_le is None:
            p.repondue_le = quand
        transition = Transition.objects.create(
            problematique=p,
            type=type_,
            statut_avant=p.statut,
            statut_apres=apres,
            auteur=par or self.equipe,
            commentaire_public=commentaire,
            note_interne=note,
            publique=not interne and (type_ is T.OUVRIR or p.publiee_le is not None),
        )
        Transition.objects.filter(pk=transition.pk).update(cree_le=quand)
        p.statut = apres


def _derouler(
    demo: ProblemeDemo, p: Problematique, h: _Historique, personnes: dict[str, Personne]
) -> None:
    """Walk the problem from ``soumise`` to its demo state along legal steps."""
    age = demo.age
    if demo.referent:
        h.etape(
            T.ASSIGNER_REFERENT, ST.SOUMISE, jours=min(2, age),
            note="Suivi confié pendant la qualification.",
        )  # fmt: skip
        p.referent = personnes[demo.referent]
    if demo.statut == ST.SOUMISE:
        return
    if demo.statut == ST.CLOTUREE and demo.fusion_dans:
        cible = Problematique.objects.get(slug=slugify(demo.fusion_dans)[:174])
        h.etape(
            T.FUSIONNER, ST.CLOTUREE, jours=min(6, age),
            commentaire="Le même problème avait déjà été remonté : vos soutiens le rejoignent.",
            note="Doublon repéré au tri.",
        )  # fmt: skip
        p.fusionnee_dans = cible
        Transition.objects.create(
            problematique=cible,
            type=T.FUSIONNER,
            statut_avant=cible.statut,
            statut_apres=cible.statut,
            auteur=h.equipe,
            commentaire_public="Une problématique en double a été fusionnée dans celle-ci ; "
            "ses soutiens la rejoignent.",
            publique=cible.publiee_le is not None,
        )
        return
    if demo.statut == ST.CLOTUREE and demo.age < 80:
        # Closed at triage, before publication: the reason goes to the author only.
        h.etape(T.CLOTURER, ST.CLOTUREE, jours=min(8, age), commentaire=demo.commentaire)
        return
    h.etape(
        T.QUALIFIER, ST.EN_QUALIFICATION, jours=min(5, age),
        commentaire=demo.commentaire if demo.statut == ST.EN_QUALIFICATION else
        "Merci pour cette remontée : nous la reformulons avec vous avant de la publier.",
        note="Premier échange téléphonique avec l'auteur.",
    )  # fmt: skip
    if demo.statut == ST.EN_QUALIFICATION:
        return
    if demo.statut == ST.ORIENTEE and demo.age < 90:
        # Oriented during qualification, never published.
        h.etape(T.ORIENTER, ST.ORIENTEE, jours=min(12, age), commentaire=demo.commentaire)
        p.orientee_vers = demo.vers
        return
    h.etape(
        T.OUVRIR, ST.OUVERTE, jours=min(14, age),
        commentaire=demo.commentaire if demo.statut == ST.OUVERTE else
        "Publiée : si vous rencontrez ce problème, dites « nous aussi ».",
    )  # fmt: skip
    if demo.statut == ST.OUVERTE:
        return
    if demo.statut == ST.ORIENTEE:
        h.etape(T.ORIENTER, ST.ORIENTEE, jours=min(40, age), commentaire=demo.commentaire)
        p.orientee_vers = demo.vers
        return
    if demo.statut == ST.CLOTUREE:
        h.etape(T.CLOTURER, ST.CLOTUREE, jours=min(30, age), commentaire=demo.commentaire)
        return
    # communaute_constituee, candidate, retenue, ajournee, non_retenue: reached by the
    # community and COPIL steps of later parts of the portal (see the module docstring).
    p.statut = demo.statut


def _charger_relais() -> dict[str, Personne]:
    organisations = {o.slug: o for o in Organisation.objects.filter(
        slug__in=[r[3] for r in RELAIS_DEMO.values()]
    )}  # fmt: skip
    groupe = Group.objects.get(name=regles_comptes.RELAIS)
    personnes = {}
    for cle, (email, prenom, nom, organisation, fonction, expertise) in RELAIS_DEMO.items():
        personne, cree = Personne.objects.get_or_create(
            email=email,
            defaults={
                "first_name": prenom,
                "last_name": nom,
                "organisation": organisations[organisation],
                "fonction": fonction,
                "expertises": [str(expertise)],
                "profil_public": cle not in {"porhoet", "cornouaille"},
            },
        )
        if cree:
            personne.set_unusable_password()
            personne.save(update_fields=["password"])
            personne.groups.add(groupe)
        personnes[cle] = personne
    return personnes
