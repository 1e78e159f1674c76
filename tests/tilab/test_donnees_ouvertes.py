"""Open data: every registered collection downloads as CSV and JSON that parse back, streamed,
with public rows only and no personal data beyond the names of public profiles; then served
from the cache by the fingerprint of its rows (gzipped as kept, 304 to a reader that has it),
written again once a shown value changes or a row stops being public."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re

import pytest
from django.urls import reverse

from documentation.models import Page, Reutilisation, StatutPage
from gouvernance.models import StatutSession
from problematiques.models import Problematique
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.factories import PersonneFactory
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import clore, publier, une_session
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory
from tilab import donnees_ouvertes
from tilab.comptes.models import Organisation, Personne, Theme

pytestmark = pytest.mark.django_db

COURRIEL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture
def contenus(direction):
    ProblematiqueFactory(publiee=True, titre="Publiée, avec « guillemets », et ; virgules")
    ProblematiqueFactory(titre="Brouillon secret")
    CommunauteFactory(nom="Les écoles rurales")
    EvenementFactory(titre="Atelier public")
    EvenementFactory(titre="Atelier caché", publie=False)
    ExperimentationFactory(titre="Le car à la demande")
    session = une_session(grille_publiee(), StatutSession.OUVERTE)
    clore(session)
    publier(session, direction, motifs="Porté par le terrain.")
    page = une_page(titre="Un guide public")
    une_page(titre="Brouillon secret de documentation", statut=StatutPage.BROUILLON)
    discret = PersonneFactory(first_name="Discret", last_name="Inconnu", profil_public=False)
    visible = PersonneFactory(first_name="Anne", last_name="Visible", profil_public=True)
    for personne in (discret, visible):
        Reutilisation.objects.create(page=page, ou="Plouha", comment="Repris.", par=personne)


def _lire(reponse) -> str:
    assert reponse.status_code == 200
    contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    if reponse.get("Content-Encoding") == "gzip":
        contenu = gzip.decompress(contenu)
    return contenu.decode("utf-8")


@pytest.mark.parametrize("jeu", [j.nom for j in donnees_ouvertes.jeux()])
def test_each_collection_parses_back_in_csv_and_json_with_public_rows_only(client, contenus, jeu):
    colonnes = [c.nom for c in donnees_ouvertes.jeu(jeu).colonnes]
    reponse_csv = client.get(reverse("donnees_csv", args=[jeu]))
    assert reponse_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="tilab-{jeu}.csv"' in reponse_csv["Content-Disposition"]
    texte = _lire(reponse_csv)
    assert texte.startswith("\ufeff")
    lignes = list(csv.DictReader(io.StringIO(texte.lstrip("\ufeff"))))
    assert list(lignes[0]) == colonnes if lignes else True
    objets = json.loads(_lire(client.get(reverse("donnees_json", args=[jeu]))))
    assert len(objets) == len(lignes) >= 1
    assert list(objets[0]) == colonnes
    for contenu in (texte, json.dumps(objets, ensure_ascii=False)):
        assert not COURRIEL.search(contenu), jeu
        assert "Brouillon secret" not in contenu and "Atelier caché" not in contenu
        assert "Discret" not in contenu and "Inconnu" not in contenu
    for objet in objets:
        if "adresse" in objet:
            assert objet["adresse"].startswith("http")
            chemin = "/" + objet["adresse"].split("/", 3)[3]
            assert client.get(chemin).status_code == 200


def test_a_reuse_names_only_people_with_a_public_profile(client, contenus):
    objets = json.loads(_lire(client.get(reverse("donnees_json", args=["reutilisations"]))))
    assert sorted(o["par"] for o in objets) == ["", "Anne Visible"]


def test_the_values_come_back_as_they_are(client, contenus):
    objets = json.loads(_lire(client.get(reverse("donnees_json", args=["problematiques"]))))
    titres = {o["titre"] for o in objets}
    assert "Publiée, avec « guillemets », et ; virgules" in titres
    decisions = json.loads(_lire(client.get(reverse("donnees_json", args=["decisions"]))))
    assert decisions[0]["decision"] == "retenue" and decisions[0]["score"] == 75.0
    assert decisions[0]["rectifiee"] is False


def test_the_page_describes_each_collection_and_an_unknown_one_is_not_found(client):
    html = client.get(reverse("donnees")).content.decode()
    for jeu in donnees_ouvertes.jeux():
        assert jeu.titre in html and reverse("donnees_csv", args=[jeu.nom]) in html
        for colonne in jeu.colonnes:
            assert f"<code>{colonne.nom}</code>" in html
    assert "Licence Ouverte 2.0" in html
    assert client.get("/donnees/inconnu.csv").status_code == 404


def test_a_file_costs_the_same_queries_whatever_its_rows(client, django_assert_max_num_queries):
    for n in range(120):
        ProblematiqueFactory(publiee=True, titre=f"Problème {n}")
    reponse = client.get(reverse("donnees_csv", args=["problematiques"]))
    # The server-side cursor: declared, fetched in batches, closed (session and
    # transaction queries of the client aside).
    with django_assert_max_num_queries(8):
        contenu = _lire(reponse)
    assert contenu.count("\n") == 121


# --- Served from the cache by the fingerprint of the rows ---------------------------------------

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def _objets(client, jeu: str, **entetes) -> list[dict]:
    return json.loads(_lire(client.get(reverse("donnees_json", args=[jeu]), **entetes)))


def test_a_file_is_written_once_then_served_from_the_cache_gzipped_with_its_validators(
    client, contenus, django_assert_num_queries
):
    url = reverse("donnees_csv", args=["decisions"])
    premiere = client.get(url, **GZIP)
    assert premiere.streaming and premiere["Content-Encoding"] == "gzip"
    texte = _lire(premiere)
    with django_assert_num_queries(2):  # the fingerprint, the cache's entry
        seconde = client.get(url, **GZIP)
    assert not seconde.streaming and seconde["Content-Encoding"] == "gzip"
    assert _lire(seconde) == texte
    for reponse in (premiere, seconde):
        assert reponse["Content-Type"] == "text/csv; charset=utf-8"
        assert reponse["Content-Disposition"] == 'attachment; filename="tilab-decisions.csv"'
        assert reponse["Access-Control-Allow-Origin"] == "*"
        assert "Accept-Encoding" in reponse["Vary"]
    assert seconde["ETag"] == premiere["ETag"] and seconde["ETag"].startswith('W/"')
    assert seconde["Last-Modified"] == premiere["Last-Modified"]
    # Without gzip, the same file, unpacked from the cache's entry as it is sent.
    sans_gzip = client.get(url)
    assert "Content-Encoding" not in sans_gzip and _lire(sans_gzip) == texte
    assert sans_gzip["ETag"] == premiere["ETag"]
    with django_assert_num_queries(2):
        assert client.get(url, HTTP_IF_NONE_MATCH=premiere["ETag"]).status_code == 304
    depuis = client.get(url, HTTP_IF_MODIFIED_SINCE=premiere["Last-Modified"])
    assert depuis.status_code == 304


def test_a_changed_shown_value_gives_a_new_file_at_the_next_download(client, contenus):
    probleme = Problematique.objects.get(titre__startswith="Publiée")

    def la_ligne(**entetes) -> dict:
        return next(
            o for o in _objets(client, "problematiques", **entetes) if o["titre"] == probleme.titre
        )

    avant = _objets(client, "problematiques", **GZIP)
    etag = client.get(reverse("donnees_json", args=["problematiques"]))["ETag"]
    assert _objets(client, "problematiques") == avant and la_ligne()["nb_soutiens"] == 0
    # A row of a joined table (its organisation), a table read by a subquery (its theme's
    # name), a counter written by QuerySet.update(): each is in the next download.
    Organisation.objects.filter(pk=probleme.organisation_id).update(nom="Commune renommée")
    assert la_ligne()["organisation"] == "Commune renommée"
    Theme.objects.filter(problematiques=probleme).update(nom="Thème renommé")
    assert la_ligne(**GZIP)["themes"] == "Thème renommé"
    SoutienFactory(problematique=probleme)
    Problematique.objects.filter(pk=probleme.pk).recompter_soutiens()
    assert la_ligne(**GZIP)["nb_soutiens"] == 1
    reponse = client.get(reverse("donnees_json", args=["problematiques"]), HTTP_IF_NONE_MATCH=etag)
    assert reponse.status_code == 200 and reponse["ETag"] != etag


def test_a_row_that_stops_being_public_leaves_the_next_download(client, contenus):
    assert [o["titre"] for o in _objets(client, "documentation", **GZIP)] == ["Un guide public"]
    assert sorted(o["par"] for o in _objets(client, "reutilisations")) == ["", "Anne Visible"]
    Page.objects.filter(titre="Un guide public").update(statut=StatutPage.BROUILLON)
    assert _objets(client, "documentation", **GZIP) == []
    # Its reuses go with it (they are listed while the page is public).
    assert _objets(client, "reutilisations") == []
    Page.objects.filter(titre="Un guide public").update(statut=StatutPage.PUBLIEE)
    assert len(_objets(client, "reutilisations")) == 2
    Personne.objects.filter(last_name="Visible").update(profil_public=False)
    assert sorted(o["par"] for o in _objets(client, "reutilisations")) == ["", ""]


def test_the_fingerprint_is_one_query_whatever_the_rows(django_assert_num_queries):
    for n in range(40):
        ProblematiqueFactory(publiee=True, titre=f"Problème {n}")
    for jeu in donnees_ouvertes.jeux():
        with django_assert_num_queries(1, info=jeu.nom):
            jeu.empreinte()


def test_a_file_too_large_for_the_cache_is_streamed_at_each_download(client, contenus, monkeypatch):
    monkeypatch.setattr(donnees_ouvertes, "TAILLE_MAX_EN_CACHE", 10)
    url = reverse("donnees_json", args=["problematiques"])
    premiere = client.get(url, **GZIP)
    texte = _lire(premiere)
    seconde = client.get(url, **GZIP)
    assert seconde.streaming and _lire(seconde) == texte
    assert seconde["ETag"] == premiere["ETag"]
    assert seconde["Last-Modified"] == premiere["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=premiere["ETag"]).status_code == 304
