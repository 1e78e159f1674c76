"""The back office fed generated bad input (issue 9): every list's filters, date hierarchy and
search, every autocomplete, every add and change form, the steps of a problem and the state of
a community.

Everything is read from ``admin.site._registry``: a model registered tomorrow is swept with
the others. Its example object comes from the table of ``tests/test_roles_urls.py``
(``ADMIN_MODELES``), which a new admin must fill in anyway. Each page is opened by a member of
the cast who may use it (the Direction), or by a superuser where no role may (groups, e-mail
addresses, tasks).

A list answers bad filters as Django answers any filter it cannot apply: back to the list
without them (``?e=1``), with a message; never a server error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any, cast

import pytest
from django.contrib import admin
from django.contrib.admin.options import ModelAdmin
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from experimentations.models import StatutPacte
from problematiques import services
from problematiques.admin import ETAPES
from problematiques.models import Statut
from tests.conftest import PERSONAS, REGLAGES_DES_TESTS, contraintes_verifiees, make_persona
from tests.experimentations.factories import (
    EngagementPacteFactory,
    PacteFactory,
    SignataireFactory,
)
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory
from tests.saisies import (
    STATUTS_ADMIS,
    Balayeuse,
    FormulaireHtml,
    appliquer,
    decrire,
    formulaires,
    genres_des_champs,
    saisies_mauvaises,
    valeur_mauvaise,
)
from tests.test_roles_urls import ADMIN_MODELES, Donnees, creer_donnees
from tilab.comptes.models import Personne

pytestmark = pytest.mark.django_db

# The widest sweeps, of every list and every add and change form (some seventy pages, all
# drawn by Django's admin from the same code), take half the profile's examples for each page
# (5 in the everyday profile, 75 with HYPOTHESIS_PROFILE=fouille); the steps, states and
# passwords swept below, each its own code, take them all.
EXEMPLES = settings(max_examples=max(1, settings().max_examples // 2))

MODELES = {
    f"{modele._meta.app_label}.{modele._meta.model_name}": model_admin
    for modele, model_admin in admin.site._registry.items()
}


def _peut(model_admin: ModelAdmin[Any], personne: Personne, action: str, objet: Any = None) -> bool:
    requete = RequestFactory().get("/admin/")
    requete.user = personne
    if action == "add":
        return bool(model_admin.has_add_permission(requete))
    if action == "view":
        return bool(model_admin.has_view_permission(requete, objet))
    return bool(model_admin.has_change_permission(requete, objet))


@pytest.fixture(scope="module")
def _du_module(django_db_setup, django_db_blocker) -> Iterator[tuple[dict[str, Any], Donnees]]:
    """The cast, a superuser and the rows of tests/test_roles_urls.py, made once for the whole
    sweep: each test runs in its own savepoint inside the transaction that holds them, rolled
    back after it, as each example is inside the test."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Made before each test's own settings: the same ones (its passwords' hasher).
        with override_settings(**REGLAGES_DES_TESTS):
            personnes: dict[str, Any] = {nom: make_persona(nom) for nom in PERSONAS}
            personnes["super"] = PersonneFactory(
                email="super@tilab.test", is_staff=True, is_superuser=True
            )
            donnees_ = creer_donnees(personnes.__getitem__)
        contraintes_verifiees()
        yield personnes, donnees_
        transaction.set_rollback(True)


@pytest.fixture
def persona(_du_module, db) -> Callable[[str], Any]:
    # As the database has them: logging in changes the instance's last login.
    for personne in _du_module[0].values():
        personne.refresh_from_db()
    return _du_module[0].__getitem__


@pytest.fixture
def donnees(_du_module, persona) -> Donnees:
    return _du_module[1]


@pytest.fixture
def super_utilisateur(_du_module, persona) -> Personne:
    return cast(Personne, _du_module[0]["super"])


@pytest.fixture
def client_du_back_office(client_partage_de, persona, super_utilisateur):
    """The shared client, logged in as the Direction when it may ``action`` on the model, as the
    Documentation role when it alone may (a documentation page's text), as a superuser
    otherwise; ``None`` when nobody may (a read-only list has no add form)."""

    def get(model_admin: ModelAdmin[Any], action: str, objet: Any = None) -> Client | None:
        for qui in (persona("direction"), persona("documentation"), super_utilisateur):
            if _peut(model_admin, qui, action, objet):
                client = client_partage_de("anonyme")
                client.force_login(qui)
                return client
        return None

    return get


def _url(model_admin: ModelAdmin[Any], page: str, *args: Any) -> str:
    opts = model_admin.opts
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)


def _exemple(cle: str, donnees: Donnees) -> Any:
    assert cle in ADMIN_MODELES, f"{cle} : ajoutez-le à ADMIN_MODELES (tests/test_roles_urls.py)"
    return attrgetter(ADMIN_MODELES[cle].exemple)(donnees)


# --- Lists: filters, date hierarchy, search, ordering, pages ------------------------------------


