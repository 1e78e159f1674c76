"""What every paginated list shares: which page numbers the pagination nav shows."""

from __future__ import annotations

from django.core.paginator import Page


def pages_affichees(page: Page) -> list[int | None]:
    """Page numbers around the current one, ``None`` where the nav shows an ellipsis."""
    return [
        numero if isinstance(numero, int) else None
        for numero in page.paginator.get_elided_page_range(page.number, on_each_side=2)
    ]
