"""The portal's own words over Django's and allauth's (tilab/locale/fr/LC_MESSAGES/)."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.utils import translation

from tilab.typographie import typographier_html

CATALOGUE = settings.BASE_DIR / "tilab" / "locale" / "fr" / "LC_MESSAGES"


def _textes(mo) -> dict:
    with open(mo, "rb") as fichier:
        catalogue = gettext.GNUTranslations(fichier)._catalog  # type: ignore[attr-defined]
    return {cle: valeur for cle, valeur in catalogue.items() if cle}


def test_le_catalogue_compile_est_celui_du_po(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (gettext) manque : le catalogue compilé n'est pas vérifié")
    compile = tmp_path / "django.mo"
    subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", str(compile), str(CATALOGUE / "django.po")],  # noqa: S607
        check=True,
    )
    assert _textes(CATALOGUE / "django.mo") == _textes(compile), (
        "tilab/locale/fr/LC_MESSAGES/django.mo n'est plus à jour : lancez `make traductions`."
    )


def test_chaque_texte_est_en_typographie_francaise():
    for msgid, msgstr in _textes(CATALOGUE / "django.mo").items():
        assert typographier_html(msgstr) == msgstr, (
            f"{msgid!r} : écrivez les espaces insécables (tilab/typographie.py) dans {msgstr!r}"
        )


def test_un_seul_mot_pour_l_adresse():
    for msgid, msgstr in _textes(CATALOGUE / "django.mo").items():
        texte = re.sub(r"%\(\w+\)s", "", msgstr)  # the placeholders keep allauth's names
        assert not re.search(r"\be-?mails?\b", texte, re.IGNORECASE), (msgid, msgstr)


def test_les_mots_du_portail_l_emportent():
    with translation.override("fr"):
        assert translation.gettext("Email") == "Adresse électronique"
        assert translation.gettext("Re-send Verification") == (
            "Renvoyer le courriel de vérification"
        )
        assert "au préalable" not in translation.gettext(
            "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
        )
