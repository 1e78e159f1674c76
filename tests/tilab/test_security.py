"""Security headers and the Content Security Policy are on every response: pages, error pages,
static files, calendars, CSV exports, the back office. No page runs an inline script."""

import re

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import path, reverse

from tests.communautes.evenements.factories import EvenementFactory
from tests.factories import MOT_DE_PASSE
from tests.test_roles_urls import ANONYME, TABLE, Donnees, creer_donnees
from tilab import urls as urls_du_site


def boum(request):
    raise RuntimeError("une erreur du serveur, pour le test")


def requete_suspecte(request):
    raise SuspiciousOperation("une requête que Django refuse, pour le test")


# This module's URLconf, for the tests marked with it: the site's, plus a view that fails and
# one that Django refuses (the error pages are the site's, through its handlers).
urlpatterns = [
    path("boum/", boum),
    path("suspecte/", requete_suspecte),
    *urls_du_site.urlpatterns,
]
handler400 = urls_du_site.handler400
handler403 = urls_du_site.handler403
handler404 = urls_du_site.handler404
handler429 = urls_du_site.handler429
handler500 = urls_du_site.handler500

PAGES = [
    "/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/problematiques/",
    "/comptes/login/",
    "/comptes/signup/",
    "/page-qui-n-existe-pas/",
    "/admin/login/",
]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def verifier_les_entetes(response):
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'self'" in csp[directive]
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]
        assert all(s == "'self'" or s.startswith("'nonce-") for s in csp[directive])
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_csp_and_security_headers(client, url):
    verifier_les_entetes(client.get(url))


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_every_kind_of_response_carries_them_too(persona, settings):
    """Error pages (400, 403, 404, 429, 500), static files, calendars, CSV, the back office."""
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    evenement = EvenementFactory()
    client = Client(raise_request_exception=False)
    reponses = {
        "400": client.get("/suspecte/"),
        "404": client.get("/page-qui-n-existe-pas/"),
        "500": client.get("/boum/"),
        "css": client.get("/static/css/tilab.css"),
        "svg": client.get("/static/img/logo.svg"),
        "ics": client.get("/evenements.ics"),
        "ics d'un événement": client.get(f"/evenements/{evenement.slug}.ics"),
    }
    connexion = {"login": "x@exemple.fr", "password": "x"}
    for _ in range(2):
        reponses["429"] = client.post(reverse("account_login"), connexion)
    client.force_login(persona("relais"))
    reponses["403"] = client.get(reverse("communautes:charge"))
    reponses["403 CSRF"] = Client(enforce_csrf_checks=True).post(reverse("account_login"))
    client.force_login(persona("direction"))
    reponses["csv"] = client.get(reverse("evenements:inscriptions_csv", args=[evenement.slug]))
    reponses["back-office"] = client.get("/admin/")
    for cle, attendu in [("400", 400), ("404", 404), ("500", 500), ("429", 429), ("403", 403)]:
        assert reponses[cle].status_code == attendu, cle
        assert "<html" in reponses[cle].content.decode(), f"{cle} : pas la page du site"
    for nom, reponse in reponses.items():
        if nom not in {"400", "404", "500", "429", "403", "403 CSRF"}:
            assert reponse.status_code == 200, nom
        verifier_les_entetes(reponse)


@pytest.fixture
def donnees(persona) -> Donnees:
    """The rows of the table of tests/test_roles_urls.py."""
    return creer_donnees(persona)


def scripts_en_ligne(html: str, nonce: str | None) -> list[str]:
    """The inline scripts of ``html`` a CSP without 'unsafe-inline' would block: a <script>
    without src nor the response's nonce (a JSON data block runs nothing), an on*= handler,
    a javascript: link."""
    fautes = []
    for balise in re.findall(r"<script\b[^>]*>", html, re.IGNORECASE):
        if "src=" in balise or 'type="application/json"' in balise:
            continue
        if not nonce or f'nonce="{nonce}"' not in balise:
            fautes.append(balise)
    fautes += re.findall(r"<[a-z][^>]*\son[a-z]+\s*=[^>]*>", html, re.IGNORECASE)
    fautes += re.findall(r"<[^>]+=\s*[\"']?\s*javascript:[^>]*>", html, re.IGNORECASE)
    return fautes


@pytest.mark.django_db
@pytest.mark.parametrize("nom", [ANONYME, "relais", "direction"])
def test_no_page_runs_an_inline_script(nom, client_partage_de, donnees):
    """Every page of the table of tests/test_roles_urls.py that the persona may open."""
    client = client_partage_de(nom)
    fautes = {}
    for nom_url, lignes in TABLE.items():
        for ligne in lignes:
            if ligne.methode != "get" or ligne.attendus[nom].statut != 200:
                continue
            adresse = reverse(nom_url, kwargs=ligne.arguments(donnees))
            reponse = client.get(adresse, dict(ligne.parametres))
            if "html" not in reponse.get("Content-Type", ""):
                continue
            nonces = re.findall(r"'nonce-([^']+)'", reponse["Content-Security-Policy"])
            trouvees = scripts_en_ligne(reponse.content.decode(), nonces[0] if nonces else None)
            if trouvees:
                fautes[adresse] = trouvees
    assert fautes == {}


@pytest.mark.django_db
def test_inline_scripts_and_styles_carry_the_response_nonce(client):
    response = client.get("/")
    html = response.content.decode()
    nonces = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        if "src=" in tag:
            continue
        assert nonces and f'nonce="{nonces[0]}"' in tag, tag
    assert "style=" not in re.sub(r"<(script|style)\b", "", html), "inline style attribute"


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_a_while(client, settings, persona):
    settings.ACCOUNT_RATE_LIMITS = {}  # allauth's defaults, switched off elsewhere in tests
    user = persona("relais")
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": user.email, "password": "mauvais-mot-de-passe"})
    response = client.post(url, {"login": user.email, "password": MOT_DE_PASSE})
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives de connexion" in response.content.decode()


@pytest.mark.django_db
def test_too_many_logins_from_one_address_get_a_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    url = reverse("account_login")
    statuses = [
        client.post(url, {"login": f"x{i}@exemple.fr", "password": "x"}).status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Compression ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/problematiques/", "/page-qui-n-existe-pas/"])
def test_pages_leave_gzipped_with_their_security_headers(client, url):
    import gzip

    compressee = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    simple = client.get(url)

    def sans_nonce(reponse) -> str:
        return re.sub(r"'nonce-[^']+'", "'nonce'", reponse["Content-Security-Policy"])

    assert compressee["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressee["Vary"]
    assert sans_nonce(compressee) == sans_nonce(simple)
    assert compressee["X-Content-Type-Options"] == "nosniff"
    assert compressee["X-Frame-Options"] == "DENY"
    html = gzip.decompress(compressee.content).decode()
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert len(compressee.content) < len(simple.content) / 2
    # A client that does not ask for it gets the page as it is.
    assert "Content-Encoding" not in simple


def test_static_files_are_stored_with_brotli_and_gzip_copies(settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    # The site's own files (Django's admin brings a hundred more, slow to compress).
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "tilab.staticfiles.ManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    feuilles = [f for f in (tmp_path / "css").glob("*.css") if f.stem.count(".") == 1]
    assert feuilles, list((tmp_path / "css").iterdir())
    for feuille in feuilles:  # the hashed names, e.g. site.1a2b3c4d5e6f.css
        assert feuille.with_name(feuille.name + ".br").exists()
        assert feuille.with_name(feuille.name + ".gz").exists()
