"""The daily upkeep: commitments end by themselves, and a reminder leaves two weeks before."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from communautes import taches
from communautes.models import Engagement, MotifFin
from communautes.services import engagements as services
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db


def aujourd_hui():
    return timezone.localdate()


def engagement_finissant_dans(jours: int, **options):
    return EngagementFactory(
        debut=aujourd_hui() - timedelta(30), fin=aujourd_hui() + timedelta(jours), **options
    )


# --- Automatic end ------------------------------------------------------------------------


def test_an_engagement_past_its_end_date_ends_on_that_date():
    echu = engagement_finissant_dans(-1)
    dernier_jour = engagement_finissant_dans(0)
    en_cours = engagement_finissant_dans(5)
    assert services.engagements_terminer_echus() == 1
    echu.refresh_from_db()
    assert echu.termine_le == echu.fin
    assert echu.motif_fin == MotifFin.ECHU
    for engagement in (dernier_jour, en_cours):
        engagement.refresh_from_db()
        assert engagement.termine_le is None


def test_ending_expired_engagements_twice_changes_nothing():
    engagement_finissant_dans(-3)
    assert services.engagements_terminer_echus() == 1
    assert services.engagements_terminer_echus() == 0


def test_an_engagement_the_person_left_keeps_its_own_end():
    personne = PersonneFactory()
    quitte = engagement_finissant_dans(-1, personne=personne)
    Engagement.objects.filter(pk=quitte.pk).update(
        termine_le=aujourd_hui() - timedelta(5), motif_fin=MotifFin.QUITTE
    )
    assert services.engagements_terminer_echus() == 0
    quitte.refresh_from_db()
    assert quitte.motif_fin == MotifFin.QUITTE


def test_the_day_can_be_given():
    engagement = engagement_finissant_dans(5)
    assert services.engagements_terminer_echus(aujourd_hui=aujourd_hui() + timedelta(5)) == 0
    assert services.engagements_terminer_echus(aujourd_hui=aujourd_hui() + timedelta(6)) == 1
    engagement.refresh_from_db()
    assert engagement.termine_le == engagement.fin


# --- Reminders ----------------------------------------------------------------------------


def test_the_reminder_leaves_once_at_fourteen_days(django_capture_on_commit_callbacks):
    personne = PersonneFactory(first_name="Nolwenn", email="nolwenn@exemple.fr")
    engagement = engagement_finissant_dans(
        14, personne=personne, communaute=CommunauteFactory(nom="Mobilités rurales")
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.engagements_envoyer_rappels() == 1
    assert [m.to for m in mail.outbox] == [["nolwenn@exemple.fr"]]
    message = mail.outbox[0]
    assert "Mobilités rurales" in message.subject
    corps = " ".join(message.body.split())
    assert "Bonjour Nolwenn" in corps
    assert f"/communautes/{engagement.communaute.slug}/prolonger/" in corps
    assert f"/communautes/mes-engagements/#engagement-{engagement.pk}" in corps
    assert message.alternatives
    engagement.refresh_from_db()
    assert engagement.rappel_envoye_le is not None

    with django_capture_on_commit_callbacks(execute=True):
        assert services.engagements_envoyer_rappels() == 0
        assert services.engagements_envoyer_rappels(aujourd_hui=aujourd_hui() + timedelta(7)) == 0
    assert len(mail.outbox) == 1


def test_no_reminder_at_fifteen_days(django_capture_on_commit_callbacks):
    engagement_finissant_dans(15)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.engagements_envoyer_rappels() == 0
    assert mail.outbox == []


def test_a_reminder_on_the_last_day_if_none_was_sent(django_capture_on_commit_callbacks):
    engagement_finissant_dans(0)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.engagements_envoyer_rappels() == 1


def test_no_reminder_for_ended_or_expired_engagements(django_capture_on_commit_callbacks):
    engagement_finissant_dans(3, termine_le=aujourd_hui(), motif_fin=MotifFin.QUITTE)
    engagement_finissant_dans(-1)
    engagement_finissant_dans(5, personne=PersonneFactory(is_active=False))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.engagements_envoyer_rappels() == 0
    assert mail.outbox == []


def test_renewing_allows_a_new_reminder_before_the_new_end(django_capture_on_commit_callbacks):
    personne = PersonneFactory()
    engagement = engagement_finissant_dans(10, personne=personne)
    with django_capture_on_commit_callbacks(execute=True):
        services.engagements_envoyer_rappels()
    nouvelle_fin = aujourd_hui() + timedelta(60)
    services.engagement_prolonger(engagement=engagement, par=personne, fin=nouvelle_fin)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.engagements_envoyer_rappels() == 0
        jour_j_moins_14 = nouvelle_fin - timedelta(14)
        assert services.engagements_envoyer_rappels(aujourd_hui=jour_j_moins_14) == 1
    assert len(mail.outbox) == 2


def test_a_rolled_back_run_sends_nothing(django_capture_on_commit_callbacks):
    engagement_finissant_dans(3)
    with django_capture_on_commit_callbacks(execute=False) as rappels:
        services.engagements_envoyer_rappels()
    # The e-mails wait for the commit: nothing left before it.
    assert mail.outbox == []
    assert len(rappels) == 1


def test_the_daily_upkeep_ends_then_reminds(django_capture_on_commit_callbacks):
    engagement_finissant_dans(-1)
    engagement_finissant_dans(2)
    engagement_finissant_dans(40)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.engagements_entretien_quotidien() == {"termines": 1, "rappels": 1}
        assert services.engagements_entretien_quotidien() == {"termines": 0, "rappels": 0}
    assert len(mail.outbox) == 1


# --- The command (cron) -------------------------------------------------------------------


def test_the_command_runs_the_upkeep_and_says_what_it_did(django_capture_on_commit_callbacks):
    engagement_finissant_dans(-1)
    engagement_finissant_dans(-2)
    engagement_finissant_dans(10)
    sortie = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("entretenir_engagements", stdout=sortie)
    assert sortie.getvalue().strip() == (
        "2 engagements terminés à leur date de fin, 1 rappel envoyé."
    )
    assert len(mail.outbox) == 1
    sortie = StringIO()
    call_command("entretenir_engagements", stdout=sortie)
    assert sortie.getvalue().strip() == "0 engagement terminé à leur date de fin, 0 rappel envoyé."


def test_the_command_cannot_plan_on_a_backend_that_does_not_defer():
    sortie = StringIO()
    call_command("entretenir_engagements", "--programmer", stdout=sortie)
    assert "Rien à programmer" in sortie.getvalue()


# --- The task (worker) --------------------------------------------------------------------


@pytest.fixture
def backend_base_de_donnees(settings):
    # The worker's backend, which can run a task later (run_after).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def taches_en_attente():
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(
            task_path=taches.entretenir_engagements.module_path, status="READY"
        )
    )


def test_the_next_run_is_tomorrow_at_three_local_time():
    maintenant = timezone.make_aware(timezone.datetime(2026, 3, 28, 22, 30))
    prochain = timezone.localtime(taches.prochain_passage(maintenant))
    assert (prochain.date().isoformat(), prochain.hour, prochain.minute) == ("2026-03-29", 3, 0)


def test_the_task_does_the_upkeep_and_plans_itself_for_tomorrow(
    backend_base_de_donnees, django_capture_on_commit_callbacks
):
    engagement_finissant_dans(-1)
    engagement_finissant_dans(3)
    with django_capture_on_commit_callbacks(execute=False):
        resultat = taches.entretenir_engagements.call()
    assert resultat == {"termines": 1, "rappels": 1}
    attente = taches_en_attente()
    assert len(attente) == 1
    assert attente[0].run_after == taches.prochain_passage()
    assert attente[0].run_after > timezone.now()

    # The next run does not plan a second one while one is waiting.
    taches.entretenir_engagements.call()
    assert len(taches_en_attente()) == 1


def test_the_command_starts_the_chain_on_the_worker_once(backend_base_de_donnees):
    sortie = StringIO()
    call_command("entretenir_engagements", "--programmer", stdout=sortie)
    assert "Entretien quotidien programmé" in sortie.getvalue()
    call_command("entretenir_engagements", "--programmer", stdout=StringIO())
    assert len(taches_en_attente()) == 1


# The worker closes its connection: real commits needed.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_planned_task_once_due(
    backend_base_de_donnees, django_capture_on_commit_callbacks
):
    """The django-tasks-db worker honours run_after: not before, then it runs."""
    from django_tasks_db.models import DBTaskResult

    engagement_finissant_dans(-1)
    taches.programmer_prochain_passage()
    assert DBTaskResult.objects.ready().count() == 0  # planned for tomorrow
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))
    assert DBTaskResult.objects.ready().count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert Engagement.objects.filter(motif_fin=MotifFin.ECHU).count() == 1
    # It ran, and planned the next day.
    assert len(taches_en_attente()) == 1


def test_the_reminder_escapes_the_community_name_in_html(django_capture_on_commit_callbacks):
    engagement_finissant_dans(5, communaute=CommunauteFactory(nom="<script>alert(1)</script>"))
    with django_capture_on_commit_callbacks(execute=True):
        services.engagements_envoyer_rappels()
    html, _ = mail.outbox[0].alternatives[0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
