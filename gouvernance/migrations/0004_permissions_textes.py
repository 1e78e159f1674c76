"""Give the roles their permissions on the texts: the frame (recorded by the Direction), the
theory's and the grid's versions (written by the Direction and the Coordination), CODIR's
opinions (added by CODIR), the consultations' comments (answered by the Direction, the
Coordination and Animation). Everyone in the Ti Team reads them all; nobody deletes."""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

TEXTES = ["cadretriennal", "versiontheorie", "versiongrille", "aviscodir", "commentaire"]
LECTURE = [f"view_{m}" for m in TEXTES]
REDACTION = [f"{a}_{m}" for m in ("versiontheorie", "versiongrille") for a in ("add", "change")]

PERMISSIONS = {
    "Direction": [*LECTURE, *REDACTION, "add_cadretriennal", "change_cadretriennal",
                  "change_commentaire"],
    "Coordination": [*LECTURE, *REDACTION, "change_commentaire"],
    "Animation": [*LECTURE, "change_commentaire"],
    "Documentation": LECTURE,
    "Recherche": LECTURE,
    "CODIR": ["view_aviscodir", "add_aviscodir"],
}  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("gouvernance", "0003_cadre_consultation_sessions_copil"),
        ("comptes", "0002_roles"),
    ]

    operations = [accorder_aux_roles("gouvernance", PERMISSIONS)]
