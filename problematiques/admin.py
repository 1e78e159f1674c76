"""The Ti Team's triage desk for problems.

The state of a problem is never edited as a field: each step is a button on the change page
(or a list action) that posts to a URL of its own (``admin:problematiques_problematique_etape``,
declared through ``tilab.admin.ModeleAdminAvecBoutons``) and calls its service in
``problematiques.services``, which checks the role and the source state and records the step.
The list fetches what its columns show in a fixed number of queries, whatever the number of
rows; its search reads the stored full-text vector. The change page lists no other problem:
the merge target is searched (the admin's autocomplete) or named by its number or address,
and only the latest supports are shown.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ChangeList
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from problematiques import rules, services, trajectoire
from problematiques.models import (
    CONFIG_RECHERCHE,
    ORDRE_TRIAGE,
    Problematique,
    Soutien,
    Statut,
    Transition,
    TypeTransition,
)
from tilab.admin import (
    AvecChampsDeTexte,
    ChoixAutocomplete,
    FiltreRelationUtilisee,
    InlineDesDerniers,
    ListeSansDistinctInutile,
    ModeleAdminAvecBoutons,
    UrlBouton,
)
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne, Territoire, TypeTerritoire
from tilab.francais import il_y_a
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


def libelle_problematique(problematique: Problematique) -> str:
    """How a problem is named where several may share a title (the merge target): its title,
    its number and its state."""
    return _("%(titre)s (n° %(numero)s, %(etat)s)") % {
        "titre": problematique.titre,
        "numero": problematique.pk,
        "etat": problematique.get_statut_display(),
    }


def problematique_designee(texte: str) -> Problematique | None:
    """The problem that ``texte`` names: its number (« 6673 », « n° 6673 »), its URL
    identifier, or the address of one of its pages, public or of the back office (copied from
    another tab). ``None`` when nothing matches."""
    texte = texte.strip()
    numero = re.fullmatch(r"(?:n°|no|#)?\s*(\d{1,18})", texte, flags=re.IGNORECASE)
    if numero:
        return Problematique.objects.filter(pk=int(numero[1])).first()
    if "/" in texte:
        try:
            trouvee = resolve(urlsplit(texte).path)
        except (Resolver404, ValueError):
            return None
        if trouvee.view_name.startswith("admin:problematiques_problematique_"):
            identifiant = str(trouvee.kwargs.get("object_id", ""))
            if not identifiant.isdigit() or len(identifiant) > 18:
                return None
            return Problematique.objects.filter(pk=int(identifiant)).first()
        if trouvee.route.startswith("problematiques/") and "slug" in trouvee.kwargs:
            texte = trouvee.kwargs["slug"]
        else:
            return None
    if not re.fullmatch(r"[-\w]+", texte):
        return None
    return Problematique.objects.filter(slug=texte).first()


class ChoixCible(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return libelle_problematique(obj)


# Asked by the merge form's search (Django admin's autocomplete): see
# ProblematiqueAdmin.get_search_results.
CHAMP_CIBLE = Problematique._meta.get_field("fusionnee_dans")
# The problem being merged, which the search leaves out.
PARAMETRE_SAUF = "sauf"


class RechercheCible(ChoixAutocomplete):
    """The admin's autocomplete, asked to leave out the problem being merged (``sauf=<id>``
    in its address: select2 adds the term and the page after it)."""

    def __init__(self, *args: Any, sauf: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sauf = sauf

    def get_url(self) -> str:
        return f"{super().get_url()}?{urlencode({PARAMETRE_SAUF: self.sauf})}"


class FusionnerForm(EtapeForm):
    """The problem that stays, named without listing every problem on the page: searched by
    a word of its title or its number (the admin's autocomplete, which only ever holds the
    chosen one), or — without JavaScript, or to paste it from another tab — its number, its
    URL identifier or the address of its page."""

    cible = ChoixCible(
        label=_("Fusionner dans"),
        queryset=Problematique.objects.all(),
        required=False,
        help_text=_("La problématique qui décrit le même problème et qui reste : tapez un mot "
                    "de son titre ou son numéro, puis choisissez-la."),
    )  # fmt: skip
    cible_designee = forms.CharField(
        label=_("Ou son numéro ou son adresse"),
        required=False,
        max_length=500,
        help_text=_("Le numéro de la problématique, son identifiant d'URL ou l'adresse de sa "
                    "page (publique ou du back-office). Sans JavaScript, c'est ici qu'on la "
                    "désigne."),
    )  # fmt: skip
    field_order = ["cible", "cible_designee", "commentaire_public", "note_interne"]

    def __init__(
        self, *args: Any, problematique: Problematique, admin_site: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.problematique = problematique
        self.fields["cible"].widget = RechercheCible(CHAMP_CIBLE, admin_site, sauf=problematique.pk)
        self.fields["cible"].widget.choices = self.fields["cible"].choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        if self.has_error("cible") or self.has_error("cible_designee"):
            return donnees
        choisie: Problematique | None = donnees.get("cible")
        texte = donnees.get("cible_designee", "")
        designee = None
        if texte:
            designee = problematique_designee(texte)
            if designee is None:
                self.add_error(
                    "cible_designee",
                    _("Aucune problématique ne porte ce numéro, cet identifiant ou cette "
                      "adresse."),
                )  # fmt: skip
                return donnees
        if choisie is not None and designee is not None and choisie.pk != designee.pk:
            self.add_error(
                "cible_designee",
                _("Ce numéro ou cette adresse désigne une autre problématique que celle "
                  "choisie dans la liste : n'en gardez qu'une."),
            )  # fmt: skip
            return donnees
        cible = choisie or designee
        if cible is None:
            self.add_error(
                "cible",
                _("Choisissez la problématique qui reste, dans la liste ou par son numéro ou "
                  "son adresse."),
            )  # fmt: skip
            return donnees
        champ = "cible" if choisie is not None else "cible_designee"
        if cible.pk == self.problematique.pk:
            self.add_error(champ, _("Une problématique ne peut pas être fusionnée dans elle-même."))
        elif cible.fusionnee_dans_id is not None or cible.statut == Statut.CLOTUREE:
            self.add_error(
                champ,
                _("La problématique cible est elle-même fusionnée ou clôturée : choisissez-en "
                  "une autre."),
            )  # fmt: skip
        else:
            donnees["cible"] = cible
        return donnees


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


def _formulaire(
    cle: str, problematique: Problematique, admin_site: Any, data: Any = None
) -> EtapeForm:
    classe = ETAPES[cle][2]
    options: dict[str, Any] = {"prefix": cle}
    if classe is FusionnerForm:
        options |= {"problematique": problematique, "admin_site": admin_site}
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


class SoutienInline(InlineDesDerniers):
    """The latest supports; their number is on the public page and in the list."""

    model = Soutien
    extra = 0
    can_delete = False
    ordre_recents = ("-cree_le", "-pk")
    verbose_name_plural = format_lazy(
        _("soutiens (les {nombre} plus récents)"), nombre=InlineDesDerniers.derniers
    )
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
    ordering = ("-cree_le", "-pk")

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

# The words of a search: letters and digits, the rest separates them.
_MOTS = re.compile(r"[^\W_]+")
_NUMERO = re.compile(r"(?:n°|no|#)?\s*(\d{1,18})", flags=re.IGNORECASE)


def recherche_au_bureau(queryset: QuerySet[Any], terme: str) -> QuerySet[Any]:
    """The problems of ``queryset`` that ``terme`` finds: every word in the stored full-text
    vector (French stemming, accents ignored, the GIN index), the last one as the beginning of
    a word (someone typing in the merge form's search), or the problem of that number."""
    terme = terme.strip()
    mots = _MOTS.findall(terme)[:10]
    if not mots:
        return queryset if not terme else queryset.none()
    # Only letters and digits inside the quotes: nothing to_tsquery could misread.
    expression = " & ".join(f"'{mot}'" for mot in mots) + ":*"
    trouvees = Q(
        vecteur_recherche=SearchQuery(expression, config=CONFIG_RECHERCHE, search_type="raw")
    )
    numero = _NUMERO.fullmatch(terme)
    if numero:
        trouvees |= Q(pk=int(numero[1]))
    return queryset.filter(trouvees)


def _cherche_une_cible_de_fusion(request: HttpRequest) -> bool:
    """Whether ``request`` is the merge form's search (the admin's autocomplete view, asked
    for ``CHAMP_CIBLE``)."""
    correspondance = request.resolver_match
    return (
        correspondance is not None
        and correspondance.url_name == "autocomplete"
        and request.GET.get("app_label") == CHAMP_CIBLE.model._meta.app_label
        and request.GET.get("model_name") == CHAMP_CIBLE.model._meta.model_name
        and request.GET.get("field_name") == CHAMP_CIBLE.name
    )


# The shape drawn before each state's name in the list: the state reads from its words, and its
# shape and colour (static/css/admin.css) tell the states apart at a glance, never alone.
FORMES_ETAT = {
    Statut.SOUMISE: "◆",
    Statut.EN_QUALIFICATION: "◇",
    Statut.OUVERTE: "○",
    Statut.COMMUNAUTE_CONSTITUEE: "◎",
    Statut.CANDIDATE: "★",
    Statut.RETENUE: "✓",
    Statut.AJOURNEE: "↻",
    Statut.NON_RETENUE: "✕",
    Statut.ORIENTEE: "➜",
    Statut.CLOTUREE: "■",
}


def badge_etat(problematique: Problematique) -> SafeString:
    """The state of ``problematique`` as the triage list shows it: its name after its shape,
    in a badge of its colour (``etat etat--<statut>``); a ``soumise`` one also marks its row."""
    return format_html(
        '<span class="etat etat--{}"><span class="etat__forme" aria-hidden="true">{}</span> '
        "{}</span>",
        problematique.statut,
        FORMES_ETAT.get(Statut(problematique.statut), "•"),
        problematique.get_statut_display(),
    )


class ListeDeTriage(ListeSansDistinctInutile):
    """The triage list: each problem of the page carries the address of its change page with
    the list's filters (``url_triage``), as Django's own link would, for the title column that
    links its title alone and shows its territories beside it."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        contexte: dict[str, Any] = {
            "preserved_filters": self.preserved_filters,
            "opts": self.opts,
        }
        nom = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        site = self.model_admin.admin_site.name
        for problematique in self.result_list:
            url = reverse(nom, args=(problematique.pk,), current_app=site)
            problematique.url_triage = add_preserved_filters(contexte, url)


@admin.register(Problematique)
class ProblematiqueAdmin(AvecChampsDeTexte, ModeleAdminAvecBoutons):
    au_menu = 10  # in the back office's header (tilab.admin.SiteAdmin.menu_equipe)
    urls_boutons = (UrlBouton("<int:object_id>/etape/<str:cle>/", "etape", "etape_view"),)
    change_form_template = "admin/problematiques/problematique/change_form.html"
    # Read at a glance at 1,280 px: the title takes the room, its territories under it; the
    # other columns are short (templates/admin/problematiques/problematique/, static/css/admin.css).
    list_display = ("titre_et_territoires", "etat", "age", "nb_soutiens", "referent_nom")
    # The title links to the problem itself (ListeDeTriage), its territories beside the link.
    list_display_links = None
    list_select_related = ("referent",)
    list_filter = (
        "statut",
        TerritoireFilter,
        ("themes", FiltreRelationUtilisee),
        AgeFilter,
        ("referent", FiltreRelationUtilisee),
    )
    # Declared for the search box and the autocomplete; the search itself reads the stored
    # full-text vector (get_search_results).
    search_fields = ("titre", "constat")
    search_help_text = _(
        "Des mots du titre ou du texte (le début du dernier mot suffit), ou le numéro de la "
        "problématique."
    )
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
        # The search vector is read by PostgreSQL only (a kilobyte a problem).
        lignes = (
            super()
            .get_queryset(request)
            .defer("vecteur_recherche", "vecteur_titre")
            .prefetch_related("territoires")
        )
        correspondance = getattr(request, "resolver_match", None)
        if correspondance is not None and correspondance.url_name == self._nom_url("change"):
            # The change page's panels (the apps above this one) read these with the problem.
            lignes = lignes.select_related(*trajectoire.relations())
        return lignes

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ListeDeTriage

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        if _cherche_une_cible_de_fusion(request):
            # The merge form's search: only problems one may merge into.
            queryset = queryset.exclude(statut=Statut.CLOTUREE).filter(fusionnee_dans__isnull=True)
            sauf = request.GET.get(PARAMETRE_SAUF, "")
            if sauf.isascii() and sauf.isdigit() and len(sauf) <= 18:
                queryset = queryset.exclude(pk=int(sauf))
        return recherche_au_bureau(queryset, search_term), False

    def texte_autocomplete(self, obj: Problematique) -> str:
        return libelle_problematique(obj)

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        # The steps' forms are drawn by the page's template: their scripts (the merge
        # target's search) come with the page's.
        for etape in context.get("etapes", ()):
            context["media"] = context["media"] + etape["formulaire"].media
        return super().render_change_form(request, context, *args, **kwargs)

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

    @admin.display(description=_("problématique"), ordering="titre")
    def titre_et_territoires(self, obj: Problematique) -> SafeString:
        territoires = ", ".join(t.nom for t in obj.territoires.all())
        return format_html(
            '<a href="{}">{}</a> {}',
            getattr(obj, "url_triage", ""),
            obj.titre,
            format_html('<span class="territoires">{}</span>', territoires) if territoires else "",
        )

    @admin.display(description=_("état"), ordering="statut")
    def etat(self, obj: Problematique) -> SafeString:
        return badge_etat(obj)

    @admin.display(description=_("âge"), ordering="cree_le")
    def age(self, obj: Problematique) -> SafeString:
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            obj.cree_le.isoformat(),
            _("remontée le %(date)s")
            % {"date": date_format(timezone.localtime(obj.cree_le), "j F Y")},
            il_y_a(obj.cree_le),
        )

    @admin.display(description=_("référent"), ordering="referent__last_name")
    def referent_nom(self, obj: Problematique) -> str:
        return str(obj.referent) if obj.referent is not None else "—"

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
                formulaire = _formulaire(cle, problematique, self.admin_site, donnees)
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
    formulaire = _formulaire(cle, problematique, model_admin.admin_site, request.POST)
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
