"""Forming a community of interest from a problem: the Ti Team's form, and what the problem's
pages show of its community — the panels of its public page and of its back-office page and
the link on its trajectory's step, registered into ``problematiques.trajectoire`` by
``communautes.apps``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from communautes import rules
from communautes.forms.communautes import ConstitutionForm
from communautes.models import Communaute, communaute_de
from communautes.services import communautes as services_communautes
from problematiques.models import Problematique
from problematiques.trajectoire import Etape
from tilab.comptes import rules as regles_comptes
from tilab.francais import compte


@regles_comptes.regle_requise(rules.peut_constituer)
@regles_comptes.adresse_verifiee_requise(lecture_libre=True)
def constituer(request: HttpRequest, slug: str) -> HttpResponse:
    """The form (GET), then the community formed and the invitations sent (POST).

    « Prévisualiser » (``apercu``) shows the purpose as it will appear, without forming
    anything. A refusal of the service (the problem moved meanwhile) comes back above the
    form, with what was typed.
    """
    problematique = get_object_or_404(Problematique.objects.select_related("communaute"), slug=slug)
    existante = communaute_de(problematique)
    if existante is not None:
        messages.info(request, f"Cette problématique a déjà sa communauté : « {existante.nom} ».")
        return redirect(existante)
    if not services_communautes.peut_etre_constituee(problematique):
        messages.error(
            request,
            "Une communauté d'intérêt se constitue à partir d'une problématique ouverte ou "
            f"ajournée ; celle-ci est « {problematique.get_statut_display()} ».",
        )
        return redirect(problematique)

    personne = regles_comptes.personne_connectee(request)
    apercu = None
    status = 200
    if request.method == "POST":
        formulaire = ConstitutionForm(request.POST, problematique=problematique)
        if formulaire.is_valid() and request.POST.get("apercu"):
            apercu = formulaire.cleaned_data["objet"]
        elif formulaire.is_valid():
            try:
                communaute = services_communautes.communaute_constituer(
                    problematique=problematique,
                    par=personne,
                    nom=formulaire.cleaned_data["nom"],
                    objet=formulaire.cleaned_data["objet"],
                    animateur=formulaire.cleaned_data["animateur"],
                )
            except services_communautes.ActionCommunauteImpossible as refus:
                # Its errors are keyed by the form's fields (nom, objet, animateur) or general.
                formulaire.add_error(None, refus)
                status = 400
            else:
                nb = services_communautes.soutiens_invites(problematique).count()
                messages.success(
                    request,
                    f"La communauté « {communaute.nom} » est constituée. "
                    + compte(
                        nb,
                        "personne invitée par courriel à la rejoindre.",
                        "personnes invitées par courriel à la rejoindre.",
                        "Aucune personne n'avait demandé à être invitée : faites-la connaître.",
                    ),
                )
                return redirect(communaute)
        else:
            status = 400
            if request.POST.get("apercu") and formulaire.data.get("objet"):
                apercu = str(formulaire.data.get("objet"))
    else:
        formulaire = ConstitutionForm(problematique=problematique, personne=personne)

    contexte = {
        "problematique": problematique,
        "form": formulaire,
        "apercu": apercu,
        "nb_invites": services_communautes.soutiens_invites(problematique).count(),
    }
    return render(request, "communautes/communaute_constituer.html", contexte, status=status)


def contexte_problematique(request: HttpRequest, problematique: Problematique) -> dict[str, Any]:
    """What the problem's page shows about its community (``_communaute_encart_problematique.html``,
    a panel registered in ``communautes.apps``).

    ``communaute``: the community itself (fetched with the problem: no query).
    ``constitution``: for the people who may form one, while the problem's state allows it,
    the link to the form and how many supporters are ready to join (one query, for them
    only).
    """
    communaute = communaute_de(problematique)
    contexte: dict[str, Any] = {"communaute": communaute, "constitution": None}
    if (
        communaute is None
        and services_communautes.peut_etre_constituee(problematique)
        and rules.peut_constituer(request.user)
    ):
        contexte["constitution"] = {
            "url": reverse(
                "communautes:constituer_communaute", kwargs={"slug": problematique.slug}
            ),
            "nb_invites": services_communautes.soutiens_invites(problematique).count(),
        }
    return contexte


def etape_constitution(problematique: Problematique, etape: Etape) -> Etape:
    """The trajectory's step where the community was formed links to the community (no query
    when the problem was fetched with its ``communaute``)."""
    communaute = communaute_de(problematique)
    if communaute is None:
        return etape
    return replace(
        etape,
        lien=communaute.get_absolute_url(),
        lien_texte=f"Voir la communauté « {communaute.nom} »",
        genre="communaute",
    )


def contexte_admin(request: HttpRequest, problematique: Problematique) -> dict[str, Any]:
    """``communaute_interet`` for the problem's change page in the back office (a panel
    registered in ``communautes.apps``): a link to its community once formed; before, the way
    to the form that forms it (its own page: it needs a name, a purpose and an animator, so it
    is not one of the generic step buttons), when legal and allowed."""
    communaute = Communaute.objects.filter(problematique=problematique).first()
    if communaute is not None:
        return {
            "communaute_interet": {
                "communaute": communaute,
                "url_admin": reverse("admin:communautes_communaute_change", args=[communaute.pk]),
            }
        }
    if services_communautes.peut_etre_constituee(problematique) and rules.peut_constituer(
        request.user
    ):
        return {
            "communaute_interet": {
                "url_constituer": reverse(
                    "communautes:constituer_communaute", kwargs={"slug": problematique.slug}
                ),
                "nb_invites": services_communautes.soutiens_invites(problematique).count(),
            }
        }
    return {"communaute_interet": {}}
