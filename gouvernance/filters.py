"""The filters of the register of decisions: year of publication, decision, territory (with
what lies under it) and theme of the problem. Territory, theme and the summary of the criteria
come from ``tilab.comptes.filters``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters

from gouvernance.models import TypeDecision
from problematiques.models import Problematique
from tilab.comptes.filters import (
    FiltresTerritoireTheme,
    ayant_le_theme,
    filtre_territoire,
    filtre_theme,
    sur_le_territoire,
)

CHOIX_INVALIDE = {"invalid_choice": "Choisissez une valeur de la liste."}


class DecisionFilter(FiltresTerritoireTheme):
    """Filters a queryset of published decisions; ``annees`` are the years offered."""

    criteres = ("annee", "decision", "territoire", "theme")

    annee = django_filters.ChoiceFilter(
        label="Année",
        method="filtrer_annee",
        empty_label="Toutes les années",
        error_messages=CHOIX_INVALIDE,
    )
    decision = django_filters.ChoiceFilter(
        label="Décision",
        choices=TypeDecision.choices,
        empty_label="Toutes les décisions",
        error_messages=CHOIX_INVALIDE,
    )
    territoire = filtre_territoire()
    theme = filtre_theme()

    def __init__(self, *args: Any, annees: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["annee"].extra["choices"] = [(str(a), str(a)) for a in annees]
        self.filters["theme"].method = self.filtrer_theme
        for nom in ("territoire", "theme"):
            self.filters[nom].extra.setdefault("error_messages", CHOIX_INVALIDE)

    def filtrer_annee(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(publiee_le__year=int(value))

    def filtrer_theme(self, queryset: Any, name: str, value: Any) -> Any:
        # From each decision to its problem's themes and territories: an index probe per
        # decision, not every problem of a theme or under a département.
        if not value:
            return queryset
        return ayant_le_theme(
            queryset,
            Problematique.themes.through,
            "problematique_id",
            value,
            depuis="candidature__problematique_id",
        )

    def filtrer_territoire(self, queryset: Any, name: str, value: str) -> Any:
        territoire = self._territoires.get(value)
        if territoire is None:
            return queryset
        return sur_le_territoire(
            queryset,
            Problematique.territoires.through,
            "problematique_id",
            territoire,
            depuis="candidature__problematique_id",
        )
