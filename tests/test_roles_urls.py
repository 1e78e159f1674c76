"""Every URL the resolver knows × every persona: the answer the table below says.

One row per URL name (a few names have two rows: a draft next to a published object), with
how to build its arguments, the method of the check and the expected answer of each persona.
The back office is covered by rule: for each registered ModelAdmin, its list, add, change,
history and delete pages follow the permissions the data migrations give the roles.

A view added without a row fails the suite, naming its URL; so does a row left behind by a
removed view. The expectations come from the rules (``*/rules.py``), the views' decorators,
allauth's settings and the data migrations, not from what the code answers today: a
difference is either a bug or a rule that changed without the table.

Every persona of the cast has a verified e-mail address (``PersonneFactory``), so
``adresse_verifiee_requise`` lets them through; the unverified path is tested per app.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from communautes.models import Communaute, Engagement, Evenement
from documentation.models import PieceJointe
from experimentations.models import (
    BudgetAnnuel,
    Capacite,
    Experimentation,
    Pacte,
    Prestataire,
    StatutPacte,
)
from gouvernance.models import (
    CadreTriennal,
    Candidature,
    Commentaire,
    Decision,
    SessionCopil,
    TypeDecision,
    VersionGrille,
    VersionTheorie,
)
from problematiques.models import Problematique
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.conftest import ALL_PERSONAS, REGLAGES_DES_TESTS, contraintes_verifiees, make_persona
from tests.documentation.factories import pages_du_tableau
from tests.experimentations.factories import (
    ExperimentationFactory,
    PacteFactory,
    SignataireFactory,
)
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import SessionsDuTableau, sessions_du_tableau
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Organisation, Personne, Territoire, Theme

pytestmark = pytest.mark.django_db

# --- Groups of personas -----------------------------------------------------------------------

ANONYME = "anonyme"
TOUS = frozenset(ALL_PERSONAS)
CONNECTES = TOUS - {ANONYME}
# The Ti Team's five roles; in the cast (tests/conftest.py) they are also the staff, the only
# ones AdminSite lets into the back office.
TI_TEAM = frozenset({"direction", "coordination", "animation", "documentation", "recherche"})
DIRECTION = frozenset({"direction"})
# problematiques.rules.peut_trier
TRIEURS = frozenset({"direction", "coordination"})
# communautes.rules.peut_constituer (and peut_noter_territoire_volontaire)
CONSTITUANTS = TRIEURS | {"animation"}
# communautes.rules.peut_voir_les_inscriptions
EQUIPE_EVENEMENTS = frozenset({"direction", "animation"})
# experimentations.rules.peut_coordonner: who creates and runs experiments and writes pacts
COORDINATEURS = frozenset({"direction", "coordination"})
# tilab/comptes/migrations/0002_roles.py: who adds and changes organisations, territories, themes
EDITEURS_REFERENTIEL = TI_TEAM - {"recherche"}
AUCUN = frozenset[str]()
# gouvernance.rules: who writes the texts (and previews their drafts), who answers comments.
REDACTEURS = frozenset({"direction", "coordination"})
REPONDANTS = REDACTEURS | {"animation"}
# gouvernance.rules.siege: the « copil » persona sits in (and chairs) the table's sessions.
SIEGE = frozenset({"copil"})


# --- The data every row points at -------------------------------------------------------------


@dataclass
class Donnees:
    """A handful of rows, made once for the table's personas (and once for the whole admin
    sweep): the objects the URLs of the table point at."""

    relais: Personne  # the relais persona: author of both problems, member of the community
    probleme: Problematique  # published, open to support, no community yet
    brouillon: Problematique  # submitted, not published yet
    communaute: Communaute  # a community of interest, around its own published problem
    engagement: Engagement  # the relais persona's running commitment in that community
    evenement: Evenement  # published, registrations open
    evenement_brouillon: Evenement  # not published
    organisation: Organisation
    territoire: Territoire
    theme: Theme
    groupe: Group
    adresse: EmailAddress
    tache: DBTaskResult
    experimentation: Experimentation  # running, from its own retained problem
    pacte: Pacte  # proposed; the relais persona is its agent signatory, not confirmed yet
    pacte_brouillon: Pacte  # a draft is the Coordination's only
    prestataire: Prestataire
    budget: BudgetAnnuel
    capacite: Capacite
    session_copil: SessionCopil  # en préparation, one candidate
    decision: Decision  # published, on a candidate of a session whose decisions are published
    # The « copil » persona sits in and chairs a session open to the vote, a closed one and
    # one whose decisions are published.
    copil: SessionsDuTableau
    # Governance texts (made by textes_de_gouvernance): a published theory with a comment, a
    # draft, and a published grid following it with a draft.
    theorie: Any = None
    theorie_brouillon: Any = None
    grille: Any = None
    grille_brouillon: Any = None
    commentaire: Any = None
    cadre: Any = None
    avis_codir: Any = None
    # Documentation (tests.documentation.factories.pages_du_tableau): published, draft, in
    # review and archived pages, the drafts of the table's experiment.
    documentation: Any = None


@pytest.fixture(scope="module")
def _du_module(django_db_setup, django_db_blocker) -> Iterator[tuple[dict[str, Any], Donnees]]:
    """The cast and the rows, made once for the module: the personas' checks only read them.
    Each test runs in its own savepoint inside the transaction that holds them, rolled back
    after it, and each of its checks in a savepoint of its own (``_verifier``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Made before each test's own settings: the same ones (its passwords' hasher).
        with override_settings(**REGLAGES_DES_TESTS):
            personnes: dict[str, Any] = {nom: make_persona(nom) for nom in ALL_PERSONAS}
            donnees_ = creer_donnees(personnes.__getitem__)
        contraintes_verifiees()
        yield personnes, donnees_
        transaction.set_rollback(True)


@pytest.fixture
def persona(_du_module, db) -> Callable[[str], Any]:
    # As the database has them: logging in changes the instance's last login.
    for personne in _du_module[0].values():
        if isinstance(personne, Personne):
            personne.refresh_from_db()
    return _du_module[0].__getitem__


@pytest.fixture
def donnees(_du_module, persona) -> Donnees:
    return _du_module[1]


