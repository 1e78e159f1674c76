"""A signatory confirms a pact with their own account: the button on the pact's page, the
page that restates the commitments with its box to tick, the POST that records the
confirmation, and every way it is refused (someone else, already confirmed, not proposed,
the box not ticked, an unverified address)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from experimentations.models import (
    ActionExperimentation,
    QualiteSignataire,
    Signataire,
    StatutPacte,
)
from tests.conftest import ALL_PERSONAS
from tests.factories import OrganisationFactory, PersonneFactory

from .factories import EngagementPacteFactory, PacteFactory, SignataireFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    html = reponse.content.decode().replace("</dt>", " :</dt>")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def mairie():
    return OrganisationFactory(nom="Commune de Plouzané")


@pytest.fixture
def agent(mairie):
    return PersonneFactory(organisation=mairie, first_name="Yann", last_name="Kerjean")


@pytest.fixture
def decideuse(mairie):
    return PersonneFactory(organisation=mairie, first_name="Maïwenn", last_name="Le Bras")


@pytest.fixture
def pacte(mairie, agent, decideuse):
    pacte = PacteFactory(organisation=mairie, statut=StatutPacte.PROPOSE, propose_le=timezone.now())
    EngagementPacteFactory(pacte=pacte, personne=agent, description="Un dixième du temps.")
    SignataireFactory(pacte=pacte, personne=agent, qualite=QualiteSignataire.AGENT)
    SignataireFactory(pacte=pacte, personne=decideuse, qualite=QualiteSignataire.DECIDEUR)
    return pacte


def url_signer(pacte) -> str:
    return reverse("experimentations:signer", args=[pacte.numero])


def confirmation(pacte, personne):
    return Signataire.objects.get(pacte=pacte, personne=personne).signe_le


# --- The button on the pact's page ----------------------------------------------------------


def test_a_signatory_sees_the_button_on_the_pact_page(client, pacte, agent):
    client.force_login(agent)
    reponse = client.get(pacte.get_absolute_url())
    assert "Votre confirmation est attendue." in texte(reponse)
    assert f'href="{url_signer(pacte)}"' in reponse.content.decode()


@pytest.mark.parametrize("nom_persona", ALL_PERSONAS)
def test_nobody_else_sees_the_button(client_de, nom_persona, pacte):
    reponse = client_de(nom_persona).get(pacte.get_absolute_url())
    assert reponse.status_code == 200
    assert "Confirmer ma signature" not in texte(reponse)


def test_a_signatory_who_confirmed_sees_when(client, pacte, agent):
    Signataire.objects.filter(personne=agent).update(signe_le=timezone.now())
    client.force_login(agent)
    page = texte(client.get(pacte.get_absolute_url()))
    assert "Confirmer ma signature" not in page
    assert "Vous avez confirmé ce pacte le" in page
    assert "1 sur 2 l'a confirmé" in page


# --- The confirmation page ------------------------------------------------------------------


def test_the_page_restates_the_commitments_with_a_box_to_tick(client, pacte, agent):
    client.force_login(agent)
    reponse = client.get(url_signer(pacte))
    page = texte(reponse)
    assert reponse.status_code == 200
    assert "en tant qu'agent" in page
    assert "Un dixième du temps." in page
    assert "J'ai lu le pacte et je le confirme au nom de Commune de Plouzané" in page
    assert 'type="checkbox" name="confirmation"' in reponse.content.decode()


def test_a_confirmation_is_recorded_with_its_date_and_journaled(client, pacte, agent):
    client.force_login(agent)
    reponse = client.post(url_signer(pacte), {"confirmation": "on"}, follow=True)
    assert reponse.redirect_chain == [(pacte.get_absolute_url(), 302)]
    page = texte(reponse)
    assert "C'est fait : Votre signature est confirmée." in page
    assert "quand tous ses signataires l'auront confirmé" in page
    assert confirmation(pacte, agent) is not None
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.PROPOSE
    assert ActionExperimentation.objects.filter(
        experimentation=pacte.experimentation, par=agent, detail__contains="confirmé"
    ).exists()


def test_the_last_confirmation_signs_the_pact(client, pacte, agent, decideuse):
    client.force_login(agent)
    client.post(url_signer(pacte), {"confirmation": "on"})
    client.force_login(decideuse)
    reponse = client.post(url_signer(pacte), {"confirmation": "on"}, follow=True)
    assert f"Tous les signataires ont confirmé : le Pacte n° {pacte.numero} est signé." in (
        texte(reponse)
    )
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.SIGNE
    assert pacte.signe_le is not None


@pytest.mark.parametrize("valeur", [None, "", "false", "False"])
def test_the_box_not_ticked_is_an_error_next_to_it(client, pacte, agent, valeur):
    client.force_login(agent)
    donnees = {} if valeur is None else {"confirmation": valeur}
    reponse = client.post(url_signer(pacte), donnees)
    assert reponse.status_code == 400
    html = reponse.content.decode()
    page = texte(reponse)
    assert page.startswith("Erreur : ")
    assert "Votre signature n'est pas encore enregistrée." in page
    assert "Cochez la case pour confirmer le pacte" in page
    # The message is tied to the field.
    assert 'aria-describedby="id_confirmation_error' in html
    assert confirmation(pacte, agent) is None


def test_nobody_signs_for_someone_else(client, pacte, agent, decideuse):
    client.force_login(agent)
    client.post(
        url_signer(pacte),
        {"confirmation": "on", "personne": decideuse.pk, "signataire": decideuse.pk},
    )
    assert confirmation(pacte, agent) is not None
    assert confirmation(pacte, decideuse) is None


@pytest.mark.parametrize("nom_persona", [p for p in ALL_PERSONAS if p != "anonyme"])
def test_someone_who_is_not_a_signatory_is_refused(client_de, nom_persona, pacte):
    client = client_de(nom_persona)
    assert client.get(url_signer(pacte)).status_code == 403
    assert client.post(url_signer(pacte), {"confirmation": "on"}).status_code == 403
    assert not Signataire.objects.filter(pacte=pacte, signe_le__isnull=False).exists()


def test_a_visitor_logs_in_first(client, pacte):
    for reponse in (client.get(url_signer(pacte)), client.post(url_signer(pacte), {})):
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))


def test_an_unverified_address_is_verified_first(client, pacte, agent):
    EmailAddress.objects.filter(user=agent).update(verified=False)
    client.force_login(agent)
    reponse = client.post(url_signer(pacte), {"confirmation": "on"})
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_email_verification_sent"))
    assert confirmation(pacte, agent) is None


def test_confirming_twice_says_it_is_done(client, pacte, agent):
    client.force_login(agent)
    client.post(url_signer(pacte), {"confirmation": "on"})
    premiere = confirmation(pacte, agent)
    for reponse in (
        client.get(url_signer(pacte), follow=True),
        client.post(url_signer(pacte), {"confirmation": "on"}, follow=True),
    ):
        assert reponse.redirect_chain == [(pacte.get_absolute_url(), 302)]
        assert "Vous avez déjà confirmé ce pacte le" in texte(reponse)
    assert confirmation(pacte, agent) == premiere


@pytest.mark.parametrize("statut", [StatutPacte.SIGNE, StatutPacte.ROMPU, StatutPacte.REMPLACE])
def test_a_pact_no_longer_proposed_is_not_confirmed(client, pacte, agent, statut):
    pacte.statut = statut
    pacte.signe_le = timezone.now()
    pacte.motif_rupture = "Un motif."
    pacte.save()
    client.force_login(agent)
    reponse = client.post(url_signer(pacte), {"confirmation": "on"}, follow=True)
    assert reponse.redirect_chain == [(pacte.get_absolute_url(), 302)]
    assert "Ce pacte n'attend pas de confirmation" in texte(reponse)
    assert confirmation(pacte, agent) is None


def test_a_withdrawn_proposal_is_no_longer_there(client, pacte, agent):
    client.force_login(agent)
    assert client.get(url_signer(pacte)).status_code == 200
    pacte.statut = StatutPacte.BROUILLON
    pacte.save()
    assert client.post(url_signer(pacte), {"confirmation": "on"}).status_code == 404
    assert confirmation(pacte, agent) is None


def test_an_unknown_pact_is_a_404(client, agent):
    client.force_login(agent)
    assert client.get("/experimentations/pactes/424242/signer/").status_code == 404
    assert client.get("/experimentations/pactes/-1/signer/").status_code == 404


def test_other_methods_are_refused(client, pacte, agent):
    client.force_login(agent)
    assert client.put(url_signer(pacte)).status_code == 405


def test_the_confirmation_page_shows_what_people_wrote_escaped(client, pacte, agent):
    xss = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
    pacte.preambule = xss
    pacte.save()
    pacte.engagements.update(description=xss)
    client.force_login(agent)
    html = client.get(url_signer(pacte)).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "alert" in html


def test_a_number_too_large_for_a_pact_is_a_404(client, agent):
    client.force_login(agent)
    for url in (
        "/experimentations/pactes/99999999999999999999/",
        "/experimentations/pactes/99999999999999999999/signer/",
    ):
        assert client.get(url).status_code == 404
