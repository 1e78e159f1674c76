"""The filters of the documentation base: words (French full-text search), kind of page, theme,
territory (with what lies under it), licence and the experiment documented. Territory, theme
and the summary of the criteria come from ``tilab.comptes.filters``."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from documentation.models import Licence, Page, PageQuerySet, SortePage
from experimentations.models import Experimentation
from tilab.comptes.filters import (
    FiltresTerritoireTheme,
    ayant_le_theme,
    filtre_territoire,
    filtre_theme,
    sur_le_territoire,
)

CHOIX_INVALIDE = {"invalid_choice": "Choisissez une valeur de la liste."}
# Enough for any search a person types; each word is one more term of the full-text query.
RECHERCHE_MAX = 200


def experimentations_documentees() -> list[tuple[str, str]]:
    """``(slug, titre)`` of the experiments that have at least one published page: the
    experiments are few (the COPIL retains a handful a year), each probed through the index of
    ``Page.experimentation``."""
    pages = Page.objects.publiees().filter(experimentation_id=OuterRef("pk"))
    return list(
        Experimentation.objects.filter(Exists(pages))
        .order_by("titre", "pk")
        .values_list("slug", "titre")
    )


class PageFilter(FiltresTerritoireTheme):
    """Filters a queryset of published pages; without words, most recently published first
    along the ``page_doc_liste_publique`` index; with words, the closest first."""

    criteres = ("q", "sorte", "theme", "territoire", "licence", "experimentation")

    q = django_filters.CharFilter(
        label="Mots à chercher",
        method="filtrer_texte",
        help_text="Un ou plusieurs mots, avec ou sans accents : « ecole » trouve « école ».",
        widget=forms.TextInput(attrs={"type": "search"}),
        max_length=RECHERCHE_MAX,
        error_messages={
            "max_length": "Cherchez avec moins de mots : %(limit_value)d caractères au plus "
            "(vous en avez %(show_value)d)."
        },
    )
    sorte = django_filters.ChoiceFilter(
        label="Type de page",
        choices=SortePage.choices,
        empty_label="Tous les types",
        error_messages=CHOIX_INVALIDE,
    )
    theme = filtre_theme()
    territoire = filtre_territoire()
    licence = django_filters.ChoiceFilter(
        label="Licence",
        choices=Licence.choices,
        empty_label="Toutes les licences",
        error_messages=CHOIX_INVALIDE,
    )
    experimentation = django_filters.ChoiceFilter(
        label="Expérimentation documentée",
        method="filtrer_experimentation",
        empty_label="Toutes les expérimentations",
        error_messages=CHOIX_INVALIDE,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["experimentation"].extra["choices"] = experimentations_documentees()
        self.filters["theme"].method = self.filtrer_theme
        for nom in ("territoire", "theme"):
            self.filters[nom].extra.setdefault("error_messages", CHOIX_INVALIDE)

    @property
    def recherche(self) -> str:
        """The words searched, once the form is valid (empty otherwise)."""
        self.is_valid()
        return (getattr(self.form, "cleaned_data", {}).get("q") or "").strip()

    def filtrer_texte(self, queryset: PageQuerySet, name: str, value: str) -> PageQuerySet:
        value = value.strip()
        return queryset.recherche(value) if value else queryset

    def filtrer_theme(self, queryset: Any, name: str, value: Any) -> Any:
        if not value:
            return queryset
        return ayant_le_theme(queryset, Page.themes.through, "page_id", value)

    def filtrer_territoire(self, queryset: Any, name: str, value: str) -> Any:
        territoire = self._territoires.get(value)
        if territoire is None:
            return queryset
        return sur_le_territoire(queryset, Page.territoires.through, "page_id", territoire)

    def filtrer_experimentation(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(experimentation__slug=value) if value else queryset

    def filter_queryset(self, queryset: Any) -> Any:
        queryset = super().filter_queryset(queryset)
        if (self.form.cleaned_data.get("q") or "").strip():
            return queryset.order_by("-pertinence", "-publiee_le", "-id")
        return queryset.order_by("-publiee_le", "-id")
