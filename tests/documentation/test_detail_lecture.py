"""A page of the documentation (``/documentation/<slug>/``): who reads it, what it shows (its
licence and how to credit it, its attachments, related pages, reuses), the reuse form and the
Markdown download."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documentation.models import Licence, Reutilisation, SortePage, StatutPage
from documentation.services.pieces_jointes import piece_jointe_ajouter
from documentation.views.lecture import taille_lisible
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory
from tests.factories import OrganisationFactory, PersonneFactory, ThemeFactory
from tilab.comptes.models import Territoire

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def sans_charge_utile(contenu: str) -> bool:
    return "<script>alert(1)" not in contenu and "<img src=x" not in contenu


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- Who reads it --------------------------------------------------------------------------------


@pytest.mark.parametrize("nom", ["anonyme", "relais", "copil", "codir"])
@pytest.mark.parametrize("statut", [StatutPage.BROUILLON, StatutPage.EN_RELECTURE])
def test_a_page_not_published_does_not_exist_for_outsiders(client_de, persona, nom, statut):
    page = une_page(statut=statut, auteur=persona("coordination"))
    client = client_de(nom)
    for suffixe in ("", "markdown/", "historique/", "historique/1/", "comparer/?de=1&a=1"):
        assert client.get(f"/documentation/{page.slug}/{suffixe}").status_code == 404


@pytest.mark.parametrize("nom", ["direction", "coordination", "animation", "documentation"])
def test_the_ti_team_reads_a_draft_with_a_notice(client_de, persona, nom):
    page = une_page(statut=StatutPage.BROUILLON, auteur=persona("coordination"))
    reponse = client_de(nom).get(page.get_absolute_url())
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "Non publiée." in contenu and "Brouillon" in contenu
    assert reponse["Cache-Control"] == "private"


def test_a_participant_of_the_experiment_reads_its_draft(client_de, persona):
    experimentation = ExperimentationFactory()
    ParticipantFactory(experimentation=experimentation, personne=persona("relais"))
    page = une_page(statut=StatutPage.BROUILLON, experimentation=experimentation)
    assert client_de("relais").get(page.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("nom", ["anonyme", "relais", "copil", "codir", "recherche"])
def test_a_published_page_is_read_by_everyone(client_de, nom):
    page = une_page(titre="Le guide du covoiturage")
    reponse = client_de(nom).get(page.get_absolute_url())
    assert reponse.status_code == 200
    assert "<h1>Le guide du covoiturage</h1>" in reponse.content.decode()
    assert "private" not in reponse.get("Cache-Control", "")


def test_an_archived_page_is_read_with_a_notice(client):
    page = une_page(statut=StatutPage.ARCHIVEE)
    contenu = client.get(page.get_absolute_url()).content.decode()
    assert "Page archivée." in contenu


def test_an_unknown_page_is_404(client):
    assert client.get("/documentation/nulle-part/").status_code == 404


# --- What it shows -------------------------------------------------------------------------------


def test_the_page_shows_its_text_what_it_documents_and_who_wrote_it(client):
    experimentation = ExperimentationFactory(titre="Cantines locales")
    auteur = PersonneFactory(first_name="Anne", last_name="Le Goff", profil_public=True)
    discret = PersonneFactory(profil_public=False, organisation=OrganisationFactory(nom="Brest"))
    page = une_page(
        titre="Fiche cantines",
        sorte=SortePage.FICHE_EXPERIMENTATION,
        resume="Le résumé.",
        corps="## Ce qu'on a fait\n\nDes **repas**.",
        conditions_reutilisation="Une cuisine.",
        contact="cantines@exemple.fr",
        experimentation=experimentation,
        auteur=auteur,
    )
    page.auteurs.add(discret)
    page.themes.add(ThemeFactory(nom="Alimentation"))
    page.territoires.add(Territoire.objects.get(slug="finistere"))
    contenu = client.get(page.get_absolute_url()).content.decode()
    for attendu in (
        "Fiche expérimentation",
        "Le résumé.",
        "<h3>Ce qu'on a fait</h3>",
        "Des <strong>repas</strong>.",
        f'<a href="{experimentation.get_absolute_url()}">Cantines locales</a>',
        "Alimentation",
        "Finistère",
        "Anne Le Goff",
        "un membre de Brest",
        "Conditions de réutilisation",
        "Une cuisine.",
        "cantines@exemple.fr",
        f'href="/documentation/{page.slug}/markdown/"',
        f'href="/documentation/{page.slug}/historique/"',
        'class="doc-actions"',
    ):
        assert attendu in contenu, attendu


def test_the_licence_block_links_the_licence_and_offers_an_attribution_to_copy(client):
    auteur = PersonneFactory(first_name="Anne", last_name="Le Goff", profil_public=True)
    page = une_page(titre="Le guide", licence=Licence.CC_BY_SA_4, auteur=auteur)
    contenu = client.get(page.get_absolute_url()).content.decode()
    assert '<a href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr" rel="license">' in (
        contenu
    )
    assert "en partageant vos adaptations sous la même licence" in contenu
    assert '<textarea id="attribution" class="doc-licence__attribution" rows="5" readonly>' in (
        contenu
    )
    assert (
        f"« Le guide », par Anne Le Goff, Ti Lab, http://testserver/documentation/{page.slug}/, "
        "licence CC BY-SA 4.0, consulté le "
    ) in contenu


def test_attachments_are_listed_with_their_size(client, media, persona):
    page = une_page(statut=StatutPage.BROUILLON)
    piece = piece_jointe_ajouter(
        page=page,
        par=persona("documentation"),
        fichier=SimpleUploadedFile("rapport.pdf", PDF * 40),
    )
    page.statut = StatutPage.PUBLIEE
    page.save()
    contenu = client.get(page.get_absolute_url()).content.decode()
    assert f'<a href="/documentation/{page.slug}/pieces/{piece.pk}/">rapport.pdf</a>' in contenu
    assert "(PDF, 2,5\xa0Ko)" in contenu


def test_sizes_are_written_as_french_readers_write_them():
    assert taille_lisible(850) == "850 octets"
    assert taille_lisible(2560) == "2,5\xa0Ko"
    assert taille_lisible(3 * 1024 * 1024) == "3\xa0Mo"
    assert taille_lisible(5000 * 1024 * 1024) == "5000\xa0Mo"


def test_related_pages_share_a_theme_or_the_experiment_and_are_published(client):
    theme = ThemeFactory()
    experimentation = ExperimentationFactory()
    page = une_page(titre="La page", experimentation=experimentation)
    page.themes.add(theme)
    meme_theme = une_page(titre="Même thème")
    meme_theme.themes.add(theme)
    une_page(titre="Même expérimentation", experimentation=experimentation)
    une_page(titre="Sans lien")
    brouillon = une_page(titre="Brouillon lié", statut=StatutPage.BROUILLON)
    brouillon.themes.add(theme)
    reponse = client.get(page.get_absolute_url())
    assert sorted(p.titre for p in reponse.context["liees"]) == [
        "Même expérimentation",
        "Même thème",
    ]


@pytest.mark.parametrize(
    "champ", ["titre", "resume", "corps", "conditions_reutilisation", "contact"]
)
def test_a_payload_in_any_text_of_the_page_is_never_run(client, champ):
    page = une_page(**{champ: f"Texte {XSS}"})
    Reutilisation.objects.create(page=page, ou=f"Où {XSS}", comment=f"Comment {XSS}")
    contenu = client.get(page.get_absolute_url()).content.decode()
    assert sans_charge_utile(contenu)
    assert "&lt;script&gt;" in contenu


# --- Reuses --------------------------------------------------------------------------------------


def test_the_reuses_are_listed_with_who_and_when(client):
    page = une_page(nb_reutilisations=2)
    auteur = PersonneFactory(first_name="Yann", last_name="Morvan", profil_public=True)
    Reutilisation.objects.create(page=page, ou="Quimper", comment="Repris *tel quel*.", par=auteur)
    Reutilisation.objects.create(page=page, ou="Vannes", comment="Adapté.")
    contenu = client.get(page.get_absolute_url()).content.decode()
    assert "2 réutilisations déclarées" in contenu
    assert "<strong>Quimper</strong> — déclarée par Yann Morvan" in contenu
    assert "Repris <em>tel quel</em>." in contenu
    assert "déclarée par ancien membre" in contenu


def test_an_anonymous_visitor_is_invited_to_log_in_to_declare_a_reuse(client):
    page = une_page()
    contenu = client.get(page.get_absolute_url()).content.decode()
    assert f'href="{reverse("account_login")}?next=/documentation/{page.slug}/"' in contenu
    assert "Connectez-vous pour déclarer une réutilisation" in contenu
    assert "J'ai réutilisé cette ressource" not in contenu


def test_someone_logged_in_sees_the_reuse_form(client_de):
    page = une_page()
    contenu = client_de("relais").get(page.get_absolute_url()).content.decode()
    assert "J'ai réutilisé cette ressource" in contenu
    assert f'action="/documentation/{page.slug}/reutiliser/"' in contenu


def test_a_declared_reuse_is_published_and_counted(client_de, persona):
    page = une_page()
    reponse = client_de("relais").post(
        f"/documentation/{page.slug}/reutiliser/",
        {"ou": "Lannion", "comment": "Nous l'avons repris pour nos écoles."},
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == f"/documentation/{page.slug}/#reutilisations"
    page.refresh_from_db()
    assert page.nb_reutilisations == 1
    assert page.reutilisations.get().par == persona("relais")
    suite = client_de("relais").get(reponse["Location"]).content.decode()
    assert "Votre réutilisation est publiée" in suite
    assert "<strong>Lannion</strong>" in suite


def test_a_reuse_with_bad_input_comes_back_with_messages_next_to_the_fields(client_de):
    page = une_page()
    reponse = client_de("relais").post(
        f"/documentation/{page.slug}/reutiliser/", {"ou": "", "comment": "Ce que j'ai fait"}
    )
    assert reponse.status_code == 400
    contenu = reponse.content.decode()
    assert "<title>Erreur\u00a0: " in contenu
    assert "Dites où la ressource a servi." in contenu
    assert "Ce que j&#x27;ai fait</textarea>" in contenu
    assert Reutilisation.objects.count() == 0


def test_a_reuse_of_spaces_only_is_refused_by_the_service_next_to_the_field(client_de):
    page = une_page()
    reponse = client_de("relais").post(
        f"/documentation/{page.slug}/reutiliser/", {"ou": "Brest", "comment": "\u200b"}
    )
    assert reponse.status_code == 400
    assert "Dites ce que vous en avez fait." in reponse.content.decode()


def test_an_anonymous_reuse_goes_to_log_in(client):
    page = une_page()
    reponse = client.post(f"/documentation/{page.slug}/reutiliser/", {"ou": "x", "comment": "y"})
    assert reponse.status_code == 302
    assert reponse["Location"] == f"{reverse('account_login')}?next=/documentation/{page.slug}/"
    assert Reutilisation.objects.count() == 0


def test_a_draft_cannot_be_reused(client_de, persona):
    page = une_page(statut=StatutPage.BROUILLON, auteur=persona("coordination"))
    donnees = {"ou": "Brest", "comment": "Repris."}
    assert (
        client_de("relais").post(f"/documentation/{page.slug}/reutiliser/", donnees).status_code
        == 404
    )
    assert (
        client_de("coordination")
        .post(f"/documentation/{page.slug}/reutiliser/", donnees)
        .status_code
        == 403
    )
    assert Reutilisation.objects.count() == 0


def test_declaring_a_reuse_is_post_only(client_de):
    page = une_page()
    assert client_de("relais").get(f"/documentation/{page.slug}/reutiliser/").status_code == 405


# --- The Markdown download -----------------------------------------------------------------------


def test_the_markdown_download_holds_the_page_and_how_to_credit_it(client):
    auteur = PersonneFactory(first_name="Anne", last_name="Le Goff", profil_public=True)
    page = une_page(
        titre="Le guide",
        resume="Le résumé.",
        corps="Le **corps**.",
        conditions_reutilisation="Une salle.",
        contact="guide@exemple.fr",
        licence=Licence.CC_BY_4,
        auteur=auteur,
    )
    reponse = client.get(f"/documentation/{page.slug}/markdown/")
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/markdown; charset=utf-8"
    assert reponse["Content-Disposition"] == f'attachment; filename="{page.slug}.md"'
    texte = reponse.content.decode()
    assert texte.startswith("# Le guide\n\nLe résumé.\n")
    for attendu in (
        "- Licence : CC BY 4.0 (Creative Commons Attribution 4.0 International, "
        "https://creativecommons.org/licenses/by/4.0/deed.fr)",
        "- Pour citer : « Le guide », par Anne Le Goff, Ti Lab, "
        f"http://testserver/documentation/{page.slug}/, licence CC BY 4.0, consulté le ",
        "- Auteurs et autrices : Anne Le Goff",
        f"- Adresse : http://testserver/documentation/{page.slug}/",
        "Le **corps**.",
        "## Conditions de réutilisation\n\nUne salle.",
        "## Contact\n\nguide@exemple.fr",
    ):
        assert attendu in texte, attendu


def test_a_draft_markdown_is_private_to_those_who_read_it(client_de, persona):
    page = une_page(statut=StatutPage.BROUILLON, auteur=persona("coordination"))
    reponse = client_de("documentation").get(f"/documentation/{page.slug}/markdown/")
    assert reponse.status_code == 200
    assert reponse["Cache-Control"] == "private"


# --- Cost ---------------------------------------------------------------------------------------


def page_chargee():
    """A page with 10 authors, 5 attachments' rows, 15 reuses, themes, territories and
    related pages."""
    experimentation = ExperimentationFactory()
    page = une_page(titre="La page chargée", experimentation=experimentation, nb_reutilisations=15)
    organisation = OrganisationFactory()
    for n in range(10):
        page.auteurs.add(PersonneFactory(profil_public=n % 2 == 0, organisation=organisation))
    themes: list[Any] = [ThemeFactory() for _ in range(3)]
    page.themes.add(*themes)
    page.territoires.add(*Territoire.objects.filter(type="departement"))
    for n in range(5):
        page.pieces_jointes.create(
            fichier=f"documentation/{page.pk}/{n}.pdf",
            nom=f"piece-{n}.pdf",
            type_mime="application/pdf",
            extension="pdf",
            taille=1000 * n,
        )
    for n in range(15):
        Reutilisation.objects.create(
            page=page,
            ou=f"Commune {n}",
            comment="Repris.",
            par=PersonneFactory(organisation=organisation),
            organisation=organisation,
        )
    for n in range(8):
        liee = une_page(experimentation=experimentation if n % 2 else None)
        liee.themes.add(themes[n % 3])
    return page


@pytest.mark.parametrize("nom", ["anonyme", "relais", "documentation"])
def test_the_page_costs_a_fixed_number_of_queries(client_de, nom, django_assert_num_queries):
    page = page_chargee()
    client = client_de(nom)
    client.get(page.get_absolute_url())
    # page (with the names of its themes and territories), authors, attachments, reuses,
    # related pages; logged in: the session, the person (with their roles and address), and
    # for whoever may not write the page, whether they take part in the experiment (whether
    # they sign it is read from its authors); for the reviewers, the review's comments.
    attendu = {"anonyme": 5, "relais": 8, "documentation": 8}[nom]
    with django_assert_num_queries(attendu):
        reponse = client.get(page.get_absolute_url())
    assert reponse.status_code == 200
    assert len(reponse.context["liees"]) == 5
    assert len(reponse.context["reutilisations"]) == 15
    assert len(reponse.context["auteurs"]) == 10


def test_a_reuse_names_the_organisation_once(client):
    page = une_page(nb_reutilisations=2)
    mairie = OrganisationFactory(nom="Mairie de Lanlan")
    membre = PersonneFactory(organisation=mairie, profil_public=False)
    Reutilisation.objects.create(
        page=page, ou="Lanlan", comment="Repris.", par=membre, organisation=mairie
    )
    publique = PersonneFactory(
        first_name="Anna", last_name="Le Bihan", profil_public=True, organisation=mairie
    )
    Reutilisation.objects.create(
        page=page, ou="Lanlan", comment="Repris.", par=publique, organisation=mairie
    )
    contenu = client.get(page.get_absolute_url()).content.decode()
    assert "déclarée par un membre de Mairie de Lanlan le" in contenu
    assert "déclarée par Anna Le Bihan (Mairie de Lanlan) le" in contenu
