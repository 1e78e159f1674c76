"""What the sweeps of issue 9 share: generated bad input, a reader of the forms a page shows,
and the checks every answer to that input must pass.

The bad input is what people paste and robots send: NUL bytes, control and bidirectional
override characters, huge strings and numbers, impossible dates, several values where one is
expected, a field left out. :func:`saisies_mauvaises` draws, for some of a form's fields, such a
value fitting the field's kind (a date field mostly gets impossible dates).

:func:`verifier_reponse` says what an answer must be: never a server error; either a clean
success (a redirection, whose page then answers too) or the form again, with each error shown
and what was typed kept.

The number of examples comes from the hypothesis profile ``balayage`` (see
``tests/conftest.py``), sized so that every sweep together stays within about a minute on the
project's two-core machines; ``HYPOTHESIS_PROFILE=fouille`` runs many more, freshly drawn.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.test import Client, TestCase
from django.utils.html import escape
from hypothesis import strategies as st

from tilab.textes import nettoyer_texte

# --- Bad input ------------------------------------------------------------------------------

NUL = "\x00"
# Bidirectional controls: embeddings, overrides, isolates and marks (U+202E turns
# "fdp.exe" into "exe.pdf" on screen).
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# C0 and C1 controls, and the format characters people never type (zero width, BOM…).
CONTROLES = "".join(chr(c) for c in [*range(1, 32), 127, *range(0x80, 0xA0)])
INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

NOMBRES_ENORMES = [
    "9" * 30,
    "-" + "9" * 30,
    "99999999999999999999",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "inf",
    "-0",
    "0x10",
    "1_000",
    "١٢",  # Arabic-Indic digits, which int() accepts
    "１２",  # fullwidth digits
    "12.5",
    "1,5",
]
DATES_IMPOSSIBLES = [
    "2026-02-30",
    "2025-02-29",
    "2026-13-01",
    "2026-00-10",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "99999999999999999999-01-01",
    "-2026-01-01",
    "31/02/2026",
    "32/01/2026",
    "2026-1-1",
    "1/1/1",
    "hier",
    "2026-02-30T25:61:61",
    "24:00",
    "23:60:60",
    "99:99",
]


def _avec(caracteres: str) -> st.SearchStrategy[str]:
    """Text where some of ``caracteres`` sit among ordinary letters."""
    return st.lists(
        st.one_of(st.sampled_from(list(caracteres)), st.text(min_size=1, max_size=8)),
        min_size=1,
        max_size=12,
    ).map("".join)


def _enorme() -> st.SearchStrategy[str]:
    """A string far past any field's length: ASCII, accented or made of a single mark."""
    return st.builds(
        lambda motif, n: motif * n,
        st.sampled_from(["a", "é", "9", "\u202e", " ", "<b>", "&amp;", "𝔸"]),
        st.integers(min_value=5_000, max_value=120_000),
    )


TEXTES_MAUVAIS: st.SearchStrategy[str] = st.one_of(
    _avec(NUL),
    _avec(CONTROLES),
    _avec(BIDI),
    _avec(INVISIBLES),
    _enorme(),
    st.sampled_from(NOMBRES_ENORMES),
    st.sampled_from(DATES_IMPOSSIBLES),
    st.text(max_size=30),
    st.sampled_from(["", " ", "\r\n", "<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}"]),
)
NOMBRES_MAUVAIS: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(NOMBRES_ENORMES),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
DATES_MAUVAISES: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(DATES_IMPOSSIBLES),
    st.builds(
        lambda a, m, j: f"{a}-{m:02d}-{j:02d}",
        st.integers(min_value=-10, max_value=10**25),
        st.integers(min_value=0, max_value=99),
        st.integers(min_value=0, max_value=99),
    ),
)

# A field left out of the data sent.
ABSENT = object()

Valeur = str | list[str] | object


def valeur_mauvaise(genre: str) -> st.SearchStrategy[Valeur]:
    """A bad value for a field of kind ``genre`` (see :class:`Champ`): mostly one fitting the
    kind, sometimes any bad text, several values, or nothing at all."""
    propre: st.SearchStrategy[str] = {
        "nombre": NOMBRES_MAUVAIS,
        "date": DATES_MAUVAISES,
    }.get(genre, TEXTES_MAUVAIS)
    return st.one_of(
        propre,
        propre,
        TEXTES_MAUVAIS,
        st.lists(TEXTES_MAUVAIS, min_size=2, max_size=3),
        st.just(ABSENT),
    )


