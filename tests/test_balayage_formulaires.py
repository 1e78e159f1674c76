"""Every form of the site, public and signed-in, fed generated bad input (issue 9).

One row of ``CAS`` per form: who fills it in, the page that shows it, which of the page's forms
it is, and what a person would have typed right (``base``), so that the bad values reach each
field's own checks rather than stopping at a missing one. The form is read from the page as a
browser would send it (``tests/saisies.py``); hypothesis then replaces one to three of its fields
with bad values, and the answer must be a clean success or the form again, each error shown and
what was typed kept. The admin's forms are swept in ``tests/test_balayage_admin.py``.

A form added to the site without a row here is not swept: ``FORMULAIRES_CONNUS`` lists the
form classes of the project, and a test fails when one of them has no row.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from hypothesis import given

from communautes.services.maturite import territoires_possibles
from experimentations.models import StatutPacte
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.conftest import REGLAGES_DES_TESTS, contraintes_verifiees, make_persona
from tests.experimentations.factories import (
    EngagementPacteFactory,
    PacteFactory,
    SignataireFactory,
)
from tests.factories import MOT_DE_PASSE
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import page_candidature, sessions_du_tableau
from tests.problematiques.aide_signalement import donnees_valides, referentiel
from tests.problematiques.factories import ProblematiqueFactory
from tests.saisies import (
    Balayeuse,
    FormulaireHtml,
    appliquer,
    caracteres_enregistres,
    decrire,
    formulaires,
    genres_des_champs,
    saisies_mauvaises,
)
from tilab.comptes.models import Expertise, Personne

pytestmark = pytest.mark.django_db

NOUVEAU_MOT_DE_PASSE = "Un-nouveau-mot-de-passe-2026"


@dataclass
class Jeu:
    """The rows the forms act on, made once for the module (each test runs in a savepoint
    rolled back after it, each example in another inside it)."""

    relais: Personne
    probleme: Any  # published, open, by someone else: relais may support it, the team form
    # its community
    a_rejoindre: Any  # an active community relais has not joined
    engagee: Any  # a community where relais has a running commitment
    interet: Any  # a community of interest, for the maturity forms
    evenement: Any
    signalement: dict[str, Any]  # a report typed right by relais
    pacte: Any  # proposed; relais is its agent signatory, not confirmed yet
    # The page a form's preparation led to (the reset link leads to a page of its own).
    page_preparee: str = ""
    # COPIL sessions at each step, the « copil » persona sitting and chairing.
    copil: Any = None


def pacte_a_signer(relais: Personne) -> Any:
    pacte = PacteFactory(statut=StatutPacte.PROPOSE, propose_le=timezone.now())
    EngagementPacteFactory(pacte=pacte)
    SignataireFactory(pacte=pacte, personne=relais, qualite="agent")
    SignataireFactory(pacte=pacte, qualite="decideur")
    return pacte


@pytest.fixture(scope="module")
def _du_module(django_db_setup, django_db_blocker) -> Iterator[tuple[dict[str, Any], Jeu]]:
    """The members of the cast who fill the forms in, and the rows of :class:`Jeu`, made once
    for the module in a transaction rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Made before each test's own settings: the same ones (its passwords' hasher).
        with override_settings(**REGLAGES_DES_TESTS):
            personnes = {nom: make_persona(nom) for nom in PERSONNES}
            jeu_ = creer_le_jeu(personnes.__getitem__)
        contraintes_verifiees()
        yield personnes, jeu_
        transaction.set_rollback(True)


@pytest.fixture
def persona(_du_module, db) -> Callable[[str], Any]:
    # As the database has them: logging in changes the instance's last login, which the
    # tokens of the e-mails read.
    for personne in _du_module[0].values():
        personne.refresh_from_db()
    return _du_module[0].__getitem__


@pytest.fixture
def jeu(_du_module, persona) -> Jeu:
    jeu_ = _du_module[1]
    jeu_.page_preparee = ""
    return jeu_


