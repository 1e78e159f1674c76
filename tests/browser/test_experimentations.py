"""Experiments and pacts in a real browser: the public reads an experiment, its time line and
a pact (axe, keyboard, no sideways scroll), prints the pact without the site's navigation, and
two signatories confirm a pact, each with their own account."""

from __future__ import annotations

import pytest

from communautes.models import Engagement
from experimentations.models import Signataire, StatutPacte
from tests.browser.aide import connecter, sans_violation, tabuler_jusqu_a
from tests.browser.test_accessibility import assert_no_violations
from tests.experimentations.monde import creer_monde

pytestmark = pytest.mark.browser


@pytest.fixture
def monde(transactional_db):
    return creer_monde()


def sans_defilement_horizontal(page) -> None:
    largeur = page.evaluate("document.scrollingElement.scrollWidth")
    assert largeur <= page.viewport_size["width"], f"{page.url}: {largeur} px"


def test_the_public_reads_the_list_an_experiment_its_timeline_and_a_pact(new_page, monde):
    for width in [375, 1280]:
        page = new_page(width=width)
        assert_no_violations(page, "/experimentations/")
        # Two charts after the list, and the team's load.
        assert page.locator("svg[role=img]").count() == 3, width
        charge = page.get_by_role("table", name="La charge de l'équipe : les chiffres")
        assert charge.get_by_role("rowheader", name="Anne Le Gall").is_visible(), width
        assert page.get_by_text(
            "1 personne de la coordination est au-delà de sa capacité."
        ).is_visible(), width
        sans_defilement_horizontal(page)

        assert_no_violations(page, monde.experimentation.get_absolute_url())
        frise = page.get_by_role("img", name="Les phases de l'expérimentation : prévu et réel")
        assert frise.is_visible(), width
        tableau = page.get_by_role("table", name="Les phases : dates prévues et réelles")
        assert tableau.get_by_role("row").count() == 6, width
        assert page.get_by_role("heading", name="Trajectoire").is_visible(), width
        assert page.get_by_text(
            "Pacte de transformation signé avec Commune de Plouzané"
        ).is_visible(), width
        sans_defilement_horizontal(page)

        assert_no_violations(page, monde.signe.get_absolute_url())
        assert page.get_by_role("heading", level=1).inner_text() == (
            f"Pacte n° {monde.signe.numero}"
        ), width
        sans_defilement_horizontal(page)

        assert_no_violations(page, "/experimentations/pactes/")
        sans_defilement_horizontal(page)

    # The keyboard goes from the experiment to its pact and back.
    page.goto(monde.experimentation.get_absolute_url())
    lien = page.get_by_role(
        "link", name=f"Pacte n° {monde.signe.numero} : Commune de Plouzané", exact=True
    )
    tabuler_jusqu_a(page, lien, essais=120)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{monde.signe.get_absolute_url()}")
    retour = page.get_by_role("link", name="Cantines sans plastique").first
    tabuler_jusqu_a(page, retour)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{monde.experimentation.get_absolute_url()}")
    # The time line scrolls inside its box on a phone: reachable with the keyboard.
    frise = page.get_by_role("region", name="Frise des phases (défilement horizontal)")
    tabuler_jusqu_a(page, frise, essais=120)


def verifier_le_pacte_imprime(page) -> None:
    """The paper copy of the pact on ``page``: no navigation, no button, the commitments and
    the signatures."""
    page.emulate_media(media="print")

    for nav in page.locator("nav").all():
        assert not nav.is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.get_by_role("link", name="Confirmer ma signature").is_visible()
    assert page.locator(".button:visible, button:visible").count() == 0
    # What the paper copy is for: the commitments and the signatures.
    assert page.get_by_role("heading", name="Les engagements de l'organisation").is_visible()
    assert page.get_by_role(
        "table", name="Les signataires et la date de leur confirmation"
    ).is_visible()

    page.emulate_media(media="screen")


def test_two_signatories_confirm_a_pact_with_their_own_accounts(new_page, monde, live_server):
    pacte = monde.propose

    agent = new_page()
    connecter(agent, live_server, monde.agent)

    # The pact to confirm, printed: without its navigation nor its buttons.
    agent.goto(pacte.get_absolute_url())
    assert agent.get_by_role("link", name="Confirmer ma signature").is_visible()
    verifier_le_pacte_imprime(agent)

    # The agent finds the pact in « Mes pactes ».
    agent.goto("/experimentations/pactes/mes-pactes/")
    sans_violation(agent)
    confirmer = agent.get_by_role("link", name=f"Confirmer ma signature du Pacte n° {pacte.numero}")
    tabuler_jusqu_a(agent, confirmer)
    agent.keyboard.press("Enter")
    agent.get_by_role("heading", name="Confirmer ma signature").wait_for()
    sans_violation(agent)

    # Without ticking the box: the error is next to it, nothing recorded.
    bouton = agent.get_by_role("button", name="Confirmer ma signature")
    tabuler_jusqu_a(agent, bouton)
    agent.keyboard.press("Enter")
    agent.get_by_text("Votre signature n'est pas encore enregistrée.").wait_for()
    sans_violation(agent, "confirmation sans la case cochée")
    assert (
        not Signataire.objects.filter(personne=monde.agent, signe_le__isnull=False)
        .exclude(pacte=monde.signe)
        .exists()
    )

    case = agent.get_by_label(
        "J'ai lu le pacte et je le confirme au nom de Brest Métropole, direction des écoles"
    )
    tabuler_jusqu_a(agent, case)
    agent.keyboard.press("Space")
    assert case.is_checked()
    tabuler_jusqu_a(agent, bouton)
    agent.keyboard.press("Enter")
    agent.wait_for_url(f"**{pacte.get_absolute_url()}")
    assert agent.get_by_text("Votre signature est confirmée.").is_visible()
    sans_violation(agent)
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.PROPOSE

    # The decision-maker, in another browser, with her own session.
    decideuse = new_page(width=375)
    connecter(decideuse, live_server, monde.decideuse)
    decideuse.goto(pacte.get_absolute_url())
    decideuse.get_by_role("link", name="Confirmer ma signature").click()
    decideuse.get_by_label(
        "J'ai lu le pacte et je le confirme au nom de Brest Métropole, direction des écoles"
    ).check()
    decideuse.get_by_role("button", name="Confirmer ma signature").click()
    decideuse.wait_for_url(f"**{pacte.get_absolute_url()}")
    assert decideuse.get_by_text(f"le Pacte n° {pacte.numero} est signé").is_visible()
    sans_defilement_horizontal(decideuse)

    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.SIGNE
    # The 0.1 FTE became the agent's contractual commitment in the experiment's community.
    assert Engagement.objects.filter(
        personne=monde.agent, contractuel=True, cadre=f"Pacte n° {pacte.numero}"
    ).exists()
    # The agent, nothing left to confirm.
    agent.goto("/experimentations/pactes/mes-pactes/")
    assert agent.get_by_text("Votre confirmation est attendue").count() == 0
