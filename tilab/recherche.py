"""Search across the portal (``/recherche/``), a seam: each app registers what it lets people
find from ``AppConfig.ready()``, and the French configuration every search vector uses.

Each searched model keeps a generated ``vecteur_recherche`` column (:func:`vecteur`: its title
weighs A, its texts B), with a GIN index, and a ``vecteur_titre`` of its title's words alone with
one (:func:`champ_vecteur_du_titre`, :func:`index_du_titre`),
so that a search reads the indexes and ranks the stored vector. An app registers a
:class:`Source`::

    enregistrer_source(
        "problematiques",
        libelle="Problématiques",
        ordre=10,
        lignes=lambda: Problematique.objects.publiques(),
        titre="titre",
        extrait="constat",
        adresse=("problematiques:detail", "slug"),  # get_absolute_url(), from its columns
        liste="problematiques:index",  # its own list, which takes ?q= (or None)
    )

:func:`rechercher` returns, for each source, how many public rows match and the best few,
each with a highlighted extract.

**A bounded ranking.** A frequent word (« transport ») is in half of the 14,000 published
problems: counting them all and ranking each one cost 200 ms in PostgreSQL, for five results.
So the rows ranked are bounded (:func:`classees`): the most recent rows whose title holds the
words, at most :data:`CANDIDATS_PAR_LE_TITRE` (read through the index of the titles: a title
match is not lost because the words fill the texts of thousands of newer rows), and the
:data:`CANDIDATS_RECENTS` most recent matches (read backwards along the primary key); past
that, the count says « plus de 500 » (:func:`au_dela_de_la_borne`). The order is the rank among
these candidates, titles first: with fewer matches than the bound, exactly the order of an
unbounded search; with more, older matches of the texts only are left out. Pagination pages
through the candidates.

:func:`suggestion` offers a correction of a misspelt word from the portal's own vocabulary
(the lexicon, :class:`tilab.models.MotDuLexique`, rebuilt by :func:`reconstruire_lexique` each
night and by the demo and the bench).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models import Count, F, Func, QuerySet, Window
from django.db.models.functions import JSONArray
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tilab.francais import compte

# french with unaccent: "ecole" finds "École" (tilab/migrations/0001_recherche_francaise.py).
CONFIG_RECHERCHE = "french_unaccent"
# How many of each kind's best matches the portal's search shows.
RESULTATS_PAR_SORTE = 5
# The rows of a kind a search ranks (classees): its title matches, at most this many…
CANDIDATS_PAR_LE_TITRE = 50
# …and its most recent matches, at most this many: past it, « plus de 200 résultats », ten
# pages of twenty. Ranking a candidate reads its whole vector (a documentation page's body):
# the cost of a search is that of its candidates, so the bound is what a person pages through.
CANDIDATS_RECENTS = 200
# The markers of an extract's matched words, replaced by <mark> once the text is escaped.
_DEBUT, _FIN = "\x02", "\x03"


def vecteur(titre: str, *textes: str) -> Any:
    """The expression of a ``vecteur_recherche`` generated column: ``titre`` weighs A, the
    ``textes`` B."""
    expression: Any = SearchVector(titre, weight="A", config=CONFIG_RECHERCHE)
    if textes:
        expression = expression + SearchVector(*textes, weight="B", config=CONFIG_RECHERCHE)
    return expression


class VecteurDuTitre(Func):
    """The words of a title in a search vector: its lexemes of weight A (:func:`vecteur`).
    The expression of the titles' first indexes, which the migrations that made and removed
    them still name; the titles' words are now a column of their own (:func:`vecteur_du_titre`)."""

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a}')"
    output_field = SearchVectorField()

    def __init__(self, vecteur_: Any = None) -> None:
        super().__init__(vecteur_ if vecteur_ is not None else F("vecteur_recherche"))


