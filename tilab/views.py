from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def accueil(request: HttpRequest) -> HttpResponse:
    return render(request, "tilab/accueil.html")


def accessibilite(request: HttpRequest) -> HttpResponse:
    return render(request, "tilab/accessibilite.html")


def mentions_legales(request: HttpRequest) -> HttpResponse:
    return render(request, "tilab/mentions_legales.html")


def donnees_personnelles(request: HttpRequest) -> HttpResponse:
    return render(request, "tilab/donnees_personnelles.html")


def erreur_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def erreur_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def erreur_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
