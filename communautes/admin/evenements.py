"""The back office of events: registrations are read here, changed on the site.

Who reads them is the rule of the site's registration lists,
``communautes.rules.peut_voir_les_inscriptions`` (Animation and Direction), not the
``view_inscription`` permission: one rule for the page, its CSV and the back office.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from communautes import rules
from communautes.models import (
    Evenement,
    Inscription,
)
from tilab.admin import AvecChampsDeTexte, AvecDatesNommees
from tilab.textes import ChampNom, ChampTexte, ChampTitre


class InscriptionInline(admin.TabularInline):
    """Registrations are the people's own doing (through the site): those who may see the
    registration lists read them here, nobody else sees them at all."""

    model = Inscription
    extra = 0
    can_delete = False
    fields = ("personne", "statut", "cree_le")
    readonly_fields = fields
    ordering = ("statut", "cree_le")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.peut_voir_les_inscriptions(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Otherwise a superuser would get the inline through the delete permission.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("personne")


@admin.register(Evenement)
class EvenementAdmin(AvecChampsDeTexte, AvecDatesNommees):
    au_menu = 30  # in the back office's header (tilab.admin.SiteAdmin.menu_equipe)
    list_display = ("titre", "type", "debut", "publie", "capacite", "nb_inscrites", "nb_en_attente")
    list_filter = ("type", "publie")
    search_fields = ("titre",)
    # Its years and months are read from the index of ``debut``.
    date_hierarchy = "debut"
    # Like the other lists of the back office: a page's cost is its rows.
    list_per_page = 50
    # Counted once, filtered, not a second time whole.
    show_full_result_count = False
    prepopulated_fields = {"slug": ("titre",)}
    autocomplete_fields = ("problematique", "communaute")
    inlines = [InscriptionInline]
    champs_de_texte = {"titre": ChampTitre, "lieu": ChampNom, "description": ChampTexte}
    fieldsets = (
        (None, {"fields": ("titre", "slug", "type", "publie", "description")}),
        (_("Date et lieu"), {"fields": ("debut", "fin", "lieu", "lien_en_ligne")}),
        (_("Inscriptions"), {"fields": ("capacite", "date_limite_inscription")}),
        (_("Liens"), {"fields": ("problematique", "communaute")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).avec_nb_inscriptions()  # type: ignore[attr-defined, no-any-return]

    @admin.display(description=_("inscrites"), ordering="nb_inscrites")
    def nb_inscrites(self, obj: Any) -> int:
        return int(obj.nb_inscrites)

    @admin.display(description=_("en attente"), ordering="nb_en_attente")
    def nb_en_attente(self, obj: Any) -> int:
        return int(obj.nb_en_attente)
