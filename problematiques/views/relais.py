"""The relay's side of problems: reporting one, the confirmation, and "mes remontées".

The report itself is written by ``services.problematique_signaler`` (state, first step,
follower, e-mails); these views only check who asks, guard against spam and show pages.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from problematiques import antispam, rules, services
from problematiques.forms.signalement import SignalementForm
from problematiques.models import Problematique, Transition
from tilab.comptes import rules as regles_comptes
from tilab.pagination import paginer

REMONTEES_PAR_PAGE = 10


@require_http_methods(["GET", "HEAD", "POST"])
@regles_comptes.adresse_verifiee_requise
@regles_comptes.regle_requise(rules.peut_signaler)
def signaler(request: HttpRequest) -> HttpResponse:
    personne = regles_comptes.personne_connectee(request)
    apercu = None
    limite = None
    if request.method == "POST" and "apercu" in request.POST:
        # Preview: what was typed comes back with its rendering; nothing is checked or saved.
        form = SignalementForm.pour_apercu(request.POST, personne=personne)
        apercu = {nom: request.POST.get(nom, "") for nom in SignalementForm.champs_markdown}
    elif request.method == "POST" and (limite := antispam.limite_atteinte(request, personne)):
        # Over the limit nothing is sent and nothing is lost: the form comes back as typed,
        # saying when it can go (429, Retry-After); the page left open, one click sends it.
        form = SignalementForm.pour_apercu(request.POST, personne=personne)
    elif request.method == "POST":
        form = SignalementForm(request.POST, personne=personne)
        if form.is_valid():
            donnees = form.cleaned_data
            problematique = services.problematique_signaler(
                auteur=personne,
                titre=donnees["titre"],
                constat=donnees["constat"],
                publics_concernes=donnees["publics_concernes"],
                deja_tente=donnees["deja_tente"],
                territoires=form.territoires_choisis(),
                themes=donnees["themes"],
                organisation=donnees["organisation"],
            )
            antispam.compter_envoi(request)
            return redirect("problematiques:signalement_envoye", slug=problematique.slug)
    else:
        form = SignalementForm(personne=personne)
    reponse = render(
        request,
        "problematiques/problematique_signaler.html",
        {"form": form, "apercu": apercu, "jeton": form.valeur_jeton(), "limite": limite},
        status=200 if limite is None else 429,
    )
    if limite is not None:
        reponse["Retry-After"] = str(limite.reessayer_dans)
    return reponse


@require_GET
@regles_comptes.regle_requise(regles_comptes.est_connecte)
def signalement_envoye(request: HttpRequest, slug: str) -> HttpResponse:
    # Only its author: for anyone else the page does not exist.
    problematique = get_object_or_404(
        Problematique.objects.de(regles_comptes.personne_connectee(request)).prefetch_related(
            "territoires", "themes"
        ),
        slug=slug,
    )
    return render(
        request,
        "problematiques/problematique_signalement_envoye.html",
        {
            "problematique": problematique,
            "delai_jours_ouvres": services.DELAI_REPONSE_JOURS_OUVRES,
        },
    )


@require_GET
@regles_comptes.regle_requise(regles_comptes.est_connecte)
def mes_remontees(request: HttpRequest) -> HttpResponse:
    remontees = (
        Problematique.objects.de(regles_comptes.personne_connectee(request))
        .select_related("organisation", "fusionnee_dans")
        .prefetch_related(
            "territoires",
            "themes",
            Prefetch(
                "transitions",
                queryset=Transition.objects.pour_auteur().order_by("cree_le", "pk"),
                to_attr="etapes",
            ),
        )
        .order_by("-cree_le", "-pk")
    )
    pagination = paginer(request, remontees, REMONTEES_PAR_PAGE)
    return render(
        request,
        "problematiques/problematique_mes_remontees.html",
        {**pagination, "remontees": pagination["page"].object_list},
    )
