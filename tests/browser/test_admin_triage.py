"""The back office the team triages in all day (issue 13), in a real browser at 1,280 px
(and on a phone, the triage list and a problem's page): axe finds nothing on the lists and
change pages the team uses (WCAG 2.2 AA included, the step buttons open, the autocomplete
fields as select2 draws them) and no list is wider than its place."""

from __future__ import annotations

from typing import cast

import pytest
from axe_playwright_python.sync_playwright import Axe

from problematiques.models import Statut
from tests.browser.aide import AXE_OPTIONS, connecter
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.documentation.factories import une_page
from tests.experimentations.factories import ExperimentationFactory
from tests.factories import PersonneFactory, TerritoireFactory, ThemeFactory
from tests.problematiques.factories import ProblematiqueFactory, SoutienFactory

pytestmark = pytest.mark.browser

# aide.py's tags, and WCAG 2.2 AA for the size of the targets (2.5.8).
ETIQUETTES = [*cast(dict[str, list[str]], AXE_OPTIONS["runOnly"])["values"], "wcag22aa"]
OPTIONS = {**AXE_OPTIONS, "runOnly": {"type": "tag", "values": ETIQUETTES}}


def sans_violation(page, libelle: str) -> None:
    # select2 names its boxes once it has drawn them (static/js/admin.js): axe after that.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.select2-selection[role=combobox]')]"
        ".every(boite => boite.hasAttribute('data-nommee'))"
    )
    resultats = Axe().run(page, options=OPTIONS)
    assert resultats.violations_count == 0, f"{libelle}\n{resultats.generate_report()}"


def sans_debordement(page, libelle: str) -> None:
    """The list's table within its place, the page within the screen."""
    mesures = page.evaluate(
        """() => {
            const table = document.getElementById("result_list");
            return {
                table: table.getBoundingClientRect().right,
                place: table.parentElement.getBoundingClientRect().right,
                defile: table.parentElement.scrollWidth - table.parentElement.clientWidth,
                page: document.documentElement.scrollWidth,
                ecran: window.innerWidth,
            };
        }"""
    )
    assert mesures["table"] <= mesures["place"] + 1, (libelle, mesures)
    assert mesures["defile"] <= 0, (libelle, mesures)
    assert mesures["page"] <= mesures["ecran"], (libelle, mesures)


@pytest.fixture
def bureau():
    """Problems as the team finds them: long titles on several territories, a referent,
    supports, every kind of state; a community, an event, an experiment, a page."""
    departement = TerritoireFactory(nom="Côtes-d'Armor", type="departement")
    epci = TerritoireFactory(nom="Lannion-Trégor Communauté", type="epci", parent=departement)
    themes = [ThemeFactory(nom="Mobilités rurales"), ThemeFactory(nom="Accès aux droits")]
    referent = PersonneFactory(
        first_name="Anne-Gwenaëlle", last_name="Le Bihan-Kerhervé", roles=["Animation"]
    )
    titre = (
        "Les habitants des hameaux du Trégor ne peuvent plus aller à leurs rendez-vous "
        "médicaux depuis la fin de la ligne de car du mercredi"
    )
    soumise = ProblematiqueFactory(titre=titre, territoires=[departement, epci], themes=themes)
    for statut in (Statut.EN_QUALIFICATION, Statut.OUVERTE, Statut.RETENUE, Statut.CLOTUREE):
        ProblematiqueFactory(
            titre=f"{titre} ({statut.label})",
            statut=statut,
            territoires=[epci],
            themes=themes,
            referent=referent,
        )
    SoutienFactory.create_batch(3, problematique=ProblematiqueFactory(publiee=True))
    return {
        "soumise": soumise,
        "communaute": CommunauteFactory(nom="Mobilités du quotidien en milieu rural"),
        "evenement": EvenementFactory(titre="Rencontre régionale des mobilités"),
        "experimentation": ExperimentationFactory(titre="Un transport à la demande"),
        "page": une_page(titre="Monter un transport solidaire"),
    }


@pytest.fixture
def equipe(new_page, live_server):
    page = new_page(width=1280)
    connecter(
        page,
        live_server,
        PersonneFactory(roles=["Coordination", "Animation", "Documentation"], is_staff=True),
    )
    return page


