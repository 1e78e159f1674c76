"""The demo's documentation pages: what each says, who wrote it, what it documents, where it
stands, how it changed and who reused it.

Each page's text here is its *current* text. Its history is told by ``revisions``: the kinds of
change made after the first version, in the order they were made (``documentation.demo``
rebuilds each earlier text by undoing them one by one, so that every revision holds the text
the page had then):

- ``contact``: the contact was added (before: none);
- ``conditions``: the conditions of reuse were written (before: none);
- ``resume``: the summary was completed (before: its first sentence only);
- ``relecture``: the same, after the Documentation role asked for it in the review (the page
  was submitted, sent back with a comment, corrected, submitted again);
- ``section``: the last section of the body was added (before: without it);
- ``licence``: the licence was changed (before: CC BY-SA 4.0).

The first three and ``relecture`` come before publication (a published page keeps its
checklist); ``section`` and ``licence`` may come after.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from documentation.models import Licence, SortePage, StatutPage

# The demo's people, by key: the accounts of tilab.comptes.demo and the relays and partners the
# problems' and experiments' demos add.
PERSONNES = {
    "documentation": "documentation@demo.tilab.bzh",
    "coordination": "coordination@demo.tilab.bzh",
    "animation": "animation@demo.tilab.bzh",
    "recherche": "recherche@demo.tilab.bzh",
    "direction": "direction@demo.tilab.bzh",
    "relais": "relais@demo.tilab.bzh",
    "copil": "copil@demo.tilab.bzh",
    "nolwenn": "nolwenn.cariou@demo.tilab.bzh",
    "tristan": "tristan.morvan@demo.tilab.bzh",
    "tugdual": "tugdual.leroux@demo.tilab.bzh",
    "ronan": "ronan.lecam@demo.tilab.bzh",
    "mikael": "mikael.le-bourhis@demo.tilab.bzh",
    "fatima": "fatima.benali@demo.tilab.bzh",
    "anne": "anne.gourlay@demo.tilab.bzh",
    "katell": "katell.prigent@demo.tilab.bzh",
    "morgane": "morgane.jego@demo.tilab.bzh",
    "claire": "claire.bazin@demo.tilab.bzh",
    "mathieu": "mathieu.quere@demo.tilab.bzh",
    "julien": "julien.hamon@demo.tilab.bzh",
    "sylvie": "sylvie.rault@demo.tilab.bzh",
    "elodie": "elodie.caroff@demo.tilab.bzh",
}

# The demo's experiments (experimentations.demo), by key: the slug of their problem.
EXPERIMENTATIONS = {
    "ehpad": "vannes-les-residents-des-ehpad-ne-sortent-presque-jamais",
    "epiceries": "lorient-les-repas-des-epiceries-solidaires-manquent-de-produits-frais",
    "tad": "les-habitants-des-hameaux-du-tregor-ne-peuvent-plus-aller-a-leurs-rendez-vous-medicaux",
    "guichet": "pontivy-les-habitants-ne-savent-pas-ou-faire-leurs-demarches-depuis-la-"
    "fermeture-de-la-sous-prefecture",
    "medecins": "les-medecins-partant-a-la-retraite-ne-sont-pas-remplaces-a-carhaix",
    "navettes": "vitre-les-salaries-de-lagroalimentaire-travaillent-loin-des-transports-en-commun",
    "falc": "les-demarches-de-la-caf-en-ligne-sont-inaccessibles-aux-personnes-qui-lisent-mal",
    "cantines": "les-producteurs-locaux-ne-peuvent-pas-repondre-aux-marches-des-cantines",
    "hotline": "les-secretaires-de-mairie-des-petites-communes-sont-seules-face-aux-marches-"
    "publics",
    "aidants": "le-numerique-eloigne-les-aidants-familiaux-des-services-qui-pourraient-les-"
    "soulager",
    "isolement": "les-personnes-agees-isolees-de-brest-ne-sont-reperees-quen-cas-de-canicule",
    "service-civique": "bruz-les-jeunes-en-service-civique-abandonnent-en-cours-de-mission",
}

S = SortePage
L = Licence
E = StatutPage


@dataclass(frozen=True)
class PageDemo:
    titre: str
    sorte: SortePage
    resume: str
    sections: tuple[tuple[str, str], ...]
    conditions: str
    contact: str
    auteurs: tuple[str, ...]  # keys of PERSONNES; the first one created the page
    themes: tuple[str, ...]
    territoires: tuple[str, ...]
    age: int  # days since the page was created
    licence: Licence = L.CC_BY_SA_4
    statut: StatutPage = E.PUBLIEE
    experimentation: str = ""  # key of EXPERIMENTATIONS
    communaute: str = ""  # slug
    evenement: str = ""  # slug
    problematique: str = ""  # slug
    revisions: tuple[str, ...] = ()
    # Comments of the review made once the page was (last) submitted: (who, text).
    commentaires: tuple[tuple[str, str], ...] = ()
    # A section added after publication then taken back by restoring the revision before it:
    # (its title, its text, why it was taken back).
    restauration: tuple[str, str, str] | None = None
    # (who, where, how)
    reutilisations: tuple[tuple[str, str, str], ...] = ()
    motif_archivage: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.titre)[:200]

    @property
    def corps(self) -> str:
        return corps_de(self.sections)


def corps_de(sections: tuple[tuple[str, str], ...]) -> str:
    return "\n\n".join(f"## {titre}\n\n{texte}" for titre, texte in sections)


P = PageDemo

PAGES: list[PageDemo] = [
    # --- Fiches expérimentation ----------------------------------------------------------------
    P(
        "Des sorties hebdomadaires pour les résidents des EHPAD de Vannes",
        S.FICHE_EXPERIMENTATION,
        "Des bénévoles du quartier et des lycéens accompagnent chaque semaine les résidents "
        "qui le souhaitent au marché, au café ou au cinéma. La fiche dit comment les sorties "
        "sont organisées et ce que l'on mesure pendant le test.",
        (
            (
                "Le problème de départ",
                "Dans les deux établissements de Vannes associés, la "
                "moitié des résidents ne sont pas sortis de l'année. Le personnel n'a pas le temps "
                "de les accompagner, les familles sont loin.",
            ),
            (
                "Ce que nous testons",
                "- une sortie par semaine, par groupe de quatre résidents "
                "au plus ;\n- un binôme bénévole du quartier et lycéen en service civique ;\n- un "
                "carnet de sortie rempli avec le résident, pour choisir la suivante.",
            ),
            (
                "Qui est autour de la table",
                "Le Département du Morbihan porte l'expérimentation, "
                "le centre social du Porhoët forme les bénévoles, le Studio Kerlann conçoit les "
                "sorties avec les résidents et les équipes.",
            ),
            (
                "Où en est-on",
                "L'immersion dans les deux établissements est en cours : les "
                "premières sorties ont lieu au marché du samedi.",
            ),
        ),
        "Deux établissements volontaires, une personne référente dans chacun, une assurance "
        "bénévoles à vérifier avec la collectivité. Compter trois mois avant la première "
        "sortie.",
        "Maëlle Riou, coordinatrice au Ti Lab (coordination@demo.tilab.bzh)",
        ("coordination",),
        ("vieillissement",),
        ("golfe-du-morbihan-vannes-agglomeration", "vannes"),
        20,
        experimentation="ehpad",
    ),
    P(
        "Des légumes frais pour les épiceries solidaires du pays de Lorient",
        S.FICHE_EXPERIMENTATION,
        "Relier les producteurs du pays de Lorient aux épiceries solidaires grâce aux invendus "
        "des marchés et à une tournée mutualisée. La fiche présente le circuit testé, les "
        "partenaires et les premiers volumes.",
        (
            (
                "Le problème de départ",
                "Les épiceries solidaires de l'agglomération reçoivent "
                "surtout des produits secs. Les légumes frais manquent, alors que des invendus "
                "partent au compost chaque fin de marché.",
            ),
            (
                "Ce que nous testons",
                "Une tournée mutualisée passe en fin de marché chez les "
                "producteurs volontaires, puis dépose aux quatre épiceries. Un camion est pris en "
                "charge par Lorient Agglomération dans le cadre de son pacte.",
            ),
            (
                "Les premiers chiffres",
                "En deux mois, **1,8 tonne** de légumes a été "
                "redistribuée. Les épiceries demandent désormais des légumes de conservation pour "
                "l'hiver.",
            ),
            (
                "Ce qui coince encore",
                "Les producteurs ne savent pas à l'avance ce qu'ils "
                "auront d'invendus : la tournée part parfois à vide.",
            ),
        ),
        "Un camion réfrigéré ou une glacière de grande taille, un chauffeur deux demi-journées "
        "par semaine, une convention simple avec chaque producteur.",
        "Fatima Benali, cheffe de projet alimentation, Lorient Agglomération "
        "(fatima.benali@demo.tilab.bzh)",
        ("fatima", "coordination"),
        ("alimentation",),
        ("lorient-agglomeration", "lorient", "lanester"),
        140,
        experimentation="epiceries",
        revisions=("conditions", "section"),
        reutilisations=(
            (
                "sylvie",
                "Centre social du Porhoët, Ploërmel",
                "Nous avons repris la **convention producteur** telle quelle, en réduisant la "
                "tournée à deux marchés. Les bénévoles de l'épicerie font le chauffeur.",
            ),
        ),
    ),
    P(
        "Un transport à la demande qui suit les rendez-vous médicaux dans le Trégor",
        S.FICHE_EXPERIMENTATION,
        "Réserver le transport à la demande en même temps que le rendez-vous médical, avec "
        "les secrétariats des cabinets. La fiche explique le principe, qui fait quoi et ce "
        "que l'évaluation mesure.",
        (
            (
                "Le problème de départ",
                "Dans les hameaux du Trégor, des habitants sans voiture "
                "manquent leurs rendez-vous chez le médecin ou le kiné : le transport à la demande "
                "se réserve la veille avant midi, le rendez-vous est souvent donné plus tard.",
            ),
            (
                "Ce que nous testons",
                "Les secrétariats de six cabinets réservent directement le "
                "trajet quand ils donnent le rendez-vous. Le chauffeur reçoit l'heure de fin "
                "prévue pour le retour.",
            ),
            (
                "Qui est autour de la table",
                "Lannion-Trégor Communauté (service mobilités), "
                "l'association Mobilité solidaire en Argoat, un laboratoire de sciences sociales "
                "et le Cabinet Ar Vro pour l'évaluation.",
            ),
            (
                "Ce que l'on mesure",
                "Le nombre de rendez-vous manqués avant et après, le temps "
                "d'attente au retour, et ce qu'en disent les secrétaires.",
            ),
        ),
        "Un service de transport à la demande déjà en place, des secrétariats volontaires, un "
        "numéro de réservation dédié. Le pacte de Lannion-Trégor Communauté garantit un "
        "dixième de temps d'agent.",
        "Mikaël Le Bourhis, chargé du transport à la demande, Lannion-Trégor Communauté "
        "(mikael.le-bourhis@demo.tilab.bzh)",
        ("ronan", "mikael", "coordination"),
        ("mobilites-rurales", "sante"),
        ("lannion-tregor-communaute", "lannion"),
        35,
        experimentation="tad",
        communaute="mobilites-du-quotidien-en-milieu-rural",
        revisions=("contact", "resume"),
        reutilisations=(
            (
                "katell",
                "Guingamp-Paimpol Agglomération",
                "Deux cabinets de Bégard réservent désormais le transport solidaire de "
                "l'association au moment du rendez-vous. Nous avons simplifié le formulaire : "
                "trois champs seulement.",
            ),
            (
                "morgane",
                "Pontivy Communauté",
                "Présenté aux élus de la commission mobilités ; un test avec la maison de santé "
                "de Pontivy est prévu au printemps.",
            ),
        ),
    ),
    P(
        "Un guichet unique itinérant autour de Pontivy",
        S.FICHE_EXPERIMENTATION,
        "Tester un guichet qui se déplace de bourg en bourg, tenu à tour de rôle par les "
        "services de l'État, du Département et de la CAF.",
        (
            (
                "Le problème de départ",
                "Depuis la fermeture de la sous-préfecture, les habitants "
                "ne savent plus où faire leurs démarches. Les mairies les renvoient vers des "
                "services en ligne qu'ils n'utilisent pas.",
            ),
            (
                "Ce que nous voulons tester",
                "Un guichet présent une demi-journée par semaine dans "
                "cinq bourgs, avec un agent de chaque service à tour de rôle.",
            ),
            (
                "Ce qu'il reste à caler",
                "Le calendrier des permanences, la salle dans chaque bourg, la connexion internet.",
            ),
        ),
        "À écrire quand le test aura commencé.",
        "",
        ("morgane", "coordination"),
        ("acces-aux-droits",),
        ("pontivy-communaute", "pontivy"),
        8,
        statut=E.BROUILLON,
        experimentation="guichet",
        communaute="archipel-accueil-de-proximite",
    ),
    P(
        "Faire venir de jeunes médecins à Carhaix par l'accueil, pas par les primes",
        S.FICHE_EXPERIMENTATION,
        "Accueillir les internes en médecine comme des habitants : logement, réseau, place "
        "pour le conjoint. Le test porte sur deux promotions d'internes et la fiche dit ce que "
        "la commune met en place.",
        (
            (
                "Le problème de départ",
                "Trois médecins de Carhaix partent à la retraite d'ici "
                "deux ans. Les primes à l'installation n'ont attiré personne : les jeunes médecins "
                "disent chercher d'abord une vie sur place.",
            ),
            (
                "Ce que nous testons",
                "- deux logements communaux réservés aux internes ;\n- un "
                "« parrain » habitant pour chaque interne ;\n- un appui à la recherche d'emploi du "
                "conjoint avec les employeurs du Poher.",
            ),
            (
                "Qui est autour de la table",
                "La commune de Carhaix-Plouguer porte l'expérimentation, "
                "Poher communauté accueille, le Cabinet Ar Vro évalue.",
            ),
            (
                "Où en est-on",
                "La première promotion de quatre internes est arrivée en novembre. "
                "Le pacte de la commune attend sa signature.",
            ),
        ),
        "Des logements disponibles à loyer modéré, un élu référent, du temps d'agent pour "
        "l'accueil (un dixième de temps suffit pour quatre internes).",
        "Gwenaëlle Le Goff, secrétaire générale de mairie, Carhaix-Plouguer "
        "(relais@demo.tilab.bzh)",
        ("relais", "nolwenn"),
        ("sante",),
        ("poher-communaute", "carhaix-plouguer"),
        120,
        experimentation="medecins",
        revisions=("conditions", "contact", "section"),
        reutilisations=(
            (
                "copil",
                "Département du Finistère",
                "La fiche a servi à construire l'accueil des internes dans deux maisons de santé "
                "du Centre-Finistère. Nous avons ajouté un **week-end de découverte** avant le "
                "choix du stage.",
            ),
        ),
    ),
    P(
        "Des navettes partagées entre les usines de Vitré",
        S.FICHE_EXPERIMENTATION,
        "Mutualiser entre employeurs des navettes calées sur les horaires d'équipe.",
        (
            (
                "Le problème de départ",
                "Les usines agroalimentaires de la zone de Vitré "
                "recrutent, mais les candidats sans voiture ne peuvent pas venir pour l'équipe de "
                "5 heures.",
            ),
            (
                "Ce que nous voulons tester",
                "Une navette partagée entre trois employeurs, calée sur les changements d'équipe.",
            ),
        ),
        "",
        "",
        ("claire", "nolwenn"),
        ("mobilites-rurales",),
        ("vitre-communaute", "vitre"),
        6,
        statut=E.BROUILLON,
        experimentation="navettes",
    ),
    P(
        "Des démarches de la CAF écrites en facile à lire et à comprendre",
        S.FICHE_EXPERIMENTATION,
        "Réécrire avec des personnes qui lisent mal les cinq démarches les plus demandées, et "
        "mesurer ce que cela change au guichet. La fiche décrit la méthode d'écriture et le "
        "calendrier.",
        (
            (
                "Le problème de départ",
                "Les personnes qui lisent mal abandonnent les démarches "
                "en ligne de la CAF au premier écran. Elles reviennent au guichet, souvent trop "
                "tard pour leurs droits.",
            ),
            (
                "Ce que nous testons",
                "Cinq démarches réécrites en facile à lire et à comprendre "
                "(FALC), avec un groupe de relecteurs qui lisent mal, accompagnés par "
                "l'association Numérique pour tous en Cornouaille.",
            ),
            (
                "Le calendrier",
                "Trois ateliers d'écriture, puis deux mois de test au guichet de Quimper.",
            ),
            (
                "Ce que l'on mesure",
                "Le nombre de démarches abandonnées et les questions posées "
                "au guichet, avant et après.",
            ),
        ),
        "Un groupe de cinq à huit relecteurs, un animateur formé au FALC, l'accord du service "
        "qui publie les démarches.",
        "Mathieu Quéré, médiateur numérique, Numérique pour tous en Cornouaille "
        "(mathieu.quere@demo.tilab.bzh)",
        ("mathieu", "tristan"),
        ("numerique-inclusif", "acces-aux-droits"),
        ("quimper-bretagne-occidentale", "quimper"),
        14,
        statut=E.EN_RELECTURE,
        experimentation="falc",
        revisions=("relecture",),
        commentaires=(
            (
                "mathieu",
                "J'ai complété le résumé comme demandé, et ajouté le calendrier des "
                "ateliers. Dites-moi si la partie sur la mesure est assez claire.",
            ),
            (
                "documentation",
                "Merci, c'est beaucoup plus clair. Je relis la partie **Ce que "
                "l'on mesure** avec l'équipe d'évaluation et je publie dans la semaine.",
            ),
        ),
    ),
    P(
        "Des lots de marchés publics à la taille des producteurs locaux",
        S.FICHE_EXPERIMENTATION,
        "Découper les marchés des cantines des collèges d'Ille-et-Vilaine en lots que les "
        "producteurs locaux peuvent emporter. L'expérimentation est suspendue jusqu'au "
        "renouvellement des marchés ; la fiche dit où elle en est restée.",
        (
            (
                "Le problème de départ",
                "Les marchés des cantines des collèges sont passés en gros "
                "lots départementaux : aucun producteur local ne peut y répondre seul.",
            ),
            (
                "Ce qui a été fait",
                "Les volumes achetés par chaque collège sur trois ans ont été "
                "analysés ; une première découpe en douze lots géographiques a été proposée aux "
                "acheteurs.",
            ),
            (
                "Pourquoi c'est suspendu",
                "Le renouvellement des marchés est repoussé d'un an. "
                "L'expérimentation reprendra avec le nouveau calendrier.",
            ),
            (
                "Ce qui est déjà réutilisable",
                "L'analyse des volumes et la grille de découpe en "
                "lots sont jointes : elles valent pour tout acheteur public de restauration "
                "collective.",
            ),
        ),
        "Les données d'achat de trois années, un acheteur public volontaire, un appui juridique "
        "sur l'allotissement.",
        "Service de la restauration collective, Département d'Ille-et-Vilaine "
        "(nolwenn.cariou@demo.tilab.bzh pour le Ti Lab)",
        ("nolwenn",),
        ("alimentation",),
        ("ille-et-vilaine",),
        90,
        experimentation="cantines",
    ),
    P(
        "Une hotline marchés publics pour les secrétaires de mairie (fiche de lancement)",
        S.FICHE_EXPERIMENTATION,
        "La fiche de lancement de la permanence téléphonique tenue par les acheteurs du "
        "Département pour les communes de moins de 2 000 habitants. Archivée : le retour "
        "d'expérience la remplace.",
        (
            (
                "Le problème de départ",
                "Les secrétaires de mairie des petites communes passent "
                "seules leurs marchés publics, sans juriste à qui poser une question.",
            ),
            (
                "Ce que nous testons",
                "Une permanence téléphonique deux matinées par semaine, "
                "tenue par les acheteurs du Département des Côtes-d'Armor.",
            ),
            (
                "Ce que l'on mesure",
                "Le nombre d'appels, les sujets, et ce que les secrétaires "
                "en disent après trois mois.",
            ),
        ),
        "Des acheteurs volontaires, un numéro dédié, une liste de diffusion des communes.",
        "Nolwenn Cariou, coordinatrice au Ti Lab (nolwenn.cariou@demo.tilab.bzh)",
        ("nolwenn", "relais"),
        ("acces-aux-droits",),
        ("cotes-d-armor",),
        200,
        statut=E.ARCHIVEE,
        experimentation="hotline",
        motif_archivage="Remplacée par le retour d'expérience de la permanence.",
    ),
    P(
        "Repérer l'isolement des aînés de Brest toute l'année (fiche)",
        S.FICHE_EXPERIMENTATION,
        "Facteurs, pharmaciens et commerçants signalent, avec l'accord des personnes, ceux qui "
        "ne sortent plus ; le CCAS rappelle dans la semaine. La fiche décrit le dispositif tel "
        "qu'il a été testé dans trois quartiers.",
        (
            (
                "Le problème de départ",
                "Les personnes âgées isolées de Brest ne sont repérées "
                "qu'en cas de canicule, quand le registre est activé.",
            ),
            (
                "Ce que nous avons testé",
                "Un carnet de signalement chez les commerçants, les "
                "pharmaciens et les facteurs de trois quartiers ; un appel du CCAS dans la semaine "
                "qui suit.",
            ),
            (
                "Qui était autour de la table",
                "La Ville de Brest et son CCAS, un laboratoire de "
                "sciences sociales, le Studio Kerlann pour la conception avec les commerçants.",
            ),
            (
                "Le résultat",
                "Les signalements arrivent toute l'année ; le CCAS a pérennisé le "
                "dispositif et deux autres villes l'ont repris.",
            ),
        ),
        "Un CCAS capable de rappeler sous huit jours, des commerçants volontaires, l'accord "
        "écrit de chaque personne signalée.",
        "Tugdual Le Roux, chargé de mission cohésion sociale, Ville de Brest "
        "(tugdual.leroux@demo.tilab.bzh)",
        ("tugdual", "coordination"),
        ("vieillissement",),
        ("brest-metropole", "brest"),
        270,
        experimentation="isolement",
        revisions=("contact", "relecture", "section"),
        reutilisations=(
            (
                "claire",
                "CCAS de Vitré",
                "Nous avons repris le carnet de signalement avec les pharmacies et la poste. "
                "Adaptation : le rappel est fait par une bénévole formée, pas par un agent.",
            ),
            (
                "elodie",
                "CCAS de Lannion",
                "Le dispositif a été présenté au conseil d'administration du CCAS ; nous "
                "commençons par un quartier et les facteurs seulement.",
            ),
            (
                "relais",
                "Commune de Plouaret",
                "Repris à l'échelle d'un bourg de 2 000 habitants : la boulangère et la pharmacie "
                "signalent, la mairie rappelle.",
            ),
        ),
    ),
    P(
        "Tenir sa mission de service civique jusqu'au bout (fiche)",
        S.FICHE_EXPERIMENTATION,
        "Un tuteur hors de la structure d'accueil et une aide au logement dès le premier mois, "
        "pour que les jeunes en service civique ne décrochent pas. La fiche décrit ce qui a été "
        "testé à Bruz.",
        (
            (
                "Le problème de départ",
                "À Bruz, un jeune sur trois quittait sa mission de service "
                "civique avant la fin, souvent faute de logement ou d'interlocuteur.",
            ),
            (
                "Ce que nous avons testé",
                "- un tuteur extérieur à la structure, joignable par "
                "téléphone ;\n- une aide au logement mobilisée dès le premier mois avec le "
                "foyer de jeunes travailleurs.",
            ),
            (
                "Qui était autour de la table",
                "Rennes Métropole, la mission locale, deux "
                "structures d'accueil et les volontaires eux-mêmes.",
            ),
            (
                "Le résultat",
                "Deux tiers des volontaires suivis sont allés au bout de leur "
                "mission, contre la moitié auparavant.",
            ),
        ),
        "Des tuteurs bénévoles formés en une demi-journée, une place réservée au foyer de "
        "jeunes travailleurs.",
        "Julien Hamon, chargé de participation citoyenne, Rennes Métropole "
        "(julien.hamon@demo.tilab.bzh)",
        ("julien", "tristan"),
        ("jeunesse",),
        ("rennes-metropole", "bruz"),
        280,
        licence=L.CC_BY_4,
        experimentation="service-civique",
        revisions=("resume", "licence"),
    ),
    # --- Retours d'expérience ----------------------------------------------------------------
    P(
        "Retour d'expérience : une hotline marchés publics pour les secrétaires de mairie",
        S.RETOUR_EXPERIENCE,
        "Pendant six mois, les acheteurs du Département des Côtes-d'Armor ont répondu aux "
        "secrétaires de mairie des petites communes. Ce qui a marché, ce qui n'a pas tenu, et "
        "pourquoi le Département a repris la permanence.",
        (
            (
                "Ce qui a été fait",
                "Une permanence téléphonique deux matinées par semaine, 140 "
                "appels en six mois, venus de 62 communes.",
            ),
            (
                "Avec qui",
                "Trois acheteurs du Département, des secrétaires de mairie usagères du "
                "service, le Cabinet Ar Vro pour l'évaluation.",
            ),
            (
                "Ce qui a marché",
                "Les secrétaires appellent **avant** de lancer la consultation, "
                "et non plus après un recours. Les questions se répètent : une foire aux questions "
                "en est sortie.",
            ),
            (
                "Ce qui n'a pas marché",
                "Les deux matinées ne suffisaient pas en période de "
                "budget ; le courriel a mieux fonctionné que prévu.",
            ),
            (
                "Pour refaire ailleurs",
                "Partir des questions réelles : tenir un registre des appels dès le premier jour.",
            ),
        ),
        "Des acheteurs publics disponibles quatre heures par semaine, un registre des appels, "
        "une liste de diffusion des communes. Le Département peut partager sa foire aux "
        "questions.",
        "Mission ingénierie territoriale, Département des Côtes-d'Armor "
        "(nolwenn.cariou@demo.tilab.bzh pour le Ti Lab)",
        ("nolwenn", "relais"),
        ("acces-aux-droits",),
        ("cotes-d-armor",),
        12,
        experimentation="hotline",
        revisions=("conditions", "relecture"),
        reutilisations=(
            (
                "morgane",
                "Pontivy Communauté",
                "La communauté de communes a ouvert une permanence marchés publics pour ses "
                "communes membres, un matin par semaine, à partir de la foire aux questions.",
            ),
        ),
    ),
    P(
        "Retour d'expérience : un carnet pour les aidants familiaux, et pourquoi il n'a pas pris",
        S.RETOUR_EXPERIENCE,
        "Un carnet papier et numérique rassemblait les aides et les contacts utiles aux "
        "aidants familiaux de Brest et Quimper. Les aidants ne l'ont pas utilisé au-delà du "
        "premier mois : ce retour d'expérience dit pourquoi et ce qu'il faudrait essayer "
        "ensuite.",
        (
            (
                "Ce qui a été fait",
                "Un carnet de 24 pages distribué à 80 aidants par les "
                "infirmières libérales et les CCAS, doublé d'une version en ligne.",
            ),
            (
                "Avec qui",
                "La Ville de Brest, l'association Numérique pour tous en Cornouaille, "
                "des aidants rencontrés chez eux.",
            ),
            (
                "Ce qui a marché",
                "La page « qui appeler la nuit » a été gardée et affichée sur "
                "le frigo par beaucoup d'aidants.",
            ),
            (
                "Ce qui n'a pas marché",
                "Le reste du carnet n'a pas été ouvert : les aidants "
                "n'ont pas le temps de lire, ils ont besoin d'une **personne** à appeler.",
            ),
            (
                "Ce que nous en retenons",
                "Un outil ne remplace pas un interlocuteur. La piste "
                "suivante : un numéro unique tenu par le CCAS.",
            ),
        ),
        "Rien à reprendre tel quel ; la page « qui appeler la nuit » est libre de droits et "
        "facile à adapter.",
        "Tristan Morvan, coordinateur au Ti Lab (tristan.morvan@demo.tilab.bzh)",
        ("tristan", "tugdual", "mathieu"),
        ("vieillissement", "numerique-inclusif"),
        ("brest-metropole", "quimper-bretagne-occidentale"),
        15,
        licence=L.CC0,
        experimentation="aidants",
    ),
    P(
        "Retour d'expérience : repérer l'isolement des aînés toute l'année à Brest",
        S.RETOUR_EXPERIENCE,
        "Dix-huit mois de signalements par les commerçants, les pharmaciens et les facteurs. "
        "Le CCAS de Brest a pérennisé le dispositif ; voici ce qu'il a fallu ajuster en "
        "route.",
        (
            (
                "Ce qui a été fait",
                "Trois quartiers, 45 commerçants et pharmaciens, 12 facteurs ; "
                "210 signalements en dix-huit mois, dont 70 personnes qui n'étaient connues "
                "d'aucun service.",
            ),
            (
                "Avec qui",
                "La Ville de Brest et son CCAS, le Studio Kerlann, un laboratoire de "
                "sciences sociales qui a suivi les rappels.",
            ),
            (
                "Ce qui a marché",
                "Le rappel rapide : quand le CCAS appelle dans la semaine, les "
                "commerçants continuent de signaler.",
            ),
            (
                "Ce qui n'a pas marché",
                "Le formulaire en ligne du début : personne ne l'a "
                "utilisé. Le carnet papier déposé au comptoir l'a remplacé.",
            ),
            (
                "Pour refaire ailleurs",
                "Commencer petit (un quartier), garantir le rappel, "
                "remercier les signaleurs chaque trimestre.",
            ),
        ),
        "Un CCAS qui s'engage à rappeler sous huit jours ; l'accord écrit de la personne "
        "signalée ; un temps d'animation du réseau des signaleurs (un dixième de temps).",
        "CCAS de Brest, pôle seniors (tugdual.leroux@demo.tilab.bzh)",
        ("tugdual", "coordination"),
        ("vieillissement",),
        ("brest-metropole", "brest"),
        60,
        experimentation="isolement",
        revisions=("section",),
        reutilisations=(
            (
                "copil",
                "Département du Finistère",
                "Repris dans le schéma départemental de l'autonomie comme action à soutenir dans "
                "les communes de plus de 5 000 habitants.",
            ),
            (
                "sylvie",
                "Centre social du Porhoët",
                "Le centre social anime un réseau de signaleurs dans trois communes rurales ; les "
                "facteurs ont été les premiers à s'engager.",
            ),
        ),
    ),
    P(
        "Retour d'expérience : tenir sa mission de service civique jusqu'au bout à Bruz",
        S.RETOUR_EXPERIENCE,
        "Un tuteur extérieur et une aide au logement dès le premier mois ont fait passer de "
        "la moitié aux deux tiers la part des volontaires qui finissent leur mission. Le pacte "
        "de Rennes Métropole a été rompu en route : ce retour dit aussi pourquoi.",
        (
            (
                "Ce qui a été fait",
                "36 volontaires suivis sur deux promotions, chacun avec un "
                "tuteur bénévole extérieur à sa structure.",
            ),
            (
                "Ce qui a marché",
                "Le logement réglé le premier mois : aucun des volontaires "
                "logés au foyer n'a abandonné.",
            ),
            (
                "Ce qui n'a pas marché",
                "Le temps d'agent promis par le pacte n'a pas pu être "
                "dégagé après la réorganisation du service jeunesse ; le tutorat a reposé sur les "
                "bénévoles.",
            ),
            (
                "Pour refaire ailleurs",
                "Réserver les places au foyer avant le recrutement des volontaires, pas après.",
            ),
        ),
        "Des tuteurs bénévoles, une convention avec un foyer de jeunes travailleurs, une "
        "personne qui coordonne (au moins un dixième de temps).",
        "Julien Hamon, Rennes Métropole (julien.hamon@demo.tilab.bzh)",
        ("julien", "tristan"),
        ("jeunesse", "habitat"),
        ("rennes-metropole", "bruz"),
        80,
        licence=L.CC_BY_4,
        experimentation="service-civique",
        reutilisations=(
            (
                "tugdual",
                "Mission locale du pays de Brest",
                "Nous avons repris le tutorat extérieur pour les volontaires des associations "
                "sportives ; l'aide au logement reste à construire.",
            ),
        ),
    ),
    P(
        "Retour d'expérience : deux ans de bus France services dans le Trégor",
        S.RETOUR_EXPERIENCE,
        "L'équipe du bus France services de Lannion-Trégor Communauté raconte deux ans de "
        "tournées dans les bourgs : qui vient, pour quelles démarches, et ce qui a changé "
        "dans l'organisation.",
        (
            (
                "Ce qui a été fait",
                "Un bus aménagé, deux agents, douze bourgs visités chaque "
                "quinzaine ; 4 300 personnes reçues en deux ans.",
            ),
            (
                "Qui vient",
                "Surtout des retraités et des familles, pour les impôts, la retraite "
                "et les aides au logement.",
            ),
            ("Ce qui a marché", "Venir **le jour du marché** : la fréquentation double."),
            (
                "Ce qui n'a pas marché",
                "La connexion internet dans le bus ; une clé 4G de "
                "secours a été ajoutée au bout de six mois.",
            ),
            (
                "Pour refaire ailleurs",
                "Prévoir un temps de rappel des personnes entre deux "
                "passages : un dossier se règle rarement en une fois.",
            ),
        ),
        "Un véhicule aménagé et accessible, deux agents formés France services, un calendrier "
        "affiché dans chaque mairie.",
        "Service France services, Lannion-Trégor Communauté (ronan.lecam@demo.tilab.bzh)",
        ("animation", "ronan"),
        ("acces-aux-droits",),
        ("lannion-tregor-communaute",),
        28,
        communaute="archipel-accueil-de-proximite",
        evenement="retour-experience-maisons-france-services",
        reutilisations=(
            (
                "morgane",
                "Commune de Pontivy",
                "Le calendrier calé sur les marchés a été repris pour préparer le guichet "
                "itinérant autour de Pontivy.",
            ),
        ),
    ),
    P(
        "Retour d'expérience : un garage solidaire pour garder son emploi en Argoat",
        S.RETOUR_EXPERIENCE,
        "L'association Mobilité solidaire en Argoat répare à prix coûtant les voitures des "
        "personnes en insertion. Trois ans après, ce qui tient et ce qui fragilise le modèle.",
        (
            (
                "Ce qui a été fait",
                "Un atelier ouvert trois jours par semaine, 180 réparations "
                "par an, des voitures prêtées pendant les réparations.",
            ),
            (
                "Avec qui",
                "Les prescripteurs de l'insertion, un garagiste retraité bénévole, la "
                "communauté d'agglomération.",
            ),
            (
                "Ce qui a marché",
                "Le prêt de voiture : personne n'a perdu son emploi pendant une réparation.",
            ),
            (
                "Ce qui n'a pas marché",
                "Le financement à l'année : chaque hiver, l'association attend les subventions.",
            ),
        ),
        "Un local équipé, un mécanicien encadrant, des prescripteurs qui orientent.",
        "Katell Prigent, coordinatrice, Mobilité solidaire en Argoat "
        "(katell.prigent@demo.tilab.bzh)",
        ("katell", "recherche"),
        ("mobilites-rurales",),
        ("guingamp-paimpol-agglomeration", "guingamp"),
        150,
        communaute="mobilites-du-quotidien-en-milieu-rural",
    ),
    P(
        "Retour d'expérience : l'accueil sans rendez-vous à la mairie de Carhaix",
        S.RETOUR_EXPERIENCE,
        "La mairie de Carhaix-Plouguer a rouvert un accueil sans rendez-vous deux matinées par "
        "semaine. Les files d'attente redoutées n'ont pas eu lieu ; les démarches bloquées se "
        "règlent plus vite.",
        (
            (
                "Ce qui a été fait",
                "Deux matinées sans rendez-vous, un agent d'accueil formé aux "
                "démarches en ligne, un poste informatique en libre accès.",
            ),
            (
                "Ce qui a marché",
                "Les habitants viennent avec leurs courriers : l'agent voit tout "
                "de suite ce qui bloque.",
            ),
            (
                "Ce qui n'a pas marché",
                "Le poste en libre accès reste peu utilisé sans accompagnement.",
            ),
            (
                "Pour refaire ailleurs",
                "Annoncer les horaires dans le bulletin municipal et "
                "chez les commerçants, pas seulement sur le site.",
            ),
        ),
        "Un agent d'accueil formé, deux demi-journées par semaine, un bureau fermé pour la "
        "confidentialité.",
        "Gwenaëlle Le Goff, mairie de Carhaix-Plouguer (relais@demo.tilab.bzh)",
        ("relais",),
        ("acces-aux-droits",),
        ("carhaix-plouguer",),
        95,
        communaute="archipel-accueil-de-proximite",
        reutilisations=(
            (
                "claire",
                "Ville de Vitré",
                "Accueil sans rendez-vous ouvert le mardi matin au CCAS, sur le même modèle.",
            ),
        ),
    ),
    P(
        "Retour d'expérience : une épicerie solidaire itinérante dans le Porhoët",
        S.RETOUR_EXPERIENCE,
        "Un camion-épicerie passe chaque semaine dans six communes du Porhoët. Ce retour dit "
        "comment il a été monté avec les bénévoles et pourquoi la fréquentation a baissé "
        "l'été.",
        (
            (
                "Ce qui a été fait",
                "Un camion aménagé, six arrêts hebdomadaires, 90 foyers inscrits.",
            ),
            ("Ce qui a marché", "L'arrêt devant l'école, à la sortie des classes."),
            (
                "Ce qui n'a pas marché",
                "L'été, les familles partent et les bénévoles aussi : la "
                "tournée a été réduite de moitié.",
            ),
        ),
        "Un camion, une équipe de bénévoles, une convention avec la banque alimentaire.",
        "Sylvie Rault, directrice, Centre social intercommunal du Porhoët "
        "(sylvie.rault@demo.tilab.bzh)",
        ("sylvie",),
        ("alimentation",),
        ("ploermel-communaute", "ploermel"),
        4,
        statut=E.BROUILLON,
        communaute="archipel-accueil-de-proximite",
    ),
    # --- Méthodes -----------------------------------------------------------------------------
    P(
        "Conduire une immersion de deux semaines auprès des agents de terrain",
        S.METHODE,
        "Comment le Ti Lab prépare et mène les deux semaines d'immersion qui ouvrent chaque "
        "expérimentation. Qui prévenir, quoi observer, comment restituer sans trahir ceux qui "
        "ont été observés.",
        (
            (
                "À quoi ça sert",
                "Comprendre le problème depuis ceux qui le vivent, avant de "
                "chercher une solution. Ce qui bloque vient du terrain, pas d'un tableau de bord.",
            ),
            (
                "Les étapes",
                "1. Présenter l'immersion aux équipes et à leur hiérarchie.\n2. "
                "Suivre les agents dans leur journée, sans rien proposer.\n3. Tenir un carnet "
                "d'observation partagé chaque soir.\n4. Restituer d'abord aux agents, ensuite aux "
                "décideurs.",
            ),
            (
                "Les pièges",
                "- arriver avec une solution en tête ;\n- restituer aux élus avant "
                "les agents ;\n- observer sans l'accord explicite des usagers.",
            ),
            (
                "Exemples",
                "Les immersions des EHPAD de Vannes et du transport à la demande du "
                "Trégor ont suivi cette méthode.",
            ),
        ),
        "Deux personnes disponibles deux semaines, l'accord écrit de la structure d'accueil, "
        "un carnet d'observation (modèle dans les outils).",
        "Équipe du Ti Lab, documentation@demo.tilab.bzh",
        ("coordination", "documentation"),
        ("participation-citoyenne",),
        ("bretagne",),
        330,
        revisions=("conditions", "section", "resume"),
        reutilisations=(
            (
                "fatima",
                "Lorient Agglomération",
                "Méthode suivie pour l'immersion dans les marchés de gros ; nous avons raccourci "
                "à une semaine, faute de disponibilités.",
            ),
            (
                "anne",
                "Laboratoire de sciences sociales des territoires",
                "Utilisée en cours de master pour préparer les stages de terrain des étudiants, "
                "avec la grille des pièges.",
            ),
        ),
    ),
    P(
        "Constituer une communauté d'intérêt qui croise les expertises",
        S.METHODE,
        "Avant toute expérimentation, le Ti Lab vérifie qu'une communauté d'intérêt existe ou "
        "peut se former autour du problème. Cette méthode dit qui chercher, comment les réunir "
        "et quand dire qu'elle est constituée.",
        (
            (
                "À quoi ça sert",
                "Une expérimentation portée par une seule organisation s'arrête "
                "avec elle. Une communauté qui croise agents de terrain, décideurs, chercheurs et "
                "usagers la fait durer.",
            ),
            (
                "Les étapes",
                "1. Lister les expertises utiles au problème.\n2. Chercher au moins "
                "un agent de terrain et un décideur.\n3. Proposer un engagement cadré : quelques "
                "heures par mois, une date de fin.\n4. Réunir une première fois, écrire l'objet de "
                "la communauté ensemble.",
            ),
            (
                "Les signes qu'elle est constituée",
                "Au moins deux expertises différentes, des "
                "agents et des décideurs engagés, un territoire volontaire en vue.",
            ),
            (
                "Éviter l'épuisement",
                "Les engagements ont une fin. Mieux vaut dix personnes "
                "deux heures par mois qu'une seule qui porte tout.",
            ),
        ),
        "Un animateur ou une animatrice, un lieu de réunion, l'accord des employeurs pour le "
        "temps des agents.",
        "Erwan Tanguy, animateur des communautés, Ti Lab (animation@demo.tilab.bzh)",
        ("animation",),
        ("participation-citoyenne",),
        ("bretagne",),
        300,
        revisions=("section",),
        reutilisations=(
            (
                "copil",
                "Département du Finistère",
                "Grille reprise pour constituer le groupe de travail sur l'habitat inclusif, avec "
                "la règle des engagements datés.",
            ),
        ),
    ),
    P(
        "Écrire en facile à lire et à comprendre avec les personnes concernées",
        S.METHODE,
        "La méthode d'écriture en FALC suivie pour les démarches de la CAF : écrire avec, et "
        "non pour, les personnes qui lisent mal. Les règles, le déroulé des ateliers et la "
        "relecture.",
        (
            (
                "À quoi ça sert",
                "Un texte administratif réécrit seul reste souvent "
                "incompréhensible. Réécrit avec ses lecteurs, il devient utilisable.",
            ),
            (
                "Les règles de base",
                "- une idée par phrase ;\n- des mots de tous les jours ;\n- "
                "un exemple concret pour chaque consigne ;\n- pas de sigle sans explication.",
            ),
            (
                "Le déroulé",
                "Trois ateliers de deux heures : lire ensemble l'original, réécrire, "
                "relire avec d'autres personnes.",
            ),
            (
                "La relecture",
                "Un texte FALC est validé par au moins deux personnes qui lisent "
                "mal, qui n'ont pas participé à l'écriture.",
            ),
        ),
        "Un animateur formé, un petit groupe de relecteurs rémunérés ou défrayés, du temps : "
        "compter six heures par page.",
        "Mathieu Quéré, Numérique pour tous en Cornouaille (mathieu.quere@demo.tilab.bzh)",
        ("mathieu", "documentation"),
        ("numerique-inclusif", "acces-aux-droits"),
        ("finistere",),
        60,
        licence=L.CC_BY_4,
        communaute="archipel-mediation-numerique",
        revisions=("licence",),
        reutilisations=(
            (
                "claire",
                "CCAS de Vitré",
                "Le règlement des aides facultatives du CCAS a été réécrit avec quatre usagers en "
                "trois ateliers, sur ce déroulé.",
            ),
        ),
    ),
    P(
        "Mesurer les rendez-vous manqués avant et après une expérimentation",
        S.METHODE,
        "Une méthode simple pour compter, avec les secrétariats médicaux, les rendez-vous "
        "manqués faute de transport. Elle a servi dans le Trégor et vaut pour tout service qui "
        "donne des rendez-vous.",
        (
            (
                "À quoi ça sert",
                "Sans chiffre de départ, impossible de dire si une "
                "expérimentation change quelque chose.",
            ),
            (
                "Les étapes",
                "1. Choisir une période de référence de quatre semaines.\n2. Faire "
                "noter par les secrétariats chaque absence et sa raison, si elle est connue.\n3. "
                "Recommencer sur quatre semaines pendant le test.",
            ),
            (
                "Les pièges",
                "Les absences non excusées n'ont pas toutes le transport pour "
                "cause : demander la raison au rappel suivant.",
            ),
            (
                "Exemples",
                "Dans le Trégor, six cabinets ont tenu le relevé sans surcharge : "
                "une ligne par absence.",
            ),
        ),
        "Des secrétariats volontaires, une feuille de relevé (outil joint), une personne qui "
        "centralise chaque semaine.",
        "Cabinet Ar Vro, pour le Ti Lab (recherche@demo.tilab.bzh)",
        ("recherche", "anne"),
        ("sante", "mobilites-rurales"),
        ("lannion-tregor-communaute",),
        30,
        experimentation="tad",
        communaute="mobilites-du-quotidien-en-milieu-rural",
    ),
    P(
        "Préparer un pacte de transformation avec une collectivité",
        S.METHODE,
        "Un pacte de transformation engage une organisation au-delà de l'envoi d'une personne. "
        "Cette méthode dit comment l'écrire avec l'agent et le décideur, et quels engagements "
        "proposer.",
        (
            (
                "À quoi ça sert",
                "Sans engagement de l'organisation, l'agent qui participe agit "
                "seul, sur son temps libre. Le pacte lui garantit du temps et un appui.",
            ),
            (
                "Les engagements possibles",
                "- un temps d'agent garanti (souvent 0,1 ETP) ;\n- "
                "un décideur nommé qui suit l'expérimentation ;\n- un accès aux données ;\n- un "
                "accueil en immersion.",
            ),
            (
                "Les étapes",
                "Rédiger avec l'agent, relire avec le décideur, faire confirmer par "
                "chacun des signataires.",
            ),
            (
                "Les pièges",
                "Promettre un temps que le service ne pourra pas dégager : mieux "
                "vaut 0,05 ETP tenu que 0,2 ETP rompu.",
            ),
        ),
        "Un agent et un décideur volontaires dans l'organisation, un modèle de pacte (outil "
        "joint).",
        "Yann Kerhervé, directeur du Ti Lab (direction@demo.tilab.bzh)",
        ("direction", "coordination"),
        ("participation-citoyenne",),
        ("bretagne",),
        250,
        revisions=("relecture",),
    ),
    P(
        "Animer un atelier de partage de pratiques en petit groupe",
        S.METHODE,
        "Le format d'atelier utilisé par l'Archipel de l'accueil de proximité : huit personnes, "
        "trois heures, un cas apporté par chacun. Le déroulé minute par minute.",
        (
            (
                "À quoi ça sert",
                "Échanger des astuces concrètes entre pairs, sans expert qui descend.",
            ),
            (
                "Le déroulé",
                "- 20 minutes : chacun présente un cas en trois phrases ;\n- 90 "
                "minutes : deux cas travaillés en profondeur ;\n- 40 minutes : les astuces à "
                "garder, écrites ensemble ;\n- 10 minutes : ce qui remonte au Ti Lab.",
            ),
            (
                "Les pièges",
                "Laisser un participant raconter son cas pendant une heure ; "
                "oublier d'écrire les astuces.",
            ),
        ),
        "Une salle ou une visio, un animateur, un tableau partagé. Aucun coût.",
        "Erwan Tanguy, Ti Lab (animation@demo.tilab.bzh)",
        ("animation",),
        ("acces-aux-droits",),
        ("bretagne",),
        180,
        licence=L.CC0,
        communaute="archipel-accueil-de-proximite",
        reutilisations=(
            (
                "morgane",
                "France services de Pontivy",
                "Format repris chaque trimestre entre les agents France services du secteur, en "
                "visio, avec un cas par agent.",
            ),
        ),
    ),
    P(
        "Évaluer une expérimentation sans cabinet d'études",
        S.METHODE,
        "Toutes les expérimentations n'ont pas le budget d'une évaluation externe. Cette "
        "méthode propose trois questions, deux mesures et un entretien de fin pour évaluer "
        "par soi-même.",
        (
            (
                "Les trois questions",
                "Qu'est-ce qui a changé pour les personnes ? Qu'est-ce qui "
                "a changé pour les agents ? Qu'est-ce qui resterait si l'on arrêtait demain ?",
            ),
            (
                "Deux mesures",
                "Un chiffre avant, le même chiffre après ; choisir un chiffre que "
                "le service relève déjà.",
            ),
            (
                "Un entretien de fin",
                "Une heure avec trois usagers et trois agents, les mêmes questions pour tous.",
            ),
        ),
        "Une personne qui mène les entretiens, un chiffre de départ relevé avant le test.",
        "Loïc Cadiou, chargé de recherche, Ti Lab (recherche@demo.tilab.bzh)",
        ("recherche",),
        ("participation-citoyenne",),
        ("bretagne",),
        45,
        statut=E.EN_RELECTURE,
        commentaires=(
            (
                "documentation",
                "Merci Loïc. Avant de publier, un exemple d'expérimentation "
                "évaluée ainsi aiderait le lecteur : la hotline marchés publics, peut-être ?",
            ),
        ),
    ),
    P(
        "Organiser une rencontre régionale de partage d'expériences",
        S.METHODE,
        "Comment le Ti Lab organise ses rencontres régionales : le choix du lieu, l'équilibre "
        "entre retours d'expérience et ateliers, la place des agents de terrain.",
        (
            (
                "À quoi ça sert",
                "Faire se rencontrer ceux qui ont essayé et ceux qui veulent "
                "essayer, d'un territoire à l'autre.",
            ),
            (
                "Le programme type",
                "Le matin, trois retours d'expérience courts, chacun porté par "
                "un agent et un élu ; l'après-midi, des ateliers par territoire.",
            ),
            ("Le lieu", "Au centre de la région, accessible en car : Pontivy, Loudéac ou Carhaix."),
            (
                "Après la rencontre",
                "Un compte-rendu publié dans la semaine, les contacts "
                "échangés avec l'accord de chacun.",
            ),
        ),
        "Un lieu de 60 places, un budget de repas, deux mois de préparation.",
        "Erwan Tanguy, Ti Lab (animation@demo.tilab.bzh)",
        ("animation",),
        ("participation-citoyenne",),
        ("bretagne",),
        140,
    ),
    P(
        "Recueillir les remontées de terrain des relais-complices",
        S.METHODE,
        "Les problématiques travaillées par le Ti Lab viennent du terrain. Cette méthode dit "
        "comment les relais-complices repèrent un problème, le décrivent et le font remonter, "
        "et ce que l'équipe en fait.",
        (
            (
                "Qui sont les relais",
                "Des agents, des élus, des bénévoles qui agissent dans leur "
                "organisation, au plus près des habitants.",
            ),
            (
                "Décrire un problème",
                "Un constat daté, qui est concerné, ce qui a déjà été "
                "tenté ; pas de solution à ce stade.",
            ),
            (
                "Ce que fait l'équipe",
                "Elle reformule avec l'auteur, publie, cherche qui d'autre vit la même chose.",
            ),
        ),
        "Un formulaire de remontée (celui du portail), un interlocuteur dans l'équipe.",
        "Ti Team, coordination@demo.tilab.bzh",
        ("coordination",),
        ("participation-citoyenne",),
        ("bretagne",),
        360,
        licence=L.LICENCE_OUVERTE_2,
    ),
    # --- Outils -------------------------------------------------------------------------------
    P(
        "Carnet d'observation pour les immersions",
        S.OUTIL,
        "Le carnet que remplissent chaque soir les personnes en immersion : une page par "
        "journée, cinq rubriques. À imprimer ou à recopier.",
        (
            (
                "À quoi sert l'outil",
                "Garder la trace de ce qui a été vu et entendu, avant que la mémoire ne trie.",
            ),
            (
                "Les cinq rubriques",
                "- ce que j'ai vu ;\n- ce qu'on m'a dit (avec les mots de la "
                "personne) ;\n- ce qui m'a surpris ;\n- ce qui bloque ;\n- les questions pour "
                "demain.",
            ),
            (
                "Comment l'utiliser",
                "Dix minutes chaque soir, à deux si possible, sans interpréter.",
            ),
            ("Limites", "Le carnet ne remplace pas les entretiens : il les prépare."),
        ),
        "Rien d'autre qu'un carnet et dix minutes par jour.",
        "documentation@demo.tilab.bzh",
        ("documentation",),
        ("participation-citoyenne",),
        ("bretagne",),
        320,
        licence=L.CC0,
        revisions=("section",),
        reutilisations=(
            (
                "fatima",
                "Lorient Agglomération",
                "Imprimé en format A5 pour l'immersion dans les marchés ; la rubrique « ce qui "
                "m'a surpris » a été la plus utile.",
            ),
            (
                "julien",
                "Rennes Métropole",
                "Utilisé par les volontaires en service civique pour tenir leur journal de "
                "mission.",
            ),
        ),
    ),
    P(
        "Modèle de pacte de transformation",
        S.OUTIL,
        "Le modèle de pacte que le Ti Lab propose aux collectivités partenaires : préambule, "
        "engagements, signataires, durée. À adapter à chaque expérimentation.",
        (
            (
                "À quoi sert l'outil",
                "Écrire en une page ce que l'organisation s'engage à faire "
                "pendant l'expérimentation.",
            ),
            (
                "Les rubriques",
                "- un préambule : pourquoi l'organisation s'engage ;\n- les "
                "engagements, chacun mesurable ;\n- les signataires : un agent et un décideur ;\n- "
                "la durée et la façon d'y mettre fin.",
            ),
            (
                "Ce qu'il faut prévoir",
                "Un échange avec le service des ressources humaines pour le temps d'agent garanti.",
            ),
        ),
        "Aucune condition ; citer le Ti Lab est apprécié.",
        "Yann Kerhervé, Ti Lab (direction@demo.tilab.bzh)",
        ("direction",),
        ("participation-citoyenne",),
        ("bretagne",),
        240,
        licence=L.LICENCE_OUVERTE_2,
        revisions=("conditions", "licence"),
        reutilisations=(
            (
                "copil",
                "Département du Finistère",
                "Modèle repris pour les conventions avec les communes du contrat de territoire, "
                "avec un engagement de données en plus.",
            ),
        ),
    ),
    P(
        "Feuille de relevé des rendez-vous manqués",
        S.OUTIL,
        "La feuille que les secrétariats médicaux remplissent pour relever les rendez-vous "
        "manqués et leur raison. Une ligne par absence, quatre colonnes.",
        (
            (
                "À quoi sert l'outil",
                "Compter les rendez-vous manqués faute de transport, avant "
                "et pendant une expérimentation.",
            ),
            (
                "Les colonnes",
                "- la date ;\n- la commune du patient ;\n- la raison si elle est "
                "connue ;\n- rappelé ou non.",
            ),
            ("Comment l'utiliser", "Une feuille par semaine, récupérée le vendredi."),
            ("Limites", "Aucune donnée de santé : ni le nom ni le motif du rendez-vous."),
        ),
        "Une personne qui récupère les feuilles chaque semaine.",
        "Service mobilités, Lannion-Trégor Communauté (ronan.lecam@demo.tilab.bzh)",
        ("ronan", "recherche"),
        ("sante", "mobilites-rurales"),
        ("lannion-tregor-communaute",),
        25,
        licence=L.CC0,
        experimentation="tad",
    ),
    P(
        "Carnet de signalement des commerçants",
        S.OUTIL,
        "Le carnet déposé au comptoir des commerçants et pharmaciens pour signaler, avec son "
        "accord, une personne âgée qui ne sort plus. Il a remplacé le formulaire en ligne, que "
        "personne n'utilisait.",
        (
            ("À quoi sert l'outil", "Signaler en trente secondes, sans ordinateur."),
            (
                "Comment l'utiliser",
                "Le commerçant note le prénom, la rue et le téléphone, fait "
                "signer la personne, et dépose la page dans la boîte du CCAS.",
            ),
            (
                "Ce qu'il faut prévoir",
                "Un passage hebdomadaire pour relever les boîtes, un rappel sous huit jours.",
            ),
            (
                "Limites",
                "Sans accord signé, pas de signalement : le carnet le rappelle en tête "
                "de chaque page.",
            ),
        ),
        "Un CCAS qui relève et rappelle, des commerçants volontaires.",
        "CCAS de Brest (tugdual.leroux@demo.tilab.bzh)",
        ("tugdual",),
        ("vieillissement",),
        ("brest",),
        200,
        experimentation="isolement",
        reutilisations=(
            (
                "claire",
                "CCAS de Vitré",
                "Imprimé à 200 exemplaires pour les pharmacies et les boulangeries.",
            ),
        ),
    ),
    P(
        "Grille de découpe des marchés de restauration collective en lots",
        S.OUTIL,
        "Un tableur qui aide un acheteur public à découper ses marchés de denrées en lots "
        "accessibles aux producteurs locaux, par famille de produits et par secteur.",
        (
            (
                "À quoi sert l'outil",
                "Voir, à partir des volumes achetés, quels lots un "
                "producteur local pourrait emporter.",
            ),
            (
                "Comment l'utiliser",
                "Saisir les volumes par famille et par collège ; le tableur "
                "propose des regroupements par secteur de livraison.",
            ),
            (
                "Limites",
                "Le tableur ne dit rien du droit : faire valider la découpe par le "
                "service juridique.",
            ),
        ),
        "Les volumes d'achat sur au moins deux ans.",
        "nolwenn.cariou@demo.tilab.bzh",
        ("nolwenn",),
        ("alimentation",),
        ("ille-et-vilaine",),
        85,
        licence=L.LICENCE_OUVERTE_2,
        experimentation="cantines",
    ),
    P(
        "Affiche « Qui appeler la nuit » pour les aidants",
        S.OUTIL,
        "La seule page du carnet des aidants qui a vraiment servi : les numéros à appeler la "
        "nuit et le week-end, à adapter à chaque commune et à afficher sur le frigo.",
        (
            ("À quoi sert l'outil", "Avoir sous les yeux, au moment de la crise, le bon numéro."),
            (
                "Comment l'adapter",
                "Remplacer les numéros par ceux du territoire : garde "
                "médicale, plateforme de répit, CCAS, voisin de confiance.",
            ),
            ("Limites", "À mettre à jour chaque année : les numéros changent."),
        ),
        "Aucune condition.",
        "Tristan Morvan, Ti Lab (tristan.morvan@demo.tilab.bzh)",
        ("tristan", "tugdual"),
        ("vieillissement",),
        ("brest-metropole",),
        18,
        licence=L.CC0,
        experimentation="aidants",
        reutilisations=(
            (
                "relais",
                "CCAS de Carhaix-Plouguer",
                "Adaptée avec les numéros du Poher et distribuée par les infirmières libérales.",
            ),
            ("elodie", "CCAS de Lannion", "Imprimée au dos du guide des aides du CCAS."),
        ),
    ),
    P(
        "Kit de communication du transport à la demande",
        S.OUTIL,
        "Affiches, dépliant et message pour les bulletins municipaux qui expliquent le "
        "transport à la demande en mots simples, testés auprès des habitants des hameaux.",
        (
            (
                "À quoi sert l'outil",
                "Faire connaître le service à ceux qui en ont besoin et ne "
                "lisent pas le site de l'intercommunalité.",
            ),
            (
                "Ce qu'il contient",
                "- une affiche pour les mairies et les cabinets ;\n- un "
                "dépliant avec le numéro en gros ;\n- un texte de dix lignes pour les bulletins.",
            ),
            ("Ce qu'il faut prévoir", "Le numéro de réservation et les horaires du territoire."),
        ),
        "Remplacer les logos et le numéro ; garder les phrases testées.",
        "Mikaël Le Bourhis, Lannion-Trégor Communauté (mikael.le-bourhis@demo.tilab.bzh)",
        ("mikael",),
        ("mobilites-rurales",),
        ("lannion-tregor-communaute",),
        20,
        experimentation="tad",
    ),
    P(
        "Trame d'entretien de fin d'expérimentation",
        S.OUTIL,
        "Les questions posées aux usagers et aux agents à la fin de chaque expérimentation, "
        "pour savoir ce qui a changé et ce qui resterait si l'on arrêtait.",
        (
            ("À quoi sert l'outil", "Poser les mêmes questions à tous, pour pouvoir comparer."),
            (
                "Les questions",
                "1. Qu'est-ce qui a changé pour vous ?\n2. Qu'est-ce qui a été "
                "difficile ?\n3. Si on arrêtait demain, que garderiez-vous ?\n4. Qui d'autre "
                "faudrait-il interroger ?",
            ),
            (
                "Comment l'utiliser",
                "Une heure par entretien, à deux : l'un pose les questions, l'autre note.",
            ),
        ),
        "Aucun moyen particulier ; prévoir l'accord écrit des personnes interrogées.",
        "Loïc Cadiou, Ti Lab (recherche@demo.tilab.bzh)",
        ("recherche",),
        ("participation-citoyenne",),
        ("bretagne",),
        50,
        licence=L.CC_BY_4,
    ),
    P(
        "Calendrier partagé des permanences de proximité",
        S.OUTIL,
        "Un modèle de calendrier qui rassemble, pour un bassin de vie, toutes les permanences "
        "des services publics : qui est où, quel jour.",
        (
            (
                "À quoi sert l'outil",
                "Dire aux habitants, sur une seule page, où trouver un agent cette semaine.",
            ),
            (
                "Comment l'utiliser",
                "Chaque service tient sa ligne ; la mairie imprime la page chaque mois.",
            ),
        ),
        "",
        "morgane.jego@demo.tilab.bzh",
        ("morgane",),
        ("acces-aux-droits",),
        ("pontivy-communaute",),
        10,
        statut=E.BROUILLON,
        communaute="archipel-accueil-de-proximite",
    ),
    # --- Comptes-rendus d'événements ------------------------------------------------------------
    P(
        "Compte-rendu : deux ans de France services itinérant, la rencontre de Lannion",
        S.COMPTE_RENDU,
        "Quarante agents et élus réunis à Lannion ont écouté l'équipe du bus France services "
        "et travaillé sur trois questions : où s'arrêter, comment rappeler, comment travailler "
        "avec les mairies.",
        (
            (
                "Qui était là",
                "Des agents France services des quatre départements, des "
                "secrétaires de mairie, des élus de Lannion-Trégor Communauté.",
            ),
            (
                "Ce qui s'est dit",
                "Le bus attire d'abord les retraités ; les familles viennent "
                "quand l'arrêt est près de l'école. Les agents demandent un temps de rappel "
                "reconnu.",
            ),
            (
                "Ce que nous retenons",
                "- s'arrêter le jour du marché ;\n- prévoir un rappel "
                "entre deux passages ;\n- prévenir la mairie la veille.",
            ),
            (
                "Et après",
                "Deux territoires veulent tester un guichet itinérant : Pontivy en premier.",
            ),
        ),
        "Compte-rendu librement réutilisable ; les noms des participants n'y figurent pas.",
        "Erwan Tanguy, Ti Lab (animation@demo.tilab.bzh)",
        ("animation",),
        ("acces-aux-droits",),
        ("lannion-tregor-communaute",),
        25,
        evenement="retour-experience-maisons-france-services",
        communaute="archipel-accueil-de-proximite",
    ),
    P(
        "Compte-rendu : une semaine d'immersion dans un tiers-lieu numérique à Saint-Malo",
        S.COMPTE_RENDU,
        "Huit agents ont passé cinq jours aux côtés des médiateurs numériques du Hangar, à "
        "Saint-Malo. Ce qu'ils ont vu, ce qu'ils ramènent dans leur service.",
        (
            (
                "Qui était là",
                "Huit agents d'accueil et conseillers numériques de communes et "
                "d'intercommunalités bretonnes.",
            ),
            (
                "Ce que nous avons vu",
                "Des ateliers où l'on ne fait jamais à la place ; un "
                "accueil sans rendez-vous tous les matins ; des habitants qui reviennent aider.",
            ),
            (
                "Ce que nous retenons",
                "Accompagner prend du temps : trois passages en moyenne "
                "pour qu'une personne fasse seule sa démarche.",
            ),
            ("Et après", "Trois participants montent un atelier mensuel dans leur mairie."),
        ),
        "Compte-rendu librement réutilisable.",
        "Erwan Tanguy, Ti Lab (animation@demo.tilab.bzh)",
        ("animation", "mathieu"),
        ("numerique-inclusif",),
        ("saint-malo-agglomeration", "saint-malo"),
        80,
        evenement="immersion-tiers-lieu-numerique",
        communaute="archipel-mediation-numerique",
        reutilisations=(
            (
                "morgane",
                "France services de Pontivy",
                "Atelier mensuel ouvert à la médiathèque sur le modèle du Hangar.",
            ),
        ),
    ),
    P(
        "Compte-rendu : la rencontre régionale 2025 de l'Archipel de l'accueil",
        S.COMPTE_RENDU,
        "Soixante participants à Pontivy pour la rencontre annuelle de l'Archipel de l'accueil "
        "de proximité. Les astuces qui débloquent un dossier, et ce qui remonte au Ti Lab.",
        (
            (
                "Qui était là",
                "Secrétaires de mairie, agents France services, accueils de "
                "centres sociaux, quelques élus.",
            ),
            (
                "Ce qui s'est dit",
                "Le non-recours vient souvent d'un courrier mal compris. Les "
                "agents réécrivent déjà, chacun dans son coin, les courriers les plus fréquents.",
            ),
            (
                "Ce que nous retenons",
                "Une bibliothèque commune de courriers réécrits serait utile à tous.",
            ),
            (
                "Ce qui remonte au Ti Lab",
                "Deux problématiques déposées dans la semaine, dont "
                "celle des démarches de la CAF en ligne.",
            ),
        ),
        "Compte-rendu librement réutilisable.",
        "animation@demo.tilab.bzh",
        ("animation",),
        ("acces-aux-droits",),
        ("bretagne",),
        390,
        communaute="archipel-accueil-de-proximite",
        revisions=("resume", "section"),
    ),
    P(
        "Compte-rendu : atelier « se loger quand on est saisonnier » à Saint-Brieuc",
        S.COMPTE_RENDU,
        "Employeurs, élus et saisonniers réunis par la communauté d'intérêt sur le logement "
        "des saisonniers : trois pistes retenues pour l'été prochain.",
        (
            (
                "Qui était là",
                "Deux campings, un hôtel, une coopérative agricole, des élus de "
                "Saint-Brieuc et de Dinan, quatre saisonniers.",
            ),
            (
                "Ce qui s'est dit",
                "Les saisonniers dorment dans leur voiture faute de logement ; "
                "les employeurs perdent des recrues en juin.",
            ),
            (
                "Les trois pistes",
                "- ouvrir les internats l'été ;\n- le logement chez "
                "l'habitant, avec une charte ;\n- des modules partagés entre employeurs.",
            ),
        ),
        "Compte-rendu librement réutilisable.",
        "Erwan Tanguy, Ti Lab (animation@demo.tilab.bzh)",
        ("animation", "claire"),
        ("habitat", "jeunesse"),
        ("saint-brieuc-armor-agglomeration", "dinan-agglomeration"),
        70,
        communaute="logement-des-saisonniers",
        problematique="les-saisonniers-de-la-cote-ne-trouvent-pas-de-logement-a-saint-brieuc-"
        "et-dinan",
    ),
    P(
        "Compte-rendu : séminaire de recherche sur les mobilités rurales",
        S.COMPTE_RENDU,
        "Chercheurs et praticiens de la communauté « Mobilités du quotidien en milieu rural » "
        "ont croisé enquêtes et données de fréquentation. Ce qui en ressort pour les "
        "intercommunalités.",
        (
            (
                "Qui était là",
                "Une vingtaine de personnes : chercheurs, responsables mobilités, "
                "associations de transport solidaire.",
            ),
            (
                "Ce qui s'est dit",
                "Le transport à la demande sert d'abord la santé ; les "
                "horaires de réservation excluent ceux qui en ont le plus besoin.",
            ),
            (
                "Ce que nous retenons",
                "Réserver au moment du rendez-vous, pas la veille : "
                "l'idée de l'expérimentation du Trégor est née ici.",
            ),
        ),
        "Compte-rendu librement réutilisable ; les données présentées restent à leurs auteurs.",
        "Loïc Cadiou, Ti Lab (recherche@demo.tilab.bzh)",
        ("recherche", "anne"),
        ("mobilites-rurales",),
        ("cotes-d-armor", "morbihan"),
        230,
        communaute="mobilites-du-quotidien-en-milieu-rural",
    ),
    P(
        "Compte-rendu : réunion de lancement de la communauté sur le non-recours",
        S.COMPTE_RENDU,
        "Première réunion de la communauté « Comprendre le non-recours aux droits » : qui en "
        "est, ce que chacun observe, et le calendrier des six prochains mois.",
        (
            (
                "Qui était là",
                "Des agents de guichet, une chercheuse, une directrice de CCAS, "
                "une élue départementale.",
            ),
            (
                "Ce que chacun observe",
                "Des droits perdus faute de réponse à un courrier, des "
                "personnes qui ne demandent plus rien après un refus.",
            ),
            (
                "Le calendrier",
                "Trois réunions, une enquête auprès de cinquante personnes, une synthèse à l'été.",
            ),
        ),
        "Compte-rendu librement réutilisable.",
        "recherche@demo.tilab.bzh",
        ("recherche",),
        ("acces-aux-droits",),
        ("ille-et-vilaine", "finistere"),
        25,
        communaute="non-recours-aux-droits",
    ),
    P(
        "Compte-rendu : rencontre des maires ruraux sur la rénovation énergétique",
        S.COMPTE_RENDU,
        "Douze maires d'Ille-et-Vilaine ont dit ce qui les bloque entre le diagnostic "
        "énergétique et les travaux. Premières pistes de mutualisation.",
        (
            (
                "Qui était là",
                "Douze maires de communes de moins de 1 500 habitants, un "
                "conseiller en énergie partagé, la communauté en constitution.",
            ),
            (
                "Ce qui bloque",
                "Personne pour monter les dossiers de financement ; des "
                "entreprises qui ne répondent pas aux petits chantiers.",
            ),
            ("Les pistes", "Un ingénieur partagé entre cinq communes ; des chantiers groupés."),
        ),
        "Compte-rendu librement réutilisable.",
        "Maëlle Riou, Ti Lab (coordination@demo.tilab.bzh)",
        ("coordination",),
        ("habitat", "transition-ecologique"),
        ("ille-et-vilaine",),
        40,
        communaute="renovation-energetique-petites-communes",
    ),
    # --- Guides -------------------------------------------------------------------------------
    P(
        "Guide : documenter son projet avec le Ti Lab",
        S.GUIDE,
        "Tout projet mené avec le Ti Lab est documenté par ceux qui le mènent. Ce guide dit "
        "quelles pages écrire, quand, et comment la Ti Team relit et publie.",
        (
            ("Pour qui", "Les participants des expérimentations et les membres des communautés."),
            (
                "Les pages à écrire",
                "- une fiche au lancement ;\n- un retour d'expérience à la "
                "fin ;\n- les outils et méthodes qui peuvent servir ailleurs.",
            ),
            (
                "La relecture",
                "Soumettez la page quand elle est prête ; la Ti Team relit, "
                "commente, demande parfois des compléments, puis publie.",
            ),
            (
                "La liste de contrôle",
                "Un résumé, une licence, les conditions de réutilisation "
                "et un contact : sans eux, une page n'est pas publiée.",
            ),
        ),
        "Guide librement réutilisable par d'autres laboratoires.",
        "Soizic Le Floch, documentation et communs (documentation@demo.tilab.bzh)",
        ("documentation",),
        ("participation-citoyenne",),
        ("bretagne",),
        365,
        licence=L.CC_BY_4,
        revisions=("section", "resume", "licence"),
        restauration=(
            "Tableau des délais de relecture par page",
            "Délai moyen constaté : 4 jours pour une fiche, 9 jours pour un retour d'expérience.",
            "Restaure la révision précédente : les délais de relecture n'étaient pas encore "
            "vérifiés",
        ),
        reutilisations=(
            (
                "anne",
                "Laboratoire de sciences sociales des territoires",
                "Le guide sert de base à la charte de documentation des projets de recherche-"
                "action du laboratoire.",
            ),
        ),
    ),
    P(
        "Guide : choisir une licence pour sa documentation",
        S.GUIDE,
        "CC BY-SA, CC BY, Licence Ouverte, CC0 : laquelle choisir pour que d'autres "
        "collectivités puissent reprendre votre travail ? Ce guide compare les quatre licences "
        "proposées par le Ti Lab.",
        (
            ("Pour qui", "Toute personne qui publie une page de la base documentaire."),
            (
                "Les quatre licences",
                "- **CC BY-SA 4.0** : réutilisation libre, en citant, et "
                "les adaptations sous la même licence ;\n- **CC BY 4.0** : réutilisation libre, en "
                "citant ;\n- **Licence Ouverte 2.0** : celle des données publiques, en citant la "
                "source et la date ;\n- **CC0** : aucune condition.",
            ),
            (
                "Comment choisir",
                "Par défaut, CC BY-SA : le commun reste un commun. Pour un "
                "modèle de document administratif, la Licence Ouverte.",
            ),
            (
                "Questions fréquentes",
                "Une collectivité peut-elle modifier un outil ? Oui, avec "
                "toutes les licences proposées.",
            ),
        ),
        "Guide librement réutilisable.",
        "documentation@demo.tilab.bzh",
        ("documentation",),
        ("participation-citoyenne",),
        ("bretagne",),
        340,
        licence=L.CC0,
        revisions=("section", "licence"),
        reutilisations=(
            (
                "fatima",
                "Lorient Agglomération",
                "Repris dans la note interne sur la publication des données et documents de "
                "l'agglomération.",
            ),
        ),
    ),
    P(
        "Guide : rejoindre une communauté d'intérêt sans s'épuiser",
        S.GUIDE,
        "S'engager dans une communauté, c'est donner quelques heures par mois, jusqu'à une date "
        "fixée. Ce guide explique comment choisir son engagement, le renouveler ou le "
        "quitter.",
        (
            ("Pour qui", "Agents, élus, chercheurs, habitants qui veulent contribuer."),
            (
                "Choisir son engagement",
                "Un rôle, un nombre d'heures par mois, une date de fin : "
                "c'est tout ce que le portail demande.",
            ),
            (
                "Renouveler ou quitter",
                "Un mois avant la fin, un rappel arrive. Quitter est "
                "normal ; personne ne doit porter seul une communauté.",
            ),
            (
                "S'engager davantage",
                "Quand votre collectivité signe un pacte, votre temps peut "
                "être garanti par votre employeur.",
            ),
        ),
        "Guide librement réutilisable.",
        "Erwan Tanguy, Ti Lab (animation@demo.tilab.bzh)",
        ("animation",),
        ("participation-citoyenne",),
        ("bretagne",),
        280,
    ),
    P(
        "Guide : monter un transport solidaire avec des bénévoles conducteurs",
        S.GUIDE,
        "Les étapes pour lancer un transport solidaire dans une commune rurale : trouver les "
        "conducteurs, les assurer, fixer la participation des passagers, organiser les "
        "réservations.",
        (
            (
                "Pour qui",
                "Communes, CCAS et associations des territoires sans transport en commun régulier.",
            ),
            (
                "Les étapes",
                "1. Recenser les besoins : santé, courses, démarches.\n2. Trouver "
                "cinq conducteurs pour commencer.\n3. Vérifier l'assurance de chacun.\n4. Fixer "
                "une participation au kilomètre.\n5. Désigner qui prend les réservations.",
            ),
            (
                "Les ressources",
                "La fiche de l'expérimentation du Trégor et le retour "
                "d'expérience du garage solidaire de l'Argoat.",
            ),
            (
                "Questions fréquentes",
                "Un conducteur bénévole peut-il être défrayé ? Oui, au barème kilométrique.",
            ),
        ),
        "Une structure porteuse (commune, CCAS ou association), une assurance, une personne "
        "qui prend les réservations.",
        "Katell Prigent, Mobilité solidaire en Argoat (katell.prigent@demo.tilab.bzh)",
        ("katell", "recherche"),
        ("mobilites-rurales",),
        ("cotes-d-armor",),
        160,
        communaute="mobilites-du-quotidien-en-milieu-rural",
        revisions=("conditions", "contact"),
        reutilisations=(
            (
                "relais",
                "Commune de Plouaret",
                "Le transport solidaire de la commune a démarré avec sept conducteurs, en suivant "
                "les cinq étapes ; les réservations passent par la mairie.",
            ),
            (
                "sylvie",
                "Centre social du Porhoët",
                "Nous avons repris la partie assurance et la participation au kilomètre.",
            ),
        ),
    ),
    P(
        "Guide : accueillir un interne en médecine dans sa commune",
        S.GUIDE,
        "Ce que peut faire une commune pour que les internes en stage aient envie de rester : "
        "logement, accueil, vie sociale. Tiré de l'expérimentation de Carhaix.",
        (
            (
                "Pour qui",
                "Les communes et intercommunalités qui accueillent des internes ou "
                "veulent en accueillir.",
            ),
            (
                "Les étapes",
                "- réserver un logement meublé avant l'arrivée ;\n- nommer un "
                "parrain habitant ;\n- organiser une soirée d'accueil avec les professionnels de "
                "santé ;\n- aider le conjoint à trouver un emploi.",
            ),
            (
                "Les ressources",
                "La fiche de l'expérimentation de Carhaix et son évaluation, "
                "dès qu'elle sera publiée.",
            ),
        ),
        "Un logement, un élu référent, du temps d'agent.",
        "Gwenaëlle Le Goff, Carhaix-Plouguer (relais@demo.tilab.bzh)",
        ("relais",),
        ("sante",),
        ("finistere",),
        60,
        experimentation="medecins",
    ),
    P(
        "Guide : répondre à un appel à projets quand on est une petite association",
        S.GUIDE,
        "Les associations de Rennes disent ne plus arriver à répondre aux appels à projets. "
        "Ce guide rassemble les conseils des financeurs et des associations qui y arrivent "
        "encore.",
        (
            ("Pour qui", "Les associations de moins de trois salariés."),
            (
                "Avant d'écrire",
                "Vérifier l'éligibilité en cinq minutes ; demander un rendez-vous au financeur.",
            ),
            ("Les ressources", "Un dossier type, réutilisable d'un appel à l'autre."),
        ),
        "Guide librement réutilisable.",
        "Julien Hamon, Rennes Métropole (julien.hamon@demo.tilab.bzh)",
        ("julien",),
        ("participation-citoyenne",),
        ("rennes-metropole", "rennes"),
        7,
        statut=E.BROUILLON,
    ),
    P(
        "Guide : ouvrir un accueil sans rendez-vous en mairie",
        S.GUIDE,
        "Rouvrir un accueil sans rendez-vous fait peur aux équipes. Ce guide dit comment "
        "l'organiser en deux demi-journées par semaine, à partir des expériences de Carhaix et "
        "de Vitré.",
        (
            ("Pour qui", "Les mairies et CCAS qui ne reçoivent plus que sur rendez-vous."),
            (
                "Les étapes",
                "1. Choisir deux demi-journées, dont une le jour du marché.\n2. "
                "Former un agent aux démarches en ligne les plus fréquentes.\n3. Prévoir un bureau "
                "fermé.\n4. Annoncer les horaires partout, pas seulement en ligne.",
            ),
            (
                "Questions fréquentes",
                "Et si la file d'attente explose ? Elle n'a explosé nulle "
                "part : les habitants viennent quand ils savent qu'ils seront reçus.",
            ),
        ),
        "Un agent formé, un bureau, une communication locale.",
        "Morgane Jégo, France services de Pontivy (morgane.jego@demo.tilab.bzh)",
        ("morgane", "animation"),
        ("acces-aux-droits",),
        ("bretagne",),
        75,
        communaute="archipel-accueil-de-proximite",
        revisions=("relecture",),
        reutilisations=(
            (
                "elodie",
                "Ville de Brest",
                "La mairie de quartier de Bellevue a rouvert le jeudi matin sans rendez-vous.",
            ),
        ),
    ),
    P(
        "Guide : les services de l'État de 2019, répertoire des interlocuteurs",
        S.GUIDE,
        "Un répertoire des interlocuteurs des services de l'État en Bretagne, dressé en 2019 "
        "pour les secrétaires de mairie. Archivé : les services ont été réorganisés depuis.",
        (
            ("Pour qui", "Les secrétaires de mairie des petites communes."),
            (
                "Le répertoire",
                "Un interlocuteur par domaine : urbanisme, élections, état civil, marchés publics.",
            ),
            (
                "Pourquoi il est archivé",
                "Les services ont changé : les numéros ne sont plus justes.",
            ),
        ),
        "Répertoire à ne pas reprendre tel quel.",
        "documentation@demo.tilab.bzh",
        ("documentation",),
        ("acces-aux-droits",),
        ("bretagne",),
        420,
        licence=L.LICENCE_OUVERTE_2,
        statut=E.ARCHIVEE,
        motif_archivage="Les services ont été réorganisés : les interlocuteurs ne sont plus "
        "les bons.",
    ),
    P(
        "Guide : analyser l'eau de son puits",
        S.GUIDE,
        "Dans les hameaux du Finistère, l'eau des puits privés n'est jamais analysée. Ce "
        "guide dit à qui s'adresser, combien cela coûte et que faire des résultats.",
        (
            (
                "Pour qui",
                "Les habitants qui boivent l'eau de leur puits, et les mairies qui "
                "veulent les informer.",
            ),
            (
                "Les étapes",
                "1. Prendre contact avec un laboratoire agréé.\n2. Prélever selon ses "
                "consignes.\n3. Lire les résultats avec l'agence régionale de santé si besoin.",
            ),
            ("Combien ça coûte", "Entre 80 et 200 euros selon les paramètres analysés."),
            (
                "Questions fréquentes",
                "Faut-il analyser chaque année ? Au moins tous les trois "
                "ans, et après une inondation.",
            ),
        ),
        "Les coordonnées du laboratoire agréé du département.",
        "Ti Team (coordination@demo.tilab.bzh)",
        ("coordination",),
        ("transition-ecologique", "sante"),
        ("finistere",),
        110,
        licence=L.LICENCE_OUVERTE_2,
        problematique="leau-des-puits-prives-nest-jamais-analysee-dans-les-hameaux",
    ),
    # --- Synthèses ----------------------------------------------------------------------------
    P(
        "Synthèse : ce que trois ans d'expérimentations disent des mobilités rurales",
        S.SYNTHESE,
        "Transport à la demande, covoiturage, garages et transports solidaires : ce que les "
        "expérimentations bretonnes ont appris sur les déplacements sans voiture. Une "
        "synthèse pour les élus qui décident.",
        (
            (
                "Le constat",
                "Hors des villes, ne pas avoir de voiture, c'est renoncer : aux "
                "soins, à l'emploi, aux démarches.",
            ),
            (
                "Ce que disent les expérimentations",
                "- le transport à la demande sert d'abord "
                "la santé ;\n- réserver au moment du rendez-vous change tout ;\n- les bénévoles "
                "conducteurs tiennent quand ils sont peu sollicités chacun.",
            ),
            (
                "Ce qui reste à explorer",
                "Le covoiturage de proximité ne prend pas sans "
                "animation ; les jeunes sans permis restent sans solution.",
            ),
            (
                "Pour aller plus loin",
                "La fiche de l'expérimentation du Trégor, le guide du "
                "transport solidaire, le retour du garage solidaire de l'Argoat.",
            ),
        ),
        "Synthèse librement réutilisable, en citant le Ti Lab et la communauté.",
        "Loïc Cadiou, Ti Lab (recherche@demo.tilab.bzh)",
        ("recherche", "anne", "ronan"),
        ("mobilites-rurales",),
        ("bretagne",),
        100,
        communaute="mobilites-du-quotidien-en-milieu-rural",
        revisions=("resume", "section"),
        reutilisations=(
            (
                "ronan",
                "Lannion-Trégor Communauté",
                "Citée dans le plan de mobilité simplifié adopté en conseil communautaire.",
            ),
            (
                "copil",
                "Région Bretagne",
                "Présentée en commission transports comme base de la réflexion sur les lignes "
                "rurales.",
            ),
        ),
    ),
    P(
        "Synthèse : le non-recours aux droits, ce qu'en disent les guichets",
        S.SYNTHESE,
        "Pourquoi des personnes ne touchent pas ce à quoi elles ont droit ? Ce que les agents "
        "de guichet de l'Archipel de l'accueil observent, mis en regard des travaux de "
        "recherche.",
        (
            (
                "Le constat",
                "Une personne sur trois ne touche pas une aide à laquelle elle a droit.",
            ),
            (
                "Ce que voient les guichets",
                "Des courriers incompris, des démarches en ligne "
                "abandonnées, la honte de demander.",
            ),
            (
                "Ce que dit la recherche",
                "Le non-recours est rarement un choix : c'est surtout "
                "de la non-connaissance et de la non-réception.",
            ),
            (
                "Ce qui reste à explorer",
                "Aller vers les personnes plutôt qu'attendre qu'elles "
                "viennent : la communauté sur le non-recours s'en saisit.",
            ),
        ),
        "Synthèse librement réutilisable.",
        "Loïc Cadiou, Ti Lab (recherche@demo.tilab.bzh)",
        ("recherche", "documentation"),
        ("acces-aux-droits",),
        ("bretagne",),
        55,
        communaute="non-recours-aux-droits",
    ),
    P(
        "Synthèse : bien vieillir chez soi, ce que les expérimentations ont appris",
        S.SYNTHESE,
        "Repérage de l'isolement, sorties des résidents d'EHPAD, carnet des aidants : trois "
        "expérimentations, trois leçons sur le maintien à domicile et l'isolement des aînés.",
        (
            ("Le constat", "L'isolement des aînés ne se voit qu'en crise."),
            (
                "Ce que disent les expérimentations",
                "- un réseau de signaleurs fonctionne si "
                "le rappel est rapide ;\n- sortir une fois par semaine change l'humeur des "
                "résidents ;\n- un outil ne remplace pas une personne à appeler.",
            ),
            ("Ce qui reste à explorer", "Le répit des aidants en milieu rural."),
        ),
        "Synthèse librement réutilisable.",
        "documentation@demo.tilab.bzh",
        ("documentation",),
        ("vieillissement",),
        ("bretagne",),
        30,
        reutilisations=(
            (
                "claire",
                "CCAS de Vitré",
                "Présentée au conseil d'administration pour choisir les actions du plan senior.",
            ),
        ),
    ),
    P(
        "Synthèse : l'alimentation locale dans la restauration collective bretonne",
        S.SYNTHESE,
        "Ce que les cantines de Dinan, de Brest et des collèges d'Ille-et-Vilaine ont appris "
        "en essayant d'acheter local : les marchés publics, les volumes, le gaspillage.",
        (
            (
                "Le constat",
                "Les cantines veulent acheter local, les producteurs veulent vendre "
                "aux cantines, et les marchés publics les séparent.",
            ),
            (
                "Ce que disent les expériences",
                "- découper les marchés en petits lots ouvre "
                "la porte aux producteurs ;\n- réduire le gaspillage libère du budget pour la "
                "qualité.",
            ),
            ("Ce qui reste à explorer", "La logistique : qui livre, et à quel coût ?"),
        ),
        "Synthèse librement réutilisable.",
        "Nolwenn Cariou, Ti Lab (nolwenn.cariou@demo.tilab.bzh)",
        ("nolwenn", "fatima"),
        ("alimentation",),
        ("bretagne",),
        65,
        problematique="les-cantines-de-dinan-jettent-un-tiers-des-repas",
        revisions=("section",),
    ),
    P(
        "Synthèse : le logement des saisonniers sur la côte nord",
        S.SYNTHESE,
        "Ce que la communauté d'intérêt sur le logement des saisonniers a rassemblé : chiffres, "
        "solutions essayées ailleurs, pistes pour Saint-Brieuc et Dinan.",
        (
            (
                "Le constat",
                "Les logements de la côte partent en location touristique ; les "
                "saisonniers dorment dans leur voiture.",
            ),
            (
                "Ce qui a été essayé ailleurs",
                "Internats ouverts l'été en Vendée, logement chez "
                "l'habitant en Savoie, résidences modulaires au Pays basque.",
            ),
            (
                "Les pistes pour la côte nord",
                "Ouvrir deux internats l'été prochain ; une charte du logement chez l'habitant.",
            ),
        ),
        "Synthèse librement réutilisable.",
        "Erwan Tanguy, Ti Lab (animation@demo.tilab.bzh)",
        ("animation", "claire"),
        ("habitat", "jeunesse"),
        ("saint-brieuc-armor-agglomeration", "dinan-agglomeration"),
        50,
        communaute="logement-des-saisonniers",
        problematique="les-saisonniers-de-la-cote-ne-trouvent-pas-de-logement-a-saint-brieuc-"
        "et-dinan",
    ),
    P(
        "Synthèse : inclusion numérique, ce que les médiateurs nous ont appris",
        S.SYNTHESE,
        "Ateliers, accueils sans rendez-vous, réécriture des démarches : ce que deux ans "
        "d'Archipel de la médiation numérique disent de l'accompagnement au numérique.",
        (
            (
                "Le constat",
                "Les démarches en ligne laissent de côté ceux qui lisent mal, n'ont "
                "pas d'ordinateur ou ont perdu leurs identifiants.",
            ),
            (
                "Ce que disent les médiateurs",
                "Accompagner sans faire à la place prend trois "
                "passages en moyenne. Réécrire les démarches évite des passages.",
            ),
            (
                "Ce qui reste à explorer",
                "Mesurer le temps gagné par les agents quand une démarche est réécrite en FALC.",
            ),
        ),
        "Synthèse librement réutilisable.",
        "Mathieu Quéré, Numérique pour tous en Cornouaille (mathieu.quere@demo.tilab.bzh)",
        ("mathieu", "animation"),
        ("numerique-inclusif",),
        ("finistere", "morbihan"),
        120,
        licence=L.CC_BY_4,
        communaute="archipel-mediation-numerique",
    ),
    P(
        "Synthèse : la théorie de transformation à l'épreuve des premières expérimentations",
        S.SYNTHESE,
        "Le Ti Lab fait l'hypothèse que des problèmes issus du terrain, portés par des "
        "communautés et des pactes, transforment les politiques publiques. Ce que douze "
        "expérimentations en disent.",
        (
            (
                "L'hypothèse",
                "Si les problèmes viennent du terrain et que les organisations "
                "s'engagent au-delà d'une personne, la transformation dure.",
            ),
            (
                "Ce que l'on observe",
                "- les expérimentations avec pacte signé vont plus souvent "
                "au bout ;\n- un pacte rompu fragilise, sans tout arrêter ;\n- l'essaimage passe "
                "par les pairs plus que par les documents.",
            ),
            (
                "Ce qui reste à vérifier",
                "Les effets à trois ans sur les organisations elles-mêmes.",
            ),
        ),
        "Synthèse librement réutilisable.",
        "Yann Kerhervé, Ti Lab (direction@demo.tilab.bzh)",
        ("direction", "recherche"),
        ("participation-citoyenne",),
        ("bretagne",),
        35,
        revisions=("relecture",),
    ),
]