def parametres_de_la_liste(reponse: Any, model_admin: ModelAdmin[Any]) -> list[str]:
    """Every parameter the list reads, from the list itself: its filters' (whatever their
    kind), its date hierarchy's, its search's, its ordering's and its pages'."""
    changelist = reponse.context["cl"]
    noms = ["o", "p"]
    for spec in changelist.filter_specs:
        noms += spec.expected_parameters()
    if changelist.date_hierarchy:
        noms += [f"{changelist.date_hierarchy}__{partie}" for partie in ("year", "month", "day")]
    if model_admin.search_fields:
        noms.append("q")
    return sorted(set(noms))


def _genre_du_parametre(nom: str) -> str:
    if nom.endswith(("__year", "__month", "__day", "__id__exact", "__exact")) or nom in "op":
        return "nombre"
    return "texte"


@pytest.mark.parametrize("cle", sorted(MODELES))
def test_a_list_answers_bad_filters_without_a_server_error(cle, donnees, client_du_back_office):
    model_admin = MODELES[cle]
    client = client_du_back_office(model_admin, "view")
    liste = _url(model_admin, "changelist")
    reponse = client.get(liste)
    assert reponse.status_code == 200
    noms = parametres_de_la_liste(reponse, model_admin)
    balayeuse = Balayeuse(client)

    parametres = st.lists(st.sampled_from(noms), min_size=1, max_size=3, unique=True).flatmap(
        lambda choisis: st.fixed_dictionaries(
            {nom: valeur_mauvaise(_genre_du_parametre(nom)) for nom in choisis}
        )
    )

    @EXEMPLES
    @given(saisies=parametres)
    def verifier(saisies):
        donnees_get = appliquer({}, saisies)
        ecarts = balayeuse.envoyer(liste, donnees_get, {}, methode="get")
        assert not ecarts, f"{liste} avec {decrire(saisies)} :\n  " + "\n  ".join(ecarts)

    verifier()


def champs_autocompletes() -> list[tuple[str, str]]:
    return sorted(
        (cle, champ)
        for cle, model_admin in MODELES.items()
        for champ in model_admin.autocomplete_fields
    )


