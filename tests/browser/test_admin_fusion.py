"""Merging a problem from its change page in a real browser: the target is searched with the
keyboard (the admin's autocomplete), or typed as a number without JavaScript."""

from __future__ import annotations

import pytest

from problematiques.models import Statut
from tests.browser.aide import connecter
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def doublon():
    return ProblematiqueFactory(publiee=True, titre="Plus de pharmacie de garde le dimanche")


@pytest.fixture
def cible():
    return ProblematiqueFactory(publiee=True, titre="Pharmacies de garde introuvables")


def _formulaire(page, doublon):
    page.goto(f"/admin/problematiques/problematique/{doublon.pk}/change/")
    page.locator("summary", has_text="Fusionner dans").click()
    return page.locator("details", has_text="Fusionner dans").locator("form")


def test_the_target_is_searched_with_the_keyboard_or_named_by_its_number_without_javascript(
    new_page, live_server, doublon, cible
):
    ProblematiqueFactory(statut=Statut.CLOTUREE, titre="Pharmacies déjà closes")
    coordination = PersonneFactory(roles=["Coordination"], is_staff=True)
    page = new_page()
    connecter(page, live_server, coordination)
    formulaire = _formulaire(page, doublon)

    formulaire.locator(".select2-selection").focus()
    page.keyboard.press("Enter")
    recherche = page.locator(".select2-container--open .select2-search__field")
    recherche.wait_for()
    recherche.press_sequentially("pharmac")
    resultats = page.locator(".select2-results__option", has_text="(n°")
    resultats.first.wait_for()
    assert resultats.all_inner_texts() == [
        f"Pharmacies de garde introuvables (n° {cible.pk}, Ouverte)"
    ]
    page.keyboard.press("Enter")
    formulaire.locator("textarea").first.fill("Le même problème, suivi là-bas.")
    formulaire.get_by_role("button", name="Fusionner dans…").click()
    page.wait_for_load_state()

    doublon.refresh_from_db()
    assert doublon.fusionnee_dans == cible

    # Another duplicate, without JavaScript: the target named by its number.
    autre = ProblematiqueFactory(publiee=True, titre="Plus de pharmacie de garde le samedi")
    page = new_page(javascript=False)
    connecter(page, live_server, coordination)
    formulaire = _formulaire(page, autre)

    formulaire.get_by_label("Ou son numéro ou son adresse").fill(str(cible.pk))
    formulaire.get_by_role("button", name="Fusionner dans…").click()
    page.wait_for_load_state()

    autre.refresh_from_db()
    assert autre.fusionnee_dans == cible
