"""The back office of pacts of transformation.

A pact is drafted here, with its commitments and signatories, and written through
``pacte_creer`` / ``pacte_modifier``: the inlines check what those services check, with the
same messages, next to the fields where there is one (an FTE needs a named person and a share
between 0.01 and 1; an agent and a decision-maker among the signatories). Once proposed it is
read only; each step is a button of ``tilab.admin.ModeleAdminAvecBoutons`` posting to
``admin:experimentations_pacte_etape`` which calls its service: propose (the full check again),
withdraw the proposal (back to draft), start, end (honoured, or broken with a public reason),
amend (a new version, opened at once). Signatories confirm on the public site, never here.

Drafts are the Direction's and the Coordination's (``rules.peut_voir_les_brouillons``): the
rest of the Ti Team reads pacts from their proposal on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from experimentations import rules
from experimentations.admin.experimentations import (
    TABULAIRE,
    ChampsDeTexteEnLigne,
    EcritParLesServices,
    FormulaireEnLigne,
    GardeEnLigne,
    SaisieRefusee,
    adresse_publique,
    erreurs_par_champ,
    etapes_offertes,
    message_d_erreur,
    par,
)
from experimentations.models import (
    STATUTS_EN_VIGUEUR,
    EngagementPacte,
    Pacte,
    QualiteSignataire,
    Signataire,
    StatutPacte,
    TypeEngagementPacte,
)
from experimentations.services import pactes as services
from experimentations.services.pactes import EngagementSaisi, PacteImpossible, SignataireSaisi
from tilab.admin import AvecChampsDeTexte, ModeleAdminAvecBoutons, UrlBouton
from tilab.textes import ChampNom, ChampTexte

# The services' messages (experimentations.services.pactes), said here where the form can place
# them next to their field.
MESSAGE_PERIODE = _("La fin du pacte ne peut pas précéder son début.")
MESSAGE_SANS_ENGAGEMENT = _("Un pacte compte au moins un engagement.")
MESSAGE_ETP = _("Un temps de travail s'exprime en ETP, entre 0,01 et 1 (0,1 pour un dixième).")
MESSAGE_SIGNATAIRES = _(
    "Nommez au moins un agent et un décideur ou une décideuse de l'organisation parmi les "
    "signataires."
)
MESSAGE_SIGNATAIRE_UNIQUE = _("Chaque signataire n'apparaît qu'une fois.")
MESSAGE_DEJA = _(
    "Cette organisation a déjà un pacte pour cette expérimentation : amendez-le plutôt."
)


def _nommez(type_: str) -> str:
    return f"« {TypeEngagementPacte(type_).label} » : nommez la personne."


# --- The draft's form and inlines -----------------------------------------------------------


class PacteForm(forms.ModelForm):
    class Meta:
        model = Pacte
        fields = ("experimentation", "organisation", "debut", "fin", "preambule")

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        debut, fin = donnees.get("debut"), donnees.get("fin")
        if debut and fin and fin < debut:
            self.add_error("fin", MESSAGE_PERIODE)
        experimentation = donnees.get("experimentation")
        organisation = donnees.get("organisation")
        deja = (
            Pacte.objects.filter(
                experimentation=experimentation, organisation=organisation, avenant__isnull=True
            )
            .exclude(statut__in=[StatutPacte.ROMPU, StatutPacte.HONORE])
            .exists()
            if self.instance.pk is None and experimentation and organisation
            else False
        )
        if deja:
            self.add_error("organisation", MESSAGE_DEJA)
        return donnees


class EngagementPacteForm(FormulaireEnLigne):
    class Meta:
        model = EngagementPacte
        fields = ("type", "quantite", "unite", "description", "personne")

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        type_ = donnees.get("type")
        if type_ not in TypeEngagementPacte.values:
            return donnees
        quantite = donnees.get("quantite")
        if (
            type_ in {TypeEngagementPacte.ETP, TypeEngagementPacte.PARRAIN}
            and donnees.get("personne") is None
            and "personne" not in self.errors
        ):
            self.add_error("personne", _nommez(type_))
        if "quantite" not in self.errors:
            if type_ == TypeEngagementPacte.ETP and (
                quantite is None or not Decimal("0") < quantite <= Decimal("1")
            ):
                self.add_error("quantite", MESSAGE_ETP)
            elif type_ == TypeEngagementPacte.FINANCEMENT and quantite is None:
                self.add_error("quantite", _("Indiquez le montant du financement, en euros."))
        return donnees


def _restants(formset: BaseInlineFormSet) -> list[forms.BaseForm]:
    """The forms that will be written: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.is_valid()
        and form.cleaned_data
        and not form.cleaned_data.get("DELETE", False)
        and (form.instance.pk is not None or form.has_changed())
    ]


class EngagementsFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not _restants(self):
            raise ValidationError(MESSAGE_SANS_ENGAGEMENT)


class SignatairesFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        restants = _restants(self)
        qualites = {form.cleaned_data.get("qualite") for form in restants}
        erreurs: list[Any] = []
        if QualiteSignataire.AGENT not in qualites or QualiteSignataire.DECIDEUR not in qualites:
            erreurs.append(MESSAGE_SIGNATAIRES)
        personnes = [form.cleaned_data.get("personne") for form in restants]
        if len({p.pk for p in personnes if p is not None}) != len(personnes):
            erreurs.append(MESSAGE_SIGNATAIRE_UNIQUE)
        organisation = (
            getattr(self.instance, "organisation", None)
            if getattr(self.instance, "organisation_id", None)
            else None
        )
        if organisation is not None:
            erreurs += [
                services.message_hors_organisation(p, organisation)
                for p in personnes
                if p is not None and p.organisation_id != organisation.pk
            ]
        if erreurs:
            raise ValidationError(erreurs)


class _DuBrouillon:
    """An inline of a pact's text: changed only while the pact is a draft, by those who write
    pacts."""

    def _modifiable(self, request: HttpRequest, obj: Any) -> bool:
        return rules.peut_coordonner(request.user) and (obj is None or obj.est_modifiable)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and self._modifiable(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._modifiable(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._modifiable(request, obj)  # type: ignore[misc]


class EngagementPacteInline(_DuBrouillon, GardeEnLigne, ChampsDeTexteEnLigne, admin.TabularInline):
    template = TABULAIRE
    model = EngagementPacte
    form = EngagementPacteForm
    formset = EngagementsFormSet
    extra = 1
    fields = ("type", "quantite", "unite", "description", "personne")
    autocomplete_fields = ("personne",)
    champs_de_texte = {"unite": ChampNom, "description": ChampTexte}

    def get_queryset(self, request: HttpRequest) -> QuerySet[EngagementPacte]:
        return super().get_queryset(request).select_related("personne")

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "description":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 30})
        if db_field.name == "quantite":
            kwargs["help_text"] = _("En ETP (0,1 pour un dixième de temps) ou en euros.")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SignataireInline(_DuBrouillon, GardeEnLigne, admin.TabularInline):
    template = TABULAIRE
    model = Signataire
    form = FormulaireEnLigne
    formset = SignatairesFormSet
    extra = 2
    fields = ("personne", "qualite", "signe_le")
    readonly_fields = ("signe_le",)
    autocomplete_fields = ("personne",)
    verbose_name_plural = _("signataires (chacun confirme avec son propre compte, sur le site)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Signataire]:
        return super().get_queryset(request).select_related("personne")


# --- The steps of a pact --------------------------------------------------------------------


class TerminerForm(forms.Form):
    issue = forms.ChoiceField(
        label=_("Issue"),
        choices=[("honore", _("Honoré")), ("rompu", _("Rompu"))],
        widget=forms.RadioSelect,
    )
    motif = ChampTexte(
        label=_("Motif public de la rupture"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire si le pacte est rompu : il est publié. Markdown possible."),
    )


@dataclass(frozen=True)
class EtapePacte:
    libelle: Any
    depuis: frozenset[str]
    aide: Any
    formulaire: type[forms.Form] | None = None


ETAPES_PACTE: dict[str, EtapePacte] = {
    "proposer": EtapePacte(
        _("Proposer à la signature"),
        frozenset({StatutPacte.BROUILLON}),
        _(
            "Le pacte ne se modifie plus : chaque signataire le confirme avec son propre "
            "compte, sur le site."
        ),
    ),
    "retirer": EtapePacte(
        _("Retirer la proposition"),
        frozenset({StatutPacte.PROPOSE}),
        _("Retour au brouillon : les confirmations déjà données sont effacées."),
    ),
    "commencer": EtapePacte(
        _("Le pacte commence"), frozenset({StatutPacte.SIGNE}), _("Il passe « En cours ».")
    ),
    "terminer": EtapePacte(
        _("Terminer le pacte"),
        frozenset(STATUTS_EN_VIGUEUR),
        _(
            "Honoré, ou rompu avec un motif public ; ses engagements contractuels dans la "
            "communauté prennent fin aujourd'hui."
        ),
        TerminerForm,
    ),
    "amender": EtapePacte(
        _("Amender (nouvelle version)"),
        frozenset(STATUTS_EN_VIGUEUR),
        _(
            "Ouvre un brouillon de la version suivante, à faire confirmer par ses signataires ; "
            "celle-ci reste en vigueur jusque-là."
        ),
    ),
}

_ETAPE_REFUSEE = SaisieRefusee("experimentations_pacte_etape_refusee")


def _appliquer(cle: str, pacte: Pacte, request: HttpRequest, donnees: dict[str, Any]) -> Pacte:
    """Call the service of the step ``cle``; returns the pact to go back to."""
    qui = par(request)
    if cle == "proposer":
        return services.pacte_proposer(par=qui, pacte=pacte)
    if cle == "retirer":
        return services.pacte_retirer(par=qui, pacte=pacte)
    if cle == "commencer":
        return services.pacte_commencer(par=qui, pacte=pacte)
    if cle == "terminer":
        return services.pacte_terminer(
            par=qui, pacte=pacte, honore=donnees["issue"] == "honore", motif=donnees["motif"]
        )
    if cle == "amender":
        return services.pacte_amender(par=qui, pacte=pacte)
    raise Http404  # pragma: no cover - the view only lets known steps through


# --- Pacts ----------------------------------------------------------------------------------


@admin.register(Pacte)
class PacteAdmin(EcritParLesServices, AvecChampsDeTexte, ModeleAdminAvecBoutons):
    au_menu = 50  # in the back office's header (tilab.admin.SiteAdmin.menu_equipe)
    urls_boutons = (UrlBouton("<int:object_id>/etape/<str:cle>/", "etape", "etape_view"),)
    change_form_template = "admin/experimentations/pacte/change_form.html"
    form = PacteForm
    list_display = (
        "__str__",
        "version",
        "organisation",
        "experimentation",
        "statut",
        "debut",
        "fin",
        "signe_le",
    )
    list_select_related = ("organisation", "experimentation")
    list_filter = ("statut",)
    search_fields = ("organisation__nom", "experimentation__titre")
    # Numbers follow each other: the newest first, through the index of their uniqueness.
    ordering = ("-numero",)
    list_per_page = 50
    autocomplete_fields = ("experimentation", "organisation")
    champs_de_texte = {"preambule": ChampTexte}
    inlines = [EngagementPacteInline, SignataireInline]
    readonly_fields = (
        "numero",
        "version",
        "lien_version_precedente",
        "statut",
        "motif_rupture",
        "propose_le",
        "signe_le",
        "cree_le",
        "modifie_le",
    )

    def view_on_site(self, obj: Pacte) -> str | None:  # type: ignore[override]
        return None if obj.statut == StatutPacte.BROUILLON else adresse_publique(obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Pacte]:
        pactes = super().get_queryset(request)
        if not rules.peut_voir_les_brouillons(request.user):
            pactes = pactes.exclude(statut=StatutPacte.BROUILLON)
        return pactes

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        texte = ("experimentation", "organisation", "debut", "fin", "preambule")
        if obj is None:
            return ((None, {"fields": texte}),)
        return (
            (None, {"fields": ("numero", "version", "lien_version_precedente", *texte)}),
            (
                _("État"),
                {"fields": ("statut", "motif_rupture", "propose_le", "signe_le")},
            ),
            (_("Dates"), {"fields": ("cree_le", "modifie_le")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        # The pact binds this organisation to this experiment: an amendment keeps them.
        return (*self.readonly_fields, "experimentation", "organisation")

    # --- Who may

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_coordonner(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A proposed or signed pact is read only: it changes by its steps, or by an amendment.
        return (
            super().has_change_permission(request, obj)
            and rules.peut_coordonner(request.user)
            and (obj is None or obj.est_modifiable)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Its number is taken and its steps are in the experiment's journal.
        return False

    def has_etape_permission(self, request: HttpRequest) -> bool:
        return super().has_change_permission(request) and rules.peut_coordonner(request.user)

    @admin.display(description=_("version précédente"))
    def lien_version_precedente(self, obj: Pacte) -> Any:
        if obj.remplace_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:experimentations_pacte_change", args=[obj.remplace_id]),
            _("la version précédente"),
        )

    # --- Saving a draft through the services

    def save_model(self, request: HttpRequest, obj: Pacte, form: Any, change: bool) -> None:
        # Written with its commitments and signatories, by save_related.
        pass

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        engagements: list[EngagementSaisi] = []
        signataires: list[SignataireSaisi] = []
        for formset in formsets:
            # Lists what changed for the admin's history message; writes nothing.
            formset.save(commit=False)
            for f in _restants(formset):
                d = f.cleaned_data
                if formset.model is EngagementPacte:
                    engagements.append(
                        EngagementSaisi(
                            type=d["type"],
                            description=d.get("description") or "",
                            quantite=d.get("quantite"),
                            unite=d.get("unite") or "",
                            personne=d.get("personne"),
                        )
                    )
                elif formset.model is Signataire:
                    signataires.append(SignataireSaisi(d["personne"], d["qualite"]))
        pacte: Pacte = form.instance
        commun = {
            "par": par(request),
            "debut": form.cleaned_data["debut"],
            "fin": form.cleaned_data["fin"],
            "engagements": engagements,
            "signataires": signataires,
            "preambule": form.cleaned_data.get("preambule") or "",
        }
        if change:
            ecrit = services.pacte_modifier(pacte=pacte, **commun)
        else:
            ecrit = services.pacte_creer(
                experimentation=form.cleaned_data["experimentation"],
                organisation=form.cleaned_data["organisation"],
                **commun,
            )
        for champ in Pacte._meta.concrete_fields:
            setattr(pacte, champ.attname, getattr(ecrit, champ.attname))
        pacte._state.adding = False
        pacte._state.db = ecrit._state.db

    # --- The steps of the change page

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        pacte: Pacte = objet
        if not self.has_etape_permission(request):
            return {}
        # An amended pact was replaced: it cannot be amended a second time.
        offertes = (
            (cle, etape)
            for cle, etape in ETAPES_PACTE.items()
            if pacte.statut in etape.depuis
            and not (cle == "amender" and Pacte.objects.filter(remplace=pacte).exists())
        )
        saisie = _ETAPE_REFUSEE.reprendre(request, pk=pacte.pk)
        return {"etapes_pacte": etapes_offertes(self, pacte, offertes, saisie)}

    def etape_view(self, request: HttpRequest, object_id: int, cle: str) -> HttpResponse:
        """One step of the pact from its button (POST only: ``urls_boutons``), for those who
        write pacts; an amendment opens the new version's page."""
        if cle not in ETAPES_PACTE:
            raise Http404
        if not self.has_etape_permission(request):
            raise PermissionDenied
        pacte = get_object_or_404(Pacte, pk=object_id)
        etape = ETAPES_PACTE[cle]
        donnees: dict[str, Any] = {}
        erreurs: dict[str, list[str]] = {}
        resultat = pacte
        if etape.formulaire is not None:
            formulaire = etape.formulaire(request.POST, prefix=cle)
            if formulaire.is_valid():
                donnees = formulaire.cleaned_data
            else:
                erreurs = {c: [str(m) for m in liste] for c, liste in formulaire.errors.items()}
        if not erreurs:
            try:
                resultat = _appliquer(cle, pacte, request, donnees)
            except PacteImpossible as exc:
                if etape.formulaire is None:
                    self.message_user(request, message_d_erreur(exc), messages.ERROR)
                    return self.retour_page(pacte)
                erreurs = erreurs_par_champ(exc)
        if erreurs:
            _ETAPE_REFUSEE.garder(
                request, pk=pacte.pk, nom=cle, donnees=request.POST.dict(), erreurs=erreurs
            )
            self.message_user(
                request,
                _("« %(etape)s » n'a pas été fait : corrigez le formulaire.")
                % {"etape": etape.libelle},
                messages.ERROR,
            )
            return self.retour_page(pacte)
        if cle == "amender":
            self.message_user(
                request,
                f"{resultat} : version {resultat.version} du {pacte}, en brouillon. Modifiez-la, "
                "puis proposez-la à la signature.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.url_bouton("change", resultat.pk))
        self.message_user(
            request, f"{resultat} : {resultat.get_statut_display()}.", messages.SUCCESS
        )
        return self.retour_page(resultat)
