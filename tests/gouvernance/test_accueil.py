"""The section's entry page: CODIR and COPIL named as they chose, the frame, the texts in force,
the next session, the last decisions and the team's workload."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from gouvernance.models import AvisCodir, CadreTriennal, StatutSession
from tests.factories import PersonneFactory
from tests.gouvernance.pages import clore, publier, une_session

pytestmark = pytest.mark.django_db


def test_the_entry_page_presents_who_decides_the_texts_in_force_and_the_last_decisions(
    client, grille_copil, direction, django_assert_num_queries
):
    PersonneFactory(roles=["CODIR"], first_name="Yann", last_name="Kerbrat", profil_public=True)
    PersonneFactory(roles=["CODIR"])
    PersonneFactory(roles=["COPIL"], first_name="Discret", last_name="Absent")
    aujourd_hui = timezone.localdate()
    CadreTriennal.objects.create(
        titre="Cadre 2026-2028",
        debut=date(aujourd_hui.year, 1, 1),
        fin=date(aujourd_hui.year + 2, 12, 31),
        orientations="Les **communes rurales** d'abord.<script>x</script>",
        reunion_codir_le=date(aujourd_hui.year, 1, 1),
        cree_par=direction,
    )
    CadreTriennal.objects.create(
        titre="Cadre ancien",
        debut=date(2020, 1, 1),
        fin=date(2022, 12, 31),
        orientations="Avant.",
        reunion_codir_le=date(2020, 1, 1),
        cree_par=direction,
    )
    AvisCodir.objects.create(
        version=grille_copil.theorie,
        valide=True,
        le=aujourd_hui,
        motifs="Oui",
        enregistre_par=direction,
    )
    publiee = une_session(grille_copil, StatutSession.OUVERTE, titre="Session d hiver")
    clore(publiee)
    publier(publiee, direction)
    une_session(grille_copil, StatutSession.OUVERTE, titre="Session de printemps")

    with django_assert_num_queries(9):
        html = client.get(reverse("gouvernance:index")).content.decode()
    assert "Yann Kerbrat et 1 autre membre" in html
    assert "Discret" not in html and "1 membre." in html
    assert "<strong>communes rurales</strong>" in html and "<script>" not in html
    assert "Cadre ancien" in html
    assert f"version {grille_copil.theorie.numero}</a>" in html and "validée par le CODIR" in html
    assert 'href="/gouvernance/grille/"' in html
    assert "Prochaine session" in html and "Session de printemps" in html
    assert "<strong>retenue</strong>" in html
    assert publiee.candidatures.get().problematique.titre in html
    assert "La charge de l'équipe" in html


def test_someone_on_both_committees_is_named_in_both_and_an_inactive_account_in_none(client):
    PersonneFactory(
        roles=["CODIR", "COPIL"], first_name="Anna", last_name="Le Bihan", profil_public=True
    )
    PersonneFactory(roles=["COPIL"], first_name="Parti", last_name="Ailleurs", is_active=False)
    html = client.get(reverse("gouvernance:index")).content.decode()
    assert html.count("Anna Le Bihan") == 2
    assert "Parti" not in html and "Membres du COPIL\u00a0:\nAnna Le Bihan." in html
