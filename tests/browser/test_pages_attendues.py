"""The kinds of page an experiment owes, declared from its page in a browser: the coordinator
sends the form without a choice (refused next to the select), then adds a guide and withdraws
it; axe finds nothing on the page in each of these states."""

from __future__ import annotations

import pytest

from documentation.models import PageAttendue
from tests.browser.aide import connecter, sans_violation
from tests.experimentations.factories import ExperimentationFactory

pytestmark = pytest.mark.browser


def _envoyer(page, bouton) -> None:
    with page.expect_navigation():
        bouton.click()


def test_the_coordinator_adds_and_withdraws_a_kind_of_page_owed(new_page, live_server):
    experimentation = ExperimentationFactory(titre="Le vélo au travail à Plouguerneau")
    page = new_page()
    connecter(page, live_server, experimentation.coordinateur)
    page.goto(experimentation.get_absolute_url())
    formulaire = page.get_by_role("group", name="Ajouter un type de page attendu")
    sans_violation(page, "le panneau de documentation, son formulaire")

    # Nothing chosen: refused next to the select, the page comes back to the panel.
    _envoyer(page, formulaire.get_by_role("button", name="Ajouter"))
    assert page.url.endswith("#pages-attendues")
    erreur = page.locator(".field--error", has=page.get_by_label("Type de page"))
    assert "Choisissez un type de page de la liste." in erreur.inner_text()
    sans_violation(page, "le panneau de documentation, un choix refusé")

    page.get_by_label("Type de page").select_option(label="Guide")
    _envoyer(page, formulaire.get_by_role("button", name="Ajouter"))
    assert PageAttendue.objects.filter(experimentation=experimentation, sorte="guide").exists()
    assert "Guide\u00a0: pas encore en ligne" in " ".join(
        page.locator("#pages-attendues li").all_inner_texts()
    ).replace("\n", " ")
    sans_violation(page, "le panneau de documentation, un guide attendu")

    _envoyer(page, page.get_by_role("button", name="Retirer la page « Guide » des pages attendues"))
    assert not PageAttendue.objects.exists()
    assert page.get_by_label("Type de page").locator("option", has_text="Guide").count() == 1
