"""French typography for the portal's own words: the spaces that must not break a line.

The convention chosen is the Imprimerie nationale's (*Lexique des règles typographiques en
usage à l'Imprimerie nationale*), the one most French public sites follow:

- a narrow no-break space (U+202F) before « ; », « ! » and « ? »;
- a no-break space (U+00A0) before « : », after « « » and before « » »;
- a no-break space (U+00A0) between a number and its unit (« 4 h », « 12 km », « 10 Mo »,
  « 3 % »), between a day and its month (« 1 décembre »), and after « n° ».

The templates are written with ordinary spaces, as people type. Rather than editing each of
them, :class:`Chargeur` rewrites the literal text of the portal's templates (``templates/``)
once, when a template is compiled: only the text between HTML tags and the values of the
attributes people read (``aria-label``, ``title``, ``alt``, ``placeholder``), and the literal
of a ``{% translate %}`` tag. It never touches what a variable prints (people's own words), the
inside of ``script``, ``style``, ``pre``, ``code``, ``textarea``, ``kbd`` and ``samp``, HTML
comments, ``{% comment %}`` blocks, tag and attribute names, nor other attributes' values
(URLs, ``content="width=device-width, initial-scale=1"``). Only an ordinary space already
there is replaced, never one inserted: an address, « 14:30 » or « ?q= » stay as they are, and
running the rewriting twice changes nothing.

What the portal formats in code goes through the same rules explicitly: dates and times
(:mod:`tilab.dates`), messages and form labels (the ``typographie`` filter), and the text of
people's Markdown once rendered and sanitised (:mod:`tilab.markdown`: spaces only, never a word).
"""

from __future__ import annotations

import re
from typing import Any

from django.template import Origin
from django.template.base import tag_re
from django.template.loaders import filesystem

FINE = "\u202f"  # narrow no-break space: before ; ! ?
INSECABLE = "\u00a0"  # no-break space: before :, inside « », between a number and its unit

_UNITES = (
    r"(?:h|min|km|m|cm|mm|kg|Mo|Ko|Go|To|octets?|%|€|k€|M€|ETP"
    r"|heures?|minutes?|jours?|semaines?|mois|ans?|années?)"
)
_MOIS = r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
# The unit is a word of its own: « 3 mois » but not « 3 mots », « 2 h » but not « 2 hommes »
# nor « 2 m'ont ».
_FIN = r"(?![\w'’-])"

# (pattern, replacement): each replaces one ordinary space, never a newline or an indent, so
# a line break written in the template stays a line break.
_REGLES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<!\s) (?=[;!?])"), FINE),
    (re.compile(r"(?<!\s) (?=:)"), INSECABLE),
    (re.compile(r"« "), "«" + INSECABLE),
    (re.compile(r"(?<!\s) »"), INSECABLE + "»"),
    (re.compile(rf"(?<=\d) (?={_UNITES}{_FIN})"), INSECABLE),
    (re.compile(rf"(?<=\d) (?={_MOIS}{_FIN})"), INSECABLE),
    (re.compile(rf"(?<=\der) (?={_MOIS}{_FIN})"), INSECABLE),
    (re.compile(r"(?<=n°) (?=\d)"), INSECABLE),
]
# Text right after a variable: ``{{ heures }} h par mois``, ``{{ jour }} décembre``.
_APRES_VARIABLE = re.compile(rf"^ (?=(?:{_UNITES}|{_MOIS}){_FIN})")
# Text right before one: ``n° {{ numero }}``.
_AVANT_VARIABLE = re.compile(r"(?<=n°) $")


def typographier(texte: str, *, apres_variable: bool = False, avant_variable: bool = False) -> str:
    """``texte`` (plain text, no markup) with its no-break spaces. ``apres_variable``: the
    text follows what a variable prints, which may be the number of a unit it starts with;
    ``avant_variable``: it comes before one, which may be the number « n° » announces."""
    for motif, espace in _REGLES:
        texte = motif.sub(espace, texte)
    if apres_variable:
        texte = _APRES_VARIABLE.sub(INSECABLE, texte)
    if avant_variable:
        texte = _AVANT_VARIABLE.sub(INSECABLE, texte)
    return texte


