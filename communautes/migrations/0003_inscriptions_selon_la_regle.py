"""Registrations are read by Animation and the Direction only (communautes.rules.
peut_voir_les_inscriptions): the rest of the team no longer holds view_inscription, so that the
roles' permissions say what the back office shows."""

from django.db import migrations

from tilab.comptes.permissions import retirer_aux_roles

LECTURE_RETIREE = {
    "Coordination": ["view_inscription"],
    "Documentation": ["view_inscription"],
    "Recherche": ["view_inscription"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("communautes", "0002_permissions_roles"),
    ]

    operations = [retirer_aux_roles("communautes", LECTURE_RETIREE)]
