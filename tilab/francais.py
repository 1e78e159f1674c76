"""French wording shared by every page."""

from __future__ import annotations

from django.utils.formats import number_format


def compte(n: int | None, singulier: str, pluriel: str, zero: str) -> str:
    """``compte(3, "membre", "membres", "aucun membre")`` → "3 membres".

    French: 0 has its own wording, 1 is singular, 2 and more plural; large figures are grouped
    by thousands (« 1 234 »).
    """
    n = n or 0
    if n == 0:
        return zero
    return f"{number_format(n, force_grouping=True)} {singulier if n == 1 else pluriel}"
