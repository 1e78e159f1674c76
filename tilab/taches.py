"""Nightly background tasks that plan their own next run, and the nightly rebuild of the
search's lexicon.

A nightly task, once done, enqueues itself for the next night with ``run_after``: the
django-tasks-db worker (``manage.py db_worker``) only picks a task once its ``run_after`` has
passed. A backend that cannot defer (``supports_defer`` false, e.g. the immediate backend of
the tests) is not chained: cron runs the matching management command instead (README,
« Tâches quotidiennes »). Running both is harmless: each task is idempotent.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.tasks import TaskResultStatus, task
from django.utils import timezone

from tilab import recherche

# Local time of the lexicon's rebuild: at night, after the day's publications.
HEURE_LEXIQUE = time(2, 30)


def prochain_passage(heure: time, maintenant: datetime | None = None) -> datetime:
    """Tomorrow at ``heure``, local time (aware)."""
    local = timezone.localtime(maintenant or timezone.now())
    demain = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(demain, heure))


def deja_programmee(tache: Any) -> bool:
    """Whether a run of ``tache`` already waits for the worker."""
    # Imported here: its models need the app registry, ready once a task runs.
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(tache.get_backend(), DatabaseBackend):
        return False
    # The run in progress is RUNNING, not READY: only a run still waiting counts.
    return DBTaskResult.objects.filter(
        task_path=tache.module_path, status=TaskResultStatus.READY
    ).exists()


def programmer_la_nuit_suivante(
    tache: Any, heure: time, *, maintenant: datetime | None = None
) -> datetime | None:
    """Enqueue ``tache`` for tomorrow at ``heure``, unless a run already waits or the backend
    cannot run a task later. Returns when it will run, or ``None`` if nothing was enqueued."""
    if not tache.get_backend().supports_defer or deja_programmee(tache):
        return None
    quand = prochain_passage(heure, maintenant)
    tache.using(run_after=quand).enqueue()
    return quand


@task()
def reconstruire_lexique() -> int:
    """Rebuild the search's lexicon from the day's public texts, plan tomorrow's run."""
    # Plan tomorrow first: a failure today must not break the chain.
    programmer_la_nuit_suivante(reconstruire_lexique, HEURE_LEXIQUE)
    return recherche.reconstruire_lexique()
