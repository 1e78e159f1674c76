"""Every page of the portal with the demo data, in Chromium (issue 13's "done when").

The pages come from the roles table (``tests/test_roles_urls.py``), not from a list kept here:
each of its GET rows that answers 200 to a member of the cast is opened by one of them (an
anonymous visitor whenever the row lets one in, otherwise the first of ``ORDRE_DES_PERSONAS``
it lets in), with the demo (``manage.py seed_demo``) and the table's own rows in the database.
Only what answers HTML is swept (feeds, CSV, JSON, calendars, files and the admin's
JavaScript are left out by their content type): a new page joins on its own, a new download
stays out on its own. A few public pages that show a persona forms of its own are opened by
that persona too (``AUSSI_PAR``), and each signed-in persona opens the home page (its header).
On each list, the first item not swept yet is opened too: a page of the demo's. So are
search results and the page of an unknown address (``EN_PLUS``).

Of the back office, the pages the team uses: the list and the change page of each model of
``ADMIN_DU_QUOTIDIEN`` (with their step forms unfolded) and a few add pages, and the back
office's index. The other admin pages (history, delete, the referentials, the accounts) are
Django's own, drawn by the same templates: ``test_balayage_admin.py`` sweeps them
server-side.

At 1,280 px and at 375 px: axe finds nothing (WCAG 2.0–2.2 A/AA and best practices,
``AXE_OPTIONS``). At 320 px: no page is wider than the screen (axe does not run there: the
rules that depend on the width are those of 375 px). At 375 px, on each list page of
``LISTES``, the first item starts in the first screen of a phone (667 px). On every page, the
Content Security Policy blocks nothing.

Each persona has one test and two tabs, each in a browser context of its own: while axe reads
a page in one, the other loads the next (``ONGLETS``). Each page is loaded once, at 1,280 px,
then narrowed to 375 and 320 px. A persona's test lists every difference it found at once;
``pytest -s`` prints how long each persona took, loading pages and waiting for axe;
``BALAYAGE_CAPTURES=<folder>`` saves a picture of every page at 1,280 and 375 px there.

The data tables' tests (at the end) read the same demo: every table fits 320 px.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, TransactionTestCase, override_settings
from django.urls import reverse

from experimentations.models import BudgetAnnuel
from gouvernance.models import CadreTriennal
from tests import test_roles_urls as roles_urls
from tests.browser.aide import (
    connecter,
    ecarts_des_pages,
    lancer_analyse,
    violations,
    violations_lancees,
)
from tests.conftest import ALL_PERSONAS, REGLAGES_DES_TESTS, make_persona
from tests.pages import PAGE_INCONNUE
from tests.test_roles_urls import ADMIN_MODELES, ANONYME, OK, TABLE, creer_donnees
from tilab.comptes.models import Personne

pytestmark = pytest.mark.browser

BUREAU = {"width": 1280, "height": 900}
TELEPHONE = {"width": 375, "height": 667}
ETROIT = 320

# Who opens a page that does not let an anonymous visitor in: the first persona of this list
# that the table lets in (the relais first, the person the portal is for).
ORDRE_DES_PERSONAS = [
    "relais",
    "coordination",
    "direction",
    "documentation",
    "animation",
    "recherche",
    "copil",
    "codir",
]

# Public pages that show a persona forms of its own, opened by that persona too.
AUSSI_PAR: dict[str, tuple[str, ...]] = {
    "problematiques:detail": ("coordination",),  # the team's « nous aussi » and its steps
    "communautes:detail": ("relais",),  # a member's commitment
    "evenements:detail": ("relais",),  # the registration
    "experimentations:detail": ("coordination",),  # the pages the experiment owes
    "documentation:page": ("documentation",),  # publish, archive
    "gouvernance:theorie_version": ("codir",),  # CODIR's opinion
    "gouvernance:session": ("copil",),  # the member's votes, the chair's decisions
    "gouvernance:candidature": ("copil",),
}

# The back office the team uses every day: each model's list and change page, with its step
# forms unfolded, and the add pages where the team starts something (a community, an event, a
# COPIL session). A change page is opened by a persona who may change it when one may, else by
# one who reads it.
LISTE_ET_FICHE = ("changelist", "change")
ADMIN_DU_QUOTIDIEN: dict[str, tuple[str, ...]] = {
    "problematiques.problematique": LISTE_ET_FICHE,
    "communautes.communaute": (*LISTE_ET_FICHE, "add"),
    "communautes.evenement": (*LISTE_ET_FICHE, "add"),
    "experimentations.experimentation": LISTE_ET_FICHE,
    "experimentations.pacte": LISTE_ET_FICHE,
    "documentation.page": LISTE_ET_FICHE,
    # The governance models whose change pages carry steps.
    "gouvernance.sessioncopil": (*LISTE_ET_FICHE, "add"),
    "gouvernance.versiontheorie": LISTE_ET_FICHE,
    "gouvernance.versiongrille": LISTE_ET_FICHE,
    "gouvernance.decision": LISTE_ET_FICHE,
}
ADMIN_AUTRES = {"admin:index"}

# The list pages, and where their first item is: it must start in a phone's first screen.
LISTES = {
    "problematiques:index": ".liste-problematiques > li",
    "communautes:index": ".liste-problematiques > li",
    "evenements:index": ".liste-problematiques > li",
    "experimentations:index": ".liste-problematiques > li",
    "experimentations:pactes": ".liste-problematiques > li",
    "gouvernance:decisions": "table.registre tbody tr",
    "documentation:index": ".liste-documentation > li",
    "gouvernance:sessions": ".liste-problematiques > li",
    # One's own lists, and the team's review queue.
    "problematiques:mes_remontees": ".remontees > li",
    "communautes:mes_engagements": ".engagements > li",
    "evenements:mes_inscriptions": ".inscriptions > li",
    "experimentations:mes_pactes": ".mes-pactes > li",
    "documentation:mes_pages": ".doc-liste > li",
    "documentation:relecture": ".doc-liste > li",
}

# Pages the table cannot name: search with results, the page of an unknown address.
EN_PLUS = [
    ("recherche", "/recherche/?q=transport", 200),
    ("recherche", "/recherche/?q=tranport", 200),  # a misspelling: « did you mean »
    ("page inconnue", PAGE_INCONNUE, 404),
]

# Pages known to fail a check of the sweep today, by URL name, each with why and where it is
# being fixed. Their differences are printed with the reason (``pytest -s``), not failed on;
# an entry whose pages no longer fail fails the test, so that it goes.
CONNUES: dict[str, str] = {}


@dataclass(frozen=True)
class Page:
    nom_url: str  # the table's URL name
    adresse: str
    persona: str
    liste: str | None = None  # the selector of its first item, for a list page
    admin: bool = False
    statut: int = 200


def _persona_de(nom_url: str, attendus: dict[str, Any]) -> str | None:
    """Who opens the row: anonymous if the row lets a visitor in, else the first persona of
    ORDRE_DES_PERSONAS it lets in; for the back office's change pages, one who may change."""
    if attendus[ANONYME] == OK:
        return ANONYME
    ordre = ORDRE_DES_PERSONAS
    if nom_url.startswith("admin:"):
        cle = _modele_admin(nom_url)
        if cle is not None:
            modifier = ADMIN_MODELES[cle].modifier | ADMIN_MODELES[cle].ajouter
            ordre = [p for p in ordre if p in modifier] + [p for p in ordre if p not in modifier]
    return next((p for p in ordre if attendus[p] == OK), None)


