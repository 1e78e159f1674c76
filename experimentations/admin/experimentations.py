"""The back office of experiments and their providers.

An experiment is added from a retained problem that has none yet, through
``experimentation_creer`` (which records it in the journal); its change page edits its texts and
scope, its phases, participants and providers (each written through its service, and recorded),
and shows its journal and its pacts. Its state changes from a form of its own, a button of
``tilab.admin.ModeleAdminAvecBoutons`` posting to ``admin:experimentations_experimentation_statut``
which calls ``experimentation_changer_statut``. A provider's page holds its budget lines.

Only the Direction and the Coordination add and change (``experimentations.rules.
peut_coordonner``, on top of the permissions of ``0002_permissions_roles``); the rest of the Ti
Team reads. Lists fetch what their columns show in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.db.models import DecimalField, F, Func, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from communautes.forms.communautes import ChoixAnimateur
from experimentations import rules
from experimentations.models import (
    ActionExperimentation,
    Experimentation,
    LigneBudget,
    Pacte,
    Participant,
    PhaseExperimentation,
    Prestataire,
    StatutExperimentation,
    StatutPacte,
    TypeActionExperimentation,
)
from experimentations.services import experimentations as services
from problematiques.admin import TerritoireFilter
from tilab.admin import (
    AvecChampsDeTexte,
    ChoixAutocomplete,
    FiltreRelationUtilisee,
    InlineDesDerniers,
    ListeSansDistinctInutile,
    ModeleAdminAvecBoutons,
    UrlBouton,
)
from tilab.textes import ChampNom, ChampTexte, ChampTitre

# --- What the modules of this back office share ---------------------------------------------

# Django's tabular inline as the whole back office draws it (templates/admin/edit_inline/).
TABULAIRE = "admin/edit_inline/tabular.html"


class ChampsDeTexteEnLigne:
    """For an inline: what :class:`tilab.admin.AvecChampsDeTexte` does for a model page (names
    and texts typed there cleaned of invisible characters, titles refused with them)."""

    champs_de_texte: ClassVar[dict[str, type[forms.CharField]]] = {}

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        classe = self.champs_de_texte.get(db_field.name)
        if classe is not None:
            kwargs["form_class"] = classe
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc, no-any-return]


class GardeEnLigne:
    """For an inline what :class:`tilab.admin.ModeleAdminGarde` gives every model page: its
    autocomplete fields show again only values their model could hold (a refused row whose
    person was sent as ``"\\x00"`` is shown with its error rather than failing)."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = ChoixAutocomplete(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class FormulaireEnLigne(forms.ModelForm):
    """The form of an inline row: an error on one of its hidden fields (its key, its parent's)
    has no place next to that field on the page, so it is shown with the row's errors."""

    def full_clean(self) -> None:
        super().full_clean()
        erreurs = self.errors
        for nom, champ in self.fields.items():
            if champ.widget.is_hidden and nom in erreurs:
                for erreur in erreurs.pop(nom):
                    erreurs.setdefault(
                        NON_FIELD_ERRORS, self.error_class(error_class="nonfield")
                    ).append(erreur)


class LectureSeule:
    """An inline written by the services only: read here, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AjoutEtRetraitSeulement:
    """An inline whose rows are added (through a service) and removed, never edited in place:
    the rows already there are read only, for those who may coordinate the experiment."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and rules.peut_coordonner(request.user)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and rules.peut_coordonner(  # type: ignore[misc]
            request.user
        )


def par(request: HttpRequest) -> Any:
    """The person acting, for the services (the admin only lets in people with an account)."""
    return request.user


