"""Give the Ti Team roles their permissions on events and registrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELES = ["evenement", "inscription"]
# Animation runs the events, with the Direction; the rest of the team reads them.
PERMISSIONS = {
    "Direction": [f"{a}_{m}" for m in MODELES for a in ("view", "add", "change")],
    "Animation": [f"{a}_{m}" for m in MODELES for a in ("view", "add", "change")],
    "Coordination": [f"view_{m}" for m in MODELES],
    "Documentation": [f"view_{m}" for m in MODELES],
    "Recherche": [f"view_{m}" for m in MODELES],
}


def accorder(apps, schema_editor):
    app_config = apps.get_app_config("communautes")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nom, codenames in PERMISSIONS.items():
        groupe = Group.objects.get(name=nom)
        groupe.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="communautes", codename__in=codenames
            )
        )


def retirer(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    codenames = {c for liste in PERMISSIONS.values() for c in liste}
    for groupe in apps.get_model("auth", "Group").objects.filter(name__in=PERMISSIONS):
        groupe.permissions.remove(
            *Permission.objects.filter(content_type__app_label="communautes", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("communautes", "0004_evenements")]

    operations = [migrations.RunPython(accorder, retirer)]
