"""The COPIL's public pages: the sessions, a session's decision page in each state, who sees
the individual votes, the register of decisions with its filters and its Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gouvernance.models import (
    Avis,
    Candidature,
    Decision,
    Membre,
    Rectification,
    SessionCopil,
    StatutSession,
    TypeDecision,
    Vote,
)
from gouvernance.views.copil import registre
from tests.factories import (
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThemeFactory,
)
from tests.gouvernance.pages import clore, publier, une_session, voter

pytestmark = pytest.mark.django_db


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# --- The list of sessions ---------------------------------------------------------------------


def test_the_list_shows_the_open_session_first_then_past_ones_never_one_in_preparation(
    client, grille_copil, direction
):
    une_session(grille_copil, StatutSession.EN_PREPARATION, titre="Brouillon secret")
    passee = une_session(
        grille_copil, StatutSession.CLOSE, nb=2, titre="Session passee", le=date(2025, 3, 1)
    )
    clore(passee)
    publier(passee, direction)
    une_session(grille_copil, StatutSession.OUVERTE, nb=3, titre="Session ouverte")
    html = client.get(reverse("gouvernance:sessions")).content.decode()
    assert "Brouillon secret" not in html
    assert html.index("Session ouverte") < html.index("Session passee")
    assert "3 candidatures" in html
    assert "2 retenues, 0 ajournée, 0 non retenue" in html


# --- A session's page -------------------------------------------------------------------------


def test_a_session_in_preparation_does_not_exist_for_the_public(client, grille_copil):
    session = une_session(grille_copil, StatutSession.EN_PREPARATION)
    assert client.get(session.get_absolute_url()).status_code == 404


def test_an_open_session_shows_its_frame_and_its_candidates_without_results(
    client, session_ouverte
):
    html = client.get(session_ouverte.get_absolute_url()).content.decode()
    assert "Ouverte au vote" in html
    assert f'href="/gouvernance/grille/{session_ouverte.grille.numero}/"' in html
    quorum = session_ouverte.quorum
    assert f"{quorum} membres doivent avoir voté (ou déclaré une abstention)" in html
    assert "0 membre sur 3 a voté" in html
    assert "Pourquoi «\u00a0" in html
    assert "Sa maturité à l'ouverture de la session\u00a0: complète" in html
    assert "La charge de l'équipe" in html  # the workload snapshot
    assert "Score pondéré" not in html
    assert "application/atom+xml" in html
    assert "Enregistrer mon vote" not in html


def test_a_seated_member_sees_what_is_left_to_evaluate_and_votes_on_each_candidate_page(
    client_de, session_ouverte, persona
):
    premiere, seconde = session_ouverte.candidatures.all()
    voter(premiere, persona("copil"), avis=Avis.AJOURNER)
    client = client_de("copil")
    html = client.get(session_ouverte.get_absolute_url()).content.decode()
    assert "Il vous reste 1 candidature à évaluer" in html
    assert "Votre vote\u00a0: ajourner." in html and "À évaluer." in html
    assert "Enregistrer mon vote" not in html  # on each candidate's own page
    page = reverse("gouvernance:candidature", args=[session_ouverte.slug, seconde.pk])
    assert f'href="{page}#vote"' in html
    html = client.get(
        reverse("gouvernance:candidature", args=[session_ouverte.slug, premiere.pk])
    ).content.decode()
    assert html.count("Enregistrer mon vote") == 1
    assert "Mon organisation est concernée\u00a0: je m'abstiens" in html
    assert 'class="field__label">Portée par le terrain (poids 3)' in html
    assert "Candidature 1 sur 2" in html and "Candidature suivante" in html
    assert f'href="{page}#vote"' in html  # what is left to evaluate
    # Pre-filled with their vote.
    assert f'value="ajourner" required id="id_vote-{premiere.pk}-avis_1" checked' in html
    assert f'value="2" id="id_vote-{premiere.pk}-critere_' in html


def test_a_members_row_follows_their_vote_though_the_candidates_html_is_kept(
    client_de, session_ouverte, persona
):
    premiere, _seconde = session_ouverte.candidatures.all()
    client = client_de("copil")
    url = session_ouverte.get_absolute_url()
    assert "Votre vote" not in client.get(url).content.decode()
    voter(premiere, persona("copil"), avis=Avis.RETENIR)
    assert "Votre vote\u00a0: retenir." in client.get(url).content.decode()
    equipe = client_de("coordination")
    assert "Les votes des membres (1)" in equipe.get(url).content.decode()


def test_a_candidate_of_another_session_or_of_a_session_in_preparation_is_not_found(
    client, grille_copil, session_ouverte
):
    autre = une_session(grille_copil, StatutSession.OUVERTE, nb=1, titre="Autre session")
    ailleurs = autre.candidatures.get()
    url = reverse("gouvernance:candidature", args=[session_ouverte.slug, ailleurs.pk])
    assert client.get(url).status_code == 404
    preparee = une_session(grille_copil, StatutSession.EN_PREPARATION, nb=1, titre="Secrete")
    url = reverse("gouvernance:candidature", args=[preparee.slug, preparee.candidatures.get().pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("gouvernance:candidature", args=[autre.slug, ailleurs.pk])).status_code
        == 405
    )


def test_a_closed_session_shows_the_scores_as_a_chart_and_a_table_and_the_tallies(
    client, grille_copil, persona
):
    session = une_session(grille_copil, StatutSession.OUVERTE)
    abstenu = PersonneFactory(first_name="Anne", last_name="Le Goff", profil_public=True)
    discret = PersonneFactory()
    candidature = session.candidatures.get()
    Vote.objects.create(
        candidature=candidature, membre=abstenu, abstention=True, declaration="Elle finance."
    )
    Vote.objects.create(
        candidature=candidature, membre=discret, abstention=True, declaration="Il y siège."
    )
    elu = PersonneFactory(organisation=OrganisationFactory(nom="Commune de Plouha"))
    Vote.objects.create(
        candidature=candidature, membre=elu, abstention=True, declaration="Commune candidate."
    )
    clore(session)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "<svg" in html and "Score par critère\u00a0: les chiffres" in html
    assert "56,25" in html or "56.25" in html
    assert (
        "2 «\u00a0retenir\u00a0», 0 «\u00a0ajourner\u00a0», "
        "0 «\u00a0ne pas retenir\u00a0», 1 abstention" in html
    )
    assert "Anne Le Goff s'est abstenu·e, son organisation étant concernée" in html
    assert "Un membre s'est abstenu·e" in html
    assert "Un membre de Commune de Plouha s'est abstenu·e" in html
    assert "Elle finance." not in html  # the declaration is not public


def test_a_published_session_shows_each_decision_its_rationale_and_its_rectifications(
    client, grille_copil, direction
):
    session = une_session(grille_copil, StatutSession.OUVERTE)
    clore(session)
    publier(session, direction, motifs="Un **terrain** prêt.")
    decision = Decision.objects.get()
    Rectification.objects.create(
        decision=decision, le=date(2026, 5, 2), texte="Le territoire est Rennes.", par=direction
    )
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Décision\u00a0: retenue" in html
    assert "Un <strong>terrain</strong> prêt." in html
    assert "Rectification du 2\u00a0mai\u00a02026" in html
    assert "Le territoire est Rennes." in html


def test_what_a_candidate_shows_follows_each_change_though_its_html_is_kept(
    client, grille_copil, direction
):
    """Each candidate's content is kept rendered per process under the data it shows: an
    abstention, a published decision and a rectification each show at the next visit."""
    session = une_session(grille_copil, StatutSession.OUVERTE)
    candidature = session.candidatures.get()
    pages = (session.get_absolute_url(), candidature.get_absolute_url())
    for url in pages:
        assert "s'est abstenu·e" not in client.get(url).content.decode()
    membre = PersonneFactory(first_name="Aude", last_name="Tanguy", profil_public=True)
    Vote.objects.create(candidature=candidature, membre=membre, abstention=True, declaration="X")
    for url in pages:
        assert "Aude Tanguy s'est abstenu·e" in client.get(url).content.decode()
    clore(session)
    publier(session, direction, motifs="Motifs de *départ*.")
    for url in pages:
        html = client.get(url).content.decode()
        assert "Décision\u00a0: retenue" in html and "Motifs de <em>départ</em>." in html
        assert "75,00 sur 100" in html
    registre = reverse("gouvernance:decisions")
    assert '<td data-label="Rectifiée">Non</td>' in client.get(registre).content.decode()
    Rectification.objects.create(
        decision=Decision.objects.get(), le=date(2026, 6, 3), texte="Corrigé.", par=direction
    )
    for url in pages:
        html = client.get(url).content.decode()
        assert "Rectification du 3\u00a0juin\u00a02026" in html and "Corrigé." in html
    assert '<td data-label="Rectifiée">Oui</td>' in client.get(registre).content.decode()


@pytest.mark.parametrize(
    ("nom", "voit"),
    [
        ("anonyme", False),
        ("relais", False),
        ("codir", False),
        ("copil", True),
        ("coordination", True),
        ("recherche", True),
    ],
)
def test_individual_votes_are_shown_to_the_copil_and_the_ti_team_only(
    nom, voit, client_de, session_ouverte
):
    membre = PersonneFactory(first_name="Votant", last_name="Secret")
    voter(session_ouverte.candidatures.first(), membre, commentaire="Mon commentaire privé")
    parti = PersonneFactory()
    voter(session_ouverte.candidatures.last(), parti, commentaire="Avant de partir")
    parti.delete()  # the vote stays, anonymous
    client = client_de(nom)
    html = client.get(session_ouverte.get_absolute_url()).content.decode()
    assert ("Les votes des membres (1)" in html) is voit
    assert "Mon commentaire privé" not in html  # on each candidate's page
    for candidature in (session_ouverte.candidatures.first(), session_ouverte.candidatures.last()):
        url = reverse("gouvernance:candidature", args=[session_ouverte.slug, candidature.pk])
        html += client.get(url).content.decode()
    assert ("Mon commentaire privé" in html) is voit
    assert ("Votant Secret" in html) is voit
    assert ("Un membre dont le compte est supprimé" in html) is voit


def test_user_text_is_sanitised_everywhere_on_the_session_page(client_de, grille_copil, direction):
    session = une_session(grille_copil, StatutSession.OUVERTE)
    candidature = session.candidatures.get()
    candidature.presentation = XSS
    candidature.save()
    voter(candidature, PersonneFactory(), commentaire=XSS)
    clore(session)
    publier(session, direction, motifs=XSS)
    Rectification.objects.create(
        decision=Decision.objects.get(), le=date(2026, 5, 2), texte=XSS, par=direction
    )
    for nom in ("anonyme", "copil"):
        client = client_de(nom)
        html = client.get(session.get_absolute_url()).content.decode()
        html += client.get(
            reverse("gouvernance:candidature", args=[session.slug, candidature.pk])
        ).content.decode()
        assert "&lt;script&gt;" in html  # shown as the text it is
        assert "<script>" not in html and "onerror=" not in html.replace("onerror=alert", "")
        assert "<img src=x" not in html


# --- The register and its feed ---------------------------------------------------------------


@pytest.fixture
def deux_sessions(grille_copil, direction):
    rennes, lorient = TerritoireFactory(nom="Rennes"), TerritoireFactory(nom="Lorient")
    mobilite = ThemeFactory(nom="Mobilité")
    publiee = une_session(grille_copil, StatutSession.OUVERTE, titre="Session publiee")
    candidature = publiee.candidatures.get()
    candidature.problematique.territoires.set([rennes])
    candidature.problematique.themes.set([mobilite])
    clore(publiee)
    publier(publiee, direction, motifs="Porte par le terrain " + XSS)
    close = une_session(grille_copil, StatutSession.OUVERTE, titre="Session close")
    close.candidatures.get().problematique.territoires.set([lorient])
    clore(close)
    Decision.objects.create(
        candidature=close.candidatures.get(),
        decision=TypeDecision.NON_RETENUE,
        motifs="Brouillon de décision",
        enregistree_par=direction,
    )
    return publiee, close, rennes, mobilite


def test_the_register_lists_published_decisions_only_and_filters_them(client, deux_sessions):
    publiee, _close, rennes, mobilite = deux_sessions
    url = reverse("gouvernance:decisions")
    html = client.get(url).content.decode()
    assert "Session publiee" in html and "Brouillon de décision" not in html
    assert "1 décision" in html and "<script>" not in html
    assert "application/atom+xml" in html
    annee = timezone.localdate().year
    assert (
        "1 décision" in client.get(url, {"annee": annee, "theme": mobilite.slug}).content.decode()
    )
    assert "0 décision" in client.get(url, {"decision": "ajournee"}).content.decode()
    assert "1 décision" in client.get(url, {"territoire": rennes.slug}).content.decode()
    reponse = client.get(url, {"decision": "nimporte"})
    assert reponse.status_code == 200
    assert "Choisissez une valeur de la liste." in reponse.content.decode()


def test_the_feed_carries_each_published_decision_and_no_draft(client, deux_sessions):
    publiee, _close, _rennes, _mobilite = deux_sessions
    reponse = client.get(reverse("gouvernance:decisions_flux"))
    assert reponse["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    racine = ET.fromstring(reponse.content)
    entrees = racine.findall(f"{atom}entry")
    assert len(entrees) == 1
    entree = entrees[0]
    candidature = publiee.candidatures.get()
    assert entree.findtext(f"{atom}title") == f"Retenue : {candidature.problematique.titre}"
    lien = entree.find(f"{atom}link").get("href")
    assert lien == f"http://testserver{candidature.get_absolute_url()}"
    assert client.get(lien).status_code == 200
    resume = entree.findtext(f"{atom}summary")
    assert "Porte par le terrain" in resume and "<script>" not in resume
    assert entree.findtext(f"{atom}updated")


def test_the_feed_is_served_again_until_a_decision_changes_then_shows_the_rectification(
    client, deux_sessions, direction
):
    publiee, _close, _rennes, _mobilite = deux_sessions
    url = reverse("gouvernance:decisions_flux")
    premiere = client.get(url)
    etag = premiere["ETag"]
    assert premiere["Last-Modified"]
    assert client.get(url).content == premiere.content
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    decision = Decision.objects.get(candidature__session=publiee)
    Rectification.objects.create(
        decision=decision, le=date(2026, 5, 2), texte="Le territoire est " + XSS, par=direction
    )
    apres = client.get(url, headers={"if-none-match": etag})
    assert apres.status_code == 200
    assert apres["ETag"] != etag
    atom = "{http://www.w3.org/2005/Atom}"
    entree = ET.fromstring(apres.content).find(f"{atom}entry")
    resume = entree.findtext(f"{atom}summary")
    assert "Rectification du 2\u00a0mai\u00a02026" in resume
    assert "Le territoire est" in resume and "<script>" not in resume and "<img" not in resume
    assert entree.findtext(f"{atom}updated") > entree.findtext(f"{atom}published")

    # The problem's title is in each entry: renaming it renders the feed again.
    probleme = decision.candidature.problematique
    probleme.titre = "Un titre tout neuf"
    probleme.save(update_fields=["titre"])
    assert "Un titre tout neuf" in client.get(url).content.decode()


# --- Query counts ------------------------------------------------------------------------------


def test_a_session_of_30_candidates_and_15_members_costs_the_same_queries_for_anyone(
    client_de, grille_copil, persona, django_assert_num_queries
):
    session = une_session(grille_copil, StatutSession.OUVERTE, nb=30)
    membres = [persona("copil"), *(PersonneFactory() for _ in range(14))]
    Membre.objects.bulk_create(
        Membre(session=session, personne=p, preside=(i == 0)) for i, p in enumerate(membres)
    )
    for candidature in session.candidatures.all():
        for membre in membres[1:]:
            voter(candidature, membre, commentaire="Bien")
    derniere = session.candidatures.last()
    page_derniere = reverse("gouvernance:candidature", args=[session.slug, derniere.pk])
    # A published grid's criteria are read once per process, then kept.
    chauffe = Client()
    chauffe.force_login(membres[0])
    assert chauffe.get(page_derniere).status_code == 200
    for nom, session_page, candidature_page in (("anonyme", 4, 4), ("copil", 8, 10)):
        client = client_de(nom)
        with django_assert_num_queries(session_page):
            html = client.get(session.get_absolute_url()).content.decode()
        with django_assert_num_queries(candidature_page):
            page = client.get(page_derniere).content.decode()
        if nom == "copil":
            assert html.count("Les votes des membres (14)") == 30
            assert html.count("À évaluer.") == 30
            assert page.count("Commentaire\u00a0: Bien") == 14
            assert "Enregistrer mon vote" in page
    # Published, each decision rectified: one more query for the rectifications, whatever
    # their number.
    clore(session)
    publier(session, membres[0])
    Rectification.objects.bulk_create(
        Rectification(decision=d, le=date(2026, 5, 2), texte="Précision", par=membres[0])
        for d in Decision.objects.all()
    )
    client = client_de("anonyme")
    client.logout()
    with django_assert_num_queries(5):
        html = client.get(session.get_absolute_url()).content.decode()
    assert html.count("Rectification du 2\u00a0mai\u00a02026") == 30
    with django_assert_num_queries(5):
        assert "Rectification du 2\u00a0mai\u00a02026" in client.get(page_derniere).content.decode()
    # The chair, with a link to rectify each decision, the form on each candidate's page.
    client = client_de("copil")
    with django_assert_num_queries(9):
        html = client.get(session.get_absolute_url()).content.decode()
    assert html.count("Rectifier cette décision") == 30
    with django_assert_num_queries(10):
        assert "Publier la rectification" in client.get(page_derniere).content.decode()


def test_the_register_reads_along_its_index():
    sql = str(registre().query)
    assert '"gouvernance_decision"."publiee_le" IS NOT NULL' in sql
    assert sql.endswith(
        'ORDER BY "gouvernance_decision"."publiee_le" DESC, "gouvernance_decision"."id" DESC'
    )


def test_the_register_of_2000_decisions_costs_a_fixed_number_of_queries(
    client, grille_copil, direction, django_assert_num_queries
):
    session = une_session(grille_copil, StatutSession.OUVERTE, nb=1)
    probleme = session.candidatures.get().problematique
    quand = timezone.now()
    # One problem may come back to many sessions: 2,000 sessions of one candidate each.
    sessions = SessionCopil.objects.bulk_create(
        SessionCopil(
            titre=f"S{i}",
            slug=f"s-{i}",
            le=date(2025, 1, 1),
            grille=grille_copil,
            statut=StatutSession.PUBLIEE,
        )
        for i in range(2000)
    )
    candidatures = Candidature.objects.bulk_create(
        Candidature(session=s, problematique=probleme, presentation="p") for s in sessions
    )
    Decision.objects.bulk_create(
        Decision(
            candidature=c,
            decision=TypeDecision.RETENUE,
            motifs="Motifs",
            enregistree_par=direction,
            publiee_le=quand - timedelta(minutes=i),
        )
        for i, c in enumerate(candidatures)
    )
    client.get(reverse("gouvernance:decisions"))  # warm the session and the territories
    with django_assert_num_queries(5):
        reponse = client.get(reverse("gouvernance:decisions"), {"page": 7})
    assert reponse.status_code == 200
    # The feed: its fingerprint and the cache's entry, once rendered.
    assert client.get(reverse("gouvernance:decisions_flux")).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(reverse("gouvernance:decisions_flux")).status_code == 200


def test_a_candidates_address_written_from_its_session_is_the_one_django_reverses(
    grille_copil,
):
    from gouvernance.views.copil import adresse_de_candidature

    session = une_session(grille_copil, StatutSession.OUVERTE)
    candidature = session.candidatures.get()
    assert adresse_de_candidature(session, candidature.pk) == reverse(
        "gouvernance:candidature", args=[session.slug, candidature.pk]
    )
