"""The issue's whole journey, as people make it in a browser.

The Coordination prepares a COPIL session in the back office from two ready problems and opens
it with a chair; two members have voted already; the chair goes from the decision page to a
candidate's page and scores and votes there with the keyboard (a vote without an opinion is
refused next to the field, the scores kept), closes the session, records a decision with its
rationale on each candidate's page (an empty rationale refused) and publishes them: the retained
problem gets its experiment. An anonymous visitor then reads the decision page, a candidate's
page, the register and its feed, the grid in force and the difference between two of its
versions; axe finds nothing on any of these pages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from experimentations.models import Experimentation
from gouvernance.models import Decision, SessionCopil, StatutSession
from gouvernance.services.grille import CritereSaisi
from problematiques.models import Statut
from tests.browser.aide import sans_violation, tabuler_jusqu_a
from tests.browser.test_admin_experimentations import sans_violation as sans_violation_admin
from tests.browser.test_parcours_experimentation import _jour, _se_connecter
from tests.factories import PersonneFactory
from tests.gouvernance.factories import grille_publiee, membre_copil, probleme_pret, voter_tous

pytestmark = pytest.mark.browser

CRITERES_V1 = (
    CritereSaisi("Ampleur du besoin", 3, ((0, "Isolé"), (1, "Local"), (2, "Régional"))),
    CritereSaisi("Potentiel d'essaimage", 2, ((0, "Aucun"), (1, "Possible"), (2, "Évident"))),
)
CRITERES_V2 = (
    CritereSaisi("Ampleur du besoin", 3, ((0, "Isolé"), (1, "Local"), (2, "Régional"))),
    CritereSaisi("Potentiel d'essaimage", 4, ((0, "Aucun"), (1, "Possible"), (2, "Évident"))),
    CritereSaisi("Ancrage territorial", 2, ((0, "Absent"), (1, "Promis"), (2, "Délibéré"))),
)


def _envoyer(page, bouton) -> None:
    """Click ``bouton`` and wait for the page the form's answer brings."""
    with page.expect_navigation():
        bouton.click()


def _etape(page, libelle: str):
    """Open the back-office step ``libelle`` (a ``<details>``) and return it."""
    etape = page.locator("details", has=page.locator("summary", has_text=libelle))
    etape.locator("summary").click()
    return etape


