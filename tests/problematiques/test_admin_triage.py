"""The triage list read at a glance (issue 13): a wide title with its territories, a state
badge, the age in words, supports and referent; the problems still « soumise » stand out and
are one click away."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from problematiques.models import Problematique
from tests.factories import TerritoireFactory
from tests.problematiques.factories import ProblematiqueFactory

pytestmark = pytest.mark.django_db

LISTE = "admin:problematiques_problematique_changelist"


class _Tableau(HTMLParser):
    """The list's headers and, for each row, its cells' texts and classes."""

    def __init__(self) -> None:
        super().__init__()
        self.entetes: list[str] = []
        self.lignes: list[list[tuple[str, str]]] = []
        self._cellule: tuple[str, list[str]] | None = None
        self._dans_liste = False
        self._dans_entete = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributs = dict(attrs)
        if tag == "table" and attributs.get("id") == "result_list":
            self._dans_liste = True
        elif not self._dans_liste:
            return
        elif tag == "thead":
            self._dans_entete = True
        elif tag == "tr" and not self._dans_entete:
            self.lignes.append([])
        elif tag in ("th", "td"):
            self._cellule = (attributs.get("class") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if not self._dans_liste:
            return
        if tag == "table":
            self._dans_liste = False
        elif tag == "thead":
            self._dans_entete = False
        elif tag in ("th", "td") and self._cellule is not None:
            classe, morceaux = self._cellule
            # Spaces collapsed as a browser would, no-break spaces kept.
            texte = re.sub(r"[ \t\r\n\f]+", " ", "".join(morceaux)).strip()
            if self._dans_entete:
                self.entetes.append(texte)
            else:
                self.lignes[-1].append((classe, texte))
            self._cellule = None

    def handle_data(self, data: str) -> None:
        if self._cellule is not None:
            self._cellule[1].append(data)


def _tableau(html: str) -> _Tableau:
    tableau = _Tableau()
    tableau.feed(html)
    return tableau


def _vieillir(problematique: Problematique, jours: int) -> None:
    Problematique.objects.filter(pk=problematique.pk).update(
        cree_le=timezone.now() - timedelta(days=jours)
    )


def test_the_list_shows_title_state_age_supports_and_referent(client_de, persona):
    referent = persona("animation")
    brest = TerritoireFactory(nom="Brest métropole")
    soumise = ProblematiqueFactory(titre="Des bus trop rares", territoires=[brest])
    ouverte = ProblematiqueFactory(
        titre="Des cantines sans bio", publiee=True, referent=referent, nb_soutiens=4
    )
    _vieillir(soumise, 3)
    _vieillir(ouverte, 100)

    html = client_de("coordination").get(reverse(LISTE)).content.decode()
    tableau = _tableau(html)

    assert tableau.entetes[1:] == ["Problématique", "État", "Âge", "Soutiens", "Référent"]

    def ligne(titre: str) -> list[tuple[str, str]]:
        return next(ligne for ligne in tableau.lignes if ligne[1][1].startswith(titre))

    premiere = ligne("Des bus trop rares")
    assert [texte for _, texte in premiere[1:]] == [
        "Des bus trop rares Brest métropole",
        "◆ Soumise",
        "il y a 3\u00a0jours",
        "0",
        "—",
    ]
    seconde = dict(ligne("Des cantines sans bio")[1:])
    assert seconde["field-etat"] == "○ Ouverte"
    assert seconde["field-age"] == "il y a 3\u00a0mois"
    assert seconde["field-nb_soutiens"] == "4"
    assert seconde["field-referent_nom"] == str(referent)


def test_the_title_alone_links_to_the_problem_with_the_list_s_filters(client_de):
    p = ProblematiqueFactory(
        titre="Des bus trop rares", territoires=[TerritoireFactory(nom="Brest")]
    )

    html = client_de("coordination").get(reverse(LISTE), {"statut__exact": "soumise"}).content
    html = html.decode()

    change = reverse("admin:problematiques_problematique_change", args=[p.pk])
    assert (
        f'<a href="{change}?_changelist_filters=statut__exact%3Dsoumise">Des bus trop rares</a>'
        ' <span class="territoires">Brest</span>'
    ) in html


def test_the_state_badge_says_the_state_in_words_and_marks_soumise_rows(client_de):
    ProblematiqueFactory(titre="Encore à trier")
    ProblematiqueFactory(titre="Déjà publiée", publiee=True)

    html = client_de("coordination").get(reverse(LISTE)).content.decode()

    assert re.search(
        r'<span class="etat etat--soumise"><span class="etat__forme" aria-hidden="true">◆'
        r"</span> Soumise</span>",
        html,
    )
    assert '<span class="etat etat--ouverte">' in html
    assert html.count("etat--soumise") == 1
    # The row of a « soumise » problem stands out through its badge's class.
    with open(finders.find("css/admin.css"), encoding="utf-8") as feuille:
        assert "tr:has(.etat--soumise)" in feuille.read()


def test_the_soumise_problems_are_one_click_away_and_back(client_de):
    ProblematiqueFactory(titre="Encore à trier")
    ProblematiqueFactory(titre="Déjà publiée", publiee=True)
    client = client_de("coordination")

    html = client.get(reverse(LISTE)).content.decode()
    assert '<a href="?statut__exact=soumise">Les soumises, à trier</a>' in html

    filtree = client.get(reverse(LISTE), {"statut__exact": "soumise"})
    assert [p.titre for p in filtree.context["cl"].result_list] == ["Encore à trier"]
    assert '<a href="?">Toutes les problématiques</a>' in filtree.content.decode()


@pytest.mark.parametrize(
    ("nom", "titre"),
    [
        ("coordination", "Choisissez la problématique à modifier"),
        ("animation", "Choisissez la problématique à consulter"),
    ],
)
def test_the_list_speaks_of_problems_not_objects(client_de, nom, titre):
    html = client_de(nom).get(reverse(LISTE)).content.decode()

    assert f"<h1>{titre}</h1>" in html
    assert "objet" not in html.lower()


def test_the_change_page_is_titled_in_the_portal_s_words_and_has_no_empty_header(client_de):
    p = ProblematiqueFactory()

    reponse = client_de("coordination").get(
        reverse("admin:problematiques_problematique_change", args=[p.pk])
    )
    html = reponse.content.decode()

    assert "<h1>Modifier la problématique</h1>" in html
    assert not re.search(r"<th[^>]*>\s*</th>", html)
