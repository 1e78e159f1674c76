"""A community's, an event's and an experiment's page, as people see them (issue 13, « Detail
pages »): the page's main action sits under the title, in the first screen of a phone; the
side column lists people one line each, the first five in sight and the others behind a
disclosure that needs no JavaScript, and does not run past the main column on a desktop."""

from __future__ import annotations

import pytest

from tests.browser.aide import sans_violation

pytestmark = pytest.mark.browser

TELEPHONE = {"width": 375, "height": 667}


def _dans_le_premier_ecran(lien) -> bool:
    boite = lien.bounding_box()
    return boite is not None and boite["y"] + boite["height"] <= TELEPHONE["height"]


def _colonne_de_cote_pas_plus_haute(page) -> None:
    cote = page.locator(".fiche__cote").bounding_box()
    principal = page.locator(".fiche__principal").bounding_box()
    assert cote is not None and principal is not None
    assert cote["y"] + cote["height"] <= principal["y"] + principal["height"]


def _cinq_en_vue_puis_le_reste(page, section, ligne: str, resume: str, total: int) -> None:
    lignes = section.locator(ligne)
    assert lignes.count() == total
    assert sum(lignes.nth(i).is_visible() for i in range(total)) == 5
    ouvrir = section.get_by_text(resume)
    ouvrir.focus()
    page.keyboard.press("Enter")
    assert all(lignes.nth(i).is_visible() for i in range(total))


def test_a_community_page_offers_to_join_first_and_lists_its_members_compactly(new_page):
    from communautes.models import StatutCommunaute
    from tests.communautes.factories import CommunauteFactory, EngagementFactory
    from tests.factories import OrganisationFactory, PersonneFactory

    communaute = CommunauteFactory(nom="Mobilités rurales", statut=StatutCommunaute.ACTIVE)
    for i in range(8):
        EngagementFactory(
            communaute=communaute,
            personne=PersonneFactory(first_name="Membre", last_name=f"n° {i}", profil_public=True),
            organisation=OrganisationFactory(nom=f"Commune {i}"),
        )

    page = new_page(**TELEPHONE)
    page.goto(communaute.get_absolute_url())
    assert _dans_le_premier_ecran(page.get_by_role("link", name="Rejoindre cette communauté").first)
    sans_violation(page, "community page at 375 px")

    page = new_page()
    page.goto(communaute.get_absolute_url())
    _colonne_de_cote_pas_plus_haute(page)
    membres = page.get_by_role("region", name="Les membres")
    _cinq_en_vue_puis_le_reste(page, membres, ".membre", "Voir les 3 autres membres", 8)
    sans_violation(page, "community page at 1280 px, every member shown")


def test_an_event_page_offers_to_register_in_the_first_screen_of_a_phone(new_page):
    from tests.communautes.evenements.factories import EvenementFactory

    evenement = EvenementFactory(titre="Rencontre régionale des mobilités", capacite=40)

    page = new_page(**TELEPHONE)
    page.goto(evenement.get_absolute_url())
    sinscrire = page.get_by_role("link", name="S'inscrire : 40 places libres sur 40")
    assert _dans_le_premier_ecran(sinscrire)
    sans_violation(page, "event page at 375 px")
    sinscrire.click()
    assert page.url.endswith("#titre-inscription")
    assert page.get_by_role("heading", name="Inscription").is_visible()


def test_an_experiment_page_lists_its_participants_compactly_in_the_side_column(new_page):
    from experimentations.models import RoleParticipant
    from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory
    from tests.factories import OrganisationFactory

    experimentation = ExperimentationFactory()
    for i in range(7):
        ParticipantFactory(
            experimentation=experimentation,
            organisation=OrganisationFactory(nom=f"Partenaire {i}"),
            personne=None,
            role=RoleParticipant.PARTENAIRE,
        )

    page = new_page(**TELEPHONE)
    page.goto(experimentation.get_absolute_url())
    assert _dans_le_premier_ecran(page.get_by_role("link", name="Qui y participe"))
    sans_violation(page, "experiment page at 375 px")

    page = new_page()
    page.goto(experimentation.get_absolute_url())
    _colonne_de_cote_pas_plus_haute(page)
    participants = page.get_by_role("region", name="Qui y participe")
    _cinq_en_vue_puis_le_reste(
        page, participants, ".participant", "Voir les 2 autres participants", 7
    )
    sans_violation(page, "experiment page at 1280 px, every participant shown")
