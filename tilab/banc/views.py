from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def temoin(request: HttpRequest) -> HttpResponse:
    """The baseline of the bench: the site's frame, ``base.html``, for a visitor, without a
    single query. What any page costs on top of it is that page's own work."""
    return render(request, "base.html")
