"""What the back office's model pages share: buttons on a change page that post to URLs of
their own (:class:`ModeleAdminAvecBoutons`); the names, titles and texts typed there
cleaned of invisible characters like on the site (:class:`AvecChampsDeTexte`); date and time
inputs that say which field they belong to (:class:`AvecDatesNommees`); inlines that show
an object's latest rows only (:class:`InlineDesDerniers`); list filters on a
relation whose cost does not grow with the list (:class:`FiltreRelationUtilisee`,
:class:`ListeSansDistinctInutile`, and :class:`FiltreRelationChoisie` where even the related
rows in use are too many to list); and the site itself (:class:`SiteAdmin`), whose lists,
searches and autocomplete fields answer impossible input without a server error.

A state is never edited as a field: each change is a small form on the change page (a step of a
problem, a community's new state) posting to a POST-only admin URL whose view calls a service.
This module declares those URLs and hands the change page its forms; what each button does,
who may press it and what it says afterwards stay in the app's own admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers, widgets
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ERROR_FLAG, ChangeList
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.models import _get_foreign_key
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tilab.francais import avec_article, un_autre


@dataclass(frozen=True)
class UrlBouton:
    """A POST-only admin URL for the buttons of a change page.

    ``chemin`` is relative to the model's admin URLs (``"<int:object_id>/statut/"``), ``nom``
    completes the URL's name (``admin:<app>_<model>_<nom>``) and ``vue`` names the
    ``ModelAdmin`` method answering it.
    """

    chemin: str
    nom: str
    vue: str


class ModeleAdminAvecBoutons(admin.ModelAdmin):
    """A ``ModelAdmin`` whose change page carries buttons that post to URLs of their own.

    Subclasses list their URLs in ``urls_boutons``; each view is served by the admin site
    (login, staff and CSRF checks, no cache) and answers POST only (405 otherwise): checking
    the person's permission, calling the service and saying what happened is the view's job.
    :meth:`contexte_modification` gives the change page what its buttons need.
    """

    urls_boutons: ClassVar[tuple[UrlBouton, ...]] = ()

    def get_urls(self) -> list[URLPattern]:
        # Before the model's own URLs: "<path:object_id>/" would match these paths first.
        return [
            path(
                bouton.chemin,
                self.admin_site.admin_view(require_POST(getattr(self, bouton.vue))),
                name=self._nom_url(bouton.nom),
            )
            for bouton in self.urls_boutons
        ] + super().get_urls()

    def url_bouton(self, nom: str, *args: Any) -> str:
        """The address of the button URL ``nom`` (one of ``urls_boutons``) for ``args``."""
        return reverse(f"{self.admin_site.name}:{self._nom_url(nom)}", args=args)

    def retour_page(self, objet: Any) -> HttpResponseRedirect:
        """Back to ``objet``'s change page, where the messages of the button's view show."""
        return HttpResponseRedirect(self.url_bouton("change", objet.pk))

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        """What the change page of ``objet`` adds to its context: the buttons' forms and
        addresses, for the person asking. Nothing by default."""
        return {}

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        contexte = dict(extra_context or {})
        objet = self.get_object(request, object_id)
        if objet is not None:
            contexte |= self.contexte_modification(request, objet)
        return super().change_view(request, object_id, form_url, extra_context=contexte)

    def _nom_url(self, nom: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{nom}"


class AvecChampsDeTexte(admin.ModelAdmin):
    """A ``ModelAdmin`` whose names, titles and public texts follow the rule of
    :mod:`tilab.textes`: ``champs_de_texte`` maps a model field to the form field of that
    module applying it, e.g. ``{"titre": ChampTitre, "description": ChampTexte}``. It holds
    for the fields of a custom ``form`` too, unless that form declares the field itself."""

    champs_de_texte: ClassVar[dict[str, type[forms.CharField]]] = {}

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        classe = self.champs_de_texte.get(db_field.name)
        if classe is not None:
            kwargs["form_class"] = classe
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DateHeureNommees(AdminSplitDateTime):
    """The date and the time input of one field, each labelled with it: « Début — date »,
    « Début — heure », where Django says « Date : » and « Heure : » for every field."""

    def __init__(self, libelle: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.libelle = libelle

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        contexte = super().get_context(name, value, attrs)
        contexte["date_label"] = _("%(champ)s — date") % {"champ": self.libelle}
        contexte["time_label"] = _("%(champ)s — heure") % {"champ": self.libelle}
        return contexte


class AvecDatesNommees(admin.ModelAdmin):
    """A ``ModelAdmin`` whose date-and-time fields label their two inputs with the field's
    name (:class:`DateHeureNommees`): a form with several of them no longer repeats « Date : /
    Heure : » without saying which."""

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if isinstance(db_field, models.DateTimeField):
            libelle = str(capfirst(db_field.verbose_name))
            kwargs.setdefault("widget", DateHeureNommees(libelle))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class InlineDesDerniers(admin.TabularInline):
    """An inline that lists only the ``derniers`` latest rows of its object (the latest by
    ``ordre_recents``, shown in the inline's ``ordering``): a much supported problem, a
    long-lived community would otherwise list hundreds of rows on their page. The admin of its
    object is a :class:`ModeleAdminGarde` (every model of the site), which hands it the
    rows; say it in ``verbose_name_plural``."""

    derniers: ClassVar[int] = 20
    ordre_recents: ClassVar[tuple[str, ...]] = ("-pk",)

    def les_derniers(self, lignes: QuerySet[Any], objet: Any) -> QuerySet[Any]:
        """``lignes`` (the inline's queryset) kept to the latest ones of ``objet``."""
        cle = _get_foreign_key(self.parent_model, self.model, fk_name=self.fk_name)
        siennes = lignes.filter(**{cle.name: objet}).order_by(*self.ordre_recents)
        return lignes.filter(pk__in=siennes.values("pk")[: self.derniers])


# --- The site: lists that refuse bad filters instead of failing ----------------------------

MESSAGE_FILTRES_REFUSES = _(
    "Ces filtres ne peuvent pas s'appliquer (une valeur impossible dans l'adresse) : la liste "
    "est affichée sans eux."
)


def _contient_nul(texte: str) -> bool:
    return "\x00" in texte


class ListeAuxFiltresVerifies(ChangeList):
    """A list whose filters turn into ``IncorrectLookupParameters`` (back to the list without
    them) when PostgreSQL or Python could not apply them: a NUL byte, which no text column can
    hold, or a date past the calendar (``?debut__year=99999999999999999999``), in a date
    hierarchy or typed in the address.

    Its title and its add button name what it lists in the portal's words (« Choisissez la
    problématique à modifier », « Ajouter une communauté ») where Django speaks of objects
    (« Sélectionnez l'objet problématique à changer »)."""

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        nom = avec_article(str(self.opts.verbose_name))
        if self.is_popup:
            self.title = _("Choisissez %(nom)s") % {"nom": nom}
        elif self.model_admin.has_change_permission(request):
            self.title = _("Choisissez %(nom)s à modifier") % {"nom": nom}
        else:
            self.title = _("Choisissez %(nom)s à consulter") % {"nom": nom}

    @property
    def libelle_ajouter(self) -> str:
        """The add button's words: « Ajouter une communauté »."""
        return str(titre_ajout(self.opts))

    def get_filters(self, request: HttpRequest) -> Any:
        for cle, valeurs in self.get_filters_params().items():
            if _contient_nul(cle) or any(_contient_nul(str(v)) for v in valeurs):
                raise IncorrectLookupParameters(f"caractère nul dans le filtre {cle!r}")
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as exc:
            # Django catches the ValueError of an impossible date, not the overflow of a
            # year too large for a C integer nor the year after 9999 that it computes.
            raise IncorrectLookupParameters(exc) from exc

    def get_results(self, request: HttpRequest) -> None:
        try:
            super().get_results(request)
        except (OverflowError, ValueError) as exc:
            # The same, typed in the address on a date the list has no hierarchy for
            # (?debut__year=99999999999999999999): found when the count is written.
            raise IncorrectLookupParameters(exc) from exc


_LISTES_VERIFIEES: dict[type[ChangeList], type[ChangeList]] = {}


def _liste_verifiee(classe: type[ChangeList]) -> type[ChangeList]:
    if issubclass(classe, ListeAuxFiltresVerifies):
        return classe
    if classe not in _LISTES_VERIFIEES:
        _LISTES_VERIFIEES[classe] = type(classe.__name__, (ListeAuxFiltresVerifies, classe), {})
    return _LISTES_VERIFIEES[classe]


class _ValeursPossibles:
    """An autocomplete widget that shows again only values its model could hold: Django looks
    up every value posted, and a value that is not a key (``"\\x00"``, a date) made the refused
    form fail to render instead of showing its error."""

    field: Any

    def optgroups(self, name: str, value: Any, attr: Any = None) -> Any:
        options = self.field.remote_field.model._meta
        cible = options.get_field(getattr(self.field.remote_field, "field_name", options.pk.name))
        possibles = []
        for valeur in value:
            try:
                if _contient_nul(str(valeur)):
                    continue
                cible.get_prep_value(cible.to_python(valeur))
            except (ValidationError, ValueError, TypeError):
                continue
            possibles.append(valeur)
        return super().optgroups(name, possibles, attr)  # type: ignore[misc]


class ChoixAutocomplete(_ValeursPossibles, widgets.AutocompleteSelect):
    pass


class ChoixMultiplesAutocomplete(_ValeursPossibles, widgets.AutocompleteSelectMultiple):
    pass


def titre_ajout(options: Any) -> str:
    """« Ajouter une communauté »: the title of the add page of the model of ``options``
    (its ``_meta``) and of its list's add button."""
    nom = avec_article(str(options.verbose_name), defini=False)
    return str(_("Ajouter %(nom)s") % {"nom": nom})


# Django's titles of a change page, which the portal's replace (render_change_form) unless the
# admin gave its own.
_TITRES_DE_DJANGO = ("Add %s", "Change %s", "View %s")


class ModeleAdminGarde(admin.ModelAdmin):
    """What every model page of the back office gets from :class:`SiteAdmin`: lists that send
    impossible filters back to the list without them, with a message; searches that do not
    pass a NUL byte to PostgreSQL; autocomplete fields that show again a refused value; titles
    in the portal's words (« Modifier la problématique », « Ajouter une communauté »)."""

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        nom = str(self.opts.verbose_name)
        if context.get("title") in {gettext(t) % nom for t in _TITRES_DE_DJANGO}:
            if add:
                context["title"] = titre_ajout(self.opts)
            elif self.has_change_permission(request, obj):
                context["title"] = _("Modifier %(nom)s") % {"nom": avec_article(nom)}
            else:
                context["title"] = _("Consulter %(nom)s") % {"nom": avec_article(nom)}
        # « Enregistrer et ajouter une autre communauté » (templates/admin/submit_line.html),
        # where Django says « ajouter un nouveau » whatever the thing.
        context["libelle_ajouter_autre"] = _("Enregistrer et ajouter %(nom)s") % {
            "nom": un_autre(nom)
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_delete_form(self, request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
        # « Voulez-vous vraiment supprimer la problématique « … » ? »
        # (templates/admin/delete_confirmation.html), where Django says « l'objet problématique ».
        context["nom_avec_article"] = avec_article(str(self.opts.verbose_name))
        if context.get("title") == gettext("Delete"):
            context["title"] = _("Supprimer %(nom)s") % {"nom": context["nom_avec_article"]}
        return super().render_delete_form(request, context)

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return _liste_verifiee(super().get_changelist(request, **kwargs))

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            if ERROR_FLAG not in request.GET:
                self.message_user(request, MESSAGE_FILTRES_REFUSES, messages.WARNING)
            raise

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        # No text in the database holds a NUL byte: nothing to find (the list's own search
        # form already refuses it; the autocomplete's term did not).
        if _contient_nul(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        options: dict[str, Any] = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, InlineDesDerniers) and obj is not None and obj.pk is not None:
            options["queryset"] = inline.les_derniers(options["queryset"], obj)
        return options

    def action_checkbox(self, obj: Any) -> SafeString:
        # Django's box, written out instead of rendering a widget's template for each row
        # (a sixth of a list's time).
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(str(_("Choisir « {} » pour une action")), str(obj)),
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChoixAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChoixMultiplesAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RechercheAutocomplete(AutocompleteJsonView):
    """Django's autocomplete answers, each named by ``texte_autocomplete(obj)`` when the
    searched model's admin defines it (a problem: its title, number and state, since two may
    share a title), by ``str(obj)`` otherwise."""

    def serialize_result(self, obj: Any, to_field_name: str) -> dict[str, Any]:
        resultat: dict[str, Any] = super().serialize_result(obj, to_field_name)
        texte = getattr(self.model_admin, "texte_autocomplete", None)
        if texte is not None:
            resultat["text"] = texte(obj)
        return resultat


@admin.action(permissions=["delete"], description=_("Supprimer la sélection"))
def supprimer_la_selection(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> HttpResponse | None:
    """Django's ``delete_selected``, its confirmation in the portal's words
    (templates/admin/delete_selected_confirmation.html)."""
    reponse = delete_selected(modeladmin, request, queryset)
    contexte = getattr(reponse, "context_data", None)
    if contexte is not None and contexte.get("title") == gettext("Delete multiple objects"):
        contexte["title"] = _("Supprimer la sélection")
    return reponse  # type: ignore[no-any-return]


class SiteAdmin(admin.AdminSite):
    """The back office's site (``admin.site``, through ``tilab.apps.AdminTilabConfig``).

    Every model it registers, ours and those of the libraries (the task queue, e-mail
    addresses, groups), gets :class:`ModeleAdminGarde` under its own admin class, so that a model
    registered tomorrow is guarded without asking. Its autocomplete is
    :class:`RechercheAutocomplete`. Its header links the lists the team uses every day
    (:meth:`menu_equipe`, drawn by ``templates/admin/base_site.html``).
    """

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)
        # Django's, named « Supprimer la sélection » where it said « Supprimer les
        # problématiques sélectionnés » whatever the gender.
        self.add_action(supprimer_la_selection, "delete_selected")

    # The team's main lists sit in the header (menu_equipe) instead: the side menu took a
    # quarter of a 1,280 px screen from every list, and the dashboard lists every model.
    enable_nav_sidebar = False

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        contexte: dict[str, Any] = super().each_context(request)
        contexte["menu_equipe"] = self.menu_equipe(request)
        return contexte

    def menu_equipe(self, request: HttpRequest) -> list[dict[str, Any]]:
        """The header's links to the lists the team uses every day: those whose admin sets
        ``au_menu`` (their rank) and that the person may see, the current one marked."""
        if not self.has_permission(request):
            return []
        entrees = sorted(
            (
                (rang, modele._meta.label, modele, model_admin)
                for modele, model_admin in self._registry.items()
                if (rang := getattr(model_admin, "au_menu", None)) is not None
            ),
            key=lambda entree: entree[:2],
        )
        liens = []
        for _rang, _label, modele, model_admin in entrees:
            if not model_admin.has_view_or_change_permission(request):
                continue
            options = modele._meta
            url = reverse(f"{self.name}:{options.app_label}_{options.model_name}_changelist")
            liens.append(
                {
                    "nom": capfirst(options.verbose_name_plural),
                    "url": url,
                    "courant": request.path.startswith(url),
                }
            )
        return liens

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        reponse = RechercheAutocomplete.as_view(admin_site=self)(request)
        assert isinstance(reponse, HttpResponse)
        return reponse

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        classe = admin_class or admin.ModelAdmin
        if not issubclass(classe, ModeleAdminGarde):
            classe = type(
                classe.__name__,
                (ModeleAdminGarde, classe),
                {"__module__": classe.__module__, "__doc__": classe.__doc__},
            )
        super().register(model_or_iterable, classe, **options)


# --- List filters on a relation -----------------------------------------------------------


class FiltreRelationUtilisee(admin.RelatedFieldListFilter):
    """``RelatedOnlyFieldListFilter`` without its cost: the same choices (the related rows that
    some row of the list uses, plus the empty choice), asked row by row of the related table
    with ``EXISTS`` through the relation's index instead of ``SELECT DISTINCT`` over the whole
    list joined to the relation; a many-to-many filters with ``pk IN (…)``, which never repeats
    a row. Declared like Django's: ``list_filter = [("themes", FiltreRelationUtilisee)]``;
    with a many-to-many, give the ``ModelAdmin`` :class:`ListeSansDistinctInutile` too."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        utilisees = model_admin.model._default_manager.filter(**{self.field_path: OuterRef("pk")})
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, limit_choices_to=Q(Exists(utilisees)), ordering=ordering
        )

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        if not self.field.many_to_many or not self.used_parameters:
            return super().queryset(request, queryset)
        # The rows found in a subquery: joining the list itself to the relation could repeat
        # them (two values asked in the URL), which Django would answer with a DISTINCT.
        trouvees = super().queryset(request, queryset.model._default_manager.all())
        return None if trouvees is None else queryset.filter(pk__in=trouvees.values("pk"))


class FiltreRelationChoisie(admin.RelatedFieldListFilter):
    """A filter on a relation to a table too large to list on every page (every community,
    every person): it offers only the row asked in the address, so that the list says what it
    is filtered on and how to undo it; a link elsewhere leads there (a community's page →
    its commitments), the search box finds the others. Hidden while nothing is asked; the
    choice costs one query by primary key. Declared like Django's:
    ``list_filter = [("communaute", FiltreRelationChoisie)]``."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        cible = field.target_field
        demandees = []
        for valeur in self.lookup_val or ():
            try:
                demandees.append(cible.get_prep_value(cible.to_python(valeur)))
            except (ValidationError, ValueError, TypeError, OverflowError):
                continue
        if not demandees:
            return []
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(**{f"{cible.name}__in": demandees}),
            ordering=ordering,
        )

    def has_output(self) -> bool:
        # Whenever something is asked, even one row or none that exists: Django would hide
        # the filter, and not apply it.
        return bool(self.lookup_val) or bool(self.lookup_val_isnull)


class ListeSansDistinctInutile(ChangeList):
    """The change list of a ``ModelAdmin`` whose many-to-many filters are
    :class:`FiltreRelationUtilisee`: Django adds ``DISTINCT`` to the whole list (its ``COUNT``
    and its page) as soon as such a filter is active; these filters never repeat a row, so
    only the other filters and the lookups typed in the URL still decide. Give it with
    ``def get_changelist(self, request, **kwargs): return ListeSansDistinctInutile``."""

    def get_filters(self, request: HttpRequest) -> Any:
        filtres, a_des_filtres, restants, doublons, actifs = super().get_filters(request)
        if doublons:
            doublons = any(
                lookup_spawns_duplicates(self.lookup_opts, cle) for cle in restants
            ) or any(
                isinstance(filtre, admin.FieldListFilter)
                and not isinstance(filtre, FiltreRelationUtilisee)
                and filtre.used_parameters
                and lookup_spawns_duplicates(self.lookup_opts, filtre.field_path)
                for filtre in filtres
            )
        return filtres, a_des_filtres, restants, doublons, actifs
