"""Writing a page through its pages: the editor (creation, a new revision, the preview, bad
input), attachments, and the steps of a page's life (submit, comment, publish, archive,
restore). The reading page is the other side's: a redirection to it is checked on its
Location, never followed."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Page,
    PieceJointe,
    Revision,
    SortePage,
    StatutPage,
)
from documentation.services import pieces_jointes
from tests.communautes.factories import EngagementFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory, ParticipantFactory
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Territoire
from tilab.typographie import typographier

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def adresse(page: Page) -> str:
    return f"/documentation/{page.slug}/"


def editeur(page: Page) -> str:
    return reverse("documentation:modifier", args=[page.slug])


def messages_de(reponse) -> list[str]:
    return [str(m) for m in get_messages(reponse.wsgi_request)]


def sans_xss(html: str) -> bool:
    """Neither the script nor the image's handler survive as markup (escaped text is fine)."""
    return "<script>alert(1)" not in html and not re.search(r"<img[^>]*onerror", html)


def groupe_du_champ(html: str, nom: str) -> str:
    """The field group (``<div class="field…">``) holding the input named ``nom``."""
    for groupe in re.findall(
        r'<div class="field[ "].*?(?=<div class="field[ "]|</form>)', html, re.S
    ):
        if f'name="{nom}"' in groupe:
            return groupe
    raise AssertionError(f"pas de champ {nom}")


@pytest.fixture
def porteur():
    """A relais taking part in an experiment: they document it."""
    personne = PersonneFactory(roles=["Relais"])
    experimentation = ExperimentationFactory(titre="Le bus des démarches")
    ParticipantFactory(experimentation=experimentation, personne=personne, organisation=None)
    return personne, experimentation


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def formulaire(**champs):
    donnees = {
        "titre": "Un guichet mobile en milieu rural",
        "sorte": SortePage.RETOUR_EXPERIENCE,
        "resume": "Ce que deux ans de guichet itinérant ont appris.",
        "corps": "## Le contexte\n\nUn **bus** au marché.",
        "licence": "cc_by_sa_4",
        "conditions_reutilisation": "Un véhicule et deux agents formés.",
        "contact": "guichet@exemple.fr",
        "note": "Premier jet",
    }
    donnees.update(champs)
    return donnees


# --- Creating a page --------------------------------------------------------------------------


def test_a_participant_creates_a_draft_of_their_experiment_and_goes_to_its_page(client, porteur):
    personne, experimentation = porteur
    theme = ThemeFactory()
    departement = Territoire.objects.filter(type="departement").first() or TerritoireFactory(
        type="departement"
    )
    client.force_login(personne)
    reponse = client.post(
        reverse("documentation:nouvelle"),
        formulaire(
            experimentation=experimentation.slug,
            themes=[theme.pk],
            territoires=[departement.slug],
        ),
    )
    page = Page.objects.get()
    assert reponse.status_code == 302 and reponse["Location"] == adresse(page)
    assert page.statut == StatutPage.BROUILLON and page.experimentation == experimentation
    assert list(page.auteurs.all()) == [personne]
    assert list(page.themes.all()) == [theme] and list(page.territoires.all()) == [departement]
    assert page.revisions.get().note == "Premier jet"
    assert ActionPage.objects.filter(page=page, type="creer", par=personne).exists()
    assert any("brouillon est enregistré" in m for m in messages_de(reponse))


def test_a_person_with_one_project_goes_straight_to_writing_about_it(client, porteur):
    personne, experimentation = porteur
    client.force_login(personne)
    reponse = client.get(reverse("documentation:nouvelle"))
    assert reponse.status_code == 302
    assert reponse["Location"] == f"/documentation/nouvelle/?experimentation={experimentation.slug}"


