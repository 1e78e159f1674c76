"""The home page's "latest" sections, a seam: each app adds its own from ``AppConfig.ready()``.

The toolkit does not know the apps above it. An app registers a section with the template
that draws it and a function that returns its items (a bounded list: the home page shows a
few of each)::

    enregistrer_section_accueil(
        "problematiques",
        gabarit="problematiques/includes/_accueil.html",
        elements=dernieres_problematiques,
        ordre=10,
    )

The template receives the items as ``elements``; a section without items is not shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

# How many of the latest items of each section the home page shows.
DERNIERS_ELEMENTS = 3


@dataclass(frozen=True)
class SectionAccueil:
    nom: str
    gabarit: str
    elements: Callable[[HttpRequest], Sequence[Any]]
    ordre: int


_sections: dict[str, SectionAccueil] = {}


def enregistrer_section_accueil(
    nom: str,
    *,
    gabarit: str,
    elements: Callable[[HttpRequest], Sequence[Any]],
    ordre: int,
) -> None:
    """Show ``gabarit`` on the home page with ``elements(request)``, sections sorted by
    ``ordre``."""
    section = SectionAccueil(nom=nom, gabarit=gabarit, elements=elements, ordre=ordre)
    deja = _sections.get(nom)
    if deja is not None and deja != section:
        raise ImproperlyConfigured(f"La section d'accueil « {nom} » est déjà enregistrée.")
    _sections[nom] = section


def sections_accueil(request: HttpRequest) -> list[dict[str, Any]]:
    """The registered sections in order, each with its items (empty ones left out)."""
    sections = []
    for section in sorted(_sections.values(), key=lambda s: (s.ordre, s.nom)):
        elements = list(section.elements(request))
        if elements:
            sections.append({"gabarit": section.gabarit, "elements": elements})
    return sections
