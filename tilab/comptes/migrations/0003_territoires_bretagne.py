"""Seed the Région Bretagne and its four départements with their INSEE codes."""

from django.db import migrations

REGION = ("Bretagne", "bretagne", "53")
DEPARTEMENTS = [
    ("Côtes-d'Armor", "cotes-d-armor", "22"),
    ("Finistère", "finistere", "29"),
    ("Ille-et-Vilaine", "ille-et-vilaine", "35"),
    ("Morbihan", "morbihan", "56"),
]


def seed(apps, schema_editor):
    Territoire = apps.get_model("comptes", "Territoire")
    region, _ = Territoire.objects.get_or_create(
        type="region", code=REGION[2], defaults={"nom": REGION[0], "slug": REGION[1]}
    )
    for nom, slug, code in DEPARTEMENTS:
        Territoire.objects.get_or_create(
            type="departement", code=code, defaults={"nom": nom, "slug": slug, "parent": region}
        )


def unseed(apps, schema_editor):
    Territoire = apps.get_model("comptes", "Territoire")
    Territoire.objects.filter(type="departement", code__in=[d[2] for d in DEPARTEMENTS]).delete()
    Territoire.objects.filter(type="region", code=REGION[2]).delete()


class Migration(migrations.Migration):
    dependencies = [("comptes", "0002_roles")]

    operations = [migrations.RunPython(seed, unseed)]
