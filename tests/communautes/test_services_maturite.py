"""The team's maturity inputs: who may set them, what is checked, what is recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communautes.models import ActionCommunaute, Communaute, TypeAction
from communautes.services import maturite as services
from tests.communautes.factories import CommunauteFactory
from tests.conftest import PERSONAS
from tests.factories import TerritoireFactory
from tests.problematiques.factories import ProblematiqueFactory

pytestmark = pytest.mark.django_db

PEUVENT_NOTER = {"direction", "coordination", "animation"}


@pytest.fixture
def epci():
    return TerritoireFactory(nom="Haut-Léon Communauté", type="epci", code="")


@pytest.fixture
def commune(epci):
    return TerritoireFactory(nom="Saint-Pol-de-Léon", parent=epci)


@pytest.fixture
def communaute(epci):
    p = ProblematiqueFactory(publiee=True, statut="communaute_constituee", territoires=[epci])
    return CommunauteFactory(interet=True, problematique=p)


def relire(communaute):
    return Communaute.objects.get(pk=communaute.pk)


@pytest.mark.parametrize("nom", sorted(PEUVENT_NOTER))
def test_the_team_notes_a_willing_territory(persona, communaute, epci, nom):
    par = persona(nom)

    services.maturite_noter_territoire(
        communaute=communaute, par=par, territoire=epci, note="  Délibération du 3 mars.  "
    )

    c = relire(communaute)
    assert c.territoire_volontaire == epci
    assert c.territoire_volontaire_note == "Délibération du 3 mars."
    assert c.territoire_volontaire_le is not None
    action = ActionCommunaute.objects.get(communaute=c)
    assert action.type == TypeAction.TERRITOIRE_VOLONTAIRE
    assert action.par == par
    assert action.detail == "Haut-Léon Communauté : Délibération du 3 mars."


@pytest.mark.parametrize("nom", sorted(set(PERSONAS) - PEUVENT_NOTER))
def test_others_cannot_note_a_territory(persona, communaute, epci, nom):
    with pytest.raises(PermissionDenied):
        services.maturite_noter_territoire(
            communaute=communaute, par=persona(nom), territoire=epci, note="Oui."
        )

    assert relire(communaute).territoire_volontaire is None
    assert not ActionCommunaute.objects.exists()


def test_a_territory_under_the_problem_territory_is_accepted(persona, communaute, commune):
    services.maturite_noter_territoire(
        communaute=communaute, par=persona("coordination"), territoire=commune, note="Le maire."
    )

    assert relire(communaute).territoire_volontaire == commune


def test_a_territory_of_the_community_is_accepted(persona, communaute):
    ailleurs = TerritoireFactory(nom="Concarneau")
    communaute.territoires.add(ailleurs)

    services.maturite_noter_territoire(
        communaute=communaute, par=persona("animation"), territoire=ailleurs, note="Oui."
    )

    assert relire(communaute).territoire_volontaire == ailleurs


def test_a_territory_elsewhere_is_refused(persona, communaute):
    ailleurs = TerritoireFactory(nom="Vitré")

    with pytest.raises(services.MaturiteImpossible) as refus:
        services.maturite_noter_territoire(
            communaute=communaute, par=persona("coordination"), territoire=ailleurs, note="Oui."
        )

    assert refus.value.message_dict["territoire"] == [
        "Choisissez un territoire de la problématique ou de la communauté, ou un territoire "
        "qui en fait partie."
    ]
    assert relire(communaute).territoire_volontaire is None
    assert not ActionCommunaute.objects.exists()


@pytest.mark.parametrize("note", ["", "   \n  "])
def test_a_note_is_required(persona, communaute, epci, note):
    with pytest.raises(services.MaturiteImpossible) as refus:
        services.maturite_noter_territoire(
            communaute=communaute, par=persona("coordination"), territoire=epci, note=note
        )

    assert "note" in refus.value.message_dict
    assert relire(communaute).territoire_volontaire is None


def test_a_note_too_long_is_refused(persona, communaute, epci):
    with pytest.raises(services.MaturiteImpossible) as refus:
        services.maturite_noter_territoire(
            communaute=communaute,
            par=persona("coordination"),
            territoire=epci,
            note="x" * (services.LONGUEUR_MAXIMALE_TEXTE + 1),
        )

    assert refus.value.message_dict["note"] == ["Écrivez au plus 3000 caractères."]


def test_only_a_community_of_interest(persona, epci):
    thematique = CommunauteFactory()
    thematique.territoires.add(epci)

    with pytest.raises(services.MaturiteImpossible):
        services.maturite_noter_territoire(
            communaute=thematique, par=persona("direction"), territoire=epci, note="Oui."
        )
    with pytest.raises(services.MaturiteImpossible):
        services.maturite_deroger(communaute=thematique, par=persona("direction"), motif="Oui.")


def test_noting_again_replaces_and_is_recorded_twice(persona, communaute, epci, commune):
    par = persona("coordination")
    services.maturite_noter_territoire(
        communaute=communaute, par=par, territoire=epci, note="D'abord."
    )
    services.maturite_noter_territoire(
        communaute=communaute, par=par, territoire=commune, note="Ensuite."
    )

    c = relire(communaute)
    assert (c.territoire_volontaire, c.territoire_volontaire_note) == (commune, "Ensuite.")
    assert ActionCommunaute.objects.filter(type=TypeAction.TERRITOIRE_VOLONTAIRE).count() == 2


def test_withdrawing_the_territory(persona, communaute, epci):
    par = persona("animation")
    services.maturite_noter_territoire(communaute=communaute, par=par, territoire=epci, note="Oui.")

    assert services.maturite_retirer_territoire(communaute=communaute, par=par) is True

    c = relire(communaute)
    assert c.territoire_volontaire is None
    assert c.territoire_volontaire_note == ""
    assert c.territoire_volontaire_le is None
    action = ActionCommunaute.objects.get(type=TypeAction.TERRITOIRE_RETIRE)
    assert action.detail == "Haut-Léon Communauté : Oui."
    assert action.par == par


def test_withdrawing_when_nothing_is_noted_records_nothing(persona, communaute):
    assert (
        services.maturite_retirer_territoire(communaute=communaute, par=persona("direction"))
        is False
    )
    assert not ActionCommunaute.objects.exists()


@pytest.mark.parametrize("nom", sorted(set(PERSONAS) - PEUVENT_NOTER))
def test_others_cannot_withdraw_the_territory(persona, communaute, nom):
    with pytest.raises(PermissionDenied):
        services.maturite_retirer_territoire(communaute=communaute, par=persona(nom))


def test_the_direction_overrides_with_a_reason(persona, communaute):
    direction = persona("direction")

    services.maturite_deroger(communaute=communaute, par=direction, motif=" Urgence. ")

    c = relire(communaute)
    assert c.derogation_motif == "Urgence."
    assert c.derogation_le is not None
    action = ActionCommunaute.objects.get(communaute=c)
    assert (action.type, action.par, action.detail) == (
        TypeAction.DEROGATION,
        direction,
        "Urgence.",
    )


@pytest.mark.parametrize("nom", sorted(set(PERSONAS) - {"direction"}))
def test_only_the_direction_overrides(persona, communaute, nom):
    with pytest.raises(PermissionDenied):
        services.maturite_deroger(communaute=communaute, par=persona(nom), motif="Urgence.")
    with pytest.raises(PermissionDenied):
        services.maturite_retirer_derogation(communaute=communaute, par=persona(nom))

    assert relire(communaute).derogation_le is None


def test_an_override_needs_a_reason(persona, communaute):
    with pytest.raises(services.MaturiteImpossible) as refus:
        services.maturite_deroger(communaute=communaute, par=persona("direction"), motif="  ")

    assert "motif" in refus.value.message_dict
    assert relire(communaute).derogation_le is None


def test_withdrawing_the_override(persona, communaute):
    direction = persona("direction")
    services.maturite_deroger(communaute=communaute, par=direction, motif="Urgence.")

    assert services.maturite_retirer_derogation(communaute=communaute, par=direction) is True
    assert services.maturite_retirer_derogation(communaute=communaute, par=direction) is False

    c = relire(communaute)
    assert (c.derogation_motif, c.derogation_le) == ("", None)
    types = list(ActionCommunaute.objects.values_list("type", "detail"))
    assert types == [
        (TypeAction.DEROGATION, "Urgence."),
        (TypeAction.DEROGATION_RETIREE, "Urgence."),
    ]


def test_possible_territories_cover_the_problem_and_what_is_under_it(communaute, epci, commune):
    TerritoireFactory(nom="Ailleurs")

    possibles = list(services.territoires_possibles(communaute))

    # Largest first.
    assert possibles == [epci, commune]


def test_any_territory_when_none_is_named(persona):
    p = ProblematiqueFactory(publiee=True, territoires=[])
    communaute = CommunauteFactory(interet=True, problematique=p)
    ailleurs = TerritoireFactory(nom="Ailleurs")

    assert services.territoires_possibles(communaute).filter(pk=ailleurs.pk).exists()


@pytest.mark.parametrize(
    ("service", "nom", "champs"),
    [
        (services.maturite_noter_territoire, "coordination", {"note": "Oui."}),
        (services.maturite_retirer_territoire, "coordination", {}),
        (services.maturite_deroger, "direction", {"motif": "Urgence."}),
        (services.maturite_retirer_derogation, "direction", {}),
    ],
)
def test_every_change_locks_the_community_row(persona, communaute, epci, service, nom, champs):
    if service is services.maturite_noter_territoire:
        champs = champs | {"territoire": epci}

    with CaptureQueriesContext(connection) as requetes:
        service(communaute=communaute, par=persona(nom), **champs)

    verrous = [q["sql"] for q in requetes if "FOR UPDATE" in q["sql"]]
    assert len(verrous) == 1
    assert 'FROM "communautes_communaute"' in verrous[0]
