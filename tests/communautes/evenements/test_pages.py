"""The list (upcoming first, then past), the event page, French dates, inert user text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from communautes.models import Communaute, Evenement, Inscription, StatutInscription
from tests.communautes.evenements.factories import EvenementFactory, InscriptionFactory
from tests.communautes.factories import CommunauteFactory
from tests.factories import PersonneFactory
from tests.pages import sql_de_la_page, titres_des_cartes
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Personne

pytestmark = pytest.mark.django_db


def test_upcoming_events_come_first_soonest_first_then_past_ones_latest_first(client):
    maintenant = timezone.now()
    EvenementFactory(
        titre="Passé il y a longtemps", passe=True, debut=maintenant - timedelta(days=90)
    )
    EvenementFactory(titre="Passé récemment", passe=True, debut=maintenant - timedelta(days=5))
    EvenementFactory(titre="Dans un mois", debut=maintenant + timedelta(days=30))
    EvenementFactory(
        titre="Demain", debut=maintenant + timedelta(days=1), date_limite_inscription=maintenant
    )

    reponse = client.get("/evenements/")
    assert titres_des_cartes(reponse) == [
        "Demain",
        "Dans un mois",
        "Passé récemment",
        "Passé il y a longtemps",
    ]
    html = reponse.content.decode()
    assert html.index("À venir") < html.index("Événements passés")


def test_the_list_shows_seats_left_and_full_events(client):
    e = EvenementFactory(capacite=2, titre="Complet")
    InscriptionFactory(evenement=e)
    InscriptionFactory(evenement=e)
    InscriptionFactory(evenement=e, statut=StatutInscription.EN_ATTENTE)
    InscriptionFactory(evenement=EvenementFactory(capacite=5), statut=StatutInscription.ANNULEE)
    html = client.get("/evenements/").content.decode()
    # A full event says it in a badge (words, a shape, a colour), then its waiting list.
    assert '<span class="badge badge--complet">Complet</span>' in html
    assert "<li>1 personne en liste d'attente</li>" in html
    assert "5 places libres sur 5" in html


def test_dates_are_written_in_french(client):
    debut = timezone.make_aware(timezone.datetime(2030, 3, 14, 9, 30))
    e = EvenementFactory(
        debut=debut, titre="Atelier", date_limite_inscription=debut - timedelta(days=1)
    )
    html = client.get(e.get_absolute_url()).content.decode()
    assert "jeudi 14\u00a0mars\u00a02030 à 9\u00a0h\u00a030" in html


def test_a_description_with_a_script_is_rendered_inert(client):
    e = EvenementFactory(
        description='<script>alert("x")</script> <img src=x onerror=alert(1)> '
        "[lien](javascript:alert(1)) **gras**"
    )
    html = client.get(e.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript:' not in html
    assert "<strong>gras</strong>" in html


def test_the_linked_problem_is_shown_only_once_published(client):
    publique = ProblematiqueFactory(publiee=True, titre="Transport à la demande")
    brouillon = ProblematiqueFactory(titre="Pas encore publique")
    e1 = EvenementFactory(problematique=publique)
    e2 = EvenementFactory(problematique=brouillon)
    assert "Transport à la demande" in client.get(e1.get_absolute_url()).content.decode()
    assert "Pas encore publique" not in client.get(e2.get_absolute_url()).content.decode()


def test_the_linked_community_is_shown_on_the_event_and_its_card(client):
    communaute = CommunauteFactory(nom="Archipel de l'accueil", slug="archipel-accueil")
    e = EvenementFactory(communaute=communaute, titre="Atelier de l'archipel")
    EvenementFactory(titre="Sans communauté")
    lien = 'href="/communautes/archipel-accueil/">Archipel de l&#x27;accueil</a>'
    assert lien in client.get(e.get_absolute_url()).content.decode()
    liste = client.get("/evenements/").content.decode()
    assert liste.count(lien) == 1


def test_an_unknown_event_is_a_404(client):
    assert client.get("/evenements/inconnu/").status_code == 404


def test_the_communities_page_links_to_the_events(client):
    assert 'href="/evenements/"' in client.get("/communautes/").content.decode()


def creer_volume() -> list[Evenement]:
    """300 events, one in two linked to one of 20 communities, with registrations."""
    maintenant = timezone.now()
    communautes: list[Communaute] = CommunauteFactory.create_batch(20)
    evenements = Evenement.objects.bulk_create(
        Evenement(
            titre=f"Événement en volume {i}",
            slug=f"volume-{i}",
            type="atelier",
            debut=maintenant + timedelta(days=i - 150),
            fin=maintenant + timedelta(days=i - 150, hours=2),
            date_limite_inscription=maintenant + timedelta(days=i - 151),
            lieu="Rennes",
            description="Une description",
            capacite=10,
            publie=True,
            communaute=communautes[i % 20] if i % 2 else None,
        )
        for i in range(300)
    )
    personnes = Personne.objects.bulk_create(
        Personne(email=f"volume{i}@exemple.fr") for i in range(40)
    )
    Inscription.objects.bulk_create(
        Inscription(
            evenement=e,
            personne=p,
            statut=StatutInscription.INSCRITE if j < 10 else StatutInscription.EN_ATTENTE,
        )
        for e in evenements[::3]
        for j, p in enumerate(personnes[:15])
    )
    return evenements


def test_list_query_count_does_not_grow_with_the_data(client, client_de, django_assert_num_queries):
    creer_volume()
    # Both parts counted in one query, then the page of upcoming events with their
    # registrations counted.
    with django_assert_num_queries(2):
        reponse = client.get("/evenements/")
    assert len(titres_des_cartes(reponse)) == 20
    assert "<li>5 personnes en liste d'attente</li>" in reponse.content.decode()
    assert reponse.content.decode().count("Communauté\u00a0: </span>") == 10

    connecte = client_de("animation")
    # Page 8 ends where the 150 upcoming events give way to the past ones: its last upcoming
    # events and its first past ones are read in two queries, after the count. Plus the
    # session, and the person with their roles.
    with django_assert_num_queries(5):
        reponse = connecte.get("/evenements/", {"page": 8})
    assert len(titres_des_cartes(reponse)) == 20
    # A page of past events alone: one query for the page.
    with django_assert_num_queries(4):
        reponse = connecte.get("/evenements/", {"page": 12})
    assert len(titres_des_cartes(reponse)) == 20


def test_the_page_where_upcoming_events_end_shows_both_parts_in_order(client):
    evenements = creer_volume()
    # 150 past events (volume-0 to volume-149), 150 upcoming ones (volume-150 to volume-299).
    huitieme = titres_des_cartes(client.get("/evenements/", {"page": 8}))
    assert huitieme == [f"Événement en volume {i}" for i in range(290, 300)] + [
        f"Événement en volume {i}" for i in range(149, 139, -1)
    ]
    premiere = titres_des_cartes(client.get("/evenements/"))
    assert premiere == [f"Événement en volume {i}" for i in range(150, 170)]
    derniere = titres_des_cartes(client.get("/evenements/", {"page": 15}))
    assert derniere == [f"Événement en volume {i}" for i in range(19, -1, -1)]
    assert len(evenements) == 300


def test_each_part_of_the_list_is_read_from_its_index(client):
    creer_volume()
    requetes = sql_de_la_page(client, "/evenements/?page=12")
    page = next(sql for sql in requetes if '"nb_inscrites"' in sql)
    # The page's identifiers first, then those rows with their registrations counted.
    assert '"communautes_evenement"."id" IN (SELECT' in page
    assert "OFFSET 70" in page

    with connection.cursor() as curseur:
        curseur.execute("ANALYZE communautes_evenement")
        curseur.execute("SET LOCAL enable_seqscan = off")
        curseur.execute("SET LOCAL enable_sort = off")
        curseur.execute("SET LOCAL enable_incremental_sort = off")
        curseur.execute(f"EXPLAIN {page}")
        plan = "\n".join(ligne[0] for ligne in curseur.fetchall())
    assert "using evenement_recent" in plan, plan


def test_registrations_are_counted_for_the_page_only(client):
    creer_volume()

    requetes = sql_de_la_page(client, "/evenements/")

    comptage = next(sql for sql in requetes if 'AS "a_venir"' in sql)
    assert "communautes_inscription" not in comptage and "JOIN" not in comptage
    page = next(sql for sql in requetes if '"nb_inscrites"' in sql)
    assert "GROUP BY" not in page
    assert 'JOIN "communautes_inscription"' not in page


def test_detail_query_count_is_bounded(client_de, django_assert_num_queries):
    evenements = creer_volume()
    e = evenements[201]
    assert e.communaute_id is not None
    Inscription.objects.create(evenement=e, personne=PersonneFactory(), statut="en_attente")
    client = client_de("relais")
    # Plus, since the documentation: the event's published report (its panel) and, without
    # one, whether the person may write it (a member of its community). The person is read
    # with their roles and whether their address is verified.
    with django_assert_num_queries(6):
        reponse = client.get(e.get_absolute_url())
    assert reponse.status_code == 200


def test_registering_is_offered_under_the_title_with_the_places_left(client):
    e = EvenementFactory(capacite=30)
    html = client.get(e.get_absolute_url()).content.decode()
    actions = html.index('class="fiche__actions"')
    assert actions < html.index('class="fiche"')
    lien = html[actions : html.index("</p>", actions)]
    assert 'href="#titre-inscription"' in lien
    assert "S'inscrire" in lien and "30 places libres sur 30" in lien


def test_a_registered_person_sees_so_under_the_title(client):
    e = EvenementFactory()
    personne = PersonneFactory()
    InscriptionFactory(evenement=e, personne=personne)
    client.force_login(personne)
    html = client.get(e.get_absolute_url()).content.decode()
    actions = html.index('class="fiche__actions"')
    assert "Vous êtes inscrit·e" in html[actions : html.index("</p>", actions)]


def test_a_past_event_offers_no_registration_under_its_title(client):
    html = client.get(EvenementFactory(passe=True).get_absolute_url()).content.decode()
    assert 'class="fiche__actions"' not in html