def test_a_session_prepared_voted_decided_and_read_by_the_public(new_page, live_server):
    direction = PersonneFactory(roles=["Direction"], is_staff=True)
    grille_publiee(par=direction, criteres=CRITERES_V1)
    grille_publiee(par=direction, criteres=CRITERES_V2)
    transport = probleme_pret(titre="Les jeunes sans permis ne rejoignent pas les zones d'emploi")
    cantines = probleme_pret(titre="Les cantines rurales achètent loin des producteurs")
    coordinatrice = PersonneFactory(
        roles=["Coordination"], is_staff=True, first_name="Maëlle", last_name="Riou"
    )
    presidente = membre_copil(first_name="Annaïg", last_name="Le Bihan", profil_public=True)
    autres = [membre_copil(), membre_copil()]

    # 1. The Coordination prepares the session in the back office and opens it.
    equipe = new_page()
    _se_connecter(equipe, coordinatrice)
    equipe.goto("/admin/gouvernance/sessioncopil/add/")
    equipe.get_by_label("Titre").fill("COPIL de décembre")
    equipe.get_by_label("Date de la séance").fill(_jour(timezone.localdate() + timedelta(days=9)))
    equipe.get_by_role("button", name="Enregistrer", exact=True).click()
    equipe.wait_for_url(re.compile(r"/admin/gouvernance/sessioncopil/\d+/change/"))
    session = SessionCopil.objects.get()
    sans_violation_admin(equipe)
    for probleme in (transport, cantines):
        etape = _etape(equipe, "Ajouter une candidature")
        etape.get_by_label("Problématique").select_option(label=probleme.titre)
        etape.get_by_label("Présentation pour le COPIL").fill(
            f"La communauté « {probleme.titre[:20]} » est prête."
        )
        _envoyer(equipe, etape.get_by_role("button", name="Ajouter une candidature"))
    assert session.candidatures.count() == 2
    transport.refresh_from_db()
    assert transport.statut == Statut.CANDIDATE
    etape = _etape(equipe, "Ouvrir au vote")
    etape.get_by_label("Présidence de la session").select_option(
        label=f"Annaïg Le Bihan ({presidente.email})"
    )
    _envoyer(equipe, etape.get_by_role("button", name="Ouvrir au vote"))
    session.refresh_from_db()
    assert session.statut == StatutSession.OUVERTE
    assert session.membres.count() == 3
    voter_tous(session, autres)

    # 2. The chair goes from the decision page to a candidate's page and scores and votes
    #    there, with the keyboard.
    membre = new_page()
    _se_connecter(membre, presidente)
    membre.goto(session.get_absolute_url())
    assert membre.get_by_text("Il vous reste 2 candidatures à évaluer").is_visible()
    sans_violation(membre, "la session ouverte, vue par un membre qui siège")
    candidature = session.candidatures.get(problematique=transport)
    lien = membre.locator(f"#candidature-{candidature.pk}").get_by_role(
        "link", name=re.compile(r"^Voter")
    )
    tabuler_jusqu_a(membre, lien, essais=120, libelle="Voter")
    with membre.expect_navigation():
        membre.keyboard.press("Enter")
    assert membre.get_by_role("heading", level=1, name=transport.titre).is_visible()
    sans_violation(membre, "une candidature, vue par un membre qui siège")
    vote = membre.locator("#vote")
    vote.get_by_role("group", name="Ampleur du besoin (poids 3)").get_by_label(
        "2 — Régional"
    ).check()
    bouton = vote.get_by_role("button", name="Enregistrer mon vote")
    tabuler_jusqu_a(membre, bouton, essais=60, libelle="Enregistrer mon vote")
    membre.keyboard.press("Enter")
    membre.get_by_text("Donnez votre avis : retenir, ajourner ou ne pas retenir.").wait_for()
    vote = membre.locator("#vote")
    assert vote.get_by_label("2 — Régional").first.is_checked()
    vote.get_by_role("group", name="Mon avis").get_by_label("Retenir", exact=True).focus()
    membre.keyboard.press("Space")
    vote.get_by_role("group", name="Potentiel d'essaimage (poids 4)").get_by_label(
        "2 — Évident"
    ).check()
    vote.get_by_role("button", name="Enregistrer mon vote").focus()
    membre.keyboard.press("Enter")
    membre.wait_for_url(re.compile(rf"/candidatures/{candidature.pk}/$"))
    assert membre.get_by_text("Il vous reste 1 candidature à évaluer").is_visible()
    assert membre.get_by_text("Vous avez voté : retenir.").is_visible()

    # 3. The chair closes the session, decides each candidate with a rationale on its page and
    #    publishes.
    membre.goto(session.get_absolute_url())
    assert membre.get_by_text("Votre vote : retenir.").is_visible()
    _envoyer(membre, membre.get_by_role("button", name="Clore la session"))
    session.refresh_from_db()
    assert session.statut == StatutSession.CLOSE
    for probleme, decision, motifs in (
        (transport, "Retenue", "Un besoin régional que la communauté porte déjà."),
        (cantines, "Ajournée", "Revenir avec une commune volontaire."),
    ):
        pk = session.candidatures.get(problematique=probleme).pk
        _envoyer(
            membre,
            membre.locator(f"#candidature-{pk}").get_by_role(
                "link", name=re.compile(r"^Enregistrer la décision")
            ),
        )
        bloc = membre.locator("#decision")
        bloc.get_by_label(decision, exact=True).check()
        if probleme is cantines:
            _envoyer(membre, bloc.get_by_role("button", name="Enregistrer la décision"))
            bloc = membre.locator("#decision")
            erreur = bloc.locator(".field--error", has=membre.get_by_label("Motifs publics"))
            assert (
                "Écrivez les motifs de la décision\u00a0: ils seront publics."
                in erreur.inner_text()
            )
            assert bloc.get_by_label("Ajournée", exact=True).is_checked()
            sans_violation(membre, "une décision refusée, sur la page de la candidature")
        bloc.get_by_label("Motifs publics").fill(motifs)
        _envoyer(membre, bloc.get_by_role("button", name="Enregistrer la décision"))
        assert membre.get_by_text("la décision est enregistrée").is_visible()
        membre.goto(session.get_absolute_url())
    _envoyer(membre, membre.get_by_role("button", name="Publier les décisions"))
    session.refresh_from_db()
    assert session.statut == StatutSession.PUBLIEE
    transport.refresh_from_db()
    cantines.refresh_from_db()
    assert transport.statut == Statut.RETENUE
    assert cantines.statut == Statut.OUVERTE
    assert Experimentation.objects.filter(problematique=transport).exists()

    # 4. The public reads the decision page, the register, its feed, the grid and its changes.
    public = new_page()
    public.goto(session.get_absolute_url())
    assert public.get_by_text("Un besoin régional que la communauté porte déjà.").is_visible()
    assert public.get_by_text("Décision : retenue").is_visible()
    assert "Donnez votre avis" not in public.content()
    sans_violation(public, "la session publiée, vue du public")
    _envoyer(public, public.get_by_role("link", name=transport.titre, exact=True))
    assert public.get_by_role("heading", level=2, name="Décision : retenue").is_visible()
    assert public.get_by_role("table", name=re.compile("Score par critère")).is_visible()
    assert "Les votes des membres" not in public.content()
    sans_violation(public, "une candidature décidée, vue du public")
    public.goto("/gouvernance/decisions/")
    assert public.get_by_role("link", name=transport.titre).is_visible()
    sans_violation(public, "le registre des décisions")
    flux = public.request.get(f"{live_server.url}/gouvernance/decisions/flux/")
    racine = ET.fromstring(flux.body())
    titres = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in racine.iter(
        "{http://www.w3.org/2005/Atom}entry"
    )]  # fmt: skip
    assert len(titres) == Decision.objects.publiees().count() == 2
    public.goto("/gouvernance/grille/")
    assert public.get_by_role("heading", name=re.compile("version 2")).first.is_visible()
    public.get_by_label("De la version").select_option(value="1")
    public.get_by_label("à la version").select_option(value="2")
    _envoyer(public, public.get_by_role("button", name="Voir les différences"))
    assert "/gouvernance/grille/comparer/?de=1&a=2" in public.url
    assert public.get_by_text("Ancrage territorial").first.is_visible()
    sans_violation(public, "la différence entre deux versions de la grille")
