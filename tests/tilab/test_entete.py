"""The header: the sections in the order of the lifecycle, the current one marked on every page
below it, and one account menu that names the person and opens their spaces."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import PersonneFactory
from tests.tilab.test_pages import outline

SECTIONS = [
    ("/problematiques/", "Problématiques"),
    ("/communautes/", "Communautés"),
    ("/evenements/", "Événements"),
    ("/experimentations/", "Expérimentations"),
    ("/gouvernance/", "Gouvernance"),
    ("/documentation/", "Documentation"),
]

# Pages of each section, its detail pages and the pages under them included, built from the
# URL names so that a path that moves out of its section fails here.
PAGES_DES_RUBRIQUES = [
    ("problematiques:index", {}, "Problématiques"),
    ("problematiques:detail", {"slug": "bus-des-hameaux"}, "Problématiques"),
    ("problematiques:signaler", {}, "Problématiques"),
    ("problematiques:mes_remontees", {}, "Problématiques"),
    # Declared by the communautes app, but under a problem's page.
    ("communautes:constituer_communaute", {"slug": "bus-des-hameaux"}, "Problématiques"),
    ("communautes:index", {}, "Communautés"),
    ("communautes:detail", {"slug": "mobilites"}, "Communautés"),
    ("communautes:mes_engagements", {}, "Communautés"),
    ("evenements:index", {}, "Événements"),
    ("evenements:detail", {"slug": "rencontre-regionale"}, "Événements"),
    ("evenements:inscriptions", {"slug": "rencontre-regionale"}, "Événements"),
    ("experimentations:index", {}, "Expérimentations"),
    ("experimentations:detail", {"slug": "transport-solidaire"}, "Expérimentations"),
    ("experimentations:pacte", {"numero": 3}, "Expérimentations"),
    ("experimentations:mes_pactes", {}, "Expérimentations"),
    ("gouvernance:index", {}, "Gouvernance"),
    ("gouvernance:sessions", {}, "Gouvernance"),
    ("gouvernance:session", {"slug": "copil-de-mars"}, "Gouvernance"),
    ("gouvernance:grille_version", {"numero": 2}, "Gouvernance"),
    ("gouvernance:decisions", {}, "Gouvernance"),
    ("documentation:index", {}, "Documentation"),
    ("documentation:page", {"slug": "guide-du-transport"}, "Documentation"),
    ("documentation:historique", {"slug": "guide-du-transport"}, "Documentation"),
    ("documentation:mes_pages", {}, "Documentation"),
]

# Pages of no section: nothing is marked.
PAGES_HORS_RUBRIQUE = [
    "/",
    "/recherche/",
    "/donnees/",
    "/accessibilite/",
    "/comptes/login/",
    "/comptes/profil/",
    "/comptes/email/",
    "/evenements.ics",
    "/admin/",
]

NAVIGATION = Template(
    "{% load frame %}{% main_navigation as sections %}"
    "{% for s in sections %}{{ s.label }}={{ s.current }};{% endfor %}"
)


def marques(path: str | None) -> dict[str, str]:
    """The sections of the navigation marked on the page at ``path``, with their value."""
    request = None if path is None else RequestFactory().get(path)
    rendu = NAVIGATION.render(Context({"request": request}))
    paires = (item.split("=") for item in rendu.split(";") if item)
    return {libelle: valeur for libelle, valeur in paires if valeur}


def test_the_sections_follow_the_lifecycle_events_included():
    request = RequestFactory().get("/")
    rendu = NAVIGATION.render(Context({"request": request}))

    assert [item.split("=")[0] for item in rendu.split(";") if item] == [
        libelle for _, libelle in SECTIONS
    ]


@pytest.mark.parametrize(("nom", "arguments", "rubrique"), PAGES_DES_RUBRIQUES)
def test_every_page_of_a_section_marks_that_section_and_no_other(nom, arguments, rubrique):
    chemin = reverse(nom, kwargs=arguments)
    attendu = "page" if chemin in dict(SECTIONS) else "true"

    assert marques(chemin) == {rubrique: attendu}, chemin


@pytest.mark.parametrize("chemin", PAGES_HORS_RUBRIQUE)
def test_a_page_of_no_section_marks_none(chemin):
    assert marques(chemin) == {}


def test_a_page_rendered_without_a_request_marks_none():
    # The 500 page.
    assert marques(None) == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "chemin", ["/evenements/", "/gouvernance/copil/", "/documentation/une-page-inconnue/"]
)
def test_the_served_page_marks_its_section_in_the_main_navigation(client, chemin):
    page = outline(client.get(chemin).content.decode())

    marques_servies = [
        (a["href"], a["aria-current"])
        for a, _ in page.links
        if "main-nav__link" in (a.get("class") or "") and a.get("aria-current")
    ]
    rubrique = next(url for url, _ in SECTIONS if chemin.startswith(url))
    assert marques_servies == [(rubrique, "page" if chemin == rubrique else "true")]


# --- The account menu ----------------------------------------------------------------------

ESPACES = [
    ("/comptes/profil/", "Mon profil"),
    ("/problematiques/mes-remontees/", "Mes remontées"),
    ("/communautes/mes-engagements/", "Mes engagements"),
    ("/evenements/mes-inscriptions/", "Mes inscriptions"),
    ("/experimentations/pactes/mes-pactes/", "Mes pactes"),
    ("/documentation/mes-pages/", "Mes pages de documentation"),
]


def menu_du_compte(html: str) -> str:
    """The header's account menu: the landmark named « Espace personnel »."""
    trouve = re.search(
        r'<nav class="account-nav" aria-label="Espace personnel">.*?</nav>', html, re.S
    )
    assert trouve, "the header has an account menu"
    return trouve.group(0)


