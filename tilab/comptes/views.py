"""A person's own account: profile, export of their data, deletion (under /comptes/).

Signing up, logging in, e-mail addresses and passwords are allauth's pages, under the same
prefix (``account_*`` URL names).
"""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tilab.comptes import rules, services
from tilab.comptes.forms import ProfilForm, SuppressionCompteForm


@require_http_methods(["GET", "HEAD", "POST"])
@rules.regle_requise(rules.peut_voir_son_profil)
@rules.adresse_verifiee_requise(lecture_libre=True)
def profil(request: HttpRequest) -> HttpResponse:
    personne = rules.personne_connectee(request)
    if request.method == "POST":
        form = ProfilForm(request.POST, instance=personne)
        if form.is_valid():
            form.save()
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("comptes:profil")
    else:
        form = ProfilForm(instance=personne)
    return render(
        request,
        "comptes/personne_profil.html",
        {
            "form": form,
            "personne": personne,
            "roles": sorted(rules.roles(personne)),
            "a_un_mot_de_passe": personne.has_usable_password(),
        },
    )


@require_GET
@rules.regle_requise(rules.peut_exporter_ses_donnees)
def export(request: HttpRequest) -> HttpResponse:
    personne = rules.personne_connectee(request)
    contenu = services.donnees_personnelles_json(personne=personne)
    nom = f"tilab-mes-donnees-{timezone.localdate().isoformat()}.json"
    return HttpResponse(
        contenu,
        content_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{nom}"',
            # Personal data: no copy in any cache on the way.
            "Cache-Control": "no-store, private",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@rules.regle_requise(rules.peut_supprimer_son_compte)
@rules.adresse_verifiee_requise(lecture_libre=True)
def supprimer(request: HttpRequest) -> HttpResponse:
    personne = rules.personne_connectee(request)
    if request.method == "POST":
        form = SuppressionCompteForm(request.POST, personne=personne)
        if form.is_valid():
            services.personne_supprimer(personne=personne)
            get_adapter(request).logout(request)
            # Added after the logout, which empties the session the message would live in.
            messages.success(
                request,
                _(
                    "Votre compte est supprimé. Ce que vous aviez publié reste en ligne, "
                    "attribué à « ancien membre ». Merci d'avoir participé."
                ),
            )
            return redirect("accueil")
    else:
        form = SuppressionCompteForm(personne=personne)
    return render(request, "comptes/personne_supprimer.html", {"form": form})
