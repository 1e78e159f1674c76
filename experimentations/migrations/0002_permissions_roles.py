"""Give the Ti Team roles their permissions on experiments, pacts, providers and capacities.

The Direction and the Coordination run experiments and write pacts (the back office asks
``experimentations.rules.peut_coordonner`` on top); the Direction alone sets the yearly budget
for providers and each coordinator's capacity. The journal is written by the services: read
only. Phases, participants, providers, budget lines, a draft's commitments and signatories
are removed from their experiment's or pact's page (``delete_*``); experiments and pacts
themselves are never deleted. The whole team reads.
"""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

# Written by the Direction and the Coordination.
COORDONNES = ["experimentation", "pacte"]
# Added and removed from an experiment's or a pact's page.
EN_LIGNE = [
    "phaseexperimentation",
    "participant",
    "prestataire",
    "lignebudget",
    "engagementpacte",
    "signataire",
]
LECTURE = [
    f"view_{m}"
    for m in [*COORDONNES, *EN_LIGNE, "actionexperimentation", "budgetannuel", "capacite"]
]
COORDINATION = [
    *LECTURE,
    *[f"{a}_{m}" for m in COORDONNES for a in ("add", "change")],
    *[f"{a}_{m}" for m in EN_LIGNE for a in ("add", "change", "delete")],
]

PERMISSIONS = {
    "Direction": [*COORDINATION, "add_budgetannuel", "change_budgetannuel", "add_capacite"],
    "Coordination": COORDINATION,
    "Animation": LECTURE,
    "Documentation": LECTURE,
    "Recherche": LECTURE,
}


class Migration(migrations.Migration):
    dependencies = [
        ("experimentations", "0001_initial"),
        ("comptes", "0002_roles"),
    ]

    operations = [accorder_aux_roles("experimentations", PERMISSIONS)]
