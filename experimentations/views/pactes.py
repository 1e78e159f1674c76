"""Pacts of transformation: the public list, a pact's page (also its paper copy), the
confirmation of a signatory with their own account, and « mes pactes »."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from experimentations import rules
from experimentations.filters import PacteFilter
from experimentations.forms import SignatureForm
from experimentations.models import EngagementPacte, Pacte, Signataire, StatutPacte
from experimentations.services import pactes as services
from tilab.comptes import rules as regles_comptes
from tilab.dates import date_francaise
from tilab.pagination import paginer
from tilab.requetes import compte_correle

PAR_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    """The public pacts, the latest first (their numbers follow each other), by state."""
    filtre = PacteFilter(
        request.GET,
        queryset=Pacte.objects.publics()
        .select_related("organisation")
        .select_related("experimentation")
        .only(
            "pk",
            "numero",
            "version",
            "statut",
            "debut",
            "fin",
            "signe_le",
            "propose_le",
            "organisation__nom",
            "experimentation__titre",
            "experimentation__slug",
        )
        .order_by("-numero"),
    )
    pagination = paginer(request, filtre.qs, PAR_PAGE, garder_filtres=True, par_identifiants=True)
    contexte = {
        **pagination,
        "filtre": filtre,
        "pactes": list(pagination["page"].object_list),
        "filtre_actif": filtre.est_actif(),
    }
    return render(request, "experimentations/pacte_liste.html", contexte)


def pacte_visible(request: HttpRequest, numero: int) -> Pacte:
    """The pact ``numero`` with what its page reads; a draft exists only for those who write
    pacts (``peut_voir_les_brouillons``), for everyone else it is a 404."""
    pactes = Pacte.objects.all()
    if not rules.peut_voir_les_brouillons(request.user):
        pactes = pactes.publics()
    pacte = (
        pactes.select_related("organisation", "experimentation", "remplace", "avenant")
        .prefetch_related(
            Prefetch(
                "engagements",
                queryset=EngagementPacte.objects.select_related("personne__organisation"),
            ),
            Prefetch(
                "signataires",
                queryset=Signataire.objects.select_related("personne__organisation"),
            ),
        )
        .filter(numero=numero)
        .first()
    )
    if pacte is None:
        raise Http404("Aucun pacte public ne porte ce numéro.")
    return pacte


def _avenant_visible(request: HttpRequest, pacte: Pacte) -> Pacte | None:
    try:
        avenant = pacte.avenant
    except Pacte.DoesNotExist:
        return None
    if avenant.statut == StatutPacte.BROUILLON and not rules.peut_voir_les_brouillons(request.user):
        return None
    return avenant


def detail(request: HttpRequest, numero: int) -> HttpResponse:
    """A pact as it binds: the organisation, the experiment, the period, the commitments,
    the signatories with the date each confirmed; printable as the paper copy."""
    pacte = pacte_visible(request, numero)
    signataires = list(pacte.signataires.all())
    moi = None
    if regles_comptes.est_connecte(request.user):
        moi = next((s for s in signataires if s.personne_id == request.user.pk), None)
    contexte = {
        "pacte": pacte,
        "engagements": list(pacte.engagements.all()),
        "signataires": signataires,
        "nb_confirmes": sum(1 for s in signataires if s.signe_le),
        "ma_signature": moi,
        "peut_signer": moi is not None and rules.peut_signer(request.user, pacte, signataires),
        "avenant": _avenant_visible(request, pacte),
    }
    return render(request, "experimentations/pacte_detail.html", contexte)


@require_http_methods(["GET", "POST"])
@regles_comptes.adresse_verifiee_requise
def signer(request: HttpRequest, numero: int) -> HttpResponse:
    """A signatory confirms the pact with their own account: the page restates what the
    organisation commits to (GET), the ticked box confirms it (POST). Nobody else may: a
    person who is not one of its signatories gets a 403."""
    pacte = pacte_visible(request, numero)
    personne = regles_comptes.personne_connectee(request)
    signataires = list(pacte.signataires.all())
    moi = next((s for s in signataires if s.personne_id == personne.pk), None)
    if moi is None:
        raise PermissionDenied("Seuls les signataires de ce pacte peuvent le confirmer.")
    if moi.signe_le is not None:
        messages.info(
            request,
            "Vous avez déjà confirmé ce pacte le "
            f"{date_francaise(timezone.localtime(moi.signe_le), 'j F Y à H:i')}.",
        )
        return redirect(pacte)
    if pacte.statut != StatutPacte.PROPOSE:
        messages.info(
            request,
            "Ce pacte n'attend pas de confirmation : il est « "
            f"{pacte.get_statut_display().lower()} ».",
        )
        return redirect(pacte)
    organisation = pacte.organisation.nom
    status = 200
    if request.method == "POST":
        formulaire = SignatureForm(request.POST, organisation=organisation)
        if formulaire.is_valid():
            try:
                signe = services.pacte_signer(par=personne, pacte=pacte)
            except services.PacteImpossible as refus:
                # Confirmed meanwhile (another tab), or the proposal was withdrawn.
                messages.info(request, " ".join(refus.messages))
                return redirect(pacte)
            if signe.statut == StatutPacte.SIGNE:
                messages.success(
                    request,
                    "Votre signature est confirmée. Tous les signataires ont confirmé : le "
                    f"{pacte} est signé.",
                )
            else:
                messages.success(
                    request,
                    "Votre signature est confirmée. Le pacte sera signé quand tous ses "
                    "signataires l'auront confirmé.",
                )
            return redirect(pacte)
        status = 400
    else:
        formulaire = SignatureForm(organisation=organisation)
    contexte = {
        "pacte": pacte,
        "engagements": list(pacte.engagements.all()),
        "signataires": signataires,
        "ma_signature": moi,
        "form": formulaire,
    }
    return render(request, "experimentations/pacte_signer.html", contexte, status=status)


@require_GET
@regles_comptes.regle_requise(regles_comptes.est_connecte)
def mes_pactes(request: HttpRequest) -> HttpResponse:
    """The public pacts the person is a signatory of, those awaiting their confirmation
    first, each with what it awaits."""
    personne = regles_comptes.personne_connectee(request)
    mienne = Signataire.objects.filter(pacte=OuterRef("pk"), personne=personne)
    pactes = (
        Pacte.objects.publics()
        .filter(pk__in=Signataire.objects.filter(personne=personne).values("pacte_id"))
        .select_related("organisation", "experimentation")
        .annotate(
            ma_signature=Subquery(mienne.values("signe_le")[:1]),
            ma_qualite=Subquery(mienne.values("qualite")[:1]),
            nb_signataires=compte_correle(Signataire, "pacte"),
            nb_confirmes=compte_correle(Signataire, "pacte", filtre=Q(signe_le__isnull=False)),
        )
        .annotate(
            a_confirmer=Case(
                When(statut=StatutPacte.PROPOSE, ma_signature__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("a_confirmer", "-numero")
    )
    pagination = paginer(request, pactes, PAR_PAGE)
    liste: list[Any] = list(pagination["page"].object_list)
    contexte = {
        **pagination,
        "pactes": liste,
        "nb_a_confirmer": sum(1 for p in liste if p.a_confirmer == 0),
    }
    return render(request, "experimentations/pacte_mes_pactes.html", contexte)