def message_d_erreur(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def erreurs_par_champ(exc: ValidationError) -> dict[str, list[str]]:
    """A service's refusal as ``{field: [messages]}`` (``__all__`` when it names no field)."""
    if hasattr(exc, "error_dict"):
        return {champ: [str(m) for m in liste] for champ, liste in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


class SaisieRefusee:
    """A button's form refused (by the form or by the service): what was typed and the errors,
    kept in the session so that the change page, after the redirection, shows the form again
    with the errors next to the fields."""

    def __init__(self, cle: str) -> None:
        self.cle = cle

    def garder(
        self,
        request: HttpRequest,
        *,
        pk: int,
        nom: str,
        donnees: dict[str, Any],
        erreurs: dict[str, list[str]],
    ) -> None:
        request.session[self.cle] = {"pk": pk, "nom": nom, "donnees": donnees, "erreurs": erreurs}

    def reprendre(self, request: HttpRequest, *, pk: int) -> dict[str, Any] | None:
        """What was refused on this object, once (``None`` if nothing)."""
        if request.method != "GET":
            return None
        saisie = request.session.pop(self.cle, None)
        if not isinstance(saisie, dict) or saisie.get("pk") != pk:
            return None
        return saisie


def remettre_les_erreurs(formulaire: forms.Form, erreurs: dict[str, list[str]]) -> None:
    """The form bound again to what was typed, with the service's errors where they belong."""
    formulaire.is_valid()
    for champ, liste in erreurs.items():
        for message in liste:
            cible = champ if champ in formulaire.fields else None
            if cible is None or message not in formulaire.errors.get(champ, []):
                formulaire.add_error(cible, message)


def etapes_offertes(
    model_admin: Any,
    objet: Any,
    etapes: Iterable[tuple[str, Any]],
    saisie: dict[str, Any] | None,
    *,
    formulaire_de: Callable[[Any, dict[str, Any] | None, str], forms.Form] | None = None,
) -> list[dict[str, Any]]:
    """The step buttons offered on ``objet``'s change page, as its template shows them: each
    step (``cle``, and an object with ``libelle``, ``aide``, ``formulaire``) with its form,
    the one refused last (``saisie``, from :meth:`SaisieRefusee.reprendre`) shown again with
    what was typed and its errors. ``formulaire_de(etape, donnees, cle)`` builds a step's form
    when it needs more than its data and prefix."""
    offertes = []
    for cle, etape in etapes:
        formulaire = None
        if etape.formulaire is not None:
            donnees = saisie["donnees"] if saisie and saisie["nom"] == cle else None
            formulaire = (
                formulaire_de(etape, donnees, cle)
                if formulaire_de is not None
                else etape.formulaire(donnees, prefix=cle)
            )
            if donnees is not None:
                remettre_les_erreurs(formulaire, saisie["erreurs"] if saisie else {})
        offertes.append(
            {
                "cle": cle,
                "libelle": etape.libelle,
                "aide": etape.aide,
                "formulaire": formulaire,
                "ouverte": formulaire is not None and formulaire.is_bound,
                "url": model_admin.url_bouton("etape", objet.pk, cle),
            }
        )
    return offertes


class EcritParLesServices(admin.ModelAdmin):
    """A model page whose saving goes through a service. Its form checked what the service
    checks; a refusal that still comes from the service is someone else's change in between
    (the problem got its experiment meanwhile): nothing was written, the page says why."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            self.message_user(request, message_d_erreur(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def adresse_publique(objet: Any) -> str | None:
    """``objet``'s public page, once the public pages declare it (``None`` until then)."""
    try:
        return str(objet.get_absolute_url())
    except NoReverseMatch:
        return None


# --- The state of an experiment -------------------------------------------------------------


class StatutForm(forms.Form):
    statut = forms.ChoiceField(label=_("Nouvel état"), choices=StatutExperimentation.choices)
    motif = ChampTexte(
        label=_("Motif public"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Obligatoire pour suspendre ou terminer l'expérimentation : il est publié sur sa "
            "page, daté. Markdown possible."
        ),
    )


_STATUT_REFUSE = SaisieRefusee("experimentations_statut_refuse")


# --- Inlines of an experiment ---------------------------------------------------------------


class PhaseInline(ChampsDeTexteEnLigne, admin.TabularInline):
    """The six phases at most, each with its planned and actual dates; written through
    ``phase_enregistrer`` (see ``ExperimentationAdmin.save_formset``): an actual end before its
    start is refused next to the field (``PhaseExperimentation.clean``)."""

    template = TABULAIRE
    model = PhaseExperimentation
    form = FormulaireEnLigne
    extra = 1
    max_num = 6
    fields = ("type", "debut_prevu", "fin_prevue", "debut_reel", "fin_reelle", "compte_rendu")
    ordering = ("debut_prevu", "pk")
    champs_de_texte = {"compte_rendu": ChampTexte}

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "compte_rendu":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 30})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and rules.peut_coordonner(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and rules.peut_coordonner(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and rules.peut_coordonner(request.user)


class ParticipantForm(FormulaireEnLigne):
    class Meta:
        model = Participant
        fields = ("organisation", "personne", "role")

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        organisation, personne = donnees.get("organisation"), donnees.get("personne")
        if organisation is None and personne is None and not self.errors:
            # The service's message, next to the field (the constraint's would be generic).
            self.add_error(
                "organisation", _("Choisissez une organisation, une personne, ou les deux.")
            )
        return donnees


class ParticipantInline(GardeEnLigne, AjoutEtRetraitSeulement, InlineDesDerniers):
    """Organisations and people with their role; added through ``participant_ajouter``. The
    latest ones only: an experiment with hundreds of participants lists them all on its public
    page, not here."""

    template = TABULAIRE
    model = Participant
    verbose_name_plural = format_lazy(
        _("participants (les {nombre} derniers ajoutés)"), nombre=InlineDesDerniers.derniers
    )
    form = ParticipantForm
    extra = 1
    fields = ("organisation", "personne", "role", "ajoute_le")
    readonly_fields = ("ajoute_le",)
    autocomplete_fields = ("organisation", "personne")
    ordering = ("role", "pk")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Participant]:
        return super().get_queryset(request).select_related("organisation", "personne")


class PrestataireInline(
    GardeEnLigne, ChampsDeTexteEnLigne, AjoutEtRetraitSeulement, admin.TabularInline
):
    """Providers; added through ``prestataire_ajouter``, their budget lines on their own page."""

    template = TABULAIRE
    model = Prestataire
    form = FormulaireEnLigne
    extra = 1
    fields = ("organisation", "objet")
    autocomplete_fields = ("organisation",)
    show_change_link = True
    champs_de_texte = {"objet": ChampNom}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Prestataire]:
        return super().get_queryset(request).select_related("organisation")


