"""Consultations: who comments and when, on which paragraph or criterion; who answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from gouvernance.models import StatutVersion
from gouvernance.services import grille as services_grille
from gouvernance.services.consultation import commentaire_ajouter, commentaire_repondre
from gouvernance.services.textes import TexteImpossible
from tests.conftest import PERSONAS
from tests.gouvernance.aide_textes import (
    grille_brouillon,
    grille_en_consultation,
    theorie_en_consultation,
    theorie_publiee,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(coordination):
    return theorie_en_consultation(coordination)


@pytest.mark.parametrize("nom", list(PERSONAS))
def test_every_member_with_a_verified_address_comments_during_the_window(nom, persona, version):
    c = commentaire_ajouter(par=persona(nom), version=version, texte="D'accord.", paragraphe=2)
    assert (c.theorie, c.paragraphe, c.auteur) == (version, 2, persona(nom))


def test_an_unverified_address_does_not_comment(relais, version):
    EmailAddress.objects.filter(user=relais).update(verified=False)
    relais.refresh_from_db()
    with pytest.raises(TexteImpossible):
        commentaire_ajouter(par=relais, version=version, texte="Bonjour")


def test_no_comment_outside_the_window_or_on_a_draft_or_a_published_version(
    relais, coordination, version
):
    type(version).objects.filter(pk=version.pk).update(
        consultation_fin=timezone.localdate() - timedelta(days=1)
    )
    version.refresh_from_db()
    with pytest.raises(TexteImpossible, match="pas ouverte"):
        commentaire_ajouter(par=relais, version=version, texte="Trop tard")
    with pytest.raises(TexteImpossible, match="pas ouverte"):
        commentaire_ajouter(par=relais, version=theorie_publiee(coordination), texte="Publiée")


@pytest.mark.parametrize(("paragraphe", "accepte"), [(1, True), (3, True), (0, False), (4, False)])
def test_a_paragraph_is_one_of_the_version_s(relais, version, paragraphe, accepte):
    if accepte:
        commentaire_ajouter(par=relais, version=version, texte="Oui", paragraphe=paragraphe)
    else:
        with pytest.raises(TexteImpossible) as exc:
            commentaire_ajouter(par=relais, version=version, texte="Non", paragraphe=paragraphe)
        assert exc.value.message_dict["paragraphe"] == ["Choisissez un paragraphe entre 1 et 3."]


def test_an_empty_comment_is_refused_and_control_characters_removed(relais, version):
    with pytest.raises(TexteImpossible) as exc:
        commentaire_ajouter(par=relais, version=version, texte=" \u200b ")
    assert "texte" in exc.value.message_dict
    c = commentaire_ajouter(par=relais, version=version, texte="Bien\x1b vu")
    assert c.texte == "Bien vu"


def test_a_grid_takes_comments_on_its_criteria_by_order(relais, coordination):
    theorie_publiee(coordination)
    grille = grille_en_consultation(coordination)
    assert grille.statut == StatutVersion.EN_CONSULTATION
    commentaire_ajouter(par=relais, version=grille, texte="Poids trop fort", paragraphe=3)
    with pytest.raises(TexteImpossible, match="critère entre 1 et 3"):
        commentaire_ajouter(par=relais, version=grille, texte="?", paragraphe=4)


@pytest.mark.parametrize("nom", list(PERSONAS))
def test_only_those_who_write_texts_open_a_grid_s_consultation(nom, persona, coordination):
    theorie_publiee(coordination)
    brouillon = grille_brouillon(coordination)
    jour = timezone.localdate()
    if nom in ("direction", "coordination"):
        v = services_grille.grille_ouvrir_consultation(
            par=persona(nom), version=brouillon, debut=jour, fin=jour
        )
        assert v.statut == StatutVersion.EN_CONSULTATION
    else:
        with pytest.raises(TexteImpossible):
            services_grille.grille_ouvrir_consultation(
                par=persona(nom), version=brouillon, debut=jour, fin=jour
            )


def test_the_grid_s_consultation_follows_the_theory_s_rules(coordination):
    theorie_publiee(coordination)
    brouillon = grille_brouillon(coordination)
    jour = timezone.localdate()
    with pytest.raises(TexteImpossible) as exc:
        services_grille.grille_ouvrir_consultation(
            par=coordination, version=brouillon, debut=jour, fin=jour - timedelta(days=1)
        )
    assert "consultation_fin" in exc.value.message_dict
    ouverte = services_grille.grille_ouvrir_consultation(
        par=coordination, version=brouillon, debut=jour, fin=jour
    )
    with pytest.raises(TexteImpossible, match="Seul un brouillon"):
        services_grille.grille_ouvrir_consultation(
            par=coordination, version=ouverte, debut=jour, fin=jour
        )


@pytest.mark.parametrize(
    ("nom", "repond"),
    [
        ("relais", False),
        ("direction", True),
        ("coordination", True),
        ("animation", True),
        ("documentation", False),
        ("recherche", False),
        ("copil", False),
        ("codir", False),
    ],
)
def test_who_answers_in_the_team_s_name(nom, repond, persona, relais, version):
    c = commentaire_ajouter(par=relais, version=version, texte="Une question ?")
    if repond:
        c = commentaire_repondre(par=persona(nom), commentaire=c, reponse="Voici.")
        assert (c.reponse, c.repondu_par) == ("Voici.", persona(nom))
        assert c.repondu_le is not None
    else:
        with pytest.raises(TexteImpossible):
            commentaire_repondre(par=persona(nom), commentaire=c, reponse="Voici.")


def test_an_empty_answer_is_refused(coordination, relais, version):
    c = commentaire_ajouter(par=relais, version=version, texte="Une question ?")
    with pytest.raises(TexteImpossible) as exc:
        commentaire_repondre(par=coordination, commentaire=c, reponse="  ")
    assert "reponse" in exc.value.message_dict


def test_a_member_s_comments_and_their_answers_are_in_their_data_export(
    client_de, relais, coordination, version
):
    c = commentaire_ajouter(par=relais, version=version, texte="Mon avis.", paragraphe=1)
    commentaire_repondre(par=coordination, commentaire=c, reponse="Merci.")
    commentaire_ajouter(par=coordination, version=version, texte="Pas le sien.")
    reponse = client_de("relais").get(reverse("comptes:export"))
    section = reponse.json()["commentaires_de_consultation"]
    assert [(s["commentaire"], s["paragraphe"], s["reponse_de_l_equipe"]) for s in section] == [
        ("Mon avis.", 1, "Merci.")
    ]
