"""Counts and sums shown on a list, computed for the rows of the page only.

A count annotated with ``Count("relation")`` joins every row of the list with every related
row and groups them all before the ``LIMIT`` of the page: the query's cost grows with the
whole table, and the paginator's ``COUNT`` keeps the join. :func:`compte_correle` and
:func:`somme_correlee` give the same figure as a correlated subquery instead: PostgreSQL
evaluates it for the rows it returns only (the twenty of a page), each time through the index
of the foreign key, and the paginator counts the bare queryset (Django drops an annotation
that no filter or order reads from the ``COUNT``)::

    def avec_nb_inscriptions(self) -> EvenementQuerySet:
        return self.annotate(
            nb_inscrites=compte_correle(
                Inscription, "evenement", filtre=Q(statut=StatutInscription.INSCRITE)
            )
        )

The figure is an ``int``, ``0`` when nothing matches (never ``None``).

Filtering or ordering on such an annotation evaluates it for every row again. When a list must
be sorted by a count, keep a counter column up to date in the services that change the related
rows, with an index that matches the order: ``Problematique.nb_soutiens``, recounted by
``recompter_soutiens()`` (itself an ``UPDATE … SET nb_soutiens = (SELECT COUNT …)`` built with
:func:`compte_correle`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import (
    BooleanField,
    F,
    Func,
    IntegerField,
    Max,
    Model,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce


def compte_correle(
    modele: type[Model],
    champ_fk: str,
    *,
    filtre: Q | None = None,
    distinct: str | None = None,
) -> Subquery:
    """The number of ``modele`` rows whose ``champ_fk`` points at the annotated row.

    ``filtre`` narrows the rows counted (written from ``modele``, without the relation's
    prefix); ``distinct`` names a field of ``modele`` whose distinct values are counted
    instead of the rows (``distinct="personne"``: people, not commitments). Use it in
    ``annotate()``: ``Organisation.objects.annotate(nb=compte_correle(Personne,
    "organisation"))``.
    """
    if distinct is None:
        compte = Func(F("pk"), function="COUNT", output_field=IntegerField())
    else:
        compte = Func(
            F(distinct),
            function="COUNT",
            template="%(function)s(DISTINCT %(expressions)s)",
            output_field=IntegerField(),
        )
    # An aggregate without GROUP BY: always one row, 0 when nothing matches.
    return Subquery(_lignes(modele, champ_fk, filtre).annotate(n=compte).values("n"))


def somme_correlee(
    modele: type[Model], champ_fk: str, champ: str, *, filtre: Q | None = None
) -> Any:
    """The sum of ``champ`` over the ``modele`` rows whose ``champ_fk`` points at the annotated
    row (``0`` when there are none); ``filtre`` as in :func:`compte_correle`."""
    somme = Func(F(champ), function="SUM", output_field=IntegerField())
    return Coalesce(
        Subquery(_lignes(modele, champ_fk, filtre).annotate(s=somme).values("s")),
        Value(0),
        output_field=IntegerField(),
    )


def _lignes(modele: type[Model], champ_fk: str, filtre: Q | None) -> Any:
    # order_by(): the model's default ordering has no place in an aggregate.
    lignes = modele._default_manager.filter(**{champ_fk: OuterRef("pk")}).order_by()
    return lignes.filter(filtre) if filtre is not None else lignes


def numero_suivant(modele: type[Model], champ: str = "numero") -> int:
    """The next number of ``modele``'s ``champ`` (the highest one plus one, 1 for the first),
    for numbers people read and cite, which follow each other without gaps. Call it inside
    the transaction that creates the row: the table is locked against other writers until it
    commits, so that two rows never take the same number."""
    with connection.cursor() as curseur:
        curseur.execute(f"LOCK TABLE {modele._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    dernier = modele._default_manager.aggregate(n=Max(champ))["n"]
    return int(dernier or 0) + 1


class ParmiLesLignesDe(Func):
    """``champ = ANY(ARRAY(sous_requete))``: true for the rows whose ``champ`` is one of the
    values the subquery returns, as a filter (``.filter(ParmiLesLignesDe("pk", titulaires))``).

    Use it instead of ``champ__in=sous_requete`` when the subquery returns a few rows of a
    large table: PostgreSQL cannot tell how many rows an ``IN (SELECT …)`` will bring and, for
    a group's members among 5,000 accounts, read every account to join them; an array is
    computed first, then each of its values is looked up in the index of ``champ``."""

    output_field = BooleanField()

    def __init__(self, champ: str, sous_requete: Any) -> None:
        super().__init__(F(champ), ArraySubquery(sous_requete))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:  # type: ignore[override]
        champ, params_champ = compiler.compile(self.source_expressions[0])
        tableau, params_tableau = compiler.compile(self.source_expressions[1])
        return f"{champ} = ANY({tableau})", (*params_champ, *params_tableau)
