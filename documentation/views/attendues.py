"""Declaring the kinds of page an experiment owes, from its documentation panel on its page
(``documentation.coutures.panneau_experimentation``): adding one, withdrawing one it declared.

Both answer POST only, for those ``rules.peut_declarer_les_pages_attendues`` names (a visitor
logs in and comes back to the experiment's page, anyone else gets the 403 page), call
``documentation.services.attendues`` and go back to the panel. A refused choice comes back
to the panel with what was chosen and the reason next to the field, kept in the session for
the page that follows (:data:`SAISIE_REFUSEE`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from documentation import rules
from documentation.models import SortePage
from documentation.services.attendues import (
    PageAttendueImpossible,
    page_attendue_ajouter,
    page_attendue_retirer,
)
from experimentations.admin.experimentations import (
    SaisieRefusee,
    erreurs_par_champ,
    remettre_les_erreurs,
)
from experimentations.models import Experimentation
from tilab.comptes import rules as regles_comptes

# Where the panel's list and form are, on the experiment's page.
ANCRE = "pages-attendues"
SAISIE_REFUSEE = SaisieRefusee("documentation_page_attendue_refusee")
MESSAGE_CHOIX = "Choisissez un type de page de la liste."


class PageAttendueForm(forms.Form):
    """The kind of page to add, among those the experiment does not owe yet."""

    sorte = forms.ChoiceField(
        label="Type de page",
        error_messages={"required": MESSAGE_CHOIX, "invalid_choice": MESSAGE_CHOIX},
    )

    def __init__(self, *args: Any, choix: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "attendue")
        super().__init__(*args, **kwargs)
        champ = self.fields["sorte"]
        assert isinstance(champ, forms.ChoiceField)
        champ.choices = [("", "Choisissez un type")] + [(s, SortePage(s).label) for s in choix]


def formulaire_du_panneau(
    request: HttpRequest, experimentation: Experimentation, choix: list[str]
) -> PageAttendueForm:
    """The panel's form: empty, or the choice refused last on this experiment with its
    errors (once)."""
    saisie = SAISIE_REFUSEE.reprendre(request, pk=experimentation.pk)
    if saisie is None:
        return PageAttendueForm(choix=choix)
    formulaire = PageAttendueForm(saisie["donnees"], choix=choix)
    remettre_les_erreurs(formulaire, saisie["erreurs"])
    return formulaire


def _adresse(experimentation: Experimentation) -> str:
    return f"{experimentation.get_absolute_url()}#{ANCRE}"


Vue = Callable[..., HttpResponse]


def _pour_qui_declare(vue: Vue) -> Vue:
    """POST only; a visitor logs in, then comes back to the experiment's page (not to this
    address, which a browser would open with GET); anyone the rule refuses (a proven address
    included: the panel offers them no form) gets the 403 page."""

    @require_POST
    @wraps(vue)
    def enveloppe(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
        experimentation = get_object_or_404(Experimentation, slug=slug)
        if not regles_comptes.est_connecte(request.user):
            return redirect_to_login(experimentation.get_absolute_url())
        if not rules.peut_declarer_les_pages_attendues(request.user, experimentation):
            raise PermissionDenied
        return vue(request, experimentation, **kwargs)

    return enveloppe


@_pour_qui_declare
def ajouter(request: HttpRequest, experimentation: Experimentation) -> HttpResponse:
    """The experiment owes one kind of page more."""
    sorte = request.POST.get("attendue-sorte", "")
    try:
        attendue = page_attendue_ajouter(
            experimentation=experimentation,
            sorte=sorte,
            par=regles_comptes.personne_connectee(request),
        )
    except PageAttendueImpossible as refus:
        erreurs = erreurs_par_champ(refus)
        if set(erreurs) - {"sorte"}:
            messages.error(request, " ".join(m for liste in erreurs.values() for m in liste))
        else:
            SAISIE_REFUSEE.garder(
                request,
                pk=experimentation.pk,
                nom="ajouter",
                donnees={"attendue-sorte": sorte[:50]},
                erreurs=erreurs,
            )
            messages.error(
                request, "Le type de page n'est pas ajouté : voyez la raison près du choix."
            )
    else:
        messages.success(
            request,
            f"L'expérimentation doit désormais une page « {attendue} » : elle apparaît parmi "
            "les pages attendues tant qu'aucune n'est publiée.",
        )
    return redirect(_adresse(experimentation))


@_pour_qui_declare
def retirer(request: HttpRequest, experimentation: Experimentation, sorte: str) -> HttpResponse:
    """The experiment no longer owes a kind of page it declared."""
    try:
        page_attendue_retirer(
            experimentation=experimentation,
            sorte=sorte,
            par=regles_comptes.personne_connectee(request),
        )
    except PageAttendueImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(
            request,
            f"L'expérimentation ne doit plus de page « {SortePage(sorte).label} » ; celles "
            "déjà écrites restent.",
        )
    return redirect(_adresse(experimentation))
