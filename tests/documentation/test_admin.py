"""The back office of documentation pages: the team reads every page, the Documentation role
edits a page's text (each save a revision through the service, the checklist of a published
page kept), nothing is added, deleted or moved to another state here."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Page,
    Reutilisation,
    Revision,
    SortePage,
    StatutPage,
    TypeActionPage,
)
from documentation.models.pages import CHAMPS_REVISES
from tests.documentation.factories import une_page
from tilab.comptes.models import Territoire, Theme

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def _fiche(page: Page) -> str:
    return reverse("admin:documentation_page_change", args=[page.pk])


def _saisie(page: Page, **changes: str) -> dict[str, str]:
    donnees = {champ: getattr(page, champ) for champ in CHAMPS_REVISES}
    donnees |= {"themes": [], "territoires": [], "note": ""}
    for prefixe in ("revisions", "pieces_jointes", "commentaires", "reutilisations", "actions"):
        donnees |= {
            f"{prefixe}-TOTAL_FORMS": "0",
            f"{prefixe}-INITIAL_FORMS": "0",
            f"{prefixe}-MIN_NUM_FORMS": "0",
            f"{prefixe}-MAX_NUM_FORMS": "1000",
        }
    return donnees | changes


def test_the_documentation_role_saves_a_new_revision_through_the_service(client_de, persona):
    page = une_page(auteur=persona("coordination"))
    theme = Theme.objects.create(nom="Mobilités", slug="mobilites")
    client = client_de("documentation")

    reponse = client.post(
        _fiche(page),
        _saisie(
            page,
            titre="Nouveau titre",
            themes=[str(theme.pk)],
            note="Corrections après relecture",
            statut=StatutPage.ARCHIVEE,
            nb_reutilisations="99",
            slug="autre-chose",
        ),
    )

    assert reponse.status_code == 302
    page.refresh_from_db()
    assert page.titre == "Nouveau titre"
    assert list(page.themes.all()) == [theme]
    # What the service owns did not move.
    assert (page.statut, page.nb_reutilisations, page.slug.startswith("page-")) == (
        StatutPage.PUBLIEE,
        0,
        True,
    )
    derniere = page.revisions.order_by("-numero").first()
    assert (derniere.numero, derniere.titre, derniere.note) == (
        2,
        "Nouveau titre",
        "Corrections après relecture",
    )
    assert page.actions.filter(type=TypeActionPage.ENREGISTRER).count() == 1
    # The reviewer's correction does not make her an author.
    assert not page.auteurs.filter(pk=persona("documentation").pk).exists()


def test_a_published_page_keeps_its_checklist_with_the_error_next_to_the_field(client_de):
    page = une_page()
    reponse = client_de("documentation").post(
        _fiche(page), _saisie(page, contact="", titre="Gardé tel que saisi")
    )

    assert reponse.status_code == 200
    formulaire = reponse.context["adminform"].form
    assert "contact" in formulaire.errors
    assert "Un contact dit qui joindre" in formulaire.errors["contact"][0]
    assert formulaire["titre"].value() == "Gardé tel que saisi"
    assert page.revisions.count() == 1


def test_a_draft_may_be_saved_without_its_checklist_but_not_without_a_title(client_de):
    brouillon = une_page(statut=StatutPage.BROUILLON)
    client = client_de("documentation")

    assert client.post(_fiche(brouillon), _saisie(brouillon, contact="")).status_code == 302
    reponse = client.post(_fiche(brouillon), _saisie(brouillon, titre="   ", sorte="inconnue"))
    assert reponse.status_code == 200
    erreurs = reponse.context["adminform"].form.errors
    assert {"titre", "sorte"} <= set(erreurs)
    assert brouillon.revisions.count() == 2


@pytest.mark.parametrize("qui", ["direction", "coordination", "animation", "recherche"])
def test_the_rest_of_the_team_reads_without_changing(client_de, qui):
    page = une_page()
    client = client_de(qui)

    assert client.get(reverse("admin:documentation_page_changelist")).status_code == 200
    reponse = client.get(_fiche(page))
    assert reponse.status_code == 200 and not reponse.context["has_change_permission"]
    assert client.post(_fiche(page), _saisie(page, titre="Non")).status_code == 403
    page.refresh_from_db()
    assert page.titre != "Non"


@pytest.mark.parametrize("qui", ["anonyme", "relais", "copil", "codir"])
def test_outside_the_team_the_back_office_sends_to_its_login(client_de, qui):
    page = une_page()
    reponse = client_de(qui).get(_fiche(page))
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("admin:login"))


def test_an_archived_page_is_read_only_even_for_the_documentation_role(client_de):
    archivee = une_page(statut=StatutPage.ARCHIVEE)
    client = client_de("documentation")
    assert not client.get(_fiche(archivee)).context["has_change_permission"]
    assert client.post(_fiche(archivee), _saisie(archivee)).status_code == 403


def test_nothing_is_added_or_deleted_here(client_de):
    page = une_page()
    client = client_de("documentation")
    assert client.get(reverse("admin:documentation_page_add")).status_code == 403
    assert client.get(reverse("admin:documentation_page_delete", args=[page.pk])).status_code == 403


def _page_chargee(persona) -> Page:
    """A page with twenty revisions, fifteen reuses, comments and a journal."""
    auteur = persona("coordination")
    page = une_page(auteur=auteur, statut=StatutPage.BROUILLON, titre=XSS)
    page.themes.set([Theme.objects.create(nom=f"Thème {n}", slug=f"theme-{n}") for n in range(3)])
    territoire = Territoire.objects.filter(type="departement").first()
    assert territoire is not None
    page.territoires.set([territoire])
    for numero in range(2, 21):
        Revision.objects.create(
            page=page,
            numero=numero,
            par=auteur,
            note=XSS,
            **{c: getattr(page, c) for c in CHAMPS_REVISES},
        )
    for n in range(15):
        Reutilisation.objects.create(page=page, ou=f"Commune {n} {XSS}", comment=XSS, par=auteur)
        ActionPage.objects.create(page=page, type=TypeActionPage.ENREGISTRER, par=auteur)
    CommentaireRelecture.objects.create(page=page, texte=XSS, par=persona("documentation"))
    return page


def test_the_change_page_shows_its_rows_escaped_in_a_bounded_number_of_queries(
    client_de, persona, django_assert_max_num_queries
):
    page = _page_chargee(persona)
    client = client_de("documentation")
    client.get(_fiche(page))  # the session and the person's roles, read once

    with django_assert_max_num_queries(40):
        reponse = client.get(_fiche(page))

    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert "<script>alert(1)</script>" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The latest twenty revisions, the latest reuses.
    assert html.count("Commune ") >= 15


def test_the_list_filters_by_state_kind_and_licence_in_a_fixed_number_of_queries(
    client_de, persona, django_assert_num_queries
):
    auteur = persona("coordination")
    for n in range(30):
        une_page(auteur=auteur, sorte=SortePage.GUIDE if n % 2 else SortePage.OUTIL)
    une_page(statut=StatutPage.BROUILLON, titre="Brouillon à retrouver")
    client = client_de("direction")
    liste = reverse("admin:documentation_page_changelist")
    client.get(liste)

    with django_assert_num_queries(7):
        reponse = client.get(liste)
    assert reponse.status_code == 200
    assert len(reponse.context["cl"].result_list) == 31

    filtree = client.get(liste, {"statut__exact": "brouillon", "q": "retrouver"})
    assert [p.titre for p in filtree.context["cl"].result_list] == ["Brouillon à retrouver"]
    par_sorte = client.get(liste, {"sorte__exact": "guide", "licence__exact": "cc_by_sa_4"})
    assert len(par_sorte.context["cl"].result_list) == 15
