"""What the Direction sets in the back office: each coordinator's capacity (a new row for each
change, through ``capacite_fixer``: the list filtered by coordinator is its history, and shows
the team's load against it) and the yearly operating budget for providers, with what the
experiments' budget lines commit against it.

The rest of the Ti Team reads both (``experimentations.rules.peut_fixer_les_capacites``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from communautes.forms.communautes import ChoixAnimateur
from experimentations import rules
from experimentations.admin.experimentations import EcritParLesServices, montant_correle, par
from experimentations.charge import charge_de_l_equipe
from experimentations.models import BudgetAnnuel, Capacite, LigneBudget
from experimentations.services import experimentations as services
from tilab.admin import AvecChampsDeTexte, FiltreRelationUtilisee
from tilab.comptes.models import Personne
from tilab.textes import ChampNom


@admin.register(Capacite)
class CapaciteAdmin(EcritParLesServices, AvecChampsDeTexte):
    """Capacities are never edited: the Direction sets a new one, the former ones stay as the
    history (``?coordinateur__id__exact=<id>``)."""

    change_list_template = "admin/experimentations/capacite/change_list.html"
    list_display = ("coordinateur", "nombre", "depuis", "fixee_par", "note", "historique")
    list_select_related = ("coordinateur", "fixee_par")
    list_filter = (("coordinateur", FiltreRelationUtilisee),)
    search_fields = ("coordinateur__first_name", "coordinateur__last_name", "coordinateur__email")
    # Each coordinator's history, the latest first: the index capacite_recente.
    ordering = ("coordinateur_id", "-depuis", "-pk")
    list_per_page = 100
    fields = ("coordinateur", "nombre", "note")
    champs_de_texte = {"note": ChampNom}

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return self.fields
        return ("coordinateur", "nombre", "depuis", "fixee_par", "note")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "coordinateur":
            kwargs["queryset"] = services.coordinateurs_possibles()
            kwargs["form_class"] = ChoixAnimateur
            kwargs["error_messages"] = {
                "invalid_choice": _("Choisissez une personne qui a le rôle Coordination.")
            }
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_fixer_les_capacites(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("historique"))
    def historique(self, obj: Capacite) -> Any:
        return format_html(
            '<a href="{}?coordinateur__id__exact={}">{}</a>',
            reverse("admin:experimentations_capacite_changelist"),
            obj.coordinateur_id,
            _("ses capacités successives"),
        )

    def save_model(self, request: HttpRequest, obj: Capacite, form: Any, change: bool) -> None:
        fixee = services.capacite_fixer(
            par=par(request),
            coordinateur=obj.coordinateur,
            nombre=obj.nombre,
            note=obj.note,
        )
        for champ in Capacite._meta.concrete_fields:
            setattr(obj, champ.attname, getattr(fixee, champ.attname))
        obj._state.adding = False
        obj._state.db = fixee._state.db

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # The team's load against these capacities, the back office naming everyone.
        charge = charge_de_l_equipe()
        personnes = Personne.objects.in_bulk([ligne.personne_id for ligne in charge.lignes])
        lignes = [
            {
                "personne": personnes.get(ligne.personne_id or 0),
                "en_charge": ligne.en_charge,
                "capacite": ligne.capacite,
                "depasse": ligne.depasse,
            }
            for ligne in charge.lignes
        ]
        contexte = {"charge": charge, "lignes_charge": lignes} | (extra_context or {})
        return super().changelist_view(request, extra_context=contexte)


@admin.register(BudgetAnnuel)
class BudgetAnnuelAdmin(admin.ModelAdmin):
    """The operating budget for providers, year by year: set by the Direction; what the
    experiments' budget lines of that year commit against it, read from them."""

    list_display = ("annee", "montant", "engage", "reste", "modifie_le")
    ordering = ("-annee",)
    list_per_page = 50
    fields = ("annee", "montant")

    def get_queryset(self, request: HttpRequest) -> QuerySet[BudgetAnnuel]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                total_engage=montant_correle(LigneBudget.objects.filter(annee=OuterRef("annee")))
            )
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A year's budget is changed, not moved to another year.
        return ("annee",) if obj is not None else ()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_fixer_les_capacites(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and rules.peut_fixer_les_capacites(
            request.user
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("engagé (euros)"), ordering="total_engage")
    def engage(self, obj: BudgetAnnuel) -> Any:
        return getattr(obj, "total_engage", 0)

    @admin.display(description=_("reste (euros)"))
    def reste(self, obj: BudgetAnnuel) -> Any:
        return obj.montant - getattr(obj, "total_engage", 0)
