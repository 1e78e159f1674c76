"""tilab.slugs.slug_unique: readable, unique, never a fixed path, short enough for its field."""

import pytest

from communautes.models import Communaute
from tests.communautes.factories import CommunauteFactory
from tilab.comptes.models import Territoire
from tilab.slugs import slug_unique

pytestmark = pytest.mark.django_db


def test_a_free_slug_is_the_text_slugified():
    assert slug_unique(Communaute, "Mobilités du quotidien en milieu rural") == (
        "mobilites-du-quotidien-en-milieu-rural"
    )


def test_a_taken_slug_gets_the_next_free_number():
    CommunauteFactory(slug="mobilites")
    CommunauteFactory(slug="mobilites-2")
    CommunauteFactory(slug="mobilites-4")
    assert slug_unique(Communaute, "Mobilités") == "mobilites-3"


def test_a_reserved_word_is_never_given():
    assert slug_unique(Communaute, "Charge", reserves={"charge", "charge-2"}) == "charge-3"


def test_a_text_with_nothing_to_keep_gives_the_model_name_or_the_default():
    assert slug_unique(Communaute, "!!! ???") == "communaute"
    assert slug_unique(Communaute, "", defaut="sans-titre") == "sans-titre"
    CommunauteFactory(slug="communaute")
    assert slug_unique(Communaute, "!!!") == "communaute-2"


def test_the_slug_leaves_room_for_the_suffix_under_the_field_length():
    longueur = Communaute._meta.get_field("slug").max_length
    slug = slug_unique(Communaute, "mot " * 200)
    assert len(slug) <= longueur - 6
    assert not slug.endswith("-")
    CommunauteFactory(slug=slug)
    assert len(slug_unique(Communaute, "mot " * 200)) <= longueur
    assert slug_unique(Communaute, "abcdefghijkl", longueur=10) == "abcd"


def test_a_queryset_makes_the_slug_unique_within_it_only():
    CommunauteFactory(slug="eau", type="archipel")
    thematiques = Communaute.objects.filter(type="thematique")
    assert slug_unique(thematiques, "Eau") == "eau"
    assert slug_unique(Communaute.objects.all(), "Eau") == "eau-2"


def test_any_model_and_field_can_carry_the_slug():
    # Reference data: the Finistère is loaded by the migrations.
    assert slug_unique(Territoire, "Finistère") == "finistere-2"
    CommunauteFactory(nom="eau")
    assert slug_unique(Communaute, "Eau", champ="nom") == "eau-2"


def test_it_costs_one_query_per_candidate(django_assert_num_queries):
    CommunauteFactory(slug="jardins")
    with django_assert_num_queries(2):
        assert slug_unique(Communaute, "Jardins", reserves={"x"}) == "jardins-2"
    with django_assert_num_queries(1):
        assert slug_unique(Communaute, "Vergers", reserves={"vergers"}) == "vergers-2"