def creer_le_jeu(persona: Callable[[str], Any]) -> Jeu:
    relais = persona("relais")
    engagee = CommunauteFactory()
    EngagementFactory(communaute=engagee, personne=relais)
    return Jeu(
        relais=relais,
        probleme=ProblematiqueFactory(publiee=True),
        a_rejoindre=CommunauteFactory(),
        engagee=engagee,
        interet=CommunauteFactory(interet=True),
        evenement=EvenementFactory(),
        signalement=donnees_valides(referentiel(), relais.pk),
        pacte=pacte_a_signer(relais),
        copil=sessions_du_tableau(persona("copil"), grille_publiee()),
    )


# --- The forms --------------------------------------------------------------------------------

Choix = Callable[[FormulaireHtml], bool]


def avec_champs(*noms: str) -> Choix:
    return lambda f: all(nom in f.champs for nom in noms)


def avec_bouton(nom: str) -> Choix:
    return lambda f: any(b[0] == nom for b in f.boutons)


def avec_champ_finissant_par(fin: str) -> Choix:
    """A form of a page that holds several of the same kind, each with its prefix."""
    return lambda f: any(nom.endswith(fin) for nom in f.champs)


def vers(fin: str) -> Choix:
    return lambda f: f.action.endswith(fin)


def demander_un_code(client: Client, jeu: Jeu) -> None:
    client.post("/comptes/login/code/", {"email": jeu.relais.email})


def creer_un_compte(client: Client, jeu: Jeu) -> None:
    client.post(
        "/comptes/signup/",
        {"email": "nouvelle@exemple.fr", "password1": MOT_DE_PASSE, "password2": MOT_DE_PASSE},
    )


def ouvrir_le_lien_de_reinitialisation(client: Client, jeu: Jeu) -> str:
    """The reset link of relais's e-mail: it stores the key in the session and redirects to
    the page where the new password is typed."""
    cle = default_token_generator.make_token(jeu.relais)
    reponse = client.get(f"/comptes/password/reset/key/{user_pk_to_url_str(jeu.relais)}-{cle}/")
    assert reponse.status_code == 302
    return str(reponse["Location"])


@dataclass(frozen=True)
class Cas:
    persona: str
    page: Callable[[Jeu], str]
    choix: Choix
    # What a person would have typed right, over what the page holds.
    base: Callable[[Jeu], dict[str, Any]] = lambda jeu: {}
    # Done once before the page is read (a code asked for, an account created…).
    preparer: Callable[[Client, Jeu], Any] | None = None
    # The form classes behind it (for the check that every form of ours has a row).
    classes: tuple[str, ...] = ()
    methode: str = "post"
    epargner: frozenset[str] = field(default_factory=frozenset)


def _coordination() -> Personne:
    return Personne.objects.get(email="coordination@tilab.test")


def deuxieme_adresse(client: Client, jeu: Jeu) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=jeu.relais, email="deuxieme@exemple.fr", verified=False)


def theorie_a_commenter(client: Client, jeu: Jeu) -> str:
    from tests.gouvernance.aide_textes import theorie_en_consultation

    return theorie_en_consultation(_coordination()).get_absolute_url()


def commentaire_a_repondre(client: Client, jeu: Jeu) -> str:
    from gouvernance.services.consultation import commentaire_ajouter
    from tests.gouvernance.aide_textes import theorie_en_consultation

    version = theorie_en_consultation(_coordination())
    commentaire_ajouter(par=jeu.relais, version=version, texte="Une question ?")
    return version.get_absolute_url()


def theorie_a_examiner(client: Client, jeu: Jeu) -> str:
    from tests.gouvernance.aide_textes import theorie_publiee

    return theorie_publiee(_coordination()).get_absolute_url()


def deux_versions(client: Client, jeu: Jeu) -> str:
    from tests.gouvernance.aide_textes import grille_publiee, theorie_publiee

    theorie_publiee(_coordination())
    theorie_publiee(_coordination(), "Une autre version.")
    grille_publiee(_coordination())
    grille_publiee(_coordination())
    return ""


def _page_de_documentation(statut: str, suite: str = "") -> Callable[[Client, Jeu], str]:
    """A documentation page in ``statut``, made before the page is read; its address."""

    def preparer(client: Client, jeu: Jeu) -> str:
        from tests.documentation.factories import une_page

        return une_page(statut=statut).get_absolute_url() + suite

    return preparer


