"""Panels an upper app adds to a page of a lower one, a seam: each app registers its own from
``AppConfig.ready()``.

An experiment's page shows its documentation, a community's page its pages, an event's page
its report: the apps that draw those pages come before ``documentation`` in the lifecycle and
never import it. Instead, the page's view asks :func:`panneaux` for what was registered under
its name, and its template includes each panel::

    enregistrer_panneau(
        "experimentation",
        "documentation",
        gabarit="documentation/includes/_panneau_experimentation.html",
        ordre=10,
        contexte=documentation_de_l_experimentation,  # (request, experimentation) -> dict
    )

``contexte(request, objet)`` returns what the panel's template reads (as ``panneau``), or
``None`` to leave the panel out; it reads a bounded number of rows (a page pins its queries).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

# The pages that offer panels, and where they show them.
PAGES = frozenset({"experimentation", "communaute", "evenement"})


@dataclass(frozen=True)
class Panneau:
    page: str
    nom: str
    gabarit: str
    ordre: int
    contexte: Callable[[HttpRequest, Any], dict[str, Any] | None]


_panneaux: dict[tuple[str, str], Panneau] = {}


def enregistrer_panneau(
    page: str,
    nom: str,
    *,
    gabarit: str,
    ordre: int,
    contexte: Callable[[HttpRequest, Any], dict[str, Any] | None],
) -> None:
    """Show ``gabarit`` on ``page`` (one of :data:`PAGES`), panels sorted by ``ordre``."""
    if page not in PAGES:
        raise ImproperlyConfigured(f"La page « {page} » n'accueille pas de panneaux.")
    panneau = Panneau(page=page, nom=nom, gabarit=gabarit, ordre=ordre, contexte=contexte)
    deja = _panneaux.get((page, nom))
    if deja is not None and deja != panneau:
        raise ImproperlyConfigured(f"Le panneau « {nom} » de « {page} » est déjà enregistré.")
    _panneaux[(page, nom)] = panneau


def panneaux(request: HttpRequest, page: str, objet: Any) -> list[dict[str, Any]]:
    """The panels registered on ``page`` for ``objet``, in order: ``{"gabarit": …, "panneau":
    what its contexte() returned}``; those that returned ``None`` are left out."""
    if page not in PAGES:
        raise ImproperlyConfigured(f"La page « {page} » n'accueille pas de panneaux.")
    resultat = []
    for panneau in sorted(
        (p for p in _panneaux.values() if p.page == page), key=lambda p: (p.ordre, p.nom)
    ):
        contexte = panneau.contexte(request, objet)
        if contexte is not None:
            resultat.append({"gabarit": panneau.gabarit, "panneau": contexte})
    return resultat
