"""The documentation on the pages of the apps below it: an experiment's pages and what it
still owes, a community's pages, an event's report, the home page, the portal's search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documentation.models import SortePage, StatutPage
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"


def test_an_experiment_shows_its_pages_and_the_kinds_it_still_owes(client_de, persona):
    experimentation = ExperimentationFactory()
    une_page(
        experimentation=experimentation,
        sorte=SortePage.FICHE_EXPERIMENTATION,
        titre="La fiche " + XSS,
        nb_reutilisations=2,
    )
    une_page(experimentation=experimentation, sorte=SortePage.OUTIL, nb_reutilisations=1)
    une_page(experimentation=experimentation, statut=StatutPage.BROUILLON, titre="Brouillon caché")
    html = client_de("anonyme").get(experimentation.get_absolute_url()).content.decode()
    assert "Sa documentation" in html and "La fiche &lt;script&gt;" in html
    assert "Brouillon caché" not in html
    assert "Son essaimage\u00a0: <strong>3 réutilisations</strong> déclarées" in html
    # Running, it owes its fiche (online) and its return of experience at its end.
    assert "<strong>Fiche expérimentation</strong>\u00a0: " in html and "✓</span> en ligne" in html
    assert (
        "<strong>Retour d&#x27;expérience</strong>\u00a0: "
        "à publier à la fin de l&#x27;expérimentation" in html
    )
    assert "Pas encore publiées" not in html
    assert "Écrire une page sur cette expérimentation" not in html
    relais = persona("relais")
    ParticipantFactory(experimentation=experimentation, personne=relais, organisation=None)
    html = client_de("relais").get(experimentation.get_absolute_url()).content.decode()
    assert f"nouvelle/?experimentation={experimentation.slug}" in html


def test_a_community_lists_its_pages_and_an_event_links_its_report(client):
    communaute = CommunauteFactory()
    assert "Sa documentation" not in client.get(communaute.get_absolute_url()).content.decode()
    une_page(communaute=communaute, titre="Ce que la communauté a appris")
    assert (
        "Ce que la communauté a appris"
        in client.get(communaute.get_absolute_url()).content.decode()
    )
    evenement = EvenementFactory()
    une_page(evenement=evenement, sorte=SortePage.GUIDE, titre="Pas un compte-rendu")
    html = client.get(evenement.get_absolute_url()).content.decode()
    assert "Son compte-rendu" not in html
    une_page(
        evenement=evenement, sorte=SortePage.COMPTE_RENDU, titre="Le compte-rendu de l'atelier"
    )
    html = client.get(evenement.get_absolute_url()).content.decode()
    assert "Son compte-rendu" in html and "Le compte-rendu de l&#x27;atelier" in html


def test_the_home_page_and_the_portals_search_show_published_pages_only(client):
    une_page(titre="Un guide de la mobilité solidaire")
    une_page(titre="Un brouillon de mobilité", statut=StatutPage.BROUILLON)
    accueil = client.get("/").content.decode()
    assert "Dernières pages de documentation" in accueil
    assert "Un guide de la mobilité solidaire" in accueil and "Un brouillon" not in accueil
    html = client.get(reverse("recherche"), {"q": "mobilite"}).content.decode()
    assert "Un guide de la mobilité solidaire" in html and "Un brouillon" not in html


def test_an_events_report_is_offered_to_write_to_its_communitys_members_only(
    client, client_de, persona
):
    from tests.communautes.factories import EngagementFactory

    evenement = EvenementFactory(passe=True, communaute=CommunauteFactory())
    lien = f"nouvelle/?evenement={evenement.slug}"
    membre = persona("relais")
    assert lien not in client_de("relais").get(evenement.get_absolute_url()).content.decode()
    EngagementFactory(communaute=evenement.communaute, personne=membre)
    html = client_de("relais").get(evenement.get_absolute_url()).content.decode()
    assert lien in html and "Aucun compte-rendu publié pour l'instant." in html
    assert lien in client_de("documentation").get(evenement.get_absolute_url()).content.decode()
    client.logout()
    html = client.get(evenement.get_absolute_url()).content.decode()
    assert lien not in html and "Son compte-rendu" not in html
    une_page(evenement=evenement, sorte=SortePage.COMPTE_RENDU, titre="Ce que l'atelier a dit")
    html = client_de("relais").get(evenement.get_absolute_url()).content.decode()
    assert lien not in html and "Ce que l&#x27;atelier a dit" in html


def test_a_problem_lists_the_pages_of_its_community_and_experiment(client):
    from tests.problematiques.factories import ProblematiqueFactory

    communaute = CommunauteFactory(interet=True)
    probleme = communaute.problematique
    autre = ProblematiqueFactory(publiee=True)
    une_page(communaute=communaute, titre="Par la communauté " + XSS)
    une_page(problematique=autre, titre="Sur un autre problème")
    une_page(communaute=communaute, statut=StatutPage.BROUILLON, titre="Brouillon caché")
    html = client.get(probleme.get_absolute_url()).content.decode()
    assert "Par la communauté &lt;script&gt;" in html
    assert "Sur un autre problème" not in html and "Brouillon caché" not in html
    assert "Sur un autre problème" in client.get(autre.get_absolute_url()).content.decode()
    # Nothing to show and nobody to write it: no panel.
    sans_rien = ProblematiqueFactory(publiee=True)
    assert "titre-doc-panneau" not in client.get(sans_rien.get_absolute_url()).content.decode()
