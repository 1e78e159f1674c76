"""The Atom feeds' registry (tilab.flux): every registered feed parses back with public rows only,
absolute links that answer, its texts escaped and sanitised, served from the cache by its
fingerprint (304 to a reader that has it, rendered again once a row changes), advertised in the
head of its section's pages and listed on /donnees/."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from communautes.models import Communaute, Evenement
from communautes.services.communautes import SLUGS_RESERVES as SLUGS_COMMUNAUTES
from documentation.models import Page, StatutPage
from documentation.services.pages import CHEMINS_RESERVES
from experimentations.models import Experimentation
from experimentations.services.experimentations import SLUGS_RESERVES as SLUGS_EXPERIMENTATIONS
from gouvernance.models import StatutSession
from problematiques.models import Problematique
from problematiques.services import SLUGS_RESERVES as SLUGS_PROBLEMATIQUES
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import clore, publier, une_session
from tests.problematiques.factories import ProblematiqueFactory
from tilab import flux

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
ATOM = "{http://www.w3.org/2005/Atom}"
SECRETS = ("Brouillon secret", "Atelier caché", "Relecture secrète", "Archivée discrète")
NOMS = [f.nom for f in flux.tous_les_flux()]


def test_every_section_registers_its_feed():
    assert NOMS == [
        "problematiques",
        "communautes",
        "evenements",
        "experimentations",
        "decisions",
        "documentation",
    ]


@pytest.fixture
def contenus(direction):
    creer_contenus(direction)


def creer_contenus(direction) -> None:
    """Of each kind, public rows with a script in their title and text, and rows that must
    never leave: a report under qualification, an unpublished event, documentation pages in
    draft, in review, archived."""
    ProblematiqueFactory(publiee=True, titre=f"Publiée {XSS}", constat=f"Observé {XSS}")
    ProblematiqueFactory(titre="Brouillon secret")
    CommunauteFactory(nom=f"Communauté {XSS}", objet=f"Objet {XSS}")
    EvenementFactory(titre=f"Atelier {XSS}", description=f"Venez {XSS}")
    EvenementFactory(titre="Atelier passé", passe=True)
    EvenementFactory(titre="Atelier caché", publie=False)
    ExperimentationFactory(titre=f"Expérimentation {XSS}", resume=f"Résumé {XSS}")
    session = une_session(grille_publiee(), StatutSession.OUVERTE)
    clore(session)
    publier(session, direction, motifs=f"Motifs {XSS}")
    une_page(titre=f"Un guide {XSS}", resume=f"Résumé {XSS}")
    une_page(titre="Brouillon secret de documentation", statut=StatutPage.BROUILLON)
    une_page(titre="Relecture secrète", statut=StatutPage.EN_RELECTURE)
    une_page(titre="Archivée discrète", statut=StatutPage.ARCHIVEE)


def _flux(nom: str) -> flux.Flux:
    return next(f for f in flux.tous_les_flux() if f.nom == nom)


def _entrees(contenu: bytes) -> list[ET.Element]:
    racine = ET.fromstring(contenu)
    assert racine.tag == f"{ATOM}feed"
    return racine.findall(f"{ATOM}entry")


@pytest.mark.parametrize("nom", NOMS)
def test_each_feed_parses_back_with_public_rows_only_and_links_that_answer(client, contenus, nom):
    reponse = client.get(_flux(nom).url)
    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("application/atom+xml")
    texte = reponse.content.decode()
    for secret in SECRETS:
        assert secret not in texte, (nom, secret)
    entrees = _entrees(reponse.content)
    assert entrees
    for entree in entrees:
        assert entree.findtext(f"{ATOM}title")
        assert entree.findtext(f"{ATOM}updated")
        lien = entree.find(f"{ATOM}link").get("href")
        assert lien.startswith("http://testserver/")
        assert client.get(lien.removeprefix("http://testserver")).status_code == 200, lien


@pytest.mark.parametrize("nom", NOMS)
def test_each_feed_escapes_its_titles_and_sanitises_its_descriptions(client, contenus, nom):
    contenu = client.get(_flux(nom).url).content
    # Titles are text: the XML escapes them, no tag is written as a tag.
    assert b"<script" not in contenu and b"<img" not in contenu
    resumes = [e.findtext(f"{ATOM}summary") or "" for e in _entrees(contenu)]
    # Descriptions are HTML once the XML is read: rendered from Markdown, then sanitised.
    # The payload is there, as text.
    assert any("alert(1)" in r for r in resumes), nom
    for resume in resumes:
        assert "<script" not in resume and "<img" not in resume, (nom, resume)


@pytest.mark.parametrize("nom", NOMS)
def test_each_feed_answers_304_to_a_reader_that_has_it(client, contenus, nom):
    url = _flux(nom).url
    premiere = client.get(url)
    etag, modifie = premiere["ETag"], premiere["Last-Modified"]
    assert client.get(url).content == premiere.content
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modifie}).status_code == 304


# How to change one row each feed shows; the new title must appear.
CHANGEMENTS: dict[str, Callable[[], int]] = {
    "problematiques": lambda: Problematique.objects.filter(publiee_le__isnull=False).update(
        titre="Titre changé"
    ),
    "communautes": lambda: Communaute.objects.update(nom="Titre changé"),
    "evenements": lambda: Evenement.objects.filter(publie=True).update(titre="Titre changé"),
    "experimentations": lambda: Experimentation.objects.update(titre="Titre changé"),
    # A decision is never edited: its entry's title is its problem's.
    "decisions": lambda: Problematique.objects.filter(
        candidatures_copil__decision__isnull=False
    ).update(titre="Titre changé"),
    "documentation": lambda: Page.objects.publiees().update(titre="Titre changé"),
}


@pytest.mark.parametrize("nom", NOMS)
def test_each_feed_is_rendered_again_once_a_row_changes(client, contenus, nom):
    url = _flux(nom).url
    avant = client.get(url)
    CHANGEMENTS[nom]()
    apres = client.get(url, headers={"if-none-match": avant["ETag"]})
    assert apres.status_code == 200
    assert apres["ETag"] != avant["ETag"]
    assert "Titre changé" in apres.content.decode()


def test_a_feed_carries_its_last_fifty_entries_newest_first(client):
    maintenant = timezone.now()
    for i in range(55):
        ProblematiqueFactory(
            publiee=True, titre=f"Problème {i:02d}", publiee_le=maintenant - timedelta(hours=i)
        )
    titres = [
        e.findtext(f"{ATOM}title")
        for e in _entrees(client.get(_flux("problematiques").url).content)
    ]
    assert titres == [f"Problème {i:02d}" for i in range(50)]


# --- Where the feeds are advertised ------------------------------------------------------------


def _annonces(client, chemin: str) -> set[str]:
    html = client.get(chemin).content.decode()
    return {
        f.url
        for f in flux.tous_les_flux()
        if f'<link rel="alternate" type="application/atom+xml" title="{f.titre}" '
        f'href="{f.url}">' in html.replace("&#x27;", "'")
    }


@pytest.mark.parametrize(
    ("chemin", "noms"),
    [
        ("/problematiques/", {"problematiques"}),
        ("/communautes/", {"communautes"}),
        ("/evenements/", {"evenements"}),
        ("/experimentations/", {"experimentations"}),
        ("/gouvernance/", {"decisions"}),
        ("/gouvernance/decisions/", {"decisions"}),
        ("/gouvernance/copil/", {"decisions"}),
        ("/documentation/", {"documentation"}),
        ("/", set(NOMS)),
        ("/donnees/", set(NOMS)),
        ("/accessibilite/", set()),
        ("/recherche/?q=ecole", set()),
    ],
)
def test_the_head_advertises_the_feeds_of_the_section(client, chemin, noms):
    assert _annonces(client, chemin) == {_flux(n).url for n in noms}


def test_a_row_s_page_advertises_its_section_s_feed(client, contenus):
    probleme = Problematique.objects.filter(publiee_le__isnull=False).first()
    page = Page.objects.publiees().first()
    evenement = Evenement.objects.publies().first()
    assert _annonces(client, probleme.get_absolute_url()) == {_flux("problematiques").url}
    assert _annonces(client, page.get_absolute_url()) == {_flux("documentation").url}
    assert _annonces(client, evenement.get_absolute_url()) == {_flux("evenements").url}


def test_finding_the_feeds_of_a_page_costs_no_query(django_assert_num_queries):
    requete = RequestFactory().get("/problematiques/")
    requete.resolver_match = resolve("/problematiques/")
    with django_assert_num_queries(0):
        assert [f.nom for f in flux.flux_de_la_page(requete)] == ["problematiques"]
    assert flux.flux_de_la_page(None) == []


def test_open_data_lists_every_feed(client):
    html = client.get(reverse("donnees")).content.decode().replace("&#x27;", "'")
    assert 'id="titre-flux-atom">Flux Atom</h2>' in html
    section = html.split('id="flux-atom"', 1)[1]
    for f in flux.tous_les_flux():
        assert f'<a href="{f.url}">{f.titre}</a>' in section
        assert f.description in section


# --- The registry and the reserved paths -----------------------------------------------------


def test_a_feed_name_is_registered_once():
    deja = _flux("problematiques")
    flux.enregistrer_flux(
        deja.nom,
        titre=deja.titre,
        description=deja.description,
        ordre=deja.ordre,
        url_name=deja.url_name,
        sections=deja.sections,
    )
    with pytest.raises(ImproperlyConfigured):
        flux.enregistrer_flux(
            deja.nom,
            titre="Un autre",
            description="",
            ordre=1,
            url_name=deja.url_name,
            sections=(),
        )
    with pytest.raises(ImproperlyConfigured):
        flux.enregistrer_flux(
            "pas un nom", titre="x", description="", ordre=1, url_name="accueil", sections=()
        )


def test_no_row_can_take_the_feeds_address_as_its_slug():
    for reserves in (SLUGS_PROBLEMATIQUES, SLUGS_COMMUNAUTES, SLUGS_EXPERIMENTATIONS):
        assert "flux" in reserves
    assert "flux" in CHEMINS_RESERVES
    evenement = EvenementFactory.build(slug="flux")
    with pytest.raises(ValidationError) as erreur:
        evenement.full_clean()
    assert "slug" in erreur.value.message_dict
    for chemin in ("/problematiques/flux/", "/communautes/flux/", "/evenements/flux/"):
        assert resolve(chemin).url_name == "flux"
    assert resolve("/experimentations/flux/").url_name == "flux"
    assert resolve("/documentation/flux/").url_name == "flux"


def test_a_new_version_of_the_code_renders_the_feeds_again(client, contenus, monkeypatch):
    # A deployment that changes how a feed is written serves the new rendering at once: the
    # version of the code is part of the fingerprint, whatever the rows.
    url = _flux("problematiques").url
    avant = client.get(url)
    monkeypatch.setattr(flux, "version_du_code", lambda: "une-autre-version")
    apres = client.get(url, headers={"if-none-match": avant["ETag"]})
    assert apres.status_code == 200
    assert apres["ETag"] != avant["ETag"]


def test_the_version_of_the_code_changes_with_a_template_and_not_with_a_library(settings, tmp_path):
    gabarits = tmp_path / "templates"
    gabarits.mkdir()
    gabarit = gabarits / "flux.html"
    gabarit.write_text("<entry>{{ titre }}</entry>")
    bibliotheque = tmp_path / ".venv" / "lib" / "site-packages" / "autre.py"
    bibliotheque.parent.mkdir(parents=True)
    bibliotheque.write_text("A = 1")
    settings.BASE_DIR = tmp_path

    def version() -> str:
        flux.version_du_code.cache_clear()
        return flux.version_du_code()

    try:
        premiere = version()
        assert version() == premiere
        bibliotheque.write_text("A = 2")
        assert version() == premiere
        gabarit.write_text("<entry>{{ titre|upper }}</entry>")
        assert version() != premiere
    finally:
        flux.version_du_code.cache_clear()
