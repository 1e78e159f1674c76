"""The long menus of the forms are read as rows, not as model objects, and still give the
form the chosen object."""

from __future__ import annotations

import pytest
from django import forms

from tests.factories import OrganisationFactory
from tilab.comptes.forms import ChoixOrganisation
from tilab.comptes.models import Organisation

pytestmark = pytest.mark.django_db


class ProfilMinimal(forms.Form):
    organisation = ChoixOrganisation(
        queryset=Organisation.objects.order_by("nom"), required=False, empty_label="— Aucune —"
    )


def test_the_organisation_menu_lists_the_names_and_gives_the_object(
    django_assert_num_queries,
):
    une = OrganisationFactory(nom="Mairie de Brest")
    autre = OrganisationFactory(nom="Mairie\u202e de Morlaix")

    with django_assert_num_queries(1):
        html = str(ProfilMinimal(initial={"organisation": une.pk})["organisation"])
    formulaire = ProfilMinimal(data={"organisation": str(autre.pk)})

    assert f'<option value="{une.pk}" selected>Mairie de Brest</option>' in html
    # The same label as everywhere the organisation is shown (Organisation.__str__).
    assert f'<option value="{autre.pk}">Mairie de Morlaix</option>' in html
    assert formulaire.is_valid()
    assert formulaire.cleaned_data["organisation"] == autre


def test_a_deleted_organisation_is_refused():
    formulaire = ProfilMinimal(data={"organisation": "999999"})

    assert not formulaire.is_valid()
    assert "organisation" in formulaire.errors
