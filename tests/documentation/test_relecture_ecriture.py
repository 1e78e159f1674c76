"""The review side: the actions of a page as its reading page shows them (the two partials,
rendered with ``contexte_actions``), the Ti Team's review queue with the pages experiments
owe, and « Mes pages »."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from documentation import rules
from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Page,
    PageAttendue,
    Revision,
    SortePage,
    StatutPage,
    TypeActionPage,
)
from documentation.models.pages import CHAMPS_REVISES
from documentation.services.pages import page_commenter, page_soumettre
from documentation.views.ecriture import contexte_actions
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def sans_xss(html: str) -> bool:
    return "<script>alert(1)" not in html and not re.search(r"<img[^>]*onerror", html)


def rendre(gabarit: str, user, page, **autres) -> str:
    requete = RequestFactory().get(f"/documentation/{page.slug}/")
    requete.user = user
    droits = rules.droits(user, page)
    contexte = {"page": page, "droits": droits, **contexte_actions(requete, page, droits), **autres}
    return render_to_string(f"documentation/includes/{gabarit}", contexte, request=requete)


def actions(user, page) -> str:
    return rendre("_page_actions.html", user, page)


# --- The actions of a page --------------------------------------------------------------------


def test_its_author_modifies_and_submits_a_draft_and_reads_the_review(persona):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.BROUILLON, auteur=coordination, contact="")
    CommentaireRelecture.objects.create(page=page, texte=f"**Bien** {XSS}", par=coordination)
    html = actions(coordination, page)
    assert reverse("documentation:modifier", args=[page.slug]) in html
    assert "Soumettre à la relecture" in html
    # The checklist in words, not by colour: each point says whether it is met.
    assert "Manque\u00a0:</strong> Un contact dit qui joindre" in html
    assert "Fait\u00a0:</strong> Un résumé" in html
    assert "Publier la page" not in html and "Archiver" not in html
    assert "Discussion de relecture" in html and "<strong>Bien</strong>" in html
    assert sans_xss(html) and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Demander des modifications" not in html  # the Documentation role's only


def test_the_documentation_role_publishes_and_asks_for_changes(persona):
    page = une_page(statut=StatutPage.EN_RELECTURE, auteur=persona("coordination"))
    html = actions(persona("documentation"), page)
    assert reverse("documentation:publier", args=[page.slug]) in html
    assert "La page remplit la liste de contrôle" in html
    assert 'name="relecture-demande_des_modifications"' in html
    assert "Soumettre" not in html


def test_the_documentation_role_archives_a_published_page(persona):
    page = une_page(auteur=persona("coordination"))
    html = actions(persona("documentation"), page)
    assert reverse("documentation:archiver", args=[page.slug]) in html
    assert 'name="archivage-motif"' in html and "Publier la page" not in html


@pytest.mark.parametrize("nom", ["anonyme", "relais", "copil", "codir"])
def test_who_does_not_write_the_page_sees_no_action_nor_the_review(persona, nom):
    coordination = persona("coordination")
    page = une_page(auteur=coordination)
    CommentaireRelecture.objects.create(page=page, texte="Secret de relecture", par=coordination)
    user = AnonymousUser() if nom == "anonyme" else persona(nom)
    html = actions(user, page)
    assert html.strip() == "" and "Secret" not in html


def test_the_actions_cost_a_bounded_number_of_queries(persona, django_assert_num_queries):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.EN_RELECTURE, auteur=coordination)
    for n in range(20):
        CommentaireRelecture.objects.create(
            page=page, texte=f"Remarque {n}", par=PersonneFactory(), revision=page.revisions.get()
        )
    documentaliste = persona("documentation")
    rules.droits(documentaliste, page)  # roles and address, kept on the person
    # The comments with their authors and revisions (the Ti Team writes every page: no
    # question asked of the page's authors).
    with django_assert_num_queries(1):
        html = actions(documentaliste, page)
    assert html.count("doc-relecture__commentaire") == 20


def test_an_old_revision_offers_its_restoring_and_the_latest_does_not(persona):
    coordination = persona("coordination")
    page = une_page(auteur=coordination)
    Revision.objects.create(
        page=page, numero=2, par=coordination, **{c: getattr(page, c) for c in CHAMPS_REVISES}
    )
    ancienne, derniere = page.revisions.get(numero=1), page.revisions.get(numero=2)
    html = rendre("_revision_actions.html", coordination, page, revision=ancienne)
    assert reverse("documentation:restaurer", args=[page.slug, 1]) in html
    assert 'Restaurer cette révision<span class="visually-hidden"> (n°\u00a01)</span>' in html
    assert rendre("_revision_actions.html", coordination, page, revision=derniere).strip() == ""
    assert (
        rendre("_revision_actions.html", persona("relais"), page, revision=ancienne).strip() == ""
    )


# --- The review queue -------------------------------------------------------------------------


@pytest.fixture
def file_de_relecture(persona):
    """30 pages in review (their themes, territories and two authors each, one revision
    more), submitted one after the other; a draft sent back."""
    coordination = persona("coordination")
    themes = [ThemeFactory() for _ in range(5)]
    territoires = [TerritoireFactory(type="epci") for _ in range(5)]
    experimentation = ExperimentationFactory(titre="Le bus des démarches")
    pages = []
    for n in range(30):
        page = une_page(
            statut=StatutPage.EN_RELECTURE,
            auteur=coordination,
            titre=f"En relecture {n:02d}",
            experimentation=experimentation if n % 2 else None,
            contact="" if n == 0 else "doc@tilab.bzh",
        )
        page.auteurs.add(PersonneFactory())
        page.themes.set(themes)
        page.territoires.set(territoires)
        # Submitted in the order of their numbers: the first is the oldest.
        page.journaliser(TypeActionPage.SOUMETTRE, par=coordination)
        pages.append(page)
    renvoyee = une_page(statut=StatutPage.BROUILLON, auteur=coordination, titre="Renvoyée")
    CommentaireRelecture.objects.create(
        page=renvoyee, texte="À revoir", demande_des_modifications=True
    )
    une_page(statut=StatutPage.BROUILLON, auteur=coordination, titre="Brouillon tranquille")
    return pages


def test_the_queue_lists_the_oldest_submission_first_with_its_checklist(
    client_de, file_de_relecture
):
    html = client_de("documentation").get(reverse("documentation:relecture")).content.decode()
    assert html.index("En relecture 00") < html.index("En relecture 01")
    assert "En relecture 25" not in html  # on page 2
    assert 'En relecture <span class="doc-compte">(30)</span>' in html
    assert "incomplète\u00a0: Un contact dit qui joindre" in html
    assert "✓</span> complète" in html
    assert "l'expérimentation «\u00a0Le bus des démarches\u00a0»" in html
    assert "Renvoyée" in html and "Brouillon tranquille" not in html
    assert 'href="/documentation/page-' in html
    page_2 = client_de("documentation").get(reverse("documentation:relecture"), {"page": 2})
    assert "En relecture 29" in page_2.content.decode()


def test_a_row_says_when_and_by_whom_and_changes_with_its_page(client_de, file_de_relecture):
    from django.utils import timezone

    from tilab.dates import date_francaise

    premiere = file_de_relecture[0]
    premiere.auteurs.update(first_name="Maëlle", last_name="Riou")
    client = client_de("documentation")
    html = client.get(reverse("documentation:relecture")).content.decode()
    ligne = html.split("En relecture 00", 1)[1].split("</article>", 1)[0]
    soumise = premiere.actions.get(type=TypeActionPage.SOUMETTRE).le
    assert (
        f"<dt>Soumise le</dt><dd>{date_francaise(timezone.localtime(soumise), 'j F Y')}</dd>"
        in (ligne)
    )
    assert "Maëlle Riou" in ligne
    revisee = date_francaise(timezone.localtime(premiere.revisions.latest("numero").le), "H:i")
    assert f" à {revisee}</dd>" in ligne
    # A row is kept rendered under its data: a changed title is another row.
    Page.objects.filter(pk=premiere.pk).update(titre="Titre repris <b>")
    html = client.get(reverse("documentation:relecture")).content.decode()
    assert "Titre repris &lt;b&gt;" in html and "En relecture 00" not in html


def test_the_queue_reads_a_bounded_number_of_queries(
    client_de, file_de_relecture, django_assert_num_queries
):
    client = client_de("documentation")
    client.get(reverse("documentation:relecture"))
    # session, user with their roles; count and page of the pages in review; the drafts sent
    # back; the experiments owing pages. (The authors' names come with each page.)
    with django_assert_num_queries(6):
        reponse = client.get(reverse("documentation:relecture"))
    assert reponse.status_code == 200


def test_the_queue_says_which_pages_experiments_still_owe(client_de, persona):
    sans_rien = ExperimentationFactory(titre="Aucune page encore")
    complete = ExperimentationFactory(titre="Tout est publié")
    for sorte in (SortePage.FICHE_EXPERIMENTATION, SortePage.RETOUR_EXPERIENCE):
        une_page(experimentation=complete, sorte=sorte)
    annoncee = ExperimentationFactory(titre="Un guide annoncé")
    for sorte in (SortePage.FICHE_EXPERIMENTATION, SortePage.RETOUR_EXPERIENCE):
        une_page(experimentation=annoncee, sorte=sorte)
    PageAttendue.objects.create(experimentation=annoncee, sorte=SortePage.GUIDE)
    ExperimentationFactory(titre="Pas encore lancée", statut="en_preparation")
    brouillon = ExperimentationFactory(titre="Fiche en brouillon")
    une_page(
        experimentation=brouillon,
        sorte=SortePage.FICHE_EXPERIMENTATION,
        statut=StatutPage.BROUILLON,
    )
    une_page(experimentation=brouillon, sorte=SortePage.RETOUR_EXPERIENCE)
    html = client_de("animation").get(reverse("documentation:relecture")).content.decode()
    dues = html.split('id="titre-dues"')[1]
    # Running: it owes its fiche now, its return of experience at its end.
    assert (
        "Aucune page encore" in dues
        and '<td data-label="Pages manquantes">Fiche expérimentation</td>' in dues
    )
    assert "Un guide annoncé" in dues and '<td data-label="Pages manquantes">Guide</td>' in dues
    assert "Fiche en brouillon" in dues  # a draft is not a published page
    assert "Tout est publié" not in dues and "Pas encore lancée" not in dues
    assert f"?experimentation={sans_rien.slug}" in dues
    assert 'Pages attendues <span class="doc-compte">(3 expérimentations)' in html


@pytest.mark.parametrize("nom", ["relais", "copil", "codir"])
def test_the_queue_is_the_ti_teams(client_de, nom):
    assert client_de(nom).get(reverse("documentation:relecture")).status_code == 403


def test_a_visitor_logs_in_to_see_the_queue(client):
    assert client.get(reverse("documentation:relecture")).status_code == 302


# --- My pages ---------------------------------------------------------------------------------


def test_my_pages_lists_mine_in_any_state_and_no_one_elses(client_de, persona):
    relais = persona("relais")
    for statut in StatutPage.values:
        une_page(statut=statut, auteur=relais, titre=f"Ma page {statut}")
    une_page(auteur=persona("coordination"), titre="Celle d'une autre")
    html = client_de("relais").get(reverse("documentation:mes_pages")).content.decode()
    for statut in StatutPage.values:
        assert f"Ma page {statut}" in html
    assert "Celle d&#x27;une autre" not in html


def test_my_pages_reads_a_bounded_number_of_queries(client_de, persona, django_assert_num_queries):
    relais = persona("relais")
    for n in range(25):
        page = une_page(statut=StatutPage.BROUILLON, auteur=relais, titre=f"Mienne {n}")
        page.auteurs.add(PersonneFactory())
    client = client_de("relais")
    client.get(reverse("documentation:mes_pages"))
    # session, user (with their roles and address), count, page (with its authors' names),
    # whether they may start a page (their experiments, their communities).
    with django_assert_num_queries(6):
        html = client.get(reverse("documentation:mes_pages")).content.decode()
    assert html.count('class="doc-ligne"') == 20


def test_the_queue_names_the_authors_as_their_profiles_do_in_the_order_of_their_names(client_de):
    page = une_page(statut=StatutPage.EN_RELECTURE, titre="Trois auteurs")
    page.auteurs.set(
        [
            PersonneFactory(first_name="Zoé", last_name="Abgrall"),
            PersonneFactory(first_name="Yann", last_name="Le Gall"),
            # A name stored before the forms cleaned them, and a person without one.
            PersonneFactory(first_name=" Anne\u200b", last_name="Quéré <b>"),
            PersonneFactory(first_name="", last_name=""),
        ]
    )
    page.journaliser(TypeActionPage.SOUMETTRE, par=None)
    html = client_de("documentation").get(reverse("documentation:relecture")).content.decode()
    ligne = html[html.index("Trois auteurs") :]
    auteurs = re.search(r"<dt>Auteurs et autrices</dt><dd>(.*?)</dd>", ligne, re.S).group(1)
    assert auteurs == "Une personne, Zoé Abgrall, Yann Le Gall, Anne Quéré &lt;b&gt;"
    assert [p.get_full_name() for p in page.auteurs.order_by("last_name")] == [
        "",
        "Zoé Abgrall",
        "Yann Le Gall",
        "Anne Quéré <b>",
    ]


def test_the_queue_follows_the_latest_submission_kept_by_the_database(client_de, persona):
    coordination = persona("coordination")
    documentaliste = persona("documentation")
    premiere, seconde = (
        une_page(statut=StatutPage.BROUILLON, auteur=coordination, titre=titre)
        for titre in ("Soumise en premier", "Soumise en second")
    )
    page_soumettre(page=premiere, par=coordination)
    page_soumettre(page=seconde, par=coordination)
    premiere.refresh_from_db()
    assert premiere.soumise_le == premiere.actions.get(type=TypeActionPage.SOUMETTRE).le

    def ordre():
        html = client_de("documentation").get(reverse("documentation:relecture")).content
        return sorted(
            ("Soumise en premier", "Soumise en second"), key=lambda t: html.decode().index(t)
        )

    assert ordre() == ["Soumise en premier", "Soumise en second"]
    # Sent back, then submitted again: now the latest submission.
    page_commenter(
        page=premiere, par=documentaliste, texte="À revoir", demande_des_modifications=True
    )
    page_soumettre(page=premiere, par=coordination)
    assert ordre() == ["Soumise en second", "Soumise en premier"]

    # Whoever writes the journal (raw SQL, out of order): the latest submission counts.
    autre = une_page(statut=StatutPage.EN_RELECTURE, titre="Par le journal")
    maintenant = timezone.now()
    with connection.cursor() as curseur:
        for type_, le in [
            (TypeActionPage.SOUMETTRE, maintenant),
            (TypeActionPage.SOUMETTRE, maintenant - timedelta(days=1)),
            (TypeActionPage.ENREGISTRER, maintenant + timedelta(days=1)),
        ]:
            curseur.execute(
                f"INSERT INTO {ActionPage._meta.db_table} (page_id, type, le, detail) "
                "VALUES (%s, %s, %s, '')",
                [autre.pk, type_, le],
            )
    autre.refresh_from_db()
    assert autre.soumise_le == maintenant
