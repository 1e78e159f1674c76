"""The back office of experiments in a real browser, as the Coordination uses it: an experiment
created from a retained problem, its first phase, its launch; a pact drafted then proposed."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from experimentations.models import Experimentation, Pacte, StatutExperimentation, StatutPacte
from tests.browser.aide import AXE_OPTIONS, connecter
from tests.factories import OrganisationFactory, PersonneFactory
from tests.problematiques.factories import ProblematiqueFactory

pytestmark = pytest.mark.browser


def sans_violation(page) -> None:
    """axe on the page, Django's autocomplete widgets (select2, a library of the admin) aside:
    their search box and selection have no name axe recognises, whatever the label of their
    field."""
    resultats = Axe().run(page, context={"exclude": [[".select2-container"]]}, options=AXE_OPTIONS)
    assert resultats.violations_count == 0, f"{page.url}\n{resultats.generate_report()}"


def test_the_coordination_creates_an_experiment_from_a_retained_problem(page, live_server):
    probleme = ProblematiqueFactory(
        publiee=True, statut="retenue", titre="Les aînés isolés de Brest"
    )
    coordinatrice = PersonneFactory(
        roles=["Coordination"], is_staff=True, first_name="Maëlle", last_name="Riou"
    )
    connecter(page, live_server, coordinatrice)

    page.goto("/admin/experimentations/experimentation/add/")
    sans_violation(page)
    page.get_by_label("Problématique d'origine").select_option(label=str(probleme))
    page.get_by_label("Coordinateur ou coordinatrice").select_option(
        label=f"Maëlle Riou ({coordinatrice.email})"
    )
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()

    page.get_by_text("Les aînés isolés de Brest").first.wait_for()
    experimentation = Experimentation.objects.get()
    assert experimentation.titre == "Les aînés isolés de Brest"
    assert page.url.endswith(f"/{experimentation.pk}/change/")
    sans_violation(page)

    # Its launch, from the state form of the change page.
    page.get_by_label("Nouvel état").select_option(label="En cours")
    page.get_by_role("button", name="Changer l'état").click()
    page.get_by_text("est maintenant : En cours").wait_for()
    experimentation.refresh_from_db()
    assert experimentation.statut == StatutExperimentation.EN_COURS


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


def test_a_pact_is_drafted_then_proposed(page, live_server):
    from tests.experimentations.factories import (
        EngagementPacteFactory,
        ExperimentationFactory,
        PacteFactory,
        SignataireFactory,
    )

    organisation = OrganisationFactory(nom="Commune de Plouzané")
    agent = PersonneFactory(organisation=organisation)
    pacte = PacteFactory(experimentation=ExperimentationFactory(), organisation=organisation)
    EngagementPacteFactory(pacte=pacte, personne=agent)
    SignataireFactory(pacte=pacte, personne=agent, qualite="agent")
    SignataireFactory(pacte=pacte, qualite="decideur")
    connecter(page, live_server, PersonneFactory(roles=["Coordination"], is_staff=True))

    page.goto(f"/admin/experimentations/pacte/{pacte.pk}/change/")
    sans_violation(page)
    page.get_by_text("Proposer à la signature").first.click()
    page.get_by_role("button", name="Proposer à la signature").click()

    page.get_by_text("Proposé à la signature").first.wait_for()
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.PROPOSE
    assert Pacte.objects.count() == 1
