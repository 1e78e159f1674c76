"""How a signed-in person is read at each request: with their roles and whether they proved
an address, in the same query as their row.

Nearly every page asks both (the header's menus, the rules of ``tilab.comptes.rules``), which
cost two more queries per request when read one by one. The two back ends are Django's and
allauth's, as before, with only this reading changed (``settings.AUTHENTICATION_BACKENDS``).
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from asgiref.sync import sync_to_async
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef

from tilab.comptes import rules
from tilab.comptes.models import Personne


def personne_avec_ses_roles(pk: Any) -> Personne | None:
    """The person ``pk`` with their roles and whether an address of theirs is verified, in one
    query, kept on them for the request (``rules.retenir``); ``None`` if there is none."""
    try:
        personne = Personne._default_manager.annotate(
            roles_lus=ArraySubquery(
                Group.objects.filter(user=OuterRef("pk")).order_by().values("name")
            ),
            adresse_verifiee_lue=Exists(
                EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
            ),
        ).get(pk=pk)
    except Personne.DoesNotExist:
        return None
    rules.retenir(
        personne,
        roles_=frozenset(personne.roles_lus),  # type: ignore[attr-defined]
        adresse_verifiee=personne.adresse_verifiee_lue,  # type: ignore[attr-defined]
    )
    return personne


class _LaPersonneEnUneRequete:
    def get_user(self, user_id: Any) -> Personne | None:
        personne = personne_avec_ses_roles(user_id)
        if personne is None or not self.user_can_authenticate(personne):  # type: ignore[attr-defined]
            return None
        return personne

    async def aget_user(self, user_id: Any) -> Personne | None:
        return await sync_to_async(self.get_user)(user_id)


class ParLeModele(_LaPersonneEnUneRequete, ModelBackend):
    """Django's back end (the e-mail address and password, as the back office's login)."""


class ParAllauth(_LaPersonneEnUneRequete, AuthenticationBackend):
    """allauth's back end (its login forms, by password or by code)."""