def _slug(attribut: str, suite: str = "") -> Callable[[Jeu], str]:
    return lambda jeu: getattr(jeu, attribut).get_absolute_url() + suite


CAS: dict[str, Cas] = {
    # --- Problems
    "signaler": Cas(
        "relais",
        lambda jeu: "/problematiques/signaler/",
        avec_champs("titre", "constat"),
        base=lambda jeu: jeu.signalement,
        classes=("SignalementForm",),
    ),
    "nous_aussi": Cas(
        "relais",
        _slug("probleme"),
        avec_champs("precisions"),
        base=lambda jeu: {"expertise_offerte": Expertise.AGENT_TERRAIN},
        classes=("SoutienForm",),
    ),
    "liste_des_problematiques": Cas(
        "anonyme", lambda jeu: "/problematiques/", avec_champs("q", "tri"), methode="get"
    ),
    # --- Communities, commitments, maturity
    "liste_des_communautes": Cas(
        "anonyme", lambda jeu: "/communautes/", avec_champs("type", "etat"), methode="get"
    ),
    "rejoindre": Cas(
        "relais",
        _slug("a_rejoindre", "rejoindre/"),
        avec_champs("heures_par_mois"),
        base=lambda jeu: {"expertise": Expertise.AGENT_TERRAIN, "heures_par_mois": "2"},
        classes=("RejoindreForm",),
    ),
    "prolonger": Cas(
        "relais", _slug("engagee", "prolonger/"), avec_champs("fin"), classes=("ProlongerForm",)
    ),
    "quitter": Cas("relais", _slug("engagee"), vers("/quitter/")),
    "constituer": Cas(
        "coordination",
        lambda jeu: f"/problematiques/{jeu.probleme.slug}/constituer-la-communaute/",
        avec_champs("nom", "objet", "animateur"),
        classes=("ConstitutionForm",),
    ),
    "territoire_volontaire": Cas(
        "coordination",
        lambda jeu: f"/problematiques/{jeu.interet.problematique.slug}/maturite/territoire/",
        avec_champs("territoire", "note"),
        base=lambda jeu: {
            "territoire": str(territoires_possibles(jeu.interet).values_list("pk", flat=True)[0]),
            "note": "Délibération du conseil communautaire du 3 mars.",
        },
        classes=("TerritoireVolontaireForm",),
    ),
    "derogation": Cas(
        "direction",
        lambda jeu: f"/problematiques/{jeu.interet.problematique.slug}/maturite/derogation/",
        avec_champs("motif"),
        base=lambda jeu: {"motif": "Le territoire s'est engagé par courrier."},
        classes=("DerogationForm",),
    ),
    # --- Experiments and pacts
    "liste_des_experimentations": Cas(
        "anonyme",
        lambda jeu: "/experimentations/",
        avec_champs("etat", "coordination", "annee"),
        methode="get",
    ),
    "liste_des_pactes": Cas(
        "anonyme", lambda jeu: "/experimentations/pactes/", avec_champs("etat"), methode="get"
    ),
    "signer_un_pacte": Cas(
        "relais",
        lambda jeu: f"/experimentations/pactes/{jeu.pacte.numero}/signer/",
        avec_champs("confirmation"),
        base=lambda jeu: {"confirmation": "on"},
        classes=("SignatureForm",),
    ),
    # --- Governance: the texts' consultations and comparisons
    "commenter_la_theorie": Cas(
        "relais",
        lambda jeu: jeu.page_preparee,
        avec_champs("texte", "paragraphe"),
        base=lambda jeu: {"texte": "Le deuxième paragraphe oublie les usagers."},
        preparer=theorie_a_commenter,
        classes=("CommentaireForm",),
    ),
    "repondre_a_un_commentaire": Cas(
        "coordination",
        lambda jeu: jeu.page_preparee,
        vers("/repondre/"),
        base=lambda jeu: {},
        preparer=commentaire_a_repondre,
        classes=("ReponseForm",),
    ),
    "avis_du_codir": Cas(
        "codir",
        lambda jeu: jeu.page_preparee,
        vers("/avis-codir/"),
        base=lambda jeu: {
            "avis-valide": "oui",
            "avis-le": "12/11/2026",
            "avis-motifs": "Conforme au cadre triennal.",
        },
        preparer=theorie_a_examiner,
        classes=("AvisCodirForm",),
    ),
    "comparer_la_theorie": Cas(
        "anonyme",
        lambda jeu: "/gouvernance/theorie/comparer/",
        avec_champs("de", "a"),
        preparer=deux_versions,
        methode="get",
        classes=("ComparaisonForm",),
    ),
    "comparer_la_grille": Cas(
        "anonyme",
        lambda jeu: "/gouvernance/grille/comparer/",
        avec_champs("de", "a"),
        preparer=deux_versions,
        methode="get",
    ),
    # --- COPIL sessions: the « copil » persona sits in and chairs them
    "voter": Cas(
        "copil",
        lambda jeu: page_candidature(jeu.copil.candidature),
        avec_champ_finissant_par("-avis"),
        base=lambda jeu: {f"vote-{jeu.copil.candidature.pk}-avis": "retenir"},
        classes=("VoteForm",),
    ),
    "s_abstenir": Cas(
        "copil",
        lambda jeu: page_candidature(jeu.copil.candidature),
        avec_champ_finissant_par("-declaration"),
        base=lambda jeu: {
            f"abstention-{jeu.copil.candidature.pk}-declaration": "Elle finance le projet."
        },
        classes=("AbstentionForm",),
    ),
    "decider": Cas(
        "copil",
        lambda jeu: page_candidature(jeu.copil.a_decider),
        avec_champ_finissant_par("-motifs"),
        base=lambda jeu: {
            f"decision-{jeu.copil.a_decider.pk}-decision": "retenue",
            f"decision-{jeu.copil.a_decider.pk}-motifs": "Le terrain la porte.",
        },
        classes=("DecisionForm",),
    ),
    "rectifier": Cas(
        "copil",
        lambda jeu: page_candidature(jeu.copil.decision.candidature),
        avec_champ_finissant_par("-texte"),
        base=lambda jeu: {
            f"rectification-{jeu.copil.decision.candidature_id}-texte": "La date était fausse."
        },
        classes=("RectificationForm",),
    ),
    # --- Documentation
    "liste_de_la_documentation": Cas(
        "anonyme", lambda jeu: "/documentation/", avec_champs("q", "sorte"), methode="get"
    ),
    "ecrire_une_page": Cas(
        "documentation",
        lambda jeu: "/documentation/nouvelle/?sans-projet=1",
        avec_champs("titre", "corps"),
        base=lambda jeu: {"titre": "Un guide du covoiturage", "sorte": "guide"},
        classes=("PageForm",),
    ),
    # The editor of a page; its attachment form (a file field only, which a browser's form
    # cannot be fed generated text into) is tested with forged and oversize files in
    # tests/documentation/test_pages_ecriture.py.
    "modifier_une_page": Cas(
        "documentation",
        lambda jeu: jeu.page_preparee,
        avec_champs("titre", "corps", "note"),
        preparer=_page_de_documentation("brouillon", "modifier/"),
        classes=("PageForm", "PieceJointeForm"),
    ),
    "commenter_une_page": Cas(
        "documentation",
        lambda jeu: jeu.page_preparee,
        vers("/commenter/"),
        base=lambda jeu: {"texte": "Ajoutez un contact."},
        preparer=_page_de_documentation("en_relecture"),
        classes=("CommentaireForm",),
    ),
    "archiver_une_page": Cas(
        "documentation",
        lambda jeu: jeu.page_preparee,
        vers("/archiver/"),
        preparer=_page_de_documentation("publiee"),
        classes=("ArchivageForm",),
    ),
    "declarer_une_reutilisation": Cas(
        "relais",
        lambda jeu: jeu.page_preparee,
        vers("/reutiliser/"),
        base=lambda jeu: {"ou": "Commune de Plouha", "comment": "Repris pour le marché."},
        preparer=_page_de_documentation("publiee"),
    ),
    # --- Events
    "inscription": Cas("relais", _slug("evenement"), vers("/inscription/")),
    # --- One's own account
    "profil": Cas(
        "relais",
        lambda jeu: "/comptes/profil/",
        avec_champs("first_name", "last_name"),
        classes=("ProfilForm",),
    ),
    "supprimer_son_compte": Cas(
        "relais",
        lambda jeu: "/comptes/supprimer/",
        avec_champs("confirmation"),
        base=lambda jeu: {"confirmation": jeu.relais.email},
        classes=("SuppressionCompteForm",),
    ),
    # --- allauth, under /comptes/
    "creer_un_compte": Cas(
        "anonyme",
        lambda jeu: "/comptes/signup/",
        avec_champs("email", "password1"),
        base=lambda jeu: {
            "email": "nouvelle@exemple.fr",
            "password1": NOUVEAU_MOT_DE_PASSE,
            "password2": NOUVEAU_MOT_DE_PASSE,
        },
    ),
    "code_de_verification": Cas(
        "anonyme",
        lambda jeu: "/comptes/confirm-email/",
        avec_champs("code"),
        preparer=creer_un_compte,
    ),
    "connexion": Cas(
        "anonyme",
        lambda jeu: "/comptes/login/",
        avec_champs("login", "password"),
        base=lambda jeu: {"login": jeu.relais.email, "password": MOT_DE_PASSE},
    ),
    "demander_un_code": Cas(
        "anonyme",
        lambda jeu: "/comptes/login/code/",
        avec_champs("email"),
        base=lambda jeu: {"email": jeu.relais.email},
    ),
    "code_de_connexion": Cas(
        "anonyme",
        lambda jeu: "/comptes/login/code/confirm/",
        avec_champs("code"),
        preparer=demander_un_code,
    ),
    "mot_de_passe_oublie": Cas(
        "anonyme",
        lambda jeu: "/comptes/password/reset/",
        avec_champs("email"),
        base=lambda jeu: {"email": jeu.relais.email},
    ),
    "nouveau_mot_de_passe": Cas(
        "anonyme",
        lambda jeu: jeu.page_preparee,
        avec_champs("password1", "password2"),
        base=lambda jeu: {"password1": NOUVEAU_MOT_DE_PASSE, "password2": NOUVEAU_MOT_DE_PASSE},
        preparer=ouvrir_le_lien_de_reinitialisation,
    ),
    "ajouter_une_adresse": Cas(
        "relais",
        lambda jeu: "/comptes/email/",
        avec_bouton("action_add"),
        base=lambda jeu: {"email": "autre-adresse@exemple.fr"},
    ),
    "gerer_ses_adresses": Cas(
        "relais",
        lambda jeu: "/comptes/email/",
        avec_bouton("action_remove"),
        base=lambda jeu: {"action_send": ""},
        # With one address the page only shows it: the choice comes with a second one.
        preparer=deuxieme_adresse,
    ),
    "changer_de_mot_de_passe": Cas(
        "relais",
        lambda jeu: "/comptes/password/change/",
        avec_champs("oldpassword", "password1"),
        base=lambda jeu: {
            "oldpassword": MOT_DE_PASSE,
            "password1": NOUVEAU_MOT_DE_PASSE,
            "password2": NOUVEAU_MOT_DE_PASSE,
        },
    ),
    "se_reauthentifier": Cas(
        "relais",
        lambda jeu: "/comptes/reauthenticate/",
        avec_champs("password"),
        base=lambda jeu: {"password": MOT_DE_PASSE},
    ),
    "se_deconnecter": Cas("relais", lambda jeu: "/comptes/logout/", vers("/comptes/logout/")),
}