# --- The forms a page shows -----------------------------------------------------------------


@dataclass(frozen=True)
class Champ:
    nom: str
    genre: str  # "texte", "nombre", "date", "choix", "case", "cache", "mot_de_passe"


@dataclass
class FormulaireHtml:
    """A ``<form>`` as a browser would send it as it stands: what it holds, where it posts."""

    attributs: dict[str, str]
    champs: dict[str, Champ] = field(default_factory=dict)
    donnees: dict[str, list[str]] = field(default_factory=dict)
    boutons: list[tuple[str, str]] = field(default_factory=list)

    @property
    def action(self) -> str:
        return self.attributs.get("action", "")

    @property
    def methode(self) -> str:
        return self.attributs.get("method", "get").lower()

    def envoi(self, page: str) -> str:
        """The address the form posts to, from the page at ``page``."""
        action = self.action
        if not action:
            return page
        if action.startswith("?"):
            return urlsplit(page).path + action
        return action


def _genre(balise: str, attrs: dict[str, str]) -> str:
    type_ = attrs.get("type", "text").lower()
    classes = attrs.get("class", "")
    if balise == "select":
        return "choix"
    if balise == "textarea":
        return "texte"
    if type_ in ("checkbox", "radio"):
        return "case"
    if type_ == "hidden":
        return "cache"
    if type_ == "password":
        return "mot_de_passe"
    if type_ == "number":
        return "nombre"
    if type_ in ("date", "datetime-local", "time") or "vDateField" in classes:
        return "date"
    if "vTimeField" in classes:
        return "date"
    return "texte"


class _LecteurDeFormulaires(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.formulaires: list[FormulaireHtml] = []
        self._courant: FormulaireHtml | None = None
        self._zone: tuple[str, dict[str, str]] | None = None  # textarea being read
        self._texte: list[str] = []
        self._select: tuple[str, bool, bool] | None = None  # name, multiple, disabled
        self._options: list[tuple[str, bool]] = []
        self._option: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_}
        if tag == "form":
            self._courant = FormulaireHtml(attributs=attrs)
            self.formulaires.append(self._courant)
            return
        formulaire = self._courant
        if formulaire is None:
            return
        nom = attrs.get("name")
        desactive = "disabled" in attrs
        if tag == "input" and nom:
            type_ = attrs.get("type", "text").lower()
            if type_ in ("submit", "button", "image"):
                formulaire.boutons.append((nom, attrs.get("value", "")))
                return
            if type_ in ("reset", "file"):
                return
            formulaire.champs.setdefault(nom, Champ(nom, _genre(tag, attrs)))
            if desactive:
                return
            if type_ in ("checkbox", "radio"):
                if "checked" in attrs:
                    formulaire.donnees.setdefault(nom, []).append(attrs.get("value", "on"))
                return
            formulaire.donnees.setdefault(nom, []).append(attrs.get("value", ""))
        elif tag == "button" and nom:
            formulaire.boutons.append((nom, attrs.get("value", "")))
        elif tag == "textarea" and nom:
            formulaire.champs.setdefault(nom, Champ(nom, "texte"))
            self._zone = (nom, attrs)
            self._texte = []
        elif tag == "select" and nom:
            formulaire.champs.setdefault(nom, Champ(nom, "choix"))
            self._select = (nom, "multiple" in attrs, desactive)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._option = attrs
            self._texte = []

    def handle_data(self, data: str) -> None:
        if self._zone is not None or self._option is not None:
            self._texte.append(data)

    def handle_endtag(self, tag: str) -> None:
        formulaire = self._courant
        if tag == "form":
            self._courant = None
        elif tag == "textarea" and self._zone is not None and formulaire is not None:
            nom, attrs = self._zone
            texte = "".join(self._texte)
            # Browsers drop the newline that follows <textarea>, as Django writes it.
            if texte.startswith("\n"):
                texte = texte[1:]
            if "disabled" not in attrs:
                formulaire.donnees.setdefault(nom, []).append(texte)
            self._zone = None
        elif tag == "option" and self._option is not None:
            valeur = self._option.get("value", "".join(self._texte).strip())
            self._options.append((valeur, "selected" in self._option))
            self._option = None
        elif tag == "select" and self._select is not None and formulaire is not None:
            nom, multiple, desactive = self._select
            choisies = [v for v, choisie in self._options if choisie]
            if not choisies and not multiple and self._options:
                choisies = [self._options[0][0]]
            if not desactive and (choisies or not multiple):
                formulaire.donnees.setdefault(nom, []).extend(choisies)
            self._select = None


