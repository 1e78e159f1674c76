"""Demonstration data of the accounts app: themes, territories, organisations, accounts.

Loaded by ``manage.py seed_demo``. Every row is keyed on a stable identifier (a slug, an
official code, an e-mail address), so loading twice changes nothing, and a demo row someone
edited is put back as it was.

Territories: real EPCI of Brittany under their départements and real communes under them.
Official codes (SIREN of the EPCI, INSEE code of the communes) are given only where they were
checked; the others are left blank, as the model allows, for the Ti Team to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from tilab.comptes import rules
from tilab.comptes.models import (
    Expertise,
    Organisation,
    Personne,
    Territoire,
    Theme,
    TypeOrganisation,
    TypeTerritoire,
)

MOT_DE_PASSE_DEMO = "Demo-TiLab-2026"

THEMES = [
    (
        "mobilites-rurales",
        "Mobilités rurales",
        "Se déplacer sans voiture individuelle hors des villes : transport à la demande, "
        "covoiturage de proximité, mobilité solidaire pour l'emploi et la santé.",
    ),
    (
        "acces-aux-droits",
        "Accès aux droits",
        "Faire en sorte que chacun touche ce à quoi il a droit : non-recours, accueil de "
        "proximité, simplification des démarches.",
    ),
    (
        "transition-ecologique",
        "Transition écologique",
        "Sobriété, adaptation au changement climatique, biodiversité et gestion de l'eau "
        "à l'échelle des communes et des intercommunalités.",
    ),
    (
        "alimentation",
        "Alimentation",
        "Restauration collective, circuits courts, projets alimentaires territoriaux et "
        "précarité alimentaire.",
    ),
    (
        "numerique-inclusif",
        "Numérique inclusif",
        "Accompagner celles et ceux qui sont éloignés du numérique et concevoir des services "
        "publics en ligne utilisables par tous.",
    ),
    (
        "sante",
        "Santé",
        "Accès aux soins dans les territoires peu dotés, prévention, santé mentale et "
        "coordination des professionnels.",
    ),
    (
        "jeunesse",
        "Jeunesse",
        "Participation des jeunes, insertion, logement et mobilité des 16-25 ans.",
    ),
    (
        "habitat",
        "Habitat",
        "Rénovation énergétique, revitalisation des centres-bourgs, logement des saisonniers "
        "et des jeunes actifs.",
    ),
    (
        "vieillissement",
        "Bien vieillir",
        "Maintien à domicile, isolement des personnes âgées, aidants et habitat adapté.",
    ),
    (
        "participation-citoyenne",
        "Participation citoyenne",
        "Associer les habitants aux décisions publiques, de la concertation au budget "
        "participatif.",
    ),
]

# département INSEE code -> [(EPCI slug, EPCI name, SIREN or "", [(commune slug, name, INSEE)])]
EPCI_PAR_DEPARTEMENT: dict[str, list[tuple[str, str, str, list[tuple[str, str, str]]]]] = {
    "22": [
        (
            "saint-brieuc-armor-agglomeration",
            "Saint-Brieuc Armor Agglomération",
            "200069409",
            [("saint-brieuc", "Saint-Brieuc", "22278")],
        ),
        (
            "lannion-tregor-communaute",
            "Lannion-Trégor Communauté",
            "200065928",
            [("lannion", "Lannion", "22113")],
        ),
        (
            "dinan-agglomeration",
            "Dinan Agglomération",
            "",
            [("dinan", "Dinan", "22050")],
        ),
        (
            "guingamp-paimpol-agglomeration",
            "Guingamp-Paimpol Agglomération",
            "",
            [("guingamp", "Guingamp", "22070")],
        ),
    ],
    "29": [
        (
            "brest-metropole",
            "Brest métropole",
            "242900314",
            [("brest", "Brest", "29019")],
        ),
        (
            "quimper-bretagne-occidentale",
            "Quimper Bretagne Occidentale",
            "200068120",
            [("quimper", "Quimper", "29232")],
        ),
        (
            "morlaix-communaute",
            "Morlaix Communauté",
            "242900835",
            [("morlaix", "Morlaix", "29151")],
        ),
        (
            "poher-communaute",
            "Poher communauté",
            "",
            [("carhaix-plouguer", "Carhaix-Plouguer", "")],
        ),
    ],
    "35": [
        (
            "rennes-metropole",
            "Rennes Métropole",
            "243500139",
            [
                ("rennes", "Rennes", "35238"),
                ("bruz", "Bruz", "35047"),
                ("cesson-sevigne", "Cesson-Sévigné", "35051"),
            ],
        ),
        (
            "vitre-communaute",
            "Vitré Communauté",
            "200039022",
            [("vitre", "Vitré", "35360")],
        ),
        (
            "saint-malo-agglomeration",
            "Saint-Malo Agglomération",
            "",
            [("saint-malo", "Saint-Malo", "35288")],
        ),
        (
            "fougeres-agglomeration",
            "Fougères Agglomération",
            "",
            [("fougeres", "Fougères", "")],
        ),
    ],
    "56": [
        (
            "lorient-agglomeration",
            "Lorient Agglomération",
            "200042174",
            [("lorient", "Lorient", "56121"), ("lanester", "Lanester", "")],
        ),
        (
            "golfe-du-morbihan-vannes-agglomeration",
            "Golfe du Morbihan - Vannes agglomération",
            "200067932",
            [("vannes", "Vannes", "56260")],
        ),
        (
            "pontivy-communaute",
            "Pontivy Communauté",
            "",
            [("pontivy", "Pontivy", "56178")],
        ),
        (
            "ploermel-communaute",
            "Ploërmel Communauté",
            "",
            [("ploermel", "Ploërmel", "")],
        ),
    ],
}

# slug -> (name, type, territory slug or None, website)
ORGANISATIONS: dict[str, tuple[str, str, str | None, str]] = {
    "ti-lab": (
        "Ti Lab — laboratoire d'innovation publique de Bretagne",
        TypeOrganisation.AUTRE,
        "bretagne",
        "",
    ),
    "region-bretagne": (
        "Région Bretagne",
        TypeOrganisation.REGION,
        "bretagne",
        "https://www.bretagne.bzh/",
    ),
    "prefecture-region-bretagne": (
        "Préfecture de la région Bretagne (SGAR)",
        TypeOrganisation.ETAT,
        "bretagne",
        "",
    ),
    "dreets-bretagne": (
        "Direction régionale de l'économie, de l'emploi, du travail et des solidarités "
        "(DREETS) de Bretagne",
        TypeOrganisation.ETAT,
        "bretagne",
        "",
    ),
    "departement-cotes-d-armor": (
        "Département des Côtes-d'Armor",
        TypeOrganisation.DEPARTEMENT,
        "cotes-d-armor",
        "",
    ),
    "departement-finistere": (
        "Département du Finistère",
        TypeOrganisation.DEPARTEMENT,
        "finistere",
        "",
    ),
    "departement-ille-et-vilaine": (
        "Département d'Ille-et-Vilaine",
        TypeOrganisation.DEPARTEMENT,
        "ille-et-vilaine",
        "",
    ),
    "departement-morbihan": (
        "Département du Morbihan",
        TypeOrganisation.DEPARTEMENT,
        "morbihan",
        "",
    ),
    "rennes-metropole": (
        "Rennes Métropole",
        TypeOrganisation.EPCI,
        "rennes-metropole",
        "",
    ),
    "lannion-tregor-communaute": (
        "Lannion-Trégor Communauté",
        TypeOrganisation.EPCI,
        "lannion-tregor-communaute",
        "",
    ),
    "poher-communaute": (
        "Poher communauté",
        TypeOrganisation.EPCI,
        "poher-communaute",
        "",
    ),
    "lorient-agglomeration": (
        "Lorient Agglomération",
        TypeOrganisation.EPCI,
        "lorient-agglomeration",
        "",
    ),
    "ville-de-brest": ("Ville de Brest", TypeOrganisation.COMMUNE, "brest", ""),
    "commune-de-carhaix-plouguer": (
        "Commune de Carhaix-Plouguer",
        TypeOrganisation.COMMUNE,
        "carhaix-plouguer",
        "",
    ),
    "ville-de-vitre": ("Ville de Vitré", TypeOrganisation.COMMUNE, "vitre", ""),
    "commune-de-pontivy": ("Commune de Pontivy", TypeOrganisation.COMMUNE, "pontivy", ""),
    "association-mobilite-solidaire-argoat": (
        "Mobilité solidaire en Argoat (association)",
        TypeOrganisation.ASSOCIATION,
        "guingamp-paimpol-agglomeration",
        "",
    ),
    "association-numerique-pour-tous-cornouaille": (
        "Numérique pour tous en Cornouaille (association)",
        TypeOrganisation.ASSOCIATION,
        "quimper-bretagne-occidentale",
        "",
    ),
    "laboratoire-sciences-sociales-territoires": (
        "Laboratoire de sciences sociales des territoires (université)",
        TypeOrganisation.RECHERCHE,
        "rennes",
        "",
    ),
    "scop-terres-et-usages": (
        "Terres et Usages (SCOP de design de services publics)",
        TypeOrganisation.ENTREPRISE,
        "lorient",
        "",
    ),
    "centre-social-intercommunal-porhoet": (
        "Centre social intercommunal du Porhoët",
        TypeOrganisation.AUTRE,
        "ploermel-communaute",
        "",
    ),
}


@dataclass(frozen=True)
class CompteDemo:
    email: str
    role: str  # shown in the table printed by seed_demo
    groupes: tuple[str, ...]
    prenom: str
    nom: str
    organisation: str  # slug in ORGANISATIONS
    fonction: str
    expertises: tuple[str, ...]
    is_staff: bool = False
    is_superuser: bool = False
    profil_public: bool = True


COMPTES_DEMO = [
    CompteDemo(
        email="relais@demo.tilab.bzh",
        role="Relais",
        groupes=(rules.RELAIS,),
        prenom="Gwenaëlle",
        nom="Le Goff",
        organisation="commune-de-carhaix-plouguer",
        fonction="Secrétaire générale de mairie",
        expertises=(Expertise.AGENT_TERRAIN,),
    ),
    CompteDemo(
        email="direction@demo.tilab.bzh",
        role="Direction",
        groupes=(rules.DIRECTION,),
        prenom="Yann",
        nom="Kerhervé",
        organisation="ti-lab",
        fonction="Directeur du Ti Lab, relations partenariales",
        expertises=(Expertise.DECIDEUR, Expertise.EXPERT_METIER),
        is_staff=True,
    ),
    CompteDemo(
        email="coordination@demo.tilab.bzh",
        role="Coordination",
        groupes=(rules.COORDINATION,),
        prenom="Maëlle",
        nom="Riou",
        organisation="ti-lab",
        fonction="Coordinatrice des expérimentations",
        expertises=(Expertise.EXPERT_METIER,),
        is_staff=True,
    ),
    CompteDemo(
        email="animation@demo.tilab.bzh",
        role="Animation",
        groupes=(rules.ANIMATION,),
        prenom="Erwan",
        nom="Tanguy",
        organisation="ti-lab",
        fonction="Animateur des communautés d'intérêt et des rencontres régionales",
        expertises=(Expertise.EXPERT_METIER,),
        is_staff=True,
    ),
    CompteDemo(
        email="documentation@demo.tilab.bzh",
        role="Documentation",
        groupes=(rules.DOCUMENTATION,),
        prenom="Soizic",
        nom="Le Floch",
        organisation="ti-lab",
        fonction="Chargée de la documentation et des communs",
        expertises=(Expertise.EXPERT_METIER,),
        is_staff=True,
    ),
    CompteDemo(
        email="recherche@demo.tilab.bzh",
        role="Recherche",
        groupes=(rules.RECHERCHE,),
        prenom="Loïc",
        nom="Cadiou",
        organisation="ti-lab",
        fonction="Chargé de recherche, animation des communautés thématiques",
        expertises=(Expertise.CHERCHEUR,),
        is_staff=True,
    ),
    CompteDemo(
        email="copil@demo.tilab.bzh",
        role="COPIL",
        groupes=(rules.COPIL,),
        prenom="Annaïg",
        nom="Le Bihan",
        organisation="departement-finistere",
        fonction="Directrice générale adjointe des solidarités",
        expertises=(Expertise.DECIDEUR,),
    ),
    CompteDemo(
        email="codir@demo.tilab.bzh",
        role="CODIR",
        groupes=(rules.CODIR,),
        prenom="Hervé",
        nom="Guillou",
        organisation="prefecture-region-bretagne",
        fonction="Secrétaire général adjoint pour les affaires régionales",
        expertises=(Expertise.DECIDEUR,),
    ),
    CompteDemo(
        email="admin@demo.tilab.bzh",
        role="Superutilisateur",
        groupes=(),
        prenom="Nolwenn",
        nom="Morvan",
        organisation="ti-lab",
        fonction="Administratrice du portail",
        expertises=(),
        is_staff=True,
        is_superuser=True,
        profil_public=False,
    ),
]

# What `seed_demo --once` looks for to know the demo is already there.
COMPTE_TEMOIN = "admin@demo.tilab.bzh"


def est_chargee() -> bool:
    return Personne.objects.filter(email=COMPTE_TEMOIN).exists()


@transaction.atomic
def charger() -> None:
    """Create or put back every demo row of the app."""
    _charger_themes()
    _charger_territoires()
    _charger_organisations()
    _charger_comptes()


def _charger_themes() -> None:
    for slug, nom, description in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"nom": nom, "description": description})


def _charger_territoires() -> None:
    # The region and its départements come from migration 0003, keyed on their INSEE code.
    departements = {t.code: t for t in Territoire.objects.filter(type=TypeTerritoire.DEPARTEMENT)}
    for code_departement, epcis in EPCI_PAR_DEPARTEMENT.items():
        departement = departements[code_departement]
        for slug, nom, siren, communes in epcis:
            epci, _ = Territoire.objects.update_or_create(
                slug=slug,
                defaults={
                    "nom": nom,
                    "type": TypeTerritoire.EPCI,
                    "code": siren,
                    "parent": departement,
                },
            )
            for slug_commune, nom_commune, insee in communes:
                Territoire.objects.update_or_create(
                    slug=slug_commune,
                    defaults={
                        "nom": nom_commune,
                        "type": TypeTerritoire.COMMUNE,
                        "code": insee,
                        "parent": epci,
                    },
                )


def _charger_organisations() -> None:
    territoires = {t.slug: t for t in Territoire.objects.all()}
    for slug, (nom, type_, territoire, site_web) in ORGANISATIONS.items():
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "nom": nom,
                "type": type_,
                "territoire": territoires[territoire] if territoire else None,
                "site_web": site_web,
            },
        )


def _charger_comptes() -> None:
    organisations = {o.slug: o for o in Organisation.objects.all()}
    groupes = {g.name: g for g in Group.objects.filter(name__in=rules.ROLES)}
    for compte in COMPTES_DEMO:
        personne, cree = Personne.objects.update_or_create(
            email=compte.email,
            defaults={
                "first_name": compte.prenom,
                "last_name": compte.nom,
                "organisation": organisations[compte.organisation],
                "fonction": compte.fonction,
                "expertises": [str(e) for e in compte.expertises],
                "profil_public": compte.profil_public,
                "is_staff": compte.is_staff,
                "is_superuser": compte.is_superuser,
                "is_active": True,
            },
        )
        # Hashing is slow and salted: only when the password is not the demo one already.
        if cree or not personne.check_password(MOT_DE_PASSE_DEMO):
            personne.set_password(MOT_DE_PASSE_DEMO)
            personne.save(update_fields=["password"])
        personne.groups.set([groupes[nom] for nom in compte.groupes])
        EmailAddress.objects.filter(user=personne).exclude(email=compte.email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=personne,
            email=compte.email,
            defaults={"verified": True, "primary": True},
        )


def tableau_comptes() -> list[tuple[str, str, str]]:
    """(e-mail, role, password) of each demo account, for the table seed_demo prints."""
    return [(c.email, c.role, MOT_DE_PASSE_DEMO) for c in COMPTES_DEMO]
