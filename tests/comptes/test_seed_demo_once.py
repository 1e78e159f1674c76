"""manage.py seed_demo --once on an empty database: it loads the demo only the first time
(``make run`` calls it at every start)."""

from __future__ import annotations

import pytest

from tests.comptes.test_seed_demo import COMPTES, MOT_DE_PASSE, seed
from tilab.comptes.models import Theme


@pytest.mark.django_db
def test_once_loads_only_the_first_time_and_always_prints_the_accounts():
    sortie = seed("--once")
    assert "chargées." in sortie
    Theme.objects.filter(slug="habitat").delete()
    sortie = seed("--once")
    assert "déjà chargées" in sortie
    assert not Theme.objects.filter(slug="habitat").exists()
    for email in COMPTES:
        assert email in sortie
    assert sortie.count(MOT_DE_PASSE) == len(COMPTES)
