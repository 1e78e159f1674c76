from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

SECONDS_PER_DAY = 24 * 60 * 60


# How many of the latest items of each section the home page shows.
DERNIERS_ELEMENTS = 3


def accueil(request: HttpRequest) -> HttpResponse:
    from communautes.models import Evenement
    from problematiques.models import Problematique

    dernieres_problematiques = (
        Problematique.objects.publiques()
        .avec_nb_soutiens()
        .prefetch_related("territoires", "themes")
        .order_by("-publiee_le")[:DERNIERS_ELEMENTS]
    )
    prochains_evenements = (
        Evenement.objects.publies()
        .a_venir()
        .avec_nb_inscriptions()
        .order_by("debut", "pk")[:DERNIERS_ELEMENTS]
    )
    return render(
        request,
        "tilab/accueil.html",
        {
            "dernieres_problematiques": dernieres_problematiques,
            "prochains_evenements": prochains_evenements,
        },
    )


def accessibilite(request: HttpRequest) -> HttpResponse:
    return render(request, "tilab/accessibilite.html")


def mentions_legales(request: HttpRequest) -> HttpResponse:
    return render(request, "tilab/mentions_legales.html")


def donnees_personnelles(request: HttpRequest) -> HttpResponse:
    # The cookie table states what the settings really do, so it cannot drift from them.
    cookies = {
        "session_nom": settings.SESSION_COOKIE_NAME,
        "session_jours": settings.SESSION_COOKIE_AGE // SECONDS_PER_DAY,
        "csrf_nom": settings.CSRF_COOKIE_NAME,
        "csrf_jours": (
            settings.CSRF_COOKIE_AGE // SECONDS_PER_DAY if settings.CSRF_COOKIE_AGE else None
        ),
    }
    return render(request, "tilab/donnees_personnelles.html", {"cookies": cookies})


# The error handlers render the CSRF token like Django's own handlers do, so that the log-out
# form of the header stays valid on an error page.
@requires_csrf_token
def erreur_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@requires_csrf_token
def erreur_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def erreur_429(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # allauth answers its own rate limits (logins, codes, sign-ups) through this handler.
    return render(request, "429.html", status=429)


def erreur_csrf(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's own page speaks to developers; this one tells people how to send again.
    return render(request, "403_csrf.html", status=403)


def erreur_500(request: HttpRequest) -> HttpResponse:
    # No request context: the failure may come from the database or the session, which the
    # context processors (user, messages) would touch again. The page only needs settings.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"ORGANISATION": settings.ORGANISATION}))
