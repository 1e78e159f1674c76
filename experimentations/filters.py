"""The filters of the public lists: experiments (state, territory with what lies under it,
theme, coordination, year of creation) and pacts (state). Territory, theme and the summary of
the criteria come from ``tilab.comptes.filters``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters

from experimentations.models import StatutExperimentation, StatutPacte
from tilab.comptes.filters import FiltresTerritoireTheme, filtre_territoire, filtre_theme

# A value that is not in a list: the same sentence, in French, whatever the filter.
CHOIX_INVALIDE = {"invalid_choice": "Choisissez une valeur de la liste."}


class ExperimentationFilter(FiltresTerritoireTheme):
    """Filters a queryset of public experiments.

    ``coordinations`` are the ``(personne_id, name shown)`` pairs of the team's workload (the
    same names as its chart: a coordinator who did not choose to appear is « Coordination
    1 »…); ``annees`` the years offered, most recent first.
    """

    criteres = ("etat", "territoire", "theme", "coordination", "annee")

    # The URL keeps the word people see (« état »); the field is ``statut``, as on every model.
    etat = django_filters.ChoiceFilter(
        field_name="statut",
        label="État",
        choices=StatutExperimentation.choices,
        empty_label="Tous les états",
        error_messages=CHOIX_INVALIDE,
    )
    territoire = filtre_territoire()
    theme = filtre_theme()
    coordination = django_filters.ChoiceFilter(
        label="Coordination",
        method="filtrer_coordination",
        empty_label="Toute l'équipe",
        error_messages=CHOIX_INVALIDE,
    )
    annee = django_filters.ChoiceFilter(
        label="Année de création",
        method="filtrer_annee",
        empty_label="Toutes les années",
        error_messages=CHOIX_INVALIDE,
    )

    def __init__(
        self,
        *args: Any,
        coordinations: Sequence[tuple[int | None, str]] = (),
        annees: Sequence[int] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.filters["coordination"].extra["choices"] = [
            (str(pk), nom) for pk, nom in coordinations if pk is not None
        ]
        self.filters["annee"].extra["choices"] = [(str(a), str(a)) for a in annees]
        # The territory and theme filters say it in the same words.
        for nom in ("territoire", "theme"):
            self.filters[nom].extra.setdefault("error_messages", CHOIX_INVALIDE)

    def filtrer_coordination(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(coordinateur_id=int(value))

    def filtrer_annee(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(cree_le__year=int(value))


# A draft is not public: the list of pacts never offers it.
STATUTS_PUBLICS_PACTE = [(s.value, s.label) for s in StatutPacte if s != StatutPacte.BROUILLON]


class PacteFilter(django_filters.FilterSet):
    """Filters a queryset of public pacts by state."""

    criteres = ("etat",)

    etat = django_filters.ChoiceFilter(
        field_name="statut",
        label="État",
        choices=STATUTS_PUBLICS_PACTE,
        empty_label="Tous les états",
        error_messages=CHOIX_INVALIDE,
    )

    def est_actif(self) -> bool:
        return any(self.data.get(nom) for nom in self.criteres)
