"""The territory picker of the report form (issue 13), in Chromium: with JavaScript, search as
you type (accents ignored), ↓ and Entrée to choose, the choice as a tag its button takes out;
without it, checkboxes by département; the form receives the same choices either way, axe
finds nothing on the picker open or in error, and nothing is wider than a 320 px phone."""

from __future__ import annotations

import pytest

from problematiques.models import Problematique
from tests.browser.aide import connecter, sans_violation
from tests.factories import PersonneFactory, TerritoireFactory
from tests.problematiques.aide_signalement import referentiel

pytestmark = pytest.mark.browser

RECHERCHE = "Chercher une intercommunalité ou une commune"


@pytest.fixture(autouse=True)
def _sans_delai(settings):
    # The live server runs in this process: it sees the minimum filling time lowered.
    settings.PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM = 0


@pytest.fixture
def lieux(transactional_db):
    ref = referentiel()
    morlaix = TerritoireFactory(
        nom="Morlaix Communauté", slug="morlaix-communaute", type="epci", parent=ref.departement
    )
    plouezoch = TerritoireFactory(nom="Plouézoc'h", slug="plouezoch", parent=morlaix)
    TerritoireFactory(nom="Morlaix", slug="morlaix", parent=morlaix)
    return ref, plouezoch


def _remplir(page, ref) -> None:
    page.get_by_label("Titre du problème").fill("Pas de transport vers la maison de santé")
    page.get_by_label("Ce que vous observez sur le terrain").fill(
        "Depuis la fermeture de la ligne de car, les hameaux n'ont plus de transport."
    )
    page.get_by_label("Qui est concerné ?").fill("Les personnes âgées des hameaux.")
    page.get_by_label(ref.theme.nom, exact=True).check()


def _envoyer(page) -> None:
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_url("**/signaler/merci/**")


