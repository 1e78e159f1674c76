"""The pages the bench measures: every public page of the site is among them (or left out for
a reason the module that owns it states), and each answers 200 to its persona, so that a
bench run measures pages, not redirections or errors."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from tests.test_roles_urls import ANONYME, OK, TABLE
from tilab import banc

pytestmark = pytest.mark.django_db


def noms_publics() -> set[str]:
    """URL names the roles table opens to an anonymous visitor with a GET."""
    return {
        nom
        for nom, lignes in TABLE.items()
        for ligne in lignes
        if ligne.methode == "get" and ligne.attendus[ANONYME] == OK
    }


def nom_url(page: banc.Page) -> str:
    return resolve(urlsplit(page.chemin).path).view_name


def test_every_public_url_name_is_measured_or_left_out_with_a_reason(donnees_du_banc):
    mesures = {nom_url(p) for p in banc.toutes_les_pages(donnees_du_banc)}
    laissees = banc.laissees_de_cote()
    assert sorted(noms_publics() - mesures - laissees.keys()) == []
    # A reason stays only while its page is public and unmeasured.
    assert sorted(laissees.keys() - noms_publics()) == []
    assert sorted(laissees.keys() & mesures) == []
    assert all(raison for raison in laissees.values())


def test_every_page_answers_200_to_its_persona(client, donnees_du_banc):
    # One page of each view for each persona: the slugs the modules picked, the personas'
    # rights. (Filters and page numbers of a list never turn a 200 into something else.)
    vues = set()
    refusees = []
    for page in banc.toutes_les_pages(donnees_du_banc):
        if (nom_url(page), page.persona) in vues:
            continue
        vues.add((nom_url(page), page.persona))
        client.logout()
        if page.persona:
            client.force_login(donnees_du_banc.personas[page.persona])
        reponse = client.get(page.chemin)
        if reponse.status_code != 200:
            refusees.append(f"{page.cle} : {reponse.status_code}")
    assert refusees == []


def test_the_pages_of_later_apps_come_in_through_their_bench_module(donnees_du_banc):
    # Discovered by module name, like seed_demo's demo modules: nothing lists them.
    pages = banc.toutes_les_pages(donnees_du_banc)
    assert {"/experimentations/", "/gouvernance/", "/documentation/"} <= {p.chemin for p in pages}
    assert len({(p.chemin, p.persona) for p in pages}) == len(pages)


def test_a_page_names_a_known_persona_only():
    with pytest.raises(ValueError, match="Persona inconnu"):
        banc.Page("/", banc.Nature.LISTE, persona="codir")
