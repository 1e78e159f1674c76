"""E-mails are queued after commit and sent by the task worker from template triples."""

import email
import email.policy
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from tilab.courriels import envoyer_courriel, programmer_courriel

TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [TEMPLATES, *settings.TEMPLATES[0]["DIRS"]]}
    ]


@pytest.mark.django_db
def test_message_is_sent_after_commit_to_each_recipient_separately(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        programmer_courriel(
            gabarit="tests/courriels/essai",
            destinataires=["b@exemple.fr", "a@exemple.fr", "a@exemple.fr", ""],
            contexte={"nom": "Nolwenn"},
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert [m.to for m in mail.outbox] == [["a@exemple.fr"], ["b@exemple.fr"]]
    message = mail.outbox[0]
    assert message.subject == "Bonjour Nolwenn"
    assert "Voir http" in message.body
    assert message.alternatives[0].content == "<p>Bonjour Nolwenn</p>\n"


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        programmer_courriel(
            gabarit="tests/courriels/essai", destinataires=["a@exemple.fr"], contexte={}
        )
        raise RuntimeError("la transition échoue")
    assert mail.outbox == []


@pytest.mark.django_db
def test_html_part_is_optional():
    result = envoyer_courriel.enqueue(
        gabarit="tests/courriels/texte", destinataires=["a@exemple.fr"], contexte={}
    )
    assert result.return_value == 1
    assert mail.outbox[0].alternatives == []


@pytest.mark.django_db(transaction=True)
def test_database_backend_stores_the_task_and_the_worker_sends_it(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    envoyer_courriel.enqueue(
        gabarit="tests/courriels/texte", destinataires=["a@exemple.fr"], contexte={}
    )
    assert mail.outbox == []
    stored = DBTaskResult.objects.get()
    assert stored.task_path == "tilab.courriels.envoyer_courriel"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["a@exemple.fr"]]
    stored.refresh_from_db()
    assert stored.status == "SUCCESSFUL"


TITRE = (
    "Les habitants sans voiture ne peuvent pas se rendre aux consultations médicales du bourg "
    "le mardi à Pontivy"
)
MOTS = TITRE.split(" ")
SUJETS = [
    "Nouvelle problématique à trier : « {} »",
    "Votre problématique « {} » est bien arrivée au Ti Lab",
    "« {} » : qualifiée",
]


def _sujet_recu(message) -> str:
    """The subject as a mail client reads it, once the message went through SMTP's encoding."""
    brut = message.message(policy=email.policy.SMTP).as_bytes()
    return str(email.message_from_bytes(brut, policy=email.policy.default)["Subject"])


@pytest.mark.django_db
@pytest.mark.parametrize("modele", SUJETS, ids=["tri", "accuse", "etape"])
def test_long_subjects_reach_the_mail_client_as_written(modele):
    # Python's e-mail package folds some long non-ASCII subjects with spaces added before an
    # encoded word (CPython gh-144156): « … consultations   » ».
    sujets = [modele.format(" ".join(MOTS[:n])) for n in range(1, len(MOTS) + 1)]
    for sujet in sujets:
        envoyer_courriel.enqueue(
            gabarit="tests/courriels/sujet",
            destinataires=["a@exemple.fr"],
            contexte={"sujet": sujet},
        )

    assert [_sujet_recu(message) for message in mail.outbox] == sujets
