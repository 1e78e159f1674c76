"""« Nous aussi » through the page: who may, what the form keeps, refusals, withdrawal."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from problematiques.models import Soutien, Statut, Suivi
from tests.conftest import ALL_PERSONAS
from tests.factories import OrganisationFactory, PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory

pytestmark = pytest.mark.django_db


def url_soutenir(p) -> str:
    return reverse("problematiques:soutenir", kwargs={"slug": p.slug})


def url_retirer(p) -> str:
    return reverse("problematiques:retirer_soutien", kwargs={"slug": p.slug})


@pytest.fixture
def ouverte():
    return ProblematiqueFactory(publiee=True)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_support_post_for_every_persona(client_de, ouverte, nom):
    client = client_de(nom)

    response = client.post(url_soutenir(ouverte), {"precisions": "Chez nous aussi."})

    if nom == "anonyme":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert response["Location"].endswith(f"?next={ouverte.get_absolute_url()}")
        assert not Soutien.objects.exists()
    else:
        # Every verified person may say "nous aussi", whatever their role.
        assert response.status_code == 302
        assert response["Location"] == ouverte.get_absolute_url()
        soutien = Soutien.objects.get()
        assert soutien.precisions == "Chez nous aussi."
        assert Suivi.objects.filter(problematique=ouverte, personne=soutien.personne).exists()
        page = client.get(response["Location"]).content.decode()
        assert "Votre soutien est enregistré" in page
        assert "Retirer mon soutien" in page


def test_relay_sends_every_field(client, relais, ouverte):
    from tilab.comptes.models import Territoire

    organisation = OrganisationFactory()
    client.force_login(relais)

    client.post(
        url_soutenir(ouverte),
        {
            "organisation": organisation.pk,
            "territoire": "finistere",
            "expertise_offerte": "agent_terrain",
            "precisions": "Même souci.",
            "rejoindrait_communaute": "on",
        },
    )

    soutien = Soutien.objects.get(personne=relais)
    assert soutien.organisation == organisation
    assert soutien.territoire == Territoire.objects.get(slug="finistere")
    assert soutien.expertise_offerte == "agent_terrain"
    assert soutien.rejoindrait_communaute is True


def test_invisible_characters_are_taken_out_of_the_public_details(client, relais, ouverte):
    client.force_login(relais)

    client.post(
        url_soutenir(ouverte), {"precisions": "Même\u202e souci\u2066 chez nous.\nDepuis mars."}
    )

    assert Soutien.objects.get().precisions == "Même souci chez nous.\nDepuis mars."


def test_second_support_is_refused_with_a_message(client, relais, ouverte):
    client.force_login(relais)
    client.post(url_soutenir(ouverte), {})

    response = client.post(url_soutenir(ouverte), {}, follow=True)

    assert Soutien.objects.count() == 1
    assert response.status_code == 200
    assert "Vous soutenez déjà cette problématique." in response.content.decode()


def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(client, relais, ouverte):
    client.force_login(relais)

    response = client.post(
        url_soutenir(ouverte),
        {
            "territoire": "atlantide",
            "expertise_offerte": "magicien",
            "precisions": "Mon texte à garder",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Mon texte à garder" in page
    assert page.count('aria-invalid="true"') == 2
    assert not Soutien.objects.exists()


def test_a_refused_support_keeps_the_chosen_territory_and_organisation(client, relais, ouverte):
    organisation = OrganisationFactory(nom="Mairie de Brest")
    client.force_login(relais)

    response = client.post(
        url_soutenir(ouverte),
        {
            "organisation": organisation.pk,
            "territoire": "finistere",
            "expertise_offerte": "magicien",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    territoire = re.search(r'<select name="territoire".*?</select>', page, re.S)
    assert territoire
    assert re.search(
        r'<optgroup label="Finistère">\n<option value="finistere" selected>'
        r"Finistère \(tout le département\)</option>",
        territoire.group(0),
    )
    assert territoire.group(0).count(" selected") == 1
    assert f'<option value="{organisation.pk}" selected>Mairie de Brest</option>' in page
    assert re.search(r'<select name="expertise_offerte"[^>]*aria-invalid="true"', page)


def test_a_problem_past_support_refuses_it_with_a_message(client, relais):
    fermee = ProblematiqueFactory(statut=Statut.RETENUE, publiee_le=timezone.now())
    client.force_login(relais)

    response = client.post(url_soutenir(fermee), {}, follow=True)

    assert not Soutien.objects.exists()
    assert response.status_code == 200
    page = response.content.decode()
    assert "Erreur\u00a0:" in page
    assert "ne reçoit plus de nouveaux soutiens" in page


def test_the_author_cannot_support_their_own_problem(client, relais):
    p = ProblematiqueFactory(publiee=True, auteur=relais)
    client.force_login(relais)

    page = client.get(p.get_absolute_url()).content.decode()
    client.post(url_soutenir(p), {})

    assert "Nous aussi</button>" not in page
    assert not Soutien.objects.exists()


def test_nobody_supports_a_draft_they_cannot_see(client, relais):
    brouillon = ProblematiqueFactory()
    client.force_login(relais)

    assert client.post(url_soutenir(brouillon), {}).status_code == 404
    assert not Soutien.objects.exists()


def test_get_on_the_post_only_addresses_is_405(client, relais, ouverte):
    client.force_login(relais)

    assert client.get(url_soutenir(ouverte)).status_code == 405
    assert client.get(url_retirer(ouverte)).status_code == 405


def test_csrf_is_required(relais, ouverte):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(relais)

    assert client.post(url_soutenir(ouverte), {}).status_code == 403
    assert not Soutien.objects.exists()


def test_an_unverified_address_is_asked_to_verify_first(client, ouverte):
    personne = PersonneFactory(verifiee=False)
    client.force_login(personne)

    response = client.post(url_soutenir(ouverte), {})

    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "email" in response["Location"]
    assert not Soutien.objects.exists()


def test_withdraw(client, relais, ouverte):
    SoutienFactory(problematique=ouverte, personne=relais)
    client.force_login(relais)

    response = client.post(url_retirer(ouverte), follow=True)

    assert not Soutien.objects.exists()
    assert not Suivi.objects.filter(problematique=ouverte, personne=relais).exists()
    page = response.content.decode()
    assert "Votre soutien est retiré" in page
    assert "Nous aussi</button>" in page


def test_anonymous_withdraw_goes_to_login(client, ouverte):
    response = client.post(url_retirer(ouverte))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_sees_a_login_link_back_to_the_problem(client, ouverte):
    page = client.get(ouverte.get_absolute_url()).content.decode()

    assert "Se connecter pour dire «\u00a0nous aussi\u00a0»" in page
    assert f"?next={ouverte.get_absolute_url()}" in page
    assert "<form" not in page.split("nous-aussi", 1)[1].split("</section>")[0]


def test_a_refusal_from_the_service_comes_back_next_to_the_form(
    client, relais, ouverte, monkeypatch
):
    # The rule lets the form through; the service still has the last word (a state that
    # changed in between, for instance). Its message shows with what was typed.
    from problematiques import services

    def refuser(**kwargs):
        raise services.SoutienImpossible("L'état vient de changer.", code="etat")

    monkeypatch.setattr(services, "soutien_ajouter", refuser)
    client.force_login(relais)

    response = client.post(url_soutenir(ouverte), {"precisions": "Texte gardé"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "L&#x27;état vient de changer." in page
    assert "Texte gardé" in page
    assert "Nous aussi</button>" in page


@pytest.mark.parametrize(
    ("nombre", "resume"),
    [(6, "Voir l'autre soutien"), (8, "Voir les 3 autres soutiens")],
)
def test_past_five_supporters_the_others_are_behind_one_summary_in_good_french(
    client, ouverte, nombre, resume
):
    for _ in range(nombre):
        SoutienFactory(problematique=ouverte)
    html = client.get(ouverte.get_absolute_url()).content.decode()
    assert f"<summary>{resume}</summary>" in html
    assert html.count("<summary>Voir l") == 1
