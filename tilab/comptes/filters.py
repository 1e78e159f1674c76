"""The filters every public list shares: territory and theme, and the summary of the criteria
in use (:class:`FiltresTerritoireTheme`).

A list's FilterSet inherits :class:`FiltresTerritoireTheme` and places ``filtre_territoire()``
and ``filtre_theme()`` among its own filters, in the order its form shows them::

    class CommunauteFilter(FiltresTerritoireTheme):
        criteres = ("type", "theme", "territoire", "etat")
        type = django_filters.ChoiceFilter(...)
        theme = filtre_theme()
        territoire = filtre_territoire()
        etat = django_filters.ChoiceFilter(...)

The territory filter keeps what lies under the territory chosen (a département includes its
EPCI and their communes): the queryset filtered must offer ``sur_territoire(territoire)``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils.safestring import SafeString

from tilab.comptes.models import Territoire, Theme
from tilab.comptes.territoires import territoires_groupes
from tilab.formulaires import ChoixFiges, champs_retenus
from tilab.requetes import ParmiLesLignesDe


def filtre_territoire() -> django_filters.ChoiceFilter:
    """``?territoire=<slug>``: a département, an EPCI or a commune, with what lies under it.
    Its choices, grouped by département, are read when the FilterSet is built."""
    return django_filters.ChoiceFilter(
        label="Territoire",
        method="filtrer_territoire",
        empty_label="Tous les territoires",
        help_text="Un département comprend ses intercommunalités et ses communes.",
    )


def filtre_theme() -> django_filters.ModelChoiceFilter:
    """``?theme=<slug>``: the rows tagged with this theme (through their ``themes``)."""
    return django_filters.ModelChoiceFilter(
        label="Thème",
        field_name="themes",
        queryset=Theme.objects.order_by("nom"),
        to_field_name="slug",
        empty_label="Tous les thèmes",
    )


def ayant_le_theme(
    lignes: QuerySet[Any], liens: type[Model], colonne: str, theme: Any, *, depuis: str = "pk"
) -> QuerySet[Any]:
    """The rows whose links (``liens``, a many-to-many table whose ``colonne`` points at the
    row's ``depuis``) include ``theme``: from each row to its themes, an index probe per row
    read along the list's order, not from the theme to every row tagged with it."""
    return lignes.filter(
        Exists(liens._default_manager.filter(**{colonne: OuterRef(depuis)}, theme=theme))
    )


def sur_le_territoire(
    lignes: QuerySet[Any],
    liens: type[Model],
    colonne: str,
    territoire: Territoire,
    *,
    depuis: str = "pk",
) -> QuerySet[Any]:
    """The rows linked (as in :func:`ayant_le_theme`) to ``territoire`` or anywhere under it,
    the territories under it read once as an array."""
    sous = Territoire.objects.descendants_inclus(territoire).order_by().values("pk")
    return lignes.filter(
        Exists(
            liens._default_manager.filter(
                ParmiLesLignesDe("territoire_id", sous), **{colonne: OuterRef(depuis)}
            )
        )
    )


class FiltresTerritoireTheme(django_filters.FilterSet):
    """The territory filter's choices and filtering, and what the page says of the criteria.

    ``criteres`` names the filters that narrow the list (sorting is not one), in the order of
    the form: :meth:`est_actif` and :meth:`resume` read them.
    """

    criteres: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One query, whatever the number of territories.
        groupes, self._territoires = territoires_groupes()
        self.filters["territoire"].extra["choices"] = ChoixFiges(groupes)

    def filtrer_territoire(self, queryset: Any, name: str, value: str) -> Any:
        territoire = self._territoires.get(value)
        return queryset.sur_territoire(territoire) if territoire else queryset

    def champs(self) -> SafeString:
        """The form's fields as the list writes them, kept rendered per process under what
        they show (``tilab.formulaires.champs_retenus``)."""
        return champs_retenus(self.form, f"{type(self).__module__}.{type(self).__qualname__}")

    def est_actif(self) -> bool:
        """Whether the query string sets one of the ``criteres`` (valid or not)."""
        return any(self.data.get(nom) for nom in self.criteres)

    def resume(self) -> list[tuple[str, str]]:
        """``(label, value)`` of each criterion in use, in words, for the summary of results."""
        # A value refused by the form is ignored by the filtering (its error is shown next to
        # its field): the summary says only what was applied.
        self.is_valid()
        donnees = getattr(self.form, "cleaned_data", {})
        resume: list[tuple[str, str]] = []
        for nom in self.criteres:
            valeur = donnees.get(nom)
            if not valeur:
                continue
            filtre = self.filters[nom]
            libelle = str(filtre.label)
            if nom == "territoire":
                # The territory's name, not its label in the select ("… (tout le département)").
                territoire = self._territoires.get(valeur)
                if territoire is not None:
                    resume.append((libelle, territoire.nom))
            elif "choices" in filtre.extra:
                resume.append((libelle, str(dict(filtre.extra["choices"]).get(valeur, valeur))))
            else:
                resume.append((libelle, str(valeur)))
        return resume
