"""Framed commitments in a real browser: joining past the threshold with the keyboard only,
and no accessibility violation on the join form (in error, with the warning), « Mes
engagements » and the team's view of the load."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communautes.models import Engagement, MotifFin, RoleEngagement
from tests.browser.aide import connecter, sans_violation, tabuler_jusqu_a
from tests.browser.test_accessibility import assert_no_violations
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import PersonneFactory
from tilab.comptes.models import Expertise

pytestmark = pytest.mark.browser


@pytest.fixture
def communaute():
    return CommunauteFactory(
        nom="Mobilités rurales",
        slug="mobilites-rurales",
        objet="Se déplacer **sans voiture** à la campagne.",
    )


@pytest.fixture
def relais_deja_engage():
    relais = PersonneFactory(roles=["Relais"], first_name="Gwen", last_name="Le Goff")
    EngagementFactory(
        personne=relais, heures_par_mois=7, communaute=CommunauteFactory(nom="Cantines bio")
    )
    return relais


def test_a_relay_joins_past_the_threshold_with_the_keyboard_only(
    page, live_server, communaute, relais_deja_engage, settings
):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    connecter(page, live_server, relais_deja_engage)
    page.goto("/communautes/mobilites-rurales/")

    rejoindre = page.get_by_role("link", name="Rejoindre cette communauté").first
    tabuler_jusqu_a(page, rejoindre)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Rejoindre cette communauté").wait_for()
    sans_violation(page)

    # Role: « Membre » is already chosen. Expertise: the relay has none in their profile.
    expertise = page.get_by_label("L'expertise que vous apportez")
    tabuler_jusqu_a(page, expertise)
    page.keyboard.press("ArrowDown")
    assert expertise.input_value() == Expertise.AGENT_TERRAIN
    heures = page.get_by_label("Heures par mois")
    tabuler_jusqu_a(page, heures)
    page.keyboard.type("3")
    page.keyboard.press("Enter")

    avertissement = page.locator("#avertissement-seuil")
    avertissement.wait_for()
    texte = " ".join(avertissement.inner_text().split())
    assert "7 h par mois" in texte
    assert "10 h par mois" in texte
    assert "8 h par mois" in texte
    assert heures.input_value() == "3"
    assert expertise.input_value() == Expertise.AGENT_TERRAIN
    assert not Engagement.objects.filter(communaute=communaute).exists()
    sans_violation(page)

    confirmation = page.get_by_label("Je confirme cet engagement malgré le dépassement")
    tabuler_jusqu_a(page, confirmation)
    page.keyboard.press("Space")
    assert confirmation.is_checked()
    bouton = page.get_by_role("button", name="Confirmer mon engagement")
    tabuler_jusqu_a(page, bouton)
    page.keyboard.press("Enter")

    page.get_by_text("Vous avez rejoint « Mobilités rurales »", exact=False).wait_for()
    engagement = Engagement.objects.get(communaute=communaute)
    assert engagement.heures_par_mois == 3
    assert engagement.role == RoleEngagement.MEMBRE
    assert engagement.fin > timezone.localdate()
    bloc = page.locator(".engagement-communaute")
    assert "Votre engagement" in bloc.inner_text()
    assert "3\u00a0h par mois" in bloc.inner_text()
    sans_violation(page)


def test_the_join_form_in_error_has_no_violation_and_joining_works_without_javascript(
    new_page, live_server, communaute
):
    page = new_page()
    connecter(page, live_server, PersonneFactory())
    page.goto("/communautes/mobilites-rurales/rejoindre/")
    page.get_by_label("Heures par mois").fill("0")
    page.get_by_label("Date de fin de votre engagement").fill("")
    page.get_by_role("button", name="Rejoindre la communauté").click()
    page.get_by_text("Votre engagement n'est pas encore enregistré").wait_for()
    assert page.locator("[aria-invalid=true]").count() >= 2
    sans_violation(page)

    # Someone else, without JavaScript.
    page = new_page(javascript=False)
    connecter(page, live_server, PersonneFactory())
    page.goto("/communautes/mobilites-rurales/rejoindre/")
    page.get_by_label("L'expertise que vous apportez").select_option(Expertise.EXPERT_METIER)
    page.get_by_label("Heures par mois").fill("2")
    page.get_by_role("button", name="Rejoindre la communauté").click()
    page.get_by_text("Vous avez rejoint « Mobilités rurales »", exact=False).wait_for()
    assert Engagement.objects.get(communaute=communaute).expertise == Expertise.EXPERT_METIER


def test_the_relay_s_commitment_pages_have_no_violation_and_fit_a_phone(
    new_page, live_server, communaute, relais_deja_engage
):
    # Renewing the one commitment: the page, then in error.
    page = new_page()
    connecter(page, live_server, relais_deja_engage)
    slug = Engagement.objects.get(personne=relais_deja_engage).communaute.slug
    assert_no_violations(page, f"/communautes/{slug}/prolonger/")
    page.get_by_label("Nouvelle date de fin").fill("")
    page.get_by_role("button", name="Prolonger mon engagement").click()
    page.get_by_text("Votre engagement n'est pas encore prolongé").wait_for()
    sans_violation(page)

    # The join form and « Mes engagements » fit a phone without JavaScript.
    telephone = new_page(width=320, javascript=False)
    connecter(telephone, live_server, relais_deja_engage)
    for adresse in ["/communautes/mobilites-rurales/rejoindre/", "/communautes/mes-engagements/"]:
        telephone.goto(adresse)
        largeur = telephone.evaluate("document.scrollingElement.scrollWidth")
        assert largeur <= 320, f"{adresse} is {largeur}px wide at a 320px viewport"

    # « Mes engagements » with one commitment ending soon and one ended.
    aujourd_hui = timezone.localdate()
    EngagementFactory(
        personne=relais_deja_engage,
        heures_par_mois=3,
        fin=aujourd_hui + timedelta(days=5),
    )
    EngagementFactory(
        personne=relais_deja_engage,
        debut=aujourd_hui - timedelta(days=100),
        fin=aujourd_hui - timedelta(days=10),
        termine_le=aujourd_hui - timedelta(days=10),
        motif_fin=MotifFin.ECHU,
    )
    assert_no_violations(page, "/communautes/mes-engagements/")
    assert page.get_by_text("C'est au-delà du repère").count() == 1

    # The team's view of the load.
    EngagementFactory(personne=relais_deja_engage, heures_par_mois=4)
    equipe = new_page()
    connecter(equipe, live_server, PersonneFactory(roles=["Animation"], is_staff=True))
    assert_no_violations(equipe, "/communautes/charge/")
    assert equipe.get_by_role("rowheader", name="Gwen Le Goff").count() == 1


def test_leaving_from_my_engagements_with_the_keyboard(page, live_server, relais_deja_engage):
    connecter(page, live_server, relais_deja_engage)
    page.goto("/communautes/mes-engagements/")
    quitter = page.get_by_role("button", name="Quitter « Cantines bio »")
    tabuler_jusqu_a(page, quitter)
    page.keyboard.press("Enter")
    page.get_by_text("Vous avez quitté « Cantines bio »").wait_for()
    assert Engagement.objects.get().motif_fin == MotifFin.QUITTE
