"""Settings come from the environment, parsed strictly: a bad value is named in one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tilab.env import Env, EnvError

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on", "oui"])
def test_bool_accepts_true_spellings(value):
    assert Env({"DEBUG": value}).flag("DEBUG") is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "non", ""])
def test_bool_accepts_false_spellings(value):
    assert Env({"DEBUG": value}).flag("DEBUG", default=True) is False


def test_bool_missing_gives_default():
    assert Env({}).flag("DEBUG") is False


def test_bool_rejects_anything_else_naming_the_variable():
    with pytest.raises(EnvError, match="DEBUG vaut « peut-être »"):
        Env({"DEBUG": "peut-être"}).flag("DEBUG")


def test_int_rejects_text_and_values_below_minimum():
    with pytest.raises(EnvError, match="EMAIL_PORT"):
        Env({"EMAIL_PORT": "vingt-cinq"}).integer("EMAIL_PORT", 25)
    with pytest.raises(EnvError, match="supérieur ou égal à 1"):
        Env({"EMAIL_PORT": "0"}).integer("EMAIL_PORT", 25, minimum=1)
    assert Env({"EMAIL_PORT": " 2525 "}).integer("EMAIL_PORT", 25) == 2525


def test_list_splits_on_commas_and_drops_blanks():
    env = Env({"ALLOWED_HOSTS": "tilab.bzh, www.tilab.bzh,,"})
    assert env.items("ALLOWED_HOSTS") == ["tilab.bzh", "www.tilab.bzh"]


def test_email_must_look_like_an_address():
    assert (
        Env({"X": "Ti Lab <bonjour@tilab.bzh>"}).email("X", "a@b.fr")
        == "Ti Lab <bonjour@tilab.bzh>"
    )
    with pytest.raises(EnvError, match="X vaut « pas-une-adresse »"):
        Env({"X": "pas-une-adresse"}).email("X", "a@b.fr")


def test_choice_lists_the_allowed_values():
    with pytest.raises(EnvError, match="valeurs possibles : a, b"):
        Env({"X": "c"}).choice("X", ["a", "b"], "a")


def test_database_url_is_parsed():
    config = Env({"DATABASE_URL": "postgresql://tilab:secret@db.internal:5433/portail"}).database(
        "DATABASE_URL", {}
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "portail")
    assert (config["USER"], config["PASSWORD"]) == ("tilab", "secret")


@pytest.mark.parametrize(
    "value", ["sqlite:///db.sqlite3", "mysql://x@y/z", "postgresql://tilab@db.internal"]
)
def test_database_url_refuses_other_engines_and_missing_names(value):
    with pytest.raises(EnvError, match="DATABASE_URL"):
        Env({"DATABASE_URL": value}).database("DATABASE_URL", {})


def test_malformed_variable_stops_manage_py_with_one_line_and_no_traceback():
    result = run_manage("check", DEBUG="peut-être")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "Erreur de configuration : la variable d'environnement DEBUG vaut « peut-être » : "
        "attendu true ou false (ou 1 / 0)."
    ]


def test_debug_is_off_unless_set():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k7Qw9zP2xVn4Lm8Rt6Yb3Hc5Jd1Fg0Sa-Ue7Io9Pl2Kj4Mn6Bv8Cx0Zq3Wr5Ty7",
    "HTTPS": "true",
    "ALLOWED_HOSTS": "tilab.example.fr",
    "EMAIL_HOST": "smtp.example.fr",
}
# The database stays the test run's own: model checks (generated columns) ask the server.


def test_check_deploy_reports_nothing_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_flags_a_missing_production_variable():
    # The guard works both ways: without HTTPS the same check must complain.
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **(PRODUCTION | {"HTTPS": "false"})
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


def test_production_turns_on_hsts_and_secure_cookies():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = run_manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "31536000 True True True True"


def test_env_example_lists_every_variable_the_settings_read():
    import re

    source = (BASE_DIR / "tilab" / "settings.py").read_text()
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source))
    example = (BASE_DIR / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert read, "the pattern no longer finds the settings' variables"
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"


@pytest.mark.django_db
def test_queries_are_not_jit_compiled():
    # Compiling a query costs PostgreSQL ~20 ms: more than the portal's queries take to run.
    from django.db import connection

    with connection.cursor() as curseur:
        curseur.execute("SHOW jit")
        assert curseur.fetchone()[0] == "off"