def test_a_person_chooses_among_their_own_projects_first(client, porteur):
    personne, experimentation = porteur
    communaute = EngagementFactory(personne=personne).communaute
    autre = ExperimentationFactory(titre="Une autre expérimentation")
    client.force_login(personne)
    reponse = client.get(reverse("documentation:nouvelle"))
    html = reponse.content.decode()
    assert reponse.status_code == 200 and "Que documente la page\u202f?" in html
    assert f"?experimentation={experimentation.slug}" in html
    assert f"?communaute={communaute.slug}" in html
    assert autre.slug not in html and "sans-projet" not in html
    assert '<form class="form doc-editeur__form"' not in html


def test_the_editor_carries_what_the_address_names_and_refuses_what_is_not_theirs(client, porteur):
    personne, experimentation = porteur
    autre = ExperimentationFactory(titre="Une autre expérimentation")
    client.force_login(personne)
    html = client.get(
        reverse("documentation:nouvelle"), {"experimentation": experimentation.slug}
    ).content.decode()
    assert f'<input type="hidden" name="experimentation" value="{experimentation.slug}">' in html
    assert (
        "Cette page documente" in html and "l&#x27;expérimentation « Le bus des démarches »" in html
    )
    assert 'name="evenement"' not in html  # its community holds no event
    # The default licence is ticked, each licence says what it asks in words.
    assert re.search(r'value="cc_by_sa_4"[^>]*checked', html)
    assert "en citant la source" in html
    # Someone else's experiment in the address: back to the choice, saying why.
    for parametres in (
        {"experimentation": autre.slug},
        {"experimentation": "n-existe-pas"},
        {"communaute": "n-existe-pas"},
        {"evenement": "nul\x00"},  # never sent to the database
        {"problematique": ProblematiqueFactory(publiee=True).slug},  # the Ti Team's
        {"sans-projet": "1"},  # the Ti Team's
    ):
        reponse = client.get(reverse("documentation:nouvelle"), parametres)
        html = reponse.content.decode()
        assert reponse.status_code == 200 and "vous ne pouvez pas le documenter" in html
        assert "doc-editeur__form" not in html and autre.titre not in html


