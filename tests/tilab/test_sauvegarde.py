"""`make backup` then `make restore`: the restored portal serves the same pages, and the
uploaded files come back."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from problematiques.models import Problematique
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory


def _sans_nonce(contenu: bytes) -> str:
    # The CSP nonce changes with every response; nothing else may.
    return re.sub(r'nonce="[^"]*"', "", contenu.decode())


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_serves_the_same_pages_and_files(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "medias"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "compte-rendu.txt").write_text("Atelier du 3 mars")
    probleme = ProblematiqueFactory(publiee=True, titre="Les bus scolaires passent trop tôt")
    SoutienFactory(problematique=probleme)
    pages = [probleme.get_absolute_url(), "/problematiques/", "/"]
    avant = {url: _sans_nonce(client.get(url).content) for url in pages}

    call_command("sauvegarder", dossier=tmp_path / "sauvegarde")
    Problematique.objects.filter(pk=probleme.pk).delete()
    (settings.MEDIA_ROOT / "documents" / "compte-rendu.txt").unlink()
    assert client.get(probleme.get_absolute_url()).status_code == 404

    call_command("restaurer", tmp_path / "sauvegarde")

    for url in pages:
        reponse = client.get(url)
        assert reponse.status_code == 200
        assert _sans_nonce(reponse.content) == avant[url], url
    fichier = settings.MEDIA_ROOT / "documents" / "compte-rendu.txt"
    assert fichier.read_text() == "Atelier du 3 mars"


def test_restoring_something_that_is_not_a_backup_says_so_in_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as sortie:
        call_command("restaurer", tmp_path)
    assert sortie.value.code == 1
    (ligne,) = capsys.readouterr().err.strip().splitlines()
    assert ligne.startswith("Erreur : ") and "n'est pas une sauvegarde" in ligne
