"""The issue's whole journey, as people make it in a browser.

A relay reports a problem, the Ti Team qualifies and publishes it in the back office, another
relay says « nous aussi », and the public finds it by filter and by search, sees the charts and
the trajectory — and never the team's internal note.
"""

from __future__ import annotations

import re

import pytest

from problematiques.models import Problematique, Statut
from tests.browser.aide import connecter
from tests.factories import PersonneFactory
from tests.problematiques.aide_signalement import referentiel

pytestmark = pytest.mark.browser

NOTE_INTERNE = "NOTE-INTERNE-A-NE-JAMAIS-PUBLIER"


@pytest.fixture(autouse=True)
def _delai_court(settings):
    # The live server runs in this process: it sees the lowered minimum filling time.
    settings.PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM = 0


def test_report_triage_support_then_public_finds_it(new_page, live_server):
    ref = referentiel()

    # 1. A relay reports the problem.
    relais = PersonneFactory(roles=["Relais"])
    page = new_page()
    connecter(page, live_server, relais)
    page.goto("/problematiques/signaler/")
    page.get_by_label("Titre").fill("Fermeture de l'École du bourg sans solution de garde")
    page.locator("#id_constat").fill(
        "L'école du bourg ferme en juin : trente familles n'ont plus de solution le matin."
    )
    page.locator("#id_publics_concernes").fill("Les familles des hameaux.")
    page.get_by_label(ref.departement.nom, exact=True).check()
    page.get_by_label(ref.theme.nom, exact=True).check()
    page.get_by_role("button", name=re.compile("Envoyer")).click()
    page.wait_for_url("**/signaler/merci/**")
    probleme = Problematique.objects.get(auteur=relais)
    assert probleme.statut == Statut.SOUMISE

    # 2. The coordination qualifies then publishes it from the admin's buttons.
    coordination = PersonneFactory(roles=["Coordination"], is_staff=True)
    equipe = new_page()
    connecter(equipe, live_server, coordination)
    equipe.goto(f"/admin/problematiques/problematique/{probleme.pk}/change/")
    equipe.locator("summary", has_text="Qualifier").click()
    qualifier = equipe.locator("details", has_text="Qualifier").locator("form")
    qualifier.locator("textarea").first.fill("Nous reformulons avec vous le périmètre.")
    qualifier.locator("textarea").last.fill(NOTE_INTERNE)
    qualifier.get_by_role("button", name="Qualifier").click()
    equipe.wait_for_load_state()
    equipe.locator("summary", has_text="Publier").click()
    publier = equipe.locator("details", has_text="Publier").locator("form")
    publier.locator("textarea").first.fill("Publiée : d'autres communes peuvent se signaler.")
    publier.get_by_role("button", name="Publier").click()
    equipe.wait_for_load_state()
    probleme.refresh_from_db()
    assert probleme.statut == Statut.OUVERTE
    assert probleme.transitions.filter(note_interne=NOTE_INTERNE).exists()

    # 3. Another relay says « nous aussi ».
    autre = PersonneFactory(roles=["Relais"])
    soutien = new_page()
    connecter(soutien, live_server, autre)
    soutien.goto(probleme.get_absolute_url())
    soutien.locator("#id_precisions").fill("Même situation **chez nous**.")
    soutien.get_by_role("button", name=re.compile("Nous aussi", re.IGNORECASE)).click()
    soutien.wait_for_load_state()
    assert probleme.soutiens.count() == 1

    # 4. The public finds it by territory and by an accent-less search, without JavaScript.
    public = new_page(javascript=False)
    public.goto(f"/problematiques/?territoire={ref.departement.slug}")
    assert public.get_by_role("link", name=probleme.titre).is_visible()
    public.goto("/problematiques/")
    public.get_by_label("Mots à chercher").fill("ecole")
    public.get_by_role("button", name="Afficher les problématiques").click()
    public.wait_for_load_state()
    assert public.get_by_role("link", name=probleme.titre).is_visible()
    assert public.locator("svg[role=img]").count() >= 2
    assert public.locator("table").count() >= 2

    public.get_by_role("link", name=probleme.titre).click()
    public.wait_for_load_state()
    contenu = public.content()
    # The team's public comment, in French typography (tilab/markdown.py), as Chromium
    # serialises it.
    assert "Publiée&nbsp;: d'autres communes peuvent se signaler." in contenu
    assert "1 soutien" in contenu
    assert "<strong>chez nous</strong>" in contenu
    assert NOTE_INTERNE not in contenu
