"""The header as people use it, at a desktop's and a phone's width: axe finds nothing, the
phone's header is compact enough that the title starts in the first screen, the menus open
by the keyboard and without JavaScript, and nothing is wider than a 320 px screen."""

from __future__ import annotations

import pytest

from tests.browser.aide import connecter, sans_violation, tabuler_jusqu_a

pytestmark = pytest.mark.browser

# Where a page's title must start on a 375 px phone, header included.
HAUT_DU_TITRE_MAX = 200

ESPACES = [
    "Mon profil",
    "Mes remontées",
    "Mes engagements",
    "Mes inscriptions",
    "Mes pactes",
    "Mes pages de documentation",
    "Back-office",
]

FOCUS = """() => {
  const el = document.activeElement;
  return {text: el.innerText.replace(/\\s+/g, " ").trim(), visible: el.matches(":focus-visible")};
}"""


def _pages(detail: str) -> tuple[list[str], list[str]]:
    """The home, a list, a detail page and an account page: signed out, then in."""
    return (
        ["/", "/evenements/", detail, "/comptes/login/"],
        ["/", "/evenements/", detail, "/comptes/email/"],
    )


def _haut_du_titre(page) -> float:
    boite = page.get_by_role("heading", level=1).bounding_box()
    assert boite is not None
    return boite["y"]


def _hauteur_de_l_entete(page) -> float:
    boite = page.locator("header.site-header").bounding_box()
    assert boite is not None
    return boite["height"]


def _sections(page):
    return page.locator("nav.main-nav")


def _focus(page) -> dict:
    return page.evaluate(FOCUS)


def _ouvrir_au_clavier(page, resume, touche: str) -> None:
    """Tab to the disclosure ``resume`` and open it with ``touche``, as a keyboard user would."""
    tabuler_jusqu_a(page, resume)
    assert _focus(page)["visible"], "the focused button is visibly marked"
    assert resume.get_attribute("aria-expanded") in (None, "false")
    page.keyboard.press(touche)
    assert resume.evaluate("el => el.parentElement.open")


def test_header_at_a_desktop_and_a_phone_width(new_page, live_server):
    from tests.factories import PersonneFactory
    from tests.problematiques.factories import ProblematiqueFactory

    probleme = ProblematiqueFactory(publiee=True)
    equipe = PersonneFactory(
        is_staff=True, roles=["Coordination"], first_name="Maëlle", last_name="Riou"
    )
    anonymes, membres = _pages(f"/problematiques/{probleme.slug}/")

    # --- 1280 px: every section in sight, the person's spaces behind their name. ---
    page = new_page(width=1280)
    for url in anonymes:
        page.goto(url)
        assert _sections(page).get_by_role("link", name="Problématiques").is_visible(), url
        assert not page.get_by_text("Menu", exact=True).is_visible(), url
        sans_violation(page)
    page.goto("/evenements/")
    nav = page.get_by_role("navigation", name="Navigation principale")
    assert nav.locator("[aria-current]").inner_text() == "Événements"
    hauteur = _hauteur_de_l_entete(page)

    connecter(page, live_server, equipe)
    for url in membres:
        page.goto(url)
        sans_violation(page)
        # Signed in or not, the team's or not, the header keeps its height.
        assert _hauteur_de_l_entete(page) == hauteur, url
    nom = page.get_by_role("navigation", name="Espace personnel").locator("summary")
    assert nom.inner_text() == "Maëlle Riou"
    assert not page.get_by_role("link", name="Mes remontées").is_visible()
    _ouvrir_au_clavier(page, nom, " ")
    for espace in ESPACES:
        page.keyboard.press("Tab")
        assert _focus(page) == {"text": espace, "visible": True}
    page.keyboard.press("Tab")
    assert _focus(page)["text"] == "Se déconnecter"
    sans_violation(page, "the account menu open at 1280 px")
    # Floating over the page, it closes once the focus leaves it (the script adds that): it
    # never hides the section link that has the focus next.
    page.keyboard.press("Tab")
    assert _focus(page)["text"] == "Problématiques"
    assert not nom.evaluate("el => el.parentElement.open")
    # Escape closes it and gives the focus back to its button.
    nom.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert not nom.evaluate("el => el.parentElement.open")
    assert _focus(page)["text"] == "Maëlle Riou"

    # --- 375 px: one compact line, the title in the first screen. ---
    page = new_page(width=375, height=740)
    for url in anonymes:
        page.goto(url)
        assert _haut_du_titre(page) < HAUT_DU_TITRE_MAX, url
        assert not _sections(page).get_by_role("link", name="Problématiques").is_visible(), url
    hauteur = _hauteur_de_l_entete(page)
    # The pages' content was checked at 1280 px: here the header, folded and open.
    sans_violation(page)
    page.get_by_text("Menu", exact=True).click()
    assert page.get_by_role("link", name="Créer un compte").is_visible()
    sans_violation(page, "the menu open at 375 px, signed out")
    connecter(page, live_server, equipe)
    for url in membres:
        page.goto(url)
        assert _haut_du_titre(page) < HAUT_DU_TITRE_MAX, url
        assert _hauteur_de_l_entete(page) == hauteur, url
        sans_violation(page)

    # « Menu » opens with Enter, the person's menu with Space; every link is reached by Tab.
    page.goto(f"/problematiques/{probleme.slug}/")
    _ouvrir_au_clavier(page, page.locator("summary", has_text="Menu"), "Enter")
    nom = page.get_by_role("navigation", name="Espace personnel").locator("summary")
    page.keyboard.press("Tab")
    assert _focus(page) == {"text": "Maëlle Riou", "visible": True}
    page.keyboard.press("Space")
    for espace in [*ESPACES, "Se déconnecter"]:
        page.keyboard.press("Tab")
        assert _focus(page)["text"] == espace
    nav = page.get_by_role("navigation", name="Navigation principale")
    assert nav.locator("[aria-current]").inner_text() == "Problématiques"
    for section in ["Problématiques", "Communautés", "Événements"]:
        page.keyboard.press("Tab")
        assert _focus(page) == {"text": section, "visible": True}
    assert nom.evaluate("el => el.parentElement.open")
    sans_violation(page, "both menus open at 375 px")

    # --- 320 px, without JavaScript: the menus open all the same, nothing is wider than the
    # screen. (axe needs JavaScript: it ran above.) ---
    page = new_page(width=320, javascript=False)
    connecter(page, live_server, equipe)
    for url in membres:
        page.goto(url)
        page.get_by_text("Menu", exact=True).click()
        page.get_by_role("navigation", name="Espace personnel").locator("summary").click()
        assert page.get_by_role("button", name="Se déconnecter").is_visible(), url
        assert _sections(page).get_by_role("link", name="Documentation").is_visible(), url
        largeur = page.evaluate("document.scrollingElement.scrollWidth")
        assert largeur <= 320, f"{url} is {largeur}px wide at a 320px viewport, menus open"
