"""The search across the portal: grouped by kind, ranked, accents ignored, drafts never found,
extracts escaped with the words marked, one kind paged through, a correction offered from the
portal's own words."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from gouvernance.models import Decision, StatutSession, TypeDecision
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import clore, publier, une_session
from tests.problematiques.factories import ProblematiqueFactory
from tilab import recherche
from tilab.models import MotDuLexique

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def contenus(direction):
    ProblematiqueFactory(
        publiee=True, titre="Une école sans cantine", constat="Les élèves mangent dehors."
    )
    ProblematiqueFactory(
        publiee=True,
        titre="Les hameaux isolés",
        constat="Aller à l'école en car prend une heure " + XSS,
    )
    ProblematiqueFactory(titre="Brouillon sur l'école", constat="Pas encore publié.")
    CommunauteFactory(nom="Les écoles rurales", objet="Partager entre écoles.")
    EvenementFactory(titre="Atelier école inclusive", description="Un atelier.")
    EvenementFactory(titre="Réunion école privée", description="Non publiée.", publie=False)
    ExperimentationFactory(titre="Le car scolaire à la demande", resume="Pour l'école.")
    session = une_session(grille_publiee(), StatutSession.OUVERTE)
    clore(session)
    publier(session, direction, motifs="Une école de plus sur le territoire.")


def test_one_search_finds_each_kind_without_accents_and_never_a_draft(client, contenus):
    html = client.get(reverse("recherche"), {"q": "ecole"}).content.decode()
    assert "Une école sans cantine" in html and "Les hameaux isolés" in html
    assert "Brouillon sur l" not in html and "Réunion école privée" not in html
    for titre in (
        "Problématiques",
        "Communautés",
        "Événements",
        "Expérimentations",
        "Décisions du COPIL",
    ):
        assert titre in html
    assert "Les écoles rurales" in html and "Atelier école inclusive" in html
    assert "Le car scolaire à la demande" in html
    decision = Decision.objects.get()
    assert decision.get_absolute_url() in html
    assert "<mark>" in html


def test_a_title_match_ranks_first_and_extracts_are_escaped(client, contenus):
    groupes = {g.source.nom: g for g in recherche.rechercher("école")}
    problemes = groupes["problematiques"]
    assert problemes.total == 2
    assert problemes.resultats[0].titre == "Une école sans cantine"
    extraits = " ".join(r.extrait for r in problemes.resultats)
    assert "<script>" not in extraits and "<img" not in extraits
    assert "<mark>" in extraits


def test_one_kind_is_paged_through(client):
    for n in range(25):
        ProblematiqueFactory(publiee=True, titre=f"Transport numéro {n}")
    url = reverse("recherche")
    html = client.get(url, {"q": "transport", "sorte": "problematiques"}).content.decode()
    assert "25 résultats pour «\u00a0transport\u00a0» parmi\u00a0: problématiques" in html
    assert html.count('class="recherche-portail__resultat"') == 20
    page2 = client.get(url, {"q": "transport", "sorte": "problematiques", "page": 2})
    assert page2.content.decode().count('class="recherche-portail__resultat"') == 5
    # The whole-portal view links to the kind's own pages.
    assert "Voir les 25 résultats" in client.get(url, {"q": "transport"}).content.decode()


def test_a_misspelt_word_gets_a_correction_from_the_portals_words(client, contenus):
    call_command("reconstruire_lexique", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert MotDuLexique.objects.filter(mot="cantine").exists()
    assert not MotDuLexique.objects.filter(mot="brouillon").exists()  # drafts stay out
    html = client.get(reverse("recherche"), {"q": "cantinne"}).content.decode()
    assert "0 résultat pour «\u00a0cantinne\u00a0»" in html
    assert "Vouliez-vous dire" in html and "«\u00a0cantine\u00a0»" in html
    assert recherche.suggestion("cantine") is None
    assert recherche.suggestion("xqzwvk") is None


@pytest.mark.parametrize("q", ["", "   ", XSS, "\x00\x07école", '"', "-", "a" * 500, "école & | !"])
def test_any_query_answers_a_page_and_escapes_what_was_typed(client, contenus, q):
    reponse = client.get(reverse("recherche"), {"q": q, "sorte": "nimporte"})
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


def test_the_search_costs_one_statement_whatever_the_rows(
    client, contenus, django_assert_num_queries
):
    for n in range(30):
        ProblematiqueFactory(publiee=True, titre=f"École numéro {n}")
    client.get(reverse("recherche"), {"q": "ecole"})
    trouvees = sum(1 for g in recherche.rechercher("ecole") if g.resultats)
    assert trouvees == 5  # the documentation has no page here
    # One statement ranks every kind's best rows with their count, titles and addresses;
    # then the lexicon's check when little is found (not here).
    with django_assert_num_queries(1):
        html = client.get(reverse("recherche"), {"q": "ecole"}).content.decode()
    assert "École numéro 29" in html


def test_each_kind_s_address_read_by_the_search_is_the_row_s_own(contenus):
    # The overview builds each address from the columns its source names (adresse): the
    # same as the row's get_absolute_url(), for every kind (the documentation's page too).
    une_page(titre="Guide de l'école", resume="Pour l'école.")
    groupes = recherche.rechercher("école")
    assert {g.source.nom for g in groupes if g.resultats} == {s.nom for s in recherche.sources()}
    for groupe in groupes:
        lignes = groupe.source.lignes()
        attendues = {
            getattr(ligne, groupe.source.titre): ligne.get_absolute_url()
            for ligne in lignes.filter(vecteur_recherche=recherche.requete("école"))
        }
        for r in groupe.resultats:
            assert r.url == attendues[r.titre], groupe.source.nom


def test_the_overview_compiled_once_searches_the_words_of_each_search(client, contenus):
    # The overview's SQL is written once per process, the words in its parameters: each
    # search finds its own words, not those of the search before.
    ecole = {g.source.nom: [r.titre for r in g.resultats] for g in recherche.rechercher("école")}
    cantine = {
        g.source.nom: [r.titre for r in g.resultats] for g in recherche.rechercher("cantine")
    }
    assert "Les hameaux isolés" in ecole["problematiques"]
    assert cantine["problematiques"] == ["Une école sans cantine"]
    assert cantine["communautes"] == [] and cantine["evenements"] == []


def test_no_source_of_the_search_depends_on_the_moment():
    # What the overview's SQL holds besides the words is written once per process: the rows a
    # source gives must not depend on today's date or time.
    sql, parametres = recherche._sql_des_meilleurs(
        tuple(recherche.sources()),
        5,
        (recherche.CANDIDATS_PAR_LE_TITRE, recherche.CANDIDATS_RECENTS),
    )
    assert recherche._MOTS in parametres
    for valeur in parametres:
        assert isinstance(valeur, str | int | float), valeur
        assert not hasattr(valeur, "isoformat"), valeur


@pytest.fixture
def au_dela_de_la_borne(monkeypatch):
    """A bound of five recent matches and two title matches, and more matches than that: ten
    problems whose text says « transport », then the oldest, whose title says it."""
    monkeypatch.setattr(recherche, "CANDIDATS_RECENTS", 5)
    monkeypatch.setattr(recherche, "CANDIDATS_PAR_LE_TITRE", 2)
    ancienne = ProblematiqueFactory(
        publiee=True, titre="Le transport des aînés", constat="Un constat ancien."
    )
    for n in range(10):
        ProblematiqueFactory(
            publiee=True, titre=f"Hameau {n}", constat=f"Sans transport depuis {n} ans."
        )
    return ancienne


def test_past_the_bound_a_title_match_still_ranks_first_and_the_count_says_more(
    client, au_dela_de_la_borne
):
    groupe = next(g for g in recherche.rechercher("transports") if g.source.nom == "problematiques")
    assert groupe.plus and groupe.total == 5
    assert groupe.resultats[0].titre == "Le transport des aînés"
    url = reverse("recherche")
    html = client.get(url, {"q": "transport"}).content.decode()
    assert "Plus de 5 résultats pour «\u00a0transport\u00a0»" in html
    assert "(plus de 5)" in html and "Voir plus de 5 résultats" in html
    # One kind paged through: the candidates ranked, the title match first, nothing twice.
    reponse = client.get(url, {"q": "transport", "sorte": "problematiques"})
    html = reponse.content.decode()
    assert "Plus de 5 résultats pour «\u00a0transport\u00a0» parmi\u00a0: problématiques" in html
    titres = [r.titre for r in reponse.context["resultats"]]
    assert titres[0] == "Le transport des aînés"
    # The title match and the six most recent matches (one more than the bound says « plus »).
    assert len(titres) == len(set(titres)) == 7
    assert reponse.context["page"].paginator.count == 7


def test_under_the_bound_every_match_is_ranked_and_counted(client, au_dela_de_la_borne):
    groupe = next(
        g for g in recherche.rechercher("transport aînés") if g.source.nom == "problematiques"
    )
    assert not groupe.plus and groupe.total == 1
    html = client.get(reverse("recherche"), {"q": "transport aines"}).content.decode()
    assert "Plus de" not in html and "1 résultat pour" in html
    # Excluded words hold for the title matches too.
    groupes = recherche.rechercher("transport -aînés -hameau")
    assert all(g.total == 0 for g in groupes)


def test_the_decisions_are_found_by_their_rationale_and_titled_by_their_problem(contenus):
    groupes = {g.source.nom: g for g in recherche.rechercher("territoire")}
    decision = Decision.objects.get()
    assert decision.decision == TypeDecision.RETENUE
    assert groupes["decisions"].resultats[0].titre == decision.candidature.problematique.titre


def test_every_kind_indexes_the_words_of_its_titles():
    for source in recherche.sources():
        modele = source.lignes().model
        assert modele._meta.get_field("vecteur_titre").generated, source.nom
        assert any(i.fields == ["vecteur_titre"] for i in modele._meta.indexes), source.nom


def test_the_title_matches_are_read_from_the_small_title_vector_before_the_whole_one():
    """A row's whole vector (a page's body) is read only once its title matched: the title's
    condition comes first in the probe, on its own column."""
    for source in recherche.sources():
        sql = str(recherche.classees(source.lignes(), "transport").query)
        sonde = sql.split("UNION")[0]  # the title's probe comes first
        assert sonde.index('"vecteur_titre" @@') < sonde.index('"vecteur_recherche" @@'), source.nom
