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

from datetime import datetime, time, timedelta

from django.tasks import TaskResultStatus, task
from django.utils import timezone

from communautes.services import engagements as services_engagements

# Local time of the daily run: at night, before people read their e-mail.
HEURE_ENTRETIEN = time(3, 0)


def prochain_passage(maintenant: datetime | None = None) -> datetime:
    """Tomorrow at ``HEURE_ENTRETIEN``, local time (aware)."""
    local = timezone.localtime(maintenant or timezone.now())
    demain = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(demain, HEURE_ENTRETIEN))


def _deja_programme() -> bool:
    backend = entretenir_engagements.get_backend()
    # Imported here: its models need the app registry, ready once a task runs.
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(backend, DatabaseBackend):
        return False
    # The run in progress is RUNNING, not READY: only a run still waiting counts.
    return DBTaskResult.objects.filter(
        task_path=entretenir_engagements.module_path, status=TaskResultStatus.READY
    ).exists()


def programmer_prochain_passage(*, maintenant: datetime | None = None) -> datetime | None:
    """Enqueue the next daily run, unless one is already waiting or the backend cannot run a
    task later. Returns when it will run, or ``None`` if nothing was enqueued."""
    if not entretenir_engagements.get_backend().supports_defer or _deja_programme():
        return None
    quand = prochain_passage(maintenant)
    entretenir_engagements.using(run_after=quand).enqueue()
    return quand


@task()
def entretenir_engagements() -> dict[str, int]:
    """End the commitments past their end date, send the reminders, plan tomorrow's run."""
    # Plan tomorrow first: a failure today must not break the chain.
    programmer_prochain_passage()
    return services_engagements.engagements_entretien_quotidien()