class PacteEnLigneInline(LectureSeule, admin.TabularInline):
    """The experiment's pacts, each version; written on their own pages."""

    template = TABULAIRE
    model = Pacte
    fk_name = "experimentation"
    extra = 0
    can_delete = False
    fields = ("numero", "version", "organisation", "statut", "debut", "fin")
    readonly_fields = fields
    show_change_link = True
    ordering = ("numero",)
    verbose_name_plural = _("pactes de transformation")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Pacte]:
        pactes = super().get_queryset(request).select_related("organisation")
        if not rules.peut_voir_les_brouillons(request.user):
            pactes = pactes.exclude(statut=StatutPacte.BROUILLON)
        return pactes


class ActionExperimentationInline(LectureSeule, InlineDesDerniers):
    """The latest entries of the experiment's journal, pacts included: written by the
    services only."""

    template = TABULAIRE
    model = ActionExperimentation
    verbose_name_plural = format_lazy(
        _("journal de l'expérimentation (les {nombre} dernières entrées)"),
        nombre=InlineDesDerniers.derniers,
    )
    extra = 0
    can_delete = False
    fields = ("le", "type", "par", "detail")
    readonly_fields = fields
    ordering = ("le", "pk")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActionExperimentation]:
        return super().get_queryset(request).select_related("par")


# --- Experiments ----------------------------------------------------------------------------


class ExperimentationAjoutForm(forms.ModelForm):
    """From a retained problem without an experiment; title and summary default to the
    problem's (``experimentation_creer`` fills them, with its territories, themes and
    community)."""

    class Meta:
        model = Experimentation
        fields = ("problematique", "coordinateur", "titre", "resume")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["titre"].required = False
        self.fields["titre"].help_text = _("Laissé vide : le titre de la problématique.")
        self.fields["resume"].required = False
        self.fields["resume"].help_text = _(
            "Laissé vide : le constat de la problématique. Mise en forme Markdown possible."
        )


class ExperimentationModificationForm(forms.ModelForm):
    class Meta:
        model = Experimentation
        fields = ("titre", "resume", "coordinateur", "territoires", "themes", "communaute")