def formulaires(html: str) -> list[FormulaireHtml]:
    """Every ``<form>`` of ``html``, in the order of the page."""
    lecteur = _LecteurDeFormulaires()
    lecteur.feed(html)
    lecteur.close()
    return lecteur.formulaires


def formulaire_qui_contient(html: str, *noms: str) -> FormulaireHtml:
    """The first form of ``html`` holding a field for each of ``noms``."""
    for formulaire in formulaires(html):
        if all(nom in formulaire.champs for nom in noms):
            return formulaire
    raise AssertionError(f"aucun formulaire de la page n'a les champs {noms}")


# --- Bad input applied to a form ------------------------------------------------------------

# Sent to a form that has no field: names a view might read without a form.
CHAMPS_INATTENDUS = ["next", "id", "pk", "statut", "email", "page", "apercu", "retirer"]
# Never changed: the CSRF token (the test client does not check it anyway).
INTOUCHABLES = frozenset({"csrfmiddlewaretoken"})


@st.composite
def saisies_mauvaises(
    draw: st.DrawFn, formulaire: FormulaireHtml, *, epargner: frozenset[str] = frozenset()
) -> dict[str, Valeur]:
    """Bad values for one to three of ``formulaire``'s fields (``epargner`` left as they are),
    and sometimes one of its buttons. A form without fields (a one-click action) gets fields it
    does not expect."""
    noms = sorted(set(formulaire.champs) - INTOUCHABLES - epargner)
    if not noms:
        cles = st.one_of(st.sampled_from(CHAMPS_INATTENDUS), st.text(min_size=1, max_size=12))
        choisis = draw(st.lists(cles, min_size=1, max_size=3, unique=True))
        return {nom: draw(valeur_mauvaise("texte")) for nom in choisis}
    choisis = draw(st.lists(st.sampled_from(noms), min_size=1, max_size=3, unique=True))
    saisies = {nom: draw(valeur_mauvaise(formulaire.champs[nom].genre)) for nom in choisis}
    if formulaire.boutons:
        bouton = draw(st.sampled_from([None, *formulaire.boutons]))
        if bouton is not None:
            saisies.setdefault(bouton[0], bouton[1])
    return saisies


def appliquer(base: Mapping[str, list[str]], saisies: Mapping[str, Valeur]) -> dict[str, Any]:
    """The data to send: ``base`` with ``saisies`` in place."""
    donnees: dict[str, Any] = {nom: list(valeurs) for nom, valeurs in base.items()}
    for nom, valeur in saisies.items():
        if valeur is ABSENT:
            donnees.pop(nom, None)
        else:
            donnees[nom] = valeur
    return donnees


def decrire(saisies: Mapping[str, Valeur], limite: int = 80) -> str:
    """The bad values, shortened, for a failure message."""

    def court(valeur: Valeur) -> str:
        if valeur is ABSENT:
            return "(absent)"
        texte = repr(valeur)
        return texte if len(texte) <= limite else f"{texte[:limite]}… ({len(texte)} car.)"

    return ", ".join(f"{nom}={court(valeur)}" for nom, valeur in saisies.items())


# --- What an answer must be -----------------------------------------------------------------

# The kinds of field whose typed value must come back when the form is refused (a password is
# never shown again, a choice that is not in the list cannot be).
GENRES_RECOPIES = frozenset({"texte", "nombre", "date"})
# Statuses of an answer: the page (200), the form refused (400), a redirection (success, or
# back to a page that shows the refusal).
STATUTS_ADMIS = frozenset({200, 302, 400})