def vecteur_du_titre(titre: str) -> Any:
    """The expression of a ``vecteur_titre`` generated column: the words of the title alone
    (weight A, as in :func:`vecteur`), a few dozen bytes kept in the row.

    What :func:`classees` reads to find the rows whose title holds the words: testing the
    whole ``vecteur_recherche`` instead would read each row's vector out of its TOAST table
    (a documentation page's body), row after row, until enough titles match."""
    return SearchVector(titre, weight="A", config=CONFIG_RECHERCHE)


def champ_vecteur_du_titre(titre: str) -> models.GeneratedField:
    """The ``vecteur_titre`` field of a searched model whose title is the field ``titre``."""
    return models.GeneratedField(
        expression=vecteur_du_titre(titre), output_field=SearchVectorField(), db_persist=True
    )


def index_du_titre(nom: str) -> GinIndex:
    """The index of the words of a searched model's title (``Meta.indexes``), on its
    ``vecteur_titre`` (:func:`champ_vecteur_du_titre`)."""
    return GinIndex(fields=["vecteur_titre"], name=nom)


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


def classees[L: QuerySet[Any]](lignes: L, texte: str) -> L:
    """The rows of ``lignes`` matching ``texte`` that a search ranks, with their
    ``pertinence``: at most :data:`CANDIDATS_PAR_LE_TITRE` of those whose title holds the words
    (the index of the titles, :func:`index_du_titre`) and the :data:`CANDIDATS_RECENTS` + 1 most
    recent matches (the primary key's index, backwards), each probe a bounded read whatever the
    number of matches; then only these are ranked. More than :data:`CANDIDATS_RECENTS` of them
    means more matches than were ranked (:func:`au_dela_de_la_borne`). Order them, count them,
    page through them as any queryset."""
    q = requete(texte)
    # The whole vector matches too: « transport -scolaire » excludes a row whose texts say
    # « scolaire » even when its title does not.
    # The title first: PostgreSQL tests the conditions in this order, and the row's small
    # title vector rules most rows out before its whole vector is read.
    par_le_titre = (
        lignes.filter(vecteur_titre=q)
        .filter(vecteur_recherche=q)
        .order_by("-pk")
        .values("pk")[:CANDIDATS_PAR_LE_TITRE]
    )
    recentes = (
        lignes.filter(vecteur_recherche=q).order_by("-pk").values("pk")[: CANDIDATS_RECENTS + 1]
    )
    candidates = lignes.filter(pk__in=par_le_titre.union(recentes))
    return cast(L, candidates.annotate(pertinence=SearchRank(F("vecteur_recherche"), q)))


class Classement:
    """The rows of ``lignes`` a search for ``texte`` ranks (:func:`classees`), in the order
    ``ordre`` (``pertinence`` is the rank), as a paginator reads them: counted, then sliced.

    They are read in two steps, so that the candidates are probed once whatever is asked:
    first their keys in order, with their rank (one query that reads no text but the vectors
    it ranks: :attr:`pertinences`), then the rows of a slice, by key, with the marked
    ``extrait_marque`` of the field ``extrait`` if given. A slice is a queryset of ``lignes``'
    rows (its ``select_related``, ``only``, annotations kept), in the order of the keys: the
    order ``ordre``, without ranking them again (each rank reads the row's whole vector)."""

    ordered = True

    def __init__(
        self,
        lignes: QuerySet[Any],
        texte: str,
        *,
        ordre: tuple[str, ...] = ("-pertinence", "-pk"),
        extrait: str | None = None,
    ) -> None:
        self._lignes = lignes
        self._texte = texte
        self._ordre = ordre
        self._extrait = extrait
        self._cles: list[Any] | None = None
        self._pertinences: dict[Any, float] = {}

    def cles(self) -> list[Any]:
        """The primary keys of the ranked rows, best first."""
        if self._cles is None:
            rangs = list(
                classees(self._lignes, self._texte)
                .order_by(*self._ordre)
                .values_list("pk", "pertinence")
            )
            self._cles = [cle for cle, _ in rangs]
            self._pertinences = dict(rangs)
        return self._cles

    @property
    def pertinences(self) -> dict[Any, float]:
        """The rank of each row ranked, by key."""
        self.cles()
        return self._pertinences

    def count(self) -> int:
        return len(self.cles())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, tranche: slice) -> QuerySet[Any]:
        if not isinstance(tranche, slice):
            raise TypeError("Un classement se lit par tranches.")
        cles = self.cles()[tranche]
        lignes = self._lignes.filter(pk__in=cles)
        if self._extrait is not None:
            lignes = lignes.annotate(extrait_marque=extrait(self._extrait, self._texte))
        rang = Func(
            models.Value(cles, output_field=ArrayField(models.BigIntegerField())),
            F("pk"),
            function="array_position",
            output_field=models.IntegerField(),
        )
        return lignes.order_by(rang)


