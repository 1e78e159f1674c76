"""Community pages in a real browser: no accessibility violation, filters with the keyboard
only, no horizontal scroll on a phone."""

from __future__ import annotations

import pytest

from communautes.models import RoleEngagement, StatutCommunaute
from communautes.models import TypeCommunaute as Type
from tests.browser.aide import ecarts_des_pages, tabuler_jusqu_a
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import OrganisationFactory, PersonneFactory, ThemeFactory
from tilab.comptes.models import Expertise, Territoire

pytestmark = pytest.mark.browser

URL_COMMUNAUTE = "/communautes/archipel-accueil/"


@pytest.fixture
def communautes():
    finistere = Territoire.objects.get(slug="finistere")
    theme = ThemeFactory(nom="Accès aux droits", slug="acces-aux-droits")
    archipel = CommunauteFactory(
        nom="Archipel de l'accueil de proximité, des secrétaires de mairie et des France services",
        slug="archipel-accueil",
        type=Type.ARCHIPEL,
        objet="## Pourquoi\n\nPartager les **astuces** qui débloquent un dossier.\n\n- un\n- deux",
        animateur=PersonneFactory(first_name="Erwan", last_name="Tanguy", profil_public=True),
    )
    archipel.themes.add(theme)
    archipel.territoires.add(finistere)
    organisation = OrganisationFactory(
        nom="Communauté de communes du Haut-Léon et de la baie de Morlaix-Carantec"
    )
    for i, expertise in enumerate(
        [Expertise.AGENT_TERRAIN, Expertise.AGENT_TERRAIN, Expertise.DECIDEUR, Expertise.USAGER]
    ):
        EngagementFactory(
            communaute=archipel,
            expertise=expertise,
            role=RoleEngagement.REFERENT if i == 0 else RoleEngagement.MEMBRE,
            organisation=organisation,
            personne=PersonneFactory(
                profil_public=i != 3,
                fonction="Chargée de mission accueil et accès aux droits des habitants",
            ),
        )
    EvenementFactory(titre="Atelier : accueillir sans rendez-vous", communaute=archipel, capacite=1)
    EvenementFactory(titre="Rencontre de l'archipel", communaute=archipel)
    autre = CommunauteFactory(
        nom="Mobilités rurales", type=Type.THEMATIQUE, statut=StatutCommunaute.EN_CONSTITUTION
    )
    autre.territoires.add(Territoire.objects.get(slug="morbihan"))
    CommunauteFactory(nom="Logement des saisonniers", interet=True, statut=StatutCommunaute.ACTIVE)
    return archipel


def test_community_pages_have_no_violation_and_fit_a_phone(new_page, communautes):
    ecarts = ecarts_des_pages(
        [new_page(), new_page()],
        [
            "/communautes/",
            "/communautes/?type=archipel&territoire=finistere",
            "/communautes/?type=interet&territoire=finistere",
            URL_COMMUNAUTE,
        ],
    )
    # No horizontal scroll at 320 px.
    telephone = new_page(width=320)
    for url in ["/communautes/", URL_COMMUNAUTE]:
        telephone.goto(url)
        scroll_width = telephone.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > 320:
            ecarts.append(f"{url} is {scroll_width}px wide at a 320px viewport")
    assert not ecarts, "\n\n".join(ecarts)


def test_filtering_by_kind_with_the_keyboard_only_then_the_community_page(page, communautes):
    page.goto("/communautes/")
    choix = page.get_by_label("Type de communauté")
    tabuler_jusqu_a(page, choix, libelle="the kind filter")
    # Closed select: the arrow keys change the choice without opening it.
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert choix.input_value() == "archipel"

    bouton = page.get_by_role("button", name="Afficher les communautés")
    tabuler_jusqu_a(page, bouton, essais=10, libelle="the button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/communautes/?*type=archipel*")

    cartes = page.locator(".carte-communaute h3")
    assert cartes.all_inner_texts() == [communautes.nom]
    assert page.get_by_label("Type de communauté").input_value() == "archipel"
    assert "type de communauté «\u00a0Archipel des pratiques\u00a0»" in page.inner_text(
        ".resultats"
    )

    # The community page shows its members, their chart and its events.
    page.goto(URL_COMMUNAUTE)
    assert page.get_by_role("heading", level=1).inner_text() == communautes.nom
    membres = page.locator(".membre")
    assert membres.count() == 3
    assert "Et 1 autre membre" in page.inner_text(".fiche__cote")
    assert page.get_by_role("img", name="Membres par type d'expertise").is_visible()
    assert page.get_by_role("table").filter(has_text="Agent de terrain").is_visible()
    evenements = page.locator(".carte-evenement h3")
    assert evenements.count() == 2
