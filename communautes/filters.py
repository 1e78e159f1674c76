"""The filters of the public list of communities: kind, theme, territory (with what lies
under it) and state."""

from __future__ import annotations

from typing import Any

import django_filters

from communautes.models import CommunauteQuerySet, StatutCommunaute, TypeCommunaute
from tilab.comptes.models import Theme
from tilab.comptes.territoires import territoires_groupes

# Filters whose value the summary above the results repeats, in the order of the form.
NOMS_FILTRES = ("type", "theme", "territoire", "etat")


class CommunauteFilter(django_filters.FilterSet):
    """Filters a queryset of public communities (already annotated with ``nb_membres``)."""

    type = django_filters.ChoiceFilter(
        label="Type de communauté",
        choices=TypeCommunaute.choices,
        empty_label="Tous les types",
    )
    theme = django_filters.ModelChoiceFilter(
        label="Thème",
        field_name="themes",
        queryset=Theme.objects.order_by("nom"),
        to_field_name="slug",
        empty_label="Tous les thèmes",
    )
    territoire = django_filters.ChoiceFilter(
        label="Territoire",
        method="filtrer_territoire",
        empty_label="Tous les territoires",
        help_text="Un département comprend ses intercommunalités et ses communes.",
    )
    # The URL keeps the word people see (« état »); the field is ``statut``, as on every model.
    etat = django_filters.ChoiceFilter(
        field_name="statut",
        label="État",
        choices=StatutCommunaute.choices,
        empty_label="Tous les états",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groupes, self._territoires = territoires_groupes()
        self.filters["territoire"].extra["choices"] = groupes

    def filtrer_territoire(
        self, queryset: CommunauteQuerySet, name: str, value: str
    ) -> CommunauteQuerySet:
        territoire = self._territoires.get(value)
        return queryset.sur_territoire(territoire) if territoire else queryset

    def resume(self) -> list[tuple[str, str]]:
        """``(label, value)`` of each filter in use, in words, for the summary of results."""
        # A value refused by the form is ignored by the filtering (its error is shown next to
        # its field): the summary says only what was applied.
        self.is_valid()
        donnees = getattr(self.form, "cleaned_data", {})
        resume: list[tuple[str, str]] = []
        for nom in NOMS_FILTRES:
            valeur = donnees.get(nom)
            if not valeur:
                continue
            libelle = str(self.filters[nom].label)
            if nom == "type":
                resume.append((libelle, str(TypeCommunaute(valeur).label)))
            elif nom == "etat":
                resume.append((libelle, str(StatutCommunaute(valeur).label)))
            elif nom == "territoire":
                territoire = self._territoires.get(valeur)
                if territoire is not None:
                    resume.append((libelle, territoire.nom))
            else:
                resume.append((libelle, str(valeur)))
        return resume
