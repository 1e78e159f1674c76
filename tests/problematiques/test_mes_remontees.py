"""The confirmation after a report, and « mes remontées »: only one's own, never internal notes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from problematiques.models import Statut, TypeTransition
from tests.conftest import ALL_PERSONAS
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory
from tests.pages import nb_requetes
from tests.problematiques.factories import ProblematiqueFactory, TransitionFactory

pytestmark = pytest.mark.django_db

URL = reverse("problematiques:mes_remontees")
XSS = "<script>alert('xss')</script>"
XSS_MD = "[piège](javascript:alert(1)) <img src=x onerror=alert(2)>"


def _envoye(problematique) -> str:
    return reverse("problematiques:signalement_envoye", kwargs={"slug": problematique.slug})


# --- Confirmation page --------------------------------------------------------------------


def test_the_confirmation_says_what_happens_next_to_its_author(client, relais):
    p = ProblematiqueFactory(auteur=relais, titre="Pas de car le dimanche")
    client.force_login(relais)

    reponse = client.get(_envoye(p))

    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "Merci, votre signalement est envoyé" in contenu
    assert "15\u00a0jours ouvrés" in contenu
    assert "qualification" in contenu
    assert "nous aussi" in contenu
    assert f'href="{URL}"' in contenu


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_the_confirmation_exists_only_for_its_author(client_de, persona, nom):
    p = ProblematiqueFactory(auteur=PersonneFactory(roles=["Relais"]))

    reponse = client_de(nom).get(_envoye(p))

    if nom == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))
    else:
        assert reponse.status_code == 404


def test_the_confirmation_shows_the_relays_text_inert(client, relais):
    p = ProblematiqueFactory(auteur=relais, titre=f"Titre {XSS}", constat=f"Constat {XSS_MD}")
    client.force_login(relais)

    contenu = client.get(_envoye(p)).content.decode()

    assert "<script>alert" not in contenu
    assert "<img src=x" not in contenu
    assert 'href="javascript:' not in contenu
    assert "&lt;script&gt;" in contenu


# --- Mes remontées ------------------------------------------------------------------------


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_every_persona_on_mes_remontees(client_de, nom):
    reponse = client_de(nom).get(URL)

    if nom == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"] == f"{reverse('account_login')}?next={URL}"
    else:
        assert reponse.status_code == 200
        assert "Vous n'avez encore signalé aucun problème" in reponse.content.decode()


def test_unverified_person_still_sees_their_reports(client):
    personne = PersonneFactory(verifiee=False)
    ProblematiqueFactory(auteur=personne, titre="Ma remontée à moi")
    client.force_login(personne)

    assert "Ma remontée à moi" in client.get(URL).content.decode()


def test_only_ones_own_reports_are_listed(client, relais):
    ProblematiqueFactory(auteur=relais, titre="Ma remontée à moi")
    ProblematiqueFactory(titre="Celle d'un autre relais")
    ProblematiqueFactory(titre="Une autre, publiée", publiee=True)
    client.force_login(relais)

    contenu = client.get(URL).content.decode()

    assert "Ma remontée à moi" in contenu
    assert "Celle d" not in contenu
    assert "Une autre, publiée" not in contenu


def test_each_report_shows_its_state_dates_history_and_the_teams_messages(client, relais):
    p = ProblematiqueFactory(
        auteur=relais,
        titre="Pas de car le dimanche",
        statut=Statut.OUVERTE,
        publiee_le=timezone.now(),
        territoires=[TerritoireFactory(nom="Plouguerneau")],
        themes=[ThemeFactory(nom="Mobilité")],
    )
    TransitionFactory(
        problematique=p,
        commentaire_public="Pouvez-vous **préciser** les horaires ?",
        note_interne="SECRET-INTERNE",
    )
    TransitionFactory(
        problematique=p,
        type=TypeTransition.OUVRIR,
        statut_avant=Statut.EN_QUALIFICATION,
        statut_apres=Statut.OUVERTE,
        commentaire_public="Publiée : merci !",
        note_interne="SECRET-INTERNE aussi",
        publique=True,
    )
    TransitionFactory(
        problematique=p,
        type=TypeTransition.ASSIGNER_REFERENT,
        statut_avant=Statut.OUVERTE,
        statut_apres=Statut.OUVERTE,
        note_interne="SECRET-INTERNE référent",
    )
    client.force_login(relais)

    contenu = client.get(URL).content.decode()

    assert "SECRET-INTERNE" not in contenu
    assert "Référent désigné" not in contenu
    assert "Ouverte" in contenu
    assert "Mise en qualification" in contenu
    assert "l'état passe à «&nbsp;En qualification&nbsp;»" in contenu
    assert "Pouvez-vous <strong>préciser</strong> les horaires\u202f?" in contenu
    assert "Publiée\u00a0: merci\u202f!" in contenu
    assert "Message de l'équipe du Ti Lab" in contenu
    assert "Plouguerneau" in contenu and "Mobilité" in contenu
    assert f'href="{p.get_absolute_url()}"' in contenu
    assert "Publiée le" in contenu


def test_an_unpublished_report_has_no_public_link(client, relais):
    p = ProblematiqueFactory(auteur=relais)
    client.force_login(relais)

    contenu = client.get(URL).content.decode()

    assert p.get_absolute_url() not in contenu
    assert "visible par vous et l'équipe seulement" in contenu


def test_the_relays_text_and_the_teams_comments_are_shown_inert(client, relais):
    p = ProblematiqueFactory(auteur=relais, titre=f"Titre {XSS}")
    TransitionFactory(problematique=p, commentaire_public=f"Commentaire {XSS} {XSS_MD}")
    client.force_login(relais)

    contenu = client.get(URL).content.decode()

    assert "<script>alert" not in contenu
    assert "<img src=x" not in contenu
    assert 'href="javascript:' not in contenu
    assert "Titre &lt;script&gt;" in contenu


def test_reports_are_paginated(client, relais):
    ProblematiqueFactory.create_batch(12, auteur=relais)
    client.force_login(relais)

    premiere = client.get(URL).content.decode()
    seconde = client.get(URL, {"page": 2}).content.decode()

    assert premiere.count('class="remontee"') == 10
    assert seconde.count('class="remontee"') == 2
    assert "12 signalements" in premiere


def test_the_number_of_queries_does_not_grow_with_reports_and_steps(
    client, relais, django_assert_num_queries
):
    client.force_login(relais)
    ProblematiqueFactory(auteur=relais)
    avec_une = nb_requetes(client, URL)

    territoires = TerritoireFactory.create_batch(3)
    themes = ThemeFactory.create_batch(3)
    for p in ProblematiqueFactory.create_batch(
        40, auteur=relais, territoires=territoires, themes=themes
    ):
        TransitionFactory.create_batch(6, problematique=p, commentaire_public="Un message.")

    # session, user, count, page of reports, then one query per prefetch (territories,
    # themes, steps): the same whatever the number of reports and steps.
    with django_assert_num_queries(avec_une):
        client.get(URL)
    assert avec_une == 7
