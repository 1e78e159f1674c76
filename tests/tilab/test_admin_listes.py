"""What every list of the back office gets from tilab.admin.ModeleAdminGarde: the action
checkbox of each row is Django's, written out without rendering a template per row, and
named after its row in the portal's words."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.options import ModelAdmin
from django.utils import translation
from django.utils.html import escape

from problematiques.models import Problematique


@pytest.mark.parametrize("titre", ["Des bus", 'Les <b>"écoles"</b> & l\'eau'])
def test_the_action_checkbox_is_djangos_named_after_its_row(titre):
    model_admin = admin.site.get_model_admin(Problematique)
    probleme = Problematique(pk=12, titre=titre)

    with translation.override("fr"):
        la_notre = model_admin.action_checkbox(probleme)
        celle_de_django = ModelAdmin.action_checkbox(model_admin, probleme)

    libelle = f'aria-label="Choisir « {escape(titre)} » pour une action"'
    assert la_notre == re.sub(r'aria-label="[^"]*"', libelle, celle_de_django)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "liste",
    [
        "/admin/comptes/personne/?date_joined__year=99999999999999999999",
        "/admin/communautes/engagement/?fin__year=99999999999999999999",
    ],
)
def test_a_date_past_the_calendar_typed_in_the_address_sends_back_to_the_list(client, liste):
    """Not only in a date hierarchy: any date of the model can be asked in the address."""
    from tests.factories import PersonneFactory

    client.force_login(PersonneFactory(is_staff=True, is_superuser=True))

    reponse = client.get(liste)

    assert reponse.status_code == 302 and reponse["Location"].endswith("?e=1")
