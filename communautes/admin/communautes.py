"""The back office of communities and commitments.

A community's state changes from a form on its change page, a button of
``tilab.admin.ModeleAdminAvecBoutons`` posting to ``admin:communautes_communaute_statut``; its
journal is shown read only. Lists fetch what their columns show in a fixed number of queries,
whatever the number of rows.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from communautes import rules
from communautes.forms.communautes import ChoixAnimateur
from communautes.models import (
    ActionCommunaute,
    Communaute,
    Engagement,
    StatutCommunaute,
    TypeCommunaute,
    engagement_en_cours,
)
from communautes.services import communautes as services_communautes
from tilab.admin import (
    AvecChampsDeTexte,
    FiltreRelationChoisie,
    FiltreRelationUtilisee,
    InlineDesDerniers,
    ListeSansDistinctInutile,
    ModeleAdminAvecBoutons,
    UrlBouton,
)
from tilab.textes import ChampTexte, ChampTitre


class CommunauteAjoutForm(forms.ModelForm):
    """A thematic community or one of the Archipel: a community of interest is formed from
    its problem's page, never here."""

    class Meta:
        model = Communaute
        fields = ("type", "nom", "objet", "animateur", "themes", "territoires")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        champ_type = self.fields["type"]
        assert isinstance(champ_type, forms.TypedChoiceField)
        champ_type.choices = [
            (t.value, t.label) for t in (TypeCommunaute.THEMATIQUE, TypeCommunaute.ARCHIPEL)
        ]
        champ_type.help_text = _(
            "Une communauté d'intérêt se constitue depuis la page de sa problématique."
        )
        self.fields["animateur"].required = True


class CommunauteModificationForm(forms.ModelForm):
    class Meta:
        model = Communaute
        fields = ("nom", "objet", "animateur", "themes", "territoires")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "animateur" in self.fields:
            self.fields["animateur"].required = True


class StatutForm(forms.Form):
    statut = forms.ChoiceField(label=_("Nouvel état"), choices=StatutCommunaute.choices)
    detail = forms.CharField(
        label=_("Pourquoi (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Noté dans le journal de la communauté."),
    )


