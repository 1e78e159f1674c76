"""The back office's lists of commitments and communities do not grow with the data: no filter
listing every community, no second count of the whole table, no date hierarchy reading every
date, and the page read from an index of the list's order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.pages import sql_de_la_page

pytestmark = pytest.mark.django_db

ENGAGEMENTS = reverse("admin:communautes_engagement_changelist")
COMMUNAUTES = reverse("admin:communautes_communaute_changelist")


def filtres(reponse) -> dict[str, object]:
    return {str(f.title): f for f in reponse.context["cl"].filter_specs}


def plan(sql: str) -> str:
    """How PostgreSQL reads ``sql`` when it may not scan the table nor sort: it says which
    index serves the order (the tables are too small here for the planner to prefer one)."""
    with connection.cursor() as curseur:
        curseur.execute("ANALYZE")
        curseur.execute("SET LOCAL enable_seqscan = off")
        curseur.execute("SET LOCAL enable_sort = off")
        curseur.execute(f"EXPLAIN {sql}")
        return "\n".join(ligne[0] for ligne in curseur.fetchall())


def test_the_commitments_list_does_not_list_every_community(client_de):
    communautes = [CommunauteFactory(nom=f"Communauté numéro {n:02d}") for n in range(30)]
    for communaute in communautes:
        EngagementFactory(communaute=communaute)
    client = client_de("coordination")

    reponse = client.get(ENGAGEMENTS)

    assert "communauté" not in filtres(reponse)
    html = reponse.content.decode()
    assert "communaute__id__exact" not in html


def test_the_commitments_of_one_community_show_it_as_their_only_filter(client_de):
    choisie, autre = CommunauteFactory(nom="Les mobilités du Léon"), CommunauteFactory()
    siens = EngagementFactory.create_batch(2, communaute=choisie)
    EngagementFactory(communaute=autre)

    reponse = client_de("coordination").get(ENGAGEMENTS, {"communaute__id__exact": choisie.pk})

    assert set(reponse.context["cl"].result_list) == set(siens)
    choix = [c["display"] for c in filtres(reponse)["communauté"].choices(reponse.context["cl"])]
    assert [str(c) for c in choix] == ["Tout", "Les mobilités du Léon"]


@pytest.mark.parametrize(("valeur", "lignes"), [("99999999", 0), ("9" * 30, 0)])
def test_a_community_that_does_not_exist_shows_no_commitment(client_de, valeur, lignes):
    EngagementFactory()

    reponse = client_de("coordination").get(ENGAGEMENTS, {"communaute__id__exact": valeur})

    assert reponse.status_code == 200
    assert len(reponse.context["cl"].result_list) == lignes


def test_an_impossible_community_sends_back_to_the_list(client_de):
    reponse = client_de("coordination").get(ENGAGEMENTS, {"communaute__id__exact": "abc"})

    assert reponse.status_code == 302 and reponse["Location"] == f"{ENGAGEMENTS}?e=1"


def test_a_community_page_leads_to_all_its_commitments(client_de):
    communaute = CommunauteFactory()
    EngagementFactory(communaute=communaute, termine_le=timezone.localdate(), motif_fin="quitte")

    html = client_de("coordination").get(
        reverse("admin:communautes_communaute_change", args=[communaute.pk])
    )

    assert f"{ENGAGEMENTS}?communaute__id__exact={communaute.pk}" in html.content.decode()


def test_the_commitments_list_counts_once_and_reads_no_dates_nor_distinct(client_de):
    aujourd_hui = timezone.localdate()
    for jours in (0, 40, 400):
        EngagementFactory(debut=aujourd_hui - timedelta(days=jours))
    client = client_de("coordination")

    for url in (ENGAGEMENTS, ENGAGEMENTS + "?debut__gte=2000-01-01"):
        requetes = sql_de_la_page(client, url)
        assert len([sql for sql in requetes if sql.startswith("SELECT COUNT(*)")]) == 1, url
        assert not [sql for sql in requetes if "DISTINCT" in sql or "MIN(" in sql], url


def test_the_commitments_this_month_filter(client_de):
    aujourd_hui = timezone.localdate()
    recent = EngagementFactory(debut=aujourd_hui)
    EngagementFactory(debut=aujourd_hui - timedelta(days=400))
    debut_du_mois = aujourd_hui.replace(day=1)

    reponse = client_de("coordination").get(ENGAGEMENTS, {"debut__gte": debut_du_mois.isoformat()})

    assert list(reponse.context["cl"].result_list) == [recent]


def test_the_commitments_page_is_read_from_its_index(client_de):
    EngagementFactory.create_batch(3)
    requetes = sql_de_la_page(client_de("coordination"), ENGAGEMENTS)
    page = next(sql for sql in requetes if 'ORDER BY "communautes_engagement"."debut" DESC' in sql)

    resultat = plan(page)

    assert "engagement_recents" in resultat and "Sort" not in resultat, resultat


def test_the_communities_page_is_read_from_its_index_and_counted_once(client_de):
    CommunauteFactory.create_batch(3)
    requetes = sql_de_la_page(client_de("coordination"), COMMUNAUTES)
    page = next(sql for sql in requetes if 'ORDER BY "communautes_communaute"."nom" ASC' in sql)

    resultat = plan(page)

    assert "communaute_ordre_nom" in resultat and "Sort" not in resultat, resultat
    assert len([sql for sql in requetes if sql.startswith("SELECT COUNT(*)")]) == 1


def test_the_events_list_is_counted_once(client_de):
    from tests.communautes.evenements.factories import EvenementFactory

    EvenementFactory.create_batch(2)

    requetes = sql_de_la_page(
        client_de("animation"), reverse("admin:communautes_evenement_changelist")
    )

    assert len([sql for sql in requetes if sql.startswith("SELECT COUNT(*)")]) == 1


def test_a_community_page_shows_its_latest_journal_entries_and_commitments(client_de):
    from communautes.admin.communautes import ActionCommunauteInline, EngagementEnCoursInline
    from communautes.models import ActionCommunaute, TypeAction

    communaute = CommunauteFactory()
    nombre = ActionCommunauteInline.derniers
    for n in range(nombre + 3):
        ActionCommunaute.objects.create(
            communaute=communaute, type=TypeAction.CHANGER_STATUT, detail=f"Entrée {n:02d}"
        )
    aujourd_hui = timezone.localdate()
    for n in range(EngagementEnCoursInline.derniers + 2):
        EngagementFactory(communaute=communaute, debut=aujourd_hui - timedelta(days=n))

    reponse = client_de("coordination").get(
        reverse("admin:communautes_communaute_change", args=[communaute.pk])
    )

    listes = {
        f.opts.model: [form.original for form in f]
        for f in reponse.context["inline_admin_formsets"]
    }
    journal = listes[ActionCommunaute]
    assert [a.detail for a in journal] == [f"Entrée {n:02d}" for n in range(3, nombre + 3)]
    engagements = listes[EngagementEnCoursInline.model]
    assert len(engagements) == EngagementEnCoursInline.derniers
    assert min(e.debut for e in engagements) == aujourd_hui - timedelta(
        days=EngagementEnCoursInline.derniers - 1
    )
