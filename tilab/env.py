"""Strict parsing of environment variables for the settings module.

A malformed value stops the start with one clear line naming the variable (healthchecks'
``envbool`` habit): guessing what an operator meant is how production ends up in debug mode.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on", "oui", "vrai"}
FALSE_VALUES = {"0", "false", "no", "off", "non", "faux", ""}


class EnvError(ImproperlyConfigured):
    """An environment variable is missing or malformed."""


class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        return None if value is None else value.strip()

    def text(self, name: str, default: str = "") -> str:
        value = self.raw(name)
        return default if value is None or value == "" else value

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in TRUE_VALUES:
            return True
        if lowered in FALSE_VALUES:
            return False
        raise EnvError(
            f"la variable d'environnement {name} vaut « {value} » : "
            "attendu true ou false (ou 1 / 0)."
        )

    def integer(self, name: str, default: int, *, minimum: int | None = None) -> int:
        value = self.raw(name)
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except ValueError:
            raise EnvError(
                f"la variable d'environnement {name} vaut « {value} » : attendu un nombre entier."
            ) from None
        if minimum is not None and number < minimum:
            raise EnvError(
                f"la variable d'environnement {name} vaut {number} : "
                f"attendu un nombre supérieur ou égal à {minimum}."
            )
        return number

    def items(self, name: str, default: list[str] | None = None) -> list[str]:
        value = self.raw(name)
        if value is None or value == "":
            return list(default or [])
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(self, name: str, choices: list[str], default: str) -> str:
        value = self.text(name, default)
        if value not in choices:
            raise EnvError(
                f"la variable d'environnement {name} vaut « {value} » : "
                f"valeurs possibles : {', '.join(choices)}."
            )
        return value

    def email(self, name: str, default: str) -> str:
        value = self.text(name, default)
        local, at, domain = value.rpartition("<")[2].rstrip(">").partition("@")
        if not (local and at and "." in domain):
            raise EnvError(
                f"la variable d'environnement {name} vaut « {value} » : "
                "attendu une adresse électronique."
            )
        return value

    def database(self, name: str, default: dict[str, object]) -> dict[str, object]:
        value = self.raw(name)
        if value is None or value == "":
            return default
        import dj_database_url

        if not value.startswith(("postgres://", "postgresql://", "pgsql://")):
            raise EnvError(
                f"la variable d'environnement {name} doit être une URL PostgreSQL "
                "(postgresql://utilisateur:motdepasse@hôte:port/base)."
            )
        try:
            config: dict[str, object] = dict(dj_database_url.parse(value, conn_max_age=60))
        except ValueError as exc:
            raise EnvError(f"la variable d'environnement {name} est mal formée : {exc}") from None
        if not config.get("NAME"):
            raise EnvError(f"la variable d'environnement {name} ne nomme pas de base de données.")
        return config
