"""Logging in with a password, or with a code received by e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.comptes.test_creation_de_compte import code_du_courriel
from tests.conftest import PERSONAS
from tests.factories import MOT_DE_PASSE


@pytest.mark.parametrize("nom", list(PERSONAS))
def test_every_verified_persona_logs_in_with_its_password(client, persona, nom):
    personne = persona(nom)
    reponse = client.post(
        reverse("account_login"), {"login": personne.email, "password": MOT_DE_PASSE}
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("comptes:profil")
    assert client.session["_auth_user_id"] == str(personne.pk)


def test_a_wrong_password_is_refused_in_french(client, relais):
    reponse = client.post(
        reverse("account_login"), {"login": relais.email, "password": "pas-le-bon-42"}
    )
    assert reponse.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "adresse" in str(reponse.context["form"].errors).lower()


def test_login_by_code(client, relais):
    reponse = client.post(reverse("account_request_login_code"), {"email": relais.email})
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [relais.email]
    code = code_du_courriel(mail.outbox[0])
    reponse = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert reponse.status_code == 302
    assert client.session["_auth_user_id"] == str(relais.pk)


def test_login_by_code_refuses_a_wrong_code(client, relais):
    client.post(reverse("account_request_login_code"), {"email": relais.email})
    reponse = client.post(reverse("account_confirm_login_code"), {"code": "ZZZZZZ"})
    assert "_auth_user_id" not in client.session
    assert reponse.status_code == 200