def test_the_ti_team_chooses_without_a_list_of_every_project(
    client, persona, django_assert_max_num_queries
):
    from experimentations.models import StatutExperimentation

    en_cours = [
        ExperimentationFactory(titre=f"En cours {n}", statut=StatutExperimentation.EN_COURS)
        for n in range(15)
    ]
    communautes = [EngagementFactory().communaute for _ in range(5)]
    client.force_login(persona("coordination"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("documentation:nouvelle")).content.decode()
    # The twelve experiments started last, the search that leads to any other's page, and a
    # page of the lab; never a list of every community.
    assert en_cours[-1].slug in html and en_cours[2].slug not in html
    assert html.count("?experimentation=") == 12
    assert not any(c.slug in html for c in communautes)
    assert 'action="/recherche/"' in html and "?sans-projet=1" in html
    html = client.get(reverse("documentation:nouvelle"), {"sans-projet": "1"}).content.decode()
    assert "le laboratoire lui-même" in html
    assert not re.search(r'name="(experimentation|communaute|problematique|evenement)"', html)


def test_a_report_is_written_from_its_event_in_its_communitys_name(client, persona):
    from tests.communautes.evenements.factories import EvenementFactory

    membre = PersonneFactory(roles=["Relais"])
    communaute = EngagementFactory(personne=membre).communaute
    evenement = EvenementFactory(communaute=communaute, titre="L'atelier de Pontivy")
    plus_ancien = EvenementFactory(communaute=communaute, titre="Le premier atelier")
    ailleurs = EvenementFactory(titre="Un atelier ailleurs")
    client.force_login(membre)
    html = client.get(
        reverse("documentation:nouvelle"), {"evenement": evenement.slug}
    ).content.decode()
    assert f'<input type="hidden" name="communaute" value="{communaute.slug}">' in html
    assert f'<option value="{evenement.slug}" selected>' in html
    assert f'<option value="{plus_ancien.slug}">' in html and ailleurs.slug not in html
    assert re.search(r'<option value="compte_rendu" selected>', html)
    # Another community's event is refused next to its field, the text kept.
    reponse = client.post(
        reverse("documentation:nouvelle"),
        formulaire(communaute=communaute.slug, evenement=ailleurs.slug, sorte="compte_rendu"),
    )
    assert reponse.status_code == 400
    groupe = groupe_du_champ(reponse.content.decode(), "evenement")
    assert "Choisissez un événement de la liste." in groupe
    assert "Un guichet mobile en milieu rural" in reponse.content.decode()
    reponse = client.post(
        reverse("documentation:nouvelle"),
        formulaire(communaute=communaute.slug, evenement=evenement.slug, sorte="compte_rendu"),
    )
    page = Page.objects.get()
    assert reponse.status_code == 302
    assert (page.communaute, page.evenement, page.experimentation) == (
        communaute,
        evenement,
        None,
    )
    # An event outside their communities cannot be reported on by a member.
    reponse = client.get(reverse("documentation:nouvelle"), {"evenement": ailleurs.slug})
    assert "vous ne pouvez pas le documenter" in reponse.content.decode()


def test_the_ti_team_documents_a_problem_and_the_problem_shows_it(client, persona):
    probleme = ProblematiqueFactory(publiee=True, titre="Les déserts médicaux")
    equipe = persona("documentation")
    client.force_login(equipe)
    html = client.get(probleme.get_absolute_url()).content.decode()
    assert f"nouvelle/?problematique={probleme.slug}" in html
    reponse = client.post(
        reverse("documentation:nouvelle"), formulaire(problematique=probleme.slug)
    )
    page = Page.objects.get()
    assert reponse.status_code == 302 and page.problematique == probleme
    une_page(problematique=probleme, titre="Une synthèse publiée")
    for qui in (None, PersonneFactory(roles=["Relais"])):
        client.logout()
        if qui:
            client.force_login(qui)
        html = client.get(probleme.get_absolute_url()).content.decode()
        assert "Une synthèse publiée" in html
        assert f"nouvelle/?problematique={probleme.slug}" not in html


def test_bad_input_comes_back_with_each_message_next_to_its_field_and_the_text_kept(
    client, porteur
):
    personne, experimentation = porteur
    client.force_login(personne)
    reponse = client.post(
        reverse("documentation:nouvelle"),
        formulaire(
            titre="",
            sorte="roman",
            licence="tous-droits-reserves",
            resume="Mon résumé tapé avec soin",
            experimentation=experimentation.slug,
        ),
    )
    assert reponse.status_code == 400
    html = reponse.content.decode()
    assert "Donnez un titre à la page." in groupe_du_champ(html, "titre")
    assert "Choisissez un type de page de la liste." in groupe_du_champ(html, "sorte")
    assert "Choisissez une licence de la liste." in groupe_du_champ(html, "licence")
    assert "Mon résumé tapé avec soin" in groupe_du_champ(html, "resume")
    assert "pas encore enregistrée." in html
    assert not Page.objects.exists()


def test_a_relais_must_say_which_of_their_projects_the_page_documents(client, porteur):
    personne, _experimentation = porteur
    etrangere = ExperimentationFactory()
    client.force_login(personne)
    for donnees in (formulaire(), formulaire(experimentation=etrangere.slug)):
        reponse = client.post(reverse("documentation:nouvelle"), donnees)
        html = reponse.content.decode()
        assert reponse.status_code == 400
        assert "vous ne pouvez pas le documenter" in html
        assert "Un guichet mobile en milieu rural" in html  # what was typed is kept
        assert 'href="/documentation/nouvelle/">Choisir ce que la page documente' in html
    assert not Page.objects.exists()


def test_a_title_too_long_is_refused_next_to_it(client, persona):
    client.force_login(persona("documentation"))
    reponse = client.post(reverse("documentation:nouvelle"), formulaire(titre="x" * 201))
    assert reponse.status_code == 400
    assert "Le titre est trop long (201 caractères)\u00a0: 200 au plus." in groupe_du_champ(
        reponse.content.decode(), "titre"
    )


def test_the_preview_renders_the_summary_and_body_sanitised_and_saves_nothing(client, porteur):
    personne, experimentation = porteur
    client.force_login(personne)
    reponse = client.post(
        reverse("documentation:nouvelle"),
        formulaire(
            resume=f"Un **résumé** {XSS}",
            corps=f"## Intertitre\n\n{XSS}",
            experimentation=experimentation.slug,
            apercu="1",
        ),
    )
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "Aperçu de vos textes" in html
    assert "<strong>résumé</strong>" in html
    assert sans_xss(html)
    # The text typed stays in the form, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in groupe_du_champ(html, "corps")
    assert not Page.objects.exists()
    assert 'class="field field--error' not in html  # a preview shows no error yet


@pytest.mark.parametrize("nom", ["copil", "codir"])
def test_who_documents_nothing_may_not_start_a_page(client_de, nom):
    assert client_de(nom).get(reverse("documentation:nouvelle")).status_code == 403


def test_a_visitor_logs_in_first(client):
    reponse = client.get(reverse("documentation:nouvelle"))
    assert reponse.status_code == 302 and reponse["Location"].startswith("/comptes/")


# --- A new revision ---------------------------------------------------------------------------


def test_the_editor_is_prefilled_and_saves_a_new_revision(client, porteur):
    personne, experimentation = porteur
    page = une_page(statut=StatutPage.BROUILLON, auteur=personne, experimentation=experimentation)
    theme = ThemeFactory()
    page.themes.add(theme)
    client.force_login(personne)
    html = client.get(editeur(page)).content.decode()
    assert page.titre in groupe_du_champ(html, "titre")
    assert re.search(rf'value="{theme.pk}"[^>]*checked', html)
    reponse = client.post(
        editeur(page), formulaire(titre="Nouveau titre", themes=[], note="Titre revu")
    )
    assert reponse.status_code == 302 and reponse["Location"] == adresse(page)
    page.refresh_from_db()
    assert page.titre == "Nouveau titre" and not page.themes.exists()
    revision = page.revisions.first()
    assert revision is not None and revision.numero == 2 and revision.note == "Titre revu"
    assert ActionPage.objects.filter(page=page, type="enregistrer", detail="Révision 2").exists()


def test_a_published_page_shows_its_checklist_and_refuses_a_save_that_breaks_it(client, persona):
    coordination = persona("coordination")
    page = une_page(auteur=coordination)
    client.force_login(coordination)
    html = client.get(editeur(page)).content.decode()
    assert "Une page publiée reste complète" in html
    assert "Un contact dit qui joindre pour en savoir plus." in html
    reponse = client.post(editeur(page), formulaire(contact="", resume="Gardé tel quel"))
    assert reponse.status_code == 400
    html = reponse.content.decode()
    assert "Un contact dit qui joindre pour en savoir plus." in groupe_du_champ(html, "contact")
    assert "Gardé tel quel" in groupe_du_champ(html, "resume")
    assert page.revisions.count() == 1


def test_the_preview_of_a_revision_saves_nothing(client, persona):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.BROUILLON, auteur=coordination)
    client.force_login(coordination)
    reponse = client.post(editeur(page), formulaire(corps=XSS, apercu="1"))
    assert reponse.status_code == 200 and sans_xss(reponse.content.decode())
    assert page.revisions.count() == 1


