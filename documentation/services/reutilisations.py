"""Declared reuses: someone says where and how they reused a public page."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from documentation import rules
from documentation.models import Page, Reutilisation
from documentation.services.pages import PageImpossible
from tilab.comptes.models import Personne
from tilab.textes import nettoyer_texte


@transaction.atomic
def reutilisation_declarer(*, page: Page, par: Personne, ou: str, comment: str) -> Reutilisation:
    """Record the reuse and count it on the page (``nb_reutilisations``)."""
    page = Page.objects.select_for_update().get(pk=page.pk)
    if not rules.peut_declarer_une_reutilisation(par, page):
        raise PageImpossible(
            "Connectez-vous avec une adresse vérifiée pour déclarer une réutilisation d'une "
            "page publiée.",
            code="role",
        )
    ou = nettoyer_texte(ou).strip()
    comment = nettoyer_texte(comment, multiligne=True).strip()
    erreurs = {}
    if not ou:
        erreurs["ou"] = "Dites où la ressource a servi."
    if not comment:
        erreurs["comment"] = "Dites ce que vous en avez fait."
    if erreurs:
        raise PageImpossible(erreurs, code="contenu")
    reutilisation = Reutilisation.objects.create(
        page=page,
        ou=ou[:200],
        comment=comment,
        organisation=getattr(par, "organisation", None),
        par=par,
    )
    Page.objects.filter(pk=page.pk).update(nb_reutilisations=F("nb_reutilisations") + 1)
    return reutilisation
