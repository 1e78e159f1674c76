"""Reading and reusing the documentation: the base, a page, its history and its revisions
compared, its Markdown, its attachments, the declared reuses."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """Public entry page of the section."""
    return render(request, "documentation/index.html")
