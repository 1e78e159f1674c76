"""The portal's headers score A+ by the rules of Mozilla's HTTP Observatory, in production.

The rules are those of the Observatory's scoring page ("Tests & Scoring", MDN, 2024): every
site starts at 100, loses the penalties, and gets the bonuses only if it still has 90 or more;
A+ is 100 and above. Only the tests that depend on the portal are written here (CSP, cookies,
HSTS, redirection, Referrer-Policy, X-Content-Type-Options, X-Frame-Options, CORP, CORS and
the scripts' origin for SRI); HSTS preloading is a registration, not a header.

"In production" means the settings module run again with ``HTTPS=true``, as the deployment
runs it: a change to settings.py that weakens a header fails here.
"""

from __future__ import annotations

import re
import runpy
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from tests.communautes.evenements.factories import EvenementFactory

pytestmark = pytest.mark.django_db

SETTINGS = Path(__file__).resolve().parents[2] / "tilab" / "settings.py"
HOTE = "tilab.example.fr"
# Settings that make HTTPS what it is for the browser; the rest of the run keeps its own.
REGLAGES_HTTPS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
)
SIX_MOIS = 15_768_000


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings as ``HTTPS=true`` makes them, applied to this test."""
    monkeypatch.setenv("HTTPS", "true")
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    monkeypatch.delenv("SECURE_HSTS_SECONDS", raising=False)
    valeurs = runpy.run_path(str(SETTINGS))
    for nom in REGLAGES_HTTPS:
        if nom in valeurs:
            setattr(settings, nom, valeurs[nom])
    settings.ALLOWED_HOSTS = [HOTE]
    return settings


def en_https(client, url, **extra):
    return client.get(url, HTTP_HOST=HOTE, HTTP_X_FORWARDED_PROTO="https", **extra)


# --- The Observatory's tests, as modifiers ------------------------------------------------------


def politique(entete: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for partie in entete.split(";"):
        mots = partie.split()
        if mots:
            directives[mots[0].lower()] = mots[1:]
    return directives


def note_csp(reponse) -> tuple[str, int]:
    if "Content-Security-Policy" not in reponse:
        return "csp-not-implemented", -25
    csp = politique(reponse["Content-Security-Policy"])
    defaut = csp.get("default-src", [])

    def sources(directive: str) -> list[str]:
        return csp.get(directive, defaut)

    script, objet, style = sources("script-src"), sources("object-src"), sources("style-src")
    trop_large = {"*", "https:", "http:", "data:", "'unsafe-inline'"}
    if not script or not objet or trop_large & set(script) or {"*", "https:", "http:"} & set(objet):
        return "csp-implemented-with-unsafe-inline", -20
    if any(s.startswith("http:") for v in csp.values() for s in v):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if {"'unsafe-inline'", "data:", "https:", "*"} & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if defaut == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def note_cookies(reponse, hsts: bool) -> tuple[str, int]:
    cookies: SimpleCookie = reponse.cookies
    if not cookies:
        return "cookies-not-found", 0
    for nom, morsel in cookies.items():
        session = nom in ("sessionid",) or "session" in nom
        if session and not morsel["secure"]:
            return "cookies-session-without-secure-flag", -40
        if session and not morsel["httponly"]:
            return "cookies-session-without-httponly-flag", -30
        if not morsel["secure"]:
            return (
                ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts
                else (
                    "cookies-without-secure-flag",
                    -20,
                )
            )
        if morsel["samesite"] and morsel["samesite"].lower() not in ("strict", "lax"):
            return "cookies-samesite-flag-invalid", -20
        if "csrf" in nom and not morsel["samesite"]:
            return "cookies-anticsrf-without-samesite-flag", -20
    if all(m["samesite"] for m in cookies.values()):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def note_hsts(reponse) -> tuple[str, int]:
    entete = reponse.get("Strict-Transport-Security", "")
    trouve = re.search(r"max-age=(\d+)", entete)
    if not trouve:
        return "hsts-not-implemented", -20
    if int(trouve.group(1)) < SIX_MOIS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def note_referrer(reponse) -> tuple[str, int]:
    valeur = reponse.get("Referrer-Policy", "").split(",")[-1].strip().lower()
    if not valeur:
        return "referrer-policy-not-implemented", 0
    if valeur in ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"):
        return "referrer-policy-private", 5
    return "referrer-policy-unsafe", -5


def note_nosniff(reponse) -> tuple[str, int]:
    if reponse.get("X-Content-Type-Options", "").lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def note_cadres(reponse) -> tuple[str, int]:
    csp = politique(reponse.get("Content-Security-Policy", ""))
    if csp.get("frame-ancestors") in (["'none'"], ["'self'"]):
        return "x-frame-options-implemented-via-csp", 5
    if reponse.get("X-Frame-Options", "").upper() in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def note_corp(reponse) -> tuple[str, int]:
    valeur = reponse.get("Cross-Origin-Resource-Policy", "").lower()
    if not valeur:
        return "corp-not-implemented", 0
    if valeur in ("same-origin", "same-site"):
        return f"corp-implemented-with-{valeur}", 0
    return "corp-implemented-with-cross-origin", -20


def note_cors(reponse) -> tuple[str, int]:
    if reponse.get("Access-Control-Allow-Origin") == "*":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-not-implemented", 0


def note_scripts(reponse) -> tuple[str, int]:
    if "html" not in reponse.get("Content-Type", ""):
        return "sri-not-implemented-response-not-html", 0
    externes = [
        src
        for src in re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", reponse.content.decode())
        if src.startswith(("http:", "https:", "//"))
    ]
    if externes:
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def modificateurs(reponse) -> dict[str, int]:
    hsts = note_hsts(reponse)
    return dict(
        [
            note_csp(reponse),
            note_cookies(reponse, hsts=hsts[1] == 0),
            hsts,
            note_referrer(reponse),
            note_nosniff(reponse),
            note_cadres(reponse),
            note_corp(reponse),
            note_cors(reponse),
            note_scripts(reponse),
        ]
    )


def score(notes: dict[str, int]) -> int:
    total = 100 + sum(n for n in notes.values() if n < 0)
    if total >= 90:
        total += sum(n for n in notes.values() if n > 0)
    return total


# --- The portal, scored -------------------------------------------------------------------------


def test_the_home_page_scores_a_plus_with_every_bonus_the_portal_can_earn(client, production):
    # The login page sets both cookies (session and CSRF): the home page alone sets none.
    client.get("/comptes/login/", HTTP_HOST=HOTE, HTTP_X_FORWARDED_PROTO="https")
    reponse = en_https(client, "/comptes/login/")
    notes = modificateurs(reponse)

    assert reponse.status_code == 200
    assert {n: v for n, v in notes.items() if v < 0} == {}
    assert score(notes) >= 100, notes
    assert notes["csp-implemented-with-no-unsafe"] == 5
    assert notes["x-frame-options-implemented-via-csp"] == 5
    assert notes["referrer-policy-private"] == 5
    assert notes["cookies-secure-with-httponly-sessions-and-samesite"] == 5


def test_http_redirects_to_https_on_the_same_host(client, production):
    reponse = client.get("/", HTTP_HOST=HOTE)

    assert reponse.status_code == 301
    assert reponse["Location"] == f"https://{HOTE}/"


def test_hsts_lasts_a_year_with_subdomains_and_asks_to_be_preloaded(client, production):
    entete = en_https(client, "/")["Strict-Transport-Security"]

    assert entete == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/problematiques/",
        "/evenements.ics",
        "/static/css/tilab.css",
        "/static/img/logo.svg",
        "/une-page-qui-n-existe-pas/",
        "/admin/login/",
    ],
)
def test_no_response_loses_a_point(client, production, url):
    EvenementFactory()
    reponse = en_https(client, url)

    assert reponse.status_code in (200, 302, 404)
    penalites = {n: v for n, v in modificateurs(reponse).items() if v < 0}
    assert penalites == {}
