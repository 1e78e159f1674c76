"""Granting the roles their permissions, for the data migrations of every app.

Each app gives the roles (groups created by ``comptes.0002_roles``) the permissions on its own
models in a data migration of its own::

    from tilab.comptes.permissions import accorder_aux_roles

    PERMISSIONS = {"Direction": ["view_evenement", "change_evenement"], ...}

    class Migration(migrations.Migration):
        dependencies = [("communautes", "0001_initial"), ("comptes", "0002_roles")]
        operations = [accorder_aux_roles("communautes", PERMISSIONS)]

Migrations run in a historical state: this module only uses what ``apps`` gives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.management import create_permissions
from django.db import migrations


def creer_permissions(apps: Any, app_label: str) -> None:
    """Permissions are normally created after all migrations; the roles need them now."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None


Fonction = Callable[[Any, Any], None]


def _accorder_et_retirer(
    app_label: str, permissions: dict[str, list[str]]
) -> tuple[Fonction, Fonction]:
    def accorder(apps: Any, schema_editor: Any) -> None:
        creer_permissions(apps, app_label)
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        for nom, codenames in permissions.items():
            groupe, _ = Group.objects.get_or_create(name=nom)
            groupe.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )

    def retirer(apps: Any, schema_editor: Any) -> None:
        Permission = apps.get_model("auth", "Permission")
        codenames = {c for liste in permissions.values() for c in liste}
        for groupe in apps.get_model("auth", "Group").objects.filter(name__in=permissions):
            groupe.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )

    return accorder, retirer


def accorder_aux_roles(app_label: str, permissions: dict[str, list[str]]) -> migrations.RunPython:
    """A ``RunPython`` that gives each role its codenames on ``app_label``'s models, and takes
    them back when the migration is reversed."""
    accorder, retirer = _accorder_et_retirer(app_label, permissions)
    return migrations.RunPython(accorder, retirer)


def retirer_aux_roles(app_label: str, permissions: dict[str, list[str]]) -> migrations.RunPython:
    """The opposite of :func:`accorder_aux_roles`: takes the codenames back from the roles, and
    gives them again when the migration is reversed."""
    accorder, retirer = _accorder_et_retirer(app_label, permissions)
    return migrations.RunPython(retirer, accorder)
