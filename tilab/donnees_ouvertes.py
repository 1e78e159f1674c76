"""The portal's open data (``/donnees/``), a seam: each app registers its public collections
from ``AppConfig.ready()``, and each is downloaded as CSV or JSON under the Licence Ouverte 2.0.

A collection is a queryset of public rows and its columns, each a path or an expression of
``values()`` with a description for the page::

    enregistrer_jeu(
        "problematiques",
        titre="Problématiques publiées",
        description="…",
        ordre=10,
        lignes=Problematique.objects.publiques,
        colonnes=[Colonne("titre", "Le titre"), Colonne("publiee_le", "…"), …],
    )

A file is written once for a state of its rows and then served from the shared cache
(:func:`servir`), gzipped, with an ETag and a Last-Modified: a reader that sends them back gets
a 304. The state is :meth:`Jeu.empreinte`, one query that the database answers from the rows'
headers, never their texts: any write to a row the file reads, or to a table its columns look
up, gives another fingerprint, so the next download writes the file again. Written, a file is
streamed (``StreamingHttpResponse``), the rows read through a server-side cursor a few thousand
at a time, and kept on the way when its gzip stays under :data:`TAILLE_MAX_EN_CACHE`; a larger
one is streamed at each download (its validators still answer 304).

No column may hold an e-mail address or a person's name unless the person chose a public
profile (:func:`nom_si_public`): the tests check every collection.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Expression,
    F,
    OuterRef,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.db.models.sql import Query
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from tilab import flux

LICENCE = "Licence Ouverte 2.0 (Etalab)"
ADRESSE_LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
# Rows read from the database at a time (a server-side cursor).
PAR_LOT = 2000
# A file whose gzip is larger is not kept in the cache (PostgreSQL's, one row an entry, read
# whole into the worker's memory): it is streamed at each download. 4 MB of gzip is some 30 MB
# of CSV, twice the 14,000 problems of the bench.
TAILLE_MAX_EN_CACHE = 4 * 1024 * 1024
# An unchanged file stays a day; a changed one replaces it at its next download.
DUREE_CACHE = 24 * 60 * 60
# What is sent at a time: a few lines would make as many writes to the socket.
TAILLE_MORCEAU = 64 * 1024


@dataclass(frozen=True)
class Colonne:
    """A column of a collection: its name in the file, what it says, and how it is read (a
    ``values()`` path such as ``"organisation__nom"``, or an expression; its name by
    default)."""

    nom: str
    description: str
    expression: Any = None


@dataclass(frozen=True)
class Jeu:
    nom: str
    titre: str
    description: str
    ordre: int
    lignes: Callable[[], QuerySet[Any]]
    colonnes: tuple[Colonne, ...] = field(default_factory=tuple)
    mise_a_jour: str = "Chaque fichier est à jour au moment où vous le téléchargez."

    def empreinte(self) -> str:
        """The state of the file, in one query: what it would say cannot change while this
        holds (:func:`empreinte_du_jeu`)."""
        return empreinte_du_jeu(self)


_jeux: dict[str, Jeu] = {}


def enregistrer_jeu(
    nom: str,
    *,
    titre: str,
    description: str,
    ordre: int,
    lignes: Callable[[], QuerySet[Any]],
    colonnes: list[Colonne],
) -> None:
    """Publish ``lignes()`` (public rows only) as the open collection ``nom``."""
    if not nom.replace("_", "").isalnum():
        raise ImproperlyConfigured(f"Nom de jeu de données invalide : « {nom} ».")
    jeu = Jeu(nom, titre, description, ordre, lignes, tuple(colonnes))
    deja = _jeux.get(nom)
    if deja is not None and deja.titre != jeu.titre:
        raise ImproperlyConfigured(f"Le jeu de données « {nom} » est déjà enregistré.")
    _jeux[nom] = jeu


def jeux() -> list[Jeu]:
    return sorted(_jeux.values(), key=lambda j: (j.ordre, j.nom))


def jeu(nom: str) -> Jeu | None:
    return _jeux.get(nom)


# --- Columns the apps share ------------------------------------------------------------------


def noms_lies(modele_lien: Any, champ_objet: str, champ_nom: str) -> Subquery:
    """The names of the rows linked through a many-to-many table (``modele_lien``, e.g.
    ``Problematique.themes.through``), joined by « ; », for each row: a correlated subquery."""
    return Subquery(
        modele_lien.objects.filter(**{champ_objet: OuterRef("pk")})
        .order_by()
        .values(champ_objet)
        .annotate(noms=StringAgg(champ_nom, delimiter=Value("; "), order_by=champ_nom))
        .values("noms"),
        output_field=CharField(),
    )


@dataclass(frozen=True)
class Differee:
    """An expression built when a file is written, not when the app registers its collection
    (``AppConfig.ready()`` comes before the URLconf may be read)."""

    construire: Callable[[], Any]


def adresse(nom_url: str, *chemins: str) -> Differee:
    """The absolute address of each row's page: the URL named ``nom_url`` with the row's
    ``chemins`` as its arguments (``adresse("problematiques:detail", "slug")``)."""

    def construire() -> Concat:
        from django.conf import settings
        from django.urls import reverse

        # Digits only: they pass every converter (slug, int) and appear nowhere else.
        reperes = [f"90210{i}90210" for i in range(len(chemins))]
        modele = settings.SITE_URL.rstrip("/") + reverse(nom_url, args=reperes)
        morceaux: list[Any] = []
        for repere, chemin in zip(reperes, chemins, strict=True):
            avant, modele = modele.split(repere, 1)
            morceaux += [Value(avant), F(chemin)]
        morceaux.append(Value(modele))
        return Concat(*morceaux, output_field=CharField())

    return Differee(construire)


def nom_si_public(chemin: str) -> Case:
    """The name of the person at ``chemin`` if they chose a public profile, else empty: the
    only personal data open data may hold."""
    return Case(
        When(
            **{f"{chemin}__profil_public": True},
            then=Concat(F(f"{chemin}__first_name"), Value(" "), F(f"{chemin}__last_name")),
        ),
        default=Value(""),
        output_field=CharField(),
    )


# --- Writing the files -----------------------------------------------------------------------


def _requete(jeu_: Jeu) -> tuple[QuerySet[Any], list[str]]:
    """The public rows annotated with the expressions of the columns, and each column's path
    or annotation: a path is read as it is, an expression annotated."""
    lignes = jeu_.lignes()
    chemins = []
    expressions = {}
    for colonne in jeu_.colonnes:
        if colonne.expression is None:
            chemins.append(colonne.nom)
        elif isinstance(colonne.expression, str):
            chemins.append(colonne.expression)
        else:
            expression = colonne.expression
            if isinstance(expression, Differee):
                expression = expression.construire()
            expressions[f"_col_{colonne.nom}"] = expression
            chemins.append(f"_col_{colonne.nom}")
    if expressions:
        lignes = lignes.annotate(**expressions)
    return lignes, chemins


def _lignes(jeu_: Jeu) -> Iterator[tuple[Any, ...]]:
    """The rows' values, column by column, through a server-side cursor."""
    lignes, chemins = _requete(jeu_)
    return lignes.order_by("pk").values_list(*chemins).iterator(chunk_size=PAR_LOT)


