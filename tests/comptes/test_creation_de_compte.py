"""Signing up: a verification code is e-mailed, nothing is possible before it is typed."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import MOT_DE_PASSE, PersonneFactory
from tilab.comptes.models import Personne

ADRESSE = "nouvelle@exemple.bzh"
MOT_DE_PASSE_NEUF = "Un-mot-de-passe-solide-2026"


def code_du_courriel(message) -> str:
    """The code allauth puts on a line of its own in the body."""
    codes = re.findall(r"^\s*([A-Z0-9-]{6,})\s*$", message.body, flags=re.MULTILINE)
    assert codes, message.body
    return codes[0]


def inscrire(client):
    return client.post(
        reverse("account_signup"),
        {"email": ADRESSE, "password1": MOT_DE_PASSE_NEUF, "password2": MOT_DE_PASSE_NEUF},
    )


@pytest.mark.django_db
def test_signing_up_sends_a_verification_code_and_asks_for_it(client):
    reponse = inscrire(client)
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ADRESSE]
    assert mail.outbox[0].subject.startswith("[Ti Lab]")
    code_du_courriel(mail.outbox[0])
    assert "L'équipe du Ti Lab" in mail.outbox[0].body
    assert "testserver" not in mail.outbox[0].body.split("\n")[0]
    personne = Personne.objects.get(email=ADRESSE)
    assert not EmailAddress.objects.get(user=personne).verified


@pytest.mark.django_db
def test_a_new_account_is_a_relais(client):
    inscrire(client)
    assert list(Personne.objects.get(email=ADRESSE).groups.values_list("name", flat=True)) == [
        "Relais"
    ]


@pytest.mark.django_db
def test_nothing_can_be_changed_before_the_code_is_typed(client):
    inscrire(client)
    reponse = client.post(
        reverse("comptes:profil"), {"first_name": "Gwenaëlle", "last_name": "Le Goff"}
    )
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_login"))
    assert Personne.objects.get(email=ADRESSE).first_name == ""


@pytest.mark.django_db
def test_typing_the_code_verifies_logs_in_and_unlocks_the_profile(client):
    inscrire(client)
    code = code_du_courriel(mail.outbox[0])
    reponse = client.post(reverse("account_email_verification_sent"), {"code": code})
    assert reponse.status_code == 302
    personne = Personne.objects.get(email=ADRESSE)
    assert EmailAddress.objects.get(user=personne).verified
    reponse = client.post(
        reverse("comptes:profil"),
        {"first_name": "Gwenaëlle", "last_name": "Le Goff", "fonction": "Secrétaire de mairie"},
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("comptes:profil")
    personne.refresh_from_db()
    assert personne.first_name == "Gwenaëlle"


@pytest.mark.django_db
def test_a_wrong_code_verifies_nothing(client):
    inscrire(client)
    reponse = client.post(reverse("account_email_verification_sent"), {"code": "ZZZZZZ"})
    assert reponse.status_code == 200
    assert not EmailAddress.objects.get(email=ADRESSE).verified


@pytest.mark.django_db
def test_logging_in_to_an_unverified_account_leads_to_verification(client):
    personne = PersonneFactory(verifiee=False)
    EmailAddress.objects.create(user=personne, email=personne.email, verified=False, primary=True)
    reponse = client.post(
        reverse("account_login"), {"login": personne.email, "password": MOT_DE_PASSE}
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_signing_up_twice_with_one_address_does_not_create_a_second_account(client):
    PersonneFactory(email=ADRESSE)
    inscrire(client)
    assert Personne.objects.filter(email=ADRESSE).count() == 1


@pytest.mark.django_db
def test_the_sign_up_message_speaks_of_verifying_a_new_account_not_of_logging_in(client):
    inscrire(client)

    corps = mail.outbox[0].body

    assert "code de vérification" in corps
    assert "connexion" not in corps and "se connecter" not in corps
    assert ADRESSE in corps
    assert "Si vous n'avez pas créé ce compte" in corps


def test_the_verification_message_of_an_existing_account_says_what_the_code_is_for():
    corps = render_to_string(
        "account/email/email_confirmation_message.txt",
        {"email": ADRESSE, "code": "ABCD-EFGH", "SITE_URL": "https://tilab.example.fr"},
    )

    assert "code de vérification" in corps and "ABCD-EFGH" in corps
    assert "connexion" not in corps and "se connecter" not in corps