def _modele_admin(nom_url: str) -> str | None:
    for cle in ADMIN_MODELES:
        prefixe = "admin:" + cle.replace(".", "_") + "_"
        if nom_url.startswith(prefixe):
            return cle
    return None


def _retenue(nom_url: str) -> bool:
    """The rows of the back office that the sweep opens (the others: module docstring)."""
    if not nom_url.startswith("admin:"):
        return True
    if nom_url in ADMIN_AUTRES:
        return True
    cle = _modele_admin(nom_url)
    return cle is not None and nom_url.rsplit("_", 1)[1] in ADMIN_DU_QUOTIDIEN.get(cle, ())


def pages_du_tableau(donnees: Any, clients: dict[str, Client]) -> list[Page]:
    """Every GET row of the table that answers an HTML page with a 200 to its persona."""
    pages: list[Page] = []
    vues: set[tuple[str, str]] = set()
    for nom_url, lignes in TABLE.items():
        if not _retenue(nom_url):
            continue
        for ligne in lignes:
            if ligne.methode != "get":
                continue
            premier = _persona_de(nom_url, ligne.attendus)
            if premier is None:
                continue
            adresse = reverse(nom_url, kwargs=ligne.arguments(donnees))
            if ligne.parametres:
                adresse += "?" + "&".join(f"{k}={v}" for k, v in ligne.parametres.items())
            for persona in (premier, *AUSSI_PAR.get(nom_url, ())):
                if (adresse, persona) in vues or ligne.attendus[persona] != OK:
                    continue
                reponse = clients[persona].get(adresse)
                if reponse.status_code != 200:
                    continue
                if not reponse["Content-Type"].startswith("text/html"):
                    break
                vues.add((adresse, persona))
                pages.append(
                    Page(
                        nom_url,
                        adresse,
                        persona,
                        LISTES.get(nom_url),
                        nom_url.startswith("admin:"),
                    )
                )
    return pages


