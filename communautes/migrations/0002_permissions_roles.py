"""Give the Ti Team roles their permissions on events, communities and commitments."""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

EVENEMENTS = ["evenement", "inscription"]
# Animation runs the events, with the Direction; the rest of the team reads them.
PERMISSIONS_EVENEMENTS = {
    "Direction": [f"{a}_{m}" for m in EVENEMENTS for a in ("view", "add", "change")],
    "Animation": [f"{a}_{m}" for m in EVENEMENTS for a in ("view", "add", "change")],
    "Coordination": [f"view_{m}" for m in EVENEMENTS],
    "Documentation": [f"view_{m}" for m in EVENEMENTS],
    "Recherche": [f"view_{m}" for m in EVENEMENTS],
}

# Forming and running communities: Direction, Coordination and Animation. Commitments are the
# members' own: the team reads them (the services change them). Everyone in the team reads.
LECTURE = ["view_engagement", "view_actioncommunaute"]
PERMISSIONS_COMMUNAUTES = {
    "Direction": ["view_communaute", "add_communaute", "change_communaute", *LECTURE],
    "Coordination": ["view_communaute", "add_communaute", "change_communaute", *LECTURE],
    "Animation": ["view_communaute", "add_communaute", "change_communaute", *LECTURE],
    "Documentation": ["view_communaute", *LECTURE],
    "Recherche": ["view_communaute", *LECTURE],
}

PERMISSIONS = {
    role: PERMISSIONS_EVENEMENTS.get(role, []) + PERMISSIONS_COMMUNAUTES.get(role, [])
    for role in PERMISSIONS_EVENEMENTS | PERMISSIONS_COMMUNAUTES
}


class Migration(migrations.Migration):
    dependencies = [
        ("communautes", "0001_initial"),
        ("comptes", "0002_roles"),
    ]

    operations = [accorder_aux_roles("communautes", PERMISSIONS)]
