"""The public pages of communities: the filtered list and a community's page."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from communautes.models import (
    Communaute,
    Engagement,
    MotifFin,
    RoleEngagement,
    StatutCommunaute,
    TypeCommunaute,
)
from communautes.views.communautes import MEMBRES_AFFICHES
from tests.communautes.evenements.factories import EvenementFactory
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.conftest import ALL_PERSONAS
from tests.factories import OrganisationFactory, PersonneFactory, TerritoireFactory, ThemeFactory
from tests.pages import requete_de_comptage, sql_de_la_page, titres_des_cartes
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Expertise, Personne, Territoire, Theme

URL = reverse("communautes:index")

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    """The page as text, spaces folded, for assertions on sentences ("Type : …" where the
    CSS writes the colon after a term)."""
    html = reponse.content.decode().replace("</dt>", " :</dt>")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def finistere():
    return Territoire.objects.get(slug="finistere")


# --- The list -----------------------------------------------------------------------------


def test_the_list_explains_the_three_kinds_and_links_to_the_events(client):
    reponse = client.get(URL)
    assert reponse.status_code == 200
    page = texte(reponse)
    for sorte in ("communautés d'intérêt", "thématiques de recherche", "Archipel des pratiques"):
        assert sorte in page
    assert 'href="/evenements/"' in reponse.content.decode()


def test_the_list_is_empty_at_first_and_says_how_communities_are_born(client):
    page = texte(client.get(URL))
    assert "Aucune communauté" in page
    assert "nous aussi" in page


def test_a_card_shows_kind_state_themes_territories_and_running_members(client):
    communaute = CommunauteFactory(
        nom="Archipel de l'accueil",
        type=TypeCommunaute.ARCHIPEL,
        statut=StatutCommunaute.EN_CONSTITUTION,
    )
    communaute.themes.add(ThemeFactory(nom="Accès aux droits"))
    communaute.territoires.add(Territoire.objects.get(slug="morbihan"))
    EngagementFactory.create_batch(2, communaute=communaute)
    # Ended or past their end date: not members any more.
    EngagementFactory(
        communaute=communaute, termine_le=timezone.localdate(), motif_fin=MotifFin.QUITTE
    )
    EngagementFactory(
        communaute=communaute,
        debut=timezone.localdate() - timedelta(days=100),
        fin=timezone.localdate() - timedelta(days=1),
    )

    page = texte(client.get(URL))
    assert "Archipel de l'accueil" in page
    # One line: the state's badge, then kind, members, themes and territories (each named
    # for a screen reader, « Thèmes : », « Territoires : », in visually hidden words).
    assert (
        "État : En constitution Archipel des pratiques 2 membres "
        "Thèmes : Accès aux droits Territoires : Morbihan"
    ) in page


def test_living_communities_come_first_then_by_name(client):
    CommunauteFactory(nom="A close", statut=StatutCommunaute.CLOSE)
    CommunauteFactory(nom="B en sommeil", statut=StatutCommunaute.EN_SOMMEIL)
    CommunauteFactory(nom="C en constitution", statut=StatutCommunaute.EN_CONSTITUTION)
    CommunauteFactory(nom="D active", statut=StatutCommunaute.ACTIVE)
    CommunauteFactory(nom="E active", statut=StatutCommunaute.ACTIVE)

    assert titres_des_cartes(client.get(URL)) == [
        "D active",
        "E active",
        "C en constitution",
        "B en sommeil",
        "A close",
    ]


def test_filter_by_kind(client):
    CommunauteFactory(nom="Archipel", type=TypeCommunaute.ARCHIPEL)
    CommunauteFactory(nom="Thématique", type=TypeCommunaute.THEMATIQUE)
    CommunauteFactory(nom="Intérêt", interet=True)

    assert titres_des_cartes(client.get(URL, {"type": "archipel"})) == ["Archipel"]
    assert titres_des_cartes(client.get(URL, {"type": "interet"})) == ["Intérêt"]


def test_filter_by_theme_and_state(client):
    theme = ThemeFactory(nom="Mobilités", slug="mobilites")
    avec = CommunauteFactory(nom="Avec le thème")
    avec.themes.add(theme, ThemeFactory())
    CommunauteFactory(nom="Sans le thème").themes.add(ThemeFactory())
    endormie = CommunauteFactory(nom="Endormie", statut=StatutCommunaute.EN_SOMMEIL)
    endormie.themes.add(theme)

    assert titres_des_cartes(client.get(URL, {"theme": "mobilites"})) == [
        "Avec le thème",
        "Endormie",
    ]
    assert titres_des_cartes(client.get(URL, {"theme": "mobilites", "etat": "en_sommeil"})) == [
        "Endormie"
    ]


def test_territory_filter_includes_epci_and_communes(client, finistere):
    epci = TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon")
    commune = TerritoireFactory(type="commune", parent=epci, nom="Saint-Pol")
    sur_commune = CommunauteFactory(nom="Sur la commune")
    sur_commune.territoires.add(commune)
    sur_epci = CommunauteFactory(nom="Sur l'EPCI")
    sur_epci.territoires.add(epci)
    sur_departement = CommunauteFactory(nom="Sur le département")
    sur_departement.territoires.add(finistere, Territoire.objects.get(slug="morbihan"))
    ailleurs = CommunauteFactory(nom="Ailleurs")
    ailleurs.territoires.add(Territoire.objects.get(slug="morbihan"))
    CommunauteFactory(nom="Sans territoire")

    assert titres_des_cartes(client.get(URL, {"territoire": "finistere"})) == [
        "Sur l'EPCI",
        "Sur la commune",
        "Sur le département",
    ]
    assert titres_des_cartes(client.get(URL, {"territoire": epci.slug})) == [
        "Sur l'EPCI",
        "Sur la commune",
    ]
    assert "Sans territoire" in titres_des_cartes(client.get(URL))


def test_the_filters_are_summed_up_above_the_results(client):
    CommunauteFactory(nom="Archipel", type=TypeCommunaute.ARCHIPEL)
    ThemeFactory(nom="Santé", slug="sante-test")
    page = texte(client.get(URL, {"type": "archipel", "territoire": "finistere"}))
    assert "Aucune communauté pour ces critères" in page
    assert "type de communauté « Archipel des pratiques »" in page
    assert "territoire « Finistère »" in page
    assert "Effacer les filtres" in page
    assert "Aucune communauté ne correspond à ces critères" in page


def test_an_unknown_filter_value_is_refused_without_error(client):
    CommunauteFactory(nom="Une")
    reponse = client.get(URL, {"type": "n-importe-quoi", "territoire": "<script>", "page": "x"})
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "<script>" not in html
    # The form says what is wrong next to the field.
    assert "Sélectionnez un choix valide" in html


def test_a_refused_value_leaves_the_other_filters_applied_and_summed_up(client):
    CommunauteFactory(nom="Archipel", type=TypeCommunaute.ARCHIPEL)
    CommunauteFactory(nom="Thématique", type=TypeCommunaute.THEMATIQUE)
    reponse = client.get(URL, {"type": "archipel", "etat": "inconnu"})
    assert titres_des_cartes(reponse) == ["Archipel"]
    page = texte(reponse)
    assert "Critères choisis : type de communauté « Archipel des pratiques »" in page
    assert "Sélectionnez un choix valide" in page


def test_twenty_per_page_and_the_pages_keep_the_filters(client):
    for i in range(45):
        CommunauteFactory(nom=f"Archipel {i:02d}", type=TypeCommunaute.ARCHIPEL)
    CommunauteFactory(nom="Thématique", type=TypeCommunaute.THEMATIQUE)

    premiere = client.get(URL, {"type": "archipel"})
    assert len(titres_des_cartes(premiere)) == 20
    assert "type=archipel&amp;page=2" in premiere.content.decode()
    derniere = client.get(URL, {"type": "archipel", "page": 3})
    assert titres_des_cartes(derniere) == [f"Archipel {i}" for i in range(40, 45)]
    assert "Page 3 sur 3" in texte(derniere)
    # A page number past the end, or not a number, shows the last or the first page.
    assert titres_des_cartes(
        client.get(URL, {"type": "archipel", "page": 999})
    ) == titres_des_cartes(derniere)
    assert titres_des_cartes(
        client.get(URL, {"type": "archipel", "page": "x"})
    ) == titres_des_cartes(premiere)


def creer_volume_liste() -> list[Communaute]:
    """200 communities on territories at every level, with 5,000 engagements."""
    departements = list(Territoire.objects.filter(type="departement"))
    themes = [Theme.objects.create(nom=f"Thème {i}", slug=f"theme-volume-{i}") for i in range(4)]
    communautes = Communaute.objects.bulk_create(
        Communaute(
            nom=f"Communauté en volume {i:03d}",
            slug=f"volume-{i}",
            type=[TypeCommunaute.ARCHIPEL, TypeCommunaute.THEMATIQUE][i % 2],
            objet="Un objet",
            statut=StatutCommunaute.ACTIVE,
        )
        for i in range(200)
    )
    lien_t = Communaute.territoires.through
    lien_t.objects.bulk_create(
        lien_t(communaute=c, territoire=departements[i % len(departements)])
        for i, c in enumerate(communautes)
    )
    lien_th = Communaute.themes.through
    lien_th.objects.bulk_create(
        lien_th(communaute=c, theme=themes[i % len(themes)]) for i, c in enumerate(communautes)
    )
    personnes = Personne.objects.bulk_create(
        Personne(email=f"volume{i}@exemple.fr", first_name="P", last_name=f"{i}")
        for i in range(250)
    )
    aujourd_hui = timezone.localdate()
    Engagement.objects.bulk_create(
        Engagement(
            communaute=communautes[i % 200],
            personne=personnes[i // 20],
            expertise=Expertise.values[i % len(Expertise.values)],
            heures_par_mois=1,
            debut=aujourd_hui,
            fin=aujourd_hui + timedelta(days=30),
        )
        for i in range(5_000)
    )
    return communautes


def test_list_query_count_does_not_grow_with_the_data(client, persona, django_assert_num_queries):
    creer_volume_liste()
    # Territory choices, the count, the page with its members counted, its territories, its
    # themes, the theme choices.
    with django_assert_num_queries(6):
        reponse = client.get(URL)
    assert len(titres_des_cartes(reponse)) == 20
    assert "25 membres" in texte(reponse)

    client.force_login(persona("relais"))
    # Plus the session and the person.
    with django_assert_num_queries(8):
        reponse = client.get(
            URL, {"territoire": "finistere", "type": "thematique", "etat": "active", "page": 2}
        )
    assert len(titres_des_cartes(reponse)) == 20


def test_members_are_counted_for_the_page_only(client):
    creer_volume_liste()

    requetes = sql_de_la_page(client, URL)

    # The paginator counts the communities alone; the page counts its members in a
    # correlated subquery, not by joining every community with every commitment.
    assert "communautes_engagement" not in requete_de_comptage(requetes, "communautes_communaute")
    page = next(sql for sql in requetes if '"nb_membres"' in sql)
    assert "GROUP BY" not in page
    assert 'JOIN "communautes_engagement"' not in page
    assert "(SELECT COUNT(DISTINCT" in page


def test_the_list_is_read_from_the_index_of_its_order(client):
    creer_volume_liste()
    page = next(sql for sql in sql_de_la_page(client, f"{URL}?page=7") if "LIMIT 20" in sql)

    with connection.cursor() as curseur:
        curseur.execute("ANALYZE communautes_communaute")
        # Without the matching index, PostgreSQL would have to sort: forbid both shortcuts so
        # that the plan shows which index serves the order.
        curseur.execute("SET LOCAL enable_seqscan = off")
        curseur.execute("SET LOCAL enable_sort = off")
        curseur.execute(f"EXPLAIN {page}")
        plan = "\n".join(ligne[0] for ligne in curseur.fetchall())

    assert "Index Only Scan using communaute_ordre_liste" in plan, plan


def test_a_deep_page_counts_the_members_of_its_own_rows_only(client):
    creer_volume_liste()

    requetes = sql_de_la_page(client, f"{URL}?page=7")

    # The page's identifiers first (from the index), then those rows with their members
    # counted: the communities of the pages before are skipped, not counted.
    page = next(sql for sql in requetes if '"nb_membres"' in sql)
    assert '"communautes_communaute"."id" IN (SELECT' in page
    assert "OFFSET 120" in page
    assert page.index("OFFSET 120") > page.index("IN (SELECT")
    assert titres_des_cartes(client.get(f"{URL}?page=7")) == [
        f"Communauté en volume {i:03d}" for i in range(120, 140)
    ]


# --- A community's page -------------------------------------------------------------------


def test_an_unknown_community_is_a_404(client):
    assert client.get(reverse("communautes:detail", args=["inconnue"])).status_code == 404


@pytest.mark.parametrize("nom_persona", ALL_PERSONAS)
def test_every_persona_can_read_the_list_and_a_community(client_de, nom_persona):
    communaute = CommunauteFactory(nom="Ouverte à tous")
    client = client_de(nom_persona)
    assert client.get(URL).status_code == 200
    reponse = client.get(communaute.get_absolute_url())
    assert reponse.status_code == 200
    assert "Ouverte à tous" in texte(reponse)


def test_the_page_shows_purpose_kind_state_animator_themes_territories(client):
    animateur = PersonneFactory(first_name="Erwan", last_name="Tanguy", profil_public=True)
    communaute = CommunauteFactory(
        nom="Mobilités rurales",
        objet="## Pourquoi\n\nSe déplacer **sans voiture**.",
        animateur=animateur,
        statut=StatutCommunaute.EN_SOMMEIL,
    )
    communaute.themes.add(ThemeFactory(nom="Mobilités"))
    communaute.territoires.add(Territoire.objects.get(slug="finistere"))

    reponse = client.get(communaute.get_absolute_url())
    html = reponse.content.decode()
    page = texte(reponse)
    assert "<strong>sans voiture</strong>" in html
    assert "<h3>Pourquoi</h3>" in html
    assert "Communauté thématique de recherche" in page
    assert "En sommeil" in page
    assert "Animée par : Erwan Tanguy, pour le Ti Lab" in page
    assert "Thèmes : Mobilités" in page
    assert "Territoires : Finistère" in page


def test_an_animator_who_did_not_opt_in_is_not_named(client):
    organisation = OrganisationFactory(nom="Ti Lab")
    animateur = PersonneFactory(
        first_name="Secret", last_name="Caché", profil_public=False, organisation=organisation
    )
    communaute = CommunauteFactory(animateur=animateur)
    page = texte(client.get(communaute.get_absolute_url()))
    assert "Secret" not in page and "Caché" not in page
    assert "Animée par : un membre de Ti Lab" in page


def test_the_problem_it_was_formed_around_is_linked_once_public(client):
    communaute = CommunauteFactory(interet=True)
    html = client.get(communaute.get_absolute_url()).content.decode()
    assert communaute.problematique.get_absolute_url() in html
    assert "Formée autour de" in html
    assert f'{communaute.problematique.get_absolute_url()}#titre-maturite"' in html

    brouillon = CommunauteFactory(
        type=TypeCommunaute.INTERET, problematique=ProblematiqueFactory(titre="Pas publique")
    )
    html = client.get(brouillon.get_absolute_url()).content.decode()
    assert "Pas publique" not in html
    assert "Formée autour de" not in html


def test_members_who_opted_in_are_named_the_others_only_counted(client):
    communaute = CommunauteFactory()
    organisation = OrganisationFactory(nom="Mairie de Carhaix")
    EngagementFactory(
        communaute=communaute,
        personne=PersonneFactory(
            first_name="Gwenaëlle",
            last_name="Le Goff",
            fonction="Secrétaire de mairie",
            profil_public=True,
        ),
        organisation=organisation,
        role=RoleEngagement.REFERENT,
        expertise=Expertise.AGENT_TERRAIN,
    )
    for prenom in ("Discrète", "Réservé"):
        EngagementFactory(
            communaute=communaute,
            personne=PersonneFactory(first_name=prenom, last_name="Anonyme", profil_public=False),
        )
    # An ended engagement: neither named nor counted.
    EngagementFactory(
        communaute=communaute,
        personne=PersonneFactory(first_name="Partie", profil_public=True),
        termine_le=timezone.localdate(),
        motif_fin=MotifFin.QUITTE,
    )

    page = texte(client.get(communaute.get_absolute_url()))
    assert "3 membres engagés aujourd'hui" in page
    # One line: name, organisation, role when it is not plain membership, what they bring.
    assert "Gwenaëlle Le Goff" in page
    assert "Mairie de Carhaix · référent ou référente · apporte : agent de terrain" in page
    assert "Et 2 autres membres, qui ont choisi de ne pas apparaître par leur nom" in page
    for cache in ("Discrète", "Réservé", "Anonyme", "Partie"):
        assert cache not in page


def test_a_member_without_an_engagement_organisation_shows_their_own(client):
    communaute = CommunauteFactory()
    EngagementFactory(
        communaute=communaute,
        personne=PersonneFactory(
            profil_public=True, organisation=OrganisationFactory(nom="Région Bretagne")
        ),
    )
    assert ", Région Bretagne · apporte :" in texte(client.get(communaute.get_absolute_url()))


def test_a_community_without_members_says_so(client):
    page = texte(client.get(CommunauteFactory().get_absolute_url()))
    assert "Personne ne s'est encore engagé" in page
    assert "les expertises apparaîtront ici" in page
    assert "graphique-expertises" not in page


def test_the_expertise_chart_counts_running_members_and_has_its_table(client):
    communaute = CommunauteFactory()
    for expertise, nombre in [
        (Expertise.AGENT_TERRAIN, 3),
        (Expertise.DECIDEUR, 2),
        (Expertise.CHERCHEUR, 1),
    ]:
        EngagementFactory.create_batch(nombre, communaute=communaute, expertise=expertise)
    EngagementFactory(
        communaute=communaute,
        expertise=Expertise.USAGER,
        termine_le=timezone.localdate(),
        motif_fin=MotifFin.QUITTE,
    )
    EngagementFactory(expertise=Expertise.USAGER)  # another community

    html = client.get(communaute.get_absolute_url()).content.decode()
    assert 'role="img"' in html and 'id="graphique-expertises-titre"' in html
    assert (
        "Agent de terrain : 3 ; Décideur ou décideuse : 2 ; Expert ou experte métier : 0 ; "
        "Chercheur ou chercheuse : 1 ; Usager ou usagère : 0 ; Prestataire : 0."
    ) in unescape(html)
    lignes = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="nombre">(\d+)</td></tr>', unescape(html)
    )
    assert dict(lignes) == {
        "Agent de terrain": "3",
        "Décideur ou décideuse": "2",
        "Expert ou experte métier": "0",
        "Chercheur ou chercheuse": "1",
        "Usager ou usagère": "0",
        "Prestataire": "0",
    }


def test_only_upcoming_published_events_of_the_community_are_shown(client):
    communaute = CommunauteFactory()
    maintenant = timezone.now()
    EvenementFactory(
        communaute=communaute, titre="Dans un mois", debut=maintenant + timedelta(days=30)
    )
    EvenementFactory(
        communaute=communaute,
        titre="Demain",
        debut=maintenant + timedelta(days=1),
        date_limite_inscription=maintenant,
    )
    EvenementFactory(communaute=communaute, titre="Déjà passé", passe=True)
    EvenementFactory(communaute=communaute, titre="Brouillon", publie=False)
    EvenementFactory(titre="D'une autre communauté", communaute=CommunauteFactory())
    EvenementFactory(titre="Sans communauté")

    reponse = client.get(communaute.get_absolute_url())
    assert titres_des_cartes(reponse) == ["Demain", "Dans un mois"]
    assert "places libres" in texte(reponse)


def test_without_upcoming_events_the_page_says_so(client):
    communaute = CommunauteFactory()
    EvenementFactory(communaute=communaute, passe=True)
    assert "Aucun événement de la communauté" in texte(client.get(communaute.get_absolute_url()))


XSS = '<script>alert("x")</script> <img src=x onerror=alert(1)> [lien](javascript:alert(1))'


def test_script_in_the_purpose_is_rendered_inert(client):
    communaute = CommunauteFactory(objet=XSS + " **gras**")
    html = client.get(communaute.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "<strong>gras</strong>" in html


def test_script_in_a_member_name_function_or_organisation_is_escaped(client):
    communaute = CommunauteFactory(nom='<script>alert("nom")</script>')
    EngagementFactory(
        communaute=communaute,
        personne=PersonneFactory(
            first_name="<script>alert(1)</script>",
            last_name="<img src=x onerror=alert(2)>",
            fonction='<script>alert("fonction")</script>',
            profil_public=True,
        ),
        organisation=OrganisationFactory(nom="<b onmouseover=alert(3)>Org</b>"),
    )
    for url in (communaute.get_absolute_url(), URL):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b onmouseover" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in client.get(communaute.get_absolute_url()).content.decode()
    )


def test_members_are_listed_up_to_a_hundred_with_the_total(client, django_assert_num_queries):
    communaute = CommunauteFactory()
    personnes = Personne.objects.bulk_create(
        Personne(
            email=f"membre{i}@exemple.fr",
            first_name="Membre",
            last_name=f"{i:04d}",
            profil_public=i % 4 != 0,
            fonction="Agent",
        )
        for i in range(2_000)
    )
    aujourd_hui = timezone.localdate()
    Engagement.objects.bulk_create(
        Engagement(
            communaute=communaute,
            personne=p,
            role=RoleEngagement.REFERENT if i == 1999 else RoleEngagement.MEMBRE,
            expertise=Expertise.values[i % len(Expertise.values)],
            heures_par_mois=2,
            debut=aujourd_hui,
            fin=aujourd_hui + timedelta(days=60),
        )
        for i, p in enumerate(personnes)
    )
    for _ in range(3):
        EvenementFactory(communaute=communaute)

    # The community with its animator and problem, its territories, its themes, the counts,
    # the members listed, the events, its published documentation (the documentation's panel).
    with django_assert_num_queries(7):
        reponse = client.get(communaute.get_absolute_url())
    page = texte(reponse)
    assert "2 000 membres engagés aujourd'hui" in page
    assert f"Voici les {MEMBRES_AFFICHES} premiers qui ont choisi d'apparaître, sur 1500" in page
    assert "Et 500 autres membres" in page
    assert page.count("apporte :") == MEMBRES_AFFICHES
    # The référent comes first.
    assert page.index("Membre 1999") < page.index("Membre 0001")

    client.force_login(personnes[5])
    # Plus the session, the person (with their roles and whether their address is verified)
    # and their own commitment in the community; and, for the panel, whether they are
    # committed (may they write).
    with django_assert_num_queries(10):
        reponse = client.get(communaute.get_absolute_url())
    assert reponse.status_code == 200


def test_the_members_read_one_line_each_five_in_sight_the_others_behind_a_disclosure(client):
    communaute = CommunauteFactory()
    for i in range(8):
        EngagementFactory(
            communaute=communaute,
            personne=PersonneFactory(first_name="Membre", last_name=f"{i:02d}", profil_public=True),
        )
    html = client.get(communaute.get_absolute_url()).content.decode()
    cote = html[html.index('class="fiche__cote"') :]
    avant, _, suite = cote.partition("<details")
    assert avant.count('class="soutien__ligne membre"') == 5
    assert suite.count('class="soutien__ligne membre"') == 3
    assert "Voir les 3 autres membres" in texte_de(suite)
    # No « label : value » stack repeated for each person.
    assert "<dt>" not in cote


def test_a_single_member_past_the_first_five_is_offered_in_the_singular(client):
    communaute = CommunauteFactory()
    for _ in range(6):
        EngagementFactory(communaute=communaute, personne=PersonneFactory(profil_public=True))
    assert "Voir l'autre membre" in texte(client.get(communaute.get_absolute_url()))


def test_joining_is_offered_under_the_title_and_the_commitment_block_sits_in_the_main_column(
    client,
):
    communaute = CommunauteFactory(statut=StatutCommunaute.ACTIVE)
    html = client.get(communaute.get_absolute_url()).content.decode()
    rejoindre = reverse("communautes:rejoindre", args=[communaute.slug])
    # The first link to join comes before the page's content, right under its title.
    assert html.index(f'href="{rejoindre}"') < html.index('class="fiche"')
    principal = html.index('class="fiche__principal"')
    cote = html.index('class="fiche__cote"')
    assert principal < html.index('id="titre-mon-engagement"') < cote
    assert cote < html.index('id="titre-membres"')


def texte_de(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