def test_who_may_not_read_a_draft_gets_404_and_who_reads_without_writing_403(client_de, persona):
    brouillon = une_page(statut=StatutPage.BROUILLON, auteur=persona("coordination"))
    publiee = une_page(auteur=persona("coordination"))
    client = client_de("relais")
    assert client.get(editeur(brouillon)).status_code == 404
    assert client.get(editeur(publiee)).status_code == 403
    assert client.post(editeur(publiee), formulaire()).status_code == 403


def test_an_archived_page_sends_its_writers_back_to_it(client, persona):
    page = une_page(statut=StatutPage.ARCHIVEE, auteur=persona("coordination"))
    client.force_login(persona("coordination"))
    reponse = client.get(editeur(page))
    assert reponse.status_code == 302 and reponse["Location"] == adresse(page)
    assert any("archivée" in m for m in messages_de(reponse))


def test_the_editor_reads_a_bounded_number_of_queries(
    client, persona, media, django_assert_num_queries
):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.BROUILLON, auteur=coordination)
    page.themes.set([ThemeFactory() for _ in range(10)])
    page.territoires.set([TerritoireFactory(type="epci") for _ in range(10)])
    for n in range(10):
        PieceJointe.objects.create(
            page=page,
            fichier=f"documentation/{page.pk}/{n}.pdf",
            nom=f"annexe-{n}.pdf",
            type_mime="application/pdf",
            extension="pdf",
            taille=1000 + n,
        )
    client.force_login(coordination)
    client.get(editeur(page))  # the session and the user's caches are warm
    # session, user (with their roles and verified address), page, the page's themes, its
    # territories, its attachments, the menu of themes, the menu of territories.
    with django_assert_num_queries(8):
        reponse = client.get(editeur(page))
    html = reponse.content.decode()
    assert html.count("Retirer<span") == 10 and "annexe-9.pdf" in html


