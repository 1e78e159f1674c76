"""SCAFFOLD: replaced by the helper that owns this module."""

from django.http import Http404, HttpRequest, HttpResponse


def mes_engagements(request: HttpRequest) -> HttpResponse:
    raise Http404


def charge(request: HttpRequest) -> HttpResponse:
    raise Http404


def rejoindre(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def prolonger(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def quitter(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404