def au_dela_de_la_borne(nombre: int) -> bool:
    """Whether ``nombre`` rows found by :func:`classees` mean that more match than it ranked."""
    return nombre > CANDIDATS_RECENTS


def nombre_de_resultats(
    nombre: int, singulier: str, pluriel: str, zero: str, *, plus: bool | None = None
) -> str:
    """How many rows :func:`classees` found, in French: « 12 pages », « aucune page », and
    « plus de 500 pages » past the bound; ``plus``: ``nombre`` is already a total of bounded
    counts, of which one at least was past its bound."""
    if plus is None:
        plus = au_dela_de_la_borne(nombre)
        nombre = min(nombre, CANDIDATS_RECENTS)
    texte = compte(nombre, singulier, pluriel, zero)
    return f"plus de {texte}" if plus else texte


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
    # A row's get_absolute_url() as the URL's name and the columns its arguments are read
    # from (lookups of lignes()), so that the overview reads them with the rows it ranks.
    adresse: tuple[str, ...]
    liste: str | None

    def url(self, arguments: list[Any]) -> str:
        """A row's address from the values of the columns of ``adresse``."""
        return reverse(self.adresse[0], args=arguments)


_sources: dict[str, Source] = {}


def enregistrer_source(
    nom: str,
    *,
    libelle: str,
    ordre: int,
    lignes: Callable[[], QuerySet[Any]],
    titre: str,
    extrait: str,
    adresse: tuple[str, ...],
    liste: str | None = None,
) -> None:
    """Let the portal's search find ``lignes()`` (the public rows, with a ``vecteur_recherche``
    column), each shown by its ``titre``, an extract of ``extrait`` and its address:
    ``adresse`` is the name of the URL its ``get_absolute_url()`` reverses, then the columns
    (lookups of ``lignes()``) its arguments are read from, in order (a test checks that they
    give the same address); ``liste`` names the kind's own list, which takes ``?q=``."""
    source = Source(nom, libelle, ordre, lignes, titre, extrait, adresse, liste)
    deja = _sources.get(nom)
    if deja is not None and (deja.libelle, deja.titre, deja.extrait, deja.adresse) != (
        source.libelle,
        source.titre,
        source.extrait,
        source.adresse,
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
    # How many rows match, CANDIDATS_RECENTS when more do (plus).
    total: int
    resultats: list[Resultat]
    plus: bool = False


def source(nom: str) -> Source | None:
    return _sources.get(nom)


def classement(source: Source, texte: str) -> Classement:
    """The source's public rows matching ``texte`` that a search ranks, best first, to page
    through (:class:`Classement`): each read with its marked extract, its rank in
    ``Classement.pertinences``."""
    return Classement(source.lignes(), texte, extrait=source.extrait)


def resultat(source: Source, ligne: Any, pertinence: float, extrait_marque: str | None) -> Resultat:
    """A row found, as a search shows it, with its rank and its marked extract as read."""
    return Resultat(
        titre=getattr(ligne, source.titre),
        url=ligne.get_absolute_url(),
        extrait=extrait_surligne(extrait_marque),
        pertinence=pertinence,
    )


# What the overview's SQL holds in the place of the words searched, once compiled: a text no
# one types (control characters are cleaned from what people send, tilab.textes).
_MOTS = "\x01mots cherchés\x01"


@lru_cache(maxsize=16)
def _sql_des_meilleurs(
    sources_: tuple[Source, ...], par_sorte: int, bornes: tuple[int, int]
) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the overview for ``sources_`` (:func:`rechercher`), compiled once per
    process, with :data:`_MOTS` in its parameters in the place of the words: for each source,
    its ``par_sorte`` best candidates (:func:`classees`, whose ``bornes`` are part of the
    SQL) as (source's index, key, rank, marked extract, how many candidates, title, the
    arguments of its address as a JSON array), all in one statement.

    Writing these six queries costs Django some 20 ms of processor, twice what PostgreSQL
    takes to run them; only the words change from one search to the next. A source's rows
    (``lignes()``) must therefore not depend on the moment: no date of today in them (a test
    checks that every parameter is the words or a constant)."""
    morceaux, parametres = [], []
    for numero, source in enumerate(sources_):
        meilleurs = (
            classees(source.lignes(), _MOTS)
            .annotate(
                extrait_marque=extrait(source.extrait, _MOTS),
                _total=Window(Count("pk")),
                _titre=F(source.titre),
                _adresse=JSONArray(*source.adresse[1:]),
            )
            .order_by("-pertinence", "-pk")
            .values_list("pk", "pertinence", "extrait_marque", "_total", "_titre", "_adresse")[
                :par_sorte
            ]
        )
        sql, params = meilleurs.query.sql_with_params()
        # Our own compiled SQL, its values in the parameters.
        morceaux.append(f"(SELECT {numero:d} AS sorte, t.* FROM ({sql}) AS t)")  # noqa: S608
        parametres.extend(params)
    return " UNION ALL ".join(morceaux), tuple(parametres)


def rechercher(texte: str, *, par_sorte: int = RESULTATS_PAR_SORTE) -> list[Groupe]:
    """For each source, how many of its public rows match ``texte`` (« plus de » past the
    bound of :func:`classees`) and the best ``par_sorte`` of them, each with its extract.

    One statement ranks every source's candidates (:func:`_sql_des_meilleurs`, compiled once
    per process), the count read beside the best rows (a window over the candidates), the
    extracts computed for those rows only, and each row's title and address read with it."""
    toutes = tuple(sources())
    bornes = (CANDIDATS_PAR_LE_TITRE, CANDIDATS_RECENTS)
    sql, gabarit = _sql_des_meilleurs(toutes, par_sorte, bornes)
    parametres = [texte if p == _MOTS else p for p in gabarit]
    with connection.cursor() as curseur:
        curseur.execute(sql, parametres)
        lignes = curseur.fetchall()
    par_source: dict[int, list[tuple[Any, ...]]] = {}
    for numero, *meilleur in lignes:
        par_source.setdefault(numero, []).append(tuple(meilleur))
    groupes = []
    for numero, source in enumerate(toutes):
        meilleurs = sorted(par_source.get(numero, []), key=lambda m: (-m[1], -m[0]))
        total = meilleurs[0][3] if meilleurs else 0
        plus = au_dela_de_la_borne(total)
        groupes.append(
            Groupe(
                source,
                CANDIDATS_RECENTS if plus else total,
                [
                    Resultat(
                        titre=titre,
                        # JSON as text: Django's connection leaves its decoding to the field.
                        url=source.url(json.loads(arguments)),
                        extrait=extrait_surligne(marque),
                        pertinence=pertinence,
                    )
                    for _, pertinence, marque, _, titre, arguments in meilleurs
                ],
                plus,
            )
        )
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
