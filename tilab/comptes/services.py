"""Writes about people that touch several models, and the export of a person's own data.

Personal data export
--------------------
``donnees_personnelles_exporter(personne=...)`` gathers everything the portal holds about one
person. Each app adds its own part by registering a section, from its ``AppConfig.ready()``::

    from tilab.comptes.services import enregistrer_section_export

    def _mes_problematiques(personne):
        return [{"titre": p.titre, ...} for p in personne.problematiques.all()]

    enregistrer_section_export("problematiques", _mes_problematiques)

A section returns data JSON can encode (dates are welcome: they are written in ISO 8601) and
must only ever contain what belongs to that person.

Deleted accounts
----------------
When a person deletes their account, what they wrote publicly stays and is attributed to
"ancien membre". The rule lives in the schema, not in code run at deletion time: every
foreign key from authored content to the person is declared with
``tilab.comptes.models.cle_auteur()`` (``on_delete=SET_NULL``, nullable; a test refuses any
``PROTECT`` towards a person), and templates name the author with ``{{ auteur|nom_public }}``
(``tilab/comptes/templatetags/personnes.py``), which shows "ancien membre" for ``None``.
What is only theirs and private (e-mail addresses, sessions) goes with the account.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from tilab.comptes import rules
from tilab.comptes.models import Expertise, Personne

SectionExport = Callable[[Personne], Any]

FORMAT_EXPORT = "tilab-mes-donnees/1"

_sections_export: dict[str, SectionExport] = {}


def enregistrer_section_export(nom: str, fonction: SectionExport) -> None:
    """Add ``fonction(personne)`` to the personal data export, under the key ``nom``."""
    deja = _sections_export.get(nom)
    if deja is not None and deja is not fonction:
        raise ImproperlyConfigured(f"La section d'export « {nom} » est déjà enregistrée.")
    _sections_export[nom] = fonction


def sections_export() -> list[str]:
    return list(_sections_export)


def donnees_personnelles_exporter(*, personne: Personne) -> dict[str, Any]:
    """Everything the portal holds about ``personne``, one key per registered section."""
    donnees: dict[str, Any] = {
        "format": FORMAT_EXPORT,
        "exporte_le": timezone.now(),
        "site": settings.SITE_URL,
    }
    for nom, fonction in _sections_export.items():
        donnees[nom] = fonction(personne)
    return donnees


def donnees_personnelles_json(*, personne: Personne) -> str:
    """The export as pretty-printed UTF-8 JSON, readable by a person as well as a program."""
    return json.dumps(
        donnees_personnelles_exporter(personne=personne),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )


def section_compte(personne: Personne) -> dict[str, Any]:
    """The account, the profile, the roles and the e-mail addresses of the person."""
    libelles = dict(Expertise.choices)
    organisation = personne.organisation
    return {
        "adresse_electronique": personne.email,
        "prenom": personne.first_name,
        "nom": personne.last_name,
        "fonction": personne.fonction,
        "organisation": (
            {
                "nom": organisation.nom,
                "type": organisation.get_type_display(),
                "identifiant": organisation.slug,
            }
            if organisation is not None
            else None
        ),
        "expertises": [
            {"code": code, "libelle": str(libelles.get(code, code))} for code in personne.expertises
        ],
        "profil_public": personne.profil_public,
        "roles": sorted(personne.groups.values_list("name", flat=True)),
        "membre_equipe_ti_lab": personne.is_staff,
        "adresses_electroniques": [
            {"adresse": a.email, "verifiee": a.verified, "principale": a.primary}
            for a in EmailAddress.objects.filter(user=personne).order_by("-primary", "email")
        ],
        "date_inscription": personne.date_joined,
        "derniere_connexion": personne.last_login,
    }


@transaction.atomic
def role_attribuer(*, personne: Personne, role: str) -> None:
    """Give ``personne`` the role (group) named ``role``; nothing happens if they hold it."""
    if role not in rules.ROLES:
        raise ValueError(f"Rôle inconnu : {role!r}")
    try:
        groupe = Group.objects.get(name=role)
    except Group.DoesNotExist as exc:
        raise ImproperlyConfigured(
            f"Le groupe « {role} » n'existe pas : les migrations ont-elles été appliquées ?"
        ) from exc
    personne.groups.add(groupe)
    rules.oublier_cache(personne)


@transaction.atomic
def personne_supprimer(*, personne: Personne) -> None:
    """Delete the account for good, at the person's own request.

    Authored content survives as "ancien membre" through ``on_delete=SET_NULL`` (see the
    module docstring); the person's e-mail addresses and login codes go with the account.
    The caller logs the person out.
    """
    personne.delete()
