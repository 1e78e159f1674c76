"""The site frame: every page is in French, has one h1, a skip link and the landmarks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import path

from tests.pages import FRAME_PAGES
from tilab import urls as site_urls
from tilab import views
from tilab.comptes.models import Personne
from tilab.templatetags.frame import current_state

SECTIONS = {
    "/problematiques/": "Problématiques",
    "/communautes/": "Communautés",
    "/evenements/": "Événements",
    "/experimentations/": "Expérimentations",
    "/gouvernance/": "Gouvernance",
    "/documentation/": "Documentation",
}


class Outline(HTMLParser):
    """What the frame tests look at: tags with their attributes, and text per h1."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.h1_texts: list[str] = []
        self.links: list[tuple[dict[str, str | None], str]] = []
        self._in_h1 = False
        self._link: dict[str, str | None] | None = None
        self._link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "h1":
            self._in_h1 = True
            self.h1_texts.append("")
        if tag == "a":
            self._link, self._link_text = attributes, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if tag == "a" and self._link is not None:
            self.links.append((self._link, " ".join(self._link_text.split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1_texts[-1] += data
        if self._link is not None:
            self._link_text += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def link(self, href: str, css_class: str = "") -> tuple[dict[str, str | None], str]:
        matches = [
            (a, text)
            for a, text in self.links
            if a.get("href") == href and css_class in (a.get("class") or "").split() + [""]
        ]
        assert len(matches) == 1, f"expected one link to {href}, found {len(matches)}"
        return matches[0]


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def assert_in_frame(html: str) -> Outline:
    page = outline(html)
    assert page.find("html", lang="fr"), "the page must say it is in French"
    assert len(page.h1_texts) == 1, f"exactly one h1 expected, found {page.h1_texts}"
    assert page.h1_texts[0].strip(), "the h1 must not be empty"
    skip, text = page.links[0]
    assert (skip.get("href"), text) == ("#contenu", "Aller au contenu"), "skip link comes first"
    assert page.find("main", id="contenu"), "the skip link target is main"
    assert page.find("header", role="banner")
    assert page.find("footer", role="contentinfo")
    navs = page.find("nav")
    assert navs and all(nav.get("aria-label") or nav.get("aria-labelledby") for nav in navs)
    assert page.find("nav", aria_label="Navigation principale")
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("url", FRAME_PAGES)
def test_page_is_in_the_frame(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_in_frame(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("url", FRAME_PAGES)
def test_page_loads_only_our_own_stylesheet_and_no_inline_style(client, url):
    html = client.get(url).content.decode()

    assert 'href="/static/css/tilab.css"' in html
    # The CSP forbids inline styles and scripts without the nonce: none may sneak in.
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html)


@pytest.mark.django_db
def test_main_navigation_lists_every_section_in_order(client):
    page = outline(client.get("/").content.decode())

    nav_links = [
        (a["href"], text) for a, text in page.links if "main-nav__link" in (a.get("class") or "")
    ]
    assert nav_links == list(SECTIONS.items())


@pytest.mark.django_db
@pytest.mark.parametrize("url", SECTIONS)
def test_current_section_is_marked_in_the_navigation(client, url):
    page = outline(client.get(url).content.decode())

    current = [a["href"] for a, _ in page.links if a.get("aria-current") == "page"]
    assert current == [url]


def test_section_link_is_marked_true_below_its_section():
    assert current_state("/problematiques/ma-remontee/", "/problematiques/") == "true"
    assert current_state("/problematiques/", "/problematiques/") == "page"
    assert current_state("/communautes/", "/problematiques/") == ""
    assert current_state("/problematiques/", "/") == ""
    assert current_state(None, "/problematiques/") == ""


@pytest.mark.django_db
def test_anonymous_visitor_is_offered_to_log_in_or_sign_up(client):
    page = outline(client.get("/").content.decode())

    assert page.link("/comptes/login/", "account-nav__link")[1] == "Se connecter"
    assert page.link("/comptes/signup/", "account-nav__link")[1] == "Créer un compte"
    assert "Se déconnecter" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_member_sees_profile_and_a_log_out_form(client_de):
    html = client_de("relais").get("/").content.decode()
    page = outline(html)

    assert page.link("/comptes/profil/", "account-menu__link")[1] == "Mon profil"
    logout = page.find("form", action="/comptes/logout/")
    assert logout and logout[0]["method"] == "post"
    assert re.search(
        r'<form[^>]*action="/comptes/logout/"[^>]*>\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken"',
        html,
    )
    assert "Back-office" not in html
    assert "Se connecter" not in html


@pytest.mark.django_db
def test_staff_member_gets_a_back_office_link(client_de):
    page = outline(client_de("coordination").get("/").content.decode())

    assert page.link("/admin/")[1] == "Back-office"


@pytest.mark.django_db
def test_footer_states_accessibility_status_and_links_to_legal_pages(client):
    page = outline(client.get("/").content.decode())

    assert page.link("/accessibilite/")[1] == "Accessibilité : non conforme"
    assert page.link("/mentions-legales/")[1] == "Mentions légales"
    assert page.link("/donnees-personnelles/")[1] == "Données personnelles"


@pytest.mark.django_db
def test_home_page_explains_the_path_and_how_to_take_part(client):
    response = client.get("/")
    html, text = response.content.decode(), text_of(response)

    for step in [
        "Une remontée du terrain",
        "Une communauté d'intérêt",
        "La décision du COPIL",
        "L'expérimentation",
        "Les pactes de transformation",
        "La documentation en commun",
    ]:
        assert step in text
    page = outline(html)
    signup_links = [a for a, _ in page.links if a.get("href") == "/comptes/signup/"]
    assert len(signup_links) >= 2, "the header and the calls to action lead to sign-up"
    assert "lorem" not in html.lower()
    # Each way of taking part leads to its own page.
    for chemin in ["/problematiques/signaler/", "/communautes/", "/evenements/"]:
        assert any(a.get("href") == chemin for a, _ in page.links), chemin


# --- Legal pages ---------------------------------------------------------------------------

ORGANISATION_DE_TEST = {
    "nom": "Laboratoire Breizh-Test",
    "adresse": "12 rue du Granite, 29000 Quimper",
    "telephone": "02 98 00 00 01",
    "courriel": "bonjour@breizh-test.example",
    "directeur_publication": "Maïwenn Le Goff",
    "dpo_courriel": "dpo@breizh-test.example",
    "dpo_adresse": "DPO, 12 rue du Granite, 29000 Quimper",
    "hebergeur_nom": "Hébergeur Armor",
    "hebergeur_adresse": "1 quai des Données, 56100 Lorient",
    "hebergeur_telephone": "02 97 00 00 02",
    "accessibilite_date": "3 mars 2027",
}


@pytest.fixture
def organisation(settings):
    settings.ORGANISATION = ORGANISATION_DE_TEST
    return ORGANISATION_DE_TEST


def text_of(response) -> str:
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("&#x27;", "'").split())


@pytest.mark.django_db
def test_mentions_legales_name_publisher_director_and_host_from_settings(client, organisation):
    text = text_of(client.get("/mentions-legales/"))

    for key in [
        "nom",
        "adresse",
        "telephone",
        "courriel",
        "directeur_publication",
        "hebergeur_nom",
        "hebergeur_adresse",
        "hebergeur_telephone",
    ]:
        assert organisation[key] in text, key
    assert "Licence Ouverte 2.0" in text
    assert "commun" in text
    assert 'href="/donnees-personnelles/"' in client.get("/mentions-legales/").content.decode()


@pytest.mark.django_db
def test_mentions_legales_leave_out_missing_phone_numbers(client, organisation, settings):
    settings.ORGANISATION = {**organisation, "telephone": "", "hebergeur_telephone": ""}

    assert "Téléphone" not in text_of(client.get("/mentions-legales/"))


@pytest.mark.django_db
def test_donnees_personnelles_cover_what_the_gdpr_requires(client, organisation, settings):
    settings.SESSION_COOKIE_NAME = "tilab_session"
    text = text_of(client.get("/donnees-personnelles/"))

    for key in ["nom", "adresse", "courriel", "dpo_courriel", "dpo_adresse", "hebergeur_nom"]:
        assert organisation[key] in text, key
    for required in [
        # purposes and legal bases
        "Gestion des comptes",
        "Remontées de problématiques",
        "événements",
        "votes",
        "courriels",
        "article 6-1-e",
        "consentement (article 6-1-a",
        # retention
        "tant que votre compte existe",
        "ancien membre",
        "trois ans",
        "Journaux techniques du serveur : un an",
        # rights
        "droit d'accès, de rectification, d'effacement, de limitation",
        "d'opposition et de portabilité",
        "au format JSON",
        "supprimer votre compte",
        # cookies
        "tilab_session",
        "csrftoken",
        "aucun cookie de suivi",
        # complaint
        "www.cnil.fr",
        "3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07",
    ]:
        assert required in text, required
    assert 'href="/comptes/profil/"' in client.get("/donnees-personnelles/").content.decode()


@pytest.mark.django_db
def test_accessibility_statement_follows_the_rgaa_model(client, organisation, settings):
    settings.SITE_URL = "https://portail.breizh-test.example"
    text = text_of(client.get("/accessibilite/"))

    assert "non conforme" in text
    assert "RGAA" in text and "4.1" in text
    assert "pas encore fait l'objet d'un audit" in text
    assert f"établie le {organisation['accessibilite_date']}" in text
    assert organisation["courriel"] in text
    assert organisation["nom"] in text
    assert "https://portail.breizh-test.example" in text
    for technology in ["HTML", "CSS", "SVG", "JavaScript"]:
        assert technology in text
    assert "Défenseur des droits" in text
    assert "09 69 39 00 00" in text
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in text
    assert "formulaire" in text and "délégué" in text


# --- Error pages ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_url_gets_the_404_page_in_the_frame(client):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    page = assert_in_frame(response.content.decode())
    assert page.h1_texts == ["Page introuvable"]


def refuse(request: HttpRequest):
    raise PermissionDenied


def break_down(request: HttpRequest):
    raise RuntimeError("panne simulée")


# Test-only routes in front of the real URL map, so that the frame's own links still resolve;
# used through @pytest.mark.urls("tests.tilab.test_pages").
urlpatterns = [path("interdit/", refuse), path("panne/", break_down), *site_urls.urlpatterns]
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.mark.django_db
@pytest.mark.urls("tests.tilab.test_pages")
def test_permission_denied_gets_the_403_page_in_the_frame(client):
    response = client.get("/interdit/")

    assert response.status_code == 403
    page = assert_in_frame(response.content.decode())
    assert page.h1_texts == ["Accès refusé"]
    assert page.link("/comptes/login/?next=/interdit/")


@pytest.mark.django_db
@pytest.mark.urls("tests.tilab.test_pages")
def test_server_error_gets_the_500_page_in_the_frame(client):
    client.raise_request_exception = False
    response = client.get("/panne/")

    assert response.status_code == 500
    page = assert_in_frame(response.content.decode())
    assert page.h1_texts == ["Le site a rencontré un problème"]
    assert "contact@tilab.bzh" in response.content.decode()


def test_500_page_renders_without_database_or_session():
    # No django_db mark: any query would fail the test. The request has no session or user.
    response = views.erreur_500(RequestFactory().get("/"))

    assert response.status_code == 500
    page = assert_in_frame(response.content.decode())
    assert not page.find("nav", aria_label="Espace personnel")


@pytest.mark.django_db
def test_logging_in_sets_only_the_two_cookies_the_privacy_page_lists(client):
    from tests.factories import MOT_DE_PASSE, PersonneFactory

    personne = PersonneFactory()
    client.get("/comptes/login/")
    response = client.post(
        "/comptes/login/", {"login": personne.email, "password": MOT_DE_PASSE}, follow=True
    )

    assert response.wsgi_request.user.is_authenticated
    assert set(client.cookies) == {"sessionid", "csrftoken"}
    listed = text_of(client.get("/donnees-personnelles/"))
    assert "sessionid" in listed and "csrftoken" in listed


# --- allauth pages -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/comptes/email/", "/comptes/password/change/", "/comptes/logout/", "/comptes/profil/"],
)
def test_account_management_pages_are_in_the_frame(client_de, url):
    response = client_de("relais").get(url)

    assert response.status_code == 200
    assert_in_frame(response.content.decode())


@pytest.mark.django_db
def test_email_addresses_are_a_labelled_group_of_choices(client_de):
    client = client_de("relais")
    # One address is only shown; the choice comes with a second one.
    assert "<fieldset" not in client.get("/comptes/email/").content.decode().split("<h2")[0]
    relais = Personne.objects.get(pk=client.session["_auth_user_id"])
    EmailAddress.objects.create(user=relais, email="deuxieme@exemple.fr")
    html = client.get("/comptes/email/").content.decode()

    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Vos adresses électroniques", html)
    assert '<label class="field__label" for="email_radio_0">' in html


@pytest.mark.django_db
def test_signup_then_email_code_page_are_in_the_frame(client):
    response = client.post(
        "/comptes/signup/",
        {
            "email": "nouvelle@exemple.fr",
            "password1": "un-long-secret-42",
            "password2": "un-long-secret-42",
        },
        follow=True,
    )

    assert response.redirect_chain, "a valid sign-up moves on to the e-mail check"
    page = assert_in_frame(response.content.decode())
    assert page.find("input", name="code")


@pytest.mark.django_db
def test_signup_errors_are_tied_to_their_fields(client):
    response = client.post(
        "/comptes/signup/", {"email": "pas-une-adresse", "password1": "a", "password2": "b"}
    )

    page = assert_in_frame(response.content.decode())
    email = page.find("input", name="email")[0]
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in (email["aria-describedby"] or "")
    assert page.find("ul", id="id_email_error")
    assert 'value="pas-une-adresse"' in response.content.decode(), "what was typed is kept"


@pytest.mark.django_db
def test_login_by_code_confirmation_is_in_the_frame(client, relais):
    response = client.post("/comptes/login/code/", {"email": relais.email}, follow=True)

    assert response.request["PATH_INFO"] == "/comptes/login/code/confirm/"
    page = assert_in_frame(response.content.decode())
    assert page.find("input", name="code")


@pytest.mark.django_db
def test_password_reset_pages_are_in_the_frame(client, relais):
    done = client.post("/comptes/password/reset/", {"email": relais.email}, follow=True)
    bad_key = client.get("/comptes/password/reset/key/1-cle-perimee/", follow=True)

    for response in (done, bad_key):
        assert response.status_code == 200
        assert_in_frame(response.content.decode())


@pytest.mark.django_db
def test_refused_form_explains_what_to_do_in_the_frame():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/comptes/login/", {"login": "a@exemple.fr", "password": "x"}
    )

    assert response.status_code == 403
    page = assert_in_frame(response.content.decode())
    assert page.h1_texts == ["Le formulaire n'a pas pu être envoyé"]
    assert "rechargez-la" in text_of(response)


@pytest.mark.django_db
def test_home_shows_the_latest_published_problems_in_bounded_queries(
    client, django_assert_max_num_queries
):
    from django.utils import timezone

    from tests.problematiques.factories import ProblematiqueFactory

    ProblematiqueFactory.create_batch(5, publiee=True)
    brouillon = ProblematiqueFactory(titre="Brouillon jamais publié")
    dernier = ProblematiqueFactory(publiee=True, titre="La plus récente", publiee_le=timezone.now())
    with django_assert_max_num_queries(6):
        response = client.get("/")
    html = response.content.decode()
    assert "Dernières problématiques publiées" in html
    assert dernier.titre in html
    assert brouillon.titre not in html
    assert html.count('class="carte-problematique"') == 3


@pytest.mark.django_db
def test_home_shows_the_next_published_events_in_bounded_queries(
    client, django_assert_max_num_queries
):
    from tests.communautes.evenements.factories import EvenementFactory

    EvenementFactory.create_batch(4)
    EvenementFactory(titre="Atelier brouillon", publie=False)
    EvenementFactory(titre="Rencontre déjà passée", passe=True)
    with django_assert_max_num_queries(6):
        response = client.get("/")
    html = response.content.decode()
    assert "Prochains événements" in html
    assert "Atelier brouillon" not in html
    assert "Rencontre déjà passée" not in html
    assert html.count('class="carte-problematique carte-evenement"') == 3