# --- Attachments ------------------------------------------------------------------------------


def test_an_attachment_is_added_and_removed_from_the_editor(client, persona, media):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.BROUILLON, auteur=coordination)
    client.force_login(coordination)
    reponse = client.post(
        reverse("documentation:ajouter_piece", args=[page.slug]),
        {"fichier": SimpleUploadedFile("compte rendu.pdf", PDF)},
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == f"{editeur(page)}#pieces-jointes"
    piece = PieceJointe.objects.get(page=page)
    assert piece.nom == "compte rendu.pdf" and piece.type_mime == "application/pdf"
    html = client.get(editeur(page)).content.decode()
    assert "compte rendu.pdf" in html and 'enctype="multipart/form-data"' in html
    assert "la pièce jointe «\u00a0compte rendu.pdf\u00a0»" in html  # the button's accessible name
    reponse = client.post(reverse("documentation:retirer_piece", args=[page.slug, piece.pk]))
    assert reponse.status_code == 302 and not PieceJointe.objects.exists()
    assert list(
        ActionPage.objects.filter(page=page, type="piece_jointe").values_list("detail", flat=True)
    ) == ["Ajout : compte rendu.pdf", "Retrait : compte rendu.pdf"]


def test_a_png_named_pdf_is_kept_as_the_png_it_is(client, persona, media):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.BROUILLON, auteur=coordination)
    client.force_login(coordination)
    client.post(
        reverse("documentation:ajouter_piece", args=[page.slug]),
        {"fichier": SimpleUploadedFile("rapport.pdf", PNG)},
    )
    piece = PieceJointe.objects.get()
    assert piece.type_mime == "image/png" and piece.extension == "png"


@pytest.mark.parametrize(
    ("nom", "contenu", "message"),
    [
        ("dessin.svg", SVG, "n&#x27;est pas d&#x27;un type accepté, quel que soit son nom"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "n&#x27;est pas d&#x27;un type"),
        ("vide.pdf", b"", "Le fichier est vide."),
        ("gros.pdf", PDF, "Le fichier dépasse 10 Mo"),
    ],
)
def test_a_refused_file_comes_back_to_the_editor_with_the_reason_next_to_the_field(
    client, persona, media, monkeypatch, nom, contenu, message
):
    if nom == "gros.pdf":
        monkeypatch.setattr(pieces_jointes, "TAILLE_MAXIMALE", len(PDF) - 1)
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.BROUILLON, auteur=coordination)
    client.force_login(coordination)
    reponse = client.post(
        reverse("documentation:ajouter_piece", args=[page.slug]),
        {"fichier": SimpleUploadedFile(nom, contenu)},
    )
    assert reponse.status_code == 400
    groupe = groupe_du_champ(reponse.content.decode(), "fichier")
    # The message as the page writes it, in French typography (tilab/typographie.py).
    assert typographier(message) in groupe and "field--error" in groupe
    assert not PieceJointe.objects.exists()


