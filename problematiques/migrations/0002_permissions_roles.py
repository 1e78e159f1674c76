"""Give the Ti Team roles their permissions on problems, supports and history."""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

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


class Migration(migrations.Migration):
    dependencies = [
        ("problematiques", "0001_initial"),
        ("comptes", "0002_roles"),
    ]

    operations = [accorder_aux_roles("problematiques", PERMISSIONS)]
