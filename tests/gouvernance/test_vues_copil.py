"""What members and the chair do on a session's page, through the services: vote, change the
vote, abstain, close, decide, publish, rectify; bad input answered with the form again."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gouvernance.models import Avis, Decision, Rectification, StatutSession, Vote
from tests.gouvernance import factories

pytestmark = pytest.mark.django_db


def champs_du_vote(candidature, avis="retenir", commentaire="", **notes):
    criteres = {c.libelle: c.pk for c in candidature.session.grille.criteres.all()}
    donnees = {
        f"vote-{candidature.pk}-avis": avis,
        f"vote-{candidature.pk}-commentaire": commentaire,
    }
    for libelle, valeur in notes.items():
        donnees[f"vote-{candidature.pk}-critere_{criteres[libelle]}"] = valeur
    return donnees


def test_a_seated_member_votes_then_changes_their_vote(client_de, session_ouverte, president):
    candidature = session_ouverte.candidatures.first()
    client = client_de("copil")
    url = reverse("gouvernance:voter", args=[candidature.pk])
    reponse = client.post(url, champs_du_vote(candidature, commentaire="Solide"))
    assert reponse.status_code == 302
    page_candidature = reverse(
        "gouvernance:candidature", args=[session_ouverte.slug, candidature.pk]
    )
    assert reponse["Location"] == page_candidature
    page = client.get(reponse["Location"]).content.decode()
    assert "Votre vote est enregistré" in page
    assert "Il vous reste 1 candidature à évaluer" in page
    assert "Vous avez voté\u00a0: retenir." in page
    # The session's page says where each candidate stands for the member.
    session = client.get(session_ouverte.get_absolute_url()).content.decode()
    assert "Votre vote\u00a0: retenir." in session and "À évaluer." in session

    client.post(url, champs_du_vote(candidature, avis="ajourner"))
    vote = Vote.objects.get(candidature=candidature, membre=president)
    assert vote.avis == Avis.AJOURNER


@pytest.mark.parametrize(
    ("donnees", "erreur"),
    [
        ({"avis": "retenir", "Portée par le terrain": "9"}, "Choisissez un des niveaux"),
        ({"avis": ""}, "Donnez votre avis"),
    ],
)
def test_a_bad_vote_is_the_page_again_with_the_error_and_what_was_typed(
    donnees, erreur, client_de, session_ouverte
):
    candidature = session_ouverte.candidatures.first()
    avis = donnees.pop("avis")
    notes = {k: v for k, v in donnees.items()}
    reponse = client_de("copil").post(
        reverse("gouvernance:voter", args=[candidature.pk]),
        champs_du_vote(candidature, avis=avis, commentaire="Mon avis motivé", **notes),
    )
    assert reponse.status_code == 400
    html = reponse.content.decode()
    assert erreur in html
    assert "Mon avis motivé" in html
    assert not Vote.objects.exists()


def test_an_abstention_needs_a_declaration_then_shows_on_the_public_page(
    client_de, client, session_ouverte
):
    candidature = session_ouverte.candidatures.first()
    url = reverse("gouvernance:voter", args=[candidature.pk])
    champ = f"abstention-{candidature.pk}-declaration"
    membre = client_de("copil")
    reponse = membre.post(url, {champ: "", "abstention": "1"})
    assert reponse.status_code == 400
    assert "Dites en quelques mots comment votre organisation est concernée" in (
        reponse.content.decode()
    )
    assert (
        membre.post(url, {champ: "Mon association la porte.", "abstention": "1"}).status_code == 302
    )
    assert Vote.objects.get().abstention
    client.logout()
    html = client.get(session_ouverte.get_absolute_url()).content.decode()
    assert "s'est abstenu·e, son organisation étant concernée" in html
    assert "Mon association la porte." not in html


def test_a_member_who_does_not_sit_cannot_vote(client, session_ouverte):
    candidature = session_ouverte.candidatures.first()
    client.force_login(factories.membre_copil())
    url = reverse("gouvernance:voter", args=[candidature.pk])
    assert client.post(url, champs_du_vote(candidature)).status_code == 403
    for page in (
        session_ouverte.get_absolute_url(),
        reverse("gouvernance:candidature", args=[session_ouverte.slug, candidature.pk]),
    ):
        html = client.get(page).content.decode()
        assert "Enregistrer mon vote" not in html and '#vote">Voter' not in html


def test_closing_without_the_quorum_is_refused_with_a_message(client_de, session_ouverte):
    client = client_de("copil")
    reponse = client.post(reverse("gouvernance:clore", args=[session_ouverte.slug]), follow=True)
    assert "Le quorum n&#x27;est pas atteint" in reponse.content.decode()
    session_ouverte.refresh_from_db()
    assert session_ouverte.statut == StatutSession.OUVERTE


def test_the_chair_closes_decides_publishes_and_the_direction_rectifies(
    client_de, session_ouverte, membres_copil
):
    client = Client()  # a visitor, beside the chair's and the Direction's
    factories.voter_tous(session_ouverte, membres_copil)
    chair = client_de("copil")
    chair.post(reverse("gouvernance:clore", args=[session_ouverte.slug]))
    session_ouverte.refresh_from_db()
    assert session_ouverte.statut == StatutSession.CLOSE
    page = chair.get(session_ouverte.get_absolute_url()).content.decode()
    assert "Score par critère\u00a0: les chiffres" in page and page.count("À décider.") == 2

    premiere, seconde = session_ouverte.candidatures.order_by("ordre")
    page = chair.get(
        reverse("gouvernance:candidature", args=[session_ouverte.slug, premiere.pk])
    ).content.decode()
    assert "Enregistrer la décision" in page and "Candidature suivante" in page
    url = reverse("gouvernance:decider", args=[premiere.pk])
    reponse = chair.post(url, {f"decision-{premiere.pk}-decision": "retenue"})
    assert reponse.status_code == 400
    assert "Écrivez les motifs de la décision" in reponse.content.decode()
    for candidature, decision in ((premiere, "retenue"), (seconde, "non_retenue")):
        chair.post(
            reverse("gouvernance:decider", args=[candidature.pk]),
            {
                f"decision-{candidature.pk}-decision": decision,
                f"decision-{candidature.pk}-motifs": f"Motifs publics de {decision}",
            },
        )
    assert Decision.objects.filter(publiee_le__isnull=True).count() == 2
    # Not public before publication.
    assert (
        "Motifs publics de retenue"
        not in client.get(session_ouverte.get_absolute_url()).content.decode()
    )

    chair.post(reverse("gouvernance:publier", args=[session_ouverte.slug]))
    session_ouverte.refresh_from_db()
    assert session_ouverte.statut == StatutSession.PUBLIEE
    html = client.get(session_ouverte.get_absolute_url()).content.decode()
    assert "Motifs publics de retenue" in html and "Décision\u00a0: non retenue" in html
    assert (
        "Motifs publics de retenue" in client.get(reverse("gouvernance:decisions")).content.decode()
    )

    decision = Decision.objects.get(candidature=premiere)
    direction = Client()
    direction.force_login(factories.redaction())
    reponse = direction.post(
        reverse("gouvernance:rectifier", args=[decision.pk]),
        {f"rectification-{premiere.pk}-texte": "Le territoire est Brest."},
    )
    assert reponse.status_code == 302
    assert reponse["Location"].endswith(f"/candidatures/{premiere.pk}/")
    assert Rectification.objects.get(decision=decision).texte == "Le territoire est Brest."
    assert (
        "Le territoire est Brest."
        in client.get(session_ouverte.get_absolute_url()).content.decode()
    )