# Who fills the forms in, and the Coordination, who writes the governance texts to comment.
PERSONNES = sorted({cas.persona for cas in CAS.values()} - {"anonyme"} | {"coordination"})


def ouvrir(cas: Cas, jeu: Jeu, client: Client) -> tuple[str, dict[str, Any], FormulaireHtml]:
    """Where the form of ``cas`` posts, what a person would send, and the form as read."""
    if cas.preparer is not None:
        jeu.page_preparee = cas.preparer(client, jeu) or ""
    page = cas.page(jeu)
    reponse = client.get(page)
    assert reponse.status_code == 200, f"{page} : {reponse.status_code}"
    trouves = [f for f in formulaires(reponse.content.decode()) if cas.choix(f)]
    assert trouves, f"{page} : formulaire introuvable"
    formulaire = trouves[0]
    return formulaire.envoi(page), appliquer(formulaire.donnees, cas.base(jeu)), formulaire


@pytest.mark.parametrize("nom", list(CAS))
def test_a_form_answers_bad_input_with_its_errors_or_a_clean_success(nom, jeu, client_partage_de):
    cas = CAS[nom]
    client = client_partage_de(cas.persona)
    adresse, base, formulaire = ouvrir(cas, jeu, client)
    genres = genres_des_champs(formulaire)
    balayeuse = Balayeuse(client)

    @given(saisies=saisies_mauvaises(formulaire, epargner=cas.epargner))
    def verifier(saisies):
        donnees = appliquer(base, saisies)
        ecarts = balayeuse.envoyer(adresse, donnees, genres, methode=cas.methode)
        assert not ecarts, f"{adresse} avec {decrire(saisies)} :\n  " + "\n  ".join(ecarts)

    verifier()


