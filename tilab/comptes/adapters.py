"""How allauth creates accounts on the Ti Lab portal, and counts and words failed logins.

A person who signs up becomes a relais straight away: the "Relais" role is given in
``save_user``, when the account is created, rather than when the address is verified. The
verification still stands in the way of everything that matters, because with mandatory
verification allauth logs nobody in before they typed the code they were sent, and every view
that changes something checks ``rules.adresse_verifiee_requise``. Giving the role at sign-up
keeps one place for it: allauth verifies addresses along several paths (code at sign-up, login
by code, the e-mail page), and not all of them go through the adapter.

It also carries two decisions about allauth's rate limits (``ACCOUNT_RATE_LIMITS`` in
``tilab/settings.py``, README « Comptes et sécurité »): failed logins count per account and
address, and a right password refused because a verification code just left is told so.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tilab.comptes import rules, services
from tilab.comptes.models import Personne

# Said, instead of allauth's "too many failed login attempts", to a person who typed the right
# password while a verification code left for their address less than a minute ago: see
# CompteAdapter.validation_error.
MESSAGE_CODE_DEJA_ENVOYE = _(
    "Votre mot de passe est le bon, mais votre adresse n'est pas encore vérifiée et un code "
    "de vérification vient de vous être envoyé. Ce code ne fonctionne que dans la fenêtre où "
    "il a été demandé. Attendez une minute, puis connectez-vous à nouveau ici : un nouveau "
    "code vous sera envoyé."
)


class CompteAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: Any, form: Any, commit: bool = True
    ) -> Personne:
        with transaction.atomic():
            personne = super().save_user(request, user, form, commit=commit)
            if commit:
                services.role_attribuer(personne=personne, role=rules.RELAIS)
        return personne

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # Failed logins count per account *and* address (ACCOUNT_RATE_LIMITS["login_failed"],
        # README « Comptes et sécurité »): wrong passwords typed from one address make that
        # address wait for that account, never the owner logging in from elsewhere. The
        # address is allauth's own (proxy settings followed, IPv6 cut to its /64).
        compte = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{compte}:{get_ip(request)}"

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        personne = super().authenticate(request, **credentials)
        self._mot_de_passe_juste = personne is not None
        return personne

    def validation_error(self, code: str, *args: Any) -> ValidationError:
        # allauth's login form asks this same adapter to authenticate, then, the password being
        # right, refuses with "too_many_login_attempts" when the address is unverified and a
        # verification code left less than ACCOUNT_RATE_LIMITS["confirm_email"] ago: no
        # attempt failed, and the person needs to hear that a code is on its way.
        if code == "too_many_login_attempts" and getattr(self, "_mot_de_passe_juste", False):
            return ValidationError(MESSAGE_CODE_DEJA_ENVOYE, code="code_deja_envoye")
        erreur: ValidationError = super().validation_error(code, *args)
        return erreur

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Messages sign with the portal's public address, not the host of the request.
        super().send_mail(template_prefix, email, {"SITE_URL": settings.SITE_URL, **context})
