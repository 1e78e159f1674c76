"""Search across the portal (``/recherche/``), a seam: each app registers what it lets people
find from ``AppConfig.ready()``, and the French configuration every search vector uses.

Each searched model keeps a generated ``vecteur_recherche`` column (:func:`vecteur`: its title
weighs A, its texts B), with a GIN index, so that a search reads the index and ranks the stored
vector. An app registers a :class:`Source`::

    enregistrer_source(
        "problematiques",
        libelle="Problématiques",
        ordre=10,
        lignes=lambda: Problematique.objects.publiques(),
        titre="titre",
        extrait="constat",
        liste="problematiques:index",  # its own list, which takes ?q= (or None)
    )

:func:`rechercher` returns, for each source, how many public rows match and the best few,
each with a highlighted extract. :func:`suggestion` offers a correction of a misspelt word
from the portal's own vocabulary (the lexicon, :class:`tilab.models.MotDuLexique`, rebuilt by
:func:`reconstruire_lexique` each night and by the demo and the bench).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# french with unaccent: "ecole" finds "École" (tilab/migrations/0001_recherche_francaise.py).
CONFIG_RECHERCHE = "french_unaccent"
# How many of each kind's best matches the portal's search shows.
RESULTATS_PAR_SORTE = 5
# The markers of an extract's matched words, replaced by <mark> once the text is escaped.
_DEBUT, _FIN = "\x02", "\x03"


def vecteur(titre: str, *textes: str) -> Any:
    """The expression of a ``vecteur_recherche`` generated column: ``titre`` weighs A, the
    ``textes`` B."""
    expression: Any = SearchVector(titre, weight="A", config=CONFIG_RECHERCHE)
    if textes:
        expression = expression + SearchVector(*textes, weight="B", config=CONFIG_RECHERCHE)
    return expression


def requete(texte: str) -> SearchQuery:
    """What a person typed, as web search syntax (« "mots exacts" », « -sauf »), French."""
    return SearchQuery(texte, config=CONFIG_RECHERCHE, search_type="websearch")


# Markdown's marks, which an extract of the raw text would show as they are: headings'
# hashes, emphasis, code.
_SYNTAXE_MARKDOWN = re.compile(r"(?:^|(?<=\s))#{1,6}\s+|\*{1,3}|_{2,3}|`+")


def correspondant[L: QuerySet[Any]](lignes: L, texte: str) -> L:
    """The rows of ``lignes`` matching ``texte``, with their ``pertinence``: the ``@@`` filter
    uses the GIN index, the rank is read from the stored vector, never recomputed."""
    q = requete(texte)
    trouvees = lignes.filter(vecteur_recherche=q).annotate(
        pertinence=SearchRank(F("vecteur_recherche"), q)
    )
    return cast(L, trouvees)


def extrait_surligne(texte_avec_marques: str | None) -> SafeString:
    """An extract from :class:`SearchHeadline` (run with :data:`_DEBUT`/:data:`_FIN` as its
    markers on the raw stored text): Markdown's marks dropped, everything escaped, then the
    markers made ``<mark>``. The markers are control characters, which stored texts never hold
    (``tilab.textes.nettoyer_texte``): what a person typed cannot open or close a mark."""
    sans_syntaxe = _SYNTAXE_MARKDOWN.sub("", texte_avec_marques or "")
    echappe = str(escape(sans_syntaxe))
    return mark_safe(  # noqa: S308 (escaped above; only our own tags added)
        echappe.replace(_DEBUT, "<mark>").replace(_FIN, "</mark>")
    )


def extrait(champ: Any, texte: str, **options: Any) -> SearchHeadline:
    """The expression of a marked extract of ``champ`` for the words of ``texte`` (to give to
    :func:`extrait_surligne` once read)."""
    return SearchHeadline(
        champ,
        requete(texte),
        config=CONFIG_RECHERCHE,
        start_sel=_DEBUT,
        stop_sel=_FIN,
        **{"max_words": 30, "min_words": 12, **options},
    )


@dataclass(frozen=True)
class Source:
    nom: str
    libelle: str
    ordre: int
    lignes: Callable[[], QuerySet[Any]]
    titre: str
    extrait: str
    liste: str | None


_sources: dict[str, Source] = {}


def enregistrer_source(
    nom: str,
    *,
    libelle: str,
    ordre: int,
    lignes: Callable[[], QuerySet[Any]],
    titre: str,
    extrait: str,
    liste: str | None = None,
) -> None:
    """Let the portal's search find ``lignes()`` (the public rows, with a ``vecteur_recherche``
    column), each shown by its ``titre``, an extract of ``extrait`` and its
    ``get_absolute_url()``; ``liste`` names the kind's own list, which takes ``?q=``."""
    source = Source(nom, libelle, ordre, lignes, titre, extrait, liste)
    deja = _sources.get(nom)
    if deja is not None and (deja.libelle, deja.titre, deja.extrait) != (
        source.libelle,
        source.titre,
        source.extrait,
    ):
        raise ImproperlyConfigured(f"La source de recherche « {nom} » est déjà enregistrée.")
    _sources[nom] = source


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.ordre, s.nom))


