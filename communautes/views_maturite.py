"""SCAFFOLD: replaced by the helper that owns this module."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def territoire_volontaire(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def derogation(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def contexte_problematique(request: HttpRequest, problematique: Any) -> dict[str, Any]:
    """What the problem's page needs from this module (merged into its context)."""
    return {}
