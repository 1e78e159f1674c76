"""Give the Ti Team roles their permissions on the documentation's back office.

Pages are written on the site's editor and change state through the services
(``documentation.services.pages``); the back office is where the Documentation role edits a
page's text at length (each save a revision, through ``page_enregistrer``), hence its
``change_page``. The whole team reads pages, revisions, attachments, review comments, reuses,
the pages each experiment owes and the journal. Nothing is added or deleted here.
"""

from django.db import migrations

from tilab.comptes.permissions import accorder_aux_roles

LECTURE = [
    f"view_{m}"
    for m in [
        "page",
        "revision",
        "piecejointe",
        "commentairerelecture",
        "reutilisation",
        "pageattendue",
        "actionpage",
    ]
]

PERMISSIONS = {
    "Direction": LECTURE,
    "Coordination": LECTURE,
    "Animation": LECTURE,
    "Documentation": [*LECTURE, "change_page"],
    "Recherche": LECTURE,
}


class Migration(migrations.Migration):
    dependencies = [
        ("documentation", "0001_pages_revisions_reutilisations"),
        ("comptes", "0002_roles"),
    ]

    operations = [accorder_aux_roles("documentation", PERMISSIONS)]
