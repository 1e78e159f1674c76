"""The report form says everything to fix in one summary (issue 13): a guard's refusal (a form
sent too fast) sits in it with the field errors, in the same box, and hides none of them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from problematiques import antispam
from problematiques.forms.signalement import MESSAGE_REFUS, MESSAGE_TROP_RAPIDE
from problematiques.models import Problematique
from tests.problematiques.aide_signalement import donnees_valides, referentiel
from tilab.typographie import typographier

URL = reverse("problematiques:signaler")


@pytest.fixture
def ref(db):
    return referentiel()


@pytest.fixture(autouse=True)
def _delai(settings):
    settings.PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM = 5


def _texte(message) -> str:
    # As the page writes it: escaped, in French typography (tilab/typographie.py).
    return typographier(str(message)).replace("'", "&#x27;")


def _resumes(contenu: str) -> list[str]:
    return re.findall(r'<div class="notice notice--error" role="alert">.*?</div>', contenu, re.S)


def test_a_form_sent_too_fast_with_mistakes_says_both_in_one_summary(client, relais, ref):
    client.force_login(relais)
    donnees = donnees_valides(
        ref,
        relais.pk,
        jeton=antispam.jeton_nouveau(relais.pk),
        titre="Car",
        departements=[],
        territoires_precis=[],
    )

    reponse = client.post(URL, donnees)

    assert reponse.status_code == 200
    assert not Problematique.objects.exists()
    contenu = reponse.content.decode()
    # One red box on the page, holding the guard's message and a link to each field in error.
    resumes = _resumes(contenu)
    assert len(resumes) == 1
    resume = resumes[0]
    assert _texte(MESSAGE_TROP_RAPIDE) in resume
    assert '<a href="#id_titre">Titre du problème\xa0: Le titre est trop court' in resume
    assert (
        '<a href="#id_departements">Départements\xa0: Choisissez au moins un territoire' in resume
    )
    assert "errorlist nonfield" not in contenu
    assert contenu.count(_texte(MESSAGE_TROP_RAPIDE)) == 1
    # Each field error is still next to its field.
    assert 'id="id_titre_error"' in contenu
    assert 'id="id_departements_error"' in contenu


def test_a_form_sent_too_fast_and_otherwise_right_says_only_that(client, relais, ref):
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk, jeton=antispam.jeton_nouveau(relais.pk))

    contenu = client.post(URL, donnees).content.decode()

    (resume,) = _resumes(contenu)
    assert "<strong>Votre signalement n'est pas encore envoyé.</strong>" in resume
    assert _texte(MESSAGE_TROP_RAPIDE) in resume
    assert "<ul>" not in resume
    assert "errorlist nonfield" not in contenu


def test_a_filled_honeypot_is_said_in_the_summary_with_the_field_errors(client, relais, ref):
    client.force_login(relais)
    donnees = donnees_valides(ref, relais.pk, site_internet="http://spam.example", themes=[])

    contenu = client.post(URL, donnees).content.decode()

    (resume,) = _resumes(contenu)
    assert _texte(MESSAGE_REFUS) in resume
    assert _texte(MESSAGE_TROP_RAPIDE) not in resume
    assert '<a href="#id_themes">Thèmes\xa0: Cochez au moins un thème.</a>' in resume


def test_an_unknown_territory_is_refused_next_to_the_picker_and_linked_from_the_summary(
    client, relais, ref, settings
):
    settings.PROBLEMATIQUES_SIGNALEMENT_DELAI_MINIMUM = 0
    client.force_login(relais)

    contenu = client.post(
        URL, donnees_valides(ref, relais.pk, territoires_precis=["nulle-part", ref.epci.slug])
    ).content.decode()

    (resume,) = _resumes(contenu)
    assert (
        '<a href="#id_territoires_precis">Intercommunalités ou communes\xa0: Ce territoire '
        "n&#x27;existe plus."
    ) in resume
    picker = contenu.split('id="id_territoires_precis_error"', 1)[1].split("</fieldset>", 1)[0]
    assert "Ce territoire n&#x27;existe plus." in picker
    # The valid choice sent with it is still ticked.
    assert re.search(rf'value="{ref.epci.slug}"[^>]*aria-invalid="true" checked', picker)


def test_the_report_form_asks_for_no_modifier_key(client, relais, ref):
    client.force_login(relais)

    contenu = client.get(URL).content.decode()

    assert "Ctrl" not in contenu
    assert (
        "<select" not in contenu.split('id="id_territoires_precis"', 1)[1].split("</fieldset>")[0]
    )
    assert '<script src="/static/js/selecteur-territoires.js" defer></script>' in contenu
