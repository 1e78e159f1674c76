"""The bench's baseline page exists only when the bench setting is on, and renders the frame
without a query; the bench's middleware counts each request's queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tilab.banc import generation
from tilab.banc.middleware import ENTETE

pytestmark = pytest.mark.django_db


def test_without_the_bench_setting_the_baseline_page_does_not_exist(client, settings):
    assert settings.BENCH is False
    with pytest.raises(NoReverseMatch):
        reverse("banc_temoin")
    assert client.get("/banc/temoin/").status_code == 404


@pytest.mark.urls("tests.tilab.banc.urls_avec_banc")
def test_the_baseline_renders_the_frame_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        reponse = client.get(reverse("banc_temoin"))
    assert reponse.status_code == 200
    assert '<main id="contenu"' in reponse.content.decode()


def test_the_bench_middleware_counts_the_queries_of_a_request(client, settings):
    settings.MIDDLEWARE = ["tilab.banc.middleware.CompterLesRequetes", *settings.MIDDLEWARE]
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get("/problematiques/")
    assert reponse[ENTETE] == str(len(requetes)) and len(requetes) > 0


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_generator_refuses_any_database_but_the_bench_s_own(settings):
    settings.BENCH = False
    with pytest.raises(generation.ErreurBase, match="BENCH=true"):
        generation.base_du_banc()
    settings.BENCH = True
    settings.DATABASES = {"default": {**settings.DATABASES["default"], "NAME": "tilab"}}
    with pytest.raises(generation.ErreurBase, match="« tilab » n'a pas « bench »"):
        generation.base_du_banc()
