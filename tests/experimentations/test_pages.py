"""The public pages of experiments and pacts: the filtered list with its charts and the team's
workload, an experiment's page, the list of pacts, a pact's page (its paper copy), « mes
pactes », and what a problem's page shows of its experiment."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from experimentations.models import (
    BudgetAnnuel,
    Capacite,
    LigneBudget,
    Prestataire,
    QualiteSignataire,
    RoleParticipant,
    StatutExperimentation,
    StatutPacte,
    TypeEngagementPacte,
    TypePhase,
)
from experimentations.services import experimentations as services
from tests.communautes.factories import CommunauteFactory
from tests.conftest import ALL_PERSONAS
from tests.factories import OrganisationFactory, PersonneFactory, TerritoireFactory, ThemeFactory
from tests.pages import requete_de_comptage, sql_de_la_page, titres_des_cartes
from tilab.comptes.models import Territoire

from .factories import (
    EngagementPacteFactory,
    ExperimentationFactory,
    PacteFactory,
    ParticipantFactory,
    PhaseFactory,
    SignataireFactory,
)
from .volume import creer_volume_detail, creer_volume_liste

URL = reverse("experimentations:index")
URL_PACTES = reverse("experimentations:pactes")
URL_MES_PACTES = reverse("experimentations:mes_pactes")
TI_TEAM = {"direction", "coordination", "animation", "documentation", "recherche"}
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    """The page as text, spaces folded ("Territoires : …" where the CSS writes the colon)."""
    html = reponse.content.decode().replace("</dt>", " :</dt>")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def aujourd_hui() -> date:
    return timezone.localdate()


@pytest.fixture
def finistere():
    return Territoire.objects.get(slug="finistere")


def sans_script_injecte(reponse) -> None:
    html = reponse.content.decode()
    assert "<script>alert" not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert "<img src=x" not in html


# --- The list -----------------------------------------------------------------------------------


def test_the_list_is_empty_at_first_and_says_where_experiments_come_from(client):
    page = texte(client.get(URL))
    assert "Aucune expérimentation n'est encore lancée" in page
    assert "La charge de l'équipe" in page


def test_a_card_says_the_essential_in_a_sentence(client, finistere):
    e = ExperimentationFactory(
        titre="Cantines sans plastique",
        statut=StatutExperimentation.EN_COURS,
        lancee_le=date(2026, 3, 3),
    )
    e.territoires.set([finistere])
    e.themes.set([ThemeFactory(nom="Alimentation")])
    PhaseFactory(
        experimentation=e, type=TypePhase.PROTOTYPAGE, debut_reel=aujourd_hui(), fin_reelle=None
    )
    ParticipantFactory.create_batch(3, experimentation=e)
    PacteFactory(experimentation=e, statut=StatutPacte.SIGNE, signe_le=timezone.now())
    PacteFactory(experimentation=e, statut=StatutPacte.BROUILLON)

    page = texte(client.get(URL))

    assert titres_des_cartes(client.get(URL)) == ["Cantines sans plastique"]
    assert (
        "En cours depuis le 3 mars 2026, sur Finistère, en phase « prototypage », avec 3 "
        "participants et 1 pacte de transformation en vigueur." in page
    )
    assert "Thème : Alimentation" in page


def test_the_charts_come_after_the_list(client):
    ExperimentationFactory()
    html = client.get(URL).content.decode()
    assert html.index('id="titre-resultats"') < html.index('id="titre-chiffres"')
    assert html.index('id="titre-chiffres"') < html.index('id="titre-charge"')
    assert html.count('role="img"') == 3


def test_counts_by_state_and_by_departement(client, finistere):
    epci = TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon")
    ExperimentationFactory(statut=StatutExperimentation.EN_COURS).territoires.set([epci])
    ExperimentationFactory(statut=StatutExperimentation.EN_COURS).territoires.set([finistere])
    ExperimentationFactory(statut=StatutExperimentation.SUSPENDUE).territoires.set(
        [Territoire.objects.get(slug="morbihan")]
    )
    html = client.get(URL).content.decode()
    tableaux = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert "En cours 2" in tableaux
    assert "Suspendue 1" in tableaux
    assert "En préparation 0" in tableaux
    assert "Finistère 2" in tableaux
    assert "Morbihan 1" in tableaux


def test_filter_by_state_theme_coordination_and_year(client, persona):
    theme = ThemeFactory(nom="Mobilités", slug="mobilites")
    anne = PersonneFactory(
        roles=["Coordination"], profil_public=True, first_name="Anne", last_name="Le Gall"
    )
    a = ExperimentationFactory(titre="A", statut=StatutExperimentation.EN_COURS, coordinateur=anne)
    a.themes.set([theme])
    b = ExperimentationFactory(titre="B", statut=StatutExperimentation.SUSPENDUE)
    b.themes.set([theme])
    ExperimentationFactory(titre="C", statut=StatutExperimentation.EN_COURS)

    assert titres_des_cartes(client.get(URL, {"etat": "en_cours"})) == ["C", "A"]
    assert titres_des_cartes(client.get(URL, {"theme": "mobilites"})) == ["B", "A"]
    assert titres_des_cartes(client.get(URL, {"coordination": anne.pk})) == ["A"]
    annee = aujourd_hui().year
    assert len(titres_des_cartes(client.get(URL, {"annee": annee}))) == 3
    page = texte(client.get(URL, {"coordination": anne.pk}))
    assert "coordination « Anne Le Gall »" in page


def test_territory_filter_includes_what_lies_under(client, finistere):
    epci = TerritoireFactory(type="epci", parent=finistere, code="", nom="Haut-Léon")
    commune = TerritoireFactory(type="commune", parent=epci, nom="Saint-Pol")
    ExperimentationFactory(titre="Sur la commune").territoires.set([commune])
    ExperimentationFactory(titre="Ailleurs").territoires.set(
        [Territoire.objects.get(slug="morbihan")]
    )
    assert titres_des_cartes(client.get(URL, {"territoire": "finistere"})) == ["Sur la commune"]


@pytest.mark.parametrize(
    "parametres",
    [
        {"etat": "inconnu"},
        {"territoire": "nulle-part"},
        {"theme": "<script>"},
        {"coordination": "abc"},
        {"coordination": "999999"},
        {"annee": "1900"},
        {"annee": "deux-mille"},
        {"page": "-3"},
        {"etat": ["en_cours", "x" * 5000]},
    ],
)
def test_bad_filters_answer_the_list_with_a_french_message(client, parametres):
    ExperimentationFactory(titre="Toujours là")
    reponse = client.get(URL, parametres)
    assert reponse.status_code == 200
    assert "Toujours là" in texte(reponse)
    if "page" not in parametres:
        assert "Choisissez une valeur de la liste." in texte(reponse)


def test_the_workload_names_only_who_chose_to_and_says_who_is_over_capacity(client, direction):
    anne = PersonneFactory(
        roles=["Coordination"], profil_public=True, first_name="Anne", last_name="Le Gall"
    )
    discret = PersonneFactory(roles=["Coordination"], first_name="Secret", last_name="Discret")
    ExperimentationFactory.create_batch(3, coordinateur=anne)
    ExperimentationFactory(coordinateur=discret)
    Capacite.objects.create(coordinateur=anne, nombre=2, fixee_par=direction)
    Capacite.objects.create(coordinateur=discret, nombre=3, fixee_par=direction)

    page = texte(client.get(URL))

    assert "Anne Le Gall 3 2 Au-delà de sa capacité" in page
    assert "Coordination 1 1 3 En dessous de sa capacité" in page
    assert "Discret" not in page
    assert "1 personne de la coordination est au-delà de sa capacité" in page
    assert "3 sur 2, au-delà" in page
    assert "Toute l'équipe 4 5" in page


# --- An experiment's page -------------------------------------------------------------------


def test_an_unknown_experiment_is_a_404(client):
    assert client.get(reverse("experimentations:detail", args=["inconnue"])).status_code == 404


def test_the_page_shows_summary_territories_themes_and_community(client, finistere):
    communaute = CommunauteFactory(nom="Les cantines engagées")
    e = ExperimentationFactory(
        titre="Cantines sans plastique",
        resume="Tester **ensemble** des contenants réutilisables.",
        communaute=communaute,
    )
    e.territoires.set([finistere])
    e.themes.set([ThemeFactory(nom="Alimentation")])
    reponse = client.get(e.get_absolute_url())
    html = reponse.content.decode()
    page = texte(reponse)
    assert "<strong>ensemble</strong>" in html
    assert "Territoires : Finistère" in page
    assert "Thèmes : Alimentation" in page
    assert f'href="{communaute.get_absolute_url()}"' in html
    assert f'href="{e.problematique.get_absolute_url()}"' in html


def test_the_coordinator_is_named_only_if_they_chose_to(client):
    public = PersonneFactory(
        roles=["Coordination"], profil_public=True, first_name="Anne", last_name="Le Gall"
    )
    discret = PersonneFactory(roles=["Coordination"], first_name="Yves", last_name="Discret")
    assert "Coordination : Anne Le Gall" in texte(
        client.get(ExperimentationFactory(coordinateur=public).get_absolute_url())
    )
    page = texte(client.get(ExperimentationFactory(coordinateur=discret).get_absolute_url()))
    assert "Discret" not in page
    assert "Coordination : l'équipe de coordination du Ti Lab" in page


def test_a_suspended_experiment_says_when_and_why(client, coordination):
    e = ExperimentationFactory(statut=StatutExperimentation.EN_COURS)
    services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut="suspendue", motif="Le local a brûlé."
    )
    page = texte(client.get(e.get_absolute_url()))
    assert f"Suspendue le {aujourd_hui().day}" in page
    assert "Le local a brûlé." in page


def test_phases_as_a_timeline_with_its_table(client):
    e = ExperimentationFactory()
    debut = aujourd_hui() - timedelta(days=100)
    PhaseFactory(
        experimentation=e,
        type=TypePhase.CADRAGE,
        debut_prevu=debut,
        fin_prevue=debut + timedelta(days=30),
        debut_reel=debut,
        fin_reelle=debut + timedelta(days=40),
        compte_rendu="Trois *ateliers* avec les cantinières.",
    )
    PhaseFactory(
        experimentation=e,
        type=TypePhase.PROTOTYPAGE,
        debut_prevu=debut + timedelta(days=30),
        fin_prevue=debut + timedelta(days=200),
        debut_reel=debut + timedelta(days=45),
    )
    PhaseFactory(
        experimentation=e,
        type=TypePhase.TEST,
        debut_prevu=aujourd_hui() + timedelta(days=150),
        fin_prevue=aujourd_hui() + timedelta(days=200),
    )
    reponse = client.get(e.get_absolute_url())
    html = reponse.content.decode()
    page = texte(reponse)
    assert html.count('class="frise__prevu"') == 3
    assert html.count('<rect class="frise__reel') == 2
    assert "frise__reel--ouvert" in html
    assert "Terminée 10 jours après la date prévue" in page
    assert "Commencée 15 jours après la date prévue" in page
    assert "Pas commencée" in page
    assert "À venir" in page
    assert "<em>ateliers</em>" in html
    # Cadrage before prototypage before test, whatever the order of their dates.
    assert page.index("Cadrage :") < page.index("Prototypage :") < page.index("Test :")


def test_participants_in_the_order_of_their_roles_named_only_if_they_chose_to(client):
    e = ExperimentationFactory()
    mairie = OrganisationFactory(nom="Mairie de Plouzané")
    ParticipantFactory(experimentation=e, organisation=mairie, role=RoleParticipant.PORTEUR)
    ParticipantFactory(
        experimentation=e,
        organisation=None,
        personne=PersonneFactory(profil_public=True, first_name="Nolwenn", last_name="Kerbrat"),
        role=RoleParticipant.CHERCHEUR,
    )
    ParticipantFactory(
        experimentation=e,
        organisation=mairie,
        personne=PersonneFactory(first_name="Caché", last_name="Discret"),
        role=RoleParticipant.USAGER,
    )
    page = texte(client.get(e.get_absolute_url()))
    # One line each: who, then their role; porteurs first, whatever the order they came in.
    assert "Mairie de Plouzané · porteur" in page
    assert "Nolwenn Kerbrat · chercheur ou chercheuse" in page
    assert "Mairie de Plouzané (une personne de l'organisation) · usager ou usagère" in page
    assert "Discret" not in page
    assert page.index("· porteur") < page.index("· usager") < page.index("· chercheur")


def test_only_public_pacts_are_summed_up_with_a_link(client):
    e = ExperimentationFactory()
    signe = PacteFactory(
        experimentation=e,
        organisation=OrganisationFactory(nom="Commune de Brest"),
        statut=StatutPacte.SIGNE,
        signe_le=timezone.now(),
    )
    EngagementPacteFactory(pacte=signe)
    PacteFactory(
        experimentation=e,
        organisation=OrganisationFactory(nom="Brouillon secret"),
        statut=StatutPacte.BROUILLON,
    )
    reponse = client.get(e.get_absolute_url())
    page = texte(reponse)
    assert "Commune de Brest" in page
    assert "Temps de travail d'un participant (ETP) : 0,1 ETP" in page
    assert "Brouillon secret" not in page
    assert f'href="{signe.get_absolute_url()}"' in reponse.content.decode()


def budget(e, coordination_):
    annee = aujourd_hui().year
    prestataire = Prestataire.objects.create(
        experimentation=e, organisation=OrganisationFactory(nom="Agence Design"), objet="Design"
    )
    LigneBudget.objects.create(
        prestataire=prestataire, libelle="Ateliers de cadrage", montant=Decimal("3000"),
        phase=TypePhase.CADRAGE, annee=annee,
    )  # fmt: skip
    LigneBudget.objects.create(
        prestataire=prestataire, libelle="Prototype", montant=Decimal("12000.50"),
        phase=TypePhase.PROTOTYPAGE, annee=annee + 1,
    )  # fmt: skip
    autre = Prestataire.objects.create(
        experimentation=ExperimentationFactory(), organisation=OrganisationFactory(), objet="X"
    )
    LigneBudget.objects.create(prestataire=autre, libelle="Ailleurs", montant=7000, annee=annee)
    BudgetAnnuel.objects.create(annee=annee, montant=Decimal("100000"))


@pytest.mark.parametrize("nom_persona", ALL_PERSONAS)
def test_budget_totals_for_everyone_and_lines_for_the_ti_team(client_de, nom_persona, persona):
    e = ExperimentationFactory()
    budget(e, persona("coordination"))
    page = texte(client_de(nom_persona).get(e.get_absolute_url()))
    annee = aujourd_hui().year
    assert "15 000,50 €" in page
    assert "Cadrage 3 000 €" in page
    assert "Prototypage 12 000,50 €" in page
    assert f"{annee} 3 000 €" in page
    assert f"{annee + 1} 12 000,50 €" in page
    assert "100 000 €" in page
    assert "10 000 € sont engagés, soit 10 % du budget" in page
    assert "dont 3 000 € pour cette expérimentation" in page
    ti_team = nom_persona in TI_TEAM
    assert ("Ateliers de cadrage" in page) == ti_team
    assert ("Agence Design" in page) == ti_team


@pytest.mark.parametrize("nom_persona", ALL_PERSONAS)
def test_every_persona_reads_the_list_an_experiment_and_a_pact(client_de, nom_persona):
    e = ExperimentationFactory(titre="Ouverte à tous")
    pacte = PacteFactory(experimentation=e, statut=StatutPacte.PROPOSE, propose_le=timezone.now())
    client = client_de(nom_persona)
    assert "Ouverte à tous" in texte(client.get(URL))
    assert client.get(e.get_absolute_url()).status_code == 200
    assert client.get(URL_PACTES).status_code == 200
    assert client.get(pacte.get_absolute_url()).status_code == 200


# --- Query counts -----------------------------------------------------------------------------


def test_list_query_count_does_not_grow_with_the_data(client, persona, django_assert_num_queries):
    creer_volume_liste()
    # The first list computes the charts' figures and stores them (cache read, three
    # aggregates, the cache's write), on top of the list's own.
    reponse = client.get(URL)
    assert len(titres_des_cartes(reponse)) == 20
    # Every other list: the territory choices, the team's load, the first year, the count,
    # the page with its figures, its territories, its themes, the figures from the cache, the
    # theme choices.
    with django_assert_num_queries(9):
        reponse = client.get(URL)
    assert len(titres_des_cartes(reponse)) == 20
    assert "avec 4 participants et 1 pacte de transformation en vigueur" in texte(reponse)

    client.force_login(persona("relais"))
    # Plus the session and the person.
    with django_assert_num_queries(11):
        reponse = client.get(
            URL, {"territoire": "finistere", "etat": "en_cours", "annee": aujourd_hui().year}
        )
    assert len(titres_des_cartes(reponse)) == 20
    with django_assert_num_queries(11):
        reponse = client.get(URL, {"page": 20})
    assert len(titres_des_cartes(reponse)) == 20


def test_list_counts_for_the_page_only(client):
    creer_volume_liste()
    requetes = sql_de_la_page(client, URL)
    compte = requete_de_comptage(requetes, "experimentations_experimentation")
    assert "experimentations_participant" not in compte
    page = next(sql for sql in requetes if '"nb_participants"' in sql)
    assert "GROUP BY" not in page


def test_detail_query_count_does_not_grow_with_the_data(client, persona, django_assert_num_queries):
    e = creer_volume_detail()
    # The experiment with its problem, coordinator and community; its territories, themes,
    # phases, public pacts, their commitments; its participants; the budget's totals, the
    # year's budget, the team's commitments; the problem's public steps; the journal of
    # states; its documentation (its last pages, the kinds published, the kinds it owes).
    with django_assert_num_queries(15):
        reponse = client.get(e.get_absolute_url())
    page = texte(reponse)
    assert "200 participants" in page
    assert page.count("Lire le pacte") == 10
    assert "Expérimentation reprise" in page

    client.force_login(persona("direction"))
    # Plus the session, the person (with their roles and whether their address is verified:
    # may they write its documentation), and the budget lines one by one.
    with django_assert_num_queries(18):
        reponse = client.get(e.get_absolute_url())
    assert "Ligne 59" in texte(reponse)


def test_pacts_list_query_count_does_not_grow_with_the_data(client, django_assert_num_queries):
    creer_volume_liste()
    # The count, the page with its organisations and experiments.
    with django_assert_num_queries(2):
        reponse = client.get(URL_PACTES, {"etat": "propose", "page": 3})
    assert len(titres_des_cartes(reponse)) == 20


def test_pact_page_query_count(client, django_assert_num_queries):
    e = creer_volume_detail()
    pacte = e.pactes.filter(statut=StatutPacte.SIGNE).first()
    # The pact with its organisation, experiment and versions; its commitments; its
    # signatories.
    with django_assert_num_queries(3):
        assert client.get(pacte.get_absolute_url()).status_code == 200


# --- Pacts ----------------------------------------------------------------------------------------


def pacte_complet(**champs):
    mairie = OrganisationFactory(nom="Commune de Plouzané")
    champs.setdefault("statut", StatutPacte.SIGNE)
    if champs["statut"] in (StatutPacte.SIGNE, StatutPacte.EN_COURS, StatutPacte.HONORE):
        champs.setdefault("signe_le", timezone.now())
    pacte = PacteFactory(
        organisation=mairie,
        experimentation=ExperimentationFactory(titre="Cantines sans plastique"),
        debut=date(2026, 3, 1),
        fin=date(2027, 2, 28),
        preambule="La commune veut des cantines **sans plastique**.",
        **champs,
    )
    yann = PersonneFactory(
        organisation=mairie, profil_public=True, first_name="Yann", last_name="Kerjean"
    )
    EngagementPacteFactory(
        pacte=pacte,
        type=TypeEngagementPacte.ETP,
        quantite=Decimal("0.10"),
        unite="ETP",
        personne=yann,
        description="Un dixième du temps de Yann.",
    )
    EngagementPacteFactory(
        pacte=pacte,
        type=TypeEngagementPacte.FINANCEMENT,
        quantite=Decimal("15000"),
        unite="€",
        personne=None,
        description="Le co-financement des contenants.",
    )
    SignataireFactory(
        pacte=pacte, personne=yann, qualite=QualiteSignataire.AGENT, signe_le=timezone.now()
    )
    SignataireFactory(
        pacte=pacte,
        personne=PersonneFactory(organisation=mairie, first_name="Caché", last_name="Discret"),
        qualite=QualiteSignataire.DECIDEUR,
    )
    return pacte


def test_the_pact_page_is_its_paper_copy(client):
    pacte = pacte_complet()
    reponse = client.get(pacte.get_absolute_url())
    html = reponse.content.decode()
    page = texte(reponse)
    assert f"Pacte n° {pacte.numero}" in page
    assert "Organisation : Commune de Plouzané" in page
    assert "Expérimentation : Cantines sans plastique" in page
    assert "Période : du 1 mars 2026 au 28 février 2027" in page
    assert "<strong>sans plastique</strong>" in html
    assert "Temps de travail d'un participant (ETP) : 0,1 ETP" in page
    assert "Personne nommée : Yann Kerjean (environ 15 heures par mois)" in page
    assert "Financement : 15 000 €" in page
    assert "Yann Kerjean Agent Confirmé le" in page
    # A signatory who did not choose to appear is named through their organisation.
    assert "un membre de Commune de Plouzané Décideur ou décideuse Pas encore confirmé" in page
    assert "Discret" not in page
    assert 'class="pacte-papier"' in html


def test_a_broken_pact_says_why(client):
    pacte = pacte_complet(statut=StatutPacte.ROMPU, motif_rupture="La commune s'est *retirée*.")
    reponse = client.get(pacte.get_absolute_url())
    assert "Ce pacte a été rompu." in texte(reponse)
    assert "<em>retirée</em>" in reponse.content.decode()


def test_an_amended_pact_links_both_versions(client):
    ancien = pacte_complet(statut=StatutPacte.REMPLACE)
    nouveau = PacteFactory(
        experimentation=ancien.experimentation,
        organisation=ancien.organisation,
        version=2,
        remplace=ancien,
        statut=StatutPacte.SIGNE,
        signe_le=timezone.now(),
    )
    page = texte(client.get(ancien.get_absolute_url()))
    assert f"Ce pacte a été remplacé par un avenant : Pacte n° {nouveau.numero} (version 2)" in page
    assert f"Version suivante : Pacte n° {nouveau.numero} (version 2) , signé." in page
    page = texte(client.get(nouveau.get_absolute_url()))
    assert f"Version précédente : Pacte n° {ancien.numero} (version 1)" in page


def test_an_amendment_in_draft_is_not_linked_for_the_public(client_de):
    ancien = pacte_complet()
    PacteFactory(
        experimentation=ancien.experimentation,
        organisation=ancien.organisation,
        version=2,
        remplace=ancien,
    )
    assert "Version suivante" not in texte(client_de("anonyme").get(ancien.get_absolute_url()))
    assert "Version suivante" in texte(client_de("coordination").get(ancien.get_absolute_url()))


@pytest.mark.parametrize("nom_persona", ALL_PERSONAS)
def test_a_draft_exists_only_for_those_who_write_pacts(client_de, nom_persona):
    brouillon = pacte_complet(statut=StatutPacte.BROUILLON)
    reponse = client_de(nom_persona).get(brouillon.get_absolute_url())
    attendu = 200 if nom_persona in {"direction", "coordination"} else 404
    assert reponse.status_code == attendu
    if attendu == 200:
        assert "Brouillon." in texte(reponse)
    assert client_de(nom_persona).get("/experimentations/pactes/999999/").status_code == 404


def test_the_pacts_list_shows_public_pacts_filtered_by_state(client):
    signe = pacte_complet()
    propose = PacteFactory(statut=StatutPacte.PROPOSE, propose_le=timezone.now())
    PacteFactory(statut=StatutPacte.BROUILLON, organisation=OrganisationFactory(nom="Secret"))
    titres = titres_des_cartes(client.get(URL_PACTES))
    assert len(titres) == 2
    assert titres[0].startswith(f"Pacte n° {propose.numero}")
    assert not any("Secret" in t for t in titres)
    assert titres_des_cartes(client.get(URL_PACTES, {"etat": "signe"})) == [
        f"Pacte n° {signe.numero}\u00a0: Commune de Plouzané"
    ]
    page = texte(client.get(URL_PACTES, {"etat": "brouillon"}))
    assert "Choisissez une valeur de la liste." in page
    assert "Secret" not in page


# --- What people write, shown escaped ------------------------------------------------------------


def test_user_texts_are_rendered_escaped_everywhere(client, coordination):
    e = ExperimentationFactory(resume=XSS, titre="XSS")
    PhaseFactory(
        experimentation=e,
        debut_reel=aujourd_hui() - timedelta(days=70),
        debut_prevu=aujourd_hui() - timedelta(days=70),
        fin_reelle=aujourd_hui() - timedelta(days=5),
        compte_rendu=XSS,
    )
    pacte = PacteFactory(
        experimentation=e,
        statut=StatutPacte.ROMPU,
        motif_rupture=XSS,
        preambule=XSS,
        signe_le=timezone.now(),
    )
    EngagementPacteFactory(pacte=pacte, description=XSS)
    services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut="terminee", motif=XSS
    )
    for url in (
        e.get_absolute_url(),
        pacte.get_absolute_url(),
        e.problematique.get_absolute_url(),
        URL,
        URL_PACTES,
    ):
        reponse = client.get(url)
        assert reponse.status_code == 200, url
        sans_script_injecte(reponse)
    # The texts are there, as text.
    assert "alert" in client.get(e.get_absolute_url()).content.decode()


# --- The trajectory and the problem's page -------------------------------------------------------


def test_the_trajectory_runs_from_the_report_to_today(client, coordination):
    from tests.problematiques.factories import TransitionFactory

    e = ExperimentationFactory(statut=StatutExperimentation.EN_PREPARATION)
    TransitionFactory(
        problematique=e.problematique,
        type="retenir",
        statut_avant="candidate",
        statut_apres="retenue",
        publique=True,
        commentaire_public="Le COPIL la retient.",
    )
    services.experimentation_changer_statut(experimentation=e, par=coordination, statut="en_cours")
    services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut="suspendue", motif="Un hiver trop long."
    )
    services.experimentation_changer_statut(experimentation=e, par=coordination, statut="en_cours")
    services.experimentation_changer_statut(
        experimentation=e, par=coordination, statut="terminee", motif="Le bilan est fait."
    )
    services.experimentation_changer_statut(experimentation=e, par=coordination, statut="essaimee")
    PhaseFactory(
        experimentation=e,
        debut_prevu=aujourd_hui() - timedelta(days=30),
        debut_reel=aujourd_hui() - timedelta(days=30),
        fin_reelle=aujourd_hui() - timedelta(days=2),
        compte_rendu="Des ateliers.",
    )
    pacte = PacteFactory(
        experimentation=e,
        organisation=OrganisationFactory(nom="Commune de Brest"),
        statut=StatutPacte.SIGNE,
        signe_le=timezone.now(),
    )
    PacteFactory(experimentation=e, statut=StatutPacte.PROPOSE)

    for url in (e.get_absolute_url(), e.problematique.get_absolute_url()):
        reponse = client.get(url)
        page = texte(reponse)
        etapes = page[page.index("Trajectoire") :]
        for titre in [
            "Le COPIL la retient.",
            "Expérimentation créée",
            "Expérimentation lancée",
            "Expérimentation suspendue Un hiver trop long.",
            "Expérimentation reprise",
            "Expérimentation terminée Le bilan est fait.",
            "Expérimentation essaimée",
            "Début de la phase « Cadrage »",
            "Fin de la phase « Cadrage » Des ateliers.",
            "Pacte de transformation signé avec Commune de Brest",
        ]:
            assert titre in etapes, (url, titre)
        assert etapes.count("Pacte de transformation signé") == 1
        assert f'href="{pacte.get_absolute_url()}"' in reponse.content.decode()


def test_an_experiment_written_without_the_services_still_shows_its_state_on_the_trajectory(
    client,
):
    e = ExperimentationFactory(
        statut=StatutExperimentation.SUSPENDUE,
        lancee_le=aujourd_hui() - timedelta(days=10),
        statut_change_le=timezone.now(),
        motif_statut="Une pause.",
    )
    page = texte(client.get(e.get_absolute_url()))
    assert "Expérimentation lancée" in page
    assert "Expérimentation suspendue Une pause." in page


def test_the_problem_page_links_to_its_experiment(client):
    e = ExperimentationFactory(titre="Cantines sans plastique")
    reponse = client.get(e.problematique.get_absolute_url())
    page = texte(reponse)
    assert "Son expérimentation" in page
    assert f'href="{e.get_absolute_url()}"' in reponse.content.decode()


def test_a_problem_without_experiment_costs_no_query_more(client, django_assert_max_num_queries):
    from tests.problematiques.factories import ProblematiqueFactory

    p = ProblematiqueFactory(publiee=True)
    # The problem page's own budget (tests/problematiques/test_detail.py).
    with django_assert_max_num_queries(6):
        reponse = client.get(p.get_absolute_url())
    assert "Son expérimentation" not in texte(reponse)


# --- « Mes pactes » ------------------------------------------------------------------------------


def test_my_pacts_lists_mine_with_what_awaits_me_first(client):
    moi = PersonneFactory()
    signe = pacte_complet()
    SignataireFactory(pacte=signe, personne=moi, signe_le=timezone.now())
    a_confirmer = pacte_complet(statut=StatutPacte.PROPOSE)
    SignataireFactory(pacte=a_confirmer, personne=moi, qualite=QualiteSignataire.DECIDEUR)
    confirme = pacte_complet(statut=StatutPacte.PROPOSE)
    SignataireFactory(pacte=confirme, personne=moi, signe_le=timezone.now())
    brouillon = pacte_complet(statut=StatutPacte.BROUILLON)
    SignataireFactory(pacte=brouillon, personne=moi)
    pacte_complet(statut=StatutPacte.PROPOSE)  # not mine

    client.force_login(moi)
    reponse = client.get(URL_MES_PACTES)
    page = texte(reponse)
    titres = titres_des_cartes(reponse)

    assert [t.split("\u00a0:")[0] for t in titres] == [
        f"Pacte n° {a_confirmer.numero}",
        f"Pacte n° {confirme.numero}",
        f"Pacte n° {signe.numero}",
    ]
    assert "1 pacte attend votre confirmation." in page
    assert "Votre confirmation est attendue (1 signataire sur 3 a confirmé)" in page
    assert "Vous le signez en tant que décideur ou décideuse" in page
    assert "2 signataires sur 3 l'ont confirmé" in page
    signer = reverse("experimentations:signer", args=[a_confirmer.numero])
    assert f'href="{signer}"' in reponse.content.decode()


def test_my_pacts_is_empty_for_someone_who_signs_nothing(client_de):
    page = texte(client_de("relais").get(URL_MES_PACTES))
    assert "Vous n'êtes signataire d'aucun pacte" in page


def test_my_pacts_asks_a_visitor_to_log_in(client):
    reponse = client.get(URL_MES_PACTES)
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("account_login"))


# --- The time line's drawing ----------------------------------------------------------------------


def test_the_time_line_marks_years_on_a_long_span_and_months_on_a_short_one():
    from experimentations.models import PhaseExperimentation
    from experimentations.views.graphiques import frise_phases

    longue = PhaseExperimentation(
        type=TypePhase.CADRAGE, debut_prevu=date(2025, 3, 1), fin_prevue=date(2027, 9, 1)
    )
    frise = frise_phases([longue], aujourd_hui=date(2026, 1, 15))
    assert [g.libelle for g in frise.graduations] == ["2026", "2027"]
    assert frise.x_aujourd_hui is not None

    courte = PhaseExperimentation(
        type=TypePhase.TEST,
        debut_prevu=date(2026, 2, 10),
        fin_prevue=date(2026, 5, 20),
        debut_reel=date(2026, 2, 12),
        fin_reelle=date(2026, 2, 12),
    )
    frise = frise_phases([courte], aujourd_hui=date(2030, 1, 1))
    assert [g.libelle for g in frise.graduations] == ["mars", "avr.", "mai"]
    assert frise.x_aujourd_hui is None
    # A phase of one day is still drawn.
    assert float(frise.lignes[0].reel.largeur) >= 3
    # Coordinates are SVG numbers, whatever the locale.
    assert all("," not in g.x for g in frise.graduations)

    assert frise_phases([], aujourd_hui=date(2026, 1, 1)) is None


def test_the_problem_page_of_a_large_experiment_stays_bounded(
    client, django_assert_max_num_queries
):
    e = creer_volume_detail()
    # The problem page's own six, plus the experiment's phases, public pacts and journal
    # (the experiment itself comes with the problem).
    with django_assert_max_num_queries(9):
        reponse = client.get(e.problematique.get_absolute_url())
    assert texte(reponse).count("Pacte de transformation signé avec") == 10


def test_participants_read_one_line_each_in_the_side_column_five_in_sight(client):
    e = ExperimentationFactory()
    for i in range(7):
        ParticipantFactory(
            experimentation=e,
            organisation=OrganisationFactory(nom=f"Organisation {i}"),
            role=RoleParticipant.PARTENAIRE,
        )
    html = client.get(e.get_absolute_url()).content.decode()
    cote = html.index('class="fiche__cote"')
    assert html.index('href="#titre-participants"') < html.index(
        'class="fiche fiche--experimentation"'
    )
    assert cote < html.index('id="titre-participants"')
    section = html[html.index('id="titre-participants"') : html.index("</section>", cote)]
    avant, _, suite = section.partition("<details")
    assert avant.count('class="soutien__ligne participant"') == 5
    assert suite.count('class="soutien__ligne participant"') == 2
    assert "Voir les 2 autres participants" in suite
