"""Pieces of a page written from plain data and kept rendered per process under them: a
documentation card, a row of the review queue, a COPIL candidate, a row of the decisions'
register.

The template reads nothing but the data given to it (strings, numbers, lists, as JSON holds
them; anything else is kept as its text), so its HTML is a function of them:
:func:`rendu_retenu` keeps the last :data:`RENDUS_RETENUS` it wrote (an LRU cache per
process), and a list renders only the pieces whose data changed since they were last shown.
Nothing to forget: changed data are another key.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# How many pieces each process keeps: a few hundred rows of lists, candidates of a few COPIL
# sessions, some megabytes.
RENDUS_RETENUS = 2048


def rendu_retenu(
    gabarit: str,
    donnees: dict[str, Any],
    *,
    nom: str = "c",
    preparer: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> SafeString:
    """``gabarit`` rendered with ``donnees`` as ``nom``, from the cache when the same data were
    rendered before. ``preparer`` (a module-level function: it is part of the key) turns the
    data into what the template shows, on a miss only: dates written in words, say."""
    return _rendu(gabarit, nom, preparer, json.dumps(donnees, sort_keys=True, default=str))


@lru_cache(maxsize=RENDUS_RETENUS)
def _rendu(
    gabarit: str,
    nom: str,
    preparer: Callable[[dict[str, Any]], dict[str, Any]] | None,
    donnees: str,
) -> SafeString:
    contexte = json.loads(donnees)
    if preparer is not None:
        contexte = preparer(contexte)
    # A template's output: every value escaped by it (or made safe before, by the caller).
    return mark_safe(render_to_string(gabarit, {nom: contexte}))  # noqa: S308
