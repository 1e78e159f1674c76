"""The back office of the documentation: the Ti Team's list of every page, whatever its state,
and the Documentation role's heavy editing of a page's text.

Pages are created on the site's editor, never here; their state changes (submission, review,
publication, archiving, restoring a revision) go through ``documentation.services.pages`` from
the site's pages too, so ``statut``, ``publiee_le``, ``nb_reutilisations`` and ``slug`` are
read only. Saving the form here is a new revision, through ``page_enregistrer`` (which checks
who may write and, on a published page, the quality checklist): the form checks the same
first, so that a refusal is an error next to its field. Revisions, attachments, review
comments, reuses and the journal are shown read only, the latest ones first.

The whole team reads; the Documentation role changes (``0002_permissions_roles``), and only the
pages it may write (``documentation.rules.peut_ecrire``: an archived page is read only).

The kinds of page each experiment owes on top of a fiche and a return of experience are listed
here too: the Direction, the Coordination and the Documentation role add one or withdraw one
(``0003_permissions_pages_attendues``), through ``documentation.services.attendues``, which
records it in the experiment's journal; as on the experiment's page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from documentation import rules
from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Page,
    PageAttendue,
    PieceJointe,
    Reutilisation,
    Revision,
    SortePage,
    StatutPage,
)
from documentation.models.pages import CHAMPS_REVISES
from documentation.services.attendues import (
    PageAttendueImpossible,
    page_attendue_ajouter,
    page_attendue_retirer,
    sortes_declarables,
)
from documentation.services.pages import Contenu, manques, page_enregistrer
from experimentations import rules as regles_experimentations
from experimentations.admin.experimentations import (
    TABULAIRE,
    EcritParLesServices,
    LectureSeule,
    adresse_publique,
    par,
)
from tilab.admin import AvecChampsDeTexte, InlineDesDerniers, ListeSansDistinctInutile
from tilab.textes import ChampNom, ChampTexte, ChampTitre

# --- What hangs from a page: read only ------------------------------------------------------


class RevisionInline(LectureSeule, InlineDesDerniers):
    """The latest revisions: immutable, restored from the site's history page."""

    template = TABULAIRE
    model = Revision
    fk_name = "page"
    verbose_name_plural = format_lazy(
        _("révisions (les {nombre} dernières)"), nombre=InlineDesDerniers.derniers
    )
    ordre_recents = ("-numero",)
    ordering = ("-numero",)
    extra = 0
    can_delete = False
    fields = ("numero", "le", "par", "note", "restaure")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Revision]:
        return super().get_queryset(request).select_related("par", "restaure")


class PieceJointeInline(LectureSeule, admin.TabularInline):
    template = TABULAIRE
    model = PieceJointe
    extra = 0
    can_delete = False
    fields = ("nom", "type_mime", "taille", "ajoutee_par", "ajoutee_le")
    readonly_fields = fields
    verbose_name_plural = _("pièces jointes (ajoutées et retirées depuis le site)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[PieceJointe]:
        return super().get_queryset(request).select_related("ajoutee_par")


class CommentaireInline(LectureSeule, InlineDesDerniers):
    """The review's discussion: never public, written on the site's review page."""

    template = TABULAIRE
    model = CommentaireRelecture
    verbose_name_plural = format_lazy(
        _("commentaires de relecture (les {nombre} derniers)"), nombre=InlineDesDerniers.derniers
    )
    ordering = ("le", "pk")
    extra = 0
    can_delete = False
    fields = ("le", "par", "demande_des_modifications", "texte")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[CommentaireRelecture]:
        return super().get_queryset(request).select_related("par")


class ReutilisationInline(LectureSeule, InlineDesDerniers):
    """Declared reuses: a popular page has hundreds, the latest are shown."""

    template = TABULAIRE
    model = Reutilisation
    verbose_name_plural = format_lazy(
        _("réutilisations déclarées (les {nombre} dernières)"), nombre=InlineDesDerniers.derniers
    )
    ordering = ("-le", "-pk")
    extra = 0
    can_delete = False
    fields = ("le", "ou", "organisation", "par", "comment")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reutilisation]:
        return super().get_queryset(request).select_related("organisation", "par")


