"""The layers of the project hold: an app never imports one above it (pyproject.toml's
import-linter contracts), and the foundation names no app above it even in a comment."""

from __future__ import annotations

import re
from pathlib import Path

from importlinter.cli import lint_imports

RACINE = Path(__file__).resolve().parent.parent


def test_the_layers_contract_holds():
    assert lint_imports(config_filename=str(RACINE / "pyproject.toml"), no_cache=True) == 0


def test_problems_and_accounts_import_no_app_above_them():
    # The issue's own check, as a test: import-linter reads code, this reads text too.
    motif = re.compile(r"(from|import) (communautes|gouvernance|experimentations|documentation)")
    fautifs = [
        f"{chemin.relative_to(RACINE)}:{n}"
        for dossier in ("problematiques", "tilab/comptes")
        for chemin in sorted((RACINE / dossier).rglob("*.py"))
        for n, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), start=1)
        if motif.search(ligne)
    ]
    assert fautifs == []
