"""People come to a list to find an item: on every list page the items come first, with a
link down to the filters; the filters follow, then the figures (issue 13, « lists before
statistics »). The order is the page's own, the same on screen and for the keyboard."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LISTES = [
    "/problematiques/",
    "/communautes/",
    "/experimentations/",
    "/experimentations/pactes/",
    "/gouvernance/decisions/",
    "/documentation/",
]


@pytest.mark.parametrize("adresse", LISTES)
def test_a_list_shows_its_items_before_its_filters_and_figures(client, adresse):
    reponse = client.get(adresse)
    assert reponse.status_code == 200
    html = reponse.content.decode()
    resultats = html.index('id="titre-resultats"')
    filtres = html.index('id="titre-filtres"')
    assert resultats < filtres
    assert resultats < html.index('href="#titre-filtres"') < filtres
    if 'id="titre-chiffres"' in html:
        assert filtres < html.index('id="titre-chiffres"')


def test_the_documentation_base_explains_the_commons_after_its_list_and_filters(client):
    html = client.get("/documentation/").content.decode()
    filtres = html.index('id="titre-filtres"')
    assert html.index('id="titre-resultats"') < filtres < html.index('id="titre-bien-commun"')
    # The link at the top leads down to the explanation rather than pushing the list down.
    assert html.index('href="#titre-bien-commun"') < html.index('id="titre-resultats"')


def test_the_home_shows_what_is_alive_before_what_the_lab_is(client):
    from tests.communautes.evenements.factories import EvenementFactory
    from tests.problematiques.factories import ProblematiqueFactory

    ProblematiqueFactory(publiee=True, titre="Une école sans cantine")
    EvenementFactory()
    html = client.get("/").content.decode()
    vivant = html.index('id="dernieres-problematiques"')
    assert vivant < html.index('id="ambition"') < html.index('id="fonctionnement"')
    assert html.index('id="prochains-evenements"') < html.index('id="ambition"')
