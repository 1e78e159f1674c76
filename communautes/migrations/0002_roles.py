"""Roles are groups with their permissions: the contract DESIGN.md sets out.

Later migrations that add models extend the permissions of these groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TI_TEAM = ["Direction", "Coordination", "Animation", "Documentation", "Recherche"]
ROLES = ["Relais", *TI_TEAM, "COPIL", "CODIR"]

# Reference data is kept by the whole Ti Team; people's accounts are seen by the Direction and
# Coordination (who triage) and managed by the Direction only.
REFERENCE = ["organisation", "territoire", "theme"]
EDIT = ("add", "change", "view")
PERMISSIONS = {
    "Direction": [f"{a}_{m}" for m in REFERENCE for a in (*EDIT, "delete")]
    + ["view_personne", "change_personne"],
    "Coordination": [f"{a}_{m}" for m in REFERENCE for a in EDIT] + ["view_personne"],
    "Animation": [f"{a}_{m}" for m in REFERENCE for a in EDIT],
    "Documentation": [f"{a}_{m}" for m in REFERENCE for a in EDIT],
    "Recherche": [f"view_{m}" for m in REFERENCE],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        codenames = PERMISSIONS.get(name, [])
        group.permissions.add(
            *Permission.objects.filter(
                codename__in=codenames, content_type__app_label="communautes"
            )
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("communautes", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
