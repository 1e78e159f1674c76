"""The public list: only published problems, filters, French search, sorting, pages, queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from problematiques.models import Statut
from tests.factories import TerritoireFactory, ThemeFactory
from tests.pages import requete_de_comptage, sql_de_la_page, titres_des_cartes
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory
from tests.problematiques.volume import creer_volume
from tilab.comptes.models import Territoire
from tilab.typographie import typographier

URL = reverse("problematiques:index")

pytestmark = pytest.mark.django_db


def publiee(**champs):
    return ProblematiqueFactory(publiee=True, **champs)


@pytest.fixture
def finistere():
    return Territoire.objects.get(slug="finistere")


def test_drafts_never_appear_on_the_list(client_de):
    publiee(titre="Publique")
    ProblematiqueFactory(titre="Brouillon soumis")
    ProblematiqueFactory(titre="En qualification", statut=Statut.EN_QUALIFICATION)

    for persona in ["anonyme", "relais", "coordination"]:
        assert titres_des_cartes(client_de(persona).get(URL)) == ["Publique"]


def test_problems_keep_their_place_after_ouverte(client):
    for statut in [Statut.CANDIDATE, Statut.RETENUE, Statut.NON_RETENUE, Statut.CLOTUREE]:
        ProblematiqueFactory(titre=f"État {statut}", statut=statut, publiee_le=timezone.now())

    assert len(titres_des_cartes(client.get(URL))) == 4


def test_newest_first_by_default(client):
    maintenant = timezone.now()
    publiee(titre="Ancienne", publiee_le=maintenant - timedelta(days=3))
    publiee(titre="Récente", publiee_le=maintenant)

    assert titres_des_cartes(client.get(URL)) == ["Récente", "Ancienne"]


def test_sort_by_most_supported(client):
    maintenant = timezone.now()
    peu = publiee(titre="Peu soutenue", publiee_le=maintenant)
    beaucoup = publiee(titre="Très soutenue", publiee_le=maintenant - timedelta(days=9))
    SoutienFactory(problematique=peu)
    for _ in range(3):
        SoutienFactory(problematique=beaucoup)

    assert titres_des_cartes(client.get(URL, {"tri": "soutiens"})) == [
        "Très soutenue",
        "Peu soutenue",
    ]


def test_territory_filter_includes_epci_and_communes(client, finistere):
    epci = TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon")
    commune = TerritoireFactory(type="commune", parent=epci, nom="Saint-Pol")
    morbihan = Territoire.objects.get(slug="morbihan")
    publiee(titre="Sur la commune", territoires=[commune])
    publiee(titre="Sur l'EPCI", territoires=[epci])
    publiee(titre="Sur le département", territoires=[finistere])
    publiee(titre="Dans le Morbihan", territoires=[morbihan])

    assert sorted(titres_des_cartes(client.get(URL, {"territoire": "finistere"}))) == [
        "Sur l'EPCI",
        "Sur la commune",
        "Sur le département",
    ]
    assert sorted(titres_des_cartes(client.get(URL, {"territoire": epci.slug}))) == [
        "Sur l'EPCI",
        "Sur la commune",
    ]


def test_territory_select_groups_epci_under_their_departement(client, finistere):
    TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon", slug="haut-leon")
    html = client.get(URL).content.decode()

    groupe = re.search(r'<optgroup label="Finistère">(.*?)</optgroup>', html, re.S)
    assert groupe is not None
    assert 'value="finistere"' in groupe.group(1)
    assert 'value="haut-leon"' in groupe.group(1)


def test_theme_filter(client):
    mobilite = ThemeFactory(nom="Mobilité", slug="mobilite")
    publiee(titre="Bus", themes=[mobilite])
    publiee(titre="Cantine")

    assert titres_des_cartes(client.get(URL, {"theme": "mobilite"})) == ["Bus"]


def test_state_filter_offers_only_public_states(client):
    publiee(titre="Ouverte")
    ProblematiqueFactory(titre="Retenue", statut=Statut.RETENUE, publiee_le=timezone.now())

    response = client.get(URL, {"etat": "retenue"})

    assert titres_des_cartes(response) == ["Retenue"]
    html = response.content.decode()
    etat = re.search(r'<select name="etat".*?</select>', html, re.S)
    assert etat is not None
    assert 'value="soumise"' not in etat.group(0)
    assert 'value="en_qualification"' not in etat.group(0)


def test_a_draft_state_in_the_url_shows_nothing_secret(client):
    ProblematiqueFactory(titre="Brouillon")

    response = client.get(URL, {"etat": "soumise"})

    assert response.status_code == 200
    assert "Brouillon" not in response.content.decode()


def test_search_ignores_accents(client):
    publiee(titre="Fermeture de l'École de Plouër")
    publiee(titre="Transport à la demande")

    assert titres_des_cartes(client.get(URL, {"q": "ecole"})) == ["Fermeture de l'École de Plouër"]


def test_search_combines_with_filters_and_sort(client, finistere):
    publiee(titre="École du Finistère", territoires=[finistere])
    publiee(titre="École ailleurs", territoires=[Territoire.objects.get(slug="morbihan")])

    for tri in ["recentes", "soutiens", "pertinence"]:
        response = client.get(URL, {"q": "école", "territoire": "finistere", "tri": tri})
        assert titres_des_cartes(response) == ["École du Finistère"]


def test_a_search_of_thousands_of_words_is_refused_next_to_its_field(client):
    # Each word is one more term of the tsquery: past some thousands, PostgreSQL gave up
    # ("stack depth limit exceeded") and the page answered 500.
    publiee(titre="Visible")
    saisie = "<b>" * 20_000

    response = client.get(URL, {"q": saisie})

    assert response.status_code == 200
    assert titres_des_cartes(response) == ["Visible"]
    erreurs = response.context["filtre"].form.errors["q"]
    assert erreurs == ["Cherchez avec moins de mots : 200 caractères au plus (vous en avez 60000)."]
    assert typographier(erreurs[0]) in response.content.decode()


def test_search_ranks_the_stored_vector_without_parsing_the_texts_again(client):
    publiee(titre="Fermeture de l'École de Plouër")

    for tri in ["recentes", "pertinence"]:
        requetes = sql_de_la_page(client, f"{URL}?q=ecole&tri={tri}")

        recherche = [sql for sql in requetes if "@@" in sql]
        assert recherche, requetes
        for sql in recherche:
            # A stored vector cast to text and parsed again, once per row: what the rank did
            # when it was given the column's name instead of the column.
            assert "to_tsvector(" not in sql
            assert "::text" not in sql
        assert any(
            'ts_rank("problematiques_problematique"."vecteur_recherche"' in sql for sql in recherche
        )


def test_the_list_counts_the_published_problems_without_their_supports(client):
    creer_volume()

    for tri in ["recentes", "soutiens"]:
        requetes = sql_de_la_page(client, f"{URL}?tri={tri}")

        comptage = requete_de_comptage(requetes, "problematiques_problematique")
        assert "problematiques_soutien" not in comptage and "JOIN" not in comptage
        page = next(sql for sql in requetes if "LIMIT 20" in sql)
        assert "problematiques_soutien" not in page and "GROUP BY" not in page


@pytest.mark.parametrize(
    ("tri", "index"),
    [("recentes", "problematique_publiee_recente"), ("soutiens", "problematique_publiee_soutiens")],
)
def test_each_order_of_the_list_is_read_from_its_index(client, tri, index):
    creer_volume()
    ProblematiqueFactory.create_batch(5)  # drafts, outside the partial indexes
    page = next(
        sql for sql in sql_de_la_page(client, f"{URL}?tri={tri}&page=7") if "LIMIT 20" in sql
    )

    with connection.cursor() as curseur:
        curseur.execute("ANALYZE problematiques_problematique")
        # Without the matching index, PostgreSQL would have to sort: forbid both shortcuts so
        # that the plan shows which index serves the order.
        curseur.execute("SET LOCAL enable_seqscan = off")
        curseur.execute("SET LOCAL enable_sort = off")
        curseur.execute(f"EXPLAIN {page}")
        plan = "\n".join(ligne[0] for ligne in curseur.fetchall())

    assert f"Index Only Scan using {index}" in plan, plan


def test_a_deep_page_reads_its_rows_by_primary_key(client):
    creer_volume()

    requetes = sql_de_la_page(client, f"{URL}?page=20")

    page = next(sql for sql in requetes if "LIMIT 20" in sql)
    assert '"problematiques_problematique"."id" IN (SELECT' in page
    assert "OFFSET 380" in page
    # The card's fields, not the texts nor the search vector.
    assert '"constat"' not in page and '"vecteur_recherche"' not in page.split("FROM")[0]


def test_unknown_values_do_not_break_the_page(client):
    publiee(titre="Visible")

    response = client.get(
        URL, {"territoire": "nulle-part", "theme": "x", "etat": "?", "tri": "z", "page": "abc"}
    )

    assert response.status_code == 200


def test_card_shows_state_places_themes_supports_and_french_date(client, finistere):
    theme = ThemeFactory(nom="Santé")
    p = publiee(
        titre="Carte",
        territoires=[finistere],
        themes=[theme],
        publiee_le=timezone.make_aware(timezone.datetime(2026, 3, 3, 12)),
    )
    for _ in range(3):
        SoutienFactory(problematique=p)
    html = client.get(URL).content.decode()

    assert "Ouverte</span>" in html
    assert "Finistère" in html and "Santé" in html
    assert "3 soutiens" in html
    assert "3\u00a0mars\u00a02026" in html


@pytest.mark.parametrize(
    ("nombre", "texte"), [(0, "aucun soutien"), (1, "1 soutien"), (2, "2 soutiens")]
)
def test_supports_count_in_french(client, nombre, texte):
    p = publiee()
    for _ in range(nombre):
        SoutienFactory(problematique=p)

    assert f"<li>{texte[0].upper()}{texte[1:]}</li>" in client.get(URL).content.decode()


def test_pagination_twenty_per_page_keeps_the_filters(client):
    theme = ThemeFactory(slug="eau")
    maintenant = timezone.now()
    for i in range(45):
        publiee(titre=f"Eau {i:02d}", themes=[theme], publiee_le=maintenant - timedelta(hours=i))

    premiere = client.get(URL, {"theme": "eau"})
    troisieme = client.get(URL, {"theme": "eau", "page": 3})

    assert len(titres_des_cartes(premiere)) == 20
    assert titres_des_cartes(troisieme) == ["Eau 40", "Eau 41", "Eau 42", "Eau 43", "Eau 44"]
    html = premiere.content.decode()
    assert 'aria-label="Pages de résultats"' in html
    assert 'href="?theme=eau&amp;page=2" rel="next"' in html
    assert re.search(r'page=1" aria-current="page"', html)
    assert "Page 1 sur 3" in html


def test_charts_tables_match_the_data(client, finistere):
    epci = TerritoireFactory(type="epci", parent=finistere, code="")
    commune = TerritoireFactory(type="commune", parent=epci)
    morbihan = Territoire.objects.get(slug="morbihan")
    publiee(territoires=[commune])
    publiee(territoires=[epci, commune])  # counts once for the Finistère
    publiee(territoires=[finistere, morbihan])
    ProblematiqueFactory(statut=Statut.RETENUE, publiee_le=timezone.now(), territoires=[morbihan])
    ProblematiqueFactory(territoires=[finistere])  # a draft counts nowhere

    html = client.get(URL).content.decode()

    def ligne(libelle: str) -> str | None:
        trouve = re.search(
            rf'<th scope="row">{re.escape(libelle)}</th><td class="nombre">([^<]+)</td>', html
        )
        return trouve.group(1) if trouve else None

    assert ligne("Ouverte") == "3"
    assert ligne("Retenue") == "1"
    assert ligne("Candidate au COPIL") == "0"
    assert ligne("Finistère") == "3"
    assert ligne("Morbihan") == "2"
    assert ligne("Ille-et-Vilaine") == "0"
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "Finistère : 3" in html  # the image's description says the same figures


def chiffre(html: str, libelle: str) -> str | None:
    """The figure next to ``libelle`` in the tables of the charts."""
    trouve = re.search(
        rf'<th scope="row">{re.escape(libelle)}</th><td class="nombre">([^<]+)</td>', html
    )
    return trouve.group(1) if trouve else None


def test_the_charts_come_from_the_cache(client, finistere):
    publiee(territoires=[finistere])
    assert chiffre(client.get(URL).content.decode(), "Ouverte") == "1"
    # Written behind the services' back: nothing tells the cache.
    publiee(territoires=[finistere])

    requetes = sql_de_la_page(client, URL)
    html = client.get(URL).content.decode()

    assert chiffre(html, "Ouverte") == "1" and chiffre(html, "Finistère") == "1"
    assert not [sql for sql in requetes if "GROUP BY" in sql]
    assert len([sql for sql in requetes if "tilab_cache" in sql]) == 1
    assert len(titres_des_cartes(client.get(URL))) == 2  # the list itself is never cached


def test_a_state_change_shows_at_once_in_the_charts(client, coordination):
    from problematiques.services import problematique_cloturer, problematique_ouvrir

    publiee()
    brouillon = ProblematiqueFactory()
    assert chiffre(client.get(URL).content.decode(), "Ouverte") == "1"

    problematique_ouvrir(problematique=brouillon, par=coordination)
    html = client.get(URL).content.decode()
    assert chiffre(html, "Ouverte") == "2" and chiffre(html, "Clôturée") == "0"

    problematique_cloturer(problematique=brouillon, par=coordination, commentaire_public="Fin.")
    html = client.get(URL).content.decode()
    assert chiffre(html, "Ouverte") == "1" and chiffre(html, "Clôturée") == "1"


def test_a_step_that_does_not_change_the_state_keeps_the_figures(coordination):
    from django.core.cache import cache

    from problematiques import statistiques
    from problematiques.services import problematique_assigner_referent

    p = publiee()
    statistiques.figures_publiques()

    problematique_assigner_referent(problematique=p, referent=coordination, par=coordination)

    assert cache.get(statistiques.CLE_CACHE) is not None


def test_list_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, persona
):
    creer_volume()

    # The first list after a change computes the charts' figures and stores them: the
    # cache's read, the three aggregates, the cache's write (five queries: COUNT, then SELECT
    # and INSERT in a transaction, whose BEGIN and COMMIT are a SAVEPOINT and its RELEASE in
    # a test), on top of the list's own.
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert len(titres_des_cartes(response)) == 20
    # Every other list: the territory choices, the count, the page, its territories, its
    # themes, the theme choices, the figures read from the cache.
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    assert len(titres_des_cartes(response)) == 20

    client.force_login(persona("relais"))
    # Plus the session and the person.
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"tri": "soutiens", "territoire": "finistere", "q": "volume"})
    assert len(titres_des_cartes(response)) == 20