# Elements whose content is code or typed text, left as it is.
BRUTS = frozenset({"script", "style", "pre", "code", "textarea", "kbd", "samp"})
# Attributes whose value people read or hear.
ATTRIBUTS_LUS = frozenset(
    {"aria-label", "aria-description", "aria-roledescription", "title", "alt", "placeholder"}
)
_DEBUT_DE_BALISE = re.compile(r"<(?:!--|!|/?[A-Za-z])")


class LecteurHtml:
    """Reads HTML one piece at a time and sets the typography of its text.

    Between two pieces (what a template tag or a variable prints is not known here) it
    remembers where it stands: in text, inside a tag (and which attribute, inside which
    quotes), inside an element whose content is left alone, inside a comment. Pieces are
    read in the order of the template's source, which is the order of the HTML.
    """

    def __init__(self) -> None:
        self.etat = "texte"  # texte, balise, commentaire, brut
        # Inside a tag: its name, whether it closes, where in it we are.
        self.element = ""
        self.fermante = False
        self.position = "nom"  # nom, entre, attribut, apres_attribut, avant_valeur, valeur, nue
        self.attribut = ""
        self.guillemet = ""
        self.brut = ""  # the element whose content is left alone

    def lire(
        self, morceau: str, *, apres_variable: bool = False, avant_variable: bool = False
    ) -> str:
        sortie: list[str] = []
        i, n = 0, len(morceau)
        while i < n:
            if self.etat == "texte":
                m = _DEBUT_DE_BALISE.search(morceau, i)
                fin = m.start() if m else n
                if fin > i:
                    sortie.append(
                        typographier(
                            morceau[i:fin],
                            apres_variable=apres_variable and i == 0,
                            avant_variable=avant_variable and fin == n,
                        )
                    )
                if not m:
                    break
                debut = m.group()
                if debut == "<!--":
                    self.etat = "commentaire"
                    sortie.append(debut)
                    i = m.end()
                    continue
                self.etat = "balise"
                self.fermante = debut.startswith("</")
                self.element = ""
                self.position = "nom"
                # The tag's first letter is read with its name.
                i = m.end() - (0 if debut == "<!" else 1)
                sortie.append(morceau[fin:i])
            elif self.etat == "commentaire":
                fin = morceau.find("-->", i)
                if fin < 0:
                    sortie.append(morceau[i:])
                    break
                sortie.append(morceau[i : fin + 3])
                i = fin + 3
                self.etat = "texte"
            elif self.etat == "brut":
                m = re.compile(rf"</{self.brut}(?=[\s>/])", re.IGNORECASE).search(morceau, i)
                if not m:
                    sortie.append(morceau[i:])
                    break
                sortie.append(morceau[i : m.end()])
                i = m.end()
                self.etat, self.fermante, self.element, self.position = (
                    "balise",
                    True,
                    self.brut,
                    "entre",
                )
            else:
                i = self._lire_balise(morceau, i, sortie)
        return "".join(sortie)

    def _lire_balise(self, morceau: str, i: int, sortie: list[str]) -> int:
        """Reads inside a tag from ``i``, up to its end or the end of ``morceau``."""
        n = len(morceau)
        while i < n:
            c = morceau[i]
            if self.position == "valeur":
                fin = morceau.find(self.guillemet, i)
                valeur = morceau[i:] if fin < 0 else morceau[i:fin]
                if self.attribut in ATTRIBUTS_LUS:
                    valeur = typographier(valeur)
                sortie.append(valeur)
                if fin < 0:
                    return n
                sortie.append(self.guillemet)
                self.position = "entre"
                i = fin + 1
                continue
            sortie.append(c)
            i += 1
            if self.position == "nue":
                if c.isspace():
                    self.position = "entre"
                    continue
                if c != ">":
                    continue
            if c == ">":
                self._fin_de_balise()
                return i
            if self.position == "nom":
                if c.isspace() or c == "/":
                    self.position = "entre"
                else:
                    self.element += c.lower()
            elif self.position in ("entre", "apres_attribut"):
                if c == "=" and self.position == "apres_attribut":
                    self.position = "avant_valeur"
                elif not c.isspace() and c != "/":
                    self.attribut = c.lower()
                    self.position = "attribut"
            elif self.position == "attribut":
                if c == "=":
                    self.position = "avant_valeur"
                elif c.isspace():
                    self.position = "apres_attribut"
                else:
                    self.attribut += c.lower()
            elif self.position == "avant_valeur":
                if c in "\"'":
                    self.guillemet = c
                    self.position = "valeur"
                elif not c.isspace():
                    self.position = "nue"
        return i

    def _fin_de_balise(self) -> None:
        if not self.fermante and self.element in BRUTS:
            self.etat, self.brut = "brut", self.element
        else:
            self.etat = "texte"


