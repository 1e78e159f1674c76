"""Versions of the theory and of the grid, made through the services, for the texts' tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gouvernance.models import VersionGrille, VersionTheorie
from gouvernance.services import grille as services_grille
from gouvernance.services import textes as services_textes
from gouvernance.services.grille import CritereSaisi

ECHELLE = [(0, "Absent"), (1, "Émergent"), (2, "Établi"), (3, "Exemplaire")]
CRITERES = [
    CritereSaisi("Ampleur du besoin", 3, ECHELLE, "Combien d'agents et d'usagers le vivent."),
    CritereSaisi("Maturité de la communauté", 2, ECHELLE, "Des personnes prêtes à s'engager."),
    CritereSaisi("Potentiel d'essaimage", 2, ECHELLE),
]
TEXTE = "Premier paragraphe.\n\nDeuxième paragraphe, **important**.\n\nTroisième paragraphe."


def theorie_publiee(par, texte: str = TEXTE) -> VersionTheorie:
    v = services_textes.theorie_rediger(par=par, texte=texte)
    return services_textes.theorie_publier(par=par, version=v)


def theorie_en_consultation(par, texte: str = TEXTE, jours: int = 10) -> VersionTheorie:
    v = services_textes.theorie_rediger(par=par, texte=texte)
    jour = timezone.localdate()
    return services_textes.theorie_ouvrir_consultation(
        par=par, version=v, debut=jour - timedelta(days=1), fin=jour + timedelta(days=jours)
    )


def grille_brouillon(par, criteres=CRITERES) -> VersionGrille:
    v = services_grille.grille_rediger(par=par)
    return services_grille.grille_ecrire(par=par, version=v, criteres=criteres)


def grille_publiee(par, criteres=CRITERES) -> VersionGrille:
    return services_grille.grille_publier(par=par, version=grille_brouillon(par, criteres))


def grille_en_consultation(par, criteres=CRITERES) -> VersionGrille:
    jour = timezone.localdate()
    return services_grille.grille_ouvrir_consultation(
        par=par,
        version=grille_brouillon(par, criteres),
        debut=jour,
        fin=jour + timedelta(days=10),
    )