class ActionCommunauteInline(InlineDesDerniers):
    """The community's journal, written by the services only: its latest entries."""

    model = ActionCommunaute
    ordre_recents = ("-le", "-pk")
    verbose_name_plural = format_lazy(
        _("journal de la communauté (les {nombre} dernières entrées)"),
        nombre=InlineDesDerniers.derniers,
    )
    extra = 0
    can_delete = False
    fields = ("le", "type", "par", "detail")
    readonly_fields = fields
    ordering = ("le", "pk")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("par")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EngagementEnCoursInline(InlineDesDerniers):
    """Running commitments: the members' own doing (through the site), read here; the latest
    begun, by name (all of them: the link « Tous ses engagements »)."""

    model = Engagement
    extra = 0
    can_delete = False
    fields = ("personne", "role", "expertise", "organisation", "heures_par_mois", "debut", "fin")
    readonly_fields = fields
    ordering = ("personne__last_name", "personne__first_name", "pk")
    ordre_recents = ("-debut", "-pk")
    verbose_name_plural = format_lazy(
        _("engagements en cours (les {nombre} plus récents)"), nombre=InlineDesDerniers.derniers
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .actifs()  # type: ignore[attr-defined]
            .select_related("personne", "organisation")
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _action_statut(statut: StatutCommunaute) -> Any:
    """A bulk action moving the selected communities to ``statut`` through the service."""

    def action(model_admin: CommunauteAdmin, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        model_admin.changer_statut_en_masse(request, queryset, statut)

    action.__name__ = f"passer_{statut.value}"
    return admin.action(
        description=_("Passer à l'état « %(statut)s »") % {"statut": statut.label},
        permissions=["changer_statut"],
    )(action)


@admin.register(Communaute)
class CommunauteAdmin(AvecChampsDeTexte, ModeleAdminAvecBoutons):
    """Communities: created here (thematic, Archipel) or from a problem (interest); their
    state changes only through ``services_communautes.communaute_changer_statut`` (the form
    of the change page, posting to ``admin:communautes_communaute_statut``, or the list
    actions), each change recorded in the journal."""

    au_menu = 20  # in the back office's header (tilab.admin.SiteAdmin.menu_equipe)

    urls_boutons = (UrlBouton("<int:object_id>/statut/", "statut", "statut_view"),)
    change_form_template = "admin/communautes/communaute/change_form.html"
    list_display = ("nom", "type", "statut", "animateur", "nb_membres", "cree_le")
    list_select_related = ("animateur",)
    list_filter = ("type", "statut", ("themes", FiltreRelationUtilisee))
    search_fields = ("nom", "objet", "problematique__titre")
    # The index communaute_ordre_nom matches this order.
    ordering = ("nom", "pk")
    list_per_page = 50
    # Counted once, filtered, not a second time whole.
    show_full_result_count = False
    autocomplete_fields = ("themes", "territoires")
    champs_de_texte = {"nom": ChampTitre, "objet": ChampTexte}
    inlines = [ActionCommunauteInline, EngagementEnCoursInline]
    actions = [_action_statut(statut) for statut in StatutCommunaute]
    readonly_fields = (
        "slug",
        "type",
        "statut",
        "lien_problematique",
        "lien_engagements",
        "territoire_volontaire",
        "territoire_volontaire_note",
        "territoire_volontaire_le",
        "derogation_motif",
        "derogation_le",
        "cree_le",
        "modifiee_le",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Communaute]:
        return super().get_queryset(request).avec_nb_membres()  # type: ignore[attr-defined, no-any-return]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ListeSansDistinctInutile

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = CommunauteModificationForm if obj is not None else CommunauteAjoutForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return (
                (None, {"fields": ("type", "nom", "objet", "animateur", "themes", "territoires")}),
            )
        return (
            (
                None,
                {
                    "fields": (
                        "nom",
                        "slug",
                        "type",
                        "statut",
                        "animateur",
                        "lien_problematique",
                        "lien_engagements",
                    )
                },
            ),
            (_("Objet et périmètre"), {"fields": ("objet", "themes", "territoires")}),
            (
                _("Maturité (modifiée depuis la page de la problématique)"),
                {
                    "fields": (
                        "territoire_volontaire",
                        "territoire_volontaire_note",
                        "territoire_volontaire_le",
                        "derogation_motif",
                        "derogation_le",
                    )
                },
            ),
            (_("Dates"), {"fields": ("cree_le", "modifiee_le")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "animateur":
            kwargs["queryset"] = services_communautes.animateurs_possibles()
            kwargs["form_class"] = ChoixAnimateur
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_constituer(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A community is closed, never deleted: its journal and its members' history stay.
        return False

    def has_changer_statut_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and rules.peut_constituer(request.user)

    @admin.display(description=_("membres (engagements en cours)"), ordering="nb_membres")
    def nb_membres(self, obj: Communaute) -> int:
        return int(getattr(obj, "nb_membres", 0))

    @admin.display(description=_("problématique"))
    def lien_problematique(self, obj: Communaute) -> Any:
        if obj.problematique_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:problematiques_problematique_change", args=[obj.problematique_id]),
            obj.problematique,
        )

    @admin.display(description=_("engagements"))
    def lien_engagements(self, obj: Communaute) -> Any:
        # The commitments' list filtered on this community (FiltreRelationChoisie there).
        adresse = reverse("admin:communautes_engagement_changelist")
        return format_html(
            '<a href="{}?{}">{}</a>',
            adresse,
            urlencode({"communaute__id__exact": obj.pk}),
            _("Tous ses engagements, en cours et passés"),
        )

    def save_model(self, request: HttpRequest, obj: Communaute, form: Any, change: bool) -> None:
        if change:
            if "animateur" in form.changed_data:
                # Recorded in the community's journal by the service; the other fields follow.
                nouveau = obj.animateur
                obj.animateur_id = form.initial.get("animateur")
                super().save_model(request, obj, form, change)
                services_communautes.communaute_changer_animateur(
                    communaute=obj,
                    par=request.user,  # type: ignore[arg-type]
                    animateur=nouveau,  # type: ignore[arg-type]
                )
                return
            super().save_model(request, obj, form, change)
            return
        # Created through the service, which checks the role and the animator and records
        # the creation in the journal; the admin then goes on with this object.
        creee = services_communautes.communaute_creer(
            par=request.user,  # type: ignore[arg-type]
            type=obj.type,
            nom=obj.nom,
            objet=obj.objet,
            animateur=obj.animateur,  # type: ignore[arg-type]
            themes=form.cleaned_data.get("themes") or [],
            territoires=form.cleaned_data.get("territoires") or [],
        )
        obj.pk = creee.pk
        obj.slug = creee.slug
        obj.statut = creee.statut
        obj.cree_le = creee.cree_le
        obj.modifiee_le = creee.modifiee_le
        obj._state.adding = False
        obj._state.db = creee._state.db

    # --- State

    def changer_statut_en_masse(
        self, request: HttpRequest, queryset: QuerySet[Any], statut: StatutCommunaute
    ) -> None:
        reussies = 0
        for communaute in queryset:
            try:
                services_communautes.communaute_changer_statut(
                    communaute=communaute,
                    par=request.user,  # type: ignore[arg-type]
                    statut=statut,
                )
            except ValidationError as exc:
                self.message_user(
                    request, f"« {communaute.nom} » : {' '.join(exc.messages)}", messages.WARNING
                )
            else:
                reussies += 1
        if reussies:
            self.message_user(
                request,
                f"{reussies} communauté(s) passée(s) à l'état « {statut.label} ».",
                messages.SUCCESS,
            )

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        if not self.has_changer_statut_permission(request):
            return {}
        formulaire = StatutForm(prefix="statut")
        champ = formulaire.fields["statut"]
        assert isinstance(champ, forms.ChoiceField)
        champ.choices = [(e.value, e.label) for e in StatutCommunaute if e != objet.statut]
        return {"formulaire_statut": formulaire, "url_statut": self.url_bouton("statut", objet.pk)}

    def statut_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """One state change from the change page's form (POST only: ``urls_boutons``), for
        those who may."""
        if not self.has_changer_statut_permission(request):
            raise PermissionDenied
        communaute = get_object_or_404(Communaute, pk=object_id)
        formulaire = StatutForm(request.POST, prefix="statut")
        if not formulaire.is_valid():
            self.message_user(request, _("Choisissez un état dans la liste."), messages.ERROR)
            return self.retour_page(communaute)
        try:
            services_communautes.communaute_changer_statut(
                communaute=communaute,
                par=request.user,  # type: ignore[arg-type]
                statut=formulaire.cleaned_data["statut"],
                detail=formulaire.cleaned_data["detail"],
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                f"« {communaute.nom} » est maintenant : {communaute.get_statut_display()}.",
                messages.SUCCESS,
            )
        return self.retour_page(communaute)


class EngagementEnCoursFilter(admin.SimpleListFilter):
    title = _("en cours")
    parameter_name = "en_cours"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("oui", _("En cours aujourd'hui")), ("non", _("Terminés ou à venir"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        en_cours = engagement_en_cours(timezone.localdate())
        if self.value() == "oui":
            return queryset.filter(en_cours)
        if self.value() == "non":
            return queryset.exclude(en_cours)
        return queryset


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    """Read only: people commit, renew and leave through the site."""

    list_display = (
        "personne",
        "communaute",
        "role",
        "expertise",
        "heures_par_mois",
        "debut",
        "fin_engagement",
    )
    list_select_related = ("personne", "communaute")
    list_filter = (
        EngagementEnCoursFilter,
        "role",
        "expertise",
        "motif_fin",
        "communaute__type",
        # Fixed periods rather than a date hierarchy, which reads the dates of every
        # commitment to offer its years and months.
        ("debut", admin.DateFieldListFilter),
        # Only the community asked (from its page's link « Tous ses engagements »): listing
        # every community used made the page weigh 430 KB at 2,000 communities.
        ("communaute", FiltreRelationChoisie),
    )
    search_fields = (
        "personne__email",
        "personne__first_name",
        "personne__last_name",
        "communaute__nom",
        "organisation__nom",
    )
    # Like the other lists of the back office: a page's cost is its rows.
    list_per_page = 50
    # The page is read from the index engagement_recents (the model's order); the list is
    # counted once, filtered, not a second time whole.
    show_full_result_count = False

    @admin.display(description=_("fin"), ordering="fin")
    def fin_engagement(self, obj: Engagement) -> str:
        # One column for the end planned and the end that came, with its reason: the list
        # stays within a 1,280 px screen.
        if obj.termine_le is not None:
            motif = f" ({obj.get_motif_fin_display().lower()})" if obj.motif_fin else ""
            return _("terminé le %(date)s%(motif)s") % {
                "date": date_format(obj.termine_le, "j F Y"),
                "motif": motif,
            }
        return _("prévue le %(date)s") % {"date": date_format(obj.fin, "j F Y")}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
