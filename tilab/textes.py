"""Invisible characters in what people type: one rule for names, titles and public texts.

Some characters draw nothing but change how the text around them is shown: the bidirectional
controls (« evil » typed after U+202E RIGHT-TO-LEFT OVERRIDE is shown « live »), zero-width
spaces, control characters. In a name or a title shown to others they only serve to disguise
it. What the portal does with them, decided once here:

- **names** — a person's first and last name and function, an organisation, a territory, a
  theme, a place, the body a problem is sent on to: the characters are **removed silently**
  (:class:`ChampNom`). No name needs them, and the person could not see them to take them out;
- **titles** — a problem's, an event's, a community's name: **refused**, with a message next
  to the field, which shows the title without them (:class:`ChampTitre`). A title is the public
  face of what the person writes: they look at it once more and send again, rather than have
  it changed behind their back by something they could not see;
- **long texts** (Markdown: a problem's description, a support's details, an event's
  programme…): **removed silently**, line breaks and tabs kept (:class:`ChampTexte`);
- **names already stored**: ``Personne.get_full_name`` and ``Organisation.__str__`` pass them
  through :func:`nettoyer_texte`, so that pages, e-mails and lists show them clean.

Site forms use the three fields; the back office's model pages name theirs in
``tilab.admin.AvecChampsDeTexte.champs_de_texte``.

What counts as invisible: control characters (Unicode category Cc), format characters (Cf:
the bidirectional controls, zero-width spaces, soft hyphen, byte order mark…), line and
paragraph separators (Zl, Zp) and lone surrogates (Cs); not the zero-width joiner and
non-joiner (U+200D, U+200C), which join letters and emoji and reorder nothing. In a one-line
text a line break or a tab becomes a space.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_CATEGORIES_INVISIBLES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_JOINTS = frozenset({"\u200c", "\u200d"})
_FINS_DE_LIGNE = frozenset("\t\n\r")
# Controls that separate words: in a one-line text they become a space, not nothing.
_SEPARATEURS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def _invisible(caractere: str, multiligne: bool) -> bool:
    if caractere in _JOINTS or (multiligne and caractere in _FINS_DE_LIGNE):
        return False
    return unicodedata.category(caractere) in _CATEGORIES_INVISIBLES


def caracteres_invisibles(texte: str, *, multiligne: bool = False) -> list[str]:
    """The invisible characters of ``texte``, in order (empty for a clean text)."""
    if texte.isprintable():  # the usual case, answered without looking at each character
        return []
    return [c for c in texte if _invisible(c, multiligne)]


def nettoyer_texte(texte: str, *, multiligne: bool = False) -> str:
    """``texte`` without its invisible characters; in a one-line text (``multiligne=False``),
    line breaks and tabs become spaces. Nothing else changes, not even the spaces around."""
    if not caracteres_invisibles(texte, multiligne=multiligne):
        return texte
    return "".join(
        (" " if not multiligne and c in _SEPARATEURS else "") if _invisible(c, multiligne) else c
        for c in texte
    )


class ChampNom(forms.CharField):
    """A name, or any short text shown publicly: invisible characters removed silently."""

    multiligne = False

    def to_python(self, value: Any) -> Any:
        texte = super().to_python(value)
        if not isinstance(texte, str):
            return texte
        texte = nettoyer_texte(texte, multiligne=self.multiligne)
        return texte.strip() if self.strip else texte


class ChampTexte(ChampNom):
    """A long text shown publicly (Markdown): invisible characters removed silently, line
    breaks and tabs kept."""

    multiligne = True


class ChampTitre(forms.CharField):
    """A title: refused while it holds invisible characters, with a message next to the field;
    the field, shown again, holds the title without them, ready to be checked and sent."""

    default_error_messages = {
        "caracteres_invisibles": _(
            "Ce texte contenait des caractères invisibles qui modifient son affichage, par "
            "exemple l'ordre des lettres : ils viennent d'être retirés. Vérifiez-le tel qu'il "
            "apparaît maintenant, puis envoyez à nouveau."
        ),
    }

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, str) and caracteres_invisibles(value):
            raise forms.ValidationError(
                self.error_messages["caracteres_invisibles"], code="caracteres_invisibles"
            )

    def bound_data(self, data: Any, initial: Any) -> Any:
        donnee = super().bound_data(data, initial)
        if not isinstance(donnee, str):
            return donnee
        return nettoyer_texte(donnee).strip() if self.strip else nettoyer_texte(donnee)
