"""The portal's Atom feeds, a seam: each app writes its feed (Django's syndication ``Feed``) in
its own ``feeds.py``, serves it through :func:`servir_en_cache` and registers it from
``AppConfig.ready()``, so that ``/donnees/`` lists it and the pages of its section advertise it
in their ``<head>``::

    enregistrer_flux(
        "problematiques",
        titre="Problématiques nouvellement ouvertes",
        description="…",
        ordre=10,
        url_name="problematiques:flux",
        sections={"/problematiques/"},
    )

A feed is rendered again only when its fingerprint changes: one query reads the fingerprint of
the rows it shows (:func:`empreintes_des_lignes`, or :func:`empreinte_de_toutes_les_lignes`
for a feed that carries every row, like the events' calendar), one reads the cache's entry; a
reader that sends back the ETag or the Last-Modified it received gets a 304. The fingerprint
reads every column an entry shows, so no expiry is needed for it to be right; the expiry only
bounds the cache's size. It also holds the version of the code (:func:`version_du_code`): a
deployment that changes how a feed is written serves the new rendering at once, not an hour
later.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache as une_fois
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, Func, QuerySet, TextField, Value
from django.db.models.aggregates import StringAgg
from django.db.models.functions import MD5
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

# How many entries each feed carries: enough for a reader that looks once a week.
NB_ENTREES = 50
DUREE_CACHE = 60 * 60
# The pages that show something of every section advertise every feed.
PAGES_DE_TOUS_LES_FLUX = frozenset({"accueil", "donnees"})


@dataclass(frozen=True)
class Flux:
    nom: str
    titre: str
    description: str
    ordre: int
    url_name: str
    # Where it is advertised: URL namespaces ("gouvernance") or path prefixes ("/gouvernance/").
    sections: frozenset[str]

    @property
    def url(self) -> str:
        # Reversed when read: ``AppConfig.ready()`` comes before the URLconf may be read.
        return reverse(self.url_name)


_flux: dict[str, Flux] = {}


def enregistrer_flux(
    nom: str,
    *,
    titre: str,
    description: str,
    ordre: int,
    url_name: str,
    sections: Collection[str],
) -> None:
    """List the feed served at ``url_name`` on ``/donnees/`` and advertise it on the pages of
    its ``sections`` (namespaces, or path prefixes starting with « / »)."""
    if not nom.replace("_", "").isalnum():
        raise ImproperlyConfigured(f"Nom de flux invalide : « {nom} ».")
    flux_ = Flux(nom, titre, description, ordre, url_name, frozenset(sections))
    deja = _flux.get(nom)
    if deja is not None and deja != flux_:
        raise ImproperlyConfigured(f"Le flux « {nom} » est déjà enregistré.")
    _flux[nom] = flux_


def tous_les_flux() -> list[Flux]:
    return sorted(_flux.values(), key=lambda f: (f.ordre, f.nom))


def _dans_la_section(flux_: Flux, chemin: str, espace: str) -> bool:
    return any(
        chemin.startswith(section) if section.startswith("/") else section == espace
        for section in flux_.sections
    )


def flux_de_la_page(request: HttpRequest | None) -> list[Flux]:
    """The feeds the page of ``request`` advertises: those of its section, every one on the
    pages that show every section. No query: read from the registry and the resolved URL."""
    if request is None:
        return []
    correspondance = getattr(request, "resolver_match", None)
    if correspondance is not None and correspondance.view_name in PAGES_DE_TOUS_LES_FLUX:
        return tous_les_flux()
    espace = correspondance.namespace if correspondance is not None else ""
    return [f for f in tous_les_flux() if _dans_la_section(f, request.path_info, espace)]


# --- Serving a feed from the cache -----------------------------------------------------------


def _empreinte_de_ligne(champs: Sequence[str]) -> Func:
    # The md5 of a row's ``champs``, in SQL.
    return Func(
        *(F(champ) for champ in champs),
        template="MD5(ROW(%(expressions)s)::text)",
        output_field=TextField(),
    )


def empreintes_des_lignes(lignes: QuerySet[Any], champs: Sequence[str]) -> QuerySet[Any]:
    """For each row of ``lignes`` (ordered and sliced as the feed reads them), the md5 of the
    ``champs`` its entry shows (paths or annotations), computed by the database: the page of
    rows never travels."""
    return lignes.annotate(_empreinte_ligne=_empreinte_de_ligne(champs)).values_list(
        "_empreinte_ligne", flat=True
    )


def empreinte_de_toutes_les_lignes(
    lignes: QuerySet[Any], champs: Sequence[str], ordre: Sequence[str]
) -> str:
    """One fingerprint of every row of ``lignes``, for a feed that carries them all (a
    calendar of every upcoming event): the md5 of each row's ``champs`` joined in ``ordre``
    and hashed again, by the database in one query, so that neither the rows nor their
    fingerprints travel."""
    resultat = lignes.order_by().aggregate(
        empreinte=MD5(
            StringAgg(_empreinte_de_ligne(champs), delimiter=Value(","), order_by=tuple(ordre))
        )
    )
    return str(resultat["empreinte"] or "vide")


@dataclass(frozen=True)
class FluxRendu:
    empreinte: str
    rendu_le: datetime
    contenu: bytes
    type_de_contenu: str
    # The rendering's Content-Disposition (a calendar is a file, named), kept with it.
    disposition: str = ""


# The portal's own files whose content a rendering depends on.
_SOURCES_DU_CODE = ("*.py", "*.html", "*.txt", "*.xml", "*.ics", "*.po")


@une_fois
def version_du_code() -> str:
    """A fingerprint of the portal's code as this process runs it: the content of the Python
    files and templates of its own apps and of ``templates/`` (not the libraries, which a
    deployment pins). Read once per process, a few milliseconds."""
    racine = Path(settings.BASE_DIR).resolve()
    dossiers = {racine / "templates"}
    for app in apps.get_app_configs():
        chemin = Path(app.path).resolve()
        # The portal's apps: not those of a virtual environment kept beside them.
        if chemin.is_relative_to(racine) and "site-packages" not in chemin.parts:
            dossiers.add(chemin)
    # An app inside another (tilab.comptes in tilab) is read with it.
    dossiers = {d for d in dossiers if not any(d != a and d.is_relative_to(a) for a in dossiers)}
    condensat = hashlib.sha256()
    for dossier in sorted(dossiers):
        fichiers = sorted(
            f for motif in _SOURCES_DU_CODE for f in dossier.rglob(motif) if f.is_file()
        )
        for fichier in fichiers:
            condensat.update(str(fichier.relative_to(racine)).encode())
            condensat.update(hashlib.sha256(fichier.read_bytes()).digest())
    return condensat.hexdigest()[:16]


def empreinte(request: HttpRequest, lignes: Iterable[str]) -> str:
    """The fingerprint of a feed: its rows' fingerprints hashed with the address the links are
    written with (a feed's links are absolute) and the version of the code that writes it."""
    adresse = f"{request.scheme}://{request.get_host()}"
    entete = [adresse, version_du_code()]
    return hashlib.sha256("|".join([*entete, *lignes]).encode()).hexdigest()[:32]


def servir_en_cache(
    request: HttpRequest,
    feed: Callable[[HttpRequest], HttpResponse],
    lignes: QuerySet[Any] | Callable[[], Iterable[str]],
    *,
    cle: str | None = None,
) -> HttpResponse:
    """``feed`` rendered for ``request``, from the cache while the fingerprint of ``lignes``
    (:func:`empreintes_des_lignes`, or a callable returning such strings) holds, with its ETag
    and Last-Modified; a 304 to a reader that already has it.

    ``feed`` is a syndication ``Feed``, or any view of ``request`` answering a whole file (an
    iCalendar feed) with ``cle``, the name of its cache entries; its content, type and
    Content-Disposition are kept."""
    if cle is None and not isinstance(feed, Feed):
        raise ImproperlyConfigured(
            "Nommez l'entrée du cache (cle) d'un flux qui n'est pas un Feed."
        )
    lues = lignes() if callable(lignes) else lignes
    actuelle = empreinte(request, lues)
    cle = cle or f"tilab:flux:{type(feed).__module__}.{type(feed).__qualname__}"
    cle_complete = f"{cle}:{actuelle}"
    flux_: FluxRendu | None = cache.get(cle_complete)
    if flux_ is None:
        rendu = feed(request)
        flux_ = FluxRendu(
            empreinte=actuelle,
            rendu_le=timezone.now().replace(microsecond=0),
            contenu=rendu.content,
            type_de_contenu=rendu["Content-Type"],
            disposition=rendu.get("Content-Disposition", ""),
        )
        cache.set(cle_complete, flux_, DUREE_CACHE)
    reponse = HttpResponse(flux_.contenu, content_type=flux_.type_de_contenu)
    if flux_.disposition:
        reponse["Content-Disposition"] = flux_.disposition
    reponse["ETag"] = quote_etag(flux_.empreinte)
    reponse["Last-Modified"] = http_date(flux_.rendu_le.timestamp())
    conditionnelle = get_conditional_response(
        request,
        etag=reponse["ETag"],
        last_modified=int(flux_.rendu_le.timestamp()),
        response=reponse,
    )
    return conditionnelle or reponse


def sous_condition(
    request: HttpRequest,
    reponse: HttpResponseBase,
    *,
    empreinte: str,
    rendu_le: datetime,
    faible: bool = False,
) -> HttpResponseBase:
    """``reponse`` with the ETag of ``empreinte`` and ``rendu_le`` as its Last-Modified, or a 304
    to a reader that already has this rendering (its content is never read: a streamed one is
    not produced). ``faible``: a weak ETag, for a response sent gzipped or not with the same
    validator (the open data files, ``tilab.donnees_ouvertes``)."""
    etag = quote_etag(empreinte)
    reponse["ETag"] = f"W/{etag}" if faible else etag
    reponse["Last-Modified"] = http_date(rendu_le.timestamp())
    conditionnelle = get_conditional_response(
        request,
        etag=reponse["ETag"],
        last_modified=int(rendu_le.timestamp()),
        # Only its headers are read (a streamed one too), for the 304.
        response=cast(HttpResponse, reponse),
    )
    return conditionnelle or reponse
