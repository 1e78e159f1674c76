"""A problem's page: who may see it, what it shows, what it never shows, and its queries."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.utils import timezone

from problematiques.models import Statut, TypeTransition
from tests.factories import OrganisationFactory, PersonneFactory, TerritoireFactory
from tests.problematiques.factories import (
    ProblematiqueFactory,
    SoutienFactory,
    TransitionFactory,
)
from tests.problematiques.volume import creer_volume

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "[clic](javascript:alert(1))",
    '<a href="javascript:alert(1)">lien</a>',
    "<iframe src=//evil></iframe>",
]


class Balises(HTMLParser):
    """Every tag the browser would build, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.vues: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.vues.append((tag, attrs))


def html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("nom", ["anonyme", "relais", "copil", "codir"])
def test_a_draft_is_a_404_for_the_public_and_other_people(client_de, nom):
    brouillon = ProblematiqueFactory(statut=Statut.SOUMISE)
    en_qualif = ProblematiqueFactory(statut=Statut.EN_QUALIFICATION)

    client = client_de(nom)
    assert client.get(brouillon.get_absolute_url()).status_code == 404
    assert client.get(en_qualif.get_absolute_url()).status_code == 404


def test_the_author_sees_their_draft_with_a_notice(client, relais):
    brouillon = ProblematiqueFactory(auteur=relais, titre="Mon brouillon")
    client.force_login(relais)

    response = client.get(brouillon.get_absolute_url())

    assert response.status_code == 200
    assert "Non publiée." in html(response)
    assert "Mon brouillon" in html(response)


@pytest.mark.parametrize(
    "nom", ["direction", "coordination", "animation", "documentation", "recherche"]
)
def test_the_ti_team_sees_drafts_with_a_notice(client_de, nom):
    brouillon = ProblematiqueFactory()

    response = client_de(nom).get(brouillon.get_absolute_url())

    assert response.status_code == 200
    assert "Non publiée." in html(response)


def test_unknown_slug_is_a_404(client):
    assert client.get("/problematiques/nexiste-pas/").status_code == 404


def test_page_shows_the_problem(client):
    territoire = TerritoireFactory(nom="Plouguerneau")
    organisation = OrganisationFactory(nom="Mairie de Plouguerneau")
    p = ProblematiqueFactory(
        publiee=True,
        titre="Pas de bus le dimanche",
        constat="Le **dimanche**, aucun car.",
        publics_concernes="Les lycéens internes.",
        deja_tente="Un covoiturage, abandonné.",
        territoires=[territoire],
        organisation=organisation,
    )

    page = html(client.get(p.get_absolute_url()))

    assert "<h1>Pas de bus le dimanche</h1>" in page
    assert "<strong>dimanche</strong>" in page
    assert "Les lycéens internes." in page
    assert "Un covoiturage, abandonné." in page
    assert "Plouguerneau" in page and "Mairie de Plouguerneau" in page
    assert "Ouverte</span>" in page
    assert "Non publiée" not in page


def test_trajectory_shows_public_steps_dated_never_internal_notes(client):
    p = ProblematiqueFactory(publiee=True)
    TransitionFactory(
        problematique=p,
        type=TypeTransition.OUVRIR,
        statut_avant=Statut.EN_QUALIFICATION,
        statut_apres=Statut.OUVERTE,
        publique=True,
        commentaire_public="Bienvenue aux *soutiens*.",
        note_interne="SECRET-INTERNE",
    )
    TransitionFactory(
        problematique=p,
        publique=False,
        commentaire_public="Étape cachée",
        note_interne="SECRET-INTERNE-2",
    )

    page = html(client.get(p.get_absolute_url()))

    assert "SECRET-INTERNE" not in page
    assert "Étape cachée" not in page
    assert "Publication" in page
    assert "Bienvenue aux <em>soutiens</em>." in page
    assert '<ol class="trajectoire__etapes">' in page
    assert f'<time datetime="{timezone.localtime(timezone.now()):%Y-%m-%d}' in page


def test_internal_notes_never_shown_even_to_the_author(client, relais):
    p = ProblematiqueFactory(auteur=relais)
    TransitionFactory(problematique=p, publique=True, note_interne="SECRET-INTERNE")
    client.force_login(relais)

    assert "SECRET-INTERNE" not in html(client.get(p.get_absolute_url()))


def test_merged_problem_links_to_its_target(client):
    cible = ProblematiqueFactory(publiee=True, titre="La problématique cible")
    doublon = ProblematiqueFactory(
        statut=Statut.CLOTUREE, publiee_le=timezone.now(), fusionnee_dans=cible
    )

    page = html(client.get(doublon.get_absolute_url()))

    assert f'<a href="{cible.get_absolute_url()}">La problématique cible</a>' in page


