"""Give the Ti Team roles their permissions on problems, supports and history."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELES = ["problematique", "soutien", "suivi", "transition"]
# Triage (qualify, open, orient, close, merge, assign) is Coordination's and Direction's job;
# the rest of the team reads the desk. Nobody deletes: history is kept.
PERMISSIONS = {
    "Direction": [f"{a}_{m}" for m in MODELES for a in ("view", "change")],
    "Coordination": [f"{a}_{m}" for m in MODELES for a in ("view", "change")],
    "Animation": [f"view_{m}" for m in MODELES],
    "Documentation": [f"view_{m}" for m in MODELES],
    "Recherche": [f"view_{m}" for m in MODELES],
}


def accorder(apps, schema_editor):
    app_config = apps.get_app_config("problematiques")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nom, codenames in PERMISSIONS.items():
        groupe = Group.objects.get(name=nom)
        groupe.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="problematiques", codename__in=codenames
            )
        )


def retirer(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for groupe in apps.get_model("auth", "Group").objects.filter(name__in=PERMISSIONS):
        groupe.permissions.remove(
            *Permission.objects.filter(content_type__app_label="problematiques")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("problematiques", "0001_initial"),
        ("communautes", "0002_roles"),
    ]

    operations = [migrations.RunPython(accorder, retirer)]
