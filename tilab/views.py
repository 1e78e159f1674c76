from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from tilab import donnees_ouvertes, flux
from tilab import recherche as recherche_du_portail
from tilab.accueil import sections_accueil
from tilab.pagination import paginer
from tilab.textes import nettoyer_texte

SECONDS_PER_DAY = 24 * 60 * 60


def accueil(request: HttpRequest) -> HttpResponse:
    """What the lab is and how to take part, then the latest of each app (``tilab.accueil``)."""
    return render(request, "tilab/accueil.html", {"sections_accueil": sections_accueil(request)})


# Browsers, feed readers and bookmarks ask /favicon.ico of every site, whatever the page
# says: the portal's icon (static/img/favicon.svg) drawn at 16, 32 and 48 px.
FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"


@require_safe
@cache_control(max_age=SECONDS_PER_DAY, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


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
def erreur_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # What Django refuses before any view (a request too large, a filter of the back office it
    # does not allow…): said in the site's frame and in French rather than in one English line.
    return render(request, "400.html", status=400)


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


# How long a search may be: beyond, it is cut (the words that count come first).
LONGUEUR_RECHERCHE = 200
RESULTATS_PAR_PAGE = 20


def recherche(request: HttpRequest) -> HttpResponse:
    """``/recherche/?q=``: one search across the portal's public contents, grouped by kind
    (``tilab.recherche``); ``&sorte=<kind>`` pages through one kind. When little is found, a
    correction of the misspelt words is offered from the portal's vocabulary."""
    texte = nettoyer_texte(request.GET.get("q", "")).strip()[:LONGUEUR_RECHERCHE]
    choisie = recherche_du_portail.source(request.GET.get("sorte", ""))
    contexte: dict[str, Any] = {
        "q": texte,
        "sorte": choisie,
        "sources": recherche_du_portail.sources(),
    }
    if texte:
        if choisie is not None:
            # The candidates' keys are ranked once, then only the page's twenty rows are read,
            # with their extract (not the rows of the pages before).
            classement = recherche_du_portail.classement(choisie, texte)
            pagination = paginer(request, classement, RESULTATS_PAR_PAGE, garder_filtres=True)
            resultats = [
                recherche_du_portail.resultat(
                    choisie, ligne, classement.pertinences[ligne.pk], ligne.extrait_marque
                )
                for ligne in pagination["page"].object_list
            ]
            nombre = pagination["page"].paginator.count
            plus = recherche_du_portail.au_dela_de_la_borne(nombre)
            total = min(nombre, recherche_du_portail.CANDIDATS_RECENTS)
            contexte |= {**pagination, "resultats": resultats}
        else:
            groupes = recherche_du_portail.rechercher(texte)
            total = sum(g.total for g in groupes)
            plus = any(g.plus for g in groupes)
            contexte["groupes"] = groupes
        contexte |= {
            "total": total,
            "plus": plus,
            "nombre": recherche_du_portail.nombre_de_resultats(
                total, "résultat", "résultats", "0 résultat", plus=plus
            ),
            "borne": recherche_du_portail.CANDIDATS_RECENTS,
        }
        if total < SUGGESTION_EN_DESSOUS:
            contexte["suggestion"] = recherche_du_portail.suggestion(texte)
    return render(request, "tilab/recherche.html", contexte)


# A correction is offered when the search finds fewer than this.
SUGGESTION_EN_DESSOUS = 3


def donnees(request: HttpRequest) -> HttpResponse:
    """``/donnees/``: every open collection, described, with its CSV and JSON files, then
    every Atom feed (:mod:`tilab.flux`)."""
    return render(
        request,
        "tilab/donnees.html",
        {
            "jeux": donnees_ouvertes.jeux(),
            "flux": flux.tous_les_flux(),
            "licence": donnees_ouvertes.LICENCE,
            "adresse_licence": donnees_ouvertes.ADRESSE_LICENCE,
        },
    )


def _fichier_de_donnees(request: HttpRequest, nom: str, extension: str) -> HttpResponseBase:
    jeu = donnees_ouvertes.jeu(nom)
    if jeu is None:
        raise Http404("Ce jeu de données n'existe pas.")
    return donnees_ouvertes.servir(request, jeu, donnees_ouvertes.FORMATS[extension])


def donnees_csv(request: HttpRequest, nom: str) -> HttpResponseBase:
    """``/donnees/<nom>.csv``: from the cache while the collection's rows hold."""
    return _fichier_de_donnees(request, nom, "csv")


def donnees_json(request: HttpRequest, nom: str) -> HttpResponseBase:
    return _fichier_de_donnees(request, nom, "json")