def formulaires_lies(reponse: Any) -> list[forms.BaseForm]:
    """The bound forms the page was rendered with (the admin's too), each once."""
    trouves: dict[int, forms.BaseForm] = {}
    # The context of each template the page rendered (hundreds on an admin page, a template
    # per widget) is a copy of the page's that shares its dictionaries and what they hold:
    # each is looked into once. Kept, not only their ids, so that no id is given again.
    vus: dict[int, Any] = {}

    def voir(valeur: Any) -> None:
        if isinstance(valeur, dict | list | tuple | forms.BaseForm | forms.BaseFormSet):
            if id(valeur) in vus:
                return
            vus[id(valeur)] = valeur
        if isinstance(valeur, forms.BaseForm):
            if valeur.is_bound:
                trouves.setdefault(id(valeur), valeur)
        elif isinstance(valeur, forms.BaseFormSet):
            if valeur.is_bound:
                for sous in [valeur.management_form, *valeur.forms]:
                    voir(sous)
        elif hasattr(valeur, "form") and isinstance(valeur.form, forms.BaseForm):
            voir(valeur.form)  # the admin's AdminForm
        elif hasattr(valeur, "formset") and isinstance(valeur.formset, forms.BaseFormSet):
            voir(valeur.formset)  # the admin's InlineAdminFormSet
        elif isinstance(valeur, dict):
            for sous in valeur.values():
                voir(sous)
        elif isinstance(valeur, list | tuple) and len(valeur) < 50:
            for sous in valeur:
                voir(sous)

    contextes = reponse.context
    if contextes is None:
        return []
    for contexte in contextes if isinstance(contextes, list) else [contextes]:
        for dictionnaire in getattr(contexte, "dicts", [contexte]):
            if isinstance(dictionnaire, dict):
                for valeur in dictionnaire.values():
                    voir(valeur)
    return list(trouves.values())


def _valeur_envoyee(donnees: Mapping[str, Any], nom: str) -> str | None:
    valeur = donnees.get(nom)
    if isinstance(valeur, list):
        return valeur[-1] if valeur else None  # QueryDict.get: the last one
    return valeur if isinstance(valeur, str) else None


def ecarts_du_formulaire_refuse(
    html: str, formulaire: forms.BaseForm, donnees: Mapping[str, Any], genres: Mapping[str, str]
) -> list[str]:
    """What a refused form fails to show: an error missing from the page, a typed value not
    given back."""
    ecarts: list[str] = []

    # The page writes its messages in French typography (tilab/typographie.py): compared
    # with ordinary spaces.
    def espaces(t: str) -> str:
        return t.replace("\u00a0", " ").replace("\u202f", " ")

    texte = espaces(html)
    for nom_champ, erreurs in formulaire.errors.items():
        for message in map(str, erreurs):
            if espaces(escape(message)) not in texte:
                ecarts.append(f"erreur absente de la page ({nom_champ}) : {message[:120]!r}")
    for bound in formulaire:
        nom = bound.html_name
        if bound.is_hidden or genres.get(nom) not in GENRES_RECOPIES:
            continue
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget | forms.PasswordInput):
            continue
        if widget.format_value("x") is None:  # never shows a value back (the honeypot)
            continue
        valeur = _valeur_envoyee(donnees, nom)
        # What is kept is what the person typed once the invisible characters the site
        # removes from every name and text (tilab.textes) are gone.
        visibles = {
            nettoyer_texte(valeur, multiligne=multiligne).strip()
            for multiligne in (True, False)
            if valeur
        }
        if valeur and any(visibles) and not any(escape(v) in html for v in {valeur, *visibles}):
            ecarts.append(f"saisie perdue ({nom}) : {valeur[:60]!r}")
    return ecarts


def _vers_une_adresse_envoyee(cible: str, donnees: Mapping[str, Any]) -> bool:
    """Whether the redirection goes where the data sent asked (a ``next`` of allauth's)."""
    chemin = urlsplit(cible).path.strip("/")
    envoyees = [
        v
        for valeurs in donnees.values()
        for v in (valeurs if isinstance(valeurs, list) else [valeurs])
        if isinstance(v, str)
    ]
    return any(v.strip("/") and v.strip("/") in chemin for v in envoyees) or any(
        chemin and chemin in v for v in envoyees
    )