def test_the_triage_list_reads_at_a_glance_within_1280_px(equipe, bureau):
    equipe.goto("/admin/problematiques/problematique/")

    assert equipe.get_by_role("heading", level=1).inner_text() == (
        "Choisissez la problématique à modifier"
    )
    sans_debordement(equipe, "problèmes")
    # The title takes the room: its column is the widest.
    largeurs = equipe.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("#result_list thead th")]
            .map(th => [th.className, th.getBoundingClientRect().width]))"""
    )
    titre = next(v for k, v in largeurs.items() if "column-titre_et_territoires" in k)
    assert titre == max(largeurs.values()) and titre >= 380, largeurs
    # A title of 140 characters on three lines at most (six in Django's narrow column).
    lien = equipe.get_by_role("link", name=bureau["soumise"].titre, exact=True)
    lignes = lien.evaluate(
        "a => a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight)"
    )
    assert lignes <= 3.1, lignes
    # The « soumise » problem stands out: its badge says so, its row has its own background.
    ligne = equipe.locator("#result_list tbody tr", has=equipe.locator(".etat--soumise"))
    assert ligne.locator(".etat").inner_text() == "◆ Soumise"
    fond = ligne.locator("td.field-age").evaluate("td => getComputedStyle(td).backgroundColor")
    autre = equipe.locator("#result_list tbody tr", has=equipe.locator(".etat--ouverte")).first
    assert fond != autre.locator("td.field-age").evaluate(
        "td => getComputedStyle(td).backgroundColor"
    )
    # Every filter link is a target of 24 px at least.
    hauteurs = equipe.locator("#changelist-filter li a").evaluate_all(
        "liens => liens.map(a => a.getBoundingClientRect().height)"
    )
    assert hauteurs and min(hauteurs) >= 24, hauteurs
    sans_violation(equipe, "liste des problématiques")

    equipe.get_by_role("link", name="Les soumises, à trier").click()
    equipe.wait_for_url("**/?statut__exact=soumise")
    assert equipe.locator("#result_list tbody tr").count() == 1
    sans_violation(equipe, "problématiques soumises")


def test_a_problem_s_change_page_and_its_steps_have_no_violation(equipe, bureau):
    equipe.goto(f"/admin/problematiques/problematique/{bureau['soumise'].pk}/change/")

    assert equipe.get_by_role("heading", level=1).inner_text() == "Modifier la problématique"
    # Buttons in sentence case.
    enregistrer = equipe.get_by_role("button", name="Enregistrer", exact=True)
    assert enregistrer.evaluate("b => getComputedStyle(b).textTransform") == "none"
    # The title field as wide as the texts under it.
    assert equipe.get_by_label("Titre").bounding_box()["width"] >= 600
    # The pickers' search boxes and choices are named after their field.
    assert equipe.get_by_role("searchbox", name="Territoires — rechercher").count() == 1
    assert equipe.get_by_role("searchbox", name="Thèmes — rechercher").count() == 1
    organisation = equipe.get_by_role("combobox", name="Organisation qui fait remonter")
    assert organisation.count() == 1
    sans_violation(equipe, "page d'une problématique")

    # Every step open, its form and its pickers shown.
    for resume in equipe.locator(".etapes summary").all():
        resume.click()
    assert equipe.locator(".etapes details[open]").count() >= 5
    assert equipe.get_by_role("combobox", name="Fusionner dans").count() == 1
    sans_violation(equipe, "étapes d'une problématique")


@pytest.mark.parametrize(
    ("liste", "fiche"),
    [
        ("/admin/communautes/communaute/", "communaute"),
        ("/admin/communautes/evenement/", "evenement"),
        ("/admin/experimentations/experimentation/", "experimentation"),
        ("/admin/documentation/page/", "page"),
    ],
)
def test_the_team_s_other_lists_and_pages_have_no_violation(equipe, bureau, liste, fiche):
    equipe.goto(liste)

    sans_debordement(equipe, liste)
    assert "objet" not in equipe.get_by_role("heading", level=1).inner_text()
    sans_violation(equipe, liste)

    equipe.goto(f"{liste}{bureau[fiche].pk}/change/")

    assert "objet" not in equipe.get_by_role("heading", level=1).inner_text()
    sans_violation(equipe, f"{liste}{bureau[fiche].pk}/change/")


def test_on_a_phone_the_triage_list_and_a_problem_s_page_fit_the_screen(
    new_page, live_server, bureau
):
    page = new_page(width=375)
    connecter(page, live_server, PersonneFactory(roles=["Coordination"], is_staff=True))

    for adresse in (
        "/admin/problematiques/problematique/",
        f"/admin/problematiques/problematique/{bureau['soumise'].pk}/change/",
    ):
        page.goto(adresse)

        largeur = page.evaluate("document.documentElement.scrollWidth")
        assert largeur <= 375, (adresse, largeur)
        sans_violation(page, f"{adresse} à 375 px")
