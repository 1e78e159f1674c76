"""Public problem pages in Chromium: axe, filters without JavaScript, "nous aussi" by keyboard."""

from __future__ import annotations

import pytest
from django.utils import timezone

from problematiques.models import Soutien, Statut, TypeTransition
from tests.browser.aide import connecter, sans_violation
from tests.browser.test_accessibility import assert_no_violations
from tests.factories import OrganisationFactory, PersonneFactory, TerritoireFactory
from tests.problematiques.factories import (
    ProblematiqueFactory,
    SoutienFactory,
    TransitionFactory,
)
from tilab.comptes.models import Territoire

pytestmark = pytest.mark.browser


@pytest.fixture
def donnees(transactional_db):
    finistere = Territoire.objects.get(slug="finistere")
    morbihan = Territoire.objects.get(slug="morbihan")
    epci = TerritoireFactory(type="epci", parent=finistere, code="", nom="Pays de Landerneau")
    commune = TerritoireFactory(type="commune", parent=epci, nom="Landerneau")
    ecole = ProblematiqueFactory(
        publiee=True,
        titre="Fermeture d'une École rurale",
        constat="L'école du bourg **ferme** en juin.",
        deja_tente="- Une pétition\n- Un regroupement",
        territoires=[commune],
    )
    ProblematiqueFactory(publiee=True, titre="Transport à la demande", territoires=[morbihan])
    ProblematiqueFactory(
        statut=Statut.RETENUE, publiee_le=timezone.now(), titre="Tiers-lieu", territoires=[epci]
    )
    ProblematiqueFactory(titre="Brouillon secret", territoires=[finistere])
    TransitionFactory(
        problematique=ecole,
        type=TypeTransition.OUVRIR,
        statut_avant=Statut.EN_QUALIFICATION,
        statut_apres=Statut.OUVERTE,
        publique=True,
        commentaire_public="Publiée après échange avec la mairie.",
        note_interne="SECRET-INTERNE",
    )
    organisation = OrganisationFactory(nom="Mairie de Plabennec")
    SoutienFactory(
        problematique=ecole,
        personne=PersonneFactory(profil_public=True, first_name="Anne", last_name="Le Bihan"),
        organisation=organisation,
        territoire=finistere,
        expertise_offerte="decideur",
        precisions="Même situation chez nous.",
    )
    SoutienFactory(problematique=ecole, personne=PersonneFactory(organisation=organisation))
    return ecole


def test_list_and_detail_have_no_violation_at_phone_and_desktop_widths(new_page, donnees):
    for width in [320, 1280]:
        page = new_page(width=width)
        assert_no_violations(page, "/problematiques/")
        assert page.locator("svg[role=img]").count() == 2, width
        # No horizontal scroll, even at 320 px.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width

        assert_no_violations(page, donnees.get_absolute_url())
        assert page.get_by_text("Publiée après échange avec la mairie.").is_visible(), width
        assert page.get_by_text("SECRET-INTERNE").count() == 0, width
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width


def test_filter_by_territory_and_search_without_accent_with_and_without_javascript(
    new_page, donnees
):
    for javascript in [True, False]:
        page = new_page(javascript=javascript)
        page.goto("/problematiques/")

        page.get_by_label("Territoire").select_option(label="Finistère (tout le département)")
        page.get_by_role("button", name="Afficher les problématiques").click()
        page.wait_for_url("**/problematiques/?*territoire=finistere*")
        titres = page.locator(".carte-problematique__titre").all_inner_texts()
        assert sorted(titres) == ["Fermeture d'une École rurale", "Tiers-lieu"], javascript

        page.get_by_label("Mots à chercher").fill("ecole")
        page.get_by_role("button", name="Afficher les problématiques").click()
        page.wait_for_url("**q=ecole*")
        assert page.locator(".carte-problematique__titre").all_inner_texts() == [
            "Fermeture d'une École rurale"
        ], javascript
        assert page.get_by_role("heading", name="1 problématique pour ces critères").is_visible()


def test_nous_aussi_with_the_keyboard_only(page, live_server, donnees):
    relais = PersonneFactory(roles=["Relais"])
    connecter(page, live_server, relais)
    page.goto(donnees.get_absolute_url())

    # From the heading of the section, Tab walks the form in order.
    page.locator("#id_organisation").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_territoire"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_expertise_offerte"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_precisions"
    page.keyboard.type("Nous aussi, depuis la rentrée.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_rejoindrait_communaute"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText").strip() == "Nous aussi"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_text("Votre soutien est enregistré").is_visible()
    soutien = Soutien.objects.get(personne=relais)
    assert soutien.precisions == "Nous aussi, depuis la rentrée."
    assert soutien.rejoindrait_communaute is True
    assert page.get_by_role("button", name="Retirer mon soutien").is_visible()
    sans_violation(page)