@dataclass
class Resultat:
    titre: str
    url: str
    extrait: SafeString
    pertinence: float


@dataclass
class Groupe:
    source: Source
    total: int
    resultats: list[Resultat]


def source(nom: str) -> Source | None:
    return _sources.get(nom)


def trouves(source: Source, texte: str) -> QuerySet[Any]:
    """The source's public rows matching ``texte``, best first, each with its ``pertinence``
    and its marked extract (computed for the rows read only)."""
    return (
        correspondant(source.lignes(), texte)
        .annotate(extrait_marque=extrait(source.extrait, texte))
        .order_by("-pertinence", "-pk")
    )


def resultat(source: Source, ligne: Any) -> Resultat:
    return Resultat(
        titre=getattr(ligne, source.titre),
        url=ligne.get_absolute_url(),
        extrait=extrait_surligne(ligne.extrait_marque),
        pertinence=ligne.pertinence,
    )


def rechercher(texte: str, *, par_sorte: int = RESULTATS_PAR_SORTE) -> list[Groupe]:
    """For each source, how many of its public rows match ``texte`` and the best
    ``par_sorte`` of them (two queries a source: the count, then the page with its extracts,
    computed for those rows only)."""
    q = requete(texte)
    groupes = []
    for source in sources():
        total = source.lignes().filter(vecteur_recherche=q).count()
        meilleurs = list(trouves(source, texte)[:par_sorte]) if total else []
        groupes.append(Groupe(source, total, [resultat(source, ligne) for ligne in meilleurs]))
    return groupes


# --- The lexicon: the portal's own words, for "Vouliez-vous dire …" --------------------------

# Words shorter than this are not corrected (articles, "eau"…); longer ones are not words.
LONGUEUR_MIN, LONGUEUR_MAX = 4, 30
# How close a word must be to be offered (pg_trgm's similarity, 0 to 1).
SIMILARITE_MIN = 0.4


def normaliser(mot: str) -> str:
    """Lower case without accents, as the lexicon stores its words."""
    decompose = unicodedata.normalize("NFKD", mot.lower())
    return "".join(c for c in decompose if not unicodedata.combining(c))


@transaction.atomic
def reconstruire_lexique() -> int:
    """Rebuild the lexicon from the titles and texts of every source's public rows: each
    word (without accents, 4 to 30 letters) with how often it appears. Returns the number of
    words. A few seconds at the bench's size; the nightly task and the demo call it."""
    from tilab.models import MotDuLexique

    table = MotDuLexique._meta.db_table
    with connection.cursor() as curseur:
        curseur.execute(f"TRUNCATE {table}")  # noqa: S608 (our own table's name)
        for source in sources():
            sql, params = (
                source.lignes()
                .order_by()
                .values(source.titre, source.extrait)
                .query.sql_with_params()
            )
            curseur.execute(
                f"""
                INSERT INTO {table} (mot, nb)
                SELECT mot, count(*) FROM (
                    SELECT regexp_split_to_table(
                        lower(unaccent(concat_ws(' ', t.{source.titre}, t.{source.extrait}))),
                        '[^a-z0-9]+'
                    ) AS mot
                    FROM ({sql}) AS t
                ) AS mots
                WHERE length(mot) BETWEEN %s AND %s AND mot !~ '^[0-9]+$'
                GROUP BY mot
                ON CONFLICT (mot) DO UPDATE SET nb = {table}.nb + EXCLUDED.nb
                """,  # noqa: S608 (our own names; the values are parameters)
                [*params, LONGUEUR_MIN, LONGUEUR_MAX],
            )
        curseur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        return int(curseur.fetchone()[0])


def suggestion(texte: str) -> str | None:
    """``texte`` with each word the portal does not know replaced by the closest one it knows
    (one indexed trigram query per unknown word), or ``None`` when there is nothing to
    correct."""
    from tilab.models import MotDuLexique

    mots = re.findall(r"\w+", texte)
    a_verifier = {
        normaliser(m) for m in mots if LONGUEUR_MIN <= len(m) <= LONGUEUR_MAX and not m.isdigit()
    }
    if not a_verifier:
        return None
    connus = set(MotDuLexique.objects.filter(mot__in=a_verifier).values_list("mot", flat=True))
    corrections: dict[str, str] = {}
    with connection.cursor() as curseur:
        for mot in sorted(a_verifier - connus):
            curseur.execute(
                f"""
                SELECT mot FROM {MotDuLexique._meta.db_table}
                WHERE mot %% %s AND similarity(mot, %s) >= %s
                ORDER BY similarity(mot, %s) DESC, nb DESC, mot
                LIMIT 1
                """,  # noqa: S608 (our own table's name)
                [mot, mot, SIMILARITE_MIN, mot],
            )
            ligne = curseur.fetchone()
            if ligne:
                corrections[mot] = ligne[0]
    if not corrections:
        return None
    return " ".join(corrections.get(normaliser(m), m) for m in mots)