class _DeLaDemo:
    """Stands for a model in ``creer_donnees``: ``objects.create`` gives the demo's row that
    takes the same place when there is one (``meme_place(champs)`` filters it)."""

    def __init__(self, modele: Any, meme_place: Any) -> None:
        self.objects = self
        self.modele = modele
        self.meme_place = meme_place

    def create(self, **champs: Any) -> Any:
        existant = self.modele.objects.filter(**self.meme_place(champs)).first()
        return existant or self.modele.objects.create(**champs)


def _cadre(champs: dict[str, Any]) -> dict[str, Any]:
    return {"debut__lte": champs["fin"], "fin__gte": champs["debut"]}


def _budget(champs: dict[str, Any]) -> dict[str, Any]:
    return {"annee": champs["annee"]}


@dataclass
class Balayage:
    pages: list[Page]
    cookies: dict[str, str]  # the session cookie of each persona


@pytest.fixture(scope="module")
def balayage(chromium, django_db_blocker) -> Iterator[Balayage]:
    """The demo and the table's rows, committed once for the module (the live server reads
    them), and the pages to sweep. Each test of the module keeps them: the migrated state
    comes back after the module's last test only."""
    from tests.etat_migre import DEMO, ETAT_MIGRE

    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        DEMO.charger()
        with override_settings(**REGLAGES_DES_TESTS):
            personnes = {nom: make_persona(nom) for nom in ALL_PERSONAS}
            with pytest.MonkeyPatch.context() as rangs:
                # The table's frame and budget would take the demo's place (the same years):
                # the demo's stand for them.
                rangs.setattr(roles_urls, "CadreTriennal", _DeLaDemo(CadreTriennal, _cadre))
                rangs.setattr(roles_urls, "BudgetAnnuel", _DeLaDemo(BudgetAnnuel, _budget))
                donnees = creer_donnees(personnes.__getitem__)
            clients = {}
            cookies = {}
            for nom, personne in personnes.items():
                clients[nom] = Client()
                if isinstance(personne, Personne):
                    clients[nom].force_login(personne)
                    cookies[nom] = clients[nom].cookies[settings.SESSION_COOKIE_NAME].value
            pages = pages_du_tableau(donnees, clients)
        # The sweep shrinks only on purpose: every list and every page of the team's back
        # office named above is among its pages (a row that stopped answering 200 leaves it).
        balayees = {p.nom_url for p in pages}
        attendues = set(LISTES) | {
            f"admin:{cle.replace('.', '_')}_{action}"
            for cle, actions in ADMIN_DU_QUOTIDIEN.items()
            for action in actions
        }
        assert attendues <= balayees, f"Not swept any more: {sorted(attendues - balayees)}"
        # Not after each test (django_db_setup, tests/conftest.py): after the module.
        patch.setattr(TransactionTestCase, "_fixture_teardown", lambda self: None)
        try:
            yield Balayage(pages, cookies)
        finally:
            ETAT_MIGRE.remettre()


def _retrecir(page, taille: dict[str, int]) -> None:
    """Narrow the page, and wait until its scripts have answered the resize (the back office
    makes a table's frame focusable once it scrolls): the browser runs the resize handlers
    before the next animation frame."""
    page.set_viewport_size(taille)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _capturer(page, p: Page, largeur: int) -> None:
    """With BALAYAGE_CAPTURES=<folder>, a full-page picture of each page at each width, for
    whoever wants to look at them all."""
    dossier = os.environ.get("BALAYAGE_CAPTURES")
    if dossier:
        nom = re.sub(r"[^a-z0-9]+", "-", f"{p.persona} {p.adresse}".lower()).strip("-")
        page.screenshot(path=os.path.join(dossier, f"{nom}-{largeur}.png"), full_page=True)