def _texte(valeur: Any) -> Any:
    if valeur is None:
        return ""
    if isinstance(valeur, datetime | date):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return str(valeur)
    return valeur


class _Tampon:
    """What csv.writer writes to: the line it just wrote, handed back."""

    def write(self, valeur: str) -> str:
        return valeur


def csv_en_flux(jeu_: Jeu) -> Iterator[str]:
    """The collection as CSV (comma, UTF-8 with a byte-order mark so that spreadsheets read
    the accents), a line at a time."""
    ecrivain = csv.writer(_Tampon())
    yield "\ufeff" + ecrivain.writerow([c.nom for c in jeu_.colonnes])
    for ligne in _lignes(jeu_):
        yield ecrivain.writerow([_texte(v) for v in ligne])


def _json(valeur: Any) -> Any:
    if isinstance(valeur, datetime | date):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return float(valeur)
    return valeur


def json_en_flux(jeu_: Jeu) -> Iterator[str]:
    """The collection as a JSON array of objects, one object a line."""
    noms = [c.nom for c in jeu_.colonnes]
    yield "[\n"
    premiere = True
    for ligne in _lignes(jeu_):
        objet = json.dumps(
            {n: _json(v) for n, v in zip(noms, ligne, strict=True)}, ensure_ascii=False
        )
        yield objet if premiere else ",\n" + objet
        premiere = False
    yield "\n]\n"


