"""The filters of the documentation base: words (French full-text search), kind of page, theme,
territory (with what lies under it), licence and the experiment documented. Territory, theme
and the summary of the criteria come from ``tilab.comptes.filters``."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.cache import cache
from django.core.validators import slug_re
from django.db.models import Count

from documentation.models import Licence, Page, PageQuerySet, SortePage
from experimentations.models import Experimentation
from tilab.comptes.filters import (
    FiltresTerritoireTheme,
    ayant_le_theme,
    filtre_territoire,
    filtre_theme,
    sur_le_territoire,
)
from tilab.formulaires import ChoixFiges
from tilab.recherche import Classement

CHOIX_INVALIDE = {"invalid_choice": "Choisissez une valeur de la liste."}
# Enough for any search a person types; each word is one more term of the full-text query.
RECHERCHE_MAX = 200


# The experiments the facet offers: those with the most published pages (a select of the 500
# of the bench weighed 100 KB of the page). Any other is chosen by its address
# (?experimentation=<slug>), the link « Toute sa documentation » of the experiment's page.
EXPERIMENTATIONS_PROPOSEES = 25
CLE_CACHE = "documentation:experimentations-proposees"
# How long the facet may lag behind a change the services do not report (a page moved to
# another experiment in the back office).
DUREE_CACHE = 5 * 60
AIDE_EXPERIMENTATION = (
    f"La liste propose les {EXPERIMENTATIONS_PROPOSEES} expérimentations qui ont le plus de "
    "pages publiées. Pour une autre, suivez le lien « Toute sa documentation » sur sa page, "
    "depuis la liste des expérimentations."
)


def experimentations_proposees() -> list[tuple[str, str]]:
    """``(slug, titre)`` of the :data:`EXPERIMENTATIONS_PROPOSEES` experiments with the most
    published pages, by title: from the cache (one query), else counted over every published
    page, once. The services that publish and archive a page forget it
    (:func:`oublier_experimentations_proposees`)."""
    choix: list[tuple[str, str]] | None = cache.get(CLE_CACHE)
    if choix is None:
        les_plus_documentees = (
            Page.objects.publiees()
            .filter(experimentation__isnull=False)
            .order_by()
            .values("experimentation")
            .annotate(nb=Count("pk"))
            .order_by("-nb", "experimentation")
            .values("experimentation")[:EXPERIMENTATIONS_PROPOSEES]
        )
        choix = list(
            Experimentation.objects.filter(pk__in=les_plus_documentees)
            .order_by("titre", "pk")
            .values_list("slug", "titre")
        )
        cache.set(CLE_CACHE, choix, DUREE_CACHE)
    return choix


def oublier_experimentations_proposees() -> None:
    """Drop the facet's experiments from the cache: called in the transaction that publishes
    or archives a page (the cache is a table of the same database: the deletion commits, or
    rolls back, with the change)."""
    cache.delete(CLE_CACHE)


def _avec_la_demandee(choix: list[tuple[str, str]], slug: Any) -> list[tuple[str, str]]:
    """The facet's choices with the experiment the address asks for, when it is another one
    (one query): any experiment's slug is accepted, its pages listed, none if it has none."""
    longueur_max = Experimentation._meta.get_field("slug").max_length or 0
    if (
        not isinstance(slug, str)
        or not slug_re.fullmatch(slug)
        or len(slug) > longueur_max
        or slug in dict(choix)
    ):
        return choix
    titre = Experimentation.objects.filter(slug=slug).values_list("titre", flat=True).first()
    return choix if titre is None else sorted([*choix, (slug, titre)], key=lambda c: c[1])


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
        help_text=AIDE_EXPERIMENTATION,
        empty_label="Toutes les expérimentations",
        error_messages=CHOIX_INVALIDE,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["experimentation"].extra["choices"] = ChoixFiges(
            _avec_la_demandee(experimentations_proposees(), self.data.get("experimentation"))
        )
        self.filters["theme"].method = self.filtrer_theme
        for nom in ("territoire", "theme"):
            self.filters[nom].extra.setdefault("error_messages", CHOIX_INVALIDE)

    @property
    def recherche(self) -> str:
        """The words searched, once the form is valid (empty otherwise)."""
        self.is_valid()
        return (getattr(self.form, "cleaned_data", {}).get("q") or "").strip()

    def filtrer_texte(self, queryset: PageQuerySet, name: str, value: str) -> PageQuerySet:
        # Searched once every other filter ran (filter_queryset): the search ranks a bounded
        # number of the rows it is given, which must be the filtered ones.
        return queryset

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
        # The words are searched by the list (resultats) among the rows filtered here.
        return super().filter_queryset(queryset).order_by("-publiee_le", "-id")

    def resultats(self) -> Any:
        """The pages to list: the filtered ones, newest first; with words searched, those of
        them a search ranks (``tilab.recherche.Classement``: past its bound, « plus de … »),
        the most relevant first, their keys read once."""
        texte = self.recherche
        if not texte:
            return self.qs
        return Classement(self.qs, texte, ordre=("-pertinence", "-publiee_le", "-id"))
