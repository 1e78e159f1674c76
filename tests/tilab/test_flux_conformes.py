"""Every registered Atom feed is a valid Atom document: it validates against the RELAX NG schema
of RFC 4287 (Appendix B, ``schemas/atom-rfc4287.rng``), satisfies the Schematron rules that
schema carries, and keeps the RFC's rules that no schema says: one id, title and updated, dates
in RFC 3339, an author, absolute links with the self link naming the feed's own address, HTML
sent escaped and without a script.

The feeds are read from the registry (:func:`tilab.flux.tous_les_flux`), so a new feed is
checked as soon as it registers; the test then asks for realistic rows of it in ``CONTENUS``.
The rows are written once for the module, the feeds rendered, and all of it rolled back."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from lxml import etree

from communautes.models import Communaute
from documentation.models import Page
from experimentations.models import Experimentation
from gouvernance.models import Decision, Rectification, StatutSession, TypeDecision
from problematiques.models import Problematique
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.conftest import REGLAGES_DES_TESTS, make_persona
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.gouvernance.factories import grille_publiee
from tests.gouvernance.pages import clore, une_session
from tests.problematiques.factories import ProblematiqueFactory
from tilab import flux
from tilab.comptes.models import Personne

SCHEMA = Path(__file__).parent / "schemas" / "atom-rfc4287.rng"
ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM}
SCHEMATRON = {"s": "http://www.ascc.net/xml/schematron"}
# The test client's address: every link of a feed is written with it.
ADRESSE = "http://testserver"
NOMS = [f.nom for f in flux.tous_les_flux()]

# A title with accents, quotes, an ampersand and a script: it must come back as the same text.
TITRE = "Cantines « bio » & écoles d'Ouessant : <script>alert('été')</script>"
# What people write: Markdown, accents, a link with a query string, raw HTML with scripts.
MARKDOWN = """## Ce qu'on observe à Pontivy

