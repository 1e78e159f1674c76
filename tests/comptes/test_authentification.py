"""A signed-in person is read at each request with their roles and whether they proved an
address, in one query (``tilab.comptes.authentification``), and never kept from one request
to the next."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tilab.comptes import rules

pytestmark = pytest.mark.django_db

RELECTURE = reverse("documentation:relecture")  # the Ti Team's page


def test_the_person_their_roles_and_address_are_one_query(client_de):
    client = client_de("documentation")
    client.get(RELECTURE)
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(RELECTURE).status_code == 200
    lus = [
        q["sql"]
        for q in requetes.captured_queries
        if any(t in q["sql"] for t in ("auth_group", "account_emailaddress", "comptes_personne"))
        and "documentation_page" not in q["sql"]
    ]
    assert len(lus) == 1, lus
    assert '"auth_group"' in lus[0] and '"account_emailaddress"' in lus[0]


def test_a_role_taken_back_or_an_address_unproven_counts_at_the_next_request(client_de, persona):
    client = client_de("documentation")
    assert client.get(RELECTURE).status_code == 200
    personne = persona("documentation")
    personne.groups.remove(Group.objects.get(name=rules.DOCUMENTATION))
    assert client.get(RELECTURE).status_code == 403

    relais = persona("relais")
    client.force_login(relais)
    signaler = reverse("problematiques:signaler")
    assert client.get(signaler).status_code == 200
    EmailAddress.objects.filter(user=relais).update(verified=False)
    reponse = client.get(signaler)
    assert reponse.status_code == 302 and "/comptes/confirm-email/" in reponse["Location"]


def test_a_deactivated_account_is_signed_out(client_de, persona):
    client = client_de("documentation")
    assert client.get(RELECTURE).status_code == 200
    personne = persona("documentation")
    personne.is_active = False
    personne.save(update_fields=["is_active"])
    reponse = client.get(RELECTURE)
    assert reponse.status_code == 302 and reponse["Location"].startswith(reverse("account_login"))
