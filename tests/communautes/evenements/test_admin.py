"""Events in the back office: the registrations follow the same rule as the registration
lists of the site (``communautes.rules.peut_voir_les_inscriptions``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communautes.models import Evenement
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db

EQUIPE = ["direction", "coordination", "animation", "documentation", "recherche"]
EQUIPE_EVENEMENTS = {"animation", "direction"}


@pytest.mark.parametrize("nom", EQUIPE)
def test_the_event_page_of_the_desk_shows_registrations_only_to_animation_and_direction(
    client_de, nom
):
    evenement = EvenementFactory()
    InscriptionFactory(
        evenement=evenement, personne=PersonneFactory(first_name="Gwenola", last_name="Inscrite")
    )

    reponse = client_de(nom).get(reverse("admin:communautes_evenement_change", args=[evenement.pk]))

    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert evenement.titre in contenu
    assert ("Gwenola Inscrite" in contenu) is (nom in EQUIPE_EVENEMENTS)
    assert ("inscriptions-TOTAL_FORMS" in contenu) is (nom in EQUIPE_EVENEMENTS)


def test_a_superuser_without_the_role_does_not_see_them_either(client):
    evenement = EvenementFactory()
    InscriptionFactory(evenement=evenement, personne=PersonneFactory(last_name="Inscrite"))
    client.force_login(PersonneFactory(is_staff=True, is_superuser=True))

    reponse = client.get(reverse("admin:communautes_evenement_change", args=[evenement.pk]))

    assert reponse.status_code == 200
    assert "Inscrite" not in reponse.content.decode()


def test_an_event_title_with_a_bidirectional_control_is_refused_next_to_the_field(client_de):
    client = client_de("animation")

    reponse = client.post(
        reverse("admin:communautes_evenement_add"),
        {
            "titre": "\u202eeuqitarp retilaicnoc",
            "slug": "atelier",
            "type": "atelier",
            "publie": "on",
            "description": "Une matinée.",
            "debut_0": "10/06/2027",
            "debut_1": "09:00:00",
            "fin_0": "10/06/2027",
            "fin_1": "12:00:00",
            "lieu": "Rennes\u2066",
            "capacite": "20",
            "date_limite_inscription_0": "01/06/2027",
            "date_limite_inscription_1": "18:00:00",
            "inscriptions-TOTAL_FORMS": "0",
            "inscriptions-INITIAL_FORMS": "0",
        },
    )

    assert reponse.status_code == 200
    assert not Evenement.objects.exists()
    erreurs = reponse.context["adminform"].form.errors.as_data()
    assert list(erreurs) == ["titre"]
    assert erreurs["titre"][0].code == "caracteres_invisibles"
    assert 'value="euqitarp retilaicnoc"' in reponse.content.decode()


def test_each_date_and_time_input_of_the_event_form_says_which_field_it_is(client_de):
    reponse = client_de("animation").get(reverse("admin:communautes_evenement_add"))

    contenu = reponse.content.decode()
    for champ, libelle in [
        ("debut", "Début"),
        ("fin", "Fin"),
        ("date_limite_inscription", "Inscriptions jusqu&#x27;au"),
    ]:
        assert f'<label for="id_{champ}_0">{libelle} — date</label>' in contenu
        assert f'<label for="id_{champ}_1">{libelle} — heure</label>' in contenu
    assert "Date :" not in contenu and "Heure :" not in contenu