class ActionPageInline(LectureSeule, InlineDesDerniers):
    """The latest entries of the page's journal: written by the services only."""

    template = TABULAIRE
    model = ActionPage
    verbose_name_plural = format_lazy(
        _("journal de la page (les {nombre} dernières entrées)"),
        nombre=InlineDesDerniers.derniers,
    )
    ordering = ("le", "pk")
    extra = 0
    can_delete = False
    fields = ("le", "type", "par", "detail")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActionPage]:
        return super().get_queryset(request).select_related("par")


# --- Pages ------------------------------------------------------------------------------------

CHAMPS_DU_TEXTE = CHAMPS_REVISES


class PageForm(forms.ModelForm):
    """The page's text and what it is about, and the note of the revision the save makes;
    checked as ``page_enregistrer`` checks it."""

    note = ChampNom(
        label=_("Note de révision"),
        max_length=300,
        required=False,
        help_text=_("Ce qui change, en quelques mots (visible dans l'historique de la page)."),
    )

    class Meta:
        model = Page
        fields = (*CHAMPS_DU_TEXTE, "themes", "territoires")

    def clean(self) -> dict[str, Any]:
        donnees: dict[str, Any] = super().clean() or {}
        contenu = Contenu(
            **{champ: donnees.get(champ) or "" for champ in CHAMPS_DU_TEXTE}
        ).nettoye()
        erreurs = contenu.erreurs()
        if self.instance.statut == StatutPage.PUBLIEE:
            # A published page stays held to its checklist.
            erreurs = manques(contenu) | erreurs
        for champ, message in erreurs.items():
            if champ in self.fields and champ not in self.errors:
                self.add_error(champ, message)
        return donnees


