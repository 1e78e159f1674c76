"""How allauth creates accounts on the Ti Lab portal.

A person who signs up becomes a relais straight away: the "Relais" role is given in
``save_user``, when the account is created, rather than when the address is verified. The
verification still stands in the way of everything that matters, because with mandatory
verification allauth logs nobody in before they typed the code they were sent, and every view
that changes something checks ``rules.adresse_verifiee_requise``. Giving the role at sign-up
keeps one place for it: allauth verifies addresses along several paths (code at sign-up, login
by code, the e-mail page), and not all of them go through the adapter.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from tilab.comptes import rules, services
from tilab.comptes.models import Personne


class CompteAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: Any, form: Any, commit: bool = True
    ) -> Personne:
        with transaction.atomic():
            personne = super().save_user(request, user, form, commit=commit)
            if commit:
                services.role_attribuer(personne=personne, role=rules.RELAIS)
        return personne

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Messages sign with the portal's public address, not the host of the request.
        super().send_mail(template_prefix, email, {"SITE_URL": settings.SITE_URL, **context})
