"""``{{ auteur|nom_public }}``: how the author of something public is named."""

import pytest
from django.template import Context, Template

from tests.factories import OrganisationFactory, PersonneFactory
from tilab.comptes.templatetags.personnes import nom_public


def rendu(auteur) -> str:
    gabarit = Template("{% load personnes %}{{ auteur|nom_public }}")
    return gabarit.render(Context({"auteur": auteur}))


def test_a_deleted_author_is_an_ancien_membre():
    assert nom_public(None) == "ancien membre"
    assert rendu(None) == "ancien membre"


@pytest.mark.django_db
def test_full_name_only_when_the_profile_is_public():
    personne = PersonneFactory(first_name="Gwenaëlle", last_name="Le Goff", profil_public=True)
    assert rendu(personne) == "Gwenaëlle Le Goff"


@pytest.mark.django_db
def test_private_profile_shows_the_organisation_not_the_name():
    organisation = OrganisationFactory(nom="Commune de Carhaix-Plouguer")
    personne = PersonneFactory(
        first_name="Gwenaëlle", last_name="Le Goff", organisation=organisation, profil_public=False
    )
    texte = rendu(personne)
    assert "Commune de Carhaix-Plouguer" in texte
    assert "Gwenaëlle" not in texte and "Le Goff" not in texte


@pytest.mark.django_db
def test_private_profile_without_organisation_is_un_membre():
    personne = PersonneFactory(first_name="Gwenaëlle", last_name="Le Goff", profil_public=False)
    assert rendu(personne) == "un membre"


@pytest.mark.django_db
def test_public_profile_without_a_name_falls_back_to_un_membre():
    personne = PersonneFactory(first_name="", last_name="", profil_public=True)
    assert rendu(personne) == "un membre"


@pytest.mark.django_db
def test_names_are_escaped_in_templates():
    personne = PersonneFactory(first_name="<script>", last_name="x", profil_public=True)
    assert "<script>" not in rendu(personne)