def test_a_post_without_file_says_so(client, persona):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.BROUILLON, auteur=coordination)
    client.force_login(coordination)
    reponse = client.post(reverse("documentation:ajouter_piece", args=[page.slug]))
    assert reponse.status_code == 400
    assert "Choisissez un fichier à joindre." in groupe_du_champ(
        reponse.content.decode(), "fichier"
    )


def test_who_may_not_write_attaches_nothing(client_de, persona, media):
    page = une_page(auteur=persona("coordination"))
    reponse = client_de("relais").post(
        reverse("documentation:ajouter_piece", args=[page.slug]),
        {"fichier": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert reponse.status_code == 403 and not PieceJointe.objects.exists()


# --- The steps of a page's life ---------------------------------------------------------------


def test_the_author_submits_a_draft_once(client, porteur):
    personne, experimentation = porteur
    page = une_page(statut=StatutPage.BROUILLON, auteur=personne, experimentation=experimentation)
    client.force_login(personne)
    url = reverse("documentation:soumettre", args=[page.slug])
    reponse = client.post(url)
    assert reponse.status_code == 302 and reponse["Location"] == adresse(page)
    page.refresh_from_db()
    assert page.statut == StatutPage.EN_RELECTURE
    assert ActionPage.objects.filter(page=page, type="soumettre", par=personne).exists()
    # Again: the page is no longer a draft, a message says so.
    reponse = client.post(url)
    assert reponse.status_code == 302
    assert any("Seul un brouillon se soumet" in m for m in messages_de(reponse))
    assert client.get(url).status_code == 405


def test_the_documentation_role_asks_for_changes_and_the_page_goes_back_to_draft(client, persona):
    page = une_page(statut=StatutPage.EN_RELECTURE, auteur=persona("coordination"))
    documentaliste = persona("documentation")
    client.force_login(documentaliste)
    reponse = client.post(
        reverse("documentation:commenter", args=[page.slug]),
        {"relecture-texte": "Ajoutez un contact.", "relecture-demande_des_modifications": "on"},
    )
    assert reponse.status_code == 302 and reponse["Location"] == f"{adresse(page)}#relecture"
    page.refresh_from_db()
    assert page.statut == StatutPage.BROUILLON
    commentaire = CommentaireRelecture.objects.get()
    assert commentaire.demande_des_modifications and commentaire.par == documentaliste
    assert commentaire.revision == page.revisions.first()
    assert ActionPage.objects.filter(page=page, type="demander_modifications").exists()


def test_a_writer_comments_without_asking_for_changes_and_an_empty_comment_is_refused(
    client, persona
):
    coordination = persona("coordination")
    page = une_page(statut=StatutPage.EN_RELECTURE, auteur=coordination)
    client.force_login(coordination)
    url = reverse("documentation:commenter", args=[page.slug])
    # The checkbox is not theirs: sent anyway, it is ignored.
    client.post(
        url, {"relecture-texte": "C'est fait.", "relecture-demande_des_modifications": "on"}
    )
    page.refresh_from_db()
    assert page.statut == StatutPage.EN_RELECTURE
    assert not CommentaireRelecture.objects.get().demande_des_modifications
    reponse = client.post(url, {"relecture-texte": "   "})
    assert reponse.status_code == 302
    assert any("Écrivez votre commentaire." in m for m in messages_de(reponse))
    assert CommentaireRelecture.objects.count() == 1


def test_publishing_lists_what_the_checklist_still_misses(client, persona):
    page = une_page(
        statut=StatutPage.EN_RELECTURE,
        auteur=persona("coordination"),
        contact="",
        conditions_reutilisation="",
    )
    client.force_login(persona("documentation"))
    url = reverse("documentation:publier", args=[page.slug])
    reponse = client.post(url)
    assert reponse.status_code == 302 and reponse["Location"] == adresse(page)
    (message,) = messages_de(reponse)
    assert "Un contact dit qui joindre pour en savoir plus." in message
    assert "Les conditions de réutilisation disent ce qu'il faut" in message
    assert "Un résumé" not in message
    page.refresh_from_db()
    assert page.statut == StatutPage.EN_RELECTURE


def test_the_documentation_role_publishes_a_complete_page(client, persona):
    page = une_page(statut=StatutPage.EN_RELECTURE, auteur=persona("coordination"))
    documentaliste = persona("documentation")
    client.force_login(documentaliste)
    reponse = client.post(reverse("documentation:publier", args=[page.slug]))
    assert reponse.status_code == 302
    page.refresh_from_db()
    assert page.statut == StatutPage.PUBLIEE and page.publiee_le is not None
    assert ActionPage.objects.filter(page=page, type="publier", par=documentaliste).exists()


def test_the_rest_of_the_ti_team_does_not_publish(client_de, persona):
    page = une_page(statut=StatutPage.EN_RELECTURE, auteur=persona("coordination"))
    reponse = client_de("coordination").post(reverse("documentation:publier", args=[page.slug]))
    assert reponse.status_code == 403


def test_archiving_keeps_the_motive_in_the_journal(client, persona):
    page = une_page(auteur=persona("coordination"))
    client.force_login(persona("documentation"))
    url = reverse("documentation:archiver", args=[page.slug])
    reponse = client.post(url, {"archivage-motif": "Remplacée par le guide 2027"})
    assert reponse.status_code == 302 and reponse["Location"] == adresse(page)
    page.refresh_from_db()
    assert page.statut == StatutPage.ARCHIVEE
    assert ActionPage.objects.get(page=page, type="archiver").detail == (
        "Remplacée par le guide 2027"
    )
    # Twice: a message, the page stays archived.
    reponse = client.post(url)
    assert any("Seule une page publiée s'archive." in m for m in messages_de(reponse))


def test_a_motive_too_long_is_refused_with_a_message(client, persona):
    page = une_page(auteur=persona("coordination"))
    client.force_login(persona("documentation"))
    reponse = client.post(
        reverse("documentation:archiver", args=[page.slug]), {"archivage-motif": "x" * 301}
    )
    assert any("Le motif est trop long" in m for m in messages_de(reponse))
    page.refresh_from_db()
    assert page.statut == StatutPage.PUBLIEE


def test_restoring_an_old_revision_saves_it_as_the_newest(client, persona):
    coordination = persona("coordination")
    page = une_page(auteur=coordination, titre="Premier titre")
    client.force_login(coordination)
    client.post(editeur(page), formulaire(titre="Second titre"))
    reponse = client.post(reverse("documentation:restaurer", args=[page.slug, 1]))
    assert reponse.status_code == 302 and reponse["Location"] == adresse(page)
    page.refresh_from_db()
    assert page.titre == "Premier titre"
    nouvelle = page.revisions.first()
    assert nouvelle is not None and nouvelle.numero == 3 and nouvelle.restaure is not None
    assert nouvelle.restaure.numero == 1
    assert ActionPage.objects.filter(page=page, type="restaurer").exists()
    # The latest is already the page's text: a message, no new revision.
    reponse = client.post(reverse("documentation:restaurer", args=[page.slug, 3]))
    assert any("déjà le texte en cours" in m for m in messages_de(reponse))
    assert Revision.objects.filter(page=page).count() == 3
    assert client.post(reverse("documentation:restaurer", args=[page.slug, 9])).status_code == 404


def test_who_reads_a_page_without_writing_it_restores_nothing(client_de, persona):
    page = une_page(auteur=persona("coordination"))
    reponse = client_de("relais").post(reverse("documentation:restaurer", args=[page.slug, 1]))
    assert reponse.status_code == 403


def test_a_visitor_posting_a_step_logs_in_and_comes_back_to_the_page(client):
    reponse = client.post(reverse("documentation:soumettre", args=["une-page-qui-n-existe-pas"]))
    assert reponse.status_code == 302
    assert "next=/documentation/une-page-qui-n-existe-pas/" in reponse["Location"]