def _ecarts(
    page, p: Page, deja: set[str], chrono: dict[str, float]
) -> Generator[None, None, tuple[list[str], str | None]]:
    """What the page at ``p.adresse`` does not keep, at each width, and the address of its
    first item for a list page. The page is loaded once, at 1,280 px, then narrowed: the
    site's scripts do the same whether a page loads narrow or is narrowed (the header's menus
    are <details> boxes; the back office's script answers a resize as it does a load), so that
    the page at 375 and 320 px is the one a phone loads. ``deja``: the addresses swept already.

    A generator: it stops (``yield``) while axe runs in the browser, for the test to drive its
    other tab meanwhile (``_balayer``)."""
    libelle = f"{p.adresse} ({p.nom_url}, {p.persona}"
    page.set_viewport_size(BUREAU)
    debut = time.monotonic()
    reponse = page.goto(p.adresse)
    chrono["pages"] += time.monotonic() - debut
    if reponse is None or reponse.status != p.statut:
        return [f"{libelle}): answered {reponse and reponse.status}"], None
    if p.admin:
        # The step forms of a change page, folded under their buttons: unfolded, axe sees them.
        page.evaluate("document.querySelectorAll('#content details').forEach(d => d.open = true)")
    ecarts = []
    premier_lien = None
    for taille in (BUREAU, TELEPHONE):
        if taille is TELEPHONE:
            _retrecir(page, TELEPHONE)
        _capturer(page, p, taille["width"])
        lancer_analyse(page)
        yield
        debut = time.monotonic()
        rapport = violations_lancees(page, f"{libelle}, {taille['width']} px)")
        chrono["axe"] += time.monotonic() - debut
        if rapport:
            ecarts.append(rapport)
    if p.liste:
        premier = page.locator(p.liste).first
        if premier.count() == 0:
            # The demo fills every public list; one's own may be empty.
            if p.persona == ANONYME:
                ecarts.append(f"{libelle}, 375 px): no item ({p.liste})")
        else:
            haut = premier.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
            if haut >= TELEPHONE["height"]:
                ecarts.append(f"{libelle}, 375 px): the first item starts at {haut:.0f} px")
            # The first item not swept yet: one of the demo's (the table's rows, newer, come
            # first in some lists).
            liens = page.locator(p.liste).evaluate_all(
                "items => items.map(i => i.querySelector('a[href]')?.getAttribute('href'))"
            )
            premier_lien = next((lien for lien in liens if lien and lien not in deja), None)
    _retrecir(page, {"width": ETROIT, "height": TELEPHONE["height"]})
    largeur_page = page.evaluate("document.scrollingElement.scrollWidth")
    if largeur_page > ETROIT:
        ecarts.append(f"{libelle}, 320 px): {largeur_page} px wide")
    return ecarts, premier_lien


def _personas_balayes() -> list[str]:
    return [ANONYME, *ORDRE_DES_PERSONAS]


# Two tabs, each in its own browser context (its own renderer process): while axe reads a page
# in one, the other loads, narrows or reads the next page, and the machine's two cores both work.
ONGLETS = 2


@dataclass
class _Onglet:
    page: Any
    csp: list[str]  # what the Content Security Policy blocked on its current page
    en_cours: tuple[Page, Generator[None, None, tuple[list[str], str | None]]] | None = None


def _balayer(onglets: list[_Onglet], pages: list[Page], persona: str, chrono: dict[str, float]):
    """Each page of ``pages`` through ``_ecarts`` in one of the tabs, turn by turn: the
    differences found, by page. The page of a list's first item not swept yet joins
    ``pages``."""
    ecarts: list[tuple[Page, str]] = []
    adresses = {p.adresse for p in pages}
    suivante = 0
    while suivante < len(pages) or any(o.en_cours for o in onglets):
        for onglet in onglets:
            # Until this tab waits for axe (or has nothing left to do): then the other's turn.
            while onglet.en_cours is not None or suivante < len(pages):
                if onglet.en_cours is None:
                    p = pages[suivante]
                    suivante += 1
                    onglet.en_cours = (p, _ecarts(onglet.page, p, adresses, chrono))
                p, etapes = onglet.en_cours
                try:
                    next(etapes)
                    break
                except StopIteration as fin:
                    trouves, premier_lien = fin.value
                onglet.en_cours = None
                ecarts += [(p, ecart) for ecart in trouves]
                if onglet.csp:
                    ecarts.append(
                        (p, f"{p.adresse}: the CSP blocked something\n" + "\n".join(onglet.csp))
                    )
                    onglet.csp.clear()
                if premier_lien and premier_lien not in adresses:
                    # The page of the list's first item not swept yet, with the demo's data.
                    adresses.add(premier_lien)
                    pages.append(Page(f"{p.nom_url}, an item", premier_lien, persona))
    return ecarts


