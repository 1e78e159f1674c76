"""Framed commitments: join a community, renew, leave, my commitments, and the team's view
of who is over the monthly threshold.

The community page (``communautes.views.communautes.detail``) merges
:func:`contexte_engagement` into its context and includes
``communautes/includes/_engagement_bloc.html``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communautes import rules
from communautes.forms.engagements import ProlongerForm, RejoindreForm
from communautes.models import Communaute, Engagement, engagement_en_cours
from communautes.services import engagements as services
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne
from tilab.dates import date_francaise
from tilab.pagination import paginer

PAR_PAGE_PASSES = 20
PAR_PAGE_CHARGE = 50
# What the team's view shows of each running commitment: not the community's texts.
CHAMPS_ENGAGEMENT_CHARGE = (
    "pk",
    "personne",
    "heures_par_mois",
    "fin",
    "contractuel",
    "cadre",
    "communaute__id",
    "communaute__nom",
    "communaute__slug",
)


# --- On the community page ----------------------------------------------------------------


def contexte_engagement(request: HttpRequest, communaute: Communaute) -> dict[str, Any]:
    """What ``communautes/includes/_engagement_bloc.html`` needs: the person's running commitment
    in ``communaute`` or whether they may join. One query for a logged-in person, none for a
    visitor (the e-mail verification is checked by the join page itself)."""
    mon_engagement = None
    if regles_comptes.est_connecte(request.user):
        mon_engagement = _engagement_en_cours(
            communaute, regles_comptes.personne_connectee(request)
        )
    return {
        "engagement_communaute": communaute,
        "mon_engagement": mon_engagement,
        "engagement_ouvert": communaute.accueille_des_membres,
    }


# --- Join -----------------------------------------------------------------------------------


def _engagement_en_cours(communaute: Communaute, personne: Personne) -> Engagement | None:
    return Engagement.objects.actifs().filter(communaute=communaute, personne=personne).first()


@require_http_methods(["GET", "POST"])
@regles_comptes.adresse_verifiee_requise
def rejoindre(request: HttpRequest, slug: str) -> HttpResponse:
    """The join form. Past the threshold, the person sees their figures and confirms."""
    communaute = get_object_or_404(Communaute.objects.select_related("problematique"), slug=slug)
    personne = regles_comptes.personne_connectee(request)
    aujourd_hui = timezone.localdate()
    contexte: dict[str, Any] = {
        "communaute": communaute,
        "seuil": services.seuil_heures(),
    }
    if not rules.peut_rejoindre(request.user, communaute):
        contexte["fermee"] = True
        return render(
            request,
            "communautes/engagement_rejoindre.html",
            contexte,
            status=200 if request.method == "GET" else 400,
        )
    existant = _engagement_en_cours(communaute, personne)
    if existant is not None:
        messages.info(
            request,
            "Vous êtes déjà engagé·e dans cette communauté jusqu'au "
            f"{date_francaise(existant.fin, 'j F Y')}. Vous pouvez prolonger votre engagement "
            "ou le quitter ici.",
        )
        return redirect("communautes:mes_engagements")

    heures_actuelles = services.heures_engagees(personne)
    contexte["heures_actuelles"] = heures_actuelles
    if request.method == "POST":
        form = RejoindreForm(
            request.POST, communaute=communaute, personne=personne, aujourd_hui=aujourd_hui
        )
        if form.is_valid():
            try:
                engagement = services.engagement_rejoindre(
                    communaute=communaute, personne=personne, **form.donnees_service()
                )
            except services.SeuilDepasse as depassement:
                form.avertir(depassement, deja_averti=bool(request.POST.get("averti")))
                contexte["heures_actuelles"] = depassement.heures_actuelles
            except services.EngagementImpossible as refus:
                form.add_error(None, refus)
            else:
                messages.success(
                    request,
                    f"Vous avez rejoint « {communaute.nom} » jusqu'au "
                    f"{date_francaise(engagement.fin, 'j F Y')}, pour "
                    f"{engagement.heures_par_mois} h par mois. Merci !",
                )
                return redirect(communaute)
        contexte["form"] = form
        return render(request, "communautes/engagement_rejoindre.html", contexte, status=400)
    contexte["form"] = RejoindreForm(
        communaute=communaute, personne=personne, aujourd_hui=aujourd_hui
    )
    return render(request, "communautes/engagement_rejoindre.html", contexte)


# --- Renew and leave ------------------------------------------------------------------------


def _mon_engagement(request: HttpRequest, slug: str) -> Engagement | None:
    """The person's own running commitment in the community ``slug`` (404 for an unknown
    community), or ``None`` with a message saying so."""
    communaute = get_object_or_404(Communaute, slug=slug)
    engagement = _engagement_en_cours(communaute, regles_comptes.personne_connectee(request))
    if engagement is None:
        messages.error(request, "Vous n'avez pas d'engagement en cours dans cette communauté.")
        return None
    engagement.communaute = communaute
    return engagement


@require_http_methods(["GET", "POST"])
@regles_comptes.adresse_verifiee_requise
def prolonger(request: HttpRequest, slug: str) -> HttpResponse:
    """Move the end date of one's own running commitment, up to twelve months from today."""
    engagement = _mon_engagement(request, slug)
    if engagement is None:
        return redirect("communautes:mes_engagements")
    aujourd_hui = timezone.localdate()
    contexte: dict[str, Any] = {"engagement": engagement, "communaute": engagement.communaute}
    if not engagement.communaute.accueille_des_membres:
        contexte["fermee"] = True
        return render(
            request,
            "communautes/engagement_prolonger.html",
            contexte,
            status=200 if request.method == "GET" else 400,
        )
    if engagement.fin >= services.fin_maximale(aujourd_hui):
        # Already as far as a commitment may go: nothing later to choose today.
        contexte["au_maximum"] = True
        return render(
            request,
            "communautes/engagement_prolonger.html",
            contexte,
            status=200 if request.method == "GET" else 400,
        )
    if request.method == "POST":
        form = ProlongerForm(request.POST, engagement=engagement, aujourd_hui=aujourd_hui)
        if form.is_valid():
            try:
                engagement = services.engagement_prolonger(
                    engagement=engagement,
                    par=regles_comptes.personne_connectee(request),
                    fin=form.cleaned_data["fin"],
                )
            except services.EngagementImpossible as refus:
                form.add_error(None, refus)
            else:
                messages.success(
                    request,
                    f"Votre engagement dans « {engagement.communaute.nom} » est prolongé "
                    f"jusqu'au {date_francaise(engagement.fin, 'j F Y')}.",
                )
                return redirect("communautes:mes_engagements")
        contexte["form"] = form
        return render(request, "communautes/engagement_prolonger.html", contexte, status=400)
    contexte["form"] = ProlongerForm(engagement=engagement, aujourd_hui=aujourd_hui)
    return render(request, "communautes/engagement_prolonger.html", contexte)