Les **élèves** déjeunent à *11 h 30* ; voir [le compte rendu](https://example.org/cr?a=1&b=2).

- Œufs, crème brûlée, galettes de sarrasin
- <img src=x onerror=alert(1)> puis <script>alert("ça")</script>
"""
# RFC 3339, section 5.6: a date-time with its offset (Z or ±hh:mm), seconds' fractions allowed.
RFC_3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z", re.IGNORECASE
)


def _plus_tot(jours: int) -> datetime:
    return timezone.now() - timedelta(days=jours)


# --- Realistic rows, one kind per feed -------------------------------------------------------


def _problematiques(par: Personne) -> None:
    ProblematiqueFactory(publiee=True, titre=TITRE, constat=MARKDOWN)


def _communautes(par: Personne) -> None:
    CommunauteFactory(nom=TITRE, objet=MARKDOWN)
    # Created three days ago, changed since: its entry's « updated » is after its « published ».
    Communaute.objects.filter(nom=TITRE).update(cree_le=_plus_tot(3))


def _evenements(par: Personne) -> None:
    EvenementFactory(titre=TITRE, description=MARKDOWN)
    EvenementFactory(
        titre="Visio « retours d'expérience »", lieu="", lien_en_ligne="https://visio.example.org/r"
    )


def _experimentations(par: Personne) -> None:
    ExperimentationFactory(titre=TITRE, resume=MARKDOWN)
    Experimentation.objects.filter(titre=TITRE).update(cree_le=_plus_tot(10))


def _decisions(par: Personne) -> None:
    session = une_session(grille_publiee(par=par), StatutSession.OUVERTE, nb=2)
    clore(session)
    quand = _plus_tot(2)
    for rang, candidature in enumerate(session.candidatures.order_by("ordre")):
        Problematique.objects.filter(pk=candidature.problematique_id).update(titre=TITRE)
        decision = Decision.objects.create(
            candidature=candidature,
            decision=TypeDecision.RETENUE,
            motifs=MARKDOWN,
            enregistree_par=par,
            publiee_le=quand,
        )
        if rang == 0:
            # Corrected after its publication: the entry's « updated » moves to the correction.
            Rectification.objects.create(
                decision=decision, le=date.today(), texte=f"Corrigé : {MARKDOWN}", par=par
            )
    session.statut = StatutSession.PUBLIEE
    session.publiee_le = quand
    session.save()


def _documentation(par: Personne) -> None:
    page = une_page(titre=TITRE, resume=MARKDOWN, publiee_le=_plus_tot(5))
    Page.objects.filter(pk=page.pk).update(modifiee_le=timezone.now())


CONTENUS: dict[str, Callable[[Personne], None]] = {
    "problematiques": _problematiques,
    "communautes": _communautes,
    "evenements": _evenements,
    "experimentations": _experimentations,
    "decisions": _decisions,
    "documentation": _documentation,
}


@dataclass(frozen=True)
class Rendu:
    url: str
    statut: int
    type_de_contenu: str
    contenu: bytes

    @property
    def racine(self) -> etree._Element:
        return etree.fromstring(self.contenu)

    @property
    def entrees(self) -> list[etree._Element]:
        return self.racine.findall("atom:entry", NS)


@pytest.fixture(scope="module")
def rendus(django_db_setup, django_db_blocker) -> dict[str, Rendu]:
    """Each registered feed, rendered once over the rows of ``CONTENUS``; the rows (and the
    cache's entries, a table too) are rolled back before the module's tests read them."""
    resultat: dict[str, Rendu] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(**REGLAGES_DES_TESTS):
            par = cast(Personne, make_persona("direction"))
            for nom, ecrire in CONTENUS.items():
                if nom in NOMS:
                    ecrire(par)
            client = Client()
            for f in flux.tous_les_flux():
                reponse = client.get(f.url)
                resultat[f.nom] = Rendu(
                    f.url, reponse.status_code, reponse["Content-Type"], reponse.content
                )
        transaction.set_rollback(True)
    return resultat


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(SCHEMA))


def test_every_registered_feed_has_realistic_rows_here():
    manquants = set(NOMS) - set(CONTENUS)
    assert not manquants, f"Écrire dans CONTENUS des lignes réalistes pour : {sorted(manquants)}"


# --- The schema of the RFC ---------------------------------------------------------------------


@pytest.mark.parametrize("nom", NOMS)
def test_each_feed_is_served_as_atom_in_utf8_with_its_entries(rendus, nom):
    rendu = rendus[nom]
    assert rendu.statut == 200
    assert rendu.type_de_contenu == "application/atom+xml; charset=utf-8"
    assert rendu.contenu.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert rendu.racine.tag == f"{{{ATOM}}}feed"
    assert rendu.racine.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert rendu.entrees, nom


@pytest.mark.parametrize("nom", NOMS)
def test_each_feed_validates_against_the_relax_ng_schema_of_rfc_4287(rendus, schema, nom):
    valide = schema.validate(rendus[nom].racine)
    assert valide, f"{nom} : {schema.error_log}"


def test_the_schema_rejects_what_the_rfc_rejects(rendus, schema):
    """The validator is not vacuous: an entry without its id, or with a date that is not an
    xsd:dateTime, no longer validates."""
    racine = rendus["problematiques"].racine
    entree = racine.find("atom:entry", NS)
    entree.remove(entree.find("atom:id", NS))
    assert not schema.validate(racine)
    racine = rendus["problematiques"].racine
    racine.find("atom:entry/atom:updated", NS).text = "12/05/2026"
    assert not schema.validate(racine)


@pytest.mark.parametrize("nom", NOMS)
def test_each_feed_keeps_the_schematron_rules_of_rfc_4287(rendus, nom):
    """The schema's Schematron annotations (an author for the feed or every entry; a link or
    a content for every entry), evaluated as the RFC writes them."""
    regles = etree.parse(SCHEMA).findall(".//s:rule", SCHEMATRON)
    assert len(regles) == 3
    racine = rendus[nom].racine
    for regle in regles:
        contextes = racine.xpath(f"//{regle.get('context')}", namespaces=NS)
        assert contextes
        for assertion in regle.findall("s:assert", SCHEMATRON):
            for contexte in contextes:
                assert contexte.xpath(f"boolean({assertion.get('test')})", namespaces=NS), (
                    f"{nom} : {assertion.text}"
                )


# --- What the schema cannot say ----------------------------------------------------------------


def _un_seul(element: etree._Element, nom: str) -> etree._Element:
    trouves = element.findall(f"atom:{nom}", NS)
    assert len(trouves) == 1, (nom, len(trouves))
    return trouves[0]


def _date(element: etree._Element) -> datetime:
    texte = element.text or ""
    assert RFC_3339.match(texte), texte
    return datetime.fromisoformat(texte)


@pytest.mark.parametrize("nom", NOMS)
def test_the_feed_and_each_entry_have_one_id_title_and_updated(rendus, nom):
    racine = rendus[nom].racine
    ids = []
    mise_a_jour_du_flux = _date(_un_seul(racine, "updated"))
    for element in (racine, *rendus[nom].entrees):
        identifiant = (_un_seul(element, "id").text or "").strip()
        # An IRI (section 4.2.6): absolute, with its scheme.
        assert re.match(r"[a-z][a-z0-9+.-]*:\S+\Z", identifiant, re.IGNORECASE), identifiant
        ids.append(identifiant)
        assert (_un_seul(element, "title").text or "").strip()
        mise_a_jour = _date(_un_seul(element, "updated"))
        publications = element.findall("atom:published", NS)
        assert len(publications) <= 1
        if publications:
            assert _date(publications[0]) <= mise_a_jour
        assert mise_a_jour <= mise_a_jour_du_flux
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("nom", NOMS)
def test_the_feed_or_every_entry_names_its_author(rendus, nom):
    racine = rendus[nom].racine
    auteurs = racine.findall("atom:author", NS)
    if not auteurs:
        for entree in rendus[nom].entrees:
            assert entree.findall("atom:author", NS), f"{nom} : ni le flux ni une entrée"
            auteurs += entree.findall("atom:author", NS)
    for auteur in auteurs:
        assert (_un_seul(auteur, "name").text or "").strip()


@pytest.mark.parametrize("nom", NOMS)
def test_links_are_absolute_and_the_self_link_is_the_feed_s_address(rendus, nom):
    racine = rendus[nom].racine
    for lien in racine.iter(f"{{{ATOM}}}link"):
        adresse = urlsplit(lien.get("href", ""))
        assert adresse.scheme in ("http", "https") and adresse.netloc, lien.get("href")
    soi = racine.findall("atom:link[@rel='self']", NS)
    assert [lien.get("href") for lien in soi] == [ADRESSE + rendus[nom].url]
    assert len(racine.findall("atom:link[@rel='alternate']", NS)) == 1
    for entree in rendus[nom].entrees:
        alternatifs = entree.findall("atom:link[@rel='alternate']", NS)
        assert len(alternatifs) == 1
        assert alternatifs[0].get("href", "").startswith(ADRESSE + "/")


class _Balises(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.balises: list[str] = []
        self.texte: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.balises.append(tag)
        for nom, valeur in attrs:
            assert not nom.startswith("on"), (tag, nom, valeur)

    def handle_data(self, data: str) -> None:
        self.texte.append(data)


@pytest.mark.parametrize("nom", NOMS)
def test_html_is_sent_escaped_and_without_a_script(rendus, nom):
    """A ``type="html"`` text is HTML escaped into the XML (a text node, no child element);
    once read, it is the Markdown rendered then sanitised: no script, no event handler, the
    accents and the payload kept as text."""
    assert b"<script" not in rendus[nom].contenu.lower()
    racine = rendus[nom].racine
    textes_html = racine.xpath(
        "//atom:*[@type='html'][self::atom:summary or self::atom:content or self::atom:title "
        "or self::atom:subtitle or self::atom:rights]",
        namespaces=NS,
    )
    assert textes_html, nom
    lus = []
    for element in textes_html:
        assert len(element) == 0, etree.tostring(element)
        html = element.text or ""
        assert "<script" not in html.lower(), html
        balises = _Balises()
        balises.feed(html)
        balises.close()
        assert "script" not in balises.balises and "img" not in balises.balises, html
        lus.append("".join(balises.texte))
    texte = "\n".join(lus)
    assert "crème brûlée" in texte and "Œufs" in texte, nom
    assert "élèves" in texte  # the Markdown's emphasis became a tag, its words stayed


@pytest.mark.parametrize("nom", NOMS)
def test_titles_come_back_as_the_same_text(rendus, nom):
    """Titles are plain text (no ``type``, or ``text``): the XML escapes the script, which a
    reader shows as written."""
    titres = []
    for entree in rendus[nom].entrees:
        titre = _un_seul(entree, "title")
        assert titre.get("type", "text") == "text"
        titres.append(titre.text or "")
    assert any(TITRE in titre for titre in titres), titres


@pytest.mark.parametrize("nom", ["communautes", "experimentations", "decisions", "documentation"])
def test_an_entry_changed_after_its_publication_says_so(rendus, nom):
    changees = [
        entree
        for entree in rendus[nom].entrees
        if TITRE in entree.findtext("atom:title", "", NS)
        and _date(_un_seul(entree, "updated")) > _date(_un_seul(entree, "published"))
    ]
    assert changees, nom