@pytest.mark.parametrize("persona", _personas_balayes())
def test_every_page_keeps_its_promises_at_every_width(persona, balayage, chromium, live_server):
    pages = [p for p in balayage.pages if p.persona == persona]
    if persona == ANONYME:
        pages += [
            Page(nom_url, adresse, ANONYME, statut=statut) for nom_url, adresse, statut in EN_PLUS
        ]
    else:
        # The home page as each signed-in persona sees it (its header, its account menu).
        pages.insert(0, Page("accueil", "/", persona))
    debut = time.monotonic()
    contexts = []
    try:
        onglets = []
        for _ in range(min(ONGLETS, len(pages))):
            context = chromium.new_context(
                base_url=live_server.url, locale="fr-FR", viewport=BUREAU
            )
            contexts.append(context)
            if persona != ANONYME:
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": balayage.cookies[persona],
                            "url": live_server.url,
                        }
                    ]
                )
            page = context.new_page()
            page.set_default_timeout(10_000)
            onglet = _Onglet(page, [])
            # What the Content Security Policy blocks (an inline style, say), page by page.
            page.on(
                "console",
                lambda message, csp=onglet.csp: (
                    csp.append(message.text) if "Content Security Policy" in message.text else None
                ),
            )
            onglets.append(onglet)
        chrono = {"pages": 0.0, "axe": 0.0}
        ecarts = _balayer(onglets, pages, persona, chrono)
    finally:
        for context in contexts:
            context.close()
    duree = time.monotonic() - debut
    print("\n".join(f"  {p.nom_url} {p.adresse}" for p in pages))
    print(
        f"\n{persona}: {len(pages)} pages × 3 widths in {duree:.1f} s, {ONGLETS} tabs "
        f"(loading {chrono['pages']:.1f} s, waiting for axe {chrono['axe']:.1f} s)"
    )
    connus = [(p, ecart) for p, ecart in ecarts if p.nom_url in CONNUES]
    for p, ecart in connus:
        print(f"known, {CONNUES[p.nom_url]}:\n{ecart}")
    nouveaux = [ecart for p, ecart in ecarts if p.nom_url not in CONNUES]
    assert not nouveaux, f"{persona}: {len(nouveaux)} difference(s)\n\n" + "\n\n".join(nouveaux)
    gueries = {p.nom_url for p in pages if p.nom_url in CONNUES} - {p.nom_url for p, _ in connus}
    assert not gueries, f"These pages keep their promises now: remove them from CONNUES: {gueries}"


# --- The data tables (issue 13, « Phones »), on the same demo ----------------------------------
#
# Every data table of the portal stays readable at 320 px: on a phone a table of three columns
# or more stacks its rows (each cell after its column's name), so no figure hides past the edge
# of the screen — the team's load says how many experiments each person carries — and no page is
# wider than the screen. From 40em up they are tables again. These tests read the module's demo
# (``balayage``) rather than loading their own.

# What a page's tables look like: for each visible cell of a table in the main content, how
# far its right edge goes; the page's own width.
MESURE = """() => {
  const largeur = document.documentElement.clientWidth;
  const debordent = [];
  for (const table of document.querySelectorAll('main table')) {
    for (const cellule of table.querySelectorAll('th, td')) {
      const boite = cellule.getBoundingClientRect();
      if (boite.width === 0) continue;  // in a closed <details>, or visually hidden
      if (boite.right > largeur + 0.5 || boite.left < -0.5) {
        debordent.push((table.caption ? table.caption.textContent : '?').trim().slice(0, 50)
          + ' / ' + cellule.textContent.trim().slice(0, 30));
      }
    }
  }
  return {largeur: document.scrollingElement.scrollWidth, debordent: debordent.slice(0, 5)};
}"""


def _pages_publiques_a_tableaux() -> list[str]:
    from experimentations.models import Experimentation, Pacte
    from gouvernance.models import SessionCopil

    experimentation = (
        Experimentation.objects.publiques().filter(phases__isnull=False).order_by("pk").first()
    )
    pacte = Pacte.objects.publics().filter(signataires__isnull=False).order_by("pk").first()
    session = (
        SessionCopil.objects.publiques()
        .filter(candidatures__decision__publiee_le__isnull=False)
        .order_by("pk")
        .first()
    )
    assert experimentation and pacte and session, "the demo has lost what these pages show"
    return [
        "/experimentations/",
        experimentation.get_absolute_url(),
        pacte.get_absolute_url(),
        "/gouvernance/",
        "/gouvernance/grille/",
        "/gouvernance/theorie/",
        "/gouvernance/decisions/",
        session.get_absolute_url(),
        "/donnees/",
        "/donnees-personnelles/",
    ]


