"""The Ti Team's triage desk for problems.

The state of a problem is never edited as a field: each step is a button on the change page
(or a list action) that posts to a URL of its own (``admin:problematiques_problematique_etape``,
declared through ``tilab.admin.ModeleAdminAvecBoutons``) and calls its service in
``problematiques.services``, which checks the role and the source state and records the step.
The list fetches what its columns show in a fixed number of queries, whatever the number of
rows.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from problematiques import rules, services, trajectoire
from problematiques.models import (
    ORDRE_TRIAGE,
    Problematique,
    Soutien,
    Statut,
    Transition,
    TypeTransition,
)
from tilab.admin import (
    AvecChampsDeTexte,
    FiltreRelationUtilisee,
    ListeSansDistinctInutile,
    ModeleAdminAvecBoutons,
    UrlBouton,
)
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne, Territoire, TypeTerritoire
from tilab.textes import ChampNom, ChampTexte, ChampTitre

# --- List filters --------------------------------------------------------------------------


class TerritoireFilter(admin.SimpleListFilter):
    """A département or an EPCI, with everything under it."""

    title = _("territoire")
    parameter_name = "territoire"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        territoires = Territoire.objects.filter(
            type__in=[TypeTerritoire.DEPARTEMENT, TypeTerritoire.EPCI]
        ).order_by("nom")
        epci_par_departement: dict[int | None, list[Territoire]] = {}
        for t in territoires:
            if t.type == TypeTerritoire.EPCI:
                epci_par_departement.setdefault(t.parent_id, []).append(t)
        # Each département followed by its EPCI, indented.
        choix = []
        for t in territoires:
            if t.type == TypeTerritoire.DEPARTEMENT:
                choix.append((str(t.pk), t.nom))
                choix += [(str(e.pk), f"— {e.nom}") for e in epci_par_departement.get(t.pk, [])]
        return choix

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        valeur = self.value()
        if not valeur:
            return queryset
        try:
            territoire = Territoire.objects.get(pk=int(valeur))
        except (ValueError, Territoire.DoesNotExist):
            return queryset.none()
        return queryset.sur_territoire(territoire)  # type: ignore[attr-defined, no-any-return]


class AgeFilter(admin.SimpleListFilter):
    title = _("ancienneté")
    parameter_name = "age"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("moins-7", _("moins de 7 jours")),
            ("7-30", _("7 à 30 jours")),
            ("plus-30", _("plus de 30 jours")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        maintenant = timezone.now()
        il_y_a_7, il_y_a_30 = maintenant - timedelta(days=7), maintenant - timedelta(days=30)
        if self.value() == "moins-7":
            return queryset.filter(cree_le__gt=il_y_a_7)
        if self.value() == "7-30":
            return queryset.filter(cree_le__lte=il_y_a_7, cree_le__gt=il_y_a_30)
        if self.value() == "plus-30":
            return queryset.filter(cree_le__lte=il_y_a_30)
        return queryset


# --- Forms of the steps --------------------------------------------------------------------


class EtapeForm(forms.Form):
    commentaire_public = ChampTexte(
        label=_("Commentaire public"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Envoyé par courriel à l'auteur et aux soutiens ; visible sur la "
                    "trajectoire si la problématique est publique. Markdown possible."),
    )  # fmt: skip
    note_interne = forms.CharField(
        label=_("Note interne"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Reste dans le back-office : jamais envoyée ni publiée."),
    )


class OrienterForm(EtapeForm):
    vers = ChampNom(
        label=_("Orientée vers"),
        max_length=200,
        help_text=_("L'organisme ou le service le mieux placé, par exemple « la CAF du "
                    "Finistère »."),
    )  # fmt: skip
    field_order = ["vers", "commentaire_public", "note_interne"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commentaire_public"].required = True
        self.fields["commentaire_public"].help_text = _(
            "Pourquoi cet interlocuteur : envoyé à l'auteur et aux soutiens."
        )


class CloturerForm(EtapeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commentaire_public"].required = True
        self.fields["commentaire_public"].help_text = _(
            "La raison de la clôture : envoyée à l'auteur et aux soutiens."
        )


class FusionnerForm(EtapeForm):
    cible = forms.ModelChoiceField(
        label=_("Fusionner dans"),
        queryset=Problematique.objects.none(),
        help_text=_("La problématique qui décrit le même problème et qui reste."),
    )
    field_order = ["cible", "commentaire_public", "note_interne"]

    def __init__(self, *args: Any, problematique: Problematique, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        champ = self.fields["cible"]
        assert isinstance(champ, forms.ModelChoiceField)
        champ.queryset = (
            Problematique.objects.exclude(pk=problematique.pk)
            .exclude(statut=Statut.CLOTUREE)
            .filter(fusionnee_dans__isnull=True)
            .order_by("titre")
        )


class ReferentForm(EtapeForm):
    referent = forms.ModelChoiceField(
        label=_("Référent"),
        queryset=Personne.objects.none(),
        help_text=_("Un membre de la Ti Team."),
    )
    field_order = ["referent", "note_interne"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        champ = self.fields["referent"]
        assert isinstance(champ, forms.ModelChoiceField)
        champ.queryset = Personne.objects.ayant_un_role(*regles_comptes.TI_TEAM).order_by(
            "last_name", "first_name"
        )
        # An internal step: nothing public to say.
        del self.fields["commentaire_public"]


# For each step: its button, its form, and how the form's data reaches the service.
# Forming the community of interest (TypeTransition.CONSTITUER_COMMUNAUTE) is not here: it
# needs its own form (name, purpose, animator), linked from the change page instead.
ETAPES: dict[str, tuple[TypeTransition, Any, type[EtapeForm]]] = {
    "qualifier": (TypeTransition.QUALIFIER, _("Qualifier"), EtapeForm),
    "ouvrir": (TypeTransition.OUVRIR, _("Publier"), EtapeForm),
    "orienter": (TypeTransition.ORIENTER, _("Orienter"), OrienterForm),
    "cloturer": (TypeTransition.CLOTURER, _("Clôturer"), CloturerForm),
    "fusionner": (TypeTransition.FUSIONNER, _("Fusionner dans…"), FusionnerForm),
    "assigner_referent": (
        TypeTransition.ASSIGNER_REFERENT,
        _("Désigner un référent"),
        ReferentForm,
    ),
}

# Kept in the session when a step is refused, so the change page shows the form again with
# what was typed and the errors next to the fields.
_BROUILLON = "problematiques_etape_refusee"


def _formulaire(cle: str, problematique: Problematique, data: Any = None) -> EtapeForm:
    classe = ETAPES[cle][2]
    options: dict[str, Any] = {"prefix": cle}
    if classe is FusionnerForm:
        options["problematique"] = problematique
    return classe(data, **options)


def _appliquer(cle: str, problematique: Problematique, par: Any, donnees: dict[str, Any]) -> None:
    """Call the service of the step ``cle`` with the cleaned data of its form."""
    commun = {
        "problematique": problematique,
        "par": par,
        "note_interne": donnees.get("note_interne", ""),
    }
    public = donnees.get("commentaire_public", "")
    if cle == "qualifier":
        services.problematique_qualifier(**commun, commentaire_public=public)
    elif cle == "ouvrir":
        services.problematique_ouvrir(**commun, commentaire_public=public)
    elif cle == "orienter":
        services.problematique_orienter(**commun, vers=donnees["vers"], commentaire_public=public)
    elif cle == "cloturer":
        services.problematique_cloturer(**commun, commentaire_public=public)
    elif cle == "fusionner":
        services.problematique_fusionner(
            **commun, cible=donnees["cible"], commentaire_public=public
        )
    elif cle == "assigner_referent":
        services.problematique_assigner_referent(**commun, referent=donnees["referent"])
    else:  # pragma: no cover - the URL pattern only lets known steps through
        raise Http404


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- Inlines: the back office's view of the history and of the supports ---------------------


class TransitionInline(admin.TabularInline):
    """The whole history, internal notes included: this is the back office."""

    model = Transition
    extra = 0
    can_delete = False
    fields = (
        "cree_le",
        "type",
        "statut_avant",
        "statut_apres",
        "auteur",
        "commentaire_public",
        "note_interne",
        "publique",
    )
    readonly_fields = fields
    ordering = ("cree_le", "pk")
    verbose_name_plural = _("historique (notes internes comprises)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Transition]:
        return super().get_queryset(request).select_related("auteur")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # History is written by the services only.
        return False


class SoutienInline(admin.TabularInline):
    model = Soutien
    extra = 0
    can_delete = False
    fields = (
        "cree_le",
        "personne",
        "organisation",
        "territoire",
        "expertise_offerte",
        "rejoindrait_communaute",
        "precisions",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Soutien]:
        return (
            super()
            .get_queryset(request)
            .select_related("problematique", "personne", "organisation", "territoire")
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Supports are given by people themselves ("nous aussi"), not by the team.
        return False


# --- The desk ------------------------------------------------------------------------------


@admin.register(Problematique)
class ProblematiqueAdmin(AvecChampsDeTexte, ModeleAdminAvecBoutons):
    urls_boutons = (UrlBouton("<int:object_id>/etape/<str:cle>/", "etape", "etape_view"),)
    change_form_template = "admin/problematiques/problematique/change_form.html"
    list_display = (
        "titre",
        "statut",
        "liste_territoires",
        "age_jours",
        "nb_soutiens",
        "referent",
        "cree_le",
    )
    list_select_related = ("referent",)
    list_filter = (
        "statut",
        TerritoireFilter,
        ("themes", FiltreRelationUtilisee),
        AgeFilter,
        ("referent", FiltreRelationUtilisee),
    )
    search_fields = ("titre", "constat")
    # The oldest report still waiting for a first answer comes first; the index
    # problematique_triage matches this order.
    ordering = ORDRE_TRIAGE
    list_per_page = 50
    # Paged without counting every problem a second time ("n résultats (N au total)").
    show_full_result_count = False
    actions = ["qualifier", "publier"]
    readonly_fields = (
        "statut",
        "referent",
        "auteur",
        "cree_le",
        "modifie_le",
        "publiee_le",
        "repondue_le",
        "orientee_vers",
        "fusionnee_dans",
    )
    fieldsets = (
        (None, {"fields": ("titre", "slug", "statut", "referent", "auteur", "organisation")}),
        (
            _("Le problème"),
            {"fields": ("constat", "publics_concernes", "deja_tente", "territoires", "themes")},
        ),
        (
            _("Trajectoire"),
            {
                "fields": (
                    "cree_le",
                    "repondue_le",
                    "publiee_le",
                    "orientee_vers",
                    "fusionnee_dans",
                    "modifie_le",
                )
            },
        ),
    )
    autocomplete_fields = ("organisation", "territoires", "themes")
    champs_de_texte = {
        "titre": ChampTitre,
        "constat": ChampTexte,
        "publics_concernes": ChampTexte,
        "deja_tente": ChampTexte,
    }
    inlines = [TransitionInline, SoutienInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Problematique]:
        return super().get_queryset(request).prefetch_related("territoires")

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ListeSansDistinctInutile

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The form's copy was read before a support may have been added: count again, in the
        # same transaction, rather than keep the copy's number.
        Problematique.objects.filter(pk=obj.pk).recompter_soutiens()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        champs = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.publiee_le is not None:
            # Its public address is in e-mails, feeds and links elsewhere: it stays.
            champs += ("slug",)
        return champs

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A problem is reported through the public form, which records its first step.
        return False

    def has_trier_permission(self, request: HttpRequest) -> bool:
        return rules.peut_trier(request.user)

    # --- Columns

    @admin.display(description=_("territoires"))
    def liste_territoires(self, obj: Problematique) -> str:
        return ", ".join(t.nom for t in obj.territoires.all()) or "—"

    @admin.display(description=_("âge (jours)"), ordering="cree_le")
    def age_jours(self, obj: Problematique) -> int:
        return (timezone.now() - obj.cree_le).days

    # --- Bulk actions

    def _en_masse(self, request: HttpRequest, queryset: QuerySet[Any], cle: str) -> None:
        reussies = 0
        for problematique in queryset:
            try:
                _appliquer(cle, problematique, request.user, {})
            except ValidationError as exc:
                self.message_user(
                    request, f"« {problematique.titre} » : {_message(exc)}", messages.WARNING
                )
            else:
                reussies += 1
        if reussies:
            self.message_user(
                request,
                f"{ETAPES[cle][1]} : {reussies} problématique(s) traitée(s).",
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Qualifier les problématiques sélectionnées"), permissions=["trier"]
    )
    def qualifier(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._en_masse(request, queryset, "qualifier")

    @admin.action(description=_("Publier les problématiques sélectionnées"), permissions=["trier"])
    def publier(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._en_masse(request, queryset, "ouvrir")

    # --- The step buttons of the change page

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        problematique: Problematique = objet
        contexte: dict[str, Any] = {}
        if rules.peut_trier(request.user):
            brouillon = request.session.pop(_BROUILLON, None) if request.method == "GET" else None
            if brouillon and brouillon.get("pk") != problematique.pk:
                brouillon = None
            etapes = []
            for cle, (type_, libelle, _classe) in ETAPES.items():
                if type_ not in services.transitions_possibles(problematique):
                    continue
                donnees = brouillon["data"] if brouillon and brouillon["cle"] == cle else None
                formulaire = _formulaire(cle, problematique, donnees)
                if donnees is not None:
                    formulaire.is_valid()  # show the errors next to the fields again
                etapes.append(
                    {
                        "cle": cle,
                        "libelle": libelle,
                        "formulaire": formulaire,
                        "ouverte": donnees is not None,
                        "url": self.url_bouton("etape", problematique.pk, cle),
                    }
                )
            contexte["etapes"] = etapes
        # What the apps above add to the change page (the community of interest…).
        gabarits, contexte_panneaux = trajectoire.panneaux(request, problematique, "admin")
        contexte |= contexte_panneaux
        contexte["panneaux"] = gabarits["admin"]
        return contexte

    def etape_view(self, request: HttpRequest, object_id: int, cle: str) -> HttpResponse:
        """POST only (``urls_boutons``): see :func:`_etape`."""
        return _etape(self, request, object_id, cle)


def _etape(
    model_admin: ProblematiqueAdmin, request: HttpRequest, object_id: int, cle: str
) -> HttpResponse:
    """Run one step from its button: POST only, for the people who triage."""
    if cle not in ETAPES:
        raise Http404
    if not rules.peut_trier(request.user):
        raise PermissionDenied
    problematique = get_object_or_404(Problematique, pk=object_id)
    formulaire = _formulaire(cle, problematique, request.POST)
    refus: str | None = None
    if formulaire.is_valid():
        try:
            _appliquer(cle, problematique, request.user, formulaire.cleaned_data)
        except ValidationError as exc:
            refus = _message(exc)
    else:
        refus = str(_("L'étape n'a pas été enregistrée : corrigez le formulaire ci-dessous."))
    if refus is not None:
        request.session[_BROUILLON] = {
            "pk": problematique.pk,
            "cle": cle,
            "data": request.POST.dict(),
        }
        model_admin.message_user(request, refus, messages.ERROR)
        return model_admin.retour_page(problematique)
    model_admin.message_user(
        request, f"{ETAPES[cle][1]} : c'est fait pour « {problematique.titre} ».", messages.SUCCESS
    )
    return model_admin.retour_page(problematique)
