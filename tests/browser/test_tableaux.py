"""Every data table of the portal stays readable at 320 px: on a phone a table of three
columns or more stacks its rows (each cell after its column's name), so no figure hides past
the edge of the screen — the team's load says how many experiments each person carries — and
no page is wider than the screen. From 40em up they are tables again (issue 13, « Phones »)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.browser.aide import connecter, violations
from tests.conftest import REGLAGES_DES_TESTS

pytestmark = pytest.mark.browser

# What a page's tables look like: for each visible cell of a table in the main content, how
# far its right edge goes; the page's own width.
MESURE = """() => {
  const largeur = document.documentElement.clientWidth;
  const debordent = [];
  for (const table of document.querySelectorAll('main table')) {
    for (const cellule of table.querySelectorAll('th, td')) {
      const boite = cellule.getBoundingClientRect();
      if (boite.width === 0) continue;  // in a closed <details>, or visually hidden
      if (boite.right > largeur + 0.5 || boite.left < -0.5) {
        debordent.push((table.caption ? table.caption.textContent : '?').trim().slice(0, 50)
          + ' / ' + cellule.textContent.trim().slice(0, 30));
      }
    }
  }
  return {largeur: document.scrollingElement.scrollWidth, debordent: debordent.slice(0, 5)};
}"""


def _demo() -> None:
    with override_settings(**REGLAGES_DES_TESTS):
        call_command("seed_demo", stdout=StringIO())


def _pages_publiques_a_tableaux() -> list[str]:
    from experimentations.models import Experimentation, Pacte
    from gouvernance.models import SessionCopil

    experimentation = (
        Experimentation.objects.publiques().filter(phases__isnull=False).order_by("pk").first()
    )
    pacte = Pacte.objects.publics().filter(signataires__isnull=False).order_by("pk").first()
    session = (
        SessionCopil.objects.publiques()
        .filter(candidatures__decision__publiee_le__isnull=False)
        .order_by("pk")
        .first()
    )
    assert experimentation and pacte and session, "the demo has lost what these pages show"
    return [
        "/experimentations/",
        experimentation.get_absolute_url(),
        pacte.get_absolute_url(),
        "/gouvernance/",
        "/gouvernance/grille/",
        "/gouvernance/theorie/",
        "/gouvernance/decisions/",
        session.get_absolute_url(),
        "/donnees/",
        "/donnees-personnelles/",
    ]


def _mesurer(page, adresse: str, problemes: list[str], *, axe: bool) -> None:
    page.goto(adresse)
    mesure = page.evaluate(MESURE)
    if mesure["largeur"] > 320:
        problemes.append(f"{adresse} is {mesure['largeur']}px wide at 320px")
    for cellule in mesure["debordent"]:
        problemes.append(f"{adresse}: a cell runs past the screen's edge: {cellule}")
    if axe and (rapport := violations(page)):
        problemes.append(rapport)


def test_every_table_fits_320px_public_and_team_pages_without_an_axe_violation(
    new_page, live_server
):
    from tilab.comptes.models import Personne

    _demo()
    problemes: list[str] = []

    page = new_page(width=320, height=640)
    for adresse in _pages_publiques_a_tableaux():
        _mesurer(page, adresse, problemes, axe=True)

    from communautes.models import Evenement

    evenement = (
        Evenement.objects.filter(inscriptions__isnull=False).distinct().order_by("pk").first()
    )
    assert evenement is not None
    pages_de_l_equipe = {
        "coordination@demo.tilab.bzh": ["/communautes/charge/"],
        "animation@demo.tilab.bzh": [f"{evenement.get_absolute_url()}inscriptions/"],
        "documentation@demo.tilab.bzh": ["/documentation/relecture/"],
    }
    for adresse_electronique, adresses in pages_de_l_equipe.items():
        page = new_page(width=320, height=640)
        connecter(page, live_server, Personne.objects.get(email=adresse_electronique))
        for adresse in adresses:
            _mesurer(page, adresse, problemes, axe=True)

    assert not problemes, "\n".join(problemes)


def test_the_team_load_shows_each_person_s_figure_on_a_phone_and_is_a_table_on_a_desktop(
    new_page,
):
    _demo()
    page = new_page(width=320, height=640)
    page.goto("/experimentations/")
    tableau = page.get_by_role("table", name="La charge de l'équipe : les chiffres")
    # Every row says, in sight, how many experiments the person carries and their capacity.
    lignes = tableau.locator("tbody tr")
    assert lignes.count() >= 2
    for i in range(lignes.count()):
        menees = lignes.nth(i).locator("td").first
        assert menees.is_visible()
        boite = menees.bounding_box()
        assert boite is not None and boite["x"] + boite["width"] <= 320
        assert menees.get_attribute("data-label") == "Menées"
    # The column names are still there for screen readers, out of sight.
    assert tableau.get_by_role("columnheader", name="Capacité").count() == 1

    page = new_page()
    page.goto("/experimentations/")
    tableau = page.get_by_role("table", name="La charge de l'équipe : les chiffres")
    assert tableau.evaluate("t => getComputedStyle(t).display") == "table"
    assert tableau.get_by_role("columnheader", name="Capacité").is_visible()


def test_the_decisions_register_shows_every_column_beside_the_filters_on_a_desktop(new_page):
    """Seven columns do not fit beside the filters: the register reads one decision a block
    there too, rather than hiding its reasons and rectifications past the edge of its box."""
    _demo()
    page = new_page()
    page.goto("/gouvernance/decisions/")
    debordent = page.evaluate(
        """() => {
          const boite = document.querySelector('.registre').parentElement;
          const droite = boite.getBoundingClientRect().right;
          return [...boite.querySelectorAll('td, th')]
            .filter(c => c.getBoundingClientRect().width > 0)
            .filter(c => c.getBoundingClientRect().right > droite + 0.5).length;
        }"""
    )
    assert debordent == 0
    rectifiee = page.locator('.registre td[data-label="Rectifiée"]').first
    assert rectifiee.is_visible()
    boite = rectifiee.bounding_box()
    assert boite is not None and boite["x"] + boite["width"] <= 1280
