"""A relay reports a problem with the keyboard alone, then finds it in « mes remontées »;
axe finds no WCAG 2.1 A/AA violation on the form (empty, in error, in preview), the
confirmation and « mes remontées »."""

from __future__ import annotations

import time

import pytest

from problematiques.models import Problematique
from tests.browser.aide import connecter, sans_violation
from tests.browser.test_accessibility import assert_no_violations
from tests.factories import OrganisationFactory, PersonneFactory
from tests.problematiques.aide_signalement import referentiel

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  return {id: el.id, tag: el.tagName.toLowerCase(), text: el.innerText || el.value || ""};
}"""


@pytest.fixture(autouse=True)
def _delai_court(settings):
    # The live server runs in this process: it sees the lowered minimum time.
    settings.PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM = 1


def _apres_le_delai_minimum(page, affiche_le: float) -> None:
    """Wait until the (lowered) minimum time has passed since the form was shown at
    ``affiche_le`` (``time.monotonic()`` once its page had loaded, after the server had
    written its token), and no longer: typing may have taken that long already."""
    reste = affiche_le + 1.1 - time.monotonic()
    if reste > 0:
        page.wait_for_timeout(reste * 1000)


def _tab_jusqua(page, predicat, essais: int = 40) -> dict:
    """Press Tab until the focused element satisfies ``predicat``; fail if it never does."""
    for _ in range(essais):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        if predicat(focus):
            return focus
    raise AssertionError("élément jamais atteint au clavier")


def _relais():
    organisation = OrganisationFactory(nom="Mairie de Plouguerneau")
    return PersonneFactory(roles=["Relais"], organisation=organisation)


def test_keyboard_only_report_then_confirmation_then_mes_remontees(page, live_server):
    ref = referentiel()
    relais = _relais()
    connecter(page, live_server, relais)
    page.goto("/problematiques/signaler/")
    affiche_le = time.monotonic()

    # The skip link leads straight to the form.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    _tab_jusqua(page, lambda f: f["id"] == "id_titre")
    page.keyboard.type("Pas de transport vers la maison de santé")
    _tab_jusqua(page, lambda f: f["id"] == "id_constat")
    page.keyboard.type(
        "Depuis la fermeture de la ligne de car, les habitants des hameaux ne peuvent "
        "plus aller à la maison de santé sans voiture."
    )
    _tab_jusqua(page, lambda f: f["id"] == "id_publics_concernes")
    page.keyboard.type("Les personnes âgées des hameaux.")
    _tab_jusqua(page, lambda f: f["id"] == "id_deja_tente")
    page.keyboard.type("Un covoiturage solidaire, arrêté faute de bénévoles.")

    # Département: Space ticks the focused checkbox.
    _tab_jusqua(page, lambda f: f["id"].startswith("id_departements_"))
    while page.evaluate("() => document.activeElement.value") != ref.departement.slug:
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    # Commune: typing its first letters proposes it, ↓ highlights it and Entrée chooses it.
    _tab_jusqua(page, lambda f: f["id"] == "id_territoires_precis")
    page.keyboard.type("Plou")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    # Theme.
    _tab_jusqua(page, lambda f: f["id"].startswith("id_themes_"))
    while page.evaluate("() => document.activeElement.value") != str(ref.theme.pk):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    # The organisation comes from the profile; the honeypot is never reached.
    _tab_jusqua(page, lambda f: f["id"] == "id_organisation")
    focus = _tab_jusqua(page, lambda f: f["tag"] == "button")
    assert focus["text"] == "Envoyer le signalement"

    _apres_le_delai_minimum(page, affiche_le)
    page.keyboard.press("Enter")

    page.wait_for_url("**/problematiques/signaler/merci/**")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Merci, votre signalement est envoyé"
    )
    problematique = Problematique.objects.get()
    assert problematique.auteur_id == relais.pk
    assert set(problematique.territoires.all()) == {ref.departement, ref.commune}
    assert list(problematique.themes.all()) == [ref.theme]
    assert problematique.organisation == relais.organisation
    assert problematique.deja_tente.startswith("Un covoiturage")
    sans_violation(page)

    focus = _tab_jusqua(page, lambda f: f["text"] == "Voir mes remontées")
    page.keyboard.press("Enter")
    page.wait_for_url("**/problematiques/mes-remontees/")
    assert page.get_by_role("heading", name="Pas de transport vers la maison de santé").is_visible()
    assert page.get_by_text("Soumise").first.is_visible()
    sans_violation(page)


def test_report_form_and_mes_remontees_have_no_violation_and_fit_320px_without_javascript(
    new_page, live_server
):
    from tests.problematiques.factories import ProblematiqueFactory, TransitionFactory

    ref = referentiel()
    relais = _relais()

    # The form empty, in error and in preview.
    page = new_page()
    connecter(page, live_server, relais)
    assert_no_violations(page, "/problematiques/signaler/")

    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_load_state()
    assert page.locator("[aria-invalid=true]").count() >= 3
    assert page.locator("#id_titre_error").is_visible()
    sans_violation(page)

    page.get_by_label("Ce que vous observez sur le terrain").fill("Le car **ne passe plus**.")
    page.get_by_role("button", name="Prévisualiser").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Aperçu de vos textes").is_visible()
    assert page.locator(".signalement__apercu .prose strong").inner_text() == "ne passe plus"
    sans_violation(page)
    assert not Problematique.objects.exists()

    # The preview works without JavaScript, and the pages fit at 320 px.
    p = ProblematiqueFactory(auteur=relais, territoires=[ref.commune])
    TransitionFactory(problematique=p, commentaire_public="Un message de l'équipe.")
    telephone = new_page(width=320, javascript=False)
    connecter(telephone, live_server, relais)

    telephone.goto("/problematiques/signaler/")
    telephone.get_by_label("Ce que vous observez sur le terrain").fill("Le car **ne passe plus**.")
    telephone.get_by_role("button", name="Prévisualiser").click()
    telephone.wait_for_load_state()

    assert telephone.locator(".signalement__apercu .prose strong").inner_text() == "ne passe plus"
    assert telephone.get_by_label("Ce que vous observez sur le terrain").input_value() == (
        "Le car **ne passe plus**."
    )
    for url in (
        None,
        "/problematiques/mes-remontees/",
        f"/problematiques/signaler/merci/{p.slug}/",
    ):
        if url:
            telephone.goto(url)
        largeur = telephone.evaluate("document.scrollingElement.scrollWidth")
        assert largeur <= 320, f"{telephone.url} is {largeur}px wide at a 320px viewport"
    assert Problematique.objects.count() == 1

    # « Mes remontées » with a history of the team's messages.
    for _ in range(3):
        p = ProblematiqueFactory(auteur=relais)
        TransitionFactory(problematique=p, commentaire_public="Pouvez-vous *préciser* ?")

    assert_no_violations(page, "/problematiques/mes-remontees/")


def test_over_the_limit_the_typed_report_stays_on_the_page_and_goes_later(
    page, live_server, settings
):
    from tests.problematiques.factories import ProblematiqueFactory

    ref = referentiel()
    relais = _relais()
    ProblematiqueFactory(auteur=relais)
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 1
    connecter(page, live_server, relais)
    page.goto("/problematiques/signaler/")
    affiche_le = time.monotonic()
    titre = "Pas de transport vers la maison de santé"
    constat = "Depuis la fermeture de la ligne de car, les hameaux n'ont plus de transport."
    page.get_by_label("Titre du problème").fill(titre)
    page.get_by_label("Ce que vous observez sur le terrain").fill(constat)
    page.get_by_label("Qui est concerné ?").fill("Les personnes âgées des hameaux.")
    page.get_by_label(ref.departement.nom).check()
    page.get_by_label(ref.theme.nom).check()
    _apres_le_delai_minimum(page, affiche_le)

    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_load_state()

    alerte = page.get_by_role("alert")
    assert "pas encore envoyé" in alerte.inner_text()
    assert "Vous pourrez l'envoyer dans 60\u00a0minutes" in alerte.inner_text()
    assert page.get_by_label("Titre du problème").input_value() == titre
    assert page.get_by_label("Ce que vous observez sur le terrain").input_value() == constat
    assert page.get_by_label(ref.departement.nom).is_checked()
    assert Problematique.objects.count() == 1
    sans_violation(page)

    # An hour later, the page still open: one click sends it.
    settings.PROBLEMATIQUES_SIGNALEMENT_LIMITE_COMPTE = 2
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_url("**/problematiques/signaler/merci/**")
    assert Problematique.objects.filter(titre=titre).exists()
