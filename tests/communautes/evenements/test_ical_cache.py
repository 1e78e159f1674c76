"""/evenements.ics served from the portal's feed cache (tilab.flux.servir_en_cache): a named
file from the cache as on its first rendering; a view that is not a Feed names its entries."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from tests.communautes.evenements.factories import EvenementFactory
from tilab.flux import servir_en_cache

pytestmark = pytest.mark.django_db


def test_the_cached_calendar_is_the_same_named_file(client):
    EvenementFactory(titre="Atelier")
    premier, second = client.get("/evenements.ics"), client.get("/evenements.ics")
    for reponse in (premier, second):
        assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
        assert reponse["Content-Disposition"] == 'attachment; filename="evenements-ti-lab.ics"'
    assert second.content == premier.content and second["ETag"] == premier["ETag"]
    assert second["Last-Modified"] == premier["Last-Modified"]


def test_a_view_that_is_not_a_feed_names_its_cache_entries():
    requete = RequestFactory().get("/")
    with pytest.raises(ImproperlyConfigured):
        servir_en_cache(requete, lambda r: HttpResponse("x"), lambda: ["a"])
