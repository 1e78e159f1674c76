"""Let those who run experiments (the Direction, the Coordination) and the Documentation role
add and withdraw, in the back office, the kinds of page an experiment owes on top of a fiche
and a return of experience (as they do on the experiment's page, through
``documentation.services.attendues``). The whole team already reads them (``0002``)."""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

DECLARER = ["add_pageattendue", "delete_pageattendue"]

PERMISSIONS = {
    "Direction": DECLARER,
    "Coordination": DECLARER,
    "Documentation": DECLARER,
}


class Migration(migrations.Migration):
    dependencies = [
        ("documentation", "0002_permissions_roles"),
        ("comptes", "0002_roles"),
    ]

    operations = [accorder_aux_roles("documentation", PERMISSIONS)]