def liens(html: str) -> list[tuple[str | None, str]]:
    return [(a["href"], texte) for a, texte in outline(html).links]


@pytest.mark.django_db
def test_anonymous_visitor_is_offered_to_log_in_or_sign_up_and_nothing_else(client):
    menu = menu_du_compte(client.get("/").content.decode())

    assert liens(menu) == [
        ("/comptes/login/", "Se connecter"),
        ("/comptes/signup/", "Créer un compte"),
    ]
    assert "<details" not in menu
    assert "Se déconnecter" not in menu


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "equipe"),
    [
        ("relais", False),
        ("copil", False),
        ("codir", False),
        ("coordination", True),
        ("documentation", True),
    ],
)
def test_signed_in_person_gets_one_menu_named_after_them_with_their_spaces(
    client_de, persona, role, equipe
):
    html = client_de(role).get("/").content.decode()
    menu = menu_du_compte(html)

    # One entry, the person's name, that opens the rest.
    resume = re.findall(r"<summary[^>]*>(.*?)</summary>", menu, re.S)
    assert [re.sub(r"<[^>]+>", "", texte).strip() for texte in resume] == [
        persona(role).get_full_name()
    ]
    attendus = ESPACES + ([("/admin/", "Back-office")] if equipe else [])
    assert liens(menu) == attendus
    # Logging out changes state: a POST form with its token, never a link.
    page = outline(menu)
    assert page.find("form", action="/comptes/logout/", method="post")
    assert re.search(
        r'<form method="post" action="/comptes/logout/">\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken"',
        menu,
    )
    assert re.search(r'<button[^>]*type="submit"[^>]*>Se déconnecter</button>', menu)
    assert "/comptes/logout/" not in [href for href, _ in liens(html)]
    assert "Se connecter" not in menu


@pytest.mark.django_db
def test_the_back_office_link_is_for_the_team_only(client_de):
    assert "/admin/" not in [
        href for href, _ in liens(client_de("relais").get("/").content.decode())
    ]
    assert ("/admin/", "Back-office") in liens(client_de("coordination").get("/").content.decode())


@pytest.mark.django_db
def test_a_person_without_a_name_is_named_by_their_address_before_the_at_sign(client):
    personne = PersonneFactory(first_name="", last_name="", email="gwen.le-goff@exemple.fr")
    client.force_login(personne)

    menu = menu_du_compte(client.get("/").content.decode())

    assert re.search(r"<summary[^>]*>.*gwen\.le-goff.*</summary>", menu, re.S)
    assert "exemple.fr" not in menu


@pytest.mark.django_db
def test_the_space_one_is_on_is_marked_in_the_account_menu(client_de):
    menu = menu_du_compte(
        client_de("relais").get("/problematiques/mes-remontees/").content.decode()
    )

    marques_du_menu = [a["href"] for a, _ in outline(menu).links if a.get("aria-current") == "page"]
    assert marques_du_menu == ["/problematiques/mes-remontees/"]


@pytest.mark.django_db
def test_the_header_menu_and_the_account_pages_menu_have_different_names(client_de):
    html = client_de("relais").get("/comptes/email/").content.decode()
    page = outline(html)

    noms = [nav.get("aria-label") or nav.get("aria-labelledby") for nav in page.find("nav")]
    assert "Espace personnel" in noms
    assert "menu-compte-titre" in noms, "the account pages keep their own « Mon compte » menu"
    assert len(noms) == len(set(noms))


@pytest.mark.django_db
def test_the_menu_folds_under_a_disclosure_that_needs_no_script(client_de):
    html = client_de("relais").get("/").content.decode()

    replie = re.search(
        r'<details class="site-menu">\s*<summary class="site-menu__toggle">Menu</summary>'
        r"(.*?)</details>\s*</div>\s*</header>",
        html,
        re.S,
    )
    assert replie, "the account menu and the sections are inside the « Menu » disclosure"
    assert 'aria-label="Espace personnel"' in replie.group(1)
    assert 'aria-label="Navigation principale"' in replie.group(1)