def creer_donnees(persona):
    """The rows of :class:`Donnees`, ``persona(nom)`` giving each member of the cast."""
    relais = persona("relais")
    probleme = ProblematiqueFactory(publiee=True, auteur=relais)
    communaute = CommunauteFactory(interet=True)
    textes = textes_de_gouvernance(persona)
    experimentation = ExperimentationFactory()
    pacte = PacteFactory(
        experimentation=experimentation, statut=StatutPacte.PROPOSE, propose_le=timezone.now()
    )
    SignataireFactory(pacte=pacte, personne=relais, qualite="agent")
    SignataireFactory(pacte=pacte, qualite="decideur")
    session_copil, decision = _copil(probleme)
    return Donnees(
        relais=relais,
        probleme=probleme,
        brouillon=ProblematiqueFactory(auteur=relais),
        communaute=communaute,
        engagement=EngagementFactory(communaute=communaute, personne=relais),
        evenement=EvenementFactory(),
        evenement_brouillon=EvenementFactory(publie=False),
        organisation=probleme.organisation,
        territoire=probleme.territoires.get(),
        theme=probleme.themes.get(),
        groupe=Group.objects.get(name="Relais"),
        adresse=EmailAddress.objects.get(user=relais),
        # Tests run tasks immediately: nothing is queued, so the back office's list of tasks
        # gets one row to open.
        tache=DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="tilab.courriels.tache_de_test",
            backend_name="default",
            run_after=timezone.now(),
        ),
        experimentation=experimentation,
        pacte=pacte,
        pacte_brouillon=PacteFactory(experimentation=experimentation),
        prestataire=Prestataire.objects.create(
            experimentation=experimentation,
            organisation=probleme.organisation,
            objet="Animer les ateliers de prototypage",
        ),
        budget=BudgetAnnuel.objects.create(annee=2026, montant=120000),
        capacite=Capacite.objects.create(
            coordinateur=experimentation.coordinateur, nombre=3, fixee_par=persona("direction")
        ),
        session_copil=session_copil,
        decision=decision,
        copil=sessions_du_tableau(persona("copil"), grille_publiee()),
        documentation=pages_du_tableau(persona, experimentation),
        **textes,
    )


def textes_de_gouvernance(persona) -> dict[str, Any]:
    """The theory and the grid, each published (version 1) and drafted (version 2), a comment
    on the published theory, the frame and CODIR's opinion."""
    from gouvernance.services.textes import avis_codir_enregistrer, theorie_rediger
    from tests.gouvernance.aide_textes import grille_brouillon, grille_publiee, theorie_publiee

    coordination = persona("coordination")
    theorie = theorie_publiee(coordination)
    grille = grille_publiee(coordination)
    return {
        "theorie": theorie,
        "theorie_brouillon": theorie_rediger(par=coordination, texte="Brouillon"),
        "grille": grille,
        "grille_brouillon": grille_brouillon(coordination),
        "commentaire": Commentaire.objects.create(
            theorie=theorie, auteur=persona("relais"), texte="Et les usagers ?"
        ),
        "cadre": CadreTriennal.objects.create(
            titre="Cadre 2025–2027",
            debut=date(2025, 1, 1),
            fin=date(2027, 12, 31),
            orientations="Transformer avec les agents.",
            reunion_codir_le=date(2024, 12, 5),
        ),
        "avis_codir": avis_codir_enregistrer(
            par=persona("codir"),
            version=theorie,
            valide=True,
            le=timezone.localdate(),
            motifs="Conforme.",
        ),
    }


def _copil(probleme: Problematique) -> tuple[SessionCopil, Decision]:
    """A session en préparation with one candidate, and a published decision of another
    session (rows written directly, on a draft grid: the services are tested on their own)."""
    theorie = VersionTheorie.objects.create(numero=900, texte="Théorie.")
    grille = VersionGrille.objects.create(numero=900, theorie=theorie)
    session = SessionCopil.objects.create(
        titre="Préparée", slug="preparee", le="2027-03-01", grille=grille
    )
    Candidature.objects.create(session=session, problematique=probleme, presentation="P")
    publiee = SessionCopil.objects.create(
        titre="Publiée", slug="publiee", le="2026-03-01", grille=grille, statut="publiee"
    )
    candidature = Candidature.objects.create(
        session=publiee,
        problematique=cast(Problematique, ProblematiqueFactory(publiee=True)),
        presentation="P",
    )
    decision = Decision.objects.create(
        candidature=candidature,
        decision=TypeDecision.NON_RETENUE,
        motifs="Hors champ.",
        publiee_le=timezone.now(),
    )
    return session, decision


# --- Expected answers -------------------------------------------------------------------------

Vers = Callable[[Donnees], str]


@dataclass(frozen=True)
class Attendu:
    statut: int
    # For a redirection: where to. Compared on the path only (the query carries ?next=).
    vers: Vers | None = None

    def decrire(self, d: Donnees) -> str:
        return f"{self.statut} → {self.vers(d)}" if self.vers else str(self.statut)


def url(nom: str) -> Vers:
    return lambda d: reverse(nom)


def page_de(attribut: str) -> Vers:
    return lambda d: getattr(d, attribut).get_absolute_url()


def fiche_admin(attribut: str, modele: str) -> Vers:
    return lambda d: reverse(f"admin:{modele}_change", args=[getattr(d, attribut).pk])


def redirige(vers: str | Vers) -> Attendu:
    return Attendu(302, url(vers) if isinstance(vers, str) else vers)


OK = Attendu(200)
INTERDIT = Attendu(403)
INTROUVABLE = Attendu(404)
METHODE_REFUSEE = Attendu(405)
CONNEXION = redirige("account_login")  # settings.LOGIN_URL
CONNEXION_ADMIN = redirige("admin:login")

Attendus = dict[str, Attendu]


def public(attendu: Attendu = OK) -> Attendus:
    return dict.fromkeys(TOUS, attendu)


def connecte(attendu: Attendu = OK) -> Attendus:
    """Behind a login: a visitor is sent to log in, anyone logged in gets ``attendu``."""
    return {ANONYME: CONNEXION} | dict.fromkeys(CONNECTES, attendu)


def reserve_a(groupe: frozenset[str], attendu: Attendu = OK) -> Attendus:
    """``regle_requise``: a visitor logs in first, a logged-in person outside ``groupe`` gets
    the 403 page."""
    return {ANONYME: CONNEXION} | {p: attendu if p in groupe else INTERDIT for p in CONNECTES}


def visible_par(groupe: frozenset[str]) -> Attendus:
    """A draft: for everyone else, it does not exist."""
    return {p: OK if p in groupe else INTROUVABLE for p in TOUS}


def visiteurs_seulement() -> Attendus:
    """allauth's entrance pages: a logged-in person is sent on to LOGIN_REDIRECT_URL
    (ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS, on by default)."""
    return {ANONYME: OK} | dict.fromkeys(CONNECTES, redirige("comptes:profil"))