@admin.register(Page)
class PageAdmin(EcritParLesServices, AvecChampsDeTexte, admin.ModelAdmin):
    au_menu = 70  # in the back office's header (tilab.admin.SiteAdmin.menu_equipe)
    form = PageForm
    list_display = ("titre", "sorte", "statut", "licence", "publiee_le", "nb_reutilisations")
    list_filter = ("statut", "sorte", "licence")
    search_fields = ("titre",)
    # The model's order: the most recently published first (drafts, unpublished, on top).
    ordering = ("-publiee_le", "-pk")
    list_per_page = 50
    autocomplete_fields = ("themes", "territoires")
    champs_de_texte = {
        "titre": ChampTitre,
        "resume": ChampTexte,
        "corps": ChampTexte,
        "conditions_reutilisation": ChampTexte,
        "contact": ChampNom,
    }
    readonly_fields = (
        "slug",
        "statut",
        "publiee_le",
        "nb_reutilisations",
        "liste_des_auteurs",
        "experimentation",
        "communaute",
        "problematique",
        "evenement",
        "creee_par",
        "creee_le",
        "modifiee_le",
    )
    fieldsets = (
        (None, {"fields": ("titre", "slug", "sorte", "statut", "publiee_le")}),
        (_("Texte"), {"fields": ("resume", "corps")}),
        (
            _("Réutilisation"),
            {"fields": ("licence", "conditions_reutilisation", "contact", "nb_reutilisations")},
        ),
        (
            _("Ce que la page documente"),
            {
                "fields": (
                    "themes",
                    "territoires",
                    "experimentation",
                    "communaute",
                    "problematique",
                    "evenement",
                )
            },
        ),
        (
            _("Auteurs et dates"),
            {"fields": ("liste_des_auteurs", "creee_par", "creee_le", "modifiee_le")},
        ),
        (_("Enregistrement"), {"fields": ("note",)}),
    )
    inlines = [
        RevisionInline,
        PieceJointeInline,
        CommentaireInline,
        ReutilisationInline,
        ActionPageInline,
    ]

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> Any:
        return ListeSansDistinctInutile

    def get_queryset(self, request: HttpRequest) -> QuerySet[Page]:
        return (
            super()
            .get_queryset(request)
            .select_related("experimentation", "communaute", "problematique", "evenement")
            .select_related("creee_par")
        )

    def view_on_site(self, obj: Page) -> str | None:  # type: ignore[override]
        return adresse_publique(obj)

    @admin.display(description=_("auteurs et autrices"))
    def liste_des_auteurs(self, obj: Page) -> str:
        return ", ".join(str(p) for p in obj.auteurs.all()) or "—"

    # --- Who may

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Pages are written on the site's editor, where their author signs them.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or rules.peut_ecrire(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A page is archived, never deleted (the database refuses it once public).
        return False

    # --- Saving through the service

    def save_model(self, request: HttpRequest, obj: Page, form: Any, change: bool) -> None:
        donnees = form.cleaned_data
        page_enregistrer(
            page=obj,
            par=par(request),
            contenu=Contenu(**{champ: donnees.get(champ) or "" for champ in CHAMPS_DU_TEXTE}),
            themes=list(donnees.get("themes") or []),
            territoires=list(donnees.get("territoires") or []),
            note=donnees.get("note") or "",
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The themes and territories were set by the service with the revision. The inlines
        # are read only: listing their (absent) changes writes nothing, and gives the admin's
        # history message what it reads.
        for formset in formsets:
            formset.save(commit=False)


# --- The kinds of page experiments owe --------------------------------------------------------


class PageAttendueForm(forms.ModelForm):
    """An experiment and a kind it does not owe yet, checked as ``page_attendue_ajouter``
    checks them, each refusal next to its field."""

    class Meta:
        model = PageAttendue
        fields = ("experimentation", "sorte")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "sorte" in self.fields:
            champ = self.fields["sorte"]
            assert isinstance(champ, forms.ChoiceField)
            champ.choices = [("", "---------")] + [
                (s, SortePage(s).label) for s in sortes_declarables()
            ]
            champ.help_text = _(
                "Toute expérimentation doit déjà une fiche et un retour d'expérience : "
                "choisissez un autre type de page qu'elle annonce."
            )
            message = _("Choisissez un type de page de la liste.")
            champ.error_messages |= {"invalid_choice": message, "required": message}

    def clean(self) -> dict[str, Any]:
        donnees: dict[str, Any] = super().clean() or {}
        experimentation, sorte = donnees.get("experimentation"), donnees.get("sorte")
        if (
            experimentation is not None
            and sorte
            and PageAttendue.objects.filter(experimentation=experimentation, sorte=sorte).exists()
        ):
            self.add_error(
                "sorte",
                f"Cette expérimentation doit déjà une page « {SortePage(sorte).label} ».",
            )
        return donnees

    def validate_unique(self) -> None:
        # Said next to the kind by clean(), in words; the database's constraint still holds.
        pass


@admin.register(PageAttendue)
class PageAttendueAdmin(EcritParLesServices, admin.ModelAdmin):
    form = PageAttendueForm
    list_display = ("experimentation", "sorte", "ajoutee_le")
    list_select_related = ("experimentation",)
    list_filter = ("sorte",)
    search_fields = ("experimentation__titre",)
    ordering = ("-pk",)
    list_per_page = 50
    autocomplete_fields = ("experimentation",)
    readonly_fields = ("ajoutee_le",)

    def _declare(self, request: HttpRequest) -> bool:
        # Those who run experiments and the Documentation role (who coordinates a given
        # experiment holds the Coordination role).
        return regles_experimentations.peut_coordonner(request.user) or rules.est_documentaliste(
            request.user
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and self._declare(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Added and withdrawn, never changed into another kind.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._declare(request)

    def view_on_site(self, obj: PageAttendue) -> str | None:  # type: ignore[override]
        return adresse_publique(obj.experimentation)

    def save_model(self, request: HttpRequest, obj: PageAttendue, form: Any, change: bool) -> None:
        creee = page_attendue_ajouter(
            experimentation=obj.experimentation, sorte=obj.sorte, par=par(request)
        )
        # The admin goes on with this object (its message, its history).
        obj.pk, obj.ajoutee_le = creee.pk, creee.ajoutee_le
        obj._state.adding = False
        obj._state.db = creee._state.db

    def delete_model(self, request: HttpRequest, obj: PageAttendue) -> None:
        try:
            page_attendue_retirer(
                experimentation=obj.experimentation, sorte=obj.sorte, par=par(request)
            )
        except PageAttendueImpossible as refus:
            # Withdrawn meanwhile by someone else: nothing left to do, and the page says so.
            self.message_user(request, " ".join(refus.messages), messages.WARNING)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[PageAttendue]) -> None:
        for attendue in queryset.select_related("experimentation"):
            self.delete_model(request, attendue)
