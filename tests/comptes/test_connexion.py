"""Logging in with a password, or with a code received by e-mail."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.comptes.test_creation_de_compte import (
    ADRESSE,
    MOT_DE_PASSE_NEUF,
    code_du_courriel,
    inscrire,
)
from tests.conftest import PERSONAS
from tests.factories import MOT_DE_PASSE
from tilab import settings as reglages_du_projet
from tilab.comptes.adapters import MESSAGE_CODE_DEJA_ENVOYE
from tilab.comptes.models import Personne
from tilab.typographie import typographier


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


# --- Logging in before typing the code received at sign-up ------------------------------


@pytest.fixture
def limites_du_projet(settings):
    """allauth's rate limits as the portal runs them (tests/conftest.py turns them off)."""
    settings.ACCOUNT_RATE_LIMITS = reglages_du_projet.ACCOUNT_RATE_LIMITS


def _connexion_ailleurs():
    """Another browser (a phone, a private window): a session of its own, without the code
    the sign-up put in the first one."""
    return Client().post(
        reverse("account_login"), {"login": ADRESSE, "password": MOT_DE_PASSE_NEUF}
    )


@pytest.mark.django_db
def test_logging_in_right_after_signing_up_sends_a_new_code(client, limites_du_projet):
    inscrire(client)

    reponse = _connexion_ailleurs()

    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("account_email_verification_sent")
    assert [m.to for m in mail.outbox] == [[ADRESSE], [ADRESSE]]
    assert code_du_courriel(mail.outbox[1]) != code_du_courriel(mail.outbox[0])


@pytest.mark.django_db
def test_the_new_code_verifies_the_address_in_the_other_browser(client, limites_du_projet):
    inscrire(client)
    ailleurs = Client()
    ailleurs.post(reverse("account_login"), {"login": ADRESSE, "password": MOT_DE_PASSE_NEUF})

    reponse = ailleurs.post(
        reverse("account_email_verification_sent"), {"code": code_du_courriel(mail.outbox[1])}
    )

    assert reponse.status_code == 302
    assert EmailAddress.objects.get(email=ADRESSE).verified
    assert ailleurs.session["_auth_user_id"] == str(Personne.objects.get(email=ADRESSE).pk)


@pytest.mark.django_db
def test_over_the_codes_limit_the_page_says_a_code_was_just_sent(client, limites_du_projet):
    inscrire(client)
    while (reponse := _connexion_ailleurs()).status_code == 302:
        assert len(mail.outbox) <= 3

    contenu = reponse.content.decode()
    assert "ont échoué" not in contenu
    assert _texte(MESSAGE_CODE_DEJA_ENVOYE) in contenu


@pytest.mark.django_db
def test_failed_passwords_are_still_called_failed_attempts(client, relais, limites_du_projet):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": relais.email, "password": "pas-le-bon"})

    reponse = client.post(reverse("account_login"), {"login": relais.email, "password": "x"})

    assert "Trop de tentatives de connexion ont échoué" in reponse.content.decode()


def _texte(message) -> str:
    # As the page writes it: escaped, in French typography (tilab/typographie.py).
    return typographier(str(message)).replace("'", "&#x27;")


# --- Failed logins: counted per account and address, and per address ----------------------

ICI = {"REMOTE_ADDR": "198.51.100.7"}
AILLEURS = {"REMOTE_ADDR": "203.0.113.9"}


def _connexion(client, email: str, mot_de_passe: str, adresse: dict[str, str]):
    return client.post(
        reverse("account_login"), {"login": email, "password": mot_de_passe}, **adresse
    )


@pytest.mark.django_db
def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_elsewhere(
    relais, limites_du_projet
):
    for _ in range(5):
        _connexion(Client(), relais.email, "pas-le-bon", ICI)

    proprietaire = Client()
    reponse = _connexion(proprietaire, relais.email, MOT_DE_PASSE, AILLEURS)

    assert reponse.status_code == 302
    assert proprietaire.session["_auth_user_id"] == str(relais.pk)


@pytest.mark.django_db
def test_the_address_that_failed_five_times_waits_for_that_account(relais, limites_du_projet):
    for _ in range(5):
        _connexion(Client(), relais.email, "pas-le-bon", ICI)

    reponse = _connexion(Client(), relais.email, MOT_DE_PASSE, ICI)

    assert reponse.status_code == 200
    assert "Trop de tentatives de connexion ont échoué" in reponse.content.decode()


@pytest.mark.django_db
def test_an_address_failing_on_many_accounts_waits_for_all_of_them(relais, limites_du_projet):
    from tests.factories import PersonneFactory

    for n in range(10):
        _connexion(Client(), f"inconnu-{n}@exemple.fr", "pas-le-bon", ICI)

    depuis_ici = _connexion(Client(), relais.email, MOT_DE_PASSE, ICI)
    autre = PersonneFactory()
    depuis_ailleurs = _connexion(Client(), autre.email, MOT_DE_PASSE, AILLEURS)

    assert "Trop de tentatives de connexion ont échoué" in depuis_ici.content.decode()
    assert depuis_ailleurs.status_code == 302
