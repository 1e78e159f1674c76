"""Bad setup gets one clear line, never a traceback (the Makefile and tilab/devtools.py)."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tilab import devtools

BASE_DIR = Path(__file__).resolve().parents[2]


def devtools_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tilab.devtools", *args],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_port_in_use_is_one_clear_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = devtools_cli("port-free", str(port))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Erreur : le port {port} est déjà utilisé : arrêtez l'autre serveur ou choisissez-en "
        "un autre, par exemple PORT=8123 make run."
    ]


def test_free_port_passes_silently():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = devtools_cli("port-free", str(port))
    assert (result.returncode, result.stderr) == (0, "")


def test_malformed_port_names_the_variable():
    result = devtools_cli("port-free", "huit-mille")
    assert result.returncode == 1
    assert "PORT doit être un numéro de port" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_postgresql_says_what_to_install(monkeypatch):
    monkeypatch.setattr(devtools.shutil, "which", lambda name: None)
    monkeypatch.setattr(devtools.glob, "glob", lambda pattern: [])
    with pytest.raises(devtools.SetupError) as excinfo:
        devtools.pg_bindir()
    message = str(excinfo.value)
    assert "apt-get install postgresql" in message
    assert "DATABASE_URL" in message


def test_db_start_does_nothing_when_database_url_is_set(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://tilab@db.example.fr/tilab")
    monkeypatch.setattr(devtools, "pg_bindir", lambda: pytest.fail("must not look for binaries"))
    devtools.db_start()
    assert "DATABASE_URL est défini" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_makefile_without_python_312_says_so(tmp_path):
    # Only Debian's 3.11 on PATH and no pyenv: the Makefile must refuse in one line.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("bash", "sh", "ls", "sort", "make", "env"):
        found = shutil.which(tool, path="/usr/bin:/bin")
        if found:
            (fake_bin / tool).symlink_to(found)
    (fake_bin / "python3").write_text("#!/bin/sh\nexit 1\n")
    (fake_bin / "python3").chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", f"{venv}/bin/python"],
        cwd=BASE_DIR,
        env={"PATH": str(fake_bin), "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "none")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Erreur : aucun Python ≥ 3.12" in result.stderr
    assert "Traceback" not in result.stderr
    assert not venv.exists()


def test_make_reset_refuses_a_database_url_in_one_line(monkeypatch):
    # `make reset` only ever drops the project-local database, never a configured one.
    monkeypatch.setenv("DATABASE_URL", "postgres://ailleurs/base")
    result = devtools_cli("db-reset")
    assert result.returncode == 1
    (ligne,) = result.stderr.strip().splitlines()
    assert ligne.startswith("Erreur : DATABASE_URL est défini : make reset ne vide que la base")


def _make_run(tmp_path, **environnement: str) -> list[str]:
    """The lines `make run` hands to the development server, with a stand-in Python that runs
    nothing and prints the SITE_URL it is given when asked to serve."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    python = venv / "bin" / "python"
    python.write_text(
        '#!/bin/sh\ncase "$*" in *runserver*) echo "runserver $SITE_URL";; esac\nexit 0\n'
    )
    python.chmod(0o755)
    (venv / ".installed").touch()  # newer than requirements.lock: nothing to install
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "MAKEFLAGS"}}
    resultat = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "run"],
        cwd=BASE_DIR,
        env=env | environnement,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultat.returncode == 0, resultat.stderr
    return [ligne for ligne in resultat.stdout.splitlines() if ligne.startswith("runserver")]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_links_in_e_mails_and_calendars_follow_the_port_of_make_run(tmp_path):
    assert _make_run(tmp_path) == ["runserver http://127.0.0.1:8000"]
    assert _make_run(tmp_path, PORT="8771") == ["runserver http://127.0.0.1:8771"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_an_explicit_site_url_wins_over_the_port(tmp_path):
    lignes = _make_run(tmp_path, PORT="8771", SITE_URL="https://tilab.example.fr")
    assert lignes == ["runserver https://tilab.example.fr"]
