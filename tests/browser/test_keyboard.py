"""The frame can be used with the keyboard alone: skip link first, then the header in order."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

HEADER_LINKS = [
    ("Aller au contenu", "#contenu"),
    ("Ti Lab Laboratoire d'innovation publique de Bretagne", "/"),
    ("Se connecter", "/comptes/login/"),
    ("Créer un compte", "/comptes/signup/"),
    ("Problématiques", "/problematiques/"),
    ("Communautés", "/communautes/"),
    ("Événements", "/evenements/"),
    ("Expérimentations", "/experimentations/"),
    ("Gouvernance", "/gouvernance/"),
    ("Documentation", "/documentation/"),
]

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: el.innerText.replace(/\\s+/g, " ").trim(),
    href: el.getAttribute("href"),
    focusVisible: el.matches(":focus-visible"),
    ring: style.boxShadow,
    inMain: Boolean(el.closest("main")),
  };
}"""


def test_tab_walks_the_header_in_order_from_a_visible_skip_link_that_leads_to_main(page):
    page.goto("/")

    walked = []
    for _ in HEADER_LINKS:
        page.keyboard.press("Tab")
        walked.append(page.evaluate(FOCUSED))

    assert [(f["text"], f["href"]) for f in walked] == HEADER_LINKS
    # Each focused link is visibly marked, not left to the browser's faint default.
    for focused in walked:
        assert focused["focusVisible"] and focused["ring"] != "none", focused

    # The skip link is out of sight until it has the focus.
    page.goto("/")
    skip = page.get_by_role("link", name="Aller au contenu")
    assert not skip.is_visible() or skip.bounding_box()["y"] < 0

    page.keyboard.press("Tab")

    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0

    # Enter on it moves the focus to the content, on any page.
    for url in ["/", "/mentions-legales/", "/comptes/login/"]:
        page.goto(url)
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)["text"] == "Aller au contenu", url

        page.keyboard.press("Enter")

        focused = page.evaluate(FOCUSED)
        assert (focused["tag"], focused["id"]) == ("main", "contenu"), url
        # The next Tab continues inside the content, past the whole header.
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)["inMain"], url


def test_member_reaches_profile_reports_engagements_back_office_and_log_out_by_keyboard(page):
    from tests.factories import MOT_DE_PASSE, PersonneFactory

    personne = PersonneFactory(is_staff=True)
    page.goto("/comptes/login/")
    page.get_by_label("Adresse électronique").fill(personne.email)
    page.get_by_label("Mot de passe", exact=True).fill(MOT_DE_PASSE)
    page.get_by_label("Mot de passe", exact=True).press("Enter")
    page.wait_for_url("**/comptes/profil/")
    page.goto("/")

    walked = []
    for _ in range(3):
        page.keyboard.press("Tab")
        walked.append(page.evaluate(FOCUSED))
    # The one entry naming the person opens their spaces.
    assert (walked[2]["tag"], walked[2]["text"]) == ("summary", personne.get_full_name())
    page.keyboard.press("Enter")
    walked = []
    for _ in range(8):
        page.keyboard.press("Tab")
        walked.append(page.evaluate(FOCUSED))

    assert [(f["tag"], f["text"]) for f in walked] == [
        ("a", "Mon profil"),
        ("a", "Mes remontées"),
        ("a", "Mes engagements"),
        ("a", "Mes inscriptions"),
        ("a", "Mes pactes"),
        ("a", "Mes pages de documentation"),
        ("a", "Back-office"),
        ("button", "Se déconnecter"),
    ]
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("link", name="Se connecter").is_visible()
