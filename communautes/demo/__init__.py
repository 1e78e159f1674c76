"""Demonstration data of communautes: events, then communities (some formed around the demo
problems, which ``problematiques`` loaded before), their commitments and their events.

Loaded by ``manage.py seed_demo`` after the accounts and the problems (``INSTALLED_APPS``
order).
"""

from __future__ import annotations

from django.db import transaction

from communautes.demo import communautes, evenements


@transaction.atomic
def charger() -> None:
    # The full demo event has registered and waiting demo people; communities then link
    # some of the events.
    evenements.charger()
    communautes.charger()