@require_POST
@regles_comptes.connexion_puis_retour_vers("communautes:detail")
def quitter(request: HttpRequest, slug: str) -> HttpResponse:
    """Leave a community at any time: one's own running commitment ends today."""
    engagement = _mon_engagement(request, slug)
    if engagement is None:
        return redirect("communautes:mes_engagements")
    try:
        services.engagement_quitter(
            engagement=engagement, par=regles_comptes.personne_connectee(request)
        )
    except services.EngagementImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(
            request,
            f"Vous avez quitté « {engagement.communaute.nom} ». Merci pour le temps que vous "
            "lui avez consacré.",
        )
    return redirect("communautes:mes_engagements")


# --- My commitments -------------------------------------------------------------------------


@regles_comptes.regle_requise(regles_comptes.peut_voir_son_profil)
def mes_engagements(request: HttpRequest) -> HttpResponse:
    """My running commitments with their total against the threshold, then the past ones."""
    personne = regles_comptes.personne_connectee(request)
    aujourd_hui = timezone.localdate()
    en_cours = list(
        Engagement.objects.actifs(aujourd_hui)
        .de(personne)
        .select_related("communaute", "organisation")
        .order_by("fin", "communaute__nom", "pk")
    )
    passes = (
        Engagement.objects.de(personne)
        .filter(Q(termine_le__isnull=False) | Q(fin__lt=aujourd_hui))
        .select_related("communaute", "organisation")
        .order_by("-fin", "-pk")
    )
    pagination = paginer(request, passes, PAR_PAGE_PASSES)
    total = sum(e.heures_par_mois for e in en_cours)
    seuil = services.seuil_heures()
    contexte = {
        **pagination,
        "en_cours": en_cours,
        "passes": list(pagination["page"].object_list),
        "total": total,
        "seuil": seuil,
        "au_dela": total > seuil,
        "rappel_le": aujourd_hui + services.DELAI_RAPPEL,
    }
    return render(request, "communautes/engagement_mes_engagements.html", contexte)


# --- The team's view of who is over the threshold --------------------------------------------


@regles_comptes.regle_requise(rules.peut_voir_les_engagements)
def charge(request: HttpRequest) -> HttpResponse:
    """People whose running commitments add up past the threshold, heaviest first."""
    aujourd_hui = timezone.localdate()
    seuil = services.seuil_heures()
    # Each person's running commitments summed in one pass, grouped by person and kept past
    # the threshold: the total the list is sorted by is computed once per person, from the
    # partial index of running commitments (engagement_en_cours_personne), not read again
    # by a subquery for every person over the threshold before the page is cut.
    personnes = (
        Personne.objects.filter(engagement_en_cours(aujourd_hui, "engagements__"))
        .annotate(total=Sum("engagements__heures_par_mois"))
        .filter(total__gt=seuil)
        .select_related("organisation")
        .only("first_name", "last_name", "email", "organisation__nom")
        .prefetch_related(
            Prefetch(
                "engagements",
                queryset=Engagement.objects.actifs(aujourd_hui)
                .select_related("communaute")
                .only(*CHAMPS_ENGAGEMENT_CHARGE)
                .order_by("-heures_par_mois", "communaute__nom", "pk"),
                to_attr="engagements_en_cours",
            )
        )
        .order_by("-total", "last_name", "first_name", "pk")
    )
    pagination = paginer(request, personnes, PAR_PAGE_CHARGE)
    contexte = {
        **pagination,
        "personnes": list(pagination["page"].object_list),
        "seuil": seuil,
    }
    return render(request, "communautes/engagement_charge.html", contexte)
