"""Query counts of the documentation's pages on 5,000 pages with their revisions (the issue's
size): the base, a deep page of it, a search, a filtered list, the richest page, its history,
a comparison, the portal's search and the open data file each cost the queries they cost on
thirty pages. The rows are written in bulk, once for the module."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documentation.models import Licence, Page, Reutilisation, Revision, SortePage, StatutPage
from documentation.models.pages import CHAMPS_REVISES
from tests.conftest import contraintes_verifiees
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory

NB_PAGES = 5_000
NB_REVISIONS_DE_LA_PLUS_RICHE = 30
MOTS = ["transport", "école", "cantine", "mobilité", "santé", "logement", "numérique"]


@pytest.fixture(scope="module")
def base_de_5000_pages(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        auteur = PersonneFactory(profil_public=True)
        themes = [ThemeFactory(nom=f"Thème {n}") for n in range(6)]
        territoires = [TerritoireFactory(nom=f"Territoire {n}") for n in range(6)]
        maintenant = timezone.now()
        sortes = list(SortePage.values)
        pages = Page.objects.bulk_create(
            Page(
                titre=f"Page {n} : {MOTS[n % len(MOTS)]} et {MOTS[(n * 3) % len(MOTS)]}",
                slug=f"page-volume-{n}",
                sorte=sortes[n % len(sortes)],
                resume=f"Ce que la page {n} apporte sur le {MOTS[n % len(MOTS)]}.",
                corps="## Contexte\n\n" + " ".join(MOTS) + f" — page {n}.",
                licence=Licence.CC_BY_SA_4,
                conditions_reutilisation="Une équipe.",
                contact="contact@exemple.fr",
                statut=StatutPage.PUBLIEE if n % 10 else StatutPage.BROUILLON,
                publiee_le=maintenant - timedelta(minutes=n) if n % 10 else None,
                creee_par=auteur,
                nb_reutilisations=0,
            )
            for n in range(NB_PAGES)
        )
        Page.auteurs.through.objects.bulk_create(
            Page.auteurs.through(page_id=p.pk, personne_id=auteur.pk) for p in pages
        )
        Page.themes.through.objects.bulk_create(
            Page.themes.through(page_id=p.pk, theme_id=themes[i % 6].pk)
            for i, p in enumerate(pages)
        )
        Page.territoires.through.objects.bulk_create(
            Page.territoires.through(page_id=p.pk, territoire_id=territoires[i % 6].pk)
            for i, p in enumerate(pages)
        )
        revisions = [
            Revision(page=p, numero=k, par=auteur, **{c: getattr(p, c) for c in CHAMPS_REVISES})
            for p in pages
            for k in (1, 2)
        ]
        la_plus_riche = pages[1]
        revisions += [
            Revision(
                page=la_plus_riche,
                numero=k,
                par=auteur,
                note=f"Révision {k}",
                **{c: getattr(la_plus_riche, c) for c in CHAMPS_REVISES},
            )
            for k in range(3, NB_REVISIONS_DE_LA_PLUS_RICHE + 1)
        ]
        Revision.objects.bulk_create(revisions)
        Reutilisation.objects.bulk_create(
            Reutilisation(page=la_plus_riche, ou=f"Commune {k}", comment="Repris.", par=auteur)
            for k in range(40)
        )
        Page.objects.filter(pk=la_plus_riche.pk).update(nb_reutilisations=40)
        contraintes_verifiees()
        yield la_plus_riche
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "requetes"),
    [
        ("/documentation/", 5),
        ("/documentation/?page=200", 5),
        ("/documentation/?q=transport", 5),
        ("/documentation/?sorte=methode&theme=theme-1", 6),
        # One statement for every kind's best rows, with the count of their candidates, their
        # titles and addresses beside them.
        ("/recherche/?q=transport", 1),
        ("/recherche/?q=ecole&sorte=documentation&page=20", 2),
    ],
)
def test_the_base_and_the_search_cost_what_they_cost_on_thirty_pages(
    client, base_de_5000_pages, django_assert_num_queries, url, requetes
):
    client.get(url)
    with django_assert_num_queries(requetes):
        reponse = client.get(url)
    assert reponse.status_code == 200


@pytest.mark.django_db
def test_the_richest_page_its_history_and_a_comparison_cost_a_fixed_number(
    client, base_de_5000_pages, django_assert_num_queries
):
    page = base_de_5000_pages
    adresse = page.get_absolute_url()
    for url, requetes in (
        (adresse, 5),
        (f"{adresse}historique/", 3),
        (f"{adresse}historique/?page=2", 3),
        (f"{adresse}comparer/?de=1&a={NB_REVISIONS_DE_LA_PLUS_RICHE}", 3),
        (f"{adresse}markdown/", 2),
    ):
        client.get(url)
        with django_assert_num_queries(requetes, info=url):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_open_data_file_streams_every_published_page_in_a_few_queries(
    client, base_de_5000_pages, django_assert_max_num_queries
):
    reponse = client.get(reverse("donnees_csv", args=["documentation"]))
    with django_assert_max_num_queries(8):
        contenu = b"".join(reponse.streaming_content).decode()
    assert contenu.count("\n") == 1 + NB_PAGES * 9 // 10
