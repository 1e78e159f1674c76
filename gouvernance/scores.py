"""The arithmetic of a COPIL session's results: pure functions, no database.

For each criterion of the grid, the mean of the members' scores (abstentions and missing scores
left out) is brought back to the scale — (mean − lowest level) / (highest − lowest level), from
0 to 1 — and multiplied by the criterion's share of the weights (its weight / the sum of the
weights) × 100. The candidate's score is the sum of these parts, out of 100, rounded to two
decimals. A criterion nobody scored counts 0 and is flagged (``note=False``). The tallies count
the opinions of the members who did not abstain. Candidates with the same score share a rank
(:func:`rangs`): a tie is shown as a tie.

``gouvernance.services.copil.session_clore`` computes each candidate's results here and stores
:meth:`Resultats.en_json` in ``Candidature.resultats``; the session page shows
:data:`EXPLICATION` beside them.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

RETENIR = "retenir"
AJOURNER = "ajourner"
NE_PAS_RETENIR = "ne_pas_retenir"

EXPLICATION = (
    "Pour chaque critère, on fait la moyenne des notes données par les membres (les abstentions "
    "et les critères laissés sans note n'y entrent pas). Cette moyenne est ramenée sur "
    "l'échelle du critère : 0 pour le niveau le plus bas, 1 pour le plus haut. Elle est ensuite "
    "multipliée par la part du critère dans la grille (son poids divisé par la somme des "
    "poids), fois 100. Le score de la candidature est la somme de ces parts, sur 100, arrondie "
    "à deux décimales. Un critère que personne n'a noté compte pour 0 et le tableau le "
    "signale. Les avis « retenir », « ajourner » et « ne pas retenir » sont comptés parmi les "
    "membres qui ne se sont pas abstenus. Deux candidatures au même score sont ex æquo."
)

_CENTIEME = Decimal("0.01")


@dataclass(frozen=True)
class CritereNote:
    """A criterion of the grid as the arithmetic needs it: its weight and its scale."""

    id: int
    libelle: str
    poids: int
    niveaux: Sequence[int]

    @property
    def bas(self) -> int:
        return min(self.niveaux)

    @property
    def haut(self) -> int:
        return max(self.niveaux)


@dataclass(frozen=True)
class Bulletin:
    """One member's vote on a candidate: an opinion and scores (critere id → value), or an
    abstention (its opinion and scores are ignored)."""

    avis: str = ""
    notes: Mapping[int, int] = field(default_factory=dict)
    abstention: bool = False


@dataclass(frozen=True)
class ResultatCritere:
    critere_id: int
    libelle: str
    poids: int
    moyenne: Decimal | None
    nb_notes: int
    points: Decimal

    @property
    def note(self) -> bool:
        """Somebody scored the criterion (otherwise it counts 0)."""
        return self.nb_notes > 0


@dataclass(frozen=True)
class Resultats:
    criteres: tuple[ResultatCritere, ...]
    total: Decimal
    nb_votes: int
    nb_abstentions: int
    nb_retenir: int
    nb_ajourner: int
    nb_ne_pas_retenir: int

    @property
    def criteres_sans_note(self) -> tuple[ResultatCritere, ...]:
        return tuple(c for c in self.criteres if not c.note)

    def en_json(self) -> dict[str, Any]:
        """What ``Candidature.resultats`` keeps (numbers as JSON numbers)."""
        return {
            "criteres": [
                {
                    "critere_id": c.critere_id,
                    "libelle": c.libelle,
                    "poids": c.poids,
                    "moyenne": float(c.moyenne) if c.moyenne is not None else None,
                    "nb_notes": c.nb_notes,
                    "points": float(c.points),
                }
                for c in self.criteres
            ],
            "total": float(self.total),
            "nb_votes": self.nb_votes,
            "nb_abstentions": self.nb_abstentions,
        }


def arrondi(valeur: Fraction) -> Decimal:
    """Two decimals, halves rounded up (as one rounds by hand)."""
    return (Decimal(valeur.numerator) / Decimal(valeur.denominator)).quantize(
        _CENTIEME, rounding=ROUND_HALF_UP
    )


def resultats(criteres: Sequence[CritereNote], bulletins: Sequence[Bulletin]) -> Resultats:
    """The results of one candidate from its members' votes, on the grid ``criteres``.

    A score outside the criterion's scale or for a criterion not in the grid is ignored (the
    services refuse them before they are stored)."""
    exprimes = [b for b in bulletins if not b.abstention]
    somme_poids = sum(c.poids for c in criteres)
    lignes = []
    total = Fraction(0)
    for c in criteres:
        valeurs = [
            b.notes[c.id] for b in exprimes if c.id in b.notes and c.bas <= b.notes[c.id] <= c.haut
        ]
        if valeurs and somme_poids:
            moyenne: Fraction | None = Fraction(sum(valeurs), len(valeurs))
            assert moyenne is not None  # noqa: S101 - for the type checker
            ramenee = (moyenne - c.bas) / (c.haut - c.bas) if c.haut > c.bas else Fraction(1)
            points = ramenee * Fraction(c.poids, somme_poids) * 100
        else:
            moyenne, points = None, Fraction(0)
        total += points
        lignes.append(
            ResultatCritere(
                critere_id=c.id,
                libelle=c.libelle,
                poids=c.poids,
                moyenne=arrondi(moyenne) if moyenne is not None else None,
                nb_notes=len(valeurs),
                points=arrondi(points),
            )
        )
    avis = [b.avis for b in exprimes]
    return Resultats(
        criteres=tuple(lignes),
        # The total is rounded once, from the exact parts: the shown parts may differ from
        # it by a hundredth.
        total=arrondi(total),
        nb_votes=len(exprimes),
        nb_abstentions=len(bulletins) - len(exprimes),
        nb_retenir=avis.count(RETENIR),
        nb_ajourner=avis.count(AJOURNER),
        nb_ne_pas_retenir=avis.count(NE_PAS_RETENIR),
    )


@dataclass(frozen=True)
class Rang:
    rang: int
    ex_aequo: bool


def rangs[Cle: Hashable](scores: Mapping[Cle, Decimal | None]) -> dict[Cle, Rang]:
    """The rank of each candidate by score, highest first; equal scores share their rank
    (« 1, 1, 3 ») and are flagged ``ex_aequo``. A candidate without a score comes last."""
    ordre = sorted(scores, key=lambda k: (scores[k] is None, -(scores[k] or 0)))
    resultat: dict[Cle, Rang] = {}
    premiers: dict[Decimal | None, int] = {}
    nombres: dict[Decimal | None, int] = {}
    for position, cle in enumerate(ordre, start=1):
        premiers.setdefault(scores[cle], position)
        nombres[scores[cle]] = nombres.get(scores[cle], 0) + 1
    for cle in ordre:
        valeur = scores[cle]
        resultat[cle] = Rang(rang=premiers[valeur], ex_aequo=nombres[valeur] > 1)
    return resultat