# --- The fingerprint of a file -----------------------------------------------------------------


class _VersionsDesLignes(Expression):
    """Each row's version as PostgreSQL keeps it, with the versions of the rows the query joins
    to it (a problem's organisation, a reuse's author): the ``ctid`` (where the version lies)
    and ``xmin`` (the transaction that wrote it) of every table of the ``FROM`` clause. Every
    write makes a new version of the row, ``QuerySet.update()`` and raw SQL included, so no
    column can change without this changing; nothing but the rows' headers is read."""

    output_field = TextField()

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        requete = compiler.query
        versions = []
        # The tables of the FROM clause, as the compiler lists them (get_from_clause).
        for alias in requete.alias_map:
            if requete.alias_refcount[alias]:
                nom = compiler.quote_name(alias)
                versions += [f"{nom}.ctid", f"{nom}.xmin"]
        return f"concat_ws(',', {', '.join(versions)})", ()


def _tables_des_sous_requetes(requete: Query) -> set[str]:
    """The tables that the subqueries of ``requete`` read (the names of linked rows joined by
    « ; », an ``Exists``): evaluated row by row, they are fingerprinted whole instead."""
    tables: set[str] = set()
    a_voir: list[Any] = [*requete.annotations.values(), requete.where]
    while a_voir:
        expression = a_voir.pop()
        if isinstance(expression, Query):
            tables |= {
                jointure.table_name
                for alias, jointure in expression.alias_map.items()
                if expression.alias_refcount[alias]
            }
            a_voir += [*expression.annotations.values(), expression.where]
        elif hasattr(expression, "get_source_expressions"):
            a_voir += [e for e in expression.get_source_expressions() if e is not None]
    return tables


def _somme_des_versions(source: str, version: str) -> str:
    """SQL: how many rows ``source`` has and the sum of a hash of each one's ``version``: any
    row written, added or removed changes it, whatever the order of the rows."""
    # Our own SQL: compiled by Django, or a table's quoted name.
    somme = f"coalesce(sum(hashtextextended({version}, 0)), 0)"
    return f"(SELECT count(*) || ':' || {somme} FROM {source})"  # noqa: S608


def empreinte_du_jeu(jeu_: Jeu) -> str:
    """The fingerprint of the collection's file, in one query: the SQL that writes it (its
    columns, its filter, the site's address in its links) with, computed by PostgreSQL, the
    versions of its rows and of the rows joined to them (:class:`_VersionsDesLignes`) and
    those of every row of the tables its subqueries read (themes and territories, their
    links). A row that changes, appears or stops being public changes it; so does a change
    that the file does not show (a problem's referent): the file is then written again,
    identical. Its cost is a read of the rows' headers, a few milliseconds per thousand rows,
    several times less than writing the file."""
    lignes, chemins = _requete(jeu_)
    sql_du_fichier, params_du_fichier = (
        lignes.order_by("pk").values_list(*chemins).query.sql_with_params()
    )
    # The columns' paths first, for their joins; then only the versions are selected.
    versions = (
        lignes.order_by()
        .values_list(*chemins)
        .annotate(_version=_VersionsDesLignes())
        .values_list("_version")
    )
    sql, params = versions.query.sql_with_params()
    sommes = [_somme_des_versions(f"({sql}) AS lignes", "lignes._version")]
    for table in sorted(_tables_des_sous_requetes(lignes.query)):
        sommes.append(
            _somme_des_versions(connection.ops.quote_name(table), "ctid::text || ',' || xmin")
        )
    with connection.cursor() as curseur:
        curseur.execute(f"SELECT {', '.join(sommes)}", params)  # noqa: S608 (our own SQL)
        etat = curseur.fetchone()
    texte = "|".join([sql_du_fichier, repr(params_du_fichier), *map(str, etat)])
    return hashlib.sha256(texte.encode()).hexdigest()[:32]


# --- Serving a file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    extension: str
    type_de_contenu: str
    ecrire: Callable[[Jeu], Iterator[str]]


FORMATS = {
    "csv": Format("csv", "text/csv; charset=utf-8", csv_en_flux),
    "json": Format("json", "application/json; charset=utf-8", json_en_flux),
}


@dataclass(frozen=True)
class FichierRendu:
    """A file as the cache keeps it, for one fingerprint of its collection."""

    empreinte: str
    rendu_le: datetime
    # The file gzipped; None when it is larger than TAILLE_MAX_EN_CACHE (streamed each time).
    gzip: bytes | None