@pytest.mark.parametrize(("cle", "champ"), champs_autocompletes())
def test_an_autocomplete_answers_any_search(cle, champ, donnees, client_du_back_office):
    model_admin = MODELES[cle]
    # Where the field is used: on the example's change page, or on the add page when nobody
    # changes the example (a proposed pact is read only).
    client = client_du_back_office(
        model_admin, "change", _exemple(cle, donnees)
    ) or client_du_back_office(model_admin, "add")
    opts = model_admin.opts
    base = {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": champ}
    balayeuse = Balayeuse(client)

    @EXEMPLES
    @given(terme=valeur_mauvaise("texte"), page=st.none() | valeur_mauvaise("nombre"))
    def verifier(terme, page):
        saisies = {"term": terme} | ({} if page is None else {"page": page})
        requete = appliquer({k: [v] for k, v in base.items()}, saisies)
        # A JSON view: a page past the end is a 404, as for any list Django pages.
        ecarts = balayeuse.envoyer(
            "/admin/autocomplete/", requete, {}, methode="get", statuts=STATUTS_ADMIS | {404}
        )
        assert not ecarts, f"autocomplete {cle}.{champ} avec {decrire(saisies)} :\n  " + (
            "\n  ".join(ecarts)
        )

    verifier()


# --- Forms --------------------------------------------------------------------------------------


def _balayer(
    client: Client, page: str, formulaire: FormulaireHtml, reglages: settings | None = None
) -> None:
    """Sweep ``formulaire`` of ``page``, with the profile's number of examples unless
    ``reglages`` says otherwise."""
    adresse = formulaire.envoi(page)
    genres = genres_des_champs(formulaire)
    balayeuse = Balayeuse(client)

    @given(saisies=saisies_mauvaises(formulaire))
    def verifier(saisies):
        donnees_post = appliquer(formulaire.donnees, saisies)
        ecarts = balayeuse.envoyer(adresse, donnees_post, genres)
        assert not ecarts, f"{adresse} avec {decrire(saisies)} :\n  " + "\n  ".join(ecarts)

    (verifier if reglages is None else reglages(verifier))()


def _formulaire_du_modele(html: str, model_admin: ModelAdmin[Any]) -> FormulaireHtml:
    identifiant = f"{model_admin.opts.model_name}_form"
    trouves = [f for f in formulaires(html) if f.attributs.get("id") == identifiant]
    assert trouves, f"pas de formulaire #{identifiant}"
    return trouves[0]


FORMULAIRES_DES_MODELES = [(cle, page) for cle in sorted(MODELES) for page in ("add", "change")]


@pytest.mark.parametrize(("cle", "page"), FORMULAIRES_DES_MODELES)
def test_an_admin_form_answers_bad_input_with_its_errors_or_a_clean_success(
    cle, page, donnees, client_du_back_office
):
    model_admin = MODELES[cle]
    objet = _exemple(cle, donnees) if page == "change" else None
    client = client_du_back_office(model_admin, page, objet)
    if client is None:
        pytest.skip(f"personne ne peut {page} {cle} : pas de formulaire")
    adresse = _url(model_admin, page, *([objet.pk] if objet is not None else []))
    reponse = client.get(adresse)
    assert reponse.status_code == 200
    _balayer(
        client, adresse, _formulaire_du_modele(reponse.content.decode(), model_admin), EXEMPLES
    )


@pytest.mark.parametrize("cle", sorted(ETAPES))
def test_a_problem_step_answers_bad_input_with_its_errors(cle, client_du_back_office):
    model_admin = MODELES["problematiques.problematique"]
    for statut in (Statut.SOUMISE, Statut.EN_QUALIFICATION, Statut.OUVERTE):
        probleme = ProblematiqueFactory(statut=statut)
        if ETAPES[cle][0] in services.transitions_possibles(probleme):
            break
    else:
        pytest.fail(f"aucun état ne propose l'étape {cle}")
    ProblematiqueFactory(publiee=True)  # somewhere to merge into
    client = client_du_back_office(model_admin, "change", probleme)
    page = _url(model_admin, "change", probleme.pk)
    html = client.get(page).content.decode()
    trouves = [f for f in formulaires(html) if f.action.endswith(f"/etape/{cle}/")]
    assert trouves, f"pas de formulaire pour l'étape {cle}"
    _balayer(client, page, trouves[0])


def test_the_state_form_of_a_community_answers_bad_input(donnees, client_du_back_office):
    model_admin = MODELES["communautes.communaute"]
    client = client_du_back_office(model_admin, "change", donnees.communaute)
    page = _url(model_admin, "change", donnees.communaute.pk)
    html = client.get(page).content.decode()
    trouves = [f for f in formulaires(html) if f.action.endswith("/statut/")]
    assert trouves
    _balayer(client, page, trouves[0])


def test_the_state_form_of_an_experiment_answers_bad_input(donnees, client_du_back_office):
    model_admin = MODELES["experimentations.experimentation"]
    client = client_du_back_office(model_admin, "change", donnees.experimentation)
    page = _url(model_admin, "change", donnees.experimentation.pk)
    html = client.get(page).content.decode()
    trouves = [f for f in formulaires(html) if f.action.endswith("/statut/")]
    assert trouves
    _balayer(client, page, trouves[0])


@pytest.mark.parametrize("statut", [StatutPacte.BROUILLON, StatutPacte.SIGNE])
def test_the_steps_of_a_pact_answer_bad_input(statut, donnees, client_du_back_office):
    model_admin = MODELES["experimentations.pacte"]
    pacte = PacteFactory(experimentation=donnees.experimentation, statut=statut)
    SignataireFactory(pacte=pacte)
    client = client_du_back_office(model_admin, "add")
    page = _url(model_admin, "change", pacte.pk)
    html = client.get(page).content.decode()
    trouves = [f for f in formulaires(html) if "/etape/" in f.action]
    assert trouves
    for formulaire in trouves:
        _balayer(client, page, formulaire)


def test_the_draft_of_a_pact_answers_bad_input(donnees, client_du_back_office):
    # The example of the table is proposed, hence read only: its draft is swept here.
    model_admin = MODELES["experimentations.pacte"]
    pacte = PacteFactory(experimentation=donnees.experimentation)
    EngagementPacteFactory(pacte=pacte)
    SignataireFactory(pacte=pacte)
    client = client_du_back_office(model_admin, "change", pacte)
    page = _url(model_admin, "change", pacte.pk)
    reponse = client.get(page)
    assert reponse.status_code == 200
    _balayer(client, page, _formulaire_du_modele(reponse.content.decode(), model_admin))


@pytest.mark.parametrize("qui", ["soi", "autrui"])
def test_the_admin_password_forms_answer_bad_input(qui, donnees, client_du_back_office):
    model_admin = MODELES["comptes.personne"]
    client = client_du_back_office(model_admin, "change", donnees.relais)
    if qui == "soi":
        page = reverse("admin:password_change")
    else:
        page = reverse("admin:auth_user_password_change", args=[donnees.relais.pk])
    html = client.get(page).content.decode()
    trouves = [f for f in formulaires(html) if {"password1", "new_password1"} & set(f.champs)]
    assert trouves
    _balayer(client, page, trouves[0])


def test_a_list_action_answers_bad_selections(donnees, client_du_back_office):
    model_admin = MODELES["problematiques.problematique"]
    client = client_du_back_office(model_admin, "change", donnees.probleme)
    page = _url(model_admin, "changelist")
    html = client.get(page).content.decode()
    trouves = [f for f in formulaires(html) if f.attributs.get("id") == "changelist-form"]
    assert trouves
    _balayer(client, page, trouves[0])
