"""The maturity checklist and the team's maturity forms in Chromium: axe finds no violation,
and a coordinator ticks the willing territory with the keyboard only."""

from __future__ import annotations

import pytest
from django.utils import timezone

from communautes.models import ActionCommunaute, Communaute, RoleEngagement, TypeAction
from tests.browser.aide import connecter, sans_violation, tabuler_jusqu_a
from tests.browser.test_accessibility import assert_no_violations
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import PersonneFactory, TerritoireFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Expertise, Territoire

pytestmark = pytest.mark.browser

PAGE = "/problematiques/bus-des-hameaux/"
TERRITOIRE = "/problematiques/bus-des-hameaux/maturite/territoire/"
DEROGATION = "/problematiques/bus-des-hameaux/maturite/derogation/"


@pytest.fixture
def epci(transactional_db):
    finistere = Territoire.objects.get(slug="finistere")
    return TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon Communauté")


@pytest.fixture
def communaute(epci):
    """A community of interest partly formed: a referent, three field agents, no
    decision-maker, no territory yet."""
    TerritoireFactory(type="commune", parent=epci, nom="Saint-Pol-de-Léon")
    p = ProblematiqueFactory(
        publiee=True,
        statut="communaute_constituee",
        slug="bus-des-hameaux",
        titre="Pas de bus pour les hameaux",
        territoires=[epci],
    )
    c = CommunauteFactory(interet=True, problematique=p, nom="Mobilités des hameaux")
    EngagementFactory(communaute=c, role=RoleEngagement.REFERENT)
    EngagementFactory.create_batch(3, communaute=c)
    return c


def completer(communaute, epci):
    EngagementFactory(communaute=communaute, expertise=Expertise.DECIDEUR)
    communaute.territoire_volontaire = epci
    communaute.territoire_volontaire_note = "La présidente l'a dit en **conseil**.\n\n- courrier"
    communaute.territoire_volontaire_le = timezone.now()
    communaute.derogation_motif = "Par *prudence*, avant l'été."
    communaute.derogation_le = timezone.now()
    communaute.save()


def test_the_checklist_and_the_team_s_forms_have_no_violation_partly_filled_then_complete(
    new_page, live_server, communaute, epci
):
    # Partly filled, as anyone reads it.
    page = new_page()
    assert_no_violations(page, PAGE)

    section = page.locator("section.maturite")
    assert section.get_by_text("Pas encore prête : 4 critères manquants").is_visible()
    assert section.get_by_text("Manquant", exact=True).count() == 4

    # The Direction's links to the team's forms, at a phone's and a desktop's width.
    direction = PersonneFactory(roles=["Direction"], is_staff=True)
    for width in [320, 1280]:
        pour_la_direction = new_page(width=width)
        connecter(pour_la_direction, live_server, direction)

        assert_no_violations(pour_la_direction, PAGE)

        assert pour_la_direction.get_by_role(
            "link", name="Noter un territoire prêt à s'engager"
        ).is_visible(), width
        assert pour_la_direction.get_by_role(
            "link", name="Déclarer prête par dérogation"
        ).is_visible(), width

    # The territory form, empty then in error.
    coordination = new_page()
    connecter(coordination, live_server, PersonneFactory(roles=["Coordination"], is_staff=True))
    assert_no_violations(coordination, TERRITOIRE)

    coordination.get_by_role("button", name="Enregistrer").click()
    assert coordination.locator("[aria-invalid=true]").count() == 2
    sans_violation(coordination)

    # The override form, empty then in error.
    assert_no_violations(pour_la_direction, DEROGATION)

    pour_la_direction.get_by_role("button", name="Enregistrer la dérogation").click()
    assert (
        pour_la_direction.get_by_text(
            "Écrivez pourquoi la problématique peut aller au COPIL"
        ).count()
        >= 1
    )
    sans_violation(pour_la_direction)

    # Complete, with an override: the checklist and both forms filled.
    completer(communaute, epci)

    assert_no_violations(page, PAGE)

    section = page.locator("section.maturite")
    assert section.get_by_text("Prête pour le COPIL", exact=True).is_visible()
    assert section.get_by_text("Rempli", exact=True).count() == 5

    assert_no_violations(coordination, TERRITOIRE)
    assert coordination.get_by_role("button", name="Retirer ce territoire").is_visible()

    assert_no_violations(pour_la_direction, DEROGATION)
    assert pour_la_direction.get_by_role("button", name="Retirer la dérogation").is_visible()


def test_a_coordinator_ticks_the_territory_with_the_keyboard_only(
    page, live_server, communaute, epci
):
    coordination = PersonneFactory(roles=["Coordination"], is_staff=True)
    connecter(page, live_server, coordination)
    page.goto("/problematiques/bus-des-hameaux/")

    tabuler_jusqu_a(page, page.get_by_role("link", name="Noter un territoire prêt à s'engager"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Un territoire prêt à s'engager").wait_for()

    # Sending the empty form first: the errors come back, and the keyboard still works.
    tabuler_jusqu_a(page, page.get_by_role("button", name="Enregistrer"))
    page.keyboard.press("Enter")
    page.get_by_role("alert").wait_for()

    select = page.get_by_label("Territoire prêt à s'engager")
    tabuler_jusqu_a(page, select)
    # A focused select is changed with the arrow keys, as people do.
    page.keyboard.press("ArrowDown")
    assert select.evaluate("el => el.options[el.selectedIndex].text") == (
        "Haut-Léon Communauté (EPCI)"
    )
    page.keyboard.press("Tab")
    page.keyboard.type("Courrier de la présidente du 3 mars : **d'accord** pour expérimenter.")
    tabuler_jusqu_a(page, page.get_by_role("button", name="Enregistrer"))
    page.keyboard.press("Enter")

    page.get_by_text("est noté comme prêt à s'engager").wait_for()
    c = Communaute.objects.get(pk=communaute.pk)
    assert c.territoire_volontaire == epci
    assert c.territoire_volontaire_note.startswith("Courrier de la présidente")
    action = ActionCommunaute.objects.get(communaute=c)
    assert (action.type, action.par) == (TypeAction.TERRITOIRE_VOLONTAIRE, coordination)
    section = page.locator("section.maturite")
    assert section.locator("strong", has_text="d'accord").is_visible()
    assert section.get_by_text("Pas encore prête : 3 critères manquants").is_visible()
    sans_violation(page)
