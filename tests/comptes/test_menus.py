"""The long menus of the forms (organisations, territories) are read as rows, not as model
objects, and still give the form the chosen object."""

from __future__ import annotations

import pytest
from django import forms

from tests.factories import OrganisationFactory, TerritoireFactory
from tilab.comptes.forms import ChoixOrganisation
from tilab.comptes.models import Organisation, Territoire
from tilab.comptes.territoires import territoires_groupes

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


def test_a_territory_of_the_menu_is_the_one_read_with_only(django_assert_num_queries):
    finistere = Territoire.objects.get(slug="finistere")
    epci = TerritoireFactory(
        nom="Pays des Abers", slug="pays-des-abers", type="epci", parent=finistere, code=""
    )
    TerritoireFactory(nom="Plouguerneau", slug="plouguerneau", parent=epci)

    with django_assert_num_queries(1):
        groupes, par_slug = territoires_groupes(avec_communes=True)
        commune = par_slug["plouguerneau"]

    attendu = Territoire.objects.only("pk", "nom", "slug", "type", "parent_id").get(
        slug="plouguerneau"
    )
    assert commune == attendu
    assert (commune.nom, commune.slug, commune.type, commune.parent_id) == (
        attendu.nom,
        attendu.slug,
        attendu.type,
        attendu.parent_id,
    )
    assert commune.get_deferred_fields() == attendu.get_deferred_fields() == {"code"}
    assert par_slug["plouguerneau"] is commune
    assert "atlantide" not in par_slug
    assert ("plouguerneau", "Plouguerneau (commune)") in dict(groupes)["Finistère"]
