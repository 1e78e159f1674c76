"""A problem's maturity for COPIL: the public checklist on the problem's page, and the team's
two forms (the willing territory with its note; the Direction's override with its reason).

The URLs live under the problem (``communautes:maturite_territoire``,
``communautes:maturite_derogation``): ``slug`` is the problem's. The writes go through
``communautes.services.maturite``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from communautes import rules
from communautes.forms.maturite import DerogationForm, TerritoireVolontaireForm
from communautes.models import communaute_de
from communautes.services import maturite as services_maturite
from communautes.services.maturite import maturite_de_communaute
from tilab.comptes import rules as regles_comptes

if TYPE_CHECKING:
    from django import forms

    from communautes.models import Communaute
    from problematiques.models import Problematique


def contexte_problematique(request: HttpRequest, problematique: Problematique) -> dict[str, Any]:
    """What the problem's page needs from this module (merged into its context): the
    checklist (``maturite``, ``None`` without a community: one query otherwise) and whether
    the reader may tick the territory or override."""
    communaute = communaute_de(problematique)
    if communaute is None:
        return {"maturite": None}
    user = request.user
    return {
        "maturite": maturite_de_communaute(communaute),
        "peut_noter_territoire": rules.peut_noter_territoire_volontaire(user),
        "peut_deroger": rules.peut_deroger_a_la_maturite(user),
    }


def _problematique(request: HttpRequest, slug: str) -> Problematique:
    from problematiques.models import Problematique

    return get_object_or_404(
        Problematique.objects.visibles_par(request.user).select_related(
            "communaute__territoire_volontaire"
        ),
        slug=slug,
    )


def _sans_communaute(request: HttpRequest, problematique: Problematique) -> HttpResponse:
    messages.error(
        request,
        "Cette problématique n'a pas encore de communauté d'intérêt : la maturité se lit "
        "une fois la communauté constituée.",
    )
    return redirect(problematique)


def _rendre(
    request: HttpRequest,
    gabarit: str,
    *,
    problematique: Problematique,
    communaute: Communaute,
    form: forms.Form,
    status: int = 200,
) -> HttpResponse:
    contexte = {
        "problematique": problematique,
        "communaute": communaute,
        "maturite": maturite_de_communaute(communaute),
        "form": form,
    }
    return render(request, gabarit, contexte, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@regles_comptes.regle_requise(rules.peut_noter_territoire_volontaire)
def territoire_volontaire(request: HttpRequest, slug: str) -> HttpResponse:
    """Tick (or untick, with ``retirer``) « a territory is willing to commit », with a note."""
    problematique = _problematique(request, slug)
    communaute = communaute_de(problematique)
    if communaute is None:
        return _sans_communaute(request, problematique)
    personne = regles_comptes.personne_connectee(request)
    gabarit = "communautes/maturite_territoire.html"
    if request.method == "POST" and "retirer" in request.POST:
        if services_maturite.maturite_retirer_territoire(communaute=communaute, par=personne):
            messages.success(request, "Le territoire prêt à s'engager n'est plus noté.")
        else:
            messages.info(request, "Aucun territoire n'était noté.")
        return redirect(problematique)
    if request.method == "POST":
        form = TerritoireVolontaireForm(request.POST, communaute=communaute)
        if form.is_valid():
            try:
                services_maturite.maturite_noter_territoire(
                    communaute=communaute,
                    par=personne,
                    territoire=form.cleaned_data["territoire"],
                    note=form.cleaned_data["note"],
                )
            except services_maturite.MaturiteImpossible as refus:
                form.add_error(None, refus)
            else:
                messages.success(
                    request,
                    f"Le territoire {form.cleaned_data['territoire'].nom} est noté comme "
                    "prêt à s'engager.",
                )
                return redirect(problematique)
        return _rendre(
            request,
            gabarit,
            problematique=problematique,
            communaute=communaute,
            form=form,
            status=400,
        )
    initial = {}
    if communaute.territoire_volontaire_id is not None:
        initial = {
            "territoire": communaute.territoire_volontaire_id,
            "note": communaute.territoire_volontaire_note,
        }
    form = TerritoireVolontaireForm(initial=initial, communaute=communaute)
    return _rendre(request, gabarit, problematique=problematique, communaute=communaute, form=form)


@require_http_methods(["GET", "HEAD", "POST"])
@regles_comptes.regle_requise(rules.peut_deroger_a_la_maturite)
def derogation(request: HttpRequest, slug: str) -> HttpResponse:
    """The Direction declares the problem ready for COPIL with a written reason (or withdraws
    it, with ``retirer``)."""
    problematique = _problematique(request, slug)
    communaute = communaute_de(problematique)
    if communaute is None:
        return _sans_communaute(request, problematique)
    personne = regles_comptes.personne_connectee(request)
    gabarit = "communautes/maturite_derogation.html"
    if request.method == "POST" and "retirer" in request.POST:
        if services_maturite.maturite_retirer_derogation(communaute=communaute, par=personne):
            messages.success(
                request, "La dérogation est retirée : seule la liste des critères compte."
            )
        else:
            messages.info(request, "Il n'y avait pas de dérogation.")
        return redirect(problematique)
    if request.method == "POST":
        form = DerogationForm(request.POST)
        if form.is_valid():
            try:
                services_maturite.maturite_deroger(
                    communaute=communaute, par=personne, motif=form.cleaned_data["motif"]
                )
            except services_maturite.MaturiteImpossible as refus:
                form.add_error(None, refus)
            else:
                messages.success(
                    request, "La dérogation est enregistrée : la problématique est prête pour "
                    "le COPIL."
                )  # fmt: skip
                return redirect(problematique)
        return _rendre(
            request,
            gabarit,
            problematique=problematique,
            communaute=communaute,
            form=form,
            status=400,
        )
    initial = {"motif": communaute.derogation_motif} if communaute.derogation_le else {}
    form = DerogationForm(initial=initial)
    return _rendre(request, gabarit, problematique=problematique, communaute=communaute, form=form)