# The one-line names and titles people type in the site's forms.
NOMS_ET_TITRES = [
    ("signaler", "titre"),
    ("constituer", "nom"),
    ("profil", "first_name"),
    ("profil", "last_name"),
    ("profil", "fonction"),
]


@pytest.mark.parametrize(("nom", "champ"), NOMS_ET_TITRES)
def test_a_name_is_stored_without_bidirectional_controls(nom, champ, jeu, client_partage_de):
    # U+202E shows "Atelier SAP de Brest" as "Atelier PAS de Brest", and worse in a list.
    cas = CAS[nom]
    client = client_partage_de(cas.persona)
    adresse, base, formulaire = ouvrir(cas, jeu, client)
    donnees = base | {champ: "Atelier \u202eSAP\u202c de Brest"}

    ecarts = Balayeuse(client).envoyer(
        adresse,
        donnees,
        genres_des_champs(formulaire),
        apres=lambda reponse: [f"enregistré : {t}" for t in caracteres_enregistres(bidi=True)],
    )

    assert ecarts == []


# Texts people type, on one line or several: one of each kind of form (every text field of
# the site's forms stores them today).
TEXTES = [
    ("profil", "first_name"),
    ("signaler", "constat"),
    ("derogation", "motif"),
    ("territoire_volontaire", "note"),
]


