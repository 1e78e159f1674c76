"""/comptes/supprimer/: a person deletes their own account, after retyping their address."""

from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import PersonneFactory
from tilab.comptes.models import Personne

URL = reverse("comptes:supprimer")


def test_the_page_explains_and_asks_for_the_address(client_de, relais):
    reponse = client_de("relais").get(URL)
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert html.count("<h1") == 1
    assert "ancien membre" in html
    assert 'name="confirmation"' in html
    assert Personne.objects.filter(pk=relais.pk).exists()


def test_a_wrong_address_keeps_the_account_with_an_error_next_to_the_field(client_de, relais):
    reponse = client_de("relais").post(URL, {"confirmation": "quelquun@ailleurs.fr"})
    assert reponse.status_code == 200
    erreurs = reponse.context["form"].errors["confirmation"]
    assert erreurs == [
        "L'adresse saisie ne correspond pas à celle de votre compte. "
        "Votre compte n'a pas été supprimé."
    ]
    html = reponse.content.decode()
    assert 'id="id_confirmation_error"' in html
    assert 'value="quelquun@ailleurs.fr"' in html
    assert Personne.objects.filter(pk=relais.pk).exists()
    assert reponse.wsgi_request.user.is_authenticated


def test_an_empty_confirmation_keeps_the_account(client_de, relais):
    reponse = client_de("relais").post(URL, {"confirmation": ""})
    assert reponse.status_code == 200
    assert "confirmation" in reponse.context["form"].errors
    assert Personne.objects.filter(pk=relais.pk).exists()


def test_the_right_address_deletes_the_account_and_logs_out(client_de, relais):
    client = client_de("relais")
    reponse = client.post(URL, {"confirmation": " RELAIS@tilab.test "}, follow=True)
    assert reponse.redirect_chain == [(reverse("accueil"), 302)]
    assert not Personne.objects.filter(pk=relais.pk).exists()
    assert not reponse.wsgi_request.user.is_authenticated
    assert "Votre compte est supprimé" in reponse.content.decode()
    assert client.get(reverse("comptes:profil")).status_code == 302


def test_deletion_takes_the_addresses_but_nobody_else(client_de, relais):
    autre = PersonneFactory()
    client_de("relais").post(URL, {"confirmation": relais.email})
    assert Personne.objects.filter(pk=autre.pk).exists()
    from allauth.account.models import EmailAddress

    assert not EmailAddress.objects.filter(email=relais.email).exists()
    assert EmailAddress.objects.filter(user=autre).exists()


def test_the_confirmation_message_is_shown_once(client_de, relais):
    client = client_de("relais")
    reponse = client.post(URL, {"confirmation": relais.email})
    messages = [str(m) for m in get_messages(reponse.wsgi_request)]
    assert len(messages) == 1 and "ancien membre" in messages[0]


def test_get_never_deletes(client_de, relais):
    client = client_de("relais")
    client.get(URL)
    client.get(URL, {"confirmation": relais.email})
    assert Personne.objects.filter(pk=relais.pk).exists()


def test_an_unverified_person_is_sent_to_verification_first(client, db):
    personne = PersonneFactory(verifiee=False)
    client.force_login(personne)
    reponse = client.post(URL, {"confirmation": personne.email})
    assert reponse["Location"].startswith(reverse("account_email_verification_sent"))
    assert Personne.objects.filter(pk=personne.pk).exists()
