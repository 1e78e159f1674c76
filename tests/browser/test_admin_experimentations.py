"""The back office of experiments in a real browser, as the Direction uses it: a suspension
without its reason refused next to the field. Creating an experiment, launching it, drafting a
pact and proposing it, with axe on each of their pages, are in the journey of
test_parcours_experimentation.py."""

from __future__ import annotations

import pytest

from tests.browser.aide import analyser, connecter
from tests.factories import PersonneFactory

pytestmark = pytest.mark.browser


def sans_violation(page) -> None:
    """axe on the whole page, Django's autocomplete widgets (select2) included: the back
    office's script names their boxes after their field (static/js/admin.js)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.select2-selection[role=combobox]')]"
        ".every(boite => boite.hasAttribute('data-nommee'))"
    )
    resultats = analyser(page)
    assert resultats.violations_count == 0, f"{page.url}\n{resultats.generate_report()}"


def test_a_suspension_without_its_reason_is_refused_next_to_the_field(page, live_server):
    from tests.experimentations.factories import ExperimentationFactory

    experimentation = ExperimentationFactory(titre="Voisins vigilants")
    connecter(page, live_server, PersonneFactory(roles=["Direction"], is_staff=True))

    page.goto(f"/admin/experimentations/experimentation/{experimentation.pk}/change/")
    page.get_by_label("Nouvel état").select_option(label="Suspendue")
    page.get_by_role("button", name="Changer l'état").click()

    page.get_by_text("Écrivez le motif public de la suspension ou de la fin.").wait_for()
    assert page.get_by_label("Nouvel état").input_value() == "suspendue"
    sans_violation(page)
