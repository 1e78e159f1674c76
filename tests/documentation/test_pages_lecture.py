"""The documentation base (``/documentation/``): published pages only, their facets, the French
full-text search with its highlighted extracts, pagination and the cost of the list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from documentation import filters
from documentation.models import Licence, Page, SortePage, StatutPage
from documentation.services.pages import page_archiver
from documentation.views.lecture import extrait_sur
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.factories import TerritoireFactory, ThemeFactory
from tilab import recherche
from tilab.comptes.models import Territoire

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
URL = "/documentation/"


def titres(reponse) -> list[str]:
    return [p.titre for p in reponse.context["pages"]]


def il_y_a(jours: int):
    return timezone.now() - timedelta(days=jours)


def test_the_base_lists_published_pages_only_most_recent_first(client, persona):
    une_page(titre="Ancienne", publiee_le=il_y_a(10))
    une_page(titre="Récente", publiee_le=il_y_a(1))
    une_page(titre="Archivée", statut=StatutPage.ARCHIVEE)
    une_page(titre="Brouillon secret", statut=StatutPage.BROUILLON)
    une_page(titre="En relecture secrète", statut=StatutPage.EN_RELECTURE)
    reponse = client.get(URL)
    assert reponse.status_code == 200
    assert titres(reponse) == ["Récente", "Ancienne"]
    contenu = reponse.content.decode()
    assert "secret" not in contenu and "Archivée" not in contenu
    assert "<title>Documentation — Ti Lab</title>" in contenu


@pytest.mark.parametrize("nom", ["anonyme", "relais", "documentation", "coordination"])
def test_drafts_are_never_listed_nor_found_whoever_looks(client_de, nom):
    une_page(titre="Brouillon sur la mobilité", statut=StatutPage.BROUILLON)
    une_page(titre="Relecture sur la mobilité", statut=StatutPage.EN_RELECTURE)
    une_page(titre="Publiée sur la mobilité")
    client = client_de(nom)
    assert titres(client.get(URL)) == ["Publiée sur la mobilité"]
    assert titres(client.get(URL, {"q": "mobilité"})) == ["Publiée sur la mobilité"]


def test_a_card_shows_kind_summary_licence_themes_territories_experiment_and_reuses(client):
    experimentation = ExperimentationFactory(titre="Cantines en circuit court")
    page = une_page(
        titre="Fiche cantines",
        sorte=SortePage.GUIDE,
        resume="Un résumé *utile*.",
        licence=Licence.LICENCE_OUVERTE_2,
        experimentation=experimentation,
        nb_reutilisations=3,
    )
    page.themes.add(ThemeFactory(nom="Alimentation"))
    page.territoires.add(Territoire.objects.get(slug="finistere"))
    contenu = client.get(URL).content.decode()
    for attendu in (
        f'<a href="/documentation/{page.slug}/">Fiche cantines</a>',
        "Guide",
        "Un résumé <em>utile</em>.",
        "Licence Ouverte 2.0",
        "Alimentation",
        "Finistère",
        "Cantines en circuit court",
        "3 réutilisations déclarées",
    ):
        assert attendu in contenu


def test_a_card_kept_by_the_process_follows_its_page_at_the_next_visit(client):
    page = une_page(titre="Avant", nb_reutilisations=1)
    page.themes.add(ThemeFactory(nom="Eau"))
    assert "Avant" in client.get(URL).content.decode()
    Page.objects.filter(pk=page.pk).update(titre="Après", nb_reutilisations=2)
    page.themes.add(ThemeFactory(nom="Mobilité"))
    contenu = client.get(URL).content.decode()
    assert "Après" in contenu and "Avant" not in contenu
    assert "2 réutilisations déclarées" in contenu and "Eau, Mobilité" in contenu


def test_who_may_start_a_page_sees_the_link_to_write_one(client_de):
    assert 'href="/documentation/nouvelle/"' not in client_de("anonyme").get(URL).content.decode()
    assert 'href="/documentation/nouvelle/"' not in client_de("relais").get(URL).content.decode()
    assert 'href="/documentation/nouvelle/"' in client_de("coordination").get(URL).content.decode()


def test_the_intro_says_who_writes_and_how_to_reuse(client):
    contenu = client.get(URL).content.decode()
    assert "documenté par les personnes qui le mènent" in contenu
    assert "déclarez-le" in contenu


# --- Facets -------------------------------------------------------------------------------------


def test_facets_filter_by_kind_theme_territory_licence_and_experiment(client):
    eau = ThemeFactory(nom="Eau", slug="eau")
    finistere = Territoire.objects.get(slug="finistere")
    epci = TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon")
    experimentation = ExperimentationFactory(slug="cantines")
    guide = une_page(titre="Guide", sorte=SortePage.GUIDE)
    sur_eau = une_page(titre="Sur l'eau")
    sur_eau.themes.add(eau)
    dans_epci = une_page(titre="Dans l'EPCI")
    dans_epci.territoires.add(epci)
    ailleurs = une_page(titre="Ailleurs")
    ailleurs.territoires.add(Territoire.objects.get(slug="morbihan"))
    une_page(titre="En CC0", licence=Licence.CC0)
    une_page(titre="Des cantines", experimentation=experimentation)
    brouillon = une_page(titre="Brouillon de l'eau", statut=StatutPage.BROUILLON)
    brouillon.themes.add(eau)
    assert titres(client.get(URL, {"sorte": "guide"})) == [guide.titre]
    assert titres(client.get(URL, {"theme": "eau"})) == ["Sur l'eau"]
    # A département includes its EPCI.
    assert titres(client.get(URL, {"territoire": "finistere"})) == ["Dans l'EPCI"]
    assert titres(client.get(URL, {"licence": "cc0"})) == ["En CC0"]
    assert titres(client.get(URL, {"experimentation": "cantines"})) == ["Des cantines"]


def test_the_experiment_facet_offers_experiments_with_published_pages_only(client):
    documentee = ExperimentationFactory(titre="Documentée")
    ExperimentationFactory(titre="Sans page")
    en_brouillon = ExperimentationFactory(titre="Brouillon seulement")
    une_page(experimentation=documentee)
    une_page(experimentation=en_brouillon, statut=StatutPage.BROUILLON)
    choix = client.get(URL).context["filtre"].filters["experimentation"].extra["choices"]
    assert [titre for _slug, titre in choix] == ["Documentée"]


def test_the_experiment_facet_offers_the_most_documented_and_takes_any_other_by_address(
    client, persona, monkeypatch
):
    monkeypatch.setattr(filters, "EXPERIMENTATIONS_PROPOSEES", 2)
    trois, deux, une = (ExperimentationFactory(titre=t, slug=t) for t in ("trois", "deux", "une"))
    ExperimentationFactory(titre="Sans page", slug="sans-page")
    for experimentation, nombre in ((trois, 3), (deux, 2), (une, 1)):
        for n in range(nombre):
            une_page(titre=f"{experimentation.titre} {n}", experimentation=experimentation)

    def choix(**params) -> list[str]:
        reponse = client.get(URL, params)
        return [
            titre
            for _slug, titre in reponse.context["filtre"]
            .filters["experimentation"]
            .extra["choices"]
        ]

    assert choix() == ["deux", "trois"]
    contenu = client.get(URL).content.decode()
    assert "expérimentations qui ont le plus de pages publiées" in contenu
    assert "Toute sa documentation" in contenu
    # Another one, by the link of its page: chosen, listed, and shown selected.
    reponse = client.get(URL, {"experimentation": "une"})
    assert titres(reponse) == ["une 0"] and not reponse.context["filtre"].form.errors
    assert '<option value="une" selected>' in reponse.content.decode()
    assert choix(experimentation="une") == ["deux", "trois", "une"]
    # An experiment without any published page: nothing to list, no error.
    reponse = client.get(URL, {"experimentation": "sans-page"})
    assert titres(reponse) == [] and not reponse.context["filtre"].form.errors
    assert (
        "Choisissez une valeur de la liste."
        in client.get(URL, {"experimentation": "inconnue"}).content.decode()
    )
    # Read from the cache, forgotten when a page is published or archived.
    for page in Page.objects.filter(experimentation=trois):
        page_archiver(page=page, par=persona("documentation"))
    assert choix() == ["deux", "une"]


def test_criteria_are_summed_up_and_can_be_cleared(client):
    une_page(titre="Guide", sorte=SortePage.GUIDE)
    contenu = client.get(URL, {"sorte": "guide"}).content.decode()
    assert "type de page «\u00a0Guide\u00a0»" in contenu
    assert "Effacer les filtres" in contenu
    assert "Effacer les filtres" not in client.get(URL).content.decode()


def test_an_unknown_choice_is_ignored_with_a_message_next_to_its_field(client):
    une_page(titre="Une page")
    reponse = client.get(URL, {"sorte": "inconnue", "theme": "nulle-part"})
    assert reponse.status_code == 200
    assert titres(reponse) == ["Une page"]
    contenu = reponse.content.decode()
    assert "Choisissez une valeur de la liste." in contenu
    assert "<title>Erreur\u00a0: Documentation" in contenu


def test_the_filters_work_without_javascript_as_a_get_form(client):
    contenu = client.get(URL).content.decode()
    assert 'method="get" action="/documentation/" role="search"' in contenu
    for nom in ("q", "sorte", "theme", "territoire", "licence", "experimentation"):
        assert f'name="{nom}"' in contenu


# --- Search -------------------------------------------------------------------------------------


def test_a_search_without_accents_finds_the_accented_words(client):
    une_page(titre="L'école du dehors", resume="Classe en forêt.")
    une_page(titre="Sans rapport")
    assert titres(client.get(URL, {"q": "ecole"})) == ["L'école du dehors"]
    assert titres(client.get(URL, {"q": "foret"})) == ["L'école du dehors"]


def test_a_match_in_the_title_ranks_first(client):
    une_page(
        titre="Compte-rendu d'atelier",
        corps="On a parlé de covoiturage, de covoiturage encore, et de covoiturage.",
        publiee_le=il_y_a(1),
    )
    une_page(titre="Le covoiturage rural", corps="Sans le mot.", publiee_le=il_y_a(30))
    assert titres(client.get(URL, {"q": "covoiturage"})) == [
        "Le covoiturage rural",
        "Compte-rendu d'atelier",
    ]


def test_past_the_bound_a_title_match_still_ranks_first_and_filters_apply_first(
    client, monkeypatch
):
    monkeypatch.setattr(recherche, "CANDIDATS_RECENTS", 5)
    monkeypatch.setattr(recherche, "CANDIDATS_PAR_LE_TITRE", 2)
    une_page(titre="Le covoiturage rural", corps="Sans le mot.", sorte=SortePage.GUIDE)
    for n in range(3):
        une_page(titre=f"Guide {n}", corps="Du covoiturage.", sorte=SortePage.GUIDE)
    for n in range(10):
        une_page(titre=f"Atelier {n}", corps="On a parlé de covoiturage.")
    reponse = client.get(URL, {"q": "covoiturage"})
    assert titres(reponse)[0] == "Le covoiturage rural"
    assert "Plus de 5 pages" in reponse.content.decode()
    # The bound applies to the rows the other filters kept: every guide is found, counted.
    reponse = client.get(URL, {"q": "covoiturage", "sorte": "guide"})
    assert titres(reponse) == ["Le covoiturage rural", "Guide 2", "Guide 1", "Guide 0"]
    assert "4 pages pour ces critères" in reponse.content.decode()


def test_each_result_shows_an_extract_with_the_words_found_marked(client):
    une_page(titre="Jardins", corps="Les habitants ont créé un jardin partagé au pied des tours.")
    contenu = client.get(URL, {"q": "partagé"}).content.decode()
    assert "<mark>partagé</mark>" in contenu


def test_the_extract_comes_from_the_summary_when_it_holds_the_words(client):
    une_page(
        titre="Jardins",
        resume="Un jardin partagé au pied des tours.",
        corps="Le corps parle aussi du jardin, loin dans le texte.",
    )
    une_page(titre="Vergers", resume="Des arbres.", corps="Un verger et son jardin de quartier.")
    contenu = client.get(URL, {"q": "jardin"}).content.decode()
    assert "<mark>jardin</mark> partagé au pied des tours" in contenu
    assert "Le corps parle aussi" not in contenu
    # Without the words in its summary, the body's extract.
    assert "verger et son <mark>jardin</mark> de quartier" in contenu


def test_the_extract_escapes_the_text_and_keeps_only_the_marks(client):
    une_page(titre="Piégée", corps=f"Un texte piégé {XSS} autour du mot chantier.")
    contenu = client.get(URL, {"q": "chantier"}).content.decode()
    assert "<mark>chantier</mark>" in contenu
    assert "<script>alert(1)" not in contenu and "<img src=x" not in contenu
    # PostgreSQL's headline drops what it parses as a tag; the rest comes back as text.
    assert "&lt;img src=x onerror=alert(1)&gt; autour du mot <mark>chantier</mark>" in contenu


def test_an_extract_marks_only_what_the_search_found_and_drops_markdowns_marks():
    # A <mark> a person typed is text like any other; the search's own markers are control
    # characters a stored text never holds.
    assert str(extrait_sur("a <mark>b</mark> c")) == "a &lt;mark&gt;b&lt;/mark&gt; c"
    assert str(extrait_sur('<mark onclick="x">')) == "&lt;mark onclick=&quot;x&quot;&gt;"
    assert str(extrait_sur("## Le **\x02vélo\x03** `partagé`")) == "Le <mark>vélo</mark> partagé"


def test_a_search_query_with_a_payload_is_shown_escaped(client):
    une_page(titre="Une page")
    contenu = client.get(URL, {"q": XSS}).content.decode()
    assert "<script>alert(1)" not in contenu and "<img src=x" not in contenu
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in contenu


def test_a_too_long_search_is_refused_next_to_its_field(client):
    reponse = client.get(URL, {"q": "mot " * 60})
    assert reponse.status_code == 200
    assert "Cherchez avec moins de mots" in reponse.content.decode()


def test_titles_and_summaries_with_a_payload_are_escaped_on_the_list(client):
    une_page(titre=f"Titre {XSS}", resume=f"Résumé {XSS}")
    contenu = client.get(URL).content.decode()
    assert "<script>alert(1)" not in contenu and "<img src=x" not in contenu


# --- Pagination and cost ----------------------------------------------------------------------


def base_de_30_pages() -> None:
    themes: list[Any] = [ThemeFactory() for _ in range(4)]
    territoires = list(Territoire.objects.filter(type="departement"))
    experimentations = [ExperimentationFactory() for _ in range(5)]
    for n in range(32):
        page = une_page(
            titre=f"Page {n} sur le covoiturage",
            experimentation=experimentations[n % 5],
            publiee_le=il_y_a(n),
            nb_reutilisations=n,
        )
        page.themes.add(themes[n % 4], themes[(n + 1) % 4])
        page.territoires.add(territoires[n % len(territoires)])
    for _ in range(3):
        une_page(statut=StatutPage.BROUILLON)


def test_the_list_is_paginated_by_twenty_and_keeps_the_filters(client):
    base_de_30_pages()
    premiere = client.get(URL, {"q": "covoiturage"})
    assert len(premiere.context["pages"]) == 20
    assert "32 pages" in premiere.content.decode()
    seconde = client.get(URL, {"q": "covoiturage", "page": 2})
    assert len(seconde.context["pages"]) == 12
    assert "q=covoiturage&amp;page=1" in seconde.content.decode()


@pytest.mark.parametrize("nom", ["anonyme", "relais", "documentation"])
def test_the_list_costs_a_fixed_number_of_queries(client_de, nom, django_assert_num_queries):
    base_de_30_pages()
    client = client_de(nom)
    client.get(URL)  # the session and the roles, read once
    # count, page (with its themes' and territories' names), the territories' choices, the
    # experiments' choices (from the cache), the themes' choices; logged in: the session, the
    # person with their roles and their verified address (and, for someone outside the Ti
    # Team, their projects, for « Écrire une page »).
    attendu = {"anonyme": 5, "relais": 9, "documentation": 7}[nom]
    with django_assert_num_queries(attendu):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(attendu):
        assert client.get(URL, {"q": "covoiturage", "theme": "", "page": 2}).status_code == 200


def test_the_list_reads_neither_the_body_nor_the_search_vector(client, django_assert_num_queries):
    base_de_30_pages()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as requetes:
        client.get(URL)
    lecture = next(q["sql"] for q in requetes if '"documentation_page"."titre"' in q["sql"])
    assert '"documentation_page"."corps"' not in lecture
    assert '"documentation_page"."vecteur_recherche"' not in lecture.split("FROM")[0]


def test_page_model_is_the_one_listed():
    # The list reads Page rows; a guard against listing another model by mistake.
    assert Page.objects.publiees().model is Page
