"""The grid's versions share the theory's fields and constraints (one abstract model): the
database now refuses a grid consultation that ends before it starts, as it did for the theory,
and the grid's « ce qui change » gets the theory's help text."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gouvernance", "0006_copil_sieges_et_votes_sans_compte"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="versiongrille",
            name="note_de_version",
            field=models.TextField(
                blank=True,
                help_text="En quelques lignes, pour le public.",
                verbose_name="ce qui change",
            ),
        ),
        migrations.AddConstraint(
            model_name="versiongrille",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("consultation_debut__isnull", True),
                    ("consultation_fin__isnull", True),
                    ("consultation_fin__gte", models.F("consultation_debut")),
                    _connector="OR",
                ),
                name="grille_consultation_dans_l_ordre",
            ),
        ),
    ]