def _largeur(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def test_search_without_accents_choose_with_the_keyboard_take_out_with_the_tag(
    new_page, live_server, lieux
):
    ref, plouezoch = lieux
    relais = PersonneFactory(roles=["Relais"])
    page = new_page()
    connecter(page, live_server, relais)
    page.goto("/problematiques/signaler/")
    _remplir(page, ref)
    champ = page.get_by_role("combobox", name=RECHERCHE)
    liste = page.get_by_role("listbox", name="Territoires proposés")
    annonce = page.locator(".selecteur [role=status]")
    # The checkboxes are folded away, within reach under « Parcourir ».
    assert not page.get_by_label("Plouguerneau (commune, Pays des Abers)").is_visible()

    # « plou » finds the communes whose names start so, « Plouézoc'h » included, in the
    # order of the alphabet, each with its département.
    champ.press_sequentially("plou")
    assert champ.get_attribute("aria-expanded") == "true"
    assert liste.is_visible()
    assert liste.get_by_role("option").all_inner_texts() == [
        "Plouézoc'h (commune, Morlaix Communauté)\nFinistère",
        "Plouguerneau (commune, Pays des Abers)\nFinistère",
    ]
    sans_violation(page, "le sélecteur ouvert")

    # ↓ highlights the first proposal, ↓ again the next, Entrée chooses it.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    option = page.locator(f"#{champ.get_attribute('aria-activedescendant')}")
    assert option.inner_text().startswith("Plouguerneau")
    page.keyboard.press("Enter")
    assert option.get_attribute("aria-selected") == "true"
    assert liste.is_visible(), "the list stays open for another choice"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    retirer_plouezoch = page.get_by_role(
        "button", name="Retirer Plouézoc'h (commune, Morlaix Communauté)"
    )
    retirer_plouguerneau = page.get_by_role(
        "button", name="Retirer Plouguerneau (commune, Pays des Abers)"
    )
    assert retirer_plouezoch.is_visible() and retirer_plouguerneau.is_visible()
    annonce.filter(has_text="2 territoires choisis").wait_for()
    assert page.get_by_label("Plouguerneau (commune, Pays des Abers)").is_checked()

    # Échap closes the list; Entrée in the field never sends the form.
    page.keyboard.press("Escape")
    assert champ.get_attribute("aria-expanded") == "false"
    assert not liste.is_visible()
    page.keyboard.press("Enter")
    assert "/signaler/merci/" not in page.url

    # A search for a name without its accents and apostrophe finds it too.
    champ.fill("")
    champ.press_sequentially("plouezoch")
    assert liste.get_by_role("option").count() == 1
    page.keyboard.press("Escape")

    # The tag's button takes the choice out, says so, and hands the focus to a tag left.
    retirer_plouguerneau.click()
    assert retirer_plouguerneau.count() == 0
    annonce.filter(has_text="Retiré").wait_for()
    assert "1 territoire choisi" in annonce.inner_text()
    assert retirer_plouezoch.evaluate("el => el === document.activeElement")
    assert not page.get_by_label("Plouguerneau (commune, Pays des Abers)").is_checked()

    _envoyer(page)
    assert list(Problematique.objects.get().territoires.all()) == [plouezoch]


def test_the_picker_in_error_has_no_violation_and_fits_a_phone(new_page, live_server, lieux):
    ref, plouezoch = lieux
    relais = PersonneFactory(roles=["Relais"])
    page = new_page(width=320)
    connecter(page, live_server, relais)
    page.goto("/problematiques/signaler/")
    _remplir(page, ref)
    champ = page.get_by_role("combobox", name=RECHERCHE)
    champ.press_sequentially("plou")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert _largeur(page) <= 320
    # A territory removed since the page was shown: the form refuses it next to the picker.
    page.evaluate(
        """() => {
          const caseACocher = document.querySelector('input[value="morlaix"]');
          caseACocher.value = "nulle-part";
          caseACocher.checked = true;
        }"""
    )
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_load_state()

    resume = page.get_by_role("alert")
    attendu = "Intercommunalités ou communes\u00a0: Ce territoire n'existe plus."
    assert attendu in resume.inner_text()
    assert page.locator("#id_territoires_precis_error").is_visible()
    champ = page.get_by_role("combobox", name=RECHERCHE)
    assert champ.get_attribute("aria-invalid") == "true"
    assert "id_territoires_precis_error" in champ.get_attribute("aria-describedby")
    # The link of the summary leads to the search field.
    resume.get_by_role("link", name="Intercommunalités ou communes").click()
    assert champ.evaluate("el => el === document.activeElement")
    # The valid choice came back as a tag.
    assert page.get_by_role(
        "button", name="Retirer Plouézoc'h (commune, Morlaix Communauté)"
    ).is_visible()
    sans_violation(page, "le sélecteur en erreur")
    champ.press_sequentially("mor")
    assert page.get_by_role("listbox", name="Territoires proposés").is_visible()
    sans_violation(page, "le sélecteur en erreur, ouvert")
    assert _largeur(page) <= 320
    page.keyboard.press("Escape")
    # The list to browse, folded under the search; the département of the choice is open.
    page.locator(".selecteur__parcourir > summary").click()
    finistere = page.locator(".selecteur__groupe", has_text="Finistère")
    assert finistere.get_attribute("open") is not None
    assert "(1 choisi)" in finistere.locator("summary").first.inner_text()
    assert _largeur(page) <= 320
    assert not Problematique.objects.exists()


def test_without_javascript_the_checkboxes_by_departement_send_the_same_choices(
    new_page, live_server, lieux
):
    ref, plouezoch = lieux
    relais = PersonneFactory(roles=["Relais"])
    page = new_page(width=320, javascript=False)
    connecter(page, live_server, relais)
    page.goto("/problematiques/signaler/")
    _remplir(page, ref)
    assert page.get_by_role("combobox", name=RECHERCHE).count() == 0
    assert "Ctrl" not in page.content()

    # A département opens with its summary; an EPCI's communes with « Ses communes ».
    page.locator(".selecteur__groupe > summary", has_text="Finistère").click()
    page.get_by_label("Morlaix Communauté (intercommunalité)").check()
    groupe = page.locator(".selecteur__groupe[open]")
    groupe.locator("li", has_text="Morlaix Communauté").locator("summary").click()
    page.get_by_label("Plouézoc'h (commune, Morlaix Communauté)").check()
    assert _largeur(page) <= 320

    _envoyer(page)
    assert {t.slug for t in Problematique.objects.get().territoires.all()} == {
        "morlaix-communaute",
        plouezoch.slug,
    }


def test_the_checkboxes_by_departement_have_no_violation(new_page, live_server, lieux):
    # axe needs JavaScript in the page: the picker's own script is kept out instead.
    ref, _ = lieux
    page = new_page(width=320)
    page.route("**/selecteur-territoires.js", lambda route: route.abort())
    connecter(page, live_server, PersonneFactory(roles=["Relais"]))
    page.goto("/problematiques/signaler/")
    assert page.get_by_role("combobox", name=RECHERCHE).count() == 0

    page.locator(".selecteur__groupe > summary", has_text="Finistère").click()
    page.locator(".selecteur__groupe[open] .selecteur__sous > summary").first.click()
    page.get_by_label("Plouézoc'h (commune, Morlaix Communauté)").check()
    sans_violation(page, "le sélecteur sans son script, un département ouvert")
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_load_state()
    assert page.locator(".selecteur__groupe[open] input:checked").count() == 1
    sans_violation(page, "le sélecteur sans son script, en erreur")
