"""The bench's accounts and reference data (see ``tilab/banc/__init__.py`` for the contract).

Themes and the demo's real territories first, then, at full scale, as many territories as
Brittany has (some 60 EPCI, 1,200 communes: the lists' territory filter and the report form's
select show them), 800 organisations and 5,000 accounts with a verified address: mostly relais,
a Ti Team of 25, a COPIL and a CODIR, and the bench's personas (``tilab.banc.PERSONAS``): a
relais, a member of the team who triages (Coordination) and runs events (Animation), and a
member of the COPIL (who sits in the open session and has voted on its candidates).
Nobody has a usable password: the bench logs its personas in with a session it writes itself.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from tilab import banc
from tilab.banc import Donnees, Nature, Page
from tilab.banc.generation import alea, il_y_a, inserer, lier, nombre, tirer
from tilab.comptes import rules
from tilab.comptes.demo import EPCI_PAR_DEPARTEMENT, THEMES
from tilab.comptes.models import (
    Expertise,
    Organisation,
    Personne,
    Territoire,
    Theme,
    TypeOrganisation,
    TypeTerritoire,
)


def _mots(texte: str) -> list[str]:
    return texte.split()


# First names and family names the accounts are made of, Breton ones among them.
PRENOMS = _mots(
    "Anne Yann Maëlle Erwan Nolwenn Gwenaël Soizic Loïc Morgane Tanguy Katell Ronan Léa "
    "Hugo Chloé Lucas Manon Louis Camille Jules Inès Gabriel Sarah Arthur Emma Mathis Jade "
    "Nathan Louise Théo Lina Tom Rose Paul Alice Malo Zoé Mael Clémence Armel Rozenn "
    "Goulven Enora Tristan Solène Brieuc Awen Fatou Karim Samia Mehdi Aïcha Youssef Mariam "
    "Hervé Sylvie Patrick Martine Pascal Nathalie Didier Véronique Gilles Isabelle"
)
# "Le Gall" is one name: the underscore keeps it whole through split().
NOMS = _mots(
    """Le Gall Le Goff Le Roux Tanguy Le Bihan Guillou Morvan Le Corre Hamon Le Floch Riou
