"""The maturity checklist on the public problem page, and the team's two maturity forms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from communautes.models import ActionCommunaute, Communaute, Engagement, RoleEngagement, TypeAction
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.conftest import ALL_PERSONAS
from tests.factories import TerritoireFactory
from tests.pages import nb_requetes, sql_de_la_page
from tests.problematiques.factories import ProblematiqueFactory
from tests.problematiques.test_detail import XSS, Balises
from tilab.comptes.models import Expertise, Personne

pytestmark = pytest.mark.django_db

PEUVENT_NOTER = {"direction", "coordination", "animation"}


def html(response) -> str:
    return response.content.decode()


def section_maturite(page: str) -> str:
    debut = page.index('<section class="maturite"')
    return page[debut : page.index("</section>", debut)]


@pytest.fixture
def epci():
    return TerritoireFactory(nom="Haut-Léon Communauté", type="epci", code="")


@pytest.fixture
def commune(epci):
    return TerritoireFactory(nom="Saint-Pol-de-Léon", parent=epci)


@pytest.fixture
def communaute(epci):
    p = ProblematiqueFactory(
        publiee=True, statut="communaute_constituee", territoires=[epci], slug="bus-des-hameaux"
    )
    return CommunauteFactory(interet=True, problematique=p)


@pytest.fixture
def problematique(communaute):
    return communaute.problematique


def url_territoire(p):
    return reverse("communautes:maturite_territoire", kwargs={"slug": p.slug})


def url_derogation(p):
    return reverse("communautes:maturite_derogation", kwargs={"slug": p.slug})


def relire(communaute):
    return Communaute.objects.get(pk=communaute.pk)


# --- The public problem page ---------------------------------------------------------------


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_the_checklist_is_public(client_de, problematique, communaute, nom):
    EngagementFactory(communaute=communaute, role=RoleEngagement.REFERENT)
    EngagementFactory.create_batch(3, communaute=communaute)

    page = html(client_de(nom).get(problematique.get_absolute_url()))
    section = section_maturite(page)

    assert "Maturité pour le COPIL" in section
    assert "Pas encore prête : 4 critères manquants" in section
    assert section.count(">Rempli<") == 1
    assert section.count(">Manquant<") == 4
    assert "4 membres sur 5 requis" in section
    assert "1 personne référente engagée" in section
    assert "Aucun territoire ne s&#x27;est encore dit prêt" in section


def test_no_checklist_without_community(client):
    p = ProblematiqueFactory(publiee=True)

    page = html(client.get(p.get_absolute_url()))

    assert "Maturité pour le COPIL" not in page
    assert 'class="maturite"' not in page


def test_a_complete_checklist_says_ready(client, problematique, communaute, epci):
    EngagementFactory(communaute=communaute, role=RoleEngagement.REFERENT)
    EngagementFactory.create_batch(3, communaute=communaute)
    EngagementFactory(communaute=communaute, expertise=Expertise.DECIDEUR)
    communaute.territoire_volontaire = epci
    communaute.territoire_volontaire_note = "Délibération du **3 mars**."
    communaute.territoire_volontaire_le = timezone.now()
    communaute.save()

    section = section_maturite(html(client.get(problematique.get_absolute_url())))

    assert "Prête pour le COPIL" in section
    assert section.count(">Rempli<") == 5
    assert ">Manquant<" not in section
    assert "Haut-Léon Communauté, noté le" in section
    assert "Délibération du <strong>3\u00a0mars</strong>." in section


def test_the_override_is_shown_with_its_reason_and_date(client, problematique, communaute):
    communaute.derogation_motif = "Le territoire signe en *janvier*."
    communaute.derogation_le = timezone.make_aware(timezone.datetime(2026, 11, 2, 9, 0))
    communaute.save()

    section = section_maturite(html(client.get(problematique.get_absolute_url())))

    assert "Prête pour le COPIL par dérogation de la Direction" in section
    assert "Dérogation de la Direction" in section
    assert "Le territoire signe en <em>janvier</em>." in section
    assert '<time datetime="2026-11-02T09:00:00+01:00">2\u00a0novembre\u00a02026</time>' in section


@pytest.mark.parametrize("payload", XSS)
def test_the_note_and_the_reason_are_rendered_inert(
    client, problematique, communaute, epci, payload
):
    communaute.territoire_volontaire = epci
    communaute.territoire_volontaire_note = payload
    communaute.territoire_volontaire_le = timezone.now()
    communaute.derogation_motif = payload
    communaute.derogation_le = timezone.now()
    communaute.save()

    section = section_maturite(html(client.get(problematique.get_absolute_url())))

    balises = Balises()
    balises.feed(section)
    assert not {"script", "img", "iframe"} & {tag for tag, _ in balises.vues}
    for _, attributs in balises.vues:
        for nom, valeur in attributs:
            assert not nom.startswith("on"), (nom, valeur)
            assert not (valeur or "").strip().lower().startswith("javascript:"), (nom, valeur)


@pytest.mark.parametrize("nom", ALL_PERSONAS)
def test_links_for_the_team_and_the_direction(client_de, problematique, nom):
    section = section_maturite(html(client_de(nom).get(problematique.get_absolute_url())))

    assert (url_territoire(problematique) in section) is (nom in PEUVENT_NOTER)
    assert (url_derogation(problematique) in section) is (nom == "direction")


def _volume(communaute, nb=2_000):
    jour = timezone.localdate()
    personnes = Personne.objects.bulk_create(
        Personne(email=f"vues-maturite-{i}@exemple.fr") for i in range(nb)
    )
    kinds = list(Expertise.values)
    Engagement.objects.bulk_create(
        Engagement(
            communaute=communaute,
            personne=personne,
            role=RoleEngagement.REFERENT if i % 50 == 0 else RoleEngagement.MEMBRE,
            expertise=kinds[i % len(kinds)],
            heures_par_mois=2,
            debut=jour - timedelta(days=3),
            fin=jour + timedelta(days=60),
        )
        for i, personne in enumerate(personnes)
    )


def test_the_checklist_costs_one_query_whatever_the_size_of_the_community(
    client, problematique, communaute, django_assert_max_num_queries
):
    sans = ProblematiqueFactory(publiee=True)
    # Warm up what the first request of a test loads once (site, content types...).
    client.get(sans.get_absolute_url())
    _volume(communaute)
    petite = CommunauteFactory(interet=True)
    EngagementFactory(communaute=petite)

    grande = nb_requetes(client, problematique.get_absolute_url())
    une = nb_requetes(client, petite.problematique.get_absolute_url())

    # The same cost for one member as for 2,000: nothing is fetched per commitment.
    assert grande == une
    with django_assert_max_num_queries(12):
        reponse = client.get(problematique.get_absolute_url())
    assert "2\u00a0000 membres engagés (5 requis)" in html(reponse)


def test_the_page_context_costs_one_query_with_a_community_none_without(
    rf, problematique, communaute, django_assert_num_queries
):
    from communautes.views.maturite import contexte_problematique
    from problematiques.models import Problematique

    _volume(communaute)
    requete = rf.get("/")
    requete.user = AnonymousUser()
    avec = Problematique.objects.select_related("communaute").get(pk=problematique.pk)
    sans = Problematique.objects.select_related("communaute").get(
        pk=ProblematiqueFactory(publiee=True).pk
    )

    with django_assert_num_queries(1):
        contexte = contexte_problematique(requete, avec)
    with django_assert_num_queries(0):
        assert contexte_problematique(requete, sans) == {"maturite": None}

    assert contexte["maturite"].nb_membres == 2_000
    assert contexte["peut_noter_territoire"] is False
    assert contexte["peut_deroger"] is False


def test_the_team_page_query_count_with_2000_commitments(
    client_de, problematique, communaute, django_assert_max_num_queries
):
    _volume(communaute)
    client = client_de("direction")

    with django_assert_max_num_queries(15):
        reponse = client.get(problematique.get_absolute_url())

    assert reponse.status_code == 200
    assert url_derogation(problematique) in html(reponse)


def test_the_territory_choices_are_read_from_the_territories_named_only(
    client_de, problematique, communaute, commune, django_assert_num_queries
):
    # Many problems elsewhere, each with its territories.
    for _ in range(30):
        ProblematiqueFactory(publiee=True, territoires=[TerritoireFactory()])
    client = client_de("coordination")
    client.get(url_territoire(problematique))

    requetes = sql_de_la_page(client, url_territoire(problematique))

    # The territories named by the community and its problem, from the two link tables by
    # their keys; then the territories under them. No join of every territory with every
    # problem's territories.
    assert not [sql for sql in requetes if 'JOIN "problematiques_problematique_territoires"' in sql]
    # Session, person with their roles, the problem, the territories named, the checklist,
    # the choices.
    with django_assert_num_queries(6):
        reponse = client.get(url_territoire(problematique))
    assert "Saint-Pol-de-Léon (Commune)" in html(reponse)


# --- The territory form --------------------------------------------------------------------


@pytest.mark.parametrize("methode", ["get", "post"])
def test_a_visitor_is_sent_to_log_in(client, problematique, methode):
    reponse = getattr(client, methode)(url_territoire(problematique))

    assert reponse.status_code == 302
    assert reponse.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("nom", sorted(set(ALL_PERSONAS) - PEUVENT_NOTER - {"anonyme"}))
@pytest.mark.parametrize("methode", ["get", "post"])
def test_others_are_refused_the_territory_form(
    client_de, problematique, communaute, epci, nom, methode
):
    client = client_de(nom)
    donnees = {"territoire": epci.pk, "note": "Oui."} if methode == "post" else None

    reponse = getattr(client, methode)(url_territoire(problematique), donnees)

    assert reponse.status_code == 403
    assert relire(communaute).territoire_volontaire is None
    assert not ActionCommunaute.objects.exists()


@pytest.mark.parametrize("nom", sorted(PEUVENT_NOTER))
def test_the_team_sees_the_territory_form(client_de, problematique, epci, commune, nom):
    reponse = client_de(nom).get(url_territoire(problematique))

    page = html(reponse)
    assert reponse.status_code == 200
    assert "Un territoire prêt à s&#x27;engager" in page
    assert "Haut-Léon Communauté (EPCI)" in page
    assert "Saint-Pol-de-Léon (Commune)" in page
    # Nothing to withdraw yet.
    assert 'name="retirer"' not in page


@pytest.mark.parametrize("nom", sorted(PEUVENT_NOTER))
def test_the_team_ticks_the_territory(client_de, problematique, communaute, commune, nom):
    client = client_de(nom)

    reponse = client.post(
        url_territoire(problematique), {"territoire": commune.pk, "note": "Le **maire** a écrit."}
    )

    assert reponse.status_code == 302
    assert reponse.url == problematique.get_absolute_url()
    c = relire(communaute)
    assert c.territoire_volontaire == commune
    assert c.territoire_volontaire_note == "Le **maire** a écrit."
    action = ActionCommunaute.objects.get(communaute=c)
    assert action.type == TypeAction.TERRITOIRE_VOLONTAIRE
    assert action.par.email == f"{nom}@tilab.test"
    page = html(client.get(reponse.url))
    assert "Le territoire Saint-Pol-de-Léon est noté comme prêt à s&#x27;engager." in page
    assert "Le <strong>maire</strong> a écrit." in section_maturite(page)
    assert "Modifier le territoire prêt à s'engager" in page


def test_the_form_shows_the_current_territory_and_the_withdraw_button(
    client_de, problematique, communaute, epci
):
    communaute.territoire_volontaire = epci
    communaute.territoire_volontaire_note = "Déjà noté."
    communaute.territoire_volontaire_le = timezone.now()
    communaute.save()

    page = html(client_de("coordination").get(url_territoire(problematique)))

    assert "Actuellement noté\u00a0: <strong>Haut-Léon Communauté</strong>" in page
    assert f'<option value="{epci.pk}" selected>' in page
    assert "Déjà noté.</textarea>" in page
    assert 'name="retirer"' in page


def test_the_team_withdraws_the_territory(client_de, problematique, communaute, epci):
    communaute.territoire_volontaire = epci
    communaute.territoire_volontaire_note = "Déjà noté."
    communaute.territoire_volontaire_le = timezone.now()
    communaute.save()
    client = client_de("animation")

    reponse = client.post(url_territoire(problematique), {"retirer": "1"})

    assert reponse.status_code == 302
    assert relire(communaute).territoire_volontaire is None
    assert ActionCommunaute.objects.get().type == TypeAction.TERRITOIRE_RETIRE
    assert "n&#x27;est plus noté" in html(client.get(reponse.url))


def test_withdrawing_twice_says_there_was_nothing(client_de, problematique):
    client = client_de("animation")

    reponse = client.post(url_territoire(problematique), {"retirer": "1"}, follow=True)

    assert "Aucun territoire n&#x27;était noté." in html(reponse)
    assert not ActionCommunaute.objects.exists()


def test_an_empty_note_is_refused_with_the_choice_kept(client_de, problematique, communaute, epci):
    reponse = client_de("coordination").post(
        url_territoire(problematique), {"territoire": epci.pk, "note": "   "}
    )

    page = html(reponse)
    assert reponse.status_code == 400
    assert "<title>Erreur\u00a0:" in page
    # As the page writes it: in French typography (tilab/typographie.py).
    assert (
        "Écrivez ce que le territoire a dit\u00a0: qui s&#x27;est engagé, comment et quand." in page
    )
    assert f'<option value="{epci.pk}" selected>' in page
    assert 'aria-invalid="true"' in page
    assert relire(communaute).territoire_volontaire is None
    assert not ActionCommunaute.objects.exists()


def test_a_territory_elsewhere_is_refused_with_the_note_kept(client_de, problematique, communaute):
    ailleurs = TerritoireFactory(nom="Vitré")

    reponse = client_de("direction").post(
        url_territoire(problematique), {"territoire": ailleurs.pk, "note": "Ma note gardée."}
    )

    page = html(reponse)
    assert reponse.status_code == 400
    assert (
        "Choisissez un territoire de la problématique ou de la communauté, ou un territoire "
        "qui en fait partie." in page
    )
    assert "Ma note gardée.</textarea>" in page
    assert relire(communaute).territoire_volontaire is None


@pytest.mark.parametrize("valeur", ["", "abc", "999999"])
def test_a_missing_or_unknown_territory_is_refused(client_de, problematique, valeur):
    reponse = client_de("direction").post(
        url_territoire(problematique), {"territoire": valeur, "note": "Oui."}
    )

    assert reponse.status_code == 400
    assert "Choisissez" in html(reponse)


def test_a_note_too_long_is_refused(client_de, problematique, epci):
    reponse = client_de("direction").post(
        url_territoire(problematique), {"territoire": epci.pk, "note": "x" * 3_001}
    )

    assert reponse.status_code == 400
    assert "Écrivez au plus 3000 caractères (vous en avez écrit 3001)." in html(reponse)


def test_a_problem_without_community_sends_back_with_a_message(client_de):
    p = ProblematiqueFactory(publiee=True)
    client = client_de("coordination")

    reponse = client.get(url_territoire(p), follow=True)

    assert reponse.redirect_chain == [(p.get_absolute_url(), 302)]
    assert "n&#x27;a pas encore de communauté d&#x27;intérêt" in html(reponse)


def test_an_unknown_problem_is_a_404(client_de):
    client = client_de("direction")

    assert client.get("/problematiques/inconnue/maturite/territoire/").status_code == 404
    assert client.get("/problematiques/inconnue/maturite/derogation/").status_code == 404


# --- The override form ---------------------------------------------------------------------


@pytest.mark.parametrize("methode", ["get", "post"])
def test_a_visitor_is_sent_to_log_in_for_the_override(client, problematique, methode):
    reponse = getattr(client, methode)(url_derogation(problematique))

    assert reponse.status_code == 302
    assert reponse.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("nom", sorted(set(ALL_PERSONAS) - {"anonyme", "direction"}))
@pytest.mark.parametrize("methode", ["get", "post"])
def test_only_the_direction_reaches_the_override(
    client_de, problematique, communaute, nom, methode
):
    client = client_de(nom)
    donnees = {"motif": "Urgence."} if methode == "post" else None

    reponse = getattr(client, methode)(url_derogation(problematique), donnees)

    assert reponse.status_code == 403
    assert relire(communaute).derogation_le is None
    assert not ActionCommunaute.objects.exists()


def test_the_direction_sees_the_override_form_with_the_checklist(client_de, problematique):
    reponse = client_de("direction").get(url_derogation(problematique))

    page = html(reponse)
    assert reponse.status_code == 200
    assert "Motif de la dérogation" in page
    assert "Pas encore prête : 5 critères manquants" in page
    assert 'name="retirer"' not in page


def test_the_direction_overrides(client_de, problematique, communaute):
    client = client_de("direction")

    reponse = client.post(url_derogation(problematique), {"motif": "Le territoire signe *lundi*."})

    assert reponse.status_code == 302
    assert reponse.url == problematique.get_absolute_url()
    c = relire(communaute)
    assert c.derogation_motif == "Le territoire signe *lundi*."
    action = ActionCommunaute.objects.get()
    assert (action.type, action.detail) == (TypeAction.DEROGATION, "Le territoire signe *lundi*.")
    page = html(client.get(reponse.url))
    assert "La dérogation est enregistrée" in page
    section = section_maturite(page)
    assert "Prête pour le COPIL par dérogation de la Direction" in section
    assert "Le territoire signe <em>lundi</em>." in section


def test_an_empty_reason_is_refused(client_de, problematique, communaute):
    reponse = client_de("direction").post(url_derogation(problematique), {"motif": " \n "})

    page = html(reponse)
    assert reponse.status_code == 400
    assert "Écrivez pourquoi la problématique peut aller au COPIL malgré ce qui manque." in page
    assert relire(communaute).derogation_le is None
    assert not ActionCommunaute.objects.exists()


def test_a_reason_too_long_is_refused_and_kept(client_de, problematique):
    motif = "y" * 3_001

    reponse = client_de("direction").post(url_derogation(problematique), {"motif": motif})

    assert reponse.status_code == 400
    assert f"{motif}</textarea>" in html(reponse)


def test_the_direction_withdraws_its_override(client_de, problematique, communaute):
    communaute.derogation_motif = "Urgence."
    communaute.derogation_le = timezone.now()
    communaute.save()
    client = client_de("direction")
    assert 'name="retirer"' in html(client.get(url_derogation(problematique)))
    assert "Urgence.</textarea>" in html(client.get(url_derogation(problematique)))

    reponse = client.post(url_derogation(problematique), {"retirer": "1"}, follow=True)

    assert relire(communaute).derogation_le is None
    assert ActionCommunaute.objects.get().type == TypeAction.DEROGATION_RETIREE
    assert "La dérogation est retirée" in html(reponse)
    assert "Prête pour le COPIL par dérogation" not in section_maturite(html(reponse))


def test_withdrawing_no_override_changes_nothing(client_de, problematique):
    reponse = client_de("direction").post(
        url_derogation(problematique), {"retirer": "1"}, follow=True
    )

    assert "Il n&#x27;y avait pas de dérogation." in html(reponse)
    assert not ActionCommunaute.objects.exists()


@pytest.mark.parametrize("url", [url_territoire, url_derogation])
def test_other_methods_are_refused(client_de, problematique, url):
    assert client_de("direction").put(url(problematique)).status_code == 405
