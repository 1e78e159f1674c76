"""Sending e-mails from the portal: rendered from template triples, sent by the task worker.

A message is three templates side by side (healthchecks' habit)::

    templates/<app>/courriels/<nom>-sujet.txt   one line
    templates/<app>/courriels/<nom>-corps.txt   plain text
    templates/<app>/courriels/<nom>-corps.html  HTML alternative (optional)

Services call :func:`programmer_courriel` inside their transaction: the message is queued
only once the transaction commits, so a rolled-back change never e-mails anyone, and the
request does not wait for the mail server.
"""

from __future__ import annotations

import email.header
import email.message
import email.policy
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def rendre_courriel(gabarit: str, contexte: dict[str, Any]) -> tuple[str, str, str | None]:
    """Return (subject, text body, HTML body or None) for the template triple ``gabarit``."""
    contexte = {"SITE_URL": settings.SITE_URL, "ORGANISATION": settings.ORGANISATION} | contexte
    sujet = " ".join(render_to_string(f"{gabarit}-sujet.txt", contexte).split())
    texte = render_to_string(f"{gabarit}-corps.txt", contexte)
    try:
        html: str | None = render_to_string(f"{gabarit}-corps.html", contexte)
    except TemplateDoesNotExist:
        html = None
    return sujet, texte, html


class _Sujet(str):
    """The Subject header, encoded by ``email.header`` rather than folded by the policy.

    Python's e-mail package (up to CPython gh-144156) folds some long non-ASCII subjects with
    a space left at the end of a line and encoded again at the start of the next: the reader
    sees « … consultations   » ». ``email.header.Header`` encodes the whole subject into
    encoded words that fold cleanly. A header value with a ``name`` is kept as it is by the
    policy, which then calls its ``fold``.
    """

    name = "Subject"

    def fold(self, *, policy: email.policy.Policy) -> str:
        encode = email.header.Header(str(self), "utf-8", header_name=self.name)
        return f"{self.name}: {encode.encode(linesep=policy.linesep)}{policy.linesep}"


class Courriel(EmailMultiAlternatives):
    """A message of the portal: its subject reaches the reader as written (:class:`_Sujet`)."""

    def message(self, **options: Any) -> email.message.EmailMessage:
        message = super().message(**options)
        if self.subject and not str(self.subject).isascii():
            message.replace_header("Subject", _Sujet(self.subject))
        return message


@task()
def envoyer_courriel(*, gabarit: str, destinataires: list[str], contexte: dict[str, Any]) -> int:
    """Render and send one message to each recipient (no recipient sees the others)."""
    sujet, texte, html = rendre_courriel(gabarit, contexte)
    envoyes = 0
    for adresse in destinataires:
        message = Courriel(subject=sujet, body=texte, to=[adresse])
        if html is not None:
            message.attach_alternative(html, "text/html")
        envoyes += message.send()
    return envoyes


def programmer_courriel(
    *, gabarit: str, destinataires: list[str], contexte: dict[str, Any]
) -> None:
    """Queue ``envoyer_courriel`` once the current transaction commits.

    ``contexte`` must be JSON-serialisable (strings, numbers, lists, dicts): it is stored
    with the task until the worker picks it up.
    """
    adresses = sorted({adresse for adresse in destinataires if adresse})
    if not adresses:
        return
    transaction.on_commit(
        lambda: envoyer_courriel.enqueue(gabarit=gabarit, destinataires=adresses, contexte=contexte)
    )