Jégou Kerjean Cadiou Le Meur Prigent Le Cam Quéré Bazin Rault Gourlay Caradec Le Guen Salaün
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre
Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert
Bonnet François Martinez Benali Diallo Nguyen Traoré Haddad Kone""".replace("Le ", "Le_")
)
FONCTIONS = [
    "Chargée de mission mobilités",
    "Secrétaire de mairie",
    "Directeur du CCAS",
    "Agente d'accueil France services",
    "Conseiller numérique",
    "Coordinatrice du centre social",
    "Responsable du service jeunesse",
    "Chargé de participation citoyenne",
    "Infirmière coordinatrice",
    "Maire adjointe aux solidarités",
    "Cheffe de projet alimentation",
    "Chercheur en sociologie",
    "Bénévole associatif",
    "Directrice d'école",
]
# Made-up communes and EPCI beyond the demo's real ones, with Breton-sounding names.
DEBUTS = ["Plou", "Lan", "Loc", "Tré", "Ker", "Pen", "Guer", "Plé", "Lam", "Mel", "Ros",
          "Bri", "Gou", "Pont-", "Lanvé", "Trégu", "Plo", "Ploë", "Bot", "Quer"]  # fmt: skip
FINS = ["gastel", "arzel", "vénez", "bihan", "meur", "nével", "goat", "dern", "ven", "guern",
        "ouer", "aven", "dréan", "lan", "rec", "ivy", "hars", "milliau", "néour", "dy"]  # fmt: skip
SUITES = ["", "", "", "", "-sur-Mer", "-sur-Rance", "-en-Argoat", "-Plage", "-le-Vieux",
          "-Saint-Jean"]  # fmt: skip
# At full scale, about as many as Brittany has.
EPCI = 59
COMMUNES = 1200
ORGANISATIONS = 800
PERSONNES = 5000
TI_TEAM = 25
COPIL = 15
CODIR = 8

LAISSEES_DE_COTE = {
    nom: "page d'allauth sans données du portail : elle coûte ce que coûte la page de "
    "connexion, mesurée"
    for nom in (
        "account_inactive",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
    )
}
# The portal's icon: a small file read from the disk, no query.
LAISSEES_DE_COTE["favicon"] = "l'icône du portail : un petit fichier lu sur le disque, sans requête"


def generer(echelle: float) -> None:
    rng = alea("comptes")
    inserer(Theme, [Theme(slug=s, nom=n, description=d) for s, n, d in THEMES])
    _territoires(rng, echelle)
    _organisations(rng, echelle)
    _personnes(rng, echelle)


def _territoires(rng: Any, echelle: float) -> None:
    departements = list(Territoire.objects.filter(type=TypeTerritoire.DEPARTEMENT))
    par_code = {d.code: d for d in departements}
    slugs: set[str] = set(Territoire.objects.values_list("slug", flat=True))
    epcis: list[Territoire] = []
    communes: list[tuple[Territoire, str]] = []  # (commune, slug of its EPCI)
    for code, liste in EPCI_PAR_DEPARTEMENT.items():
        for slug, nom, siren, membres in liste:
            epcis.append(
                Territoire(slug=slug, nom=nom, type=TypeTerritoire.EPCI, code=siren,
                           parent=par_code[code])
            )  # fmt: skip
            slugs.add(slug)
            for slug_c, nom_c, insee in membres:
                commune = Territoire(
                    slug=slug_c, nom=nom_c, type=TypeTerritoire.COMMUNE, code=insee
                )
                communes.append((commune, slug))
                slugs.add(slug_c)

    def nom_unique(prefixe: str = "") -> tuple[str, str]:
        # 20 × 20 × 10 names; past a few tries, a number makes it unique whatever the scale.
        for essai in range(1000):
            nom = prefixe + rng.choice(DEBUTS) + rng.choice(FINS) + rng.choice(SUITES)
            if essai > 20:
                nom += f" ({essai})"
            slug = slugify(nom)
            if slug not in slugs:
                slugs.add(slug)
                return nom, slug
        raise RuntimeError("Plus de noms de communes disponibles.")

    while len(epcis) < nombre(EPCI, echelle, minimum=0):
        nom, slug = nom_unique("Communauté de communes du ")
        epcis.append(
            Territoire(slug=slug, nom=nom, type=TypeTerritoire.EPCI,
                       parent=rng.choice(departements))
        )  # fmt: skip
    epcis = inserer(Territoire, epcis)
    par_slug = {e.slug: e for e in epcis}
    for commune, slug_epci in communes:
        commune.parent = par_slug[slug_epci]
    while len(communes) < nombre(COMMUNES, echelle, minimum=0):
        nom, slug = nom_unique()
        commune = Territoire(slug=slug, nom=nom, type=TypeTerritoire.COMMUNE,
                             parent=rng.choice(epcis))  # fmt: skip
        communes.append((commune, ""))
    inserer(Territoire, [c for c, _ in communes])


def _organisations(rng: Any, echelle: float) -> None:
    territoires = list(Territoire.objects.exclude(type=TypeTerritoire.REGION))
    modeles = {
        TypeOrganisation.COMMUNE: (6, "Mairie de {}"),
        TypeOrganisation.EPCI: (1, "{}"),
        TypeOrganisation.ASSOCIATION: (4, "Association solidaire de {}"),
        TypeOrganisation.ETAT: (1, "France services de {}"),
        TypeOrganisation.DEPARTEMENT: (1, "Service social départemental de {}"),
        TypeOrganisation.RECHERCHE: (0.3, "Laboratoire des territoires de {}"),
        TypeOrganisation.ENTREPRISE: (0.5, "Coopérative de services de {}"),
        TypeOrganisation.AUTRE: (1, "Centre social de {}"),
    }
    poids = {type_: p for type_, (p, _) in modeles.items()}
    vus: set[str] = set()
    organisations = []
    for _ in range(nombre(ORGANISATIONS, echelle)):
        type_ = tirer(rng, poids)
        territoire = rng.choice(territoires)
        nom = modeles[type_][1].format(territoire.nom)
        slug = slugify(nom)[:190]
        if slug in vus:
            slug = f"{slug}-{len(vus)}"
        vus.add(slug)
        organisations.append(Organisation(nom=nom, slug=slug, type=type_, territoire=territoire))
    inserer(Organisation, organisations)


def _personnes(rng: Any, echelle: float) -> None:
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    groupes = dict(Group.objects.filter(name__in=rules.ROLES).values_list("name", "pk"))
    maintenant = timezone.now()
    roles: dict[str, list[str]] = {
        banc.PERSONAS["relais"]: [rules.RELAIS],
        # Triage (Coordination) and events (Animation): every back-office list the bench opens.
        banc.PERSONAS["equipe"]: [rules.COORDINATION, rules.ANIMATION],
        # The open session's vote, as a member reads and changes it.
        banc.PERSONAS["copil"]: [rules.COPIL],
    }
    nb_personas = len(roles)
    equipe = sorted(rules.TI_TEAM)
    total = nombre(PERSONNES, echelle, minimum=len(roles) + 1)
    emails = list(roles)
    while len(emails) < total:
        prenom, nom = rng.choice(PRENOMS), rng.choice(NOMS).replace("_", " ")
        email = f"{slugify(prenom)}.{slugify(nom)}.{len(emails)}@bench.tilab.bzh"
        rang = len(emails) - nb_personas
        if rang < nombre(TI_TEAM, echelle, minimum=0):
            roles[email] = [equipe[rang % len(equipe)]]
        elif rang < nombre(TI_TEAM + COPIL, echelle, minimum=0):
            roles[email] = [rules.COPIL]
        elif rang < nombre(TI_TEAM + COPIL + CODIR, echelle, minimum=0):
            roles[email] = [rules.CODIR]
        else:
            roles[email] = [rules.RELAIS]
        emails.append(email)
    personnes = []
    for n, email in enumerate(emails):
        local = email.split("@")[0].split(".")
        staff = bool(set(roles[email]) & rules.TI_TEAM)
        persona = n < nb_personas
        inscrite = il_y_a(rng, 3 * 365, maintenant=maintenant)
        personnes.append(
            Personne(
                email=email,
                first_name="Persona" if persona else local[0].capitalize(),
                last_name=local[0].capitalize() if persona else local[1].replace("-", " ").title(),
                password="!" + slugify(email),  # unusable: nobody logs in with a password
                organisation_id=rng.choice(organisations) if rng.random() < 0.85 else None,
                fonction=rng.choice(FONCTIONS) if rng.random() < 0.8 else "",
                expertises=rng.sample(list(Expertise.values), rng.randint(1, 2)),
                profil_public=rng.random() < 0.6,
                is_staff=staff,
                date_joined=inscrite,
                last_login=il_y_a(rng, 60, maintenant=maintenant),
            )
        )
    personnes = inserer(Personne, personnes)
    inserer(
        EmailAddress,
        [EmailAddress(user=p, email=p.email, verified=True, primary=True) for p in personnes],
    )
    lier(
        Personne.groups,
        [(p.pk, groupes[role]) for p in personnes for role in roles[p.email]],
    )


def pages(donnees: Donnees) -> list[Page]:
    return [
        Page("/comptes/login/", Nature.PAGE),
        Page("/comptes/signup/", Nature.PAGE),
        Page("/comptes/login/code/", Nature.PAGE),
        Page("/comptes/profil/", Nature.PAGE, "relais"),
        Page("/comptes/mes-donnees/", Nature.PAGE, "relais", "export JSON"),
        Page("/comptes/supprimer/", Nature.PAGE, "relais"),
        Page("/admin/", Nature.PAGE, "equipe"),
        Page("/admin/comptes/personne/", Nature.LISTE, "equipe"),
        Page("/admin/comptes/organisation/", Nature.LISTE, "equipe"),
    ]


def compter() -> dict[str, int]:
    return {
        "comptes": Personne.objects.count(),
        "organisations": Organisation.objects.count(),
        "EPCI": Territoire.objects.filter(type=TypeTerritoire.EPCI).count(),
        "communes": Territoire.objects.filter(type=TypeTerritoire.COMMUNE).count(),
    }
