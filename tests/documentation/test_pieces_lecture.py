"""An attachment's file (``pieces/<pk>/``): served only to those who read its page, with its
stored type, inline for a PDF or an image and downloaded otherwise, in a sandbox."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documentation.models import StatutPage
from documentation.services.pieces_jointes import piece_jointe_ajouter
from documentation.views.lecture import disposition
from tests.documentation.factories import une_page

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return tampon.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def joindre(page, persona, nom: str, contenu: bytes):
    """Attach through the service (the page a draft while it is written), then set the state."""
    statut = page.statut
    page.statut = StatutPage.BROUILLON
    page.save()
    piece = piece_jointe_ajouter(
        page=page, par=persona("documentation"), fichier=SimpleUploadedFile(nom, contenu)
    )
    page.statut = statut
    page.save()
    return piece


def lire(reponse) -> bytes:
    return b"".join(reponse.streaming_content)


def test_a_pdf_is_shown_inline_in_a_sandbox(client, media, persona):
    page = une_page()
    piece = joindre(page, persona, "Rapport d'étape.pdf", PDF)
    reponse = client.get(f"/documentation/{page.slug}/pieces/{piece.pk}/")
    assert reponse.status_code == 200
    assert lire(reponse) == PDF
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert reponse["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert reponse["Content-Disposition"] == (
        "inline; filename=\"Rapport d'_tape.pdf\"; filename*=UTF-8''Rapport%20d%27%C3%A9tape.pdf"
    )
    assert "private" not in reponse.get("Cache-Control", "")


def test_an_office_document_is_downloaded(client, media, persona):
    page = une_page()
    piece = joindre(page, persona, "compte-rendu.docx", docx())
    reponse = client.get(f"/documentation/{page.slug}/pieces/{piece.pk}/")
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == DOCX
    assert reponse["Content-Disposition"].startswith('attachment; filename="compte-rendu.docx";')
    assert reponse["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert lire(reponse)[:2] == b"PK"


@pytest.mark.parametrize("nom", ["anonyme", "relais", "copil", "codir"])
def test_a_draft_attachment_does_not_exist_for_outsiders(client_de, media, persona, nom):
    page = une_page(statut=StatutPage.BROUILLON, auteur=persona("coordination"))
    piece = joindre(page, persona, "brouillon.pdf", PDF)
    assert client_de(nom).get(f"/documentation/{page.slug}/pieces/{piece.pk}/").status_code == 404


def test_a_draft_attachment_is_private_to_those_who_read_it(client_de, media, persona):
    page = une_page(statut=StatutPage.BROUILLON, auteur=persona("coordination"))
    piece = joindre(page, persona, "brouillon.pdf", PDF)
    reponse = client_de("documentation").get(f"/documentation/{page.slug}/pieces/{piece.pk}/")
    assert reponse.status_code == 200
    assert reponse["Cache-Control"] == "private"


def test_an_attachment_is_found_under_its_own_page_only(client, media, persona):
    page, autre = une_page(), une_page()
    piece = joindre(page, persona, "rapport.pdf", PDF)
    assert client.get(f"/documentation/{autre.slug}/pieces/{piece.pk}/").status_code == 404


def test_a_file_gone_from_the_disk_is_404_not_an_error(client, media, persona):
    page = une_page()
    piece = joindre(page, persona, "rapport.pdf", PDF)
    piece.fichier.storage.delete(piece.fichier.name)
    assert client.get(f"/documentation/{page.slug}/pieces/{piece.pk}/").status_code == 404


def test_the_disposition_keeps_a_safe_ascii_fallback():
    assert disposition("attachment", 'a"b\\c é.pdf') == (
        "attachment; filename=\"a_b_c _.pdf\"; filename*=UTF-8''a%22b%5Cc%20%C3%A9.pdf"
    )