@admin.register(Experimentation)
class ExperimentationAdmin(EcritParLesServices, AvecChampsDeTexte, ModeleAdminAvecBoutons):
    au_menu = 40  # in the back office's header (tilab.admin.SiteAdmin.menu_equipe)
    urls_boutons = (UrlBouton("<int:object_id>/statut/", "statut", "statut_view"),)
    change_form_template = "admin/experimentations/experimentation/change_form.html"
    list_display = ("titre", "statut", "coordinateur", "problematique", "cree_le")
    list_select_related = ("coordinateur", "problematique")
    list_filter = (
        "statut",
        ("coordinateur", FiltreRelationUtilisee),
        ("themes", FiltreRelationUtilisee),
        TerritoireFilter,
    )
    search_fields = ("titre", "resume", "problematique__titre")
    # The newest first: the index experimentation_recentes (experimentation_statut once
    # filtered by state) matches this order.
    ordering = ("-cree_le", "-pk")
    list_per_page = 50
    autocomplete_fields = ("territoires", "themes", "communaute")
    champs_de_texte = {"titre": ChampTitre, "resume": ChampTexte}
    inlines = [
        PhaseInline,
        ParticipantInline,
        PrestataireInline,
        PacteEnLigneInline,
        ActionExperimentationInline,
    ]
    readonly_fields = (
        "slug",
        "lien_problematique",
        "statut",
        "motif_statut",
        "statut_change_le",
        "lancee_le",
        "cree_le",
        "modifiee_le",
    )

    def view_on_site(self, obj: Experimentation) -> str | None:  # type: ignore[override]
        return adresse_publique(obj)

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ListeSansDistinctInutile

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = (
            ExperimentationModificationForm if obj is not None else ExperimentationAjoutForm
        )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ((None, {"fields": ("problematique", "coordinateur", "titre", "resume")}),)
        return (
            (None, {"fields": ("titre", "slug", "lien_problematique", "coordinateur")}),
            (
                _("État"),
                {"fields": ("statut", "motif_statut", "statut_change_le", "lancee_le")},
            ),
            (
                _("Objet et périmètre"),
                {"fields": ("resume", "territoires", "themes", "communaute")},
            ),
            (_("Dates"), {"fields": ("cree_le", "modifiee_le")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        # Created first (through the service), then completed on its change page.
        return self.inlines if obj is not None else []

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "problematique":
            kwargs["queryset"] = services.problematiques_sans_experimentation()
            kwargs["error_messages"] = {
                "invalid_choice": _(
                    "Choisissez une problématique retenue par le COPIL qui n'a pas encore "
                    "d'expérimentation."
                )
            }
            kwargs["help_text"] = _(
                "Les problématiques retenues par le COPIL qui n'ont pas encore d'expérimentation. "
                "Ses territoires, ses thèmes et sa communauté d'intérêt sont repris."
            )
        elif db_field.name == "coordinateur":
            kwargs["queryset"] = services.coordinateurs_possibles()
            kwargs["form_class"] = ChoixAnimateur
            kwargs["error_messages"] = {
                "invalid_choice": _("Choisissez une personne qui a le rôle Coordination.")
            }
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- Who may

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_coordonner(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and rules.peut_coordonner(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An experiment is ended, never deleted: its journal and its pacts stay.
        return False

    # --- Columns and fields

    @admin.display(description=_("problématique d'origine"))
    def lien_problematique(self, obj: Experimentation) -> Any:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:problematiques_problematique_change", args=[obj.problematique_id]),
            obj.problematique,
        )

    # --- Saving through the services

    def save_model(
        self, request: HttpRequest, obj: Experimentation, form: Any, change: bool
    ) -> None:
        if change:
            # Through the service, which checks the coordinator and journals what changed;
            # the territories and themes are set there too (save_related would set them again
            # to the same values).
            donnees = form.cleaned_data
            services.experimentation_modifier(
                experimentation=obj,
                par=par(request),
                titre=donnees["titre"],
                resume=donnees["resume"],
                coordinateur=donnees["coordinateur"],
                territoires=donnees.get("territoires") or [],
                themes=donnees.get("themes") or [],
                communaute=donnees.get("communaute"),
            )
            return
        assert obj.coordinateur is not None  # the add form requires one
        creee = services.experimentation_creer(
            par=par(request),
            problematique=obj.problematique,
            coordinateur=obj.coordinateur,
            titre=form.cleaned_data.get("titre") or "",
            resume=form.cleaned_data.get("resume") or "",
        )
        # The admin goes on with this object (its message, its redirection).
        for champ in Experimentation._meta.concrete_fields:
            setattr(obj, champ.attname, getattr(creee, champ.attname))
        obj._state.adding = False
        obj._state.db = creee._state.db

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        experimentation: Experimentation = form.instance
        # Lists what changed (the admin's history message reads them); nothing written yet.
        formset.save(commit=False)
        if formset.model is PhaseExperimentation:
            self._enregistrer_phases(request, experimentation, formset)
        elif formset.model is Participant:
            self._enregistrer_participants(request, experimentation, formset)
        elif formset.model is Prestataire:
            self._enregistrer_prestataires(request, experimentation, formset)

    def _enregistrer_phases(
        self, request: HttpRequest, experimentation: Experimentation, formset: Any
    ) -> None:
        for phase in formset.deleted_objects:
            nom = phase.get_type_display()
            phase.delete()
            experimentation.journaliser(
                TypeActionExperimentation.PHASE,
                par=par(request),
                detail=f"Phase « {nom} » retirée.",
            )
        modifiees = [phase for phase, _champs in formset.changed_objects]
        for phase, champs in formset.changed_objects:
            if "type" in champs:
                # Another kind of phase: the row of the former kind goes.
                PhaseExperimentation.objects.filter(pk=phase.pk).delete()
        for phase in [*modifiees, *formset.new_objects]:
            services.phase_enregistrer(
                experimentation=experimentation,
                par=par(request),
                type=phase.type,
                debut_prevu=phase.debut_prevu,
                fin_prevue=phase.fin_prevue,
                debut_reel=phase.debut_reel,
                fin_reelle=phase.fin_reelle,
                compte_rendu=phase.compte_rendu,
            )

    def _enregistrer_participants(
        self, request: HttpRequest, experimentation: Experimentation, formset: Any
    ) -> None:
        for participant in formset.deleted_objects:
            role = participant.get_role_display()
            participant.delete()
            experimentation.journaliser(
                TypeActionExperimentation.PARTICIPANT, par=par(request), detail=f"Retiré : {role}."
            )
        for participant in formset.new_objects:
            services.participant_ajouter(
                experimentation=experimentation,
                par=par(request),
                role=participant.role,
                organisation=participant.organisation,
                personne=participant.personne,
            )

    def _enregistrer_prestataires(
        self, request: HttpRequest, experimentation: Experimentation, formset: Any
    ) -> None:
        for prestataire in formset.deleted_objects:
            nom = prestataire.organisation.nom
            prestataire.delete()
            experimentation.journaliser(
                TypeActionExperimentation.BUDGET,
                par=par(request),
                detail=f"Prestataire retiré, avec ses lignes de budget : {nom}.",
            )
        for prestataire in formset.new_objects:
            services.prestataire_ajouter(
                experimentation=experimentation,
                par=par(request),
                organisation=prestataire.organisation,
                objet=prestataire.objet,
            )

    # --- The state form of the change page

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        experimentation: Experimentation = objet
        contexte: dict[str, Any] = {}
        if self.has_change_permission(request, experimentation):
            contexte["url_nouveau_pacte"] = (
                reverse("admin:experimentations_pacte_add")
                + f"?experimentation={experimentation.pk}"
            )
            possibles = experimentation.statuts_possibles()
            if possibles:
                saisie = _STATUT_REFUSE.reprendre(request, pk=experimentation.pk)
                formulaire = StatutForm(saisie["donnees"] if saisie else None, prefix="statut")
                if saisie:
                    remettre_les_erreurs(formulaire, saisie["erreurs"])
                champ = formulaire.fields["statut"]
                assert isinstance(champ, forms.ChoiceField)
                champ.choices = [(s, StatutExperimentation(s).label) for s in possibles]
                contexte["formulaire_statut"] = formulaire
                contexte["url_statut"] = self.url_bouton("statut", experimentation.pk)
        return contexte

    def statut_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """One state change from the change page's form (POST only: ``urls_boutons``), for
        those who may coordinate."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        experimentation = get_object_or_404(Experimentation, pk=object_id)
        formulaire = StatutForm(request.POST, prefix="statut")
        erreurs: dict[str, list[str]] = {}
        if formulaire.is_valid():
            try:
                services.experimentation_changer_statut(
                    experimentation=experimentation,
                    par=par(request),
                    statut=formulaire.cleaned_data["statut"],
                    motif=formulaire.cleaned_data["motif"],
                )
            except services.ActionExperimentationImpossible as exc:
                erreurs = erreurs_par_champ(exc)
        else:
            erreurs = {c: [str(m) for m in liste] for c, liste in formulaire.errors.items()}
        if erreurs:
            _STATUT_REFUSE.garder(
                request,
                pk=experimentation.pk,
                nom="statut",
                donnees=request.POST.dict(),
                erreurs=erreurs,
            )
            self.message_user(
                request,
                _("L'état n'a pas changé : corrigez le formulaire « Changer l'état »."),
                messages.ERROR,
            )
            return self.retour_page(experimentation)
        experimentation.refresh_from_db()
        self.message_user(
            request,
            f"« {experimentation.titre} » est maintenant : {experimentation.get_statut_display()}.",
            messages.SUCCESS,
        )
        return self.retour_page(experimentation)


# --- Providers and their budget lines -------------------------------------------------------


def montant_correle(lignes: QuerySet[LigneBudget]) -> Coalesce:
    """The sum of the budget lines ``lignes`` (filtered on an ``OuterRef``), 0 without any: a
    correlated subquery, evaluated for the rows of the page only (see ``tilab.requetes``)."""
    decimal = DecimalField(max_digits=12, decimal_places=2)
    # An aggregate without GROUP BY: always one row.
    somme = Func(F("montant"), function="SUM", output_field=decimal)
    return Coalesce(
        Subquery(lignes.order_by().annotate(s=somme).values("s")),
        Value(Decimal(0)),
        output_field=decimal,
    )


class LigneBudgetInline(ChampsDeTexteEnLigne, AjoutEtRetraitSeulement, admin.TabularInline):
    """Budget lines, added through ``ligne_budget_ajouter`` (recorded), removed if wrong."""

    template = TABULAIRE
    model = LigneBudget
    form = FormulaireEnLigne
    extra = 1
    fields = ("libelle", "montant", "phase", "annee")
    champs_de_texte = {"libelle": ChampNom}

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "annee":
            kwargs["initial"] = timezone.localdate().year
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Prestataire)
class PrestataireAdmin(AvecChampsDeTexte, admin.ModelAdmin):
    """A provider of an experiment (added from the experiment's page) and its budget lines,
    counted against the year's budget (``BudgetAnnuel``)."""

    list_display = ("objet", "organisation", "experimentation", "total_engage")
    list_select_related = ("organisation", "experimentation")
    list_filter = ("experimentation__statut",)
    search_fields = ("objet", "organisation__nom", "experimentation__titre")
    ordering = ("-pk",)
    list_per_page = 50
    fields = ("experimentation", "organisation", "objet")
    readonly_fields = ("experimentation", "organisation")
    champs_de_texte = {"objet": ChampNom}
    inlines = [LigneBudgetInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Prestataire]:
        return (
            super()
            .get_queryset(request)
            .annotate(total=montant_correle(LigneBudget.objects.filter(prestataire=OuterRef("pk"))))
        )

    @admin.display(description=_("engagé (euros)"), ordering="total")
    def total_engage(self, obj: Prestataire) -> Any:
        return getattr(obj, "total", 0)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # From the experiment's page, where the provider belongs.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and rules.peut_coordonner(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Removed from the experiment's page, where the removal is recorded.
        return False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        prestataire: Prestataire = form.instance
        formset.save(commit=False)
        for ligne in formset.deleted_objects:
            libelle, montant = ligne.libelle, ligne.montant
            ligne.delete()
            prestataire.experimentation.journaliser(
                TypeActionExperimentation.BUDGET,
                par=par(request),
                detail=f"Ligne de budget « {libelle} » retirée : {montant} €.",
            )
        for ligne in formset.new_objects:
            services.ligne_budget_ajouter(
                prestataire=prestataire,
                par=par(request),
                libelle=ligne.libelle,
                montant=ligne.montant,
                annee=ligne.annee,
                phase=ligne.phase,
            )
