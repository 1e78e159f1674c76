"""The daily upkeep of commitments as a background task that plans its own next run.

``entretenir_engagements`` ends the commitments past their end date and sends the reminders
(``services_engagements.engagements_entretien_quotidien``), then enqueues itself for the next
day at ``HEURE_ENTRETIEN`` with ``run_after``: the django-tasks-db worker
(``manage.py db_worker``) only picks a task once its ``run_after`` has passed. Start the chain
once with ``manage.py entretenir_engagements --programmer``; a backend that cannot defer
(``supports_defer`` false, e.g. the immediate backend of the tests) is not chained, and cron
runs ``manage.py entretenir_engagements`` instead (see README, « Tâches quotidiennes »).
Running both is harmless: the upkeep is idempotent and a reminder is never sent twice.
"""

from __future__ import annotations

from datetime import datetime, time

from django.tasks import task

from communautes.services import engagements as services_engagements
from tilab import taches as taches_du_portail

# Local time of the daily run: at night, before people read their e-mail.
HEURE_ENTRETIEN = time(3, 0)


def prochain_passage(maintenant: datetime | None = None) -> datetime:
    """Tomorrow at ``HEURE_ENTRETIEN``, local time (aware)."""
    return taches_du_portail.prochain_passage(HEURE_ENTRETIEN, maintenant)


def programmer_prochain_passage(*, maintenant: datetime | None = None) -> datetime | None:
    """Enqueue the next daily run, unless one is already waiting or the backend cannot run a
    task later. Returns when it will run, or ``None`` if nothing was enqueued."""
    return taches_du_portail.programmer_la_nuit_suivante(
        entretenir_engagements, HEURE_ENTRETIEN, maintenant=maintenant
    )


@task()
def entretenir_engagements() -> dict[str, int]:
    """End the commitments past their end date, send the reminders, plan tomorrow's run."""
    # Plan tomorrow first: a failure today must not break the chain.
    programmer_prochain_passage()
    return services_engagements.engagements_entretien_quotidien()
