"""What every paginated list shares: :func:`paginer` cuts the list into pages and returns what
``templates/includes/_pagination.html`` needs; :func:`pages_affichees` says which page numbers
its nav shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


class Comptable(Protocol):
    """What else a paginator reads: counted, then sliced (``tilab.recherche.Classement``)."""

    def count(self) -> int: ...

    def __len__(self) -> int: ...

    def __getitem__(self, tranche: slice, /) -> Any: ...


class Pagination(TypedDict):
    """The context ``includes/_pagination.html`` reads; merge it into the page's context."""

    page: Page[Any]
    pages_affichees: list[int | None]
    # The query string without ``page``: the links of the nav add ``page=`` to it.
    params_pagination: str


def paginer(
    request: HttpRequest,
    objets: QuerySet[Any] | Sequence[Any] | Comptable,
    par_page: int,
    *,
    garder_filtres: bool = False,
    par_identifiants: bool = False,
) -> Pagination:
    """The page of ``objets`` that ``?page=`` asks for, ``par_page`` a page.

    A page number that is not a number or is past the end answers the first or the last page,
    never an error: an old link to a list that shrank still shows something. The paginator
    counts ``objets`` as given: one ``COUNT`` for a queryset, then the query of the page when
    the caller reads ``page.object_list``. Counts shown on the rows should be correlated
    subqueries (``tilab.requetes``), so that this ``COUNT`` stays on the bare table.

    With ``par_identifiants`` (a queryset whose order has an index, on a long list), the page
    is read in one query that first walks the index for the page's primary keys, then fetches
    those rows only: ``WHERE pk IN (SELECT pk … ORDER BY … LIMIT 20 OFFSET n)``. A deep page
    then skips ``n`` index entries instead of sorting every row.

    With ``garder_filtres``, the nav's links keep every other parameter of the query string
    (a filtered list stays filtered from page to page); without it they carry ``page`` alone.
    """
    liste: Any = _ParIdentifiants(objets) if par_identifiants else objets
    page = Paginator(liste, par_page).get_page(request.GET.get("page"))
    params = ""
    if garder_filtres:
        copie = request.GET.copy()
        copie.pop("page", None)
        params = copie.urlencode()
    return {
        "page": page,
        "pages_affichees": pages_affichees(page),
        "params_pagination": params,
    }


def pages_affichees(page: Page[Any]) -> list[int | None]:
    """Page numbers around the current one, ``None`` where the nav shows an ellipsis."""
    return [
        numero if isinstance(numero, int) else None
        for numero in page.paginator.get_elided_page_range(page.number, on_each_side=2)
    ]


class _ParIdentifiants:
    """A queryset as the paginator sees it with ``par_identifiants``: counted as it is, each
    page sliced from the primary keys of its order (see :func:`paginer`)."""

    def __init__(self, objets: Any) -> None:
        if not isinstance(objets, QuerySet):
            raise TypeError("par_identifiants ne s'applique qu'à un QuerySet.")
        self._objets = objets
        self.ordered = objets.ordered

    def count(self) -> int:
        return self._objets.count()

    def __getitem__(self, tranche: slice) -> QuerySet[Any]:
        return self._objets.filter(pk__in=self._objets.values("pk")[tranche])
