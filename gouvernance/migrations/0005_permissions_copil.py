"""Give the Ti Team roles their permissions on COPIL sessions.

The Direction and the Coordination prepare sessions (add), put candidates on their agenda
and open and close them (change, with ``gouvernance.rules.peut_preparer_une_session`` asked on
top by the back office); the whole team reads sessions, candidates, members, decisions,
rectifications and the sessions' journal. Decisions are recorded and published by the chair on
the public site; the Direction adds rectifications from a decision's page (through the
service, which asks ``gouvernance.rules.peut_rectifier``). Nothing is deleted.
"""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

LECTURE = [
    f"view_{m}"
    for m in ["sessioncopil", "candidature", "membre", "decision", "rectification", "actionsession"]
]
PREPARATION = [
    *LECTURE,
    "add_sessioncopil",
    "change_sessioncopil",
    "add_candidature",
    "change_candidature",
]

PERMISSIONS = {
    "Direction": [*PREPARATION, "add_rectification"],
    "Coordination": PREPARATION,
    "Animation": LECTURE,
    "Documentation": LECTURE,
    "Recherche": LECTURE,
}


class Migration(migrations.Migration):
    dependencies = [
        ("gouvernance", "0004_permissions_textes"),
        ("comptes", "0002_roles"),
    ]

    operations = [accorder_aux_roles("gouvernance", PERMISSIONS)]
