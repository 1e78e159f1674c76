"""tilab.pagination.paginer: the page asked for, never an error, and the nav's context."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from communautes.models import Communaute
from tests.communautes.factories import CommunauteFactory
from tilab.pagination import pages_affichees, paginer

NOMBRES = list(range(1, 96))  # 10 pages of 10, the last one with 5


def demande(chaine=""):
    return RequestFactory().get(f"/liste/{chaine}")


def test_the_page_asked_for_with_the_context_the_nav_reads():
    pagination = paginer(demande("?page=3"), NOMBRES, 10)
    assert set(pagination) == {"page", "pages_affichees", "params_pagination"}
    page = pagination["page"]
    assert page.number == 3
    assert list(page.object_list) == list(range(21, 31))
    assert pagination["pages_affichees"] == [1, 2, 3, 4, 5, None, 9, 10]
    assert pagination["params_pagination"] == ""


@pytest.mark.parametrize(
    ("chaine", "numero"),
    [("", 1), ("?page=", 1), ("?page=abc", 1), ("?page=0", 10), ("?page=999", 10)],
)
def test_a_missing_or_wrong_page_number_answers_a_page(chaine, numero):
    assert paginer(demande(chaine), NOMBRES, 10)["page"].number == numero


def test_an_empty_list_has_one_empty_page():
    page = paginer(demande("?page=4"), [], 10)["page"]
    assert page.number == 1
    assert list(page.object_list) == []
    assert not page.has_other_pages()


def test_the_links_keep_the_filters_only_when_asked():
    requete = demande("?theme=eau&page=2&territoire=finistere&q=%C3%A9cole")
    filtree = paginer(requete, NOMBRES, 10, garder_filtres=True)
    assert filtree["params_pagination"] == "theme=eau&territoire=finistere&q=%C3%A9cole"
    assert paginer(requete, NOMBRES, 10)["params_pagination"] == ""
    # The request's own query string is left as it was.
    assert requete.GET["page"] == "2"


def test_pages_affichees_elides_far_pages():
    page = paginer(demande("?page=10"), list(range(200)), 10)["page"]
    assert pages_affichees(page) == [1, 2, None, 8, 9, 10, 11, 12, None, 19, 20]


@pytest.mark.django_db
def test_a_queryset_is_counted_once_and_its_page_fetched_once(django_assert_num_queries):
    CommunauteFactory.create_batch(5)
    with django_assert_num_queries(1):
        pagination = paginer(demande("?page=2"), Communaute.objects.order_by("pk"), 2)
    with django_assert_num_queries(1):
        assert len(list(pagination["page"].object_list)) == 2


@pytest.mark.django_db
def test_by_primary_keys_the_same_page_in_one_query_that_slices_the_keys(
    django_assert_num_queries,
):
    CommunauteFactory.create_batch(5)
    communautes = Communaute.objects.order_by("-pk")
    with django_assert_num_queries(1):
        pagination = paginer(demande("?page=2"), communautes, 2, par_identifiants=True)
    with CaptureQueriesContext(connection) as requetes:
        page = list(pagination["page"].object_list)

    assert page == list(communautes[2:4])
    (requete,) = requetes.captured_queries
    assert '"communautes_communaute"."id" IN (SELECT' in requete["sql"]
    assert "LIMIT 2 OFFSET 2" in requete["sql"]
    assert pagination["page"].paginator.count == 5


def test_by_primary_keys_needs_a_queryset():
    with pytest.raises(TypeError):
        paginer(demande(), NOMBRES, 10, par_identifiants=True)
