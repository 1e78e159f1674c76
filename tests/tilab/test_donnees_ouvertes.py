"""Open data: every registered collection downloads as CSV and JSON that parse back, streamed,
with public rows only and no personal data beyond the names of public profiles."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from documentation.models import Reutilisation, StatutPage
from gouvernance.models import StatutSession
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.factories import PersonneFactory
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import clore, publier, une_session
from tests.problematiques.factories import ProblematiqueFactory
from tilab import donnees_ouvertes

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
    assert reponse.streaming
    return b"".join(reponse.streaming_content).decode("utf-8")


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