@pytest.mark.parametrize("payload", XSS)
def test_every_markdown_field_renders_payloads_inert(client, payload):
    p = ProblematiqueFactory(
        publiee=True, constat=payload, publics_concernes=payload, deja_tente=payload
    )
    SoutienFactory(problematique=p, precisions=payload)
    TransitionFactory(problematique=p, publique=True, commentaire_public=payload)

    page = html(client.get(p.get_absolute_url()))
    contenu = page[page.index("<main") : page.index("</main>")]

    balises = Balises()
    balises.feed(contenu)
    assert not {"script", "img", "iframe"} & {tag for tag, _ in balises.vues}
    for _, attributs in balises.vues:
        for nom, valeur in attributs:
            assert not nom.startswith("on"), (nom, valeur)
            assert not (valeur or "").strip().lower().startswith("javascript:"), (nom, valeur)


def test_supporters_named_only_if_they_opted_in(client):
    p = ProblematiqueFactory(publiee=True)
    organisation = OrganisationFactory(nom="Association Ar Vro")
    publique = PersonneFactory(first_name="Maïwenn", last_name="Le Gall", profil_public=True)
    discrete = PersonneFactory(
        first_name="Yann", last_name="Cariou", profil_public=False, organisation=organisation
    )
    anonyme = PersonneFactory(first_name="Soizic", last_name="Tanguy", profil_public=False)
    for personne in [publique, discrete, anonyme]:
        SoutienFactory(problematique=p, personne=personne)

    page = html(client.get(p.get_absolute_url()))

    assert "Maïwenn Le Gall" in page
    assert "Cariou" not in page and "Tanguy" not in page
    assert "Un membre de Association Ar Vro" in page
    assert "Un membre</strong>" in page
    assert "3 soutiens" in page


def test_a_name_stored_with_bidirectional_controls_shows_as_typed_on_the_card(client):
    # Stored before the forms cleaned names: "evil" after U+202E would read "live".
    p = ProblematiqueFactory(publiee=True)
    trompeuse = PersonneFactory(first_name="\u202eevil\u202c", last_name="", profil_public=True)
    organisation = OrganisationFactory(nom="\u202eeiriaM\u202c")
    discrete = PersonneFactory(profil_public=False, organisation=organisation)
    for personne in (trompeuse, discrete):
        SoutienFactory(problematique=p, personne=personne)

    page = html(client.get(p.get_absolute_url()))

    assert '<strong class="soutien__nom">Evil</strong>' in page
    assert "Un membre de eiriaM" in page
    assert "\u202e" not in page and "\u202c" not in page


def test_a_supporter_who_left_is_an_ancien_membre(client):
    p = ProblematiqueFactory(publiee=True)
    soutien = SoutienFactory(problematique=p)
    soutien.personne.delete()

    assert "Ancien membre" in html(client.get(p.get_absolute_url()))


def test_support_shows_organisation_territory_expertise_and_precisions(client):
    p = ProblematiqueFactory(publiee=True)
    SoutienFactory(
        problematique=p,
        organisation=OrganisationFactory(nom="CCAS de Morlaix"),
        territoire=TerritoireFactory(nom="Morlaix"),
        expertise_offerte="chercheur",
        precisions="Nous avons **mesuré** les trajets.",
        rejoindrait_communaute=True,
    )

    page = html(client.get(p.get_absolute_url()))

    assert "CCAS de Morlaix" in page
    assert "(Morlaix)" in page
    assert "propose\u00a0: chercheur ou chercheuse" in page
    assert "<strong>mesuré</strong>" in page
    assert "rejoindrait une communauté" in page


def test_detail_shows_the_50_latest_supports_with_the_total(client, django_assert_max_num_queries):
    p = ProblematiqueFactory(publiee=True)
    creer_volume(soutiens_sur=p)

    # The problem, its territories, its themes, its 50 latest supports, its steps, and since
    # the documentation the pages documenting it: the total is the problem's counter.
    with django_assert_max_num_queries(6):
        response = client.get(p.get_absolute_url())

    page = html(response)
    assert page.count('<article class="soutien">') == 50
    assert "2\u00a0000 soutiens, dont les 50 plus récents ici" in page
    assert page.count("trajectoire__etape ") == 20


def test_detail_query_count_for_a_logged_in_supporter(
    client, persona, django_assert_max_num_queries
):
    p = ProblematiqueFactory(publiee=True)
    creer_volume(soutiens_sur=p)
    relais = persona("relais")
    client.force_login(relais)

    # (13 since the documentation's panel: the pages documenting the problem.)
    with django_assert_max_num_queries(13):
        response = client.get(p.get_absolute_url())

    assert response.status_code == 200
    assert "Nous aussi</button>" in html(response)
