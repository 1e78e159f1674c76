"""The pages of framed commitments: join, renew, leave, mine, the team's view, the partial."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from communautes.models import Communaute, Engagement, MotifFin, RoleEngagement, StatutCommunaute
from communautes.services import engagements as services
from communautes.views.engagements import contexte_engagement
from problematiques.models import Soutien
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.conftest import ALL_PERSONAS, PERSONAS, TI_TEAM
from tests.factories import OrganisationFactory, PersonneFactory
from tests.pages import sql_de_la_page
from tilab.comptes.models import Expertise, Personne

pytestmark = pytest.mark.django_db

CONNECTES = list(PERSONAS)
EQUIPE = [nom for nom, (roles, _) in PERSONAS.items() if set(roles) & set(TI_TEAM)]
HORS_EQUIPE = [nom for nom in CONNECTES if nom not in EQUIPE]


def aujourd_hui():
    return timezone.localdate()


def url(nom, communaute=None):
    if communaute is None:
        return reverse(f"communautes:{nom}")
    return reverse(f"communautes:{nom}", kwargs={"slug": communaute.slug})


def donnees(**valeurs):
    return {
        "role": RoleEngagement.MEMBRE,
        "expertise": Expertise.AGENT_TERRAIN,
        "organisation": "",
        "heures_par_mois": "2",
        "fin": (aujourd_hui() + timedelta(days=60)).isoformat(),
    } | valeurs


def texte(reponse) -> str:
    return " ".join(unescape(strip_tags(reponse.content.decode())).split())


@pytest.fixture
def communaute():
    return CommunauteFactory(nom="Mobilités rurales", slug="mobilites-rurales")


# --- Join -----------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_then_back_to_the_join_form(client, communaute):
    for reponse in (
        client.get(url("rejoindre", communaute)),
        client.post(url("rejoindre", communaute), donnees()),
    ):
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))
        assert "next=/communautes/mobilites-rurales/rejoindre/" in reponse["Location"]
    assert not Engagement.objects.exists()


@pytest.mark.parametrize("nom", CONNECTES)
def test_every_logged_in_persona_may_join(nom, client_de, persona, communaute):
    client = client_de(nom)
    reponse = client.get(url("rejoindre", communaute))
    assert reponse.status_code == 200
    assert "Rejoindre la communauté" in texte(reponse)
    reponse = client.post(url("rejoindre", communaute), donnees())
    assert reponse.status_code == 302
    assert reponse["Location"] == communaute.get_absolute_url()
    engagement = Engagement.objects.get(personne=persona(nom))
    assert engagement.communaute == communaute
    assert engagement.heures_par_mois == 2


def test_a_person_with_an_unverified_address_is_taken_to_verify_it(client, communaute):
    personne = PersonneFactory(verifiee=False)
    EmailAddress.objects.create(user=personne, email=personne.email, verified=False, primary=True)
    client.force_login(personne)
    reponse = client.post(url("rejoindre", communaute), donnees())
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_email_verification_sent"))
    assert not Engagement.objects.exists()


@pytest.mark.parametrize("statut", [StatutCommunaute.EN_SOMMEIL, StatutCommunaute.CLOSE])
def test_a_community_asleep_or_closed_says_so_and_shows_no_form(statut, client_de):
    communaute = CommunauteFactory(statut=statut)
    client = client_de("relais")
    reponse = client.get(url("rejoindre", communaute))
    assert reponse.status_code == 200
    assert "n'accueille pas de nouveaux membres" in texte(reponse)
    assert b'name="heures_par_mois"' not in reponse.content
    assert client.post(url("rejoindre", communaute), donnees()).status_code == 400
    assert not Engagement.objects.exists()


def test_an_unknown_community_is_a_404(client_de):
    assert client_de("relais").get("/communautes/inconnue/rejoindre/").status_code == 404


def test_joining_twice_sends_to_my_engagements(client_de, persona, communaute):
    EngagementFactory(communaute=communaute, personne=persona("relais"))
    client = client_de("relais")
    for reponse in (
        client.get(url("rejoindre", communaute)),
        client.post(url("rejoindre", communaute), donnees()),
    ):
        assert reponse.status_code == 302
        assert reponse["Location"] == url("mes_engagements")
    assert Engagement.objects.count() == 1


def test_the_form_is_prefilled_from_the_profile(client, communaute):
    organisation = OrganisationFactory(nom="Commune de Plougastel")
    personne = PersonneFactory(organisation=organisation, expertises=[Expertise.DECIDEUR])
    client.force_login(personne)
    reponse = client.get(url("rejoindre", communaute))
    form = reponse.context["form"]
    assert form["organisation"].value() == organisation.pk
    assert form["expertise"].value() == Expertise.DECIDEUR
    assert form["role"].value() == RoleEngagement.MEMBRE
    assert form["fin"].value() == services.ajouter_mois(aujourd_hui(), 3)
    contenu = reponse.content.decode()
    assert f'value="{services.ajouter_mois(aujourd_hui(), 3).isoformat()}"' in contenu
    assert 'type="date"' in contenu


def test_the_expertise_offered_on_the_problem_comes_first(client):
    communaute = CommunauteFactory(interet=True)
    personne = PersonneFactory(expertises=[Expertise.DECIDEUR])
    Soutien.objects.create(
        problematique=communaute.problematique,
        personne=personne,
        expertise_offerte=Expertise.CHERCHEUR,
    )
    client.force_login(personne)
    reponse = client.get(url("rejoindre", communaute))
    assert reponse.context["form"]["expertise"].value() == Expertise.CHERCHEUR


def test_bad_input_is_kept_with_french_errors(client_de, communaute):
    reponse = client_de("relais").post(
        url("rejoindre", communaute),
        donnees(heures_par_mois="beaucoup", fin="", expertise="magicien", role=""),
    )
    assert reponse.status_code == 400
    page = texte(reponse)
    assert "Votre engagement n'est pas encore enregistré" in page
    assert "Indiquez un nombre entier d'heures" in page
    assert "Indiquez une date de fin" in page
    assert "Choisissez une expertise de la liste" in page
    assert "Choisissez votre rôle" in page
    assert 'value="beaucoup"' in reponse.content.decode()
    assert 'aria-invalid="true"' in reponse.content.decode()
    assert not Engagement.objects.exists()


@pytest.mark.parametrize(
    ("heures", "message"),
    [("0", "au moins 1 heure"), ("161", "au plus 160 heures"), ("-3", "au moins 1 heure")],
)
def test_hours_out_of_range_are_refused(heures, message, client_de, communaute):
    reponse = client_de("relais").post(
        url("rejoindre", communaute), donnees(heures_par_mois=heures)
    )
    assert reponse.status_code == 400
    assert message in texte(reponse)


def test_an_end_date_beyond_twelve_months_is_refused_next_to_the_date(client_de, communaute):
    trop_loin = services.ajouter_mois(aujourd_hui(), 12) + timedelta(days=1)
    reponse = client_de("relais").post(
        url("rejoindre", communaute), donnees(fin=trop_loin.isoformat(), heures_par_mois="3")
    )
    assert reponse.status_code == 400
    assert "douze mois" in reponse.context["form"].errors["fin"][0]
    assert f'value="{trop_loin.isoformat()}"' in reponse.content.decode()
    assert 'value="3"' in reponse.content.decode()


def test_a_past_end_date_and_a_french_date_are_understood(client_de, communaute):
    client = client_de("relais")
    hier = aujourd_hui() - timedelta(days=1)
    reponse = client.post(url("rejoindre", communaute), donnees(fin=hier.isoformat()))
    assert reponse.status_code == 400
    assert "déjà passée" in reponse.context["form"].errors["fin"][0]
    dans_un_mois = aujourd_hui() + timedelta(days=30)
    reponse = client.post(
        url("rejoindre", communaute), donnees(fin=dans_un_mois.strftime("%d/%m/%Y"))
    )
    assert reponse.status_code == 302
    assert Engagement.objects.get().fin == dans_un_mois


def test_past_the_threshold_the_form_warns_then_the_person_confirms(
    client_de, persona, communaute, settings
):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    relais = persona("relais")
    EngagementFactory(personne=relais, heures_par_mois=7)
    client = client_de("relais")
    fin = (aujourd_hui() + timedelta(days=45)).isoformat()
    saisie = donnees(
        heures_par_mois="3", expertise=Expertise.USAGER, fin=fin, role=RoleEngagement.REFERENT
    )

    reponse = client.post(url("rejoindre", communaute), saisie)
    assert reponse.status_code == 400
    page = texte(reponse)
    assert "vous dépasseriez le repère de 8 heures par mois" in page
    assert "Vous êtes déjà engagé·e 7 h par mois" in page
    assert "vous seriez engagé·e 10 h par mois" in page
    assert "Je confirme cet engagement malgré le dépassement" in page
    contenu = reponse.content.decode()
    assert 'value="3"' in contenu
    assert f'value="{fin}"' in contenu
    assert f'value="{Expertise.USAGER}" selected' in contenu
    assert 'value="referent" id="id_role_1" checked' in contenu or (
        reponse.context["form"]["role"].value() == RoleEngagement.REFERENT
    )
    assert 'name="depassement_confirme"' in contenu and "required" in contenu
    assert not Engagement.objects.filter(communaute=communaute).exists()

    # Sent again without ticking the box: an error on the box.
    reponse = client.post(url("rejoindre", communaute), saisie | {"averti": "1"})
    assert reponse.status_code == 400
    assert "Cochez cette case pour confirmer" in texte(reponse)
    assert not Engagement.objects.filter(communaute=communaute).exists()

    reponse = client.post(
        url("rejoindre", communaute), saisie | {"averti": "1", "depassement_confirme": "on"}
    )
    assert reponse.status_code == 302
    engagement = Engagement.objects.get(communaute=communaute)
    assert engagement.heures_par_mois == 3
    assert engagement.role == RoleEngagement.REFERENT
    assert services.heures_engagees(relais) == 10


def test_exactly_at_the_threshold_there_is_no_warning(client_de, persona, communaute, settings):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    EngagementFactory(personne=persona("relais"), heures_par_mois=6)
    reponse = client_de("relais").post(url("rejoindre", communaute), donnees(heures_par_mois="2"))
    assert reponse.status_code == 302


def test_the_join_page_shows_the_current_total(client_de, persona, communaute):
    EngagementFactory(personne=persona("relais"), heures_par_mois=5)
    reponse = client_de("relais").get(url("rejoindre", communaute))
    assert "Vous êtes aujourd'hui engagé·e 5 h par mois au total, pour un repère de 8 h" in texte(
        reponse
    )


def test_names_are_escaped(client_de):
    communaute = CommunauteFactory(nom='<script>alert("x")</script>')
    OrganisationFactory(nom="<img src=x onerror=alert(1)>")
    reponse = client_de("relais").get(url("rejoindre", communaute))
    contenu = reponse.content.decode()
    assert "<script>alert" not in contenu
    assert "<img src=x" not in contenu
    assert "&lt;script&gt;" in contenu


def test_the_join_form_takes_get_and_post_only(client_de, communaute):
    assert client_de("relais").put(url("rejoindre", communaute)).status_code == 405


def test_joining_needs_the_csrf_token(communaute):
    client = Client(enforce_csrf_checks=True)
    client.force_login(PersonneFactory())
    assert client.post(url("rejoindre", communaute), donnees()).status_code == 403
    assert not Engagement.objects.exists()


# --- Renew ----------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_to_renew(client, communaute):
    reponse = client.get(url("prolonger", communaute))
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("nom", CONNECTES)
def test_every_persona_renews_only_their_own_engagement(nom, client_de, persona, communaute):
    autre = EngagementFactory(communaute=communaute)
    client = client_de(nom)
    # Without an engagement of their own: nothing to renew, someone else's is untouched.
    reponse = client.post(
        url("prolonger", communaute), {"fin": (autre.fin + timedelta(10)).isoformat()}
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == url("mes_engagements")
    fin_autre = autre.fin
    autre.refresh_from_db()
    assert autre.fin == fin_autre

    mien = EngagementFactory(communaute=communaute, personne=persona(nom))
    assert client.get(url("prolonger", communaute)).status_code == 200
    nouvelle = aujourd_hui() + timedelta(days=200)
    reponse = client.post(url("prolonger", communaute), {"fin": nouvelle.isoformat()})
    assert reponse.status_code == 302
    mien.refresh_from_db()
    assert mien.fin == nouvelle


def test_renewing_with_a_bad_date_keeps_it_with_a_french_error(client_de, persona, communaute):
    EngagementFactory(communaute=communaute, personne=persona("relais"))
    client = client_de("relais")
    reponse = client.post(url("prolonger", communaute), {"fin": "31/02/2026"})
    assert reponse.status_code == 400
    assert "Saisissez une date valide" in texte(reponse)
    assert 'value="31/02/2026"' in reponse.content.decode()
    trop_loin = services.ajouter_mois(aujourd_hui(), 12) + timedelta(days=1)
    reponse = client.post(url("prolonger", communaute), {"fin": trop_loin.isoformat()})
    assert reponse.status_code == 400
    assert "douze mois" in texte(reponse)


def test_renewing_in_a_community_asleep_is_not_offered(client_de, persona):
    communaute = CommunauteFactory(statut=StatutCommunaute.EN_SOMMEIL)
    engagement = EngagementFactory(communaute=communaute, personne=persona("relais"))
    client = client_de("relais")
    reponse = client.get(url("prolonger", communaute))
    assert "n'accueille plus de membres" in texte(reponse)
    reponse = client.post(
        url("prolonger", communaute), {"fin": (engagement.fin + timedelta(5)).isoformat()}
    )
    assert reponse.status_code == 400


# --- Leave ----------------------------------------------------------------------------------


def test_leaving_is_post_only(client_de, persona, communaute):
    EngagementFactory(communaute=communaute, personne=persona("relais"))
    assert client_de("relais").get(url("quitter", communaute)).status_code == 405
    assert Engagement.objects.get().termine_le is None


def test_a_visitor_leaving_is_sent_to_log_in_then_to_the_community(client, communaute):
    reponse = client.post(url("quitter", communaute))
    assert reponse.status_code == 302
    assert "next=/communautes/mobilites-rurales/" in reponse["Location"]


@pytest.mark.parametrize("nom", CONNECTES)
def test_every_persona_leaves_only_their_own_engagement(nom, client_de, persona, communaute):
    autre = EngagementFactory(communaute=communaute)
    client = client_de(nom)
    reponse = client.post(url("quitter", communaute))
    assert reponse.status_code == 302
    autre.refresh_from_db()
    assert autre.termine_le is None

    mien = EngagementFactory(communaute=communaute, personne=persona(nom))
    reponse = client.post(url("quitter", communaute), follow=True)
    assert "Vous avez quitté « Mobilités rurales »" in texte(reponse)
    mien.refresh_from_db()
    assert mien.motif_fin == MotifFin.QUITTE
    assert mien.termine_le == aujourd_hui()


def test_leaving_needs_the_csrf_token(communaute):
    engagement = EngagementFactory(communaute=communaute)
    client = Client(enforce_csrf_checks=True)
    client.force_login(engagement.personne)
    assert client.post(url("quitter", communaute)).status_code == 403
    engagement.refresh_from_db()
    assert engagement.termine_le is None


# --- My engagements -------------------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_for_my_engagements(client):
    reponse = client.get(url("mes_engagements"))
    assert reponse.status_code == 302
    assert "next=/communautes/mes-engagements/" in reponse["Location"]


@pytest.mark.parametrize("nom", CONNECTES)
def test_my_engagements_shows_mine_only_with_the_total(nom, client_de, persona, settings):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    moi = persona(nom)
    EngagementFactory(
        personne=moi, heures_par_mois=6, communaute=CommunauteFactory(nom="Eau potable")
    )
    EngagementFactory(personne=moi, heures_par_mois=4, communaute=CommunauteFactory(nom="Cantines"))
    EngagementFactory(
        personne=moi,
        communaute=CommunauteFactory(nom="Archives anciennes"),
        debut=aujourd_hui() - timedelta(100),
        fin=aujourd_hui() - timedelta(10),
        termine_le=aujourd_hui() - timedelta(10),
        motif_fin=MotifFin.ECHU,
    )
    EngagementFactory(communaute=CommunauteFactory(nom="Pas la mienne"))
    reponse = client_de(nom).get(url("mes_engagements"))
    assert reponse.status_code == 200
    page = texte(reponse)
    assert "Eau potable" in page and "Cantines" in page and "Archives anciennes" in page
    assert "Pas la mienne" not in page
    assert "vous êtes engagé·e 10 h par mois, pour un repère de 8 h" in page
    assert "C'est au-delà du repère" in page
    assert "Arrivé à sa date de fin" in page
    assert page.count("Prolonger mon engagement dans") == 2


def test_my_engagements_with_none(client_de):
    reponse = client_de("relais").get(url("mes_engagements"))
    assert "Vous n'avez aucun engagement en cours" in texte(reponse)


def _beaucoup_d_engagements(nb_communautes=200, nb_personnes=250, par_personne=20):
    """5,000 running engagements of 1 h: 250 people in 20 communities each."""
    communautes = Communaute.objects.bulk_create(
        Communaute(
            nom=f"Communauté {i:03d}",
            slug=f"c-{i:03d}",
            type="thematique",
            objet="x",
            statut="active",
        )
        for i in range(nb_communautes)
    )
    personnes = Personne.objects.bulk_create(
        Personne(email=f"p{i}@exemple.fr", password="!", first_name="P", last_name=f"{i:03d}")
        for i in range(nb_personnes)
    )
    debut, fin = aujourd_hui(), aujourd_hui() + timedelta(days=90)
    Engagement.objects.bulk_create(
        Engagement(
            communaute=communautes[(i * 7 + j) % nb_communautes],
            personne=p,
            expertise=Expertise.AGENT_TERRAIN,
            heures_par_mois=1 + (i % 3),
            debut=debut,
            fin=fin,
        )
        for i, p in enumerate(personnes)
        for j in range(par_personne)
    )
    return communautes, personnes


def test_my_engagements_queries_are_bounded(client, django_assert_num_queries):
    communautes, personnes = _beaucoup_d_engagements()
    moi = personnes[0]
    # And 60 past ones, over three pages.
    Engagement.objects.bulk_create(
        Engagement(
            communaute=communautes[i],
            personne=moi,
            expertise=Expertise.DECIDEUR,
            heures_par_mois=1,
            debut=aujourd_hui() - timedelta(200),
            fin=aujourd_hui() - timedelta(100),
            termine_le=aujourd_hui() - timedelta(100),
            motif_fin=MotifFin.ECHU,
        )
        for i in range(60)
    )
    assert Engagement.objects.count() == 5060
    client.force_login(moi)
    # session, person, running, count of past ones, one page of them
    with django_assert_num_queries(5):
        reponse = client.get(url("mes_engagements"))
    assert len(reponse.context["en_cours"]) == 20
    assert len(reponse.context["passes"]) == 20
    with django_assert_num_queries(5):
        reponse = client.get(url("mes_engagements") + "?page=3")
    assert reponse.context["page"].number == 3


# --- The team's view ------------------------------------------------------------------------


def test_a_visitor_is_sent_to_log_in_for_the_team_s_view(client):
    reponse = client.get(url("charge"))
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("nom", HORS_EQUIPE)
def test_people_outside_the_team_cannot_see_the_load(nom, client_de):
    assert client_de(nom).get(url("charge")).status_code == 403


@pytest.mark.parametrize("nom", EQUIPE)
def test_the_team_sees_who_is_over_the_threshold_heaviest_first(nom, client_de, settings):
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 8
    lourde = PersonneFactory(first_name="Anne", last_name="Lourde")
    moyenne = PersonneFactory(first_name="Yann", last_name="Moyen")
    pile = PersonneFactory(first_name="Pile", last_name="Huit")
    for heures in (6, 6):
        EngagementFactory(personne=lourde, heures_par_mois=heures)
    EngagementFactory(
        personne=moyenne, heures_par_mois=5, communaute=CommunauteFactory(nom="Voirie")
    )
    EngagementFactory(personne=moyenne, heures_par_mois=4)
    EngagementFactory(personne=pile, heures_par_mois=8)
    # Ended ones do not count.
    EngagementFactory(
        personne=pile, heures_par_mois=8, termine_le=aujourd_hui(), motif_fin=MotifFin.QUITTE
    )
    reponse = client_de(nom).get(url("charge"))
    assert reponse.status_code == 200
    assert [(p.pk, p.total) for p in reponse.context["personnes"]] == [
        (lourde.pk, 12),
        (moyenne.pk, 9),
    ]
    page = texte(reponse)
    assert "Voirie : 5 h" in page
    assert "Pile Huit" not in page


def test_the_team_s_view_queries_are_bounded(client_de, django_assert_num_queries):
    _beaucoup_d_engagements()
    client = client_de("animation")
    # session, person with their roles, count, one page, its running engagements
    with django_assert_num_queries(5):
        reponse = client.get(url("charge"))
    personnes = reponse.context["personnes"]
    assert len(personnes) == 50
    assert reponse.context["page"].paginator.count == 250
    totaux = [p.total for p in personnes]
    assert totaux == sorted(totaux, reverse=True)
    assert all(len(p.engagements_en_cours) == 20 for p in personnes)
    with django_assert_num_queries(5):
        client.get(url("charge") + "?page=5")


def test_the_team_s_view_sums_each_person_s_hours_once(client_de):
    _beaucoup_d_engagements()
    client = client_de("animation")

    requetes = sql_de_la_page(client, url("charge"))

    # One grouped pass over the running commitments, not a subquery that sums a person's
    # hours again for every person over the threshold before the page is cut.
    page = next(sql for sql in requetes if '"total"' in sql and "LIMIT 50" in sql)
    assert "GROUP BY" in page and "HAVING" in page
    assert "(SELECT SUM" not in page
    # Heaviest first (60 h: one person in three), then by name.
    personnes = client.get(url("charge")).context["personnes"]
    assert [(p.last_name, p.total) for p in personnes[:3]] == [
        ("002", 60),
        ("005", 60),
        ("008", 60),
    ]


# --- The partial on the community page ------------------------------------------------------


def _rendre(user, communaute):
    request = RequestFactory().get(communaute.get_absolute_url())
    request.user = user
    contexte = contexte_engagement(request, communaute)
    return contexte, " ".join(
        render_to_string(
            "communautes/includes/_engagement_bloc.html", contexte | {"user": user}, request=request
        ).split()
    )


def test_the_partial_invites_a_visitor_to_join_without_a_query(
    django_assert_num_queries, communaute
):
    with django_assert_num_queries(0):
        contexte, html = _rendre(AnonymousUser(), communaute)
    assert contexte["mon_engagement"] is None
    assert "Rejoindre cette communauté" in html
    assert url("rejoindre", communaute) in html


def test_the_partial_shows_my_engagement_in_one_query(django_assert_num_queries, communaute):
    personne = PersonneFactory()
    engagement = EngagementFactory(personne=personne, communaute=communaute, heures_par_mois=3)
    personne = Personne.objects.get(pk=personne.pk)
    with django_assert_num_queries(1):
        contexte, html = _rendre(personne, communaute)
    assert contexte["mon_engagement"] == engagement
    assert "3 h par mois" in html
    assert url("prolonger", communaute) in html
    assert url("quitter", communaute) in html
    assert "Quitter la communauté" in html
    assert "Rejoindre cette communauté" not in html


def test_the_partial_offers_to_join_a_logged_in_person_without_engagement(communaute):
    _, html = _rendre(PersonneFactory(), communaute)
    assert "Rejoindre cette communauté" in html


def test_the_partial_says_why_one_cannot_join(django_assert_num_queries):
    communaute = CommunauteFactory(statut=StatutCommunaute.CLOSE)
    with django_assert_num_queries(0):
        _, html = _rendre(AnonymousUser(), communaute)
    assert "n'accueille pas de nouveaux membres" in html
    assert "Rejoindre cette communauté" not in html


def test_the_partial_in_a_community_asleep_offers_to_leave_not_to_renew():
    communaute = CommunauteFactory(statut=StatutCommunaute.EN_SOMMEIL)
    engagement = EngagementFactory(communaute=communaute)
    _, html = _rendre(engagement.personne, communaute)
    assert "Quitter la communauté" in html
    assert url("prolonger", communaute) not in html


# --- The profile page -----------------------------------------------------------------------


@pytest.mark.parametrize("nom", CONNECTES)
def test_the_profile_links_to_my_engagements_and_the_team_to_the_load(nom, client_de):
    reponse = client_de(nom).get(reverse("comptes:profil"))
    contenu = reponse.content.decode()
    assert url("mes_engagements") in contenu
    assert (url("charge") in contenu) == (nom in EQUIPE)


def test_every_persona_gets_an_answer_on_every_page(client_de, persona):
    """No page of commitments answers 500 to anybody, whatever their role."""
    communaute = CommunauteFactory()
    for nom in ALL_PERSONAS:
        client = client_de(nom)
        for adresse in (
            url("rejoindre", communaute),
            url("prolonger", communaute),
            url("mes_engagements"),
            url("charge"),
        ):
            assert client.get(adresse).status_code in {200, 302, 403}
        client.logout()


def test_renewing_an_engagement_already_at_the_furthest_date_says_so(
    client_de, persona, communaute
):
    EngagementFactory(
        communaute=communaute,
        personne=persona("relais"),
        fin=services.ajouter_mois(aujourd_hui(), 12),
    )
    reponse = client_de("relais").get(url("prolonger", communaute))
    assert reponse.status_code == 200
    assert "court déjà jusqu'à la date la plus lointaine possible" in texte(reponse)
    assert b'name="fin"' not in reponse.content


def test_the_community_page_shows_the_commitment_block(client_de, persona, communaute):
    reponse = client_de("anonyme").get(communaute.get_absolute_url())
    assert "Rejoindre cette communauté" in texte(reponse)
    EngagementFactory(communaute=communaute, personne=persona("relais"), heures_par_mois=3)
    reponse = client_de("relais").get(communaute.get_absolute_url())
    page = texte(reponse)
    assert "Votre engagement" in page
    assert "3 h par mois" in page
    assert url("quitter", communaute) in reponse.content.decode()


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("organisation", "999999", "Choisissez une organisation de la liste"),
        ("organisation", "pas-un-nombre", "Choisissez une organisation de la liste"),
        ("heures_par_mois", "9" * 30, "au plus 160 heures"),
        ("fin", "2026-13-45", "Saisissez une date valide"),
        ("fin", "x" * 500, "Saisissez une date valide"),
        ("role", "animateur", "Choisissez un rôle de la liste"),
    ],
)
def test_odd_input_gets_a_french_message_never_a_500(client_de, communaute, champ, valeur, message):
    reponse = client_de("relais").post(url("rejoindre", communaute), donnees(**{champ: valeur}))
    assert reponse.status_code == 400
    assert message in texte(reponse)
    assert not Engagement.objects.exists()


def test_the_account_menu_of_every_page_links_to_my_engagements(client_de):
    reponse = client_de("relais").get("/")
    assert reponse.status_code == 200
    assert 'href="/communautes/mes-engagements/"' in reponse.content.decode()


def test_a_visitor_has_no_link_to_my_engagements(client):
    assert "/communautes/mes-engagements/" not in client.get("/").content.decode()


# --- A commitment guaranteed in a contractual frame (a pact of transformation) -------------


def test_a_contractual_commitment_is_shown_as_such_and_follows_its_frame(client_de, persona):
    communaute = CommunauteFactory()
    relais = persona("relais")
    relais.profil_public = True
    relais.save(update_fields=["profil_public"])
    fin = timezone.localdate() + timedelta(days=500)
    services.engagement_contractuel_prendre(
        communaute=communaute,
        personne=relais,
        organisation=None,
        heures_par_mois=15,
        debut=timezone.localdate(),
        fin=fin,
        cadre="Pacte n° 12",
        par=None,
    )
    client = client_de("relais")

    page = unescape(client.get(communaute.get_absolute_url()).content.decode())
    assert "· engagement contractuel (Pacte n° 12)" in page
    assert "dans un cadre contractuel garanti par votre organisation (Pacte n° 12)" in page
    assert "Prolonger mon engagement" not in page

    mes = unescape(client.get(reverse("communautes:mes_engagements")).content.decode())
    assert "Engagement contractuel garanti par votre organisation (Pacte n° 12)" in mes
    assert reverse("communautes:prolonger", args=[communaute.slug]) not in mes

    reponse = client.post(
        reverse("communautes:prolonger", args=[communaute.slug]),
        {"fin": (fin + timedelta(days=10)).isoformat()},
    )
    assert Engagement.objects.get(personne=relais).fin == fin
    assert reponse.status_code in (200, 302, 400)
