"""Small server-side charts: a horizontal bar chart as accessible SVG, for any app.

The SVG carries no inline style (the CSP forbids them): its colours come from CSS classes in
``static/css/tilab.css`` (section "Graphiques"). It is an image with a title and a description
for screen readers, and the include ``templates/includes/_graphique_barres.html`` always puts
the same figures in a table next to it, so that nobody depends on reading the drawing.

Usage in a view::

    graphique = graphique_barres(
        [("Ouverte", 12), ("Retenue", 3)],
        identifiant="graphique-etats",
        titre="Problématiques par état",
        libelle_colonne="État",
    )

and in the template: ``{% include "includes/_graphique_barres.html" with graphique=graphique %}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import number_format

# Geometry, in SVG user units; the drawing scales with its container (viewBox).
LARGEUR = 640
MARGE_LIBELLES = 220
MARGE_VALEURS = 56
HAUTEUR_BARRE = 24
ESPACE_BARRES = 12
MARGE_HAUT = 8


@dataclass(frozen=True)
class Barre:
    libelle: str
    valeur: float
    valeur_affichee: str
    # Coordinates of the bar and of its two texts, already written as SVG numbers: the
    # template must not localise them ("12,5" is not a length).
    y: str
    largeur: str
    y_texte: str
    x_valeur: str


@dataclass(frozen=True)
class GraphiqueBarres:
    identifiant: str
    titre: str
    description: str
    libelle_colonne: str
    libelle_valeur: str
    barres: tuple[Barre, ...]
    largeur: str
    hauteur: str
    x_barres: str
    x_libelles: str
    hauteur_barre: str

    @property
    def total(self) -> float:
        return sum(barre.valeur for barre in self.barres)

    @property
    def est_vide(self) -> bool:
        return self.total == 0


def graphique_barres(
    donnees: Iterable[tuple[str, float]],
    *,
    identifiant: str,
    titre: str,
    libelle_colonne: str,
    libelle_valeur: str = "Nombre",
    description: str = "",
    decimales: int = 0,
) -> GraphiqueBarres:
    """A horizontal bar chart of ``(label, value)`` pairs, in the order given.

    ``identifiant`` must be unique on the page (it prefixes the ids of the title and the
    description). Without a ``description``, one listing every figure is written, so that the
    image alone already says everything it shows. With ``decimales``, the values keep that many
    decimals (a weighted score) instead of being whole numbers.
    """
    lignes: list[tuple[str, float]] = [
        (str(libelle), round(float(valeur), decimales) if decimales else int(valeur))
        for libelle, valeur in donnees
    ]
    maximum = max((valeur for _, valeur in lignes), default=0)
    place = LARGEUR - MARGE_LIBELLES - MARGE_VALEURS
    barres = []
    for rang, (libelle, valeur) in enumerate(lignes):
        y = MARGE_HAUT + rang * (HAUTEUR_BARRE + ESPACE_BARRES)
        largeur = round(place * valeur / maximum, 1) if maximum else 0.0
        barres.append(
            Barre(
                libelle=libelle,
                valeur=valeur,
                valeur_affichee=number_format(
                    valeur, decimal_pos=decimales or None, force_grouping=True
                ),
                y=_nombre_svg(y),
                largeur=_nombre_svg(largeur),
                y_texte=_nombre_svg(y + HAUTEUR_BARRE * 0.7),
                x_valeur=_nombre_svg(MARGE_LIBELLES + largeur + 6),
            )
        )
    if not description:
        description = " ; ".join(f"{b.libelle} : {b.valeur_affichee}" for b in barres) + "."
    hauteur = MARGE_HAUT * 2 + max(len(barres), 1) * (HAUTEUR_BARRE + ESPACE_BARRES)
    return GraphiqueBarres(
        identifiant=identifiant,
        titre=titre,
        description=description,
        libelle_colonne=libelle_colonne,
        libelle_valeur=libelle_valeur,
        barres=tuple(barres),
        largeur=_nombre_svg(LARGEUR),
        hauteur=_nombre_svg(hauteur),
        x_barres=_nombre_svg(MARGE_LIBELLES),
        x_libelles=_nombre_svg(MARGE_LIBELLES - 8),
        hauteur_barre=_nombre_svg(HAUTEUR_BARRE),
    )


def _nombre_svg(valeur: float) -> str:
    """A number as SVG reads it: a dot for decimals, no grouping, whatever the locale."""
    return f"{round(valeur, 1):g}"
