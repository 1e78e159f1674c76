"""The back office in the portal's words (issue 13): its pages speak of problems, communities
and events, never of « objets »; its header links the team's main lists; /favicon.ico exists."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.experimentations.factories import ExperimentationFactory
from tilab.francais import avec_article, il_y_a, un_autre


@pytest.mark.parametrize(
    ("nom", "defini", "indefini"),
    [
        ("problématique", "la problématique", "une problématique"),
        ("communauté", "la communauté", "une communauté"),
        ("événement", "l'événement", "un événement"),
        ("expérimentation", "l'expérimentation", "une expérimentation"),
        ("pacte de transformation", "le pacte de transformation", "un pacte de transformation"),
        ("session du COPIL", "la session du COPIL", "une session du COPIL"),
        ("page de documentation", "la page de documentation", "une page de documentation"),
        ("avis du CODIR", "l'avis du CODIR", "un avis du CODIR"),
    ],
)
def test_a_name_gets_its_article(nom, defini, indefini):
    assert avec_article(nom) == defini
    assert avec_article(nom, defini=False) == indefini
    article, _, reste = indefini.partition(" ")
    assert un_autre(nom) == f"{article} autre {reste}"


@pytest.mark.parametrize(
    ("il_y_a_tant", "texte"),
    [
        (timedelta(hours=1), "aujourd'hui"),
        (timedelta(days=1), "hier"),
        (timedelta(days=3), "il y a 3\u00a0jours"),
        (timedelta(days=44), "il y a 44\u00a0jours"),
        (timedelta(days=100), "il y a 3\u00a0mois"),
        (timedelta(days=800), "il y a 2\u00a0ans"),
    ],
)
def test_an_age_in_words(il_y_a_tant, texte):
    maintenant = timezone.make_aware(datetime(2026, 6, 15, 12, 0))

    assert il_y_a(maintenant - il_y_a_tant, maintenant) == texte


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "modele", "liste", "ajout"),
    [
        (
            "coordination",
            "communautes_communaute",
            "Choisissez la communauté à modifier",
            "Ajouter une communauté",
        ),
        (
            "animation",
            "communautes_evenement",
            "Choisissez l'événement à modifier",
            "Ajouter un événement",
        ),
        # A session changes by its steps only: its form is read, not changed.
        (
            "coordination",
            "gouvernance_sessioncopil",
            "Choisissez la session du COPIL à consulter",
            "Ajouter une session du COPIL",
        ),
    ],
)
def test_lists_and_add_pages_speak_of_what_they_hold(client_de, role, modele, liste, ajout):
    client = client_de(role)

    reponse = client.get(reverse(f"admin:{modele}_changelist"))
    html = reponse.content.decode()

    assert reponse.context["title"] == liste and f"<h1>{escape(liste)}</h1>" in html
    assert f'class="addlink">{escape(ajout)}</a>' in html
    assert "objet" not in html.lower()
    assert client.get(reverse(f"admin:{modele}_add")).context["title"] == ajout


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "modele", "fabrique", "titre"),
    [
        ("coordination", "communautes_communaute", CommunauteFactory, "Modifier la communauté"),
        ("animation", "communautes_evenement", EvenementFactory, "Modifier l'événement"),
        (
            "coordination",
            "experimentations_experimentation",
            ExperimentationFactory,
            "Modifier l'expérimentation",
        ),
    ],
)
def test_change_pages_speak_of_what_they_change(client_de, role, modele, fabrique, titre):
    objet = fabrique()

    reponse = client_de(role).get(reverse(f"admin:{modele}_change", args=[objet.pk]))

    assert reponse.context["title"] == titre
    assert f"<h1>{escape(titre)}</h1>" in reponse.content.decode()


@pytest.mark.django_db
def test_a_read_only_page_says_it_is_to_read(client_de):
    evenement = EvenementFactory()

    reponse = client_de("coordination").get(
        reverse("admin:communautes_evenement_change", args=[evenement.pk])
    )

    assert reponse.context["title"] == "Consulter l'événement"


@pytest.mark.django_db
def test_the_header_links_the_team_s_main_lists_the_current_one_marked(client_de):
    html = client_de("coordination").get(reverse("admin:communautes_communaute_changelist"))
    html = html.content.decode()

    menu = html[
        html.index('<nav class="menu-equipe"') : html.index("</nav>", html.index("menu-equipe"))
    ]
    for nom in (
        "Problématiques",
        "Communautés",
        "Événements",
        "Expérimentations",
        "Pactes de transformation",
        "Sessions du COPIL",
        "Pages de documentation",
    ):
        assert f">{nom}</a>" in menu, nom
    assert menu.index("Problématiques") < menu.index("Communautés") < menu.index("Événements")
    communautes = reverse("admin:communautes_communaute_changelist")
    assert f'<a href="{communautes}" aria-current="page">Communautés</a>' in menu
    assert menu.count("aria-current") == 1
    # Django's side menu is gone: it took a quarter of the screen from every list.
    assert 'id="nav-sidebar"' not in html


@pytest.mark.django_db
def test_the_admin_pages_name_the_portal_s_icon(client_de):
    html = client_de("coordination").get(reverse("admin:index")).content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html


@pytest.mark.django_db
def test_favicon_ico_is_the_portal_s_icon(client):
    reponse = client.get("/favicon.ico")

    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "image/x-icon"
    assert reponse.content[:4] == b"\x00\x00\x01\x00"  # an icon file
    assert "max-age=86400" in reponse["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "modele", "bouton"),
    [
        ("coordination", "communautes_communaute", "Enregistrer et ajouter une autre communauté"),
        ("animation", "communautes_evenement", "Enregistrer et ajouter un autre événement"),
    ],
)
def test_save_and_add_another_agrees_with_what_it_adds(client_de, role, modele, bouton):
    html = client_de(role).get(reverse(f"admin:{modele}_add")).content.decode()

    assert f'value="{escape(bouton)}" name="_addanother"' in html


@pytest.mark.django_db
def test_a_deletion_is_confirmed_in_the_portal_s_words(client_de):
    from tests.factories import ThemeFactory

    theme = ThemeFactory(nom="Mobilités rurales")
    client = client_de("direction")

    page = client.get(reverse("admin:comptes_theme_delete", args=[theme.pk]))
    html = page.content.decode()

    assert page.status_code == 200
    assert (
        escape("Voulez-vous vraiment supprimer le thème «\u00a0Mobilités rurales\u00a0»\u202f?")
        in html
    )
    assert page.context["title"] == "Supprimer le thème"
    assert 'value="Oui, supprimer"' in html
    assert "objet" not in html.lower()

    liste = client.get(reverse("admin:comptes_theme_changelist")).content.decode()
    assert '<option value="delete_selected">Supprimer la sélection</option>' in liste
    selection = client.post(
        reverse("admin:comptes_theme_changelist"),
        {"action": "delete_selected", "_selected_action": [theme.pk]},
    )
    html = selection.content.decode()
    assert "Voulez-vous vraiment supprimer la sélection (1 thème)\u202f?" in html
    assert "objet" not in html.lower()
