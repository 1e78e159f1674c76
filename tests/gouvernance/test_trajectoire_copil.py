"""A problem's trajectory links its COPIL session and shows the decision with its rationale."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gouvernance.services import copil
from gouvernance.trajectoire import candidatures_de
from problematiques.models import Problematique
from problematiques.trajectoire import trajectoire
from tests.gouvernance import factories

pytestmark = pytest.mark.django_db


def test_the_trajectory_links_the_session_and_says_the_decision_in_one_query(session_publiee):
    p = Problematique.objects.get(pk=session_publiee.candidatures.first().problematique_id)
    with CaptureQueriesContext(connection) as requetes:
        etapes = trajectoire(p)
    # The problem's sessions are read once for both COPIL steps (the other apps' steps read
    # their own).
    assert sum("gouvernance_" in r["sql"] for r in requetes.captured_queries) == 1
    copil_etapes = [e for e in etapes if e.genre == "copil"]
    assert [e.titre for e in copil_etapes] == [
        "Inscrite à l'ordre du jour du COPIL",
        "Décision du COPIL : retenue",
    ]
    decision = copil_etapes[1]
    assert decision.commentaire == "Motifs publics n° 1."
    assert decision.lien == f"/gouvernance/copil/{session_publiee.slug}/"


def test_a_rectified_decision_says_so(session_publiee, president):
    candidature = session_publiee.candidatures.first()
    copil.rectification_ajouter(par=president, decision=candidature.decision, texte="Erratum.")
    p = Problematique.objects.get(pk=candidature.problematique_id)
    (etape,) = [e for e in trajectoire(p) if e.titre.startswith("Décision")]
    assert "rectification" in etape.lien_texte


def test_an_adjourned_problem_back_on_a_later_agenda_links_each_session(
    coordination, president, membres_copil, session_publiee
):
    ajournee = session_publiee.candidatures.last().problematique
    suivante = factories.session_preparee(par=coordination, candidats=[ajournee], titre="Automne")
    p = Problematique.objects.get(pk=ajournee.pk)
    liens = [e.lien for e in trajectoire(p) if e.genre == "copil"]
    assert liens == [
        f"/gouvernance/copil/{session_publiee.slug}/",
        f"/gouvernance/copil/{session_publiee.slug}/",
        f"/gouvernance/copil/{suivante.slug}/",
    ]
    assert len(candidatures_de(p)) == 2


def test_the_problem_page_shows_the_rationale_as_safe_markdown(
    coordination, president, membres_copil, grille_copil, client
):
    p = factories.probleme_pret()
    session = factories.session_preparee(par=coordination, candidats=[p])
    factories.session_ouverte(par=coordination, president=president, session=session)
    factories.voter_tous(session, membres_copil)
    copil.session_clore(par=coordination, session=session)
    copil.decision_enregistrer(
        par=president,
        candidature=session.candidatures.get(),
        decision="non_retenue",
        motifs="**Hors champ** <script>alert(1)</script>",
    )
    copil.decisions_publier(par=president, session=session)
    contenu = client.get(p.get_absolute_url()).content.decode()
    assert "Décision du COPIL : non retenue" in contenu
    assert "<strong>Hors champ</strong>" in contenu
    assert "<script>alert(1)</script>" not in contenu
    assert f"/gouvernance/copil/{session.slug}/" in contenu
