"""tilab.requetes: counts and sums by correlated subquery, exact, 0 when nothing matches, and
without a join or a GROUP BY on the annotated rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, PersonneFactory
from tilab.comptes.models import Organisation, Personne
from tilab.requetes import compte_correle, somme_correlee

pytestmark = pytest.mark.django_db


def test_counts_the_related_rows_of_each_row_and_zero_for_none():
    mairie, vide = OrganisationFactory(), OrganisationFactory()
    PersonneFactory.create_batch(3, organisation=mairie)

    comptes = dict(
        Organisation.objects.filter(pk__in=[mairie.pk, vide.pk])
        .annotate(nb=compte_correle(Personne, "organisation"))
        .values_list("pk", "nb")
    )

    assert comptes == {mairie.pk: 3, vide.pk: 0}


def test_the_filter_narrows_what_is_counted_and_distinct_counts_values():
    mairie = OrganisationFactory()
    PersonneFactory(organisation=mairie, fonction="Maire")
    PersonneFactory(organisation=mairie, fonction="Maire")
    PersonneFactory(organisation=mairie, fonction="Secrétaire")

    ligne = (
        Organisation.objects.filter(pk=mairie.pk)
        .annotate(
            maires=compte_correle(Personne, "organisation", filtre=Q(fonction="Maire")),
            fonctions=compte_correle(Personne, "organisation", distinct="fonction"),
        )
        .get()
    )

    assert (ligne.maires, ligne.fonctions) == (2, 2)


def test_the_sum_is_zero_when_nothing_matches():
    mairie, vide = OrganisationFactory(), OrganisationFactory()
    PersonneFactory.create_batch(2, organisation=mairie, fonction="Agent")

    # Summing the ids is as good as any integer column to check the arithmetic.
    sommes = dict(
        Organisation.objects.filter(pk__in=[mairie.pk, vide.pk])
        .annotate(s=somme_correlee(Personne, "organisation", "id", filtre=Q(fonction="Agent")))
        .values_list("pk", "s")
    )

    attendu = sum(Personne.objects.filter(organisation=mairie).values_list("pk", flat=True))
    assert sommes == {mairie.pk: attendu, vide.pk: 0}


def test_no_join_nor_group_by_and_the_count_of_the_list_stays_bare():
    OrganisationFactory.create_batch(3)
    organisations = Organisation.objects.annotate(nb=compte_correle(Personne, "organisation"))

    with CaptureQueriesContext(connection) as requetes:
        assert organisations.count() == 3
        list(organisations.order_by("nom")[:2])

    comptage, page = (r["sql"] for r in requetes.captured_queries)
    assert "comptes_personne" not in comptage
    assert "JOIN" not in page and "GROUP BY" not in page
    assert '(SELECT COUNT("U0"."id")' in page