def back_office(
    groupe: frozenset[str], attendu: Attendu = OK, sinon: Attendu = INTERDIT
) -> Attendus:
    """``AdminSite.admin_view``: whoever is not staff goes to the admin login; among the staff,
    ``groupe`` gets ``attendu`` and the others ``sinon``."""
    return dict.fromkeys(TOUS - TI_TEAM, CONNEXION_ADMIN) | {
        p: attendu if p in groupe else sinon for p in TI_TEAM
    }


# --- Rows ---------------------------------------------------------------------------------------

Arguments = Callable[[Donnees], dict[str, Any]]


def sans_arguments(d: Donnees) -> dict[str, Any]:
    return {}


def slug(attribut: str) -> Arguments:
    return lambda d: {"slug": getattr(d, attribut).slug}


def numero(attribut: str) -> Arguments:
    return lambda d: {"numero": getattr(d, attribut).numero}


def slug_du_probleme_de_la_communaute(d: Donnees) -> dict[str, Any]:
    return {"slug": cast(Problematique, d.communaute.problematique).slug}


def application(label: str) -> Arguments:
    return lambda d: {"app_label": label}


def objet(attribut: str, **autres: Any) -> Arguments:
    # A dotted name reaches into a group of rows (``documentation.publiee``).
    return lambda d: {"object_id": attrgetter(attribut)(d).pk, **autres}


def doc(attribut: str) -> Arguments:
    """A page of ``Donnees.documentation`` (``publiee``, ``brouillon``, ``relecture``,
    ``archivee``)."""
    return lambda d: {"slug": getattr(d.documentation, attribut).slug}


def revision_de(attribut: str, numero: int) -> Arguments:
    return lambda d: {"slug": getattr(d.documentation, attribut).slug, "numero": numero}


# The one file the table's attachments point at, written once under MEDIA_ROOT.
FICHIER_DU_TABLEAU = "documentation/tableau-des-roles.pdf"


def piece_jointe_de(attribut: str) -> Arguments:
    """An attachment of that page (a PDF), made on first use."""

    def arguments(d: Donnees) -> dict[str, Any]:
        page_doc = getattr(d.documentation, attribut)
        piece = page_doc.pieces_jointes.first()
        if piece is None:
            if not default_storage.exists(FICHIER_DU_TABLEAU):
                default_storage.save(FICHIER_DU_TABLEAU, ContentFile(b"%PDF-1.4\n%%EOF\n"))
            piece = PieceJointe.objects.create(
                page=page_doc,
                fichier=FICHIER_DU_TABLEAU,
                nom="Compte rendu.pdf",
                type_mime="application/pdf",
                extension="pdf",
                taille=15,
            )
        return {"slug": page_doc.slug, "pk": piece.pk}

    return arguments


@dataclass(frozen=True)
class Ligne:
    attendus: Attendus
    arguments: Arguments = sans_arguments
    methode: str = "get"
    parametres: Mapping[str, str] = field(default_factory=dict)


def page(
    attendus: Attendus, arguments: Arguments = sans_arguments, **parametres: str
) -> tuple[Ligne, ...]:
    return (Ligne(attendus, arguments, "get", parametres),)


def envoi(
    attendus: Attendus,
    arguments: Arguments = sans_arguments,
    en_get: Attendus | None = None,
) -> tuple[Ligne, ...]:
    """A POST-only action, checked with an empty POST (some do act on it, a support or a
    registration, which the rollback after each check undoes) and with a GET, which
    ``require_POST`` refuses: 405 for everyone, or for the staff behind ``admin_view``."""
    return (
        Ligne(attendus, arguments, "post"),
        Ligne(en_get or public(METHODE_REFUSEE), arguments, "get"),
    )


# --- Documentation pages (tests.documentation.factories.pages_du_tableau) -----------------------


def slug_de_page(attribut: str) -> Arguments:
    return lambda d: {"slug": getattr(d.documentation, attribut).slug}


def adresse_de_page(attribut: str) -> Vers:
    # documentation:page, the reading page: /documentation/<slug>/.
    return lambda d: f"/documentation/{getattr(d.documentation, attribut).slug}/"


def brouillon_de_la_ti_team(attendu: Attendu) -> Attendus:
    """A draft or a page in review of the table's experiment: the Ti Team writes it and gets
    ``attendu``; for anyone else it does not exist."""
    return {ANONYME: CONNEXION} | {p: attendu if p in TI_TEAM else INTROUVABLE for p in CONNECTES}


def piece_jointe_du_brouillon(d: Donnees) -> dict[str, Any]:
    """An attachment of the table's draft, made the first time a row asks for it (a row
    without its file: removing it deletes the file once the transaction commits, which a
    test never does)."""
    brouillon = d.documentation.brouillon
    piece = PieceJointe.objects.filter(page=brouillon).first() or PieceJointe.objects.create(
        page=brouillon,
        fichier=f"documentation/{brouillon.pk}/essai.pdf",
        nom="essai.pdf",
        type_mime="application/pdf",
        extension="pdf",
        taille=4,
    )
    return {"slug": brouillon.slug, "pk": piece.pk}


# --- The back office, by rule -------------------------------------------------------------------


@dataclass(frozen=True)
class ModeleAdmin:
    """Who holds each Django permission on a registered model (the data migrations:
    tilab/comptes/migrations/0002_roles.py, problematiques/migrations/0002_permissions_roles.py,
    communautes/migrations/0002_permissions_roles.py) and what its ModelAdmin refuses whatever
    the permissions (``has_add_permission``/``has_delete_permission`` returning False)."""

    # The Donnees attribute (dotted: ``documentation.publiee``) whose change, history and
    # delete pages are opened.
    exemple: str
    voir: frozenset[str] = AUCUN
    ajouter: frozenset[str] = AUCUN
    modifier: frozenset[str] = AUCUN
    supprimer: frozenset[str] = AUCUN
    refuse: frozenset[str] = AUCUN

    def lecteurs(self) -> frozenset[str]:
        # ModelAdmin.has_view_permission: view or change.
        return self.voir | self.modifier

    def par_action(self) -> dict[str, frozenset[str]]:
        return {
            "changelist": self.lecteurs(),
            "add": AUCUN if "add" in self.refuse else self.ajouter,
            "change": self.lecteurs(),  # a GET: read-only for those who only view
            "history": self.lecteurs(),
            "delete": AUCUN if "delete" in self.refuse else self.supprimer,
        }


def referentiel(exemple: str) -> ModeleAdmin:
    """Organisations, territories, themes: kept by the Ti Team, read only by Recherche,
    deleted by the Direction alone."""
    return ModeleAdmin(
        exemple,
        voir=TI_TEAM,
        ajouter=EDITEURS_REFERENTIEL,
        modifier=EDITEURS_REFERENTIEL,
        supprimer=DIRECTION,
    )


