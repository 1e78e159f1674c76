"""The section's entry page: who decides (CODIR, COPIL), the texts in force, the next session,
the last decisions and the team's workload."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from experimentations.views.experimentations import contexte_charge
from gouvernance.models import (
    AvisCodir,
    CadreTriennal,
    SessionCopil,
    StatutSession,
    VersionGrille,
    VersionTheorie,
)
from gouvernance.views.copil import registre
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne
from tilab.textes import nettoyer_texte

NB_DERNIERES_DECISIONS = 5


def membres_nommes(*roles: str) -> dict[str, dict[str, Any]]:
    """For each of ``roles``, its holders: named when they chose a public profile, counted
    otherwise. One query for all the roles."""
    titulaires = Personne.groups.through.objects.filter(group__name__in=roles)
    # From the people (through the index, as ayant_un_role does), each with their roles among
    # these: joining the memberships to the accounts read every account.
    personnes = (
        Personne.objects.ayant_un_role(*roles)
        .annotate(
            ses_roles=ArraySubquery(
                titulaires.filter(personne_id=OuterRef("pk")).values("group__name")
            )
        )
        .order_by("last_name", "first_name", "pk")
        .values_list("ses_roles", "first_name", "last_name", "profil_public")
    )
    resultat: dict[str, dict[str, Any]] = {
        role: {"nommes": [], "autres": 0, "total": 0} for role in roles
    }
    for ses_roles, prenom, nom, public in personnes:
        # As Personne.get_full_name() writes it.
        nom_complet = nettoyer_texte(f"{prenom} {nom}").strip()
        for role in ses_roles:
            ligne = resultat[role]
            ligne["total"] += 1
            if public and nom_complet:
                ligne["nommes"].append(nom_complet)
            else:
                ligne["autres"] += 1
    return resultat


def index(request: HttpRequest) -> HttpResponse:
    """Public entry page of the section."""
    aujourd_hui = timezone.localdate()
    theorie = VersionTheorie.objects.en_vigueur()
    avis = (
        AvisCodir.objects.filter(version=theorie).order_by("-le", "-pk").first()
        if theorie is not None
        else None
    )
    membres = membres_nommes(regles_comptes.CODIR, regles_comptes.COPIL)
    contexte = {
        "codir": membres[regles_comptes.CODIR],
        "copil": membres[regles_comptes.COPIL],
        "cadre": CadreTriennal.objects.en_vigueur(aujourd_hui),
        "cadres_anterieurs": list(CadreTriennal.objects.filter(fin__lt=aujourd_hui)),
        "theorie": theorie,
        "avis_theorie": avis,
        "grille": VersionGrille.objects.en_vigueur(),
        "prochaine_session": SessionCopil.objects.filter(statut=StatutSession.OUVERTE)
        .order_by("le", "pk")
        .first(),
        "dernieres_decisions": list(registre()[:NB_DERNIERES_DECISIONS]),
        **contexte_charge(),
    }
    return render(request, "gouvernance/index.html", contexte)
