"""What every paginated list shares: :func:`paginer` cuts the list into pages and returns what
``templates/includes/_pagination.html`` needs; :func:`pages_affichees` says which page numbers
its nav shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


class Pagination(TypedDict):
    """The context ``includes/_pagination.html`` reads; merge it into the page's context."""

    page: Page[Any]
    pages_affichees: list[int | None]
    # The query string without ``page``: the links of the nav add ``page=`` to it.
    params_pagination: str


def paginer(
    request: HttpRequest,
    objets: QuerySet[Any] | Sequence[Any],
    par_page: int,
    *,
    garder_filtres: bool = False,
) -> Pagination:
    """The page of ``objets`` that ``?page=`` asks for, ``par_page`` a page.

    A page number that is not a number or is past the end answers the first or the last page,
    never an error: an old link to a list that shrank still shows something. The paginator
    counts ``objets`` as given: one ``COUNT`` for a queryset, then the query of the page when
    the caller reads ``page.object_list``.

    With ``garder_filtres``, the nav's links keep every other parameter of the query string
    (a filtered list stays filtered from page to page); without it they carry ``page`` alone.
    """
    page = Paginator(objets, par_page).get_page(request.GET.get("page"))
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