ADMIN_MODELES: dict[str, ModeleAdmin] = {
    # No role holds a permission on groups, e-mail addresses or tasks: superusers only.
    "auth.group": ModeleAdmin("groupe"),
    "account.emailaddress": ModeleAdmin("adresse"),
    "django_tasks_database.dbtaskresult": ModeleAdmin("tache", refuse=frozenset({"add", "delete"})),
    # People are seen by those who triage and managed by the Direction; nobody holds
    # add_personne (UserAdmin also wants change_personne to add), nobody deletes.
    "comptes.personne": ModeleAdmin("relais", voir=TRIEURS, modifier=DIRECTION),
    "comptes.organisation": referentiel("organisation"),
    "comptes.territoire": referentiel("territoire"),
    "comptes.theme": referentiel("theme"),
    # A problem is reported through the public form, never added here; nobody deletes.
    "problematiques.problematique": ModeleAdmin(
        "probleme", voir=TI_TEAM, modifier=TRIEURS, refuse=frozenset({"add"})
    ),
    # A community is closed, never deleted.
    "communautes.communaute": ModeleAdmin(
        "communaute",
        voir=TI_TEAM,
        ajouter=CONSTITUANTS,
        modifier=CONSTITUANTS,
        refuse=frozenset({"delete"}),
    ),
    # Commitments are the members' own doing: read-only here.
    "communautes.engagement": ModeleAdmin(
        "engagement", voir=TI_TEAM, refuse=frozenset({"add", "delete"})
    ),
    "communautes.evenement": ModeleAdmin(
        "evenement", voir=TI_TEAM, ajouter=EQUIPE_EVENEMENTS, modifier=EQUIPE_EVENEMENTS
    ),
    # Experiments and pacts are run by the Direction and the Coordination; ended, never
    # deleted (experimentations/migrations/0002_permissions_roles.py).
    "experimentations.experimentation": ModeleAdmin(
        "experimentation",
        voir=TI_TEAM,
        ajouter=COORDINATEURS,
        modifier=COORDINATEURS,
        refuse=frozenset({"delete"}),
    ),
    # The example is proposed: read only for everyone (a draft only is changed), and seen by
    # the whole team (drafts are the Direction's and the Coordination's).
    "experimentations.pacte": ModeleAdmin(
        "pacte", voir=TI_TEAM, ajouter=COORDINATEURS, refuse=frozenset({"delete"})
    ),
    # A provider is added and removed from its experiment's page.
    "experimentations.prestataire": ModeleAdmin(
        "prestataire", voir=TI_TEAM, modifier=COORDINATEURS, refuse=frozenset({"add", "delete"})
    ),
    "experimentations.budgetannuel": ModeleAdmin(
        "budget", voir=TI_TEAM, ajouter=DIRECTION, modifier=DIRECTION, refuse=frozenset({"delete"})
    ),
    # A capacity is never changed: the Direction sets a new one, the former ones are history.
    "experimentations.capacite": ModeleAdmin(
        "capacite", voir=TI_TEAM, ajouter=DIRECTION, refuse=frozenset({"delete"})
    ),
    # The governance texts (gouvernance/migrations/0004_permissions_textes.py): read by the
    # whole team, never deleted. The frame is the Direction's; versions are written by those
    # who write texts (the examples are published: read only for everyone); CODIR adds its
    # opinions (with a back-office access, which the cast's CODIR persona has not); comments
    # are answered by REPONDANTS, never added here.
    "gouvernance.cadretriennal": ModeleAdmin(
        "cadre", voir=TI_TEAM, ajouter=DIRECTION, modifier=DIRECTION, refuse=frozenset({"delete"})
    ),
    "gouvernance.versiontheorie": ModeleAdmin(
        "theorie",
        voir=TI_TEAM,
        ajouter=REDACTEURS,
        modifier=REDACTEURS,
        refuse=frozenset({"delete"}),
    ),
    "gouvernance.versiongrille": ModeleAdmin(
        "grille",
        voir=TI_TEAM,
        ajouter=REDACTEURS,
        modifier=REDACTEURS,
        refuse=frozenset({"delete"}),
    ),
    "gouvernance.aviscodir": ModeleAdmin(
        "avis_codir", voir=TI_TEAM, ajouter=frozenset({"codir"}), refuse=frozenset({"delete"})
    ),
    "gouvernance.commentaire": ModeleAdmin(
        "commentaire", voir=TI_TEAM, modifier=REPONDANTS, refuse=frozenset({"add", "delete"})
    ),
    # A session is prepared on the add page, then changes by its steps only; never deleted
    # (gouvernance/migrations/0005_permissions_copil.py).
    "gouvernance.sessioncopil": ModeleAdmin(
        "session_copil", voir=TI_TEAM, ajouter=TRIEURS, refuse=frozenset({"delete"})
    ),
    # Decisions are recorded and published by the chair on the public site: read only here.
    "gouvernance.decision": ModeleAdmin(
        "decision", voir=TI_TEAM, refuse=frozenset({"add", "delete"})
    ),
    # Documentation pages are written on the site and change state through its services; the
    # Documentation role edits a page's text here, the team reads
    # (documentation/migrations/0002_permissions_roles.py). Never added nor deleted here.
    "documentation.page": ModeleAdmin(
        "documentation.publiee",
        voir=TI_TEAM,
        modifier=frozenset({"documentation"}),
        refuse=frozenset({"add", "delete"}),
    ),
    # The kinds of page an experiment owes: added and withdrawn by those who run experiments
    # and the Documentation role, never changed (documentation/migrations/
    # 0003_permissions_pages_attendues.py).
    "documentation.pageattendue": ModeleAdmin(
        "documentation.attendue",
        voir=TI_TEAM,
        ajouter=COORDINATEURS | {"documentation"},
        supprimer=COORDINATEURS | {"documentation"},
    ),
}


def lignes_admin_des_modeles() -> dict[str, tuple[Ligne, ...]]:
    lignes: dict[str, tuple[Ligne, ...]] = {}
    for cle, modele in ADMIN_MODELES.items():
        prefixe = cle.replace(".", "_")
        for action, equipe in modele.par_action().items():
            par_objet = action not in ("changelist", "add")
            arguments = objet(modele.exemple) if par_objet else sans_arguments
            lignes[f"admin:{prefixe}_{action}"] = page(back_office(equipe), arguments)
    return lignes