def verifier_reponse(
    client: Client,
    reponse: Any,
    donnees: Mapping[str, Any],
    genres: Mapping[str, str],
    *,
    suivre: bool = True,
    statuts: frozenset[int] = STATUTS_ADMIS,
) -> list[str]:
    """Every way the answer to ``donnees`` falls short: a status other than a page, a refusal
    or a redirection; a refused form that hides an error or loses what was typed; a
    redirection whose page then fails (followed once with ``suivre``)."""
    if reponse.status_code not in statuts:
        return [f"statut {reponse.status_code}"]
    if reponse.status_code == 302:
        if not suivre:
            return []
        cible = reponse["Location"]
        if urlsplit(cible).netloc:
            return []
        suite = client.get(cible)
        if suite.status_code == 404 and _vers_une_adresse_envoyee(cible, donnees):
            return []  # ?next= pointed where nothing is: the 404 page is the right answer
        if suite.status_code not in STATUTS_ADMIS:
            return [f"la page après la redirection ({cible}) répond {suite.status_code}"]
        # Back on a page that shows a form refused after a redirection (the admin's steps).
        return verifier_reponse(client, suite, donnees, genres, suivre=False)
    html = reponse.content.decode()
    ecarts: list[str] = []
    for formulaire in formulaires_lies(reponse):
        if formulaire.errors:
            ecarts += ecarts_du_formulaire_refuse(html, formulaire, donnees, genres)
    return ecarts


# --- What a success leaves in the database ----------------------------------------------------

# Control characters no one types: C0 but tab, line feed and carriage return; DEL; C1.
_CONTROLES_TEXTE = "[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
# On one line (a name, a title, an address), tab and line breaks are not typed either.
_CONTROLES_LIGNE = "[\x01-\x1f\x7f-\x9f]"
_BIDI = "[\u202a-\u202e\u2066-\u2069]"
# The apps whose rows people write through the site's forms (allauth's addresses too).
APPS_ECRITES = frozenset({"comptes", "problematiques", "communautes", "account", "auth"})


def _champs_texte(modele: type[models.Model]) -> Iterator[models.Field[Any, Any]]:
    for champ in modele._meta.concrete_fields:
        if isinstance(champ, models.CharField | models.TextField) and not champ.choices:
            yield champ


def caracteres_enregistres(*, bidi: bool = False) -> list[str]:
    """The texts stored with control characters (with ``bidi``: one-line texts, names and
    titles, stored with bidirectional controls), as ``app.Model.field = 'value'``."""
    trouves: list[str] = []
    for modele in apps.get_models():
        if modele._meta.app_label not in APPS_ECRITES:
            continue
        motifs: dict[str, str] = {}
        for champ in _champs_texte(modele):
            une_ligne = isinstance(champ, models.CharField)
            if bidi and une_ligne:
                motifs[champ.attname] = _BIDI
            elif not bidi:
                motifs[champ.attname] = _CONTROLES_LIGNE if une_ligne else _CONTROLES_TEXTE
        if not motifs:
            continue
        conditions = Q()
        for nom, motif in motifs.items():
            conditions |= Q(**{f"{nom}__regex": motif})
        for ligne in modele._default_manager.filter(conditions).values(*motifs):
            for nom, valeur in ligne.items():
                if valeur and re.search(motifs[nom], valeur):
                    trouves.append(f"{modele._meta.label}.{nom} = {valeur[:60]!r}")
    return trouves


# --- One shared client, one example at a time -----------------------------------------------


@dataclass
class Balayeuse:
    """Sends bad input with one client, each example in a savepoint rolled back, starting from
    the same cookies: nothing an example does (an account deleted, a session ended, a row
    added) reaches the next one."""

    client: Client
    cookies: Any = None

    def __post_init__(self) -> None:
        self.cookies = copy.deepcopy(self.client.cookies)

    def envoyer(
        self,
        adresse: str,
        donnees: Mapping[str, Any],
        genres: Mapping[str, str],
        *,
        methode: str = "post",
        statuts: frozenset[int] = STATUTS_ADMIS,
        apres: Callable[[Any], list[str]] | None = None,
    ) -> list[str]:
        self.client.cookies = copy.deepcopy(self.cookies)
        with transaction.atomic():
            envoi = self.client.post if methode == "post" else self.client.get
            # What waits for the commit (e-mails) runs too, with the bad input.
            with TestCase.captureOnCommitCallbacks(execute=True):
                reponse = envoi(adresse, donnees)
            ecarts = verifier_reponse(self.client, reponse, donnees, genres, statuts=statuts)
            if apres is not None:
                ecarts += apres(reponse)
            transaction.set_rollback(True)
        return ecarts


def genres_des_champs(formulaire: FormulaireHtml) -> dict[str, str]:
    return {nom: champ.genre for nom, champ in formulaire.champs.items()}


def champs_texte(formulaire: FormulaireHtml) -> Iterator[str]:
    for nom, champ in formulaire.champs.items():
        if champ.genre in GENRES_RECOPIES:
            yield nom
