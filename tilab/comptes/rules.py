"""Who may do what: one predicate per rule, and the decorators views use to apply them.

Every predicate takes the request's user (a ``Personne`` or an ``AnonymousUser``) and returns a
bool, so that views, templates (see ``tilab/comptes/templatetags/personnes.py``) and tests ask the
same question the same way. Rules of later apps are composed from the ones here, e.g.::

    def peut_signaler(user) -> bool:
        return peut_publier(user) and a_le_role(user, RELAIS)

Role membership and e-mail verification are read once per request and kept on the user object,
so a page can ask many questions without one query each.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from allauth.account import app_settings as allauth_settings
from allauth.account.internal.flows.email_verification import (
    send_verification_email_for_user,
)
from allauth.account.models import EmailAddress
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

if TYPE_CHECKING:
    from tilab.comptes.models import Personne

RELAIS = "Relais"
DIRECTION = "Direction"
COORDINATION = "Coordination"
ANIMATION = "Animation"
DOCUMENTATION = "Documentation"
RECHERCHE = "Recherche"
COPIL = "COPIL"
CODIR = "CODIR"
TI_TEAM = frozenset({DIRECTION, COORDINATION, ANIMATION, DOCUMENTATION, RECHERCHE})
ROLES = frozenset({RELAIS, *TI_TEAM, COPIL, CODIR})

Predicat = Callable[[Any], bool]
Vue = Callable[..., HttpResponse]

_CACHE_ROLES = "_tilab_roles"
_CACHE_VERIFIEE = "_tilab_adresse_verifiee"


# --- Facts about a person ------------------------------------------------------------------


def est_connecte(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles(user: Any) -> frozenset[str]:
    """The names of the roles (groups) the person holds; empty for a visitor."""
    if not est_connecte(user):
        return frozenset()
    cached = getattr(user, _CACHE_ROLES, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _CACHE_ROLES, cached)
    return cached


def retenir(user: Any, *, roles_: frozenset[str], adresse_verifiee: bool) -> None:
    """Keep on the person what was read of them with their row (``tilab.comptes.
    authentification``), so that neither is read again during the request."""
    setattr(user, _CACHE_ROLES, roles_)
    setattr(user, _CACHE_VERIFIEE, adresse_verifiee)


def oublier_cache(user: Any) -> None:
    """Forget what was read about the person, after their roles or addresses changed."""
    for attribut in (_CACHE_ROLES, _CACHE_VERIFIEE):
        if hasattr(user, attribut):
            delattr(user, attribut)


def a_le_role(user: Any, role: str) -> bool:
    if role not in ROLES:
        # A typo in a role name would otherwise silently deny everyone.
        raise ValueError(f"Rôle inconnu : {role!r}")
    return role in roles(user)


def a_une_adresse_verifiee(user: Any) -> bool:
    if not est_connecte(user):
        return False
    cached = getattr(user, _CACHE_VERIFIEE, None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        setattr(user, _CACHE_VERIFIEE, cached)
    return cached


def est_relais(user: Any) -> bool:
    return a_le_role(user, RELAIS)


def est_ti_team(user: Any) -> bool:
    """A member of the lab's staff, whatever their role in it."""
    return bool(roles(user) & TI_TEAM)


def est_direction(user: Any) -> bool:
    return a_le_role(user, DIRECTION)


def est_copil(user: Any) -> bool:
    return a_le_role(user, COPIL)


def est_codir(user: Any) -> bool:
    return a_le_role(user, CODIR)


# --- What a person may do ------------------------------------------------------------------


def peut_publier(user: Any) -> bool:
    """Posting anything other people will read needs an address the person has proven."""
    return est_connecte(user) and a_une_adresse_verifiee(user)


def peut_voir_son_profil(user: Any) -> bool:
    return est_connecte(user)


def peut_modifier_son_profil(user: Any) -> bool:
    # The name and organisation may be shown publicly: same bar as posting.
    return peut_publier(user)


def peut_exporter_ses_donnees(user: Any) -> bool:
    # The right of access (RGPD art. 15) does not depend on anything but being oneself.
    return est_connecte(user)


def peut_supprimer_son_compte(user: Any) -> bool:
    return est_connecte(user)


def peut_acceder_au_back_office(user: Any) -> bool:
    return est_connecte(user) and bool(user.is_staff)


# --- Decorators for views ------------------------------------------------------------------


def regle_requise(predicat: Predicat) -> Callable[[Vue], Vue]:
    """Let the view run only for people the predicate accepts.

    A visitor is sent to the login page and brought back afterwards (``?next=``); a logged-in
    person the rule refuses gets a 403 page.
    """

    def decorateur(vue: Vue) -> Vue:
        @wraps(vue)
        def enveloppe(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not est_connecte(request.user):
                return redirect_to_login(request.get_full_path())
            if not predicat(request.user):
                raise PermissionDenied
            return vue(request, *args, **kwargs)

        return enveloppe

    return decorateur


_METHODES_SURES = frozenset({"GET", "HEAD", "OPTIONS"})


def adresse_verifiee_requise(vue: Vue | None = None, *, lecture_libre: bool = False) -> Any:
    """Refuse a person whose e-mail address is not verified yet, and help them verify it.

    Use it on every view that changes something. Visitors go to the login page first. A
    person without a verified address is sent a new verification code and taken to the page
    where they type it, then brought back. With ``lecture_libre=True`` only the requests that
    change something (POST…) are checked, so the page itself can still be read.
    """

    def decorateur(vue: Vue) -> Vue:
        @wraps(vue)
        def enveloppe(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not est_connecte(request.user):
                return redirect_to_login(request.get_full_path())
            if lecture_libre and request.method in _METHODES_SURES:
                return vue(request, *args, **kwargs)
            if not a_une_adresse_verifiee(request.user):
                return _demander_verification(request)
            return vue(request, *args, **kwargs)

        return enveloppe

    if vue is not None:
        return decorateur(vue)
    return decorateur


def _demander_verification(request: HttpRequest) -> HttpResponse:
    # The same path allauth's own verified_email_required takes, so the person lands on the
    # page where they type the code they were just sent.
    send_verification_email_for_user(request, request.user)
    if allauth_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED:
        suite = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('account_email_verification_sent')}?{suite}")
    return render(request, "account/verified_email_required.html")


def personne_connectee(request: HttpRequest) -> Personne:
    """The request's person, for views already behind a login check (typed as Personne)."""
    from tilab.comptes.models import Personne

    user = request.user
    assert isinstance(user, Personne), "call only behind a login check"  # noqa: S101
    return user


def connexion_puis_retour_vers(nom_url: str) -> Callable[[Vue], Vue]:
    """For a POST-only action on an object's page (a view taking ``slug``): a visitor is sent
    to log in, then back to that page, ``nom_url`` — not to the POST address, which a browser
    would then open with GET."""

    def decorateur(vue: Vue) -> Vue:
        @wraps(vue)
        def enveloppe(request: HttpRequest, slug: str) -> HttpResponse:
            if not est_connecte(request.user):
                return redirect_to_login(reverse(nom_url, kwargs={"slug": slug}))
            return vue(request, slug)

        return enveloppe

    return decorateur
