"""French full-text search that ignores accents ("ecole" finds "École"), for every app.

A text search configuration, ``french_unaccent``, immutable, so that generated columns
(``vecteur_recherche``) and GIN indexes can use it. Apps that search depend on this migration.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(
            sql="""
                CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
                ALTER TEXT SEARCH CONFIGURATION french_unaccent
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
            """,
            reverse_sql="DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;",
        ),
    ]
