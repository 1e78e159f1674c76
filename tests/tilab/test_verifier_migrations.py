"""A database made by migrations that no longer exist stops `make run` with one line that says
to run `make reset`, before `migrate` could fail with a traceback."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.migrations.recorder import MigrationRecorder

from tilab.management.commands.verifier_migrations import migrations_disparues

pytestmark = pytest.mark.django_db


def test_a_database_made_by_the_current_migrations_passes_silently():
    sortie, erreurs = io.StringIO(), io.StringIO()
    call_command("verifier_migrations", stdout=sortie, stderr=erreurs)
    assert migrations_disparues() == []
    assert erreurs.getvalue() == ""


def test_an_old_migration_stops_with_one_line_naming_make_reset():
    # What a database built before the accounts moved to tilab/comptes still records.
    MigrationRecorder.Migration.objects.create(app="communautes", name="0008_journal_engagements")
    erreurs = io.StringIO()
    with pytest.raises(SystemExit) as sortie:
        call_command("verifier_migrations", stderr=erreurs)
    assert sortie.value.code == 1
    (ligne,) = erreurs.getvalue().strip().splitlines()
    assert "communautes.0008_journal_engagements" in ligne
    assert "make reset" in ligne


def test_migrations_of_other_packages_are_not_the_projects_business():
    MigrationRecorder.Migration.objects.create(app="allauth_ancien", name="0001_initial")
    assert migrations_disparues() == []
