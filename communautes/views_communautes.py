"""SCAFFOLD: replaced by the helper that owns this module."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "communautes/index.html")


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404
