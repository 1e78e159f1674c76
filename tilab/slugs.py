"""Readable, unique URL identifiers: :func:`slug_unique` builds one from a title or a name."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.text import slugify

# Room kept under the field's length for the "-2", "-3"… suffix.
_PLACE_SUFFIXE = 6


def slug_unique(
    modele_ou_queryset: type[models.Model] | QuerySet[Any],
    texte: str,
    *,
    champ: str = "slug",
    longueur: int | None = None,
    reserves: Collection[str] = (),
    defaut: str | None = None,
) -> str:
    """A slug built from ``texte``, with ``-2``, ``-3``… added while it is taken or reserved.

    Taken means present in ``champ`` of the model's rows (or of the queryset's, to be unique
    within a subset only). ``reserves`` are the fixed paths next to ``<slug>/`` in the URLs,
    which a slug must not shadow. ``longueur`` defaults to the field's ``max_length``; the slug
    is cut short enough to leave room for the suffix. A text with nothing to keep (``"!!!"``)
    gives ``defaut``, by default the model's name (``"communaute"``).

    Reads only: a concurrent insert may still take the same slug before the caller saves, so
    the caller keeps its unique constraint and retries on ``IntegrityError``.
    """
    if isinstance(modele_ou_queryset, QuerySet):
        lignes = modele_ou_queryset
    else:
        lignes = modele_ou_queryset._default_manager.all()
    options = lignes.model._meta
    if longueur is None:
        longueur = options.get_field(champ).max_length or 50
    base = slugify(texte)[: longueur - _PLACE_SUFFIXE].strip("-") or defaut or options.model_name
    slug, n = base, 1
    while slug in reserves or lignes.filter(**{champ: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
