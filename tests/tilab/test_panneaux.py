"""The panels an upper app adds to an experiment's, a community's or an event's page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory
from tests.experimentations.factories import ExperimentationFactory
from tilab import panneaux

pytestmark = pytest.mark.django_db


@pytest.fixture
def un_panneau(settings, tmp_path, monkeypatch):
    """A panel on each page, drawn by a template of the test's own."""
    monkeypatch.setattr(panneaux, "_panneaux", {})
    gabarit = tmp_path / "tilab" / "tests" / "panneau.html"
    gabarit.parent.mkdir(parents=True)
    gabarit.write_text('<section class="panneau-test">Panneau : {{ panneau.texte }}</section>')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    for page in panneaux.PAGES:
        panneaux.enregistrer_panneau(
            page,
            "test",
            gabarit="tilab/tests/panneau.html",
            ordre=1,
            contexte=lambda request, objet: {"texte": f"<b>{objet}</b>"},
        )
        panneaux.enregistrer_panneau(
            page,
            "absent",
            gabarit="tilab/tests/panneau.html",
            ordre=2,
            contexte=lambda request, objet: None,
        )


def test_each_page_shows_its_panels_escaped_and_leaves_out_those_without_context(
    client, un_panneau
):
    for objet in (ExperimentationFactory(), CommunauteFactory(), EvenementFactory()):
        html = client.get(objet.get_absolute_url()).content.decode()
        assert html.count('class="panneau-test"') == 1
        assert f"Panneau\u00a0: &lt;b&gt;{objet}" in html


def test_a_panel_goes_to_a_page_that_offers_panels_once(monkeypatch):
    monkeypatch.setattr(panneaux, "_panneaux", {})
    with pytest.raises(ImproperlyConfigured):
        panneaux.enregistrer_panneau("accueil", "x", gabarit="x.html", ordre=1, contexte=dict)
    panneaux.enregistrer_panneau("evenement", "x", gabarit="x.html", ordre=1, contexte=dict)
    with pytest.raises(ImproperlyConfigured):
        panneaux.enregistrer_panneau("evenement", "x", gabarit="y.html", ordre=1, contexte=dict)
