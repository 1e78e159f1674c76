from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """Public entry page of the section."""
    return render(request, "gouvernance/index.html")
