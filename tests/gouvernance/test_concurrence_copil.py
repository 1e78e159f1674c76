"""Two submissions of the same member's vote at the same moment: one vote, no error."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from gouvernance.models import Avis, Vote
from gouvernance.services import copil


# Real commits, so each thread waits for the other's lock (the migrated state comes back
# after it: tests/conftest.py).
@pytest.mark.django_db(transaction=True)
def test_the_same_vote_submitted_twice_at_once_is_recorded_once(president, session_ouverte):
    candidature = session_ouverte.candidatures.first()
    barriere = threading.Barrier(2)
    resultats: list[str] = []

    def voter(avis: str) -> None:
        try:
            barriere.wait()
            copil.vote_enregistrer(par=president, candidature=candidature, avis=avis)
            resultats.append("ok")
        except copil.SessionImpossible:
            resultats.append("refus")
        except Exception as exc:  # noqa: BLE001 - any other error fails the test below
            resultats.append(repr(exc))
        finally:
            connection.close()

    fils = [threading.Thread(target=voter, args=(a,)) for a in (Avis.RETENIR, Avis.AJOURNER)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert all(r in {"ok", "refus"} for r in resultats), resultats
    assert "ok" in resultats
    assert Vote.objects.filter(candidature=candidature, membre=president).count() == 1
