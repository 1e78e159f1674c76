"""The Ti Team forms a community of interest from a supported problem, in a real browser."""

from __future__ import annotations

import pytest

from communautes.models import Communaute, StatutCommunaute
from problematiques.models import Statut
from tests.browser.aide import connecter, sans_violation
from tests.factories import PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def soutenue():
    p = ProblematiqueFactory(
        publiee=True,
        titre="Se soigner sans voiture dans les hameaux",
        slug="se-soigner-sans-voiture",
        constat="Les médecins sont à **trente minutes** et il n'y a pas de bus.",
    )
    SoutienFactory(problematique=p, rejoindrait_communaute=True)
    SoutienFactory(problematique=p, rejoindrait_communaute=True)
    SoutienFactory(problematique=p)
    return p


def test_coordination_forms_the_community_from_the_problem_page(new_page, live_server, soutenue):
    # First on a phone, as the Direction: the team's box and the form, without violation and
    # nothing wider than the screen (no sideways scrolling).
    telephone = new_page(width=320)
    connecter(telephone, live_server, PersonneFactory(roles=["Direction"], is_staff=True))
    for url in (
        soutenue.get_absolute_url(),
        f"{soutenue.get_absolute_url()}constituer-la-communaute/",
    ):
        telephone.goto(url)
        sans_violation(telephone)
        assert telephone.evaluate("document.documentElement.scrollWidth") <= 320, url

    page = new_page()
    coordination = PersonneFactory(
        roles=["Coordination"], is_staff=True, first_name="Maël", last_name="Le Bihan"
    )
    connecter(page, live_server, coordination)

    # The problem's page shows the team's box, without accessibility violation.
    page.goto(soutenue.get_absolute_url())
    encart = page.locator(".communaute-encart--equipe")
    assert "2 personnes" in encart.inner_text()
    sans_violation(page)
    encart.get_by_role("link", name="Constituer la communauté d'intérêt").click()
    page.wait_for_url("**/constituer-la-communaute/")

    # The form, prefilled from the problem, without violation.
    nom = page.get_by_label("Nom de la communauté")
    assert nom.input_value() == "Se soigner sans voiture dans les hameaux"
    assert "trente minutes" in page.get_by_label("Objet de la communauté").input_value()
    assert "2 personnes" in page.locator(".notice").first.inner_text()
    sans_violation(page)

    # An empty name: a French message next to the field, what was typed is kept.
    nom.fill("")
    page.get_by_label("Objet de la communauté").fill(
        "Trouver ensemble des solutions de **transport**."
    )
    page.get_by_role("button", name="Constituer la communauté").click()
    page.wait_for_load_state()
    champ = page.locator(".field", has=page.locator("#id_nom"))
    assert "Donnez un nom à la communauté." in champ.inner_text()
    assert page.locator("#id_nom").get_attribute("aria-invalid") == "true"
    assert (
        page.get_by_label("Objet de la communauté").input_value()
        == "Trouver ensemble des solutions de **transport**."
    )
    assert not Communaute.objects.exists()
    sans_violation(page)

    # The preview shows the purpose formatted, nothing is formed yet.
    nom.fill("Soins de proximité")
    page.get_by_role("button", name="Prévisualiser").click()
    page.wait_for_load_state()
    assert page.locator(".constitution__apercu strong", has_text="transport").count() == 1
    assert not Communaute.objects.exists()
    sans_violation(page)

    # Confirmed: the community exists and the browser lands on its page.
    page.get_by_role("button", name="Constituer la communauté").click()
    page.wait_for_url("**/communautes/soins-de-proximite/")
    page.get_by_text("La communauté « Soins de proximité » est constituée.", exact=False).wait_for()
    assert "2 personnes invitées par courriel" in page.content()
    communaute = Communaute.objects.get()
    assert communaute.statut == StatutCommunaute.EN_CONSTITUTION
    assert communaute.animateur == coordination
    soutenue.refresh_from_db()
    assert soutenue.statut == Statut.COMMUNAUTE_CONSTITUEE

    # Back on the problem: the community box and the step on the trajectory, with its link.
    page.goto(soutenue.get_absolute_url())
    assert (
        page.locator(".communaute-encart").get_by_role("link", name="Soins de proximité").count()
        == 1
    )
    etape = page.locator(".trajectoire__etape--communaute")
    assert etape.get_by_role("link", name="Voir la communauté « Soins de proximité »").count() == 1
    sans_violation(page)


def test_the_form_works_without_javascript(new_page, live_server, soutenue):
    animation = PersonneFactory(roles=["Animation"], is_staff=True)
    page = new_page(javascript=False)
    connecter(page, live_server, animation)
    # axe needs JavaScript: the page is checked with it in the test above.
    page.goto(f"{soutenue.get_absolute_url()}constituer-la-communaute/")
    page.get_by_role("button", name="Constituer la communauté").click()
    page.wait_for_url("**/communautes/se-soigner-sans-voiture-dans-les-hameaux/")
    assert Communaute.objects.get().animateur == animation
