"""Every /comptes/ page of ours for every persona, visitors included."""

import pytest
from django.urls import reverse

from tests.conftest import ALL_PERSONAS

PAGES = ["comptes:profil", "comptes:export", "comptes:supprimer"]


@pytest.mark.parametrize("nom", ALL_PERSONAS)
@pytest.mark.parametrize("page", PAGES)
def test_every_persona_reaches_its_own_account_pages(client_de, nom, page):
    url = reverse(page)
    reponse = client_de(nom).get(url)
    if nom == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"] == f"{reverse('account_login')}?next={url}"
    else:
        assert reponse.status_code == 200


@pytest.mark.parametrize("page", ["comptes:profil", "comptes:supprimer"])
def test_visitors_cannot_post_and_are_sent_to_login(client, page):
    reponse = client.post(reverse(page), {"confirmation": "x@y.fr"})
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("nom", [n for n in ALL_PERSONAS if n != "anonyme"])
def test_the_profile_page_names_the_roles_of_the_persona(client_de, persona, nom):
    html = client_de(nom).get(reverse("comptes:profil")).content.decode()
    for role in persona(nom).groups.values_list("name", flat=True):
        assert role in html


def test_login_brings_the_visitor_back_to_the_page_asked(client, relais):
    from tests.factories import MOT_DE_PASSE

    url = reverse("comptes:supprimer")
    reponse = client.post(
        f"{reverse('account_login')}?next={url}",
        {"login": relais.email, "password": MOT_DE_PASSE},
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == url
