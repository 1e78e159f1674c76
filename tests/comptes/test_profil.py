"""/comptes/profil/: see and edit one's own profile."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.factories import OrganisationFactory, PersonneFactory
from tilab.comptes.models import Expertise

URL = reverse("comptes:profil")


def donnees_valides(organisation=None, **autres):
    donnees = {
        "first_name": "Gwenaëlle",
        "last_name": "Le Goff",
        "organisation": organisation.pk if organisation else "",
        "fonction": "Secrétaire générale de mairie",
        "expertises": [Expertise.AGENT_TERRAIN, Expertise.DECIDEUR],
        "profil_public": "on",
    }
    donnees.update(autres)
    return donnees


def test_invisible_characters_are_taken_out_of_the_name_and_function(client_de, relais):
    client = client_de("relais")

    reponse = client.post(
        URL,
        donnees_valides(
            first_name="\u202eevil\u202c", last_name="Le\u200b Goff", fonction="Maire\u2066"
        ),
    )

    assert reponse.status_code == 302
    relais.refresh_from_db()
    assert (relais.first_name, relais.last_name, relais.fonction) == ("evil", "Le Goff", "Maire")


def test_the_profile_page_shows_the_form_and_the_account_links(client_de):
    reponse = client_de("relais").get(URL)
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert html.count("<h1") == 1
    for nom in ("first_name", "last_name", "organisation", "fonction", "profil_public"):
        assert f'name="{nom}"' in html
    assert html.count('name="expertises"') == len(Expertise.choices)
    assert 'type="checkbox"' in html
    for cible in (
        "account_email",
        "account_change_password",
        "comptes:export",
        "comptes:supprimer",
        "communautes:mes_engagements",
        "experimentations:mes_pactes",
    ):
        assert reverse(cible) in html
    # The help text of the public profile choice is tied to the checkbox.
    assert 'aria-describedby="id_profil_public_helptext"' in html


def test_saving_the_profile_redirects_with_a_message(client_de, relais):
    organisation = OrganisationFactory(nom="Commune de Carhaix-Plouguer")
    client = client_de("relais")
    reponse = client.post(URL, donnees_valides(organisation))
    assert reponse.status_code == 302
    assert reponse["Location"] == URL
    relais.refresh_from_db()
    assert relais.first_name == "Gwenaëlle"
    assert relais.organisation == organisation
    assert relais.expertises == ["agent_terrain", "decideur"]
    assert relais.profil_public is True
    assert [str(m) for m in get_messages(reponse.wsgi_request)] == ["Votre profil est enregistré."]


def test_unchecking_everything_clears_expertises_and_public_profile(client_de, relais):
    relais.expertises = ["chercheur"]
    relais.profil_public = True
    relais.save()
    donnees = donnees_valides()
    del donnees["expertises"], donnees["profil_public"]
    client_de("relais").post(URL, donnees)
    relais.refresh_from_db()
    assert relais.expertises == []
    assert relais.profil_public is False


def test_an_unknown_expertise_is_refused_next_to_the_field_and_input_kept(client_de, relais):
    reponse = client_de("relais").post(
        URL, donnees_valides(expertises=["agent_terrain", "astronaute"], fonction="Maire adjointe")
    )
    assert reponse.status_code == 200
    form = reponse.context["form"]
    assert "expertises" in form.errors
    assert "astronaute" in form.errors["expertises"][0]
    html = reponse.content.decode()
    assert 'id="id_expertises_error"' in html
    assert 'value="Maire adjointe"' in html
    relais.refresh_from_db()
    assert relais.fonction == ""


def test_a_too_long_function_is_refused_in_french_and_kept(client_de, relais):
    trop_long = "chargée de mission " * 20
    reponse = client_de("relais").post(URL, donnees_valides(fonction=trop_long))
    assert reponse.status_code == 200
    erreur = reponse.context["form"].errors["fonction"][0]
    assert "200 caractères" in erreur
    html = reponse.content.decode()
    assert 'aria-invalid="true"' in html
    assert trop_long.strip() in html
    relais.refresh_from_db()
    assert relais.fonction == ""


def test_an_organisation_that_does_not_exist_is_refused(client_de):
    reponse = client_de("relais").post(URL, {**donnees_valides(), "organisation": "999999"})
    assert reponse.status_code == 200
    assert "organisation" in reponse.context["form"].errors


def test_an_unverified_person_cannot_save_and_is_sent_a_code(client, db):
    personne = PersonneFactory(verifiee=False)
    EmailAddress.objects.create(user=personne, email=personne.email, verified=False, primary=True)
    client.force_login(personne)
    reponse = client.post(URL, donnees_valides())
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_email_verification_sent"))
    personne.refresh_from_db()
    assert personne.first_name != "Gwenaëlle"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [personne.email]


def test_an_unverified_person_can_still_read_the_page(client, db):
    personne = PersonneFactory(verifiee=False)
    client.force_login(personne)
    assert client.get(URL).status_code == 200


def test_the_page_costs_a_fixed_number_of_queries(client_de, django_assert_max_num_queries):
    OrganisationFactory.create_batch(30)
    client = client_de("direction")
    client.get(URL)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("methode", ["put", "delete"])
def test_other_methods_are_refused(client_de, methode):
    assert getattr(client_de("relais"), methode)(URL).status_code == 405


def test_the_code_sent_to_an_unverified_person_unlocks_the_profile(client, db):
    from tests.comptes.test_creation_de_compte import code_du_courriel

    personne = PersonneFactory(verifiee=False)
    EmailAddress.objects.create(user=personne, email=personne.email, verified=False, primary=True)
    client.force_login(personne)
    reponse = client.post(URL, donnees_valides())
    page_du_code = reponse["Location"]
    assert client.get(page_du_code).status_code == 200
    reponse = client.post(page_du_code, {"code": code_du_courriel(mail.outbox[0])})
    assert reponse.status_code == 302
    assert EmailAddress.objects.get(user=personne).verified
    assert client.post(URL, donnees_valides()).status_code == 302
    personne.refresh_from_db()
    assert personne.first_name == "Gwenaëlle"
