"""French wording shared by every page."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import number_format


def compte(n: int | None, singulier: str, pluriel: str, zero: str) -> str:
    """``compte(3, "membre", "membres", "aucun membre")`` → "3 membres".

    French: 0 has its own wording, 1 is singular, 2 and more plural; large figures are grouped
    by thousands (« 1 234 »).
    """
    n = n or 0
    if n == 0:
        return zero
    return f"{number_format(n, force_grouping=True)} {singulier if n == 1 else pluriel}"


# The head nouns of the back office's names that are feminine (the gender of « page de
# documentation » is that of « page »): what French needs to say « la problématique », « une
# communauté ». A name whose first word is not here is masculine.
NOMS_FEMININS = frozenset(
    {
        "adresse",
        "capacité",
        "communauté",
        "décision",
        "expérimentation",
        "organisation",
        "page",
        "personne",
        "problématique",
        "session",
        "version",
    }
)

_VOYELLES = frozenset("aàâäeéèêëiîïoôöuùûüyÿhæœ")


def _feminin(nom: str) -> bool:
    mots = nom.split(maxsplit=1)
    return bool(mots) and mots[0].lower() in NOMS_FEMININS


def avec_article(nom: str, *, defini: bool = True) -> str:
    """``nom`` with its article: « la problématique », « l'expérimentation », « le pacte de
    transformation »; with ``defini=False``, « une communauté », « un événement ».

    The gender is that of the first word (:data:`NOMS_FEMININS`); the definite article elides
    before a vowel or a mute h.
    """
    nom = str(nom)
    feminin = _feminin(nom)
    if not defini:
        return f"{'une' if feminin else 'un'} {nom}"
    if nom[:1].lower() in _VOYELLES:
        return f"l'{nom}"
    return f"{'la' if feminin else 'le'} {nom}"


def un_autre(nom: str) -> str:
    """« une autre communauté », « un autre événement »: the gender of ``nom`` as in
    :func:`avec_article`."""
    nom = str(nom)
    return f"{'une autre' if _feminin(nom) else 'un autre'} {nom}"


# A no-break space: « 3 jours » never breaks between the figure and its unit.
_INSECABLE = "\u00a0"


def il_y_a(moment: datetime, maintenant: datetime | None = None) -> str:
    """How long ago ``moment`` was, as the team says it: « aujourd'hui », « hier », « il y a
    3 jours » up to six weeks, then « il y a 4 mois », then « il y a 2 ans » (days counted in
    the current time zone)."""
    maintenant = maintenant or timezone.now()
    jours = (timezone.localdate(maintenant) - timezone.localdate(moment)).days
    if jours <= 0:
        return "aujourd'hui"
    if jours == 1:
        return "hier"
    if jours < 45:
        return f"il y a {jours}{_INSECABLE}jours"
    mois = round(jours / 30.44)
    if mois < 24:
        return f"il y a {mois}{_INSECABLE}mois"
    return f"il y a {jours // 365}{_INSECABLE}ans"
