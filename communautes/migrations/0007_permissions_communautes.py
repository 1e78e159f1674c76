"""Give the Ti Team roles their permissions on communities, commitments and their journal."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Forming and running communities: Direction, Coordination and Animation. Commitments are the
# members' own: the team reads them (the services change them). Everyone in the team reads.
PERMISSIONS = {
    "Direction": ["view_communaute", "add_communaute", "change_communaute"],
    "Coordination": ["view_communaute", "add_communaute", "change_communaute"],
    "Animation": ["view_communaute", "add_communaute", "change_communaute"],
    "Documentation": ["view_communaute"],
    "Recherche": ["view_communaute"],
}
for _codenames in PERMISSIONS.values():
    _codenames += ["view_engagement", "view_actioncommunaute"]


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
    dependencies = [("communautes", "0006_communautes_engagements")]

    operations = [migrations.RunPython(accorder, retirer)]
