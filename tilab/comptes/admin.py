"""The Ti Team's back office for people and reference data.

Lists fetch what their columns show in a fixed number of queries (``list_select_related``,
prefetches and annotations in ``get_queryset``), whatever the number of rows.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tilab.admin import AvecChampsDeTexte
from tilab.comptes.models import Expertise, Organisation, Personne, Territoire, Theme
from tilab.requetes import compte_correle
from tilab.textes import ChampNom, ChampTexte


class PersonneCreationForm(AdminUserCreationForm):
    class Meta:
        model = Personne
        fields = ("email",)


class PersonneChangeForm(UserChangeForm):
    # Checkboxes rather than the comma-separated text an ArrayField gets by default.
    expertises = forms.MultipleChoiceField(
        label=_("types d'expertise"),
        choices=Expertise.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Personne
        fields = "__all__"


class AdresseVerifieeFilter(admin.SimpleListFilter):
    title = _("adresse vérifiée")
    parameter_name = "verifiee"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("oui", _("Oui")), ("non", _("Non"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "oui":
            return queryset.filter(adresse_verifiee=True)
        if self.value() == "non":
            return queryset.filter(adresse_verifiee=False)
        return queryset


@admin.register(Personne)
class PersonneAdmin(AvecChampsDeTexte, UserAdmin):
    form = PersonneChangeForm
    champs_de_texte = {"first_name": ChampNom, "last_name": ChampNom, "fonction": ChampNom}
    add_form = PersonneCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profil"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "organisation",
                    "fonction",
                    "expertises",
                    "profil_public",
                )
            },
        ),
        (
            _("Rôles et droits"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates importantes"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = (
        "email",
        "last_name",
        "first_name",
        "organisation",
        "liste_roles",
        "is_staff",
        "adresse_verifiee",
    )
    list_select_related = ("organisation",)
    list_filter = ("groups", "is_staff", "is_superuser", "is_active", AdresseVerifieeFilter)
    search_fields = ("email", "first_name", "last_name", "organisation__nom", "fonction")
    # The index personne_ordre_alpha matches this order.
    ordering = ("last_name", "first_name", "email")
    # Like the other lists of the back office: a page's cost is its rows.
    list_per_page = 50
    # Counted once, filtered, not a second time whole.
    show_full_result_count = False
    autocomplete_fields = ("organisation",)
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Personne]:
        verifiee = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
        return (
            super()
            .get_queryset(request)
            .annotate(adresse_verifiee=Exists(verifiee))
            .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
        )

    @admin.display(description=_("rôles"))
    def liste_roles(self, obj: Personne) -> str:
        return ", ".join(groupe.name for groupe in obj.groups.all()) or "—"

    @admin.display(description=_("adresse vérifiée"), boolean=True, ordering="adresse_verifiee")
    def adresse_verifiee(self, obj: Personne) -> bool:
        return bool(getattr(obj, "adresse_verifiee", False))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        champs = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only a superuser makes another one or hands out permissions one by one;
            # the Direction manages roles through groups.
            champs += ("is_superuser", "user_permissions")
        return champs

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Editing a superuser (their address, their password) would be a way to become one.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(AvecChampsDeTexte):
    champs_de_texte = {"nom": ChampNom}
    list_display = ("nom", "type", "territoire", "nb_membres")
    list_select_related = ("territoire",)
    list_filter = ("type",)
    search_fields = ("nom", "slug", "territoire__nom")
    prepopulated_fields = {"slug": ("nom",)}
    autocomplete_fields = ("territoire",)
    ordering = ("nom", "pk")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organisation]:
        # Counted for the rows of the page only (a correlated subquery, not a join).
        return (
            super()
            .get_queryset(request)
            .annotate(_nb_membres=compte_correle(Personne, "organisation"))
        )

    @admin.display(description=_("membres inscrits"), ordering="_nb_membres")
    def nb_membres(self, obj: Organisation) -> int:
        return getattr(obj, "_nb_membres", 0)


@admin.register(Territoire)
class TerritoireAdmin(AvecChampsDeTexte):
    champs_de_texte = {"nom": ChampNom}
    list_display = ("nom", "type", "code", "parent")
    list_select_related = ("parent",)
    list_filter = ("type",)
    search_fields = ("nom", "code")
    prepopulated_fields = {"slug": ("nom",)}
    autocomplete_fields = ("parent",)
    ordering = ("nom",)


@admin.register(Theme)
class ThemeAdmin(AvecChampsDeTexte):
    champs_de_texte = {"nom": ChampNom, "description": ChampTexte}
    list_display = ("nom", "slug")
    search_fields = ("nom", "description")
    prepopulated_fields = {"slug": ("nom",)}