@pytest.mark.parametrize(("nom", "champ"), TEXTES)
def test_a_text_is_stored_without_control_characters(nom, champ, jeu, client_partage_de):
    # No keyboard types them; pasted from a PDF or sent by a script, they end up invisible on
    # the page and make calendar files and e-mails invalid.
    cas = CAS[nom]
    client = client_partage_de(cas.persona)
    adresse, base, formulaire = ouvrir(cas, jeu, client)
    texte = "Délibération\x08 du conseil\x1b du 3 mars, une centaine de personnes\x07."
    donnees = base | {champ: texte}

    ecarts = Balayeuse(client).envoyer(
        adresse,
        donnees,
        genres_des_champs(formulaire),
        apres=lambda reponse: [f"enregistré : {t}" for t in caracteres_enregistres()],
    )

    assert ecarts == []


# --- No form left out -------------------------------------------------------------------------


def formulaires_du_projet() -> set[str]:
    """The form classes of the project's apps: every module of each app's ``forms`` (a module
    or a package). The admin's forms are swept through the admin."""
    noms: set[str] = set()
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)) or "site-packages" in config.path:
            continue
        try:
            paquet = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        modules = [paquet.__name__]
        if hasattr(paquet, "__path__"):
            prefixe = f"{paquet.__name__}."
            modules += [m.name for m in pkgutil.iter_modules(paquet.__path__, prefixe)]
        for nom_module in modules:
            module = importlib.import_module(nom_module)
            for nom, objet in inspect.getmembers(module, inspect.isclass):
                if issubclass(objet, forms.BaseForm) and objet.__module__ == nom_module:
                    noms.add(nom)
    return noms


def test_every_form_of_the_project_has_a_row():
    balayes = {classe for cas in CAS.values() for classe in cas.classes}
    assert formulaires_du_projet() - balayes == set(), "ajoutez une ligne à CAS"