def _tables_a_320(page, adresse: str) -> list[str]:
    """What does not fit 320 px on the page loaded at ``adresse``."""
    mesure = page.evaluate(MESURE)
    problemes = []
    if mesure["largeur"] > 320:
        problemes.append(f"{adresse} is {mesure['largeur']}px wide at 320px")
    for cellule in mesure["debordent"]:
        problemes.append(f"{adresse}: a cell runs past the screen's edge: {cellule}")
    return problemes


def _mesurer(page, adresse: str, problemes: list[str]) -> None:
    page.goto(adresse)
    problemes.extend(_tables_a_320(page, adresse))
    if rapport := violations(page):
        problemes.append(rapport)


def test_every_table_fits_320px_public_and_team_pages_without_an_axe_violation(
    balayage, new_page, live_server
):
    problemes: list[str] = []

    # The public pages in two tabs, taking turns (each also tells what the CSP blocked).
    onglets = [new_page(width=320, height=640) for _ in range(2)]
    problemes += ecarts_des_pages(onglets, _pages_publiques_a_tableaux(), _tables_a_320)

    from communautes.models import Evenement

    evenement = (
        Evenement.objects.filter(inscriptions__isnull=False).distinct().order_by("pk").first()
    )
    assert evenement is not None
    pages_de_l_equipe = {
        "coordination@demo.tilab.bzh": ["/communautes/charge/"],
        "animation@demo.tilab.bzh": [f"{evenement.get_absolute_url()}inscriptions/"],
        "documentation@demo.tilab.bzh": ["/documentation/relecture/"],
    }
    for adresse_electronique, adresses in pages_de_l_equipe.items():
        page = new_page(width=320, height=640)
        connecter(page, live_server, Personne.objects.get(email=adresse_electronique))
        for adresse in adresses:
            _mesurer(page, adresse, problemes)

    assert not problemes, "\n".join(problemes)


def test_the_team_load_shows_each_person_s_figure_on_a_phone_and_is_a_table_on_a_desktop(
    balayage, new_page
):
    page = new_page(width=320, height=640)
    page.goto("/experimentations/")
    tableau = page.get_by_role("table", name="La charge de l'équipe : les chiffres")
    # Every row says, in sight, how many experiments the person carries and their capacity.
    lignes = tableau.locator("tbody tr")
    assert lignes.count() >= 2
    for i in range(lignes.count()):
        menees = lignes.nth(i).locator("td").first
        assert menees.is_visible()
        boite = menees.bounding_box()
        assert boite is not None and boite["x"] + boite["width"] <= 320
        assert menees.get_attribute("data-label") == "Menées"
    # The column names are still there for screen readers, out of sight.
    assert tableau.get_by_role("columnheader", name="Capacité").count() == 1

    page = new_page()
    page.goto("/experimentations/")
    tableau = page.get_by_role("table", name="La charge de l'équipe : les chiffres")
    assert tableau.evaluate("t => getComputedStyle(t).display") == "table"
    assert tableau.get_by_role("columnheader", name="Capacité").is_visible()


def test_the_decisions_register_shows_every_column_beside_the_filters_on_a_desktop(
    balayage, new_page
):
    """Seven columns do not fit beside the filters: the register reads one decision a block
    there too, rather than hiding its reasons and rectifications past the edge of its box."""
    page = new_page()
    page.goto("/gouvernance/decisions/")
    debordent = page.evaluate(
        """() => {
          const boite = document.querySelector('.registre').parentElement;
          const droite = boite.getBoundingClientRect().right;
          return [...boite.querySelectorAll('td, th')]
            .filter(c => c.getBoundingClientRect().width > 0)
            .filter(c => c.getBoundingClientRect().right > droite + 0.5).length;
        }"""
    )
    assert debordent == 0
    rectifiee = page.locator('.registre td[data-label="Rectifiée"]').first
    assert rectifiee.is_visible()
    boite = rectifiee.bounding_box()
    assert boite is not None and boite["x"] + boite["width"] <= 1280
