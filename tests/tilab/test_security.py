"""Security headers and the Content Security Policy are on every response."""

import re

import pytest
from django.urls import reverse

from tests.factories import MOT_DE_PASSE

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


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_csp_and_security_headers(client, url):
    response = client.get(url)
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
