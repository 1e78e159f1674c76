"""Roles are groups with their permissions: the contract DESIGN.md sets out.

Each app's own data migration gives these groups the permissions on its models
(``tilab.comptes.permissions.accorder_aux_roles``).
"""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

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


def creer_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for nom in ROLES:
        Group.objects.get_or_create(name=nom)


def supprimer_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comptes", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(creer_roles, supprimer_roles),
        accorder_aux_roles("comptes", PERMISSIONS),
    ]
