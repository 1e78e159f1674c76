"""axe-core finds no WCAG 2.1 A/AA violation on the differences between two versions of the
theory and of the grid (ins/del announced, tables of criteria), a version's page and the grid."""

from __future__ import annotations

import pytest

from gouvernance.services.grille import CritereSaisi
from tests.browser.aide import sans_violation
from tests.factories import PersonneFactory
from tests.gouvernance.aide_textes import (
    CRITERES,
    ECHELLE,
    grille_publiee,
    theorie_publiee,
)

pytestmark = pytest.mark.browser


def test_the_differences_of_the_theory_and_the_grid_have_no_violation(
    page, live_server, transactional_db
):
    coordination = PersonneFactory(roles=["Coordination"])
    theorie_publiee(coordination, "Le lab agit seul.\n\nAvec **les** relais.")
    theorie_publiee(coordination, "Le lab agit avec les agents.\n\nAvec les relais.")
    grille_publiee(coordination)
    grille_publiee(
        coordination,
        [
            CritereSaisi("Ampleur du besoin", 5, ECHELLE),
            *CRITERES[1:],
            CritereSaisi("Ancrage", 1, ECHELLE),
        ],
    )
    for url in (
        "/gouvernance/theorie/comparer/?de=1&a=2",
        "/gouvernance/grille/comparer/?de=1&a=2",
    ):
        page.goto(url)
        assert page.locator("ins").count() >= 1
        sans_violation(page, url)
