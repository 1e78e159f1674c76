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

The files are streamed (``StreamingHttpResponse``), the rows read through a server-side
cursor a few thousand at a time: neither the server's memory nor the time before the first
byte grows with the table. No column may hold an e-mail address or a person's name unless the
person chose a public profile (:func:`nom_si_public`): the tests check every collection.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    QuerySet,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat

LICENCE = "Licence Ouverte 2.0 (Etalab)"
ADRESSE_LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
# Rows read from the database at a time (a server-side cursor).
PAR_LOT = 2000


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
    # Where a row is read on the site: a column with its page's address, built from a path.
    mise_a_jour: str = "Chaque fichier est produit au moment où vous le téléchargez."


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


def _lignes(jeu_: Jeu) -> Iterator[tuple[Any, ...]]:
    """The rows' values, column by column: a path is read as it is, an expression annotated."""
    lignes = jeu_.lignes().order_by("pk")
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
    return lignes.values_list(*chemins).iterator(chunk_size=PAR_LOT)


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
