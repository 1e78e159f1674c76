"""Events: the list, an event's page with registration, calendar files, registration lists."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from typing import cast, overload

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from communautes import ical, rules
from communautes.models import Evenement, EvenementQuerySet, Inscription, StatutInscription
from communautes.services import evenements as services_evenements
from tilab.accueil import DERNIERS_ELEMENTS
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne
from tilab.flux import servir_en_cache
from tilab.pagination import paginer
from tilab.panneaux import panneaux

PAR_PAGE = 20
# What an event's card shows (communautes/includes/_evenement_carte.html): not its description.
CHAMPS_CARTE = (
    "titre",
    "slug",
    "type",
    "publie",
    "debut",
    "fin",
    "lieu",
    "lien_en_ligne",
    "capacite",
    "communaute__id",
    "communaute__nom",
    "communaute__slug",
)


def index(request: HttpRequest) -> HttpResponse:
    """Upcoming events first (soonest first), then past ones (latest first), paginated."""
    maintenant = timezone.now()
    evenements = AVenirPuisPasses(Evenement.objects.visibles_par(request.user), maintenant)
    pagination = paginer(request, evenements, PAR_PAGE)
    objets: list[Evenement] = list(pagination["page"].object_list)
    contexte = {
        **pagination,
        "a_venir": [e for e in objets if e.fin >= maintenant],
        "passes": [e for e in objets if e.fin < maintenant],
    }
    return render(request, "communautes/evenement_liste.html", contexte)


class AVenirPuisPasses(Sequence[Evenement]):
    """The events of the list in its order, as the paginator reads them: the upcoming ones
    (soonest first), then the past ones (latest first).

    One order over both would sort on an expression of the current time, which no index can
    hold: every event would be sorted, and counted for its registrations, up to the page. Here
    each part has its own order and its index: upcoming events are found through the index on
    their end (``evenement_fin``: as many as are announced, whatever the history), past ones
    are read from the newest (``evenement_recent``, which holds what the page's identifiers
    need). Its length counts both parts in one query; a page is read in one query, two
    for the page where upcoming events give way to past ones. Registrations are counted for
    the rows of the page only (``avec_nb_inscriptions``).
    """

    def __init__(self, evenements: EvenementQuerySet, maintenant: datetime) -> None:
        self._evenements = evenements
        self._maintenant = maintenant
        self._nb_a_venir: int | None = None
        self._total = 0

    # The paginator checks that what it cuts is ordered.
    ordered = True

    def __len__(self) -> int:
        # What the paginator counts (once): both parts in one query.
        chiffres = self._evenements.aggregate(
            total=Count("pk"), a_venir=Count("pk", filter=Q(fin__gte=self._maintenant))
        )
        self._nb_a_venir, self._total = chiffres["a_venir"], chiffres["total"]
        return self._total

    @overload
    def __getitem__(self, index: int) -> Evenement: ...

    @overload
    def __getitem__(self, index: slice) -> list[Evenement]: ...

    def __getitem__(self, index: int | slice) -> Evenement | list[Evenement]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        if self._nb_a_venir is None:
            len(self)
        nb_a_venir = self._nb_a_venir or 0
        debut, fin, _ = index.indices(self._total)
        objets: list[Evenement] = []
        if debut < nb_a_venir:
            a_venir = self._evenements.filter(fin__gte=self._maintenant).order_by("debut", "pk")
            objets += self._tranche(a_venir, debut, min(fin, nb_a_venir))
        if fin > nb_a_venir:
            passes = self._evenements.filter(fin__lt=self._maintenant).order_by("-debut", "-pk")
            objets += self._tranche(passes, max(debut - nb_a_venir, 0), fin - nb_a_venir)
        return objets

    @staticmethod
    def _tranche(evenements: EvenementQuerySet, debut: int, fin: int) -> list[Evenement]:
        # The identifiers of the slice first, from the order's index; then those rows only,
        # with their community and their registrations counted.
        return list(
            evenements.filter(pk__in=evenements.values("pk")[debut:fin])
            .avec_nb_inscriptions()
            .select_related("communaute")
            .only(*CHAMPS_CARTE)
        )


def _evenement_visible(request: HttpRequest, slug: str) -> Evenement:
    return get_object_or_404(
        Evenement.objects.visibles_par(request.user)
        .avec_nb_inscriptions()
        .select_related("problematique", "communaute"),
        slug=slug,
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    evenement = _evenement_visible(request, slug)
    user = request.user
    mon_inscription = None
    if regles_comptes.est_connecte(user):
        mon_inscription = (
            Inscription.objects.filter(evenement=evenement, personne=cast(Personne, user))
            .exclude(statut=StatutInscription.ANNULEE)
            .avec_position()
            .first()
        )
    problematique = evenement.problematique
    contexte = {
        "evenement": evenement,
        "mon_inscription": mon_inscription,
        "position_attente": getattr(mon_inscription, "position", None),
        "peut_s_inscrire": rules.peut_s_inscrire_a_un_evenement(user),
        "peut_voir_les_inscriptions": rules.peut_voir_les_inscriptions(user),
        "problematique": problematique
        if problematique is not None and problematique.est_publique
        else None,
        # What the upper apps add (its report, once documented).
        "panneaux": panneaux(request, "evenement", evenement),
    }
    return render(request, "communautes/evenement_detail.html", contexte)


@require_POST
@regles_comptes.connexion_puis_retour_vers("evenements:detail")
@regles_comptes.adresse_verifiee_requise
def inscrire(request: HttpRequest, slug: str) -> HttpResponse:
    """Register in one click; a full event puts the person on its waiting list."""
    evenement = _evenement_visible(request, slug)
    try:
        inscription = services_evenements.inscription_creer(
            evenement=evenement, personne=regles_comptes.personne_connectee(request)
        )
    except services_evenements.InscriptionImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        if inscription.statut == StatutInscription.INSCRITE:
            messages.success(
                request,
                "Vous êtes inscrit·e. Ajoutez l'événement à votre agenda avec le fichier "
                "proposé sur cette page.",
            )
        else:
            messages.warning(
                request,
                "L'événement est complet : vous êtes sur la liste d'attente. Si une place se "
                "libère, elle vous sera donnée dans l'ordre d'arrivée et vous serez prévenu·e "
                "par courriel.",
            )
    return redirect(evenement)


@require_POST
@regles_comptes.connexion_puis_retour_vers("evenements:detail")
@regles_comptes.adresse_verifiee_requise
def annuler(request: HttpRequest, slug: str) -> HttpResponse:
    evenement = _evenement_visible(request, slug)
    inscription = services_evenements.inscription_annuler(
        evenement=evenement, personne=regles_comptes.personne_connectee(request)
    )
    if inscription is None:
        messages.error(request, "Vous n'étiez pas inscrit·e à cet événement.")
    else:
        messages.success(request, f"Votre inscription est annulée : « {evenement.titre} ».")
    if request.POST.get("retour") == "mes-inscriptions":
        return redirect("evenements:mes_inscriptions")
    return redirect(evenement)


# --- My registrations -----------------------------------------------------------------------

# The events to come a person is registered to, shown at most (past them, the page says how
# many more): a person registers to a handful.
A_VENIR_AU_PLUS = 50
PASSEES_PAR_PAGE = 20


@regles_comptes.regle_requise(regles_comptes.peut_voir_son_profil)
def mes_inscriptions(request: HttpRequest) -> HttpResponse:
    """My registrations: the events to come, soonest first, each with my place on its waiting
    list and the buttons to cancel or add it to my calendar; then the past ones, 20 a page.
    Cancelled registrations and events no longer published are left out."""
    personne = regles_comptes.personne_connectee(request)
    maintenant = timezone.now()
    miennes = (
        Inscription.objects.filter(personne=personne, evenement__publie=True)
        .exclude(statut=StatutInscription.ANNULEE)
        .select_related("evenement", "evenement__communaute")
    )
    a_venir = list(
        miennes.filter(evenement__fin__gte=maintenant)
        .avec_position()  # my place on a waiting list
        .order_by("evenement__debut", "pk")[: A_VENIR_AU_PLUS + 1]
    )
    passees = miennes.filter(evenement__fin__lt=maintenant).order_by("-evenement__debut", "-pk")
    pagination = paginer(request, passees, PASSEES_PAR_PAGE)
    return render(
        request,
        "communautes/evenement_mes_inscriptions.html",
        {
            **pagination,
            "a_venir": a_venir[:A_VENIR_AU_PLUS],
            "a_venir_au_dela": len(a_venir) > A_VENIR_AU_PLUS,
            "a_venir_au_plus": A_VENIR_AU_PLUS,
            "passees": list(pagination["page"].object_list),
        },
    )


# --- Calendar files -----------------------------------------------------------------------


def calendrier(request: HttpRequest) -> HttpResponse:
    """Every published upcoming event, for a calendar application to subscribe to. Read from
    the cache while no event of it changed (:func:`tilab.flux.servir_en_cache`, fingerprinted
    by :func:`communautes.ical.empreintes_du_flux`); a calendar application that sends back
    the ETag or the Last-Modified it received gets a 304 when nothing changed since."""
    return servir_en_cache(
        request, ical.rendre_le_flux_public, ical.empreintes_du_flux, cle=ical.CLE_CACHE
    )


def calendrier_evenement(request: HttpRequest, slug: str) -> HttpResponse:
    evenement = get_object_or_404(Evenement.objects.visibles_par(request.user), slug=slug)
    return ical.reponse_ical(
        ical.calendrier([evenement], nom=evenement.titre), f"{evenement.slug}.ics"
    )


# --- Registration lists (Animation and Direction) -----------------------------------------


def _evenement_pour_l_equipe(request: HttpRequest, slug: str) -> Evenement:
    if not rules.peut_voir_les_inscriptions(request.user):
        raise PermissionDenied
    return get_object_or_404(Evenement.objects.avec_nb_inscriptions(), slug=slug)


def _inscriptions(evenement: Evenement) -> list[Inscription]:
    ordre = Case(
        When(statut=StatutInscription.INSCRITE, then=0),
        When(statut=StatutInscription.EN_ATTENTE, then=1),
        default=2,
    )
    return list(
        Inscription.objects.filter(evenement=evenement)
        .select_related("personne__organisation")
        .order_by(ordre, "cree_le", "pk")
    )


@regles_comptes.regle_requise(rules.peut_voir_les_inscriptions)
def inscriptions(request: HttpRequest, slug: str) -> HttpResponse:
    evenement = _evenement_pour_l_equipe(request, slug)
    contexte = {"evenement": evenement, "inscriptions": _inscriptions(evenement)}
    return render(request, "communautes/evenement_inscriptions.html", contexte)


COLONNES_CSV = [
    "statut",
    "prenom",
    "nom",
    "adresse_electronique",
    "organisation",
    "fonction",
    "inscrit_le",
]


@regles_comptes.regle_requise(rules.peut_voir_les_inscriptions)
def inscriptions_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The registration list as CSV (UTF-8 with a BOM, so that spreadsheets read accents)."""
    evenement = _evenement_pour_l_equipe(request, slug)
    reponse = HttpResponse(content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = (
        f'attachment; filename="inscriptions-{slugify(evenement.slug)}.csv"'
    )
    reponse.write("\ufeff")
    ecrivain = csv.writer(reponse)
    ecrivain.writerow(COLONNES_CSV)
    for i in _inscriptions(evenement):
        p = i.personne
        ecrivain.writerow(
            [
                i.get_statut_display(),
                _cellule(p.first_name),
                _cellule(p.last_name),
                _cellule(p.email),
                _cellule(p.organisation.nom if p.organisation else ""),
                _cellule(p.fonction),
                timezone.localtime(i.cree_le).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return reponse


def _cellule(valeur: str) -> str:
    # A cell starting with = + - @ would be run as a formula by a spreadsheet.
    if valeur[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + valeur
    return valeur


def prochains(request: HttpRequest) -> list[Evenement]:
    """The home page's next published events (registered in ``communautes.apps``)."""
    return list(
        Evenement.objects.publies()
        .a_venir()
        .avec_nb_inscriptions()
        .order_by("debut", "pk")[:DERNIERS_ELEMENTS]
    )