def typographier_html(html: str) -> str:
    """``html`` with the typography of its text, its tags and code left as they are."""
    return LecteurHtml().lire(html)


_TRADUCTION = re.compile(r"^(\{%\s*(?:trans|translate)\s+)([\"'])(.*?)\2", re.DOTALL)
_BLOC = re.compile(r"^\{%\s*(\w+)")


def typographier_gabarit(source: str, *, html: bool = True) -> str:
    """The source of a template with the typography of its literal text (module docstring).
    ``html``: the template writes HTML; otherwise plain text (an e-mail's body)."""
    lecteur = LecteurHtml() if html else None
    morceaux = tag_re.split(source)
    # Up to which closing tag the source is left alone: {% comment %}, {% verbatim %}.
    jusqu_a = ""
    apres_variable = False
    for k, morceau in enumerate(morceaux):
        if k % 2:  # a template tag, a variable, a comment
            apres_variable = morceau.startswith("{{")
            bloc = _BLOC.match(morceau)
            nom = bloc.group(1) if bloc else ""
            if jusqu_a:
                if nom == jusqu_a:
                    jusqu_a = ""
            elif nom in ("comment", "verbatim"):
                jusqu_a = f"end{nom}"
            elif nom in ("trans", "translate") and (
                lecteur is None
                or lecteur.etat == "texte"
                or (
                    lecteur.etat == "balise"
                    and lecteur.position == "valeur"
                    and lecteur.attribut in ATTRIBUTS_LUS
                )
            ):
                morceaux[k] = _TRADUCTION.sub(
                    lambda m: m.group(1) + m.group(2) + typographier(m.group(3)) + m.group(2),
                    morceau,
                )
            continue
        if jusqu_a or not morceau:
            continue
        avant_variable = k + 1 < len(morceaux) and morceaux[k + 1].startswith("{{")
        if lecteur is None:
            morceaux[k] = typographier(
                morceau, apres_variable=apres_variable, avant_variable=avant_variable
            )
        else:
            morceaux[k] = lecteur.lire(
                morceau, apres_variable=apres_variable, avant_variable=avant_variable
            )
    return "".join(morceaux)


def typographier_selon_nom(source: str, nom: str) -> str:
    """``source`` of the template ``nom`` with its typography: HTML pages, plain-text e-mail
    bodies; an e-mail's subject (a header) and any other kind of file are left as they are."""
    if nom.endswith(".html"):
        return typographier_gabarit(source)
    if nom.endswith(".txt") and not nom.endswith(("sujet.txt", "subject.txt")):
        return typographier_gabarit(source, html=False)
    return source


class Chargeur(filesystem.Loader):
    """Django's loader of the template directories (``templates/``, the portal's own
    templates), their literal text set in French typography as it is read. Behind the cached
    loader, this happens once per template and process."""

    def get_contents(self, origin: Origin) -> str:
        source: Any = super().get_contents(origin)
        return typographier_selon_nom(source, str(origin.template_name or origin.name))