def lignes_admin_des_applications() -> tuple[Ligne, ...]:
    """An application's index lists the models the person may do something with; with none,
    ``AdminSite.app_index`` answers 404."""
    equipes: dict[str, frozenset[str]] = {}
    for cle, modele in ADMIN_MODELES.items():
        label = cle.split(".")[0]
        droits = modele.lecteurs() | modele.ajouter | modele.supprimer
        equipes[label] = equipes.get(label, AUCUN) | droits
    return tuple(
        ligne
        for label, equipe in equipes.items()
        for ligne in page(back_office(equipe, sinon=INTROUVABLE), application(label))
    )


# --- The table ----------------------------------------------------------------------------------

TABLE: dict[str, tuple[Ligne, ...]] = {
    # --- The site's own pages
    "accueil": page(public()),
    "favicon": page(public()),
    "accessibilite": page(public()),
    "mentions_legales": page(public()),
    "donnees_personnelles": page(public()),
    "recherche": page(public()),
    "donnees": page(public()),
    "donnees_csv": page(public(), lambda d: {"nom": "problematiques"})
    + page(public(INTROUVABLE), lambda d: {"nom": "inconnu"}),
    "donnees_json": page(public(), lambda d: {"nom": "decisions"}),
    "gouvernance:index": page(public()),
    # --- The governance texts: published versions for everyone, drafts for their writers
    "gouvernance:theorie": page(public()),
    "gouvernance:theorie_version": page(public(), numero("theorie"))
    + page(visible_par(REDACTEURS), numero("theorie_brouillon")),
    "gouvernance:theorie_comparer": page(public())
    + page(public(Attendu(400)), de="1", a="2"),  # version 2 is a draft
    "gouvernance:grille": page(public()),
    "gouvernance:grille_version": page(public(), numero("grille"))
    + page(visible_par(REDACTEURS), numero("grille_brouillon")),
    "gouvernance:grille_comparer": page(public()) + page(public(Attendu(400)), de="1", a="abc"),
    # peut_enregistrer_un_avis_codir: CODIR members, on the published version's page; an
    # empty opinion is the page again with its errors.
    "gouvernance:avis_codir": envoi(
        reserve_a(frozenset({"codir"}), Attendu(400)), lambda d: {"numero": d.theorie.numero}
    ),
    # The published version's consultation is closed: back to its page with a message.
    "gouvernance:commenter": envoi(
        connecte(redirige(page_de("theorie"))),
        lambda d: {"sorte": "theorie", "numero": d.theorie.numero},
    ),
    # An empty answer: the page again with its error, for those who answer.
    "gouvernance:repondre": envoi(
        {ANONYME: CONNEXION}
        | {p: Attendu(400) if p in REPONDANTS else INTERDIT for p in CONNECTES},
        lambda d: {"pk": d.commentaire.pk},
    ),
    # --- COPIL sessions and decisions
    "gouvernance:sessions": page(public()),
    "gouvernance:session": page(public(), lambda d: {"slug": d.copil.ouverte.slug})
    + page(public(), lambda d: {"slug": d.copil.close.slug}),
    # A candidate's page: public in each state; its forms (vote, decision, rectification) are
    # for those the rules below name.
    "gouvernance:candidature": page(
        public(), lambda d: {"slug": d.copil.ouverte.slug, "pk": d.copil.candidature.pk}
    )
    + page(public(), lambda d: {"slug": d.copil.close.slug, "pk": d.copil.a_decider.pk})
    + page(
        public(),
        lambda d: {
            "slug": d.copil.decision.candidature.session.slug,
            "pk": d.copil.decision.candidature_id,
        },
    ),
    "gouvernance:decisions": page(public()),
    "gouvernance:decisions_flux": page(public()),
    # peut_voter: a member sitting in the open session (the « copil » persona); an empty
    # vote is the page again with its errors. A visitor logs in and comes back to the page.
    "gouvernance:voter": envoi(
        reserve_a(SIEGE, Attendu(400)),
        lambda d: {"pk": d.copil.candidature.pk},
    ),
    # peut_clore: the chair, the Direction and the Coordination; without the quorum, back
    # to the page with a message.
    "gouvernance:clore": envoi(
        reserve_a(SIEGE | TRIEURS, redirige(lambda d: d.copil.ouverte.get_absolute_url())),
        lambda d: {"slug": d.copil.ouverte.slug},
    ),
    # peut_decider, peut_publier_les_decisions: the chair, once the session is closed; an
    # empty decision is the page again; publishing without every decision, back to the page
    # with a message.
    "gouvernance:decider": envoi(
        reserve_a(SIEGE, Attendu(400)), lambda d: {"pk": d.copil.a_decider.pk}
    ),
    "gouvernance:publier": envoi(
        reserve_a(SIEGE, redirige(lambda d: d.copil.close.get_absolute_url())),
        lambda d: {"slug": d.copil.close.slug},
    ),
    # peut_rectifier: the session's chair or the Direction; an empty text is the page again.
    "gouvernance:rectifier": envoi(
        reserve_a(SIEGE | DIRECTION, Attendu(400)), lambda d: {"pk": d.copil.decision.pk}
    ),
    # --- Documentation: what anyone reads and reuses (documentation.views.lecture). A published
    # or archived page for everyone; a draft or a page in review of the table's experiment for
    # those who write it (the Ti Team) and the Documentation role: for anyone else, the relais
    # persona included (no part in the experiment), it does not exist.
    "documentation:index": page(public()),
    "documentation:flux": page(public()),
    "documentation:page": page(public(), doc("publiee"))
    + page(public(), doc("archivee"))
    + page(visible_par(TI_TEAM), doc("brouillon"))
    + page(visible_par(TI_TEAM), doc("relecture")),
    "documentation:markdown": page(public(), doc("publiee"))
    + page(visible_par(TI_TEAM), doc("brouillon")),
    "documentation:historique": page(public(), doc("publiee"))
    + page(visible_par(TI_TEAM), doc("brouillon")),
    "documentation:revision": page(public(), revision_de("publiee", 2))
    + page(visible_par(TI_TEAM), revision_de("brouillon", 1)),
    # Two revisions of the published page; a number that is not one: the form again (400).
    "documentation:comparer": page(public(), doc("publiee"), de="1", a="2")
    + page(public(Attendu(400)), doc("publiee"), de="1", a="abc")
    + page(visible_par(TI_TEAM), doc("brouillon")),
    "documentation:piece_jointe": page(public(), piece_jointe_de("publiee"))
    + page(visible_par(TI_TEAM), piece_jointe_de("brouillon")),
    # peut_declarer_une_reutilisation: anyone logged in, on a public page; an empty
    # declaration is the page again with its errors. A draft is not reused: refused to those
    # who read it, inexistent for the others.
    "documentation:reutiliser": envoi(connecte(Attendu(400)), doc("publiee"))
    + envoi(
        {p: INTERDIT if p in TI_TEAM else INTROUVABLE for p in TOUS},
        doc("brouillon"),
    ),
    # --- Documentation: writing and reviewing (documentation.rules). The table's draft and
    # page in review document its experiment, where the relais persona takes part in nothing:
    # they are the Ti Team's (every role writes) and do not exist for anyone else. A visitor
    # logs in first, before anything is read of the page.
    # peut_creer: the Ti Team, and the relais persona, committed to the table's community; an
    # empty page is the form again with its errors.
    # The relais persona documents one project only: the choice is made for them.
    "documentation:nouvelle": page(
        reserve_a(TI_TEAM)
        | {"relais": redirige(lambda d: f"/documentation/nouvelle/?communaute={d.communaute.slug}")}
    )
    + (Ligne(reserve_a(TI_TEAM | {"relais"}, Attendu(400)), methode="post"),),
    # peut_ecrire: 404 for whoever may not read the draft, 403 for whoever reads the
    # published page without writing it; an archived page sends its writers back to it.
    "documentation:modifier": page(
        {ANONYME: CONNEXION} | {p: OK if p in TI_TEAM else INTROUVABLE for p in CONNECTES},
        slug_de_page("brouillon"),
    )
    + page(reserve_a(TI_TEAM), slug_de_page("publiee"))
    + page(reserve_a(TI_TEAM, redirige(adresse_de_page("archivee"))), slug_de_page("archivee"))
    + (
        Ligne(
            {ANONYME: CONNEXION}
            | {p: Attendu(400) if p in TI_TEAM else INTROUVABLE for p in CONNECTES},
            slug_de_page("brouillon"),
            "post",
        ),
    ),
    # The steps: back to the page once done (or with a message when its state refuses).
    "documentation:soumettre": envoi(
        brouillon_de_la_ti_team(redirige(adresse_de_page("brouillon"))), slug_de_page("brouillon")
    ),
    # An empty comment: back to the page with a message.
    "documentation:commenter": envoi(
        brouillon_de_la_ti_team(redirige(adresse_de_page("relecture"))),
        slug_de_page("relecture"),
    ),
    # peut_publier_la_page: the Documentation role only.
    "documentation:publier": envoi(
        brouillon_de_la_ti_team(INTERDIT)
        | {"documentation": redirige(adresse_de_page("relecture"))},
        slug_de_page("relecture"),
    ),
    "documentation:archiver": envoi(
        reserve_a(frozenset({"documentation"}), redirige(adresse_de_page("publiee"))),
        slug_de_page("publiee"),
    ),
    # peut_restaurer: whoever writes the page, the Ti Team here.
    "documentation:restaurer": envoi(
        reserve_a(TI_TEAM, redirige(adresse_de_page("publiee"))),
        lambda d: {"slug": d.documentation.publiee.slug, "numero": 1},
    ),
    # No file: the editor again with the error next to the field.
    "documentation:ajouter_piece": envoi(
        brouillon_de_la_ti_team(Attendu(400)), slug_de_page("brouillon")
    ),
    "documentation:retirer_piece": envoi(
        brouillon_de_la_ti_team(
            redirige(
                lambda d: reverse("documentation:modifier", args=[d.documentation.brouillon.slug])
            )
        ),
        piece_jointe_du_brouillon,
    ),
    # peut_declarer_les_pages_attendues: those who run the experiment (the Direction, the
    # Coordination; its coordinator is no persona) and the Documentation role, back to its
    # page; an empty choice comes back there too, with its error. A visitor logs in first.
    "documentation:attendue_ajouter": envoi(
        reserve_a(COORDINATEURS | {"documentation"}, redirige(page_de("experimentation"))),
        slug("experimentation"),
    ),
    "documentation:attendue_retirer": envoi(
        reserve_a(COORDINATEURS | {"documentation"}, redirige(page_de("experimentation"))),
        lambda d: {"slug": d.experimentation.slug, "sorte": d.documentation.attendue.sorte},
    ),
    # The review queue: the Ti Team (the Documentation role reviews, the others follow).
    "documentation:relecture": page(reserve_a(TI_TEAM)),
    "documentation:mes_pages": page(connecte()),
    # --- Problems
    "problematiques:index": page(public()),
    "problematiques:flux": page(public()),
    # peut_signaler: a verified address, whatever the role.
    "problematiques:signaler": page(connecte()),
    # Only for its author: for anyone else, the Ti Team included, the page does not exist.
    "problematiques:signalement_envoye": page(
        connecte(INTROUVABLE) | {"relais": OK}, slug("brouillon")
    ),
    "problematiques:mes_remontees": page(connecte()),
    # A published problem for everyone; a draft for its author and the Ti Team only.
    "problematiques:detail": page(public(), slug("probleme"))
    + page(visible_par(TI_TEAM | {"relais"}), slug("brouillon")),
    # A visitor logs in and comes back to the problem's page; everyone logged in comes back to
    # it too: the author with a refusal message, the others with their empty "nous aussi"
    # recorded (every field of SoutienForm is optional).
    "problematiques:soutenir": envoi(connecte(redirige(page_de("probleme"))), slug("probleme")),
    "problematiques:retirer_soutien": envoi(
        connecte(redirige(page_de("probleme"))), slug("probleme")
    ),
    # --- Communities and commitments
    "communautes:index": page(public()),
    "communautes:flux": page(public()),
    "communautes:mes_engagements": page(connecte()),
    "evenements:mes_inscriptions": page(connecte()),
    # peut_voir_les_engagements: the whole Ti Team.
    "communautes:charge": page(reserve_a(TI_TEAM)),
    "communautes:detail": page(public(), slug("communaute")),
    # The relais persona already has a running commitment there: sent to manage it.
    "communautes:rejoindre": page(
        connecte() | {"relais": redirige("communautes:mes_engagements")}, slug("communaute")
    ),
    # Only one's own running commitment is renewed; without one, back to "mes engagements".
    "communautes:prolonger": page(
        connecte(redirige("communautes:mes_engagements")) | {"relais": OK}, slug("communaute")
    ),
    "communautes:quitter": envoi(
        connecte(redirige("communautes:mes_engagements")), slug("communaute")
    ),
    "communautes:constituer_communaute": page(reserve_a(CONSTITUANTS), slug("probleme")),
    "communautes:maturite_territoire": page(
        reserve_a(CONSTITUANTS), slug_du_probleme_de_la_communaute
    ),
    # peut_deroger_a_la_maturite: the Direction only.
    "communautes:maturite_derogation": page(
        reserve_a(DIRECTION), slug_du_probleme_de_la_communaute
    ),
    # --- Experiments and pacts
    "experimentations:index": page(public()),
    "experimentations:flux": page(public()),
    "experimentations:detail": page(public(), slug("experimentation")),
    "experimentations:pactes": page(public()),
    "experimentations:mes_pactes": page(connecte()),
    # A proposed pact for everyone; a draft for those who write pacts only.
    "experimentations:pacte": page(public(), numero("pacte"))
    + page(visible_par(COORDINATEURS), numero("pacte_brouillon")),
    # Its signatories only (the relais persona), each with their own account; an empty POST
    # leaves the box unticked: the form again, with its error.
    "experimentations:signer": page(reserve_a(frozenset({"relais"})), numero("pacte"))
    + (
        Ligne(
            reserve_a(frozenset({"relais"}), Attendu(400)),
            numero("pacte"),
            "post",
        ),
    ),
    # --- Events: published ones for everyone, drafts for those who run events
    "evenements:index": page(public()),
    "evenements:calendrier": page(public()),
    "evenements:flux": page(public()),
    "evenements:ical": page(public(), slug("evenement"))
    + page(visible_par(EQUIPE_EVENEMENTS), slug("evenement_brouillon")),
    "evenements:detail": page(public(), slug("evenement"))
    + page(visible_par(EQUIPE_EVENEMENTS), slug("evenement_brouillon")),
    "evenements:inscrire": envoi(connecte(redirige(page_de("evenement"))), slug("evenement")),
    "evenements:annuler": envoi(connecte(redirige(page_de("evenement"))), slug("evenement")),
    "evenements:inscriptions": page(reserve_a(EQUIPE_EVENEMENTS), slug("evenement")),
    "evenements:inscriptions_csv": page(reserve_a(EQUIPE_EVENEMENTS), slug("evenement")),
    # --- One's own account
    "comptes:profil": page(connecte()),
    "comptes:export": page(connecte()),
    "comptes:supprimer": page(connecte()),
    # --- allauth (settings: login by e-mail, mandatory verification by code, login by code)
    "account_login": page(visiteurs_seulement()),
    "account_signup": page(visiteurs_seulement()),
    "account_request_login_code": page(visiteurs_seulement()),
    # A GET only shows the confirmation (ACCOUNT_LOGOUT_ON_GET is off); a visitor has nothing
    # to confirm and goes to ACCOUNT_LOGOUT_REDIRECT_URL.
    "account_logout": page(connecte() | {ANONYME: redirige("accueil")}),
    "account_inactive": page(public()),
    "account_reauthenticate": page(connecte()),
    "account_email": page(connecte()),
    # The page where a verification code is typed: with no verification under way, a visitor
    # is sent to log in and a logged-in person to their addresses.
    "account_email_verification_sent": page(connecte(redirige("account_email"))),
    # The personas have a usable password: "set" sends them to "change".
    "account_change_password": page(connecte()),
    "account_set_password": page(connecte(redirige("account_change_password"))),
    "account_reset_password": page(public()),
    "account_reset_password_done": page(public()),
    "account_reset_password_from_key_done": page(public()),
    # A made-up key: allauth renders its "invalid link" page (token_fail) with a 200, for
    # visitors and logged-in people alike.
    "account_reset_password_from_key": page(
        public(), lambda d: {"uidb36": "0", "key": "cle-inventee"}
    ),
    # Without a login by code under way (login_stage_required): a visitor is sent to ask for
    # a code, a logged-in person on to LOGIN_REDIRECT_URL.
    "account_confirm_login_code": page(
        {ANONYME: redirige("account_request_login_code")}
        | dict.fromkeys(CONNECTES, redirige("comptes:profil"))
    ),
    # --- The back office, site-wide pages
    "admin:index": page(back_office(TI_TEAM)),
    # allauth's secure_admin_login: a visitor logs in on the site's page; a logged-in person
    # who is not staff gets a 403; the staff, already in, go to the index.
    "admin:login": page(
        {ANONYME: CONNEXION}
        | dict.fromkeys(CONNECTES - TI_TEAM, INTERDIT)
        | dict.fromkeys(TI_TEAM, redirige("admin:index"))
    ),
    # admin_view sends whoever is not in to the index rather than to log in; Django's
    # LogoutView takes POST only.
    "admin:logout": page(
        dict.fromkeys(TOUS - TI_TEAM, redirige("admin:index"))
        | dict.fromkeys(TI_TEAM, METHODE_REFUSEE)
    ),
    "admin:password_change": page(back_office(TI_TEAM)),
    "admin:password_change_done": page(back_office(TI_TEAM)),
    "admin:jsi18n": page(back_office(TI_TEAM)),
    # The organisation field of the problem form: whoever may view organisations.
    "admin:autocomplete": page(
        back_office(ADMIN_MODELES["comptes.organisation"].lecteurs()),
        app_label="problematiques",
        model_name="problematique",
        field_name="organisation",
    ),
    # "Voir sur le site": to the problem's public page (no sites framework: a plain path).
    "admin:view_on_site": page(
        back_office(TI_TEAM, redirige(page_de("probleme"))),
        lambda d: {
            "content_type_id": ContentType.objects.get_for_model(d.probleme).pk,
            "object_id": d.probleme.pk,
        },
    ),
    "admin:app_list": lignes_admin_des_applications(),
    # UserAdmin's password form for someone else: change_personne, the Direction's.
    "admin:auth_user_password_change": page(
        back_office(ADMIN_MODELES["comptes.personne"].modifier), lambda d: {"id": d.relais.pk}
    ),
    # --- The back office, custom pages. An empty "clôturer" is refused by its form (the public
    # comment is required): back to the change page, nothing recorded.
    "admin:problematiques_problematique_etape": envoi(
        back_office(TRIEURS, redirige(fiche_admin("probleme", "problematiques_problematique"))),
        objet("probleme", cle="cloturer"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    # has_changer_statut_permission: change_communaute and peut_constituer. An empty form is
    # refused: back to the change page.
    "admin:communautes_communaute_statut": envoi(
        back_office(CONSTITUANTS, redirige(fiche_admin("communaute", "communautes_communaute"))),
        objet("communaute"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    # peut_coordonner and change_experimentation. An empty form is refused: back to the change
    # page, with the form and its errors.
    "admin:experimentations_experimentation_statut": envoi(
        back_office(
            COORDINATEURS,
            redirige(fiche_admin("experimentation", "experimentations_experimentation")),
        ),
        objet("experimentation"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    # An empty « terminer » is refused by its form (honoured or broken?): back to the pact.
    "admin:experimentations_pacte_etape": envoi(
        back_office(COORDINATEURS, redirige(fiche_admin("pacte", "experimentations_pacte"))),
        objet("pacte", cle="terminer"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    # A version's steps: an empty « ouvrir la consultation » is refused by its form (the dates
    # are required): back to the draft's page, for those who write texts.
    "admin:gouvernance_versiontheorie_etape": envoi(
        back_office(
            REDACTEURS, redirige(fiche_admin("theorie_brouillon", "gouvernance_versiontheorie"))
        ),
        objet("theorie_brouillon", cle="consultation"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    "admin:gouvernance_versiongrille_etape": envoi(
        back_office(
            REDACTEURS, redirige(fiche_admin("grille_brouillon", "gouvernance_versiongrille"))
        ),
        objet("grille_brouillon", cle="consultation"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    # peut_preparer_une_session and change_sessioncopil. An empty « ajouter » is refused by its
    # form: back to the session's page.
    "admin:gouvernance_sessioncopil_etape": envoi(
        back_office(TRIEURS, redirige(fiche_admin("session_copil", "gouvernance_sessioncopil"))),
        objet("session_copil", cle="ajouter"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    # peut_rectifier: the Direction (the chair is not staff: they use the public page). An
    # empty rectification is refused by its form: back to the decision's page.
    "admin:gouvernance_decision_etape": envoi(
        back_office(DIRECTION, redirige(fiche_admin("decision", "gouvernance_decision"))),
        objet("decision", cle="rectifier"),
        en_get=back_office(TI_TEAM, METHODE_REFUSEE),
    ),
    # --- The back office, by rule: list, add, change, history, delete of every model
    **lignes_admin_des_modeles(),
}


def toutes_les_lignes() -> Iterator[tuple[str, Ligne]]:
    for nom_url, lignes in TABLE.items():
        for ligne in lignes:
            yield nom_url, ligne


# --- What the resolver knows --------------------------------------------------------------------


def motifs_du_resolver() -> tuple[set[str], list[str]]:
    """Every named URL of the root URLconf (``namespace:name``), and the paths of the
    patterns without a name."""
    noms: set[str] = set()
    sans_nom: list[str] = []

    def parcourir(resolver: URLResolver, espaces: tuple[str, ...], prefixe: str) -> None:
        for motif in resolver.url_patterns:
            chemin = prefixe + str(motif.pattern)
            if isinstance(motif, URLResolver):
                espace = (motif.namespace,) if motif.namespace else ()
                parcourir(motif, espaces + espace, chemin)
            elif motif.name:
                noms.add(":".join([*espaces, motif.name]))
            else:
                sans_nom.append(chemin)

    parcourir(get_resolver(), (), "")
    return noms, sans_nom


# --- Tests ----------------------------------------------------------------------------------------


def test_the_table_has_a_row_for_every_url_name_the_resolver_knows():
    noms, _sans_nom = motifs_du_resolver()
    manquants = sorted(noms - TABLE.keys())
    assert not manquants, (
        "Ces URL n'ont pas de ligne dans tests/test_roles_urls.py ; dites qui y a accès :\n  "
        + "\n  ".join(manquants)
    )


def test_the_table_names_no_url_the_resolver_no_longer_knows():
    noms, _sans_nom = motifs_du_resolver()
    disparus = sorted(TABLE.keys() - noms)
    assert not disparus, "Ces lignes de la table ne correspondent plus à aucune URL :\n  " + (
        "\n  ".join(disparus)
    )


def test_every_url_of_ours_has_a_name_so_the_table_can_list_it():
    # Only the admin's own unnamed patterns (the object redirect and the catch-all) escape the
    # table; a view of ours without a name would escape it too.
    _noms, sans_nom = motifs_du_resolver()
    assert [chemin for chemin in sans_nom if not chemin.startswith("admin/")] == []


def test_every_row_answers_for_every_persona():
    incompletes = [nom_url for nom_url, ligne in toutes_les_lignes() if set(ligne.attendus) != TOUS]
    assert incompletes == []


def _verifier(client: Client, nom: str, nom_url: str, ligne: Ligne, d: Donnees) -> str | None:
    """The difference between the answer and the table, or None."""
    adresse = reverse(nom_url, kwargs=ligne.arguments(d))
    attendu = ligne.attendus[nom]
    titre = f"{nom_url:45} {ligne.methode.upper():4} {adresse}"
    try:
        # Each check in a savepoint rolled back: a POST (a support, a registration, leaving a
        # community) changes nothing for the rows after it, the session row included.
        with transaction.atomic():
            if ligne.methode == "post":
                reponse = client.post(adresse, {})
            else:
                reponse = client.get(adresse, dict(ligne.parametres))
            transaction.set_rollback(True)
    except Exception as exc:  # a view that crashes is one more difference to report
        return f"{titre}: attendu {attendu.decrire(d)}, exception {exc!r}"
    recu = str(reponse.status_code)
    if reponse.has_header("Location"):
        recu += f" → {reponse['Location']}"
    conforme = reponse.status_code == attendu.statut and (
        attendu.vers is None or _lieu(reponse["Location"], attendu.vers(d)) == attendu.vers(d)
    )
    return None if conforme else f"{titre}: attendu {attendu.decrire(d)}, reçu {recu}"


def _lieu(location: str, attendu: str) -> str:
    """Where a redirection goes: its path, with its query when the table names one (a login's
    ``?next=`` is not compared)."""
    lieu = urlsplit(location)
    return f"{lieu.path}?{lieu.query}" if "?" in attendu else lieu.path


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_url_answers_each_persona_as_the_table_says(nom, client_de, donnees):
    # One test per persona with every row inside it: the persona logs in once, and a failure
    # lists every difference for that persona at once; the data is the module's. One client
    # too: a new one loads the middleware again, WhiteNoise scanning every static file, which
    # cost more than the requests themselves.
    client = client_de(nom)
    cookies_du_persona = copy.deepcopy(client.cookies)
    ecarts = []
    for nom_url, ligne in toutes_les_lignes():
        # Every check starts logged in as the persona, without a message left by the last one.
        client.cookies = copy.deepcopy(cookies_du_persona)
        ecart = _verifier(client, nom, nom_url, ligne, donnees)
        if ecart is not None:
            ecarts.append(ecart)
    if ecarts:
        entete = f"{nom} : {len(ecarts)} réponse(s) différente(s) de la table"
        pytest.fail("\n".join([entete, *ecarts]), pytrace=False)
