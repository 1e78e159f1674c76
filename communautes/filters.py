"""The filters of the public list of communities: kind, theme, territory (with what lies
under it) and state. Territory, theme and the summary of the criteria come from
``tilab.comptes.filters``."""

from __future__ import annotations

import django_filters

from communautes.models import StatutCommunaute, TypeCommunaute
from tilab.comptes.filters import FiltresTerritoireTheme, filtre_territoire, filtre_theme


class CommunauteFilter(FiltresTerritoireTheme):
    """Filters a queryset of public communities (already annotated with ``nb_membres``)."""

    # The summary above the results repeats them, in the order of the form.
    criteres = ("type", "theme", "territoire", "etat")

    type = django_filters.ChoiceFilter(
        label="Type de communauté",
        choices=TypeCommunaute.choices,
        empty_label="Tous les types",
    )
    theme = filtre_theme()
    territoire = filtre_territoire()
    # The URL keeps the word people see (« état »); the field is ``statut``, as on every model.
    etat = django_filters.ChoiceFilter(
        field_name="statut",
        label="État",
        choices=StatutCommunaute.choices,
        empty_label="Tous les états",
    )
