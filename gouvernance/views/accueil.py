"""The section's entry page: who decides (CODIR, COPIL), the texts in force, the next session,
the last decisions and the team's workload."""

from __future__ import annotations

from typing import Any

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

NB_DERNIERES_DECISIONS = 5


def membres_nommes(role: str) -> dict[str, Any]:
    """The holders of ``role``: named when they chose a public profile, counted otherwise."""
    personnes = list(
        Personne.objects.ayant_un_role(role)
        .filter(is_active=True)
        .only("pk", "first_name", "last_name", "profil_public")
        .order_by("last_name", "first_name", "pk")
    )
    nommes = [p.get_full_name() for p in personnes if p.profil_public and p.get_full_name()]
    return {"nommes": nommes, "autres": len(personnes) - len(nommes), "total": len(personnes)}


def index(request: HttpRequest) -> HttpResponse:
    """Public entry page of the section."""
    aujourd_hui = timezone.localdate()
    theorie = VersionTheorie.objects.en_vigueur()
    avis = (
        AvisCodir.objects.filter(version=theorie).order_by("-le", "-pk").first()
        if theorie is not None
        else None
    )
    contexte = {
        "codir": membres_nommes(regles_comptes.CODIR),
        "copil": membres_nommes(regles_comptes.COPIL),
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
