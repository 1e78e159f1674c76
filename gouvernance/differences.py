"""What changed between two versions of a text: the theory's words (``<ins>``/``<del>``, which
a screen reader announces as « ajouté : » / « supprimé : »), and the grid's criteria (added,
removed, reworded, reweighted, their scale changed).

Everything a person wrote is escaped here: the difference shows the Markdown source as typed,
never rendered, so that a changed ``**`` or link shows as the change it is."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_PARAGRAPHES = re.compile(r"\n[ \t]*\n")
_MOTS = re.compile(r"\s+|[^\s]+")
_SEPARATEURS = re.compile(r"(\n[ \t]*\n)")


def paragraphes(texte: str) -> list[str]:
    """The paragraphs of a Markdown text, as a consultation numbers them (from 1): the blocks
    between blank lines. A list whose items are separated by blank lines counts one paragraph
    per item."""
    return [p.strip() for p in _PARAGRAPHES.split(texte.replace("\r\n", "\n")) if p.strip()]


def _marque(balise: str, debut: str, fin: str, texte: str) -> str:
    # The visually hidden words tell a screen reader, which does not announce <ins>/<del>
    # by default, where a change starts and ends.
    return (
        f'<{balise}><span class="visually-hidden">{debut}</span>{escape(texte)}'
        f'<span class="visually-hidden">{fin}</span></{balise}>'
    )


def _blocs(texte: str) -> list[str]:
    """The text cut after each blank line: its paragraphs, each with the blank line after it."""
    morceaux = _SEPARATEURS.split(texte.replace("\r\n", "\n"))
    return ["".join(morceaux[i : i + 2]) for i in range(0, len(morceaux), 2)]


def _mots(avant: str, apres: str) -> list[str]:
    """Word by word, within a stretch of text that changed."""
    mots_avant, mots_apres = _MOTS.findall(avant), _MOTS.findall(apres)
    comparaison = SequenceMatcher(None, mots_avant, mots_apres, autojunk=False)
    morceaux: list[str] = []
    for operation, a1, a2, b1, b2 in comparaison.get_opcodes():
        if operation == "equal":
            morceaux.append(escape("".join(mots_avant[a1:a2])))
            continue
        if operation in ("delete", "replace"):
            retire = "".join(mots_avant[a1:a2])
            morceaux.append(_marque("del", "supprimé : ", " (fin de la suppression) ", retire))
        if operation in ("insert", "replace"):
            ajoute = "".join(mots_apres[b1:b2])
            morceaux.append(_marque("ins", "ajouté : ", " (fin de l'ajout) ", ajoute))
    return morceaux


# Two long texts (the theory's versions) cost tens of milliseconds to compare word by word, and
# the result depends on the two texts alone: it is kept in the shared cache under their digest.
LONGUEUR_EN_CACHE = 2000  # characters of the two texts together
DUREE_EN_CACHE = 30 * 24 * 3600


def difference_texte(avant: str, apres: str) -> SafeString:
    """:func:`comparer_textes`, kept in the shared cache when the texts are long (nothing to
    invalidate: other texts are another key)."""
    if len(avant) + len(apres) < LONGUEUR_EN_CACHE:
        return comparer_textes(avant, apres)
    empreinte = hashlib.sha256(f"{len(avant)}:{avant}{apres}".encode()).hexdigest()
    cle = f"gouvernance:difference:{empreinte}"
    html: str | None = cache.get(cle)
    if html is None:
        html = str(comparer_textes(avant, apres))
        cache.set(cle, html, DUREE_EN_CACHE)
    return mark_safe(html)  # noqa: S308 (built by comparer_textes, every piece escaped)


def comparer_textes(avant: str, apres: str) -> SafeString:
    """The words of ``apres`` compared to ``avant``: kept words as text, removed ones in
    ``<del>``, added ones in ``<ins>``, each announced to screen readers. The line breaks
    are kept (show it in an element with ``white-space: pre-wrap``: class ``difference``).

    Paragraphs are compared first, then words only inside the paragraphs that changed: the
    cost follows the size of the changes, not the square of the text's length."""
    blocs_avant, blocs_apres = _blocs(avant), _blocs(apres)
    comparaison = SequenceMatcher(None, blocs_avant, blocs_apres, autojunk=False)
    morceaux: list[str] = []
    for operation, a1, a2, b1, b2 in comparaison.get_opcodes():
        if operation == "equal":
            morceaux.append(escape("".join(blocs_avant[a1:a2])))
        elif operation == "replace" and a2 - a1 == b2 - b1:
            # As many paragraphs on each side: each one reworded in place.
            for ancien, nouveau in zip(blocs_avant[a1:a2], blocs_apres[b1:b2], strict=True):
                morceaux += _mots(ancien, nouveau)
        else:
            morceaux += _mots("".join(blocs_avant[a1:a2]), "".join(blocs_apres[b1:b2]))
    return mark_safe("".join(morceaux))  # noqa: S308 (every piece escaped)


