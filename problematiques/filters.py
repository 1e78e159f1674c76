"""The filters of the public list: territory (with what lies under it), theme, state, words,
and the sort. Territory and theme come from ``tilab.comptes.filters``."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F

from problematiques.models import ProblematiqueQuerySet
from problematiques.statistiques import STATUTS_PUBLICS
from tilab.comptes.filters import FiltresTerritoireTheme, filtre_territoire, filtre_theme

TRI_RECENTES = "recentes"
TRI_SOUTIENS = "soutiens"
TRI_PERTINENCE = "pertinence"
# Enough for any search a person types; each word is one more term of the full-text query, and
# thousands of them make PostgreSQL give up.
RECHERCHE_MAX = 200
CHOIX_TRI = [
    (TRI_RECENTES, "Plus récentes"),
    (TRI_SOUTIENS, "Plus soutenues"),
    (TRI_PERTINENCE, "Plus proches des mots"),
]


class ProblematiqueFilter(FiltresTerritoireTheme):
    """Filters a queryset of public problems; each order has its index
    (``Problematique.Meta.indexes``)."""

    # What narrows the list ("Effacer les filtres" shows when one is set); sorting does not.
    criteres = ("q", "territoire", "theme", "etat")

    q = django_filters.CharFilter(
        label="Mots à chercher",
        method="filtrer_texte",
        help_text="Un ou plusieurs mots, avec ou sans accents : « ecole » trouve « École ».",
        widget=forms.TextInput(attrs={"type": "search"}),
        max_length=RECHERCHE_MAX,
        error_messages={
            "max_length": "Cherchez avec moins de mots : %(limit_value)d caractères au plus "
            "(vous en avez %(show_value)d)."
        },
    )
    territoire = filtre_territoire()
    theme = filtre_theme()
    etat = django_filters.ChoiceFilter(
        label="État",
        field_name="statut",
        choices=[(s.value, s.label) for s in STATUTS_PUBLICS],
        empty_label="Tous les états",
    )
    tri = django_filters.ChoiceFilter(
        label="Trier",
        choices=CHOIX_TRI,
        method="ne_pas_filtrer",
        empty_label=None,
        null_label=None,
    )

    def filtrer_texte(
        self, queryset: ProblematiqueQuerySet, name: str, value: str
    ) -> ProblematiqueQuerySet:
        value = value.strip()
        return queryset.recherche(value) if value else queryset

    def ne_pas_filtrer(
        self, queryset: ProblematiqueQuerySet, name: str, value: str
    ) -> ProblematiqueQuerySet:
        # Sorting is applied once every filter ran (see filter_queryset).
        return queryset

    def filter_queryset(self, queryset: Any) -> Any:
        queryset = super().filter_queryset(queryset)
        tri = self.form.cleaned_data.get("tri") or TRI_RECENTES
        recherche = bool((self.form.cleaned_data.get("q") or "").strip())
        if tri == TRI_SOUTIENS:
            return queryset.order_by("-nb_soutiens", F("publiee_le").desc(nulls_last=True), "-pk")
        if tri == TRI_PERTINENCE and recherche:
            return queryset.order_by("-pertinence", "-pk")
        return queryset.order_by(F("publiee_le").desc(nulls_last=True), "-pk")
