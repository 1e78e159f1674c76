"""Attachments of a page: a PDF, an image or an office document, its type read from its first
bytes and never from the name it came with, its size bounded."""

from __future__ import annotations

import os

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from documentation import rules
from documentation.models import Page, PieceJointe, TypeActionPage
from documentation.services.pages import PageImpossible
from tilab.comptes.models import Personne
from tilab.textes import nettoyer_texte

TAILLE_MAXIMALE = 10 * 1024 * 1024  # 10 Mo
# What the base accepts, by the type read from the content: documents people open everywhere.
# Neither SVG (it can carry scripts) nor the old binary office formats (macros).
TYPES_ACCEPTES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
# Shown inline (an image in the page, a PDF in the browser's reader); the rest is downloaded.
TYPES_EN_LIGNE = {"application/pdf", "image/png", "image/jpeg", "image/webp", "image/gif"}
DESCRIPTION_DES_TYPES = (
    "PDF, image (PNG, JPEG, WebP, GIF) ou document bureautique (Word, Excel, PowerPoint, "
    "OpenDocument)"
)


def type_du_contenu(fichier: UploadedFile) -> str | None:
    """The MIME type the file's first bytes say, if the base accepts it."""
    fichier.seek(0)
    debut = fichier.read(8192)
    fichier.seek(0)
    devine = filetype.guess(debut)
    if devine is None or devine.mime not in TYPES_ACCEPTES:
        return None
    return str(devine.mime)


def nom_affiche(nom: str) -> str:
    """The sender's file name, as a label only: no directory, no control character."""
    nom = os.path.basename(nom.replace("\\", "/"))
    nom = nettoyer_texte(nom).strip()
    return nom[:200] or "piece-jointe"


@transaction.atomic
def piece_jointe_ajouter(*, page: Page, par: Personne, fichier: UploadedFile) -> PieceJointe:
    """Attach ``fichier`` to the page: whoever may write it, within the size and the types."""
    page = Page.objects.select_for_update().get(pk=page.pk)
    if not rules.peut_ecrire(par, page):
        raise PageImpossible("Vous ne pouvez pas modifier cette page.", code="role")
    if fichier.size is None or fichier.size > TAILLE_MAXIMALE:
        raise PageImpossible(
            {"fichier": "Le fichier dépasse 10 Mo : réduisez-le ou découpez-le."}, code="taille"
        )
    if fichier.size == 0:
        raise PageImpossible({"fichier": "Le fichier est vide."}, code="vide")
    type_mime = type_du_contenu(fichier)
    if type_mime is None:
        raise PageImpossible(
            {
                "fichier": "Ce fichier n'est pas d'un type accepté, quel que soit son nom : "
                f"{DESCRIPTION_DES_TYPES}."
            },
            code="type",
        )
    piece = PieceJointe(
        page=page,
        nom=nom_affiche(fichier.name or ""),
        type_mime=type_mime,
        extension=TYPES_ACCEPTES[type_mime],
        taille=fichier.size,
        ajoutee_par=par,
    )
    piece.fichier.save("piece", fichier, save=False)
    piece.save()
    page.journaliser(TypeActionPage.PIECE_JOINTE, par=par, detail=f"Ajout : {piece.nom}")
    return piece


@transaction.atomic
def piece_jointe_retirer(*, piece: PieceJointe, par: Personne) -> None:
    """Remove an attachment (and its file, once the transaction commits)."""
    page = Page.objects.select_for_update().get(pk=piece.page_id)
    if not rules.peut_ecrire(par, page):
        raise PageImpossible("Vous ne pouvez pas modifier cette page.", code="role")
    stockage, chemin = piece.fichier.storage, piece.fichier.name
    piece.delete()
    page.journaliser(TypeActionPage.PIECE_JOINTE, par=par, detail=f"Retrait : {piece.nom}")
    if chemin:
        transaction.on_commit(lambda: stockage.delete(chemin))