_ACCEPTE_GZIP = re.compile(r"\bgzip\b")


def _par_morceaux(lignes: Iterable[str]) -> Iterator[bytes]:
    morceau: list[str] = []
    taille = 0
    for ligne in lignes:
        morceau.append(ligne)
        taille += len(ligne)
        if taille >= TAILLE_MORCEAU:
            yield "".join(morceau).encode()
            morceau, taille = [], 0
    if morceau:
        yield "".join(morceau).encode()


def _ecrire(
    jeu_: Jeu,
    format_: Format,
    *,
    en_gzip: bool,
    garder: Callable[[bytes | None], None] | None,
) -> Iterator[bytes]:
    """The file, written from the database: gzipped when ``en_gzip``; handed gzipped to
    ``garder`` once written (``None`` past :data:`TAILLE_MAX_EN_CACHE`)."""
    morceaux = _par_morceaux(format_.ecrire(jeu_))
    if not en_gzip and garder is None:
        yield from morceaux
        return
    # wbits=31: a gzip stream, what « Content-Encoding: gzip » names. No padding against
    # BREACH as GZipMiddleware adds: the file holds no secret.
    compresseur = zlib.compressobj(6, zlib.DEFLATED, 31)
    gardes: list[bytes] | None = []
    taille = 0
    for brut in morceaux:
        if not en_gzip:
            yield brut
            if gardes is None:
                continue
        comprime = compresseur.compress(brut)
        if gardes is not None:
            gardes.append(comprime)
            taille += len(comprime)
            if taille > TAILLE_MAX_EN_CACHE:
                gardes = None
        if en_gzip and comprime:
            yield comprime
    fin = compresseur.flush()
    if en_gzip:
        yield fin
    if garder is not None:
        trop_grand = gardes is None or taille + len(fin) > TAILLE_MAX_EN_CACHE
        garder(None if trop_grand else b"".join([*(gardes or []), fin]))


def _decompresse(contenu: bytes) -> Iterator[bytes]:
    decompresseur = zlib.decompressobj(31)
    for debut in range(0, len(contenu), TAILLE_MORCEAU):
        yield decompresseur.decompress(contenu[debut : debut + TAILLE_MORCEAU])
    yield decompresseur.flush()


def servir(request: HttpRequest, jeu_: Jeu, format_: Format) -> HttpResponseBase:
    """The collection's file: from the cache while :meth:`Jeu.empreinte` holds (two queries,
    gzipped as kept for a browser that accepts it), else written and streamed, and kept on
    the way for the next downloads; a 304 to a reader that already has it."""
    # The file's rows, and the code that writes them: a deployment that changes its columns
    # serves the new file at once.
    actuelle = f"{jeu_.empreinte()}-{flux.version_du_code()}"
    cle = f"tilab:donnees:{jeu_.nom}.{format_.extension}"
    en_gzip = bool(_ACCEPTE_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    rendu: FichierRendu | None = cache.get(cle)
    reponse: HttpResponseBase
    if rendu is not None and rendu.empreinte == actuelle:
        rendu_le = rendu.rendu_le
        if rendu.gzip is None:
            reponse = StreamingHttpResponse(_ecrire(jeu_, format_, en_gzip=False, garder=None))
        elif en_gzip:
            reponse = HttpResponse(rendu.gzip)
            reponse["Content-Encoding"] = "gzip"
        else:
            reponse = StreamingHttpResponse(_decompresse(rendu.gzip))
    else:
        rendu_le = timezone.now().replace(microsecond=0)

        def garder(gzip: bytes | None) -> None:
            cache.set(cle, FichierRendu(actuelle, rendu_le, gzip), DUREE_CACHE)

        reponse = StreamingHttpResponse(_ecrire(jeu_, format_, en_gzip=en_gzip, garder=garder))
        if en_gzip:
            reponse["Content-Encoding"] = "gzip"
    reponse["Content-Type"] = format_.type_de_contenu
    reponse["Content-Disposition"] = f'attachment; filename="tilab-{jeu_.nom}.{format_.extension}"'
    # Open data: any site may read it from a browser.
    reponse["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(reponse, ["Accept-Encoding"])
    return flux.sous_condition(request, reponse, empreinte=actuelle, rendu_le=rendu_le, faible=True)