# --- The grid's criteria ------------------------------------------------------------------


@dataclass(frozen=True)
class CritereCompare:
    """A criterion as the comparison reads it (from a ``Critere`` with its levels)."""

    ordre: int
    libelle: str
    description: str
    poids: int
    niveaux: tuple[tuple[int, str], ...]

    @classmethod
    def depuis(cls, critere: Any) -> CritereCompare:
        return cls(
            critere.ordre,
            critere.libelle,
            critere.description,
            critere.poids,
            tuple((n.valeur, n.libelle) for n in critere.niveaux.all()),
        )


@dataclass(frozen=True)
class Changement:
    avant: CritereCompare
    apres: CritereCompare

    @property
    def libelle_change(self) -> bool:
        return self.avant.libelle != self.apres.libelle

    @property
    def description_change(self) -> bool:
        return self.avant.description != self.apres.description

    @property
    def difference_description(self) -> SafeString:
        return difference_texte(self.avant.description, self.apres.description)

    @property
    def difference_libelle(self) -> SafeString:
        return difference_texte(self.avant.libelle, self.apres.libelle)


@dataclass
class DifferenceCriteres:
    ajoutes: list[CritereCompare] = field(default_factory=list)
    retires: list[CritereCompare] = field(default_factory=list)
    reformules: list[Changement] = field(default_factory=list)
    reponderes: list[Changement] = field(default_factory=list)
    echelles: list[Changement] = field(default_factory=list)
    inchanges: list[CritereCompare] = field(default_factory=list)

    @property
    def aucune(self) -> bool:
        return not (
            self.ajoutes or self.retires or self.reformules or self.reponderes or self.echelles
        )


def _lire(criteres: Iterable[Any]) -> list[CritereCompare]:
    return [c if isinstance(c, CritereCompare) else CritereCompare.depuis(c) for c in criteres]


def difference_criteres(avant: Iterable[Any], apres: Iterable[Any]) -> DifferenceCriteres:
    """What changed from the criteria ``avant`` to ``apres`` (``Critere`` rows with their
    levels prefetched, or :class:`CritereCompare`). A criterion is the same one when it keeps
    its label; among the rest, one at the same order is the same one reworded; the others are
    removed or added."""
    anciens, nouveaux = _lire(avant), _lire(apres)
    resultat = DifferenceCriteres()
    paires: list[tuple[CritereCompare, CritereCompare]] = []
    par_libelle = {c.libelle: c for c in nouveaux}
    restants_avant: list[CritereCompare] = []
    pris: set[str] = set()
    for ancien in anciens:
        nouveau = par_libelle.get(ancien.libelle)
        if nouveau is not None:
            paires.append((ancien, nouveau))
            pris.add(nouveau.libelle)
        else:
            restants_avant.append(ancien)
    restants_apres = [c for c in nouveaux if c.libelle not in pris]
    par_ordre = {c.ordre: c for c in restants_apres}
    for ancien in restants_avant:
        nouveau = par_ordre.pop(ancien.ordre, None)
        if nouveau is None:
            resultat.retires.append(ancien)
        else:
            paires.append((ancien, nouveau))
    apparies = {id(n) for _a, n in paires}
    resultat.ajoutes = [c for c in restants_apres if id(c) not in apparies]
    for ancien, nouveau in sorted(paires, key=lambda p: p[1].ordre):
        changement = Changement(ancien, nouveau)
        if changement.libelle_change or changement.description_change:
            resultat.reformules.append(changement)
        if ancien.poids != nouveau.poids:
            resultat.reponderes.append(changement)
        if ancien.niveaux != nouveau.niveaux:
            resultat.echelles.append(changement)
        if (
            not changement.libelle_change
            and not changement.description_change
            and ancien.poids == nouveau.poids
            and ancien.niveaux == nouveau.niveaux
        ):
            resultat.inchanges.append(nouveau)
    return resultat


def poids_total(criteres: Sequence[Any]) -> int:
    return sum(c.poids for c in criteres)
