"""COPIL sessions in the back office: prepared on the add page, then each step a button through
the services, with the errors next to the fields and what was typed kept; decisions read only
with the Direction's rectification; the list in a fixed number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gouvernance.models import Rectification, SessionCopil, StatutSession
from problematiques.models import Statut
from tests.gouvernance import factories

pytestmark = pytest.mark.django_db


def url(modele: str, page: str, *args: Any) -> str:
    return reverse(f"admin:gouvernance_{modele}_{page}", args=args)


def messages_de(reponse: Any) -> list[str]:
    return [str(m) for m in get_messages(reponse.wsgi_request)]


def test_the_add_page_prepares_a_session_through_the_service(client_de, grille_copil):
    client = client_de("coordination")
    reponse = client.post(
        url("sessioncopil", "add"),
        {"titre": "Session d'hiver", "le": "12/01/2027", "ordre_du_jour": "1. Tout"},
    )
    session = SessionCopil.objects.get()
    assert reponse.status_code == 302 and reponse.url == url("sessioncopil", "change", session.pk)
    assert session.grille == grille_copil and session.le == date(2027, 1, 12)
    assert session.actions.count() == 1


def test_without_a_grid_the_add_page_says_so(client_de):
    reponse = client_de("coordination").post(
        url("sessioncopil", "add"), {"titre": "S", "le": "12/01/2027"}
    )
    assert reponse.status_code == 200
    assert "Aucune grille de sélection n&#x27;est publiée" in reponse.content.decode()
    assert not SessionCopil.objects.exists()


def test_the_steps_of_a_session_from_its_page(client_de, session_en_preparation, membres_copil):
    client = client_de("coordination")
    s = session_en_preparation
    page = client.get(url("sessioncopil", "change", s.pk)).content.decode()
    assert "Ajouter une candidature" in page and "Ouvrir au vote" in page
    assert "Clore le vote" not in page

    nouveau = factories.probleme_pret()
    reponse = client.post(
        url("sessioncopil", "etape", s.pk, "ajouter"),
        {"ajouter-problematique": nouveau.pk, "ajouter-presentation": "Prête."},
    )
    assert reponse.url == url("sessioncopil", "change", s.pk)
    nouveau.refresh_from_db()
    assert nouveau.statut == Statut.CANDIDATE

    candidature = s.candidatures.get(problematique=nouveau)
    client.post(
        url("sessioncopil", "etape", s.pk, "retirer"), {"retirer-candidature": candidature.pk}
    )
    nouveau.refresh_from_db()
    assert nouveau.statut == Statut.COMMUNAUTE_CONSTITUEE

    client.post(
        url("sessioncopil", "etape", s.pk, "ouvrir"), {"ouvrir-president": membres_copil[0].pk}
    )
    s.refresh_from_db()
    assert s.statut == StatutSession.OUVERTE and s.membres.count() == 3
    assert "Clore le vote" in client.get(url("sessioncopil", "change", s.pk)).content.decode()

    # Without the quorum, the closing is refused with its message.
    reponse = client.post(url("sessioncopil", "etape", s.pk, "clore"))
    assert any("quorum" in m for m in messages_de(reponse))
    factories.voter_tous(s, membres_copil)
    client.post(url("sessioncopil", "etape", s.pk, "clore"))
    s.refresh_from_db()
    assert s.statut == StatutSession.CLOSE


def test_a_refused_step_keeps_what_was_typed_with_the_error_next_to_the_field(
    client_de, session_en_preparation
):
    client = client_de("coordination")
    s = session_en_preparation
    pas_mure = factories.CommunauteFactory(interet=True).problematique
    reponse = client.post(
        url("sessioncopil", "etape", s.pk, "ajouter"),
        {"ajouter-problematique": pas_mure.pk, "ajouter-presentation": "Texte gardé <b>."},
        follow=True,
    )
    page = reponse.content.decode()
    assert "pas été fait : corrigez le formulaire" in page
    assert "Texte gardé &lt;b&gt;." in page
    assert "errorlist" in page
    assert not s.candidatures.filter(problematique=pas_mure).exists()


@pytest.mark.parametrize("nom", ["animation", "documentation", "recherche"])
def test_the_rest_of_the_team_reads_without_steps(client_de, nom, session_en_preparation):
    client = client_de(nom)
    page = client.get(url("sessioncopil", "change", session_en_preparation.pk))
    assert page.status_code == 200 and "Ajouter une candidature" not in page.content.decode()
    reponse = client.post(url("sessioncopil", "etape", session_en_preparation.pk, "clore"))
    assert reponse.status_code == 403


def test_the_direction_rectifies_a_published_decision(client_de, session_publiee):
    decision = session_publiee.candidatures.first().decision
    client = client_de("direction")
    page = client.get(url("decision", "change", decision.pk)).content.decode()
    assert "Ajouter une rectification" in page
    reponse = client.post(
        url("decision", "etape", decision.pk, "rectifier"), {"rectifier-texte": ""}
    )
    assert any("corrigez" in m for m in messages_de(reponse))
    client.post(
        url("decision", "etape", decision.pk, "rectifier"),
        {"rectifier-texte": "Lire « mars ».", "rectifier-le": "02/03/2027"},
    )
    assert Rectification.objects.get().le == date(2027, 3, 2)
    assert (
        client_de("coordination")
        .post(url("decision", "etape", decision.pk, "rectifier"))
        .status_code
        == 403
    )


def test_the_lists_cost_a_fixed_number_of_queries(
    client_de, coordination, grille_copil, session_publiee, django_assert_max_num_queries
):
    for i in range(5):
        factories.session_preparee(par=coordination, candidats=0, titre=f"Session {i}")
    client = client_de("direction")
    client.get(url("sessioncopil", "changelist"))
    with django_assert_max_num_queries(12):
        assert client.get(url("sessioncopil", "changelist")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(url("decision", "changelist")).status_code == 200


def test_the_problems_back_office_page_links_its_sessions_and_decision(client_de, session_publiee):
    candidature = session_publiee.candidatures.first()
    page = client_de("animation").get(
        reverse("admin:problematiques_problematique_change", args=[candidature.problematique_id])
    )
    contenu = page.content.decode()
    assert url("sessioncopil", "change", session_publiee.pk) in contenu
    assert url("decision", "change", candidature.decision.pk) in contenu
    assert "décision\u00a0: retenue" in contenu


def test_a_sessions_page_costs_the_same_with_more_candidates(
    client_de, coordination, grille_copil, membres_copil
):
    client = client_de("coordination")
    petite = factories.session_preparee(par=coordination, candidats=1, titre="Petite")
    grande = factories.session_preparee(par=coordination, candidats=8, titre="Grande")
    client.get(url("sessioncopil", "change", petite.pk))
    with CaptureQueriesContext(connection) as petite_requetes:
        client.get(url("sessioncopil", "change", petite.pk))
    with CaptureQueriesContext(connection) as grande_requetes:
        assert client.get(url("sessioncopil", "change", grande.pk)).status_code == 200
    assert len(grande_requetes) == len(petite_requetes)
