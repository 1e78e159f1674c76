"""Attachments (type read from the content, size bounded) and declared reuses."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documentation.models import PieceJointe, Reutilisation, StatutPage
from documentation.services import pieces_jointes
from documentation.services.pages import PageImpossible
from documentation.services.pieces_jointes import piece_jointe_ajouter, piece_jointe_retirer
from documentation.services.reutilisations import reutilisation_declarer
from tests.documentation.factories import une_page
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


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


@pytest.mark.parametrize(
    ("contenu", "type_mime", "extension"),
    [
        (PDF, "application/pdf", "pdf"),
        (PNG, "image/png", "png"),
        (
            docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
    ],
)
def test_an_accepted_file_is_stored_under_a_name_of_ours(
    media, persona, contenu, type_mime, extension
):
    page = une_page(statut=StatutPage.BROUILLON)
    piece = piece_jointe_ajouter(
        page=page,
        par=persona("documentation"),
        fichier=SimpleUploadedFile("../../rapport final.bin", contenu),
    )
    assert piece.type_mime == type_mime and piece.extension == extension
    assert piece.nom == "rapport final.bin" and piece.taille == len(contenu)
    assert piece.fichier.name.startswith(f"documentation/{page.pk}/")
    assert piece.fichier.name.endswith(f".{extension}") and "rapport" not in piece.fichier.name
    assert (media / piece.fichier.name).read_bytes() == contenu


@pytest.mark.parametrize(
    ("nom", "contenu"),
    [
        ("photo.png", b"<script>alert(1)</script>"),  # a forged name
        ("dessin.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        ("programme.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),  # an executable called PDF
        ("vide.pdf", b""),
    ],
)
def test_a_forged_or_unaccepted_type_is_refused_with_a_clear_message(media, persona, nom, contenu):
    page = une_page(statut=StatutPage.BROUILLON)
    with pytest.raises(PageImpossible) as erreur:
        piece_jointe_ajouter(
            page=page, par=persona("documentation"), fichier=SimpleUploadedFile(nom, contenu)
        )
    assert "fichier" in erreur.value.message_dict
    assert not PieceJointe.objects.exists()


def test_an_oversize_file_is_refused(media, persona, monkeypatch):
    monkeypatch.setattr(pieces_jointes, "TAILLE_MAXIMALE", len(PDF) - 1)
    with pytest.raises(PageImpossible) as erreur:
        piece_jointe_ajouter(
            page=une_page(),
            par=persona("documentation"),
            fichier=SimpleUploadedFile("gros.pdf", PDF),
        )
    assert "10 Mo" in erreur.value.message_dict["fichier"][0]


def test_only_writers_attach_and_remove(media, persona):
    page = une_page(statut=StatutPage.BROUILLON)
    with pytest.raises(PageImpossible):
        piece_jointe_ajouter(
            page=page, par=persona("relais"), fichier=SimpleUploadedFile("a.pdf", PDF)
        )
    piece = piece_jointe_ajouter(
        page=page, par=persona("coordination"), fichier=SimpleUploadedFile("a.pdf", PDF)
    )
    with pytest.raises(PageImpossible):
        piece_jointe_retirer(piece=piece, par=persona("relais"))
    piece_jointe_retirer(piece=piece, par=persona("coordination"))
    assert not PieceJointe.objects.exists()


def test_a_reuse_is_declared_counted_and_refused_on_a_draft(persona):
    page = une_page()
    reutilisation_declarer(
        page=page, par=persona("relais"), ou="Commune de Plouha", comment="Adapté aux **marchés**."
    )
    page.refresh_from_db()
    assert page.nb_reutilisations == 1 and Reutilisation.objects.get().ou == "Commune de Plouha"
    with pytest.raises(PageImpossible) as erreur:
        reutilisation_declarer(page=page, par=persona("relais"), ou=" ", comment="")
    assert set(erreur.value.message_dict) == {"ou", "comment"}
    with pytest.raises(PageImpossible):
        reutilisation_declarer(
            page=une_page(statut=StatutPage.BROUILLON), par=PersonneFactory(), ou="Ici", comment="X"
        )
