"""Experiments, pacts, providers, budgets and capacities in the back office: who gets in; an
experiment created from a retained problem through the service; phases whose dates are checked
next to the field; participants and providers recorded in the journal; the state form (POST
only); a pact's draft checked like the service checks it, then its steps; the capacity set
through its service; the lists in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any, cast

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from communautes.models import Engagement
from experimentations.models import (
    ActionExperimentation,
    BudgetAnnuel,
    Capacite,
    Experimentation,
    LigneBudget,
    Pacte,
    Participant,
    PhaseExperimentation,
    Prestataire,
    QualiteSignataire,
    RoleParticipant,
    StatutExperimentation,
    StatutPacte,
    TypeActionExperimentation,
    TypeEngagementPacte,
    TypePhase,
)
from tests.communautes.factories import CommunauteFactory
from tests.conftest import ALL_PERSONAS
from tests.factories import OrganisationFactory, PersonneFactory, ThemeFactory
from tests.problematiques.factories import ProblematiqueFactory
from tests.saisies import formulaires
from tilab.typographie import typographier

from .factories import (
    EngagementPacteFactory,
    ExperimentationFactory,
    PacteFactory,
    ParticipantFactory,
    PhaseFactory,
    SignataireFactory,
)

pytestmark = pytest.mark.django_db

EQUIPE = ["direction", "coordination", "animation", "documentation", "recherche"]
HORS_EQUIPE = sorted(set(ALL_PERSONAS) - set(EQUIPE))
COORDINATEURS = {"direction", "coordination"}
MODELES = ["experimentation", "pacte", "prestataire", "budgetannuel", "capacite"]


def url(modele: str, page: str, *args: Any) -> str:
    return reverse(f"admin:experimentations_{modele}_{page}", args=args)


def messages_de(reponse: Any) -> list[str]:
    return [str(m) for m in get_messages(reponse.wsgi_request)]


def formulaire_de_la_page(client: Any, adresse: str, identifiant: str) -> dict[str, Any]:
    """What the page's form ``#identifiant`` would send as it stands."""
    html = client.get(adresse).content.decode()
    (formulaire,) = [f for f in formulaires(html) if f.attributs.get("id") == identifiant]
    return {nom: list(valeurs) for nom, valeurs in formulaire.donnees.items()}


def probleme_retenu(**options: Any) -> Any:
    return ProblematiqueFactory(publiee=True, statut="retenue", **options)


def coordinateur(**options: Any) -> Any:
    return PersonneFactory(roles=["Coordination"], is_staff=True, **options)


@pytest.fixture
def monde(db):
    """A running experiment with a phase, a participant, a provider with a budget line, a
    proposed pact; a yearly budget and a capacity."""
    experimentation = ExperimentationFactory(
        titre="Aller vers les aînés isolés", communaute=CommunauteFactory()
    )
    PhaseFactory(experimentation=experimentation)
    ParticipantFactory(experimentation=experimentation)
    prestataire = Prestataire.objects.create(
        experimentation=experimentation,
        organisation=OrganisationFactory(nom="Atelier du design public"),
        objet="Animer les ateliers",
    )
    LigneBudget.objects.create(
        prestataire=prestataire, libelle="Atelier 1", montant=Decimal("4500"), annee=2026
    )
    pacte = PacteFactory(experimentation=experimentation, statut=StatutPacte.PROPOSE)
    budget = BudgetAnnuel.objects.create(annee=2026, montant=Decimal("100000"))
    capacite = Capacite.objects.create(
        coordinateur=experimentation.coordinateur, nombre=2, fixee_par=PersonneFactory()
    )
    return {
        "experimentation": experimentation,
        "pacte": pacte,
        "prestataire": prestataire,
        "budgetannuel": budget,
        "capacite": capacite,
    }


# --- Who gets in ---------------------------------------------------------------------------


@pytest.mark.parametrize("nom", EQUIPE)
def test_the_whole_team_reads_every_list_and_page(client_de, monde, nom):
    client = client_de(nom)
    for modele in MODELES:
        assert client.get(url(modele, "changelist")).status_code == 200, modele
        assert client.get(url(modele, "change", monde[modele].pk)).status_code == 200, modele
        assert client.get(url(modele, "history", monde[modele].pk)).status_code == 200, modele


@pytest.mark.parametrize("nom", EQUIPE)
def test_only_the_direction_and_the_coordination_add_experiments_and_pacts(client_de, nom):
    client = client_de(nom)
    attendu = 200 if nom in COORDINATEURS else 403
    assert client.get(url("experimentation", "add")).status_code == attendu
    assert client.get(url("pacte", "add")).status_code == attendu


@pytest.mark.parametrize("nom", EQUIPE)
def test_only_the_direction_sets_budgets_and_capacities(client_de, monde, nom):
    client = client_de(nom)
    attendu = 200 if nom == "direction" else 403
    assert client.get(url("budgetannuel", "add")).status_code == attendu
    assert client.get(url("capacite", "add")).status_code == attendu
    # Read only for everyone else; a capacity is never changed, a new one is set.
    page = client.get(url("budgetannuel", "change", monde["budgetannuel"].pk))
    assert page.context["has_change_permission"] is (nom == "direction")
    page = client.get(url("capacite", "change", monde["capacite"].pk))
    assert page.context["has_change_permission"] is False


@pytest.mark.parametrize("nom", EQUIPE)
def test_only_the_direction_and_the_coordination_change_an_experiment(client_de, monde, nom):
    client = client_de(nom)
    experimentation = monde["experimentation"]
    page = client.get(url("experimentation", "change", experimentation.pk))
    assert page.context["has_change_permission"] is (nom in COORDINATEURS)
    contenu = page.content.decode()
    assert (url("experimentation", "statut", experimentation.pk) in contenu) is (
        nom in COORDINATEURS
    )
    assert "Aller vers les aînés isolés" in contenu
    assert "Atelier du design public" in contenu
    # Nothing is deleted: an experiment ends.
    assert client.get(url("experimentation", "delete", experimentation.pk)).status_code == 403


@pytest.mark.parametrize("nom", HORS_EQUIPE)
def test_people_outside_the_team_do_not_get_in(client_de, monde, nom):
    client = client_de(nom)
    for modele in MODELES:
        for adresse in (
            url(modele, "changelist"),
            url(modele, "add"),
            url(modele, "change", monde[modele].pk),
        ):
            reponse = client.get(adresse)
            assert reponse.status_code == 302 and "/admin/login/" in reponse["Location"]
    reponse = client.post(
        url("experimentation", "statut", monde["experimentation"].pk),
        {"statut-statut": "suspendue", "statut-motif": "Pause."},
    )
    assert reponse.status_code == 302 and "/admin/login/" in reponse["Location"]
    monde["experimentation"].refresh_from_db()
    assert monde["experimentation"].statut == StatutExperimentation.EN_COURS


def test_drafts_are_for_those_who_write_pacts(client_de, monde):
    brouillon = PacteFactory(statut=StatutPacte.BROUILLON)
    liste = client_de("animation").get(url("pacte", "changelist"))
    assert list(liste.context["cl"].result_list) == [monde["pacte"]]
    reponse = client_de("animation").get(url("pacte", "change", brouillon.pk))
    assert reponse.status_code == 302  # "does not exist" for them
    liste = client_de("coordination").get(url("pacte", "changelist"))
    assert set(liste.context["cl"].result_list) == {monde["pacte"], brouillon}


# --- Creating an experiment ----------------------------------------------------------------


def donnees_ajout(probleme: Any, coordination: Any, **autres: Any) -> dict[str, Any]:
    return {
        "problematique": probleme.pk,
        "coordinateur": coordination.pk,
        "titre": "",
        "resume": "",
        **autres,
    }


@pytest.mark.parametrize("nom", sorted(COORDINATEURS))
def test_an_experiment_is_created_from_a_retained_problem_through_the_service(
    client_de, persona, nom
):
    probleme = probleme_retenu(titre="Les aînés isolés de Brest")
    communaute = CommunauteFactory(interet=True, problematique=probleme)
    qui = coordinateur(last_name="Le Goff")
    client = client_de(nom)
    page = client.get(url("experimentation", "add")).content.decode()
    assert "Les aînés isolés de Brest" in page and "Le Goff" in page

    reponse = client.post(url("experimentation", "add"), donnees_ajout(probleme, qui))

    assert reponse.status_code == 302, reponse.context["adminform"].form.errors
    experimentation = Experimentation.objects.get()
    assert reponse["Location"] == url("experimentation", "changelist")
    # Title, summary, territories, themes and community come from the problem.
    assert experimentation.titre == "Les aînés isolés de Brest"
    assert experimentation.resume == probleme.constat
    assert experimentation.communaute == communaute
    assert set(experimentation.territoires.all()) == set(probleme.territoires.all())
    assert experimentation.statut == StatutExperimentation.EN_PREPARATION
    assert experimentation.coordinateur == qui
    (action,) = experimentation.actions.all()
    assert action.type == TypeActionExperimentation.CREER and action.par == persona(nom)


def test_a_title_and_summary_typed_replace_the_problem_s(client_de):
    probleme = probleme_retenu()
    reponse = client_de("coordination").post(
        url("experimentation", "add"),
        donnees_ajout(
            probleme, coordinateur(), titre="Voisins vigilants", resume="Un **réseau** de voisins."
        ),
    )
    assert reponse.status_code == 302
    experimentation = Experimentation.objects.get()
    assert (experimentation.titre, experimentation.resume) == (
        "Voisins vigilants",
        "Un **réseau** de voisins.",
    )


@pytest.mark.parametrize("statut", ["candidate", "ouverte", "non_retenue"])
def test_a_problem_not_retained_is_refused_with_a_french_message(client_de, statut):
    probleme = ProblematiqueFactory(publiee=True, statut=statut)
    client = client_de("coordination")
    assert str(probleme.titre) not in client.get(url("experimentation", "add")).content.decode()

    reponse = client.post(url("experimentation", "add"), donnees_ajout(probleme, coordinateur()))

    assert reponse.status_code == 200
    erreurs = reponse.context["adminform"].form.errors
    assert erreurs["problematique"] == [
        "Choisissez une problématique retenue par le COPIL qui n'a pas encore d'expérimentation."
    ]
    assert erreurs["problematique"][0].replace("'", "&#x27;") in reponse.content.decode()
    assert not Experimentation.objects.exists()


def test_a_problem_that_has_its_experiment_is_refused(client_de):
    deja = ExperimentationFactory()
    reponse = client_de("coordination").post(
        url("experimentation", "add"), donnees_ajout(deja.problematique, coordinateur())
    )
    assert reponse.status_code == 200
    assert "problematique" in reponse.context["adminform"].form.errors
    assert Experimentation.objects.count() == 1


def test_the_coordinator_must_hold_the_coordination_role(client_de):
    animatrice = PersonneFactory(roles=["Animation"], is_staff=True)
    reponse = client_de("direction").post(
        url("experimentation", "add"), donnees_ajout(probleme_retenu(), animatrice)
    )
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["coordinateur"] == [
        "Choisissez une personne qui a le rôle Coordination."
    ]
    assert not Experimentation.objects.exists()


# --- The change page: texts, phases, participants, providers -------------------------------


def sur_son_territoire(**options: Any) -> Experimentation:
    """An experiment on its problem's territories (the change form requires one)."""
    experimentation = cast(Experimentation, ExperimentationFactory(**options))
    experimentation.territoires.set(experimentation.problematique.territoires.all())
    return experimentation


def page_experimentation(client: Any, experimentation: Experimentation) -> dict[str, Any]:
    return formulaire_de_la_page(
        client, url("experimentation", "change", experimentation.pk), "experimentation_form"
    )


def test_an_actual_end_before_its_start_is_refused_next_to_the_field(client_de):
    experimentation = sur_son_territoire()
    phase = PhaseFactory(experimentation=experimentation, type=TypePhase.CADRAGE)
    client = client_de("coordination")
    donnees = page_experimentation(client, experimentation)
    aujourd_hui = timezone.localdate()
    donnees |= {
        "phases-0-debut_reel": [aujourd_hui.isoformat()],
        "phases-0-fin_reelle": [(aujourd_hui - timedelta(days=3)).isoformat()],
    }

    reponse = client.post(url("experimentation", "change", experimentation.pk), donnees)

    assert reponse.status_code == 200
    (formset_phases,) = [
        f for f in reponse.context["inline_admin_formsets"] if f.formset.prefix == "phases"
    ]
    erreurs = formset_phases.formset.forms[0].errors
    assert erreurs == {"fin_reelle": ["La fin réelle ne peut pas précéder le début réel."]}
    assert "La fin réelle ne peut pas précéder le début réel." in reponse.content.decode()
    phase.refresh_from_db()
    assert phase.debut_reel is None and phase.fin_reelle is None


def test_phases_are_written_and_recorded_in_the_journal(client_de):
    experimentation = sur_son_territoire()
    phase = PhaseFactory(experimentation=experimentation, type=TypePhase.CADRAGE)
    client = client_de("coordination")
    donnees = page_experimentation(client, experimentation)
    aujourd_hui = timezone.localdate()
    donnees |= {
        "phases-0-debut_reel": [aujourd_hui.isoformat()],
        "phases-0-compte_rendu": ["Trois ateliers\u202e menés."],
        "phases-1-type": [TypePhase.IMMERSION],
        "phases-1-debut_prevu": [(aujourd_hui + timedelta(days=70)).isoformat()],
        "phases-1-fin_prevue": [(aujourd_hui + timedelta(days=100)).isoformat()],
    }

    reponse = client.post(url("experimentation", "change", experimentation.pk), donnees)

    assert reponse.status_code == 302
    phase.refresh_from_db()
    assert phase.debut_reel == aujourd_hui
    assert phase.compte_rendu == "Trois ateliers menés."  # invisible characters removed
    assert experimentation.phases.filter(type=TypePhase.IMMERSION).exists()
    assert set(
        experimentation.actions.filter(type=TypeActionExperimentation.PHASE).values_list(
            "detail", flat=True
        )
    ) == {"Phase « Cadrage » modifiée.", "Phase « Immersion / résidence » ajoutée."}


def test_participants_and_providers_are_added_through_their_services(client_de, persona):
    experimentation = sur_son_territoire()
    organisation = OrganisationFactory(nom="Commune de Plouzané")
    bureau = OrganisationFactory(nom="Bureau d'études Penn ar Bed")
    client = client_de("coordination")
    donnees = page_experimentation(client, experimentation)
    donnees |= {
        "participants-0-organisation": [str(organisation.pk)],
        "participants-0-role": [RoleParticipant.TERRITOIRE_ACCUEIL],
        "prestataires-0-organisation": [str(bureau.pk)],
        "prestataires-0-objet": ["Évaluer le prototype"],
    }

    reponse = client.post(url("experimentation", "change", experimentation.pk), donnees)

    assert reponse.status_code == 302
    participant = Participant.objects.get(experimentation=experimentation)
    assert (participant.organisation, participant.role) == (organisation, "territoire_accueil")
    prestataire = Prestataire.objects.get(experimentation=experimentation)
    assert (prestataire.organisation, prestataire.objet) == (bureau, "Évaluer le prototype")
    types = list(experimentation.actions.values_list("type", "par"))
    assert (TypeActionExperimentation.PARTICIPANT, persona("coordination").pk) in types
    assert (TypeActionExperimentation.BUDGET, persona("coordination").pk) in types


def test_a_participant_without_organisation_nor_person_is_refused_next_to_the_field(client_de):
    experimentation = sur_son_territoire()
    client = client_de("coordination")
    donnees = page_experimentation(client, experimentation)
    donnees["participants-0-role"] = [RoleParticipant.USAGER]

    reponse = client.post(url("experimentation", "change", experimentation.pk), donnees)

    assert reponse.status_code == 200
    assert "Choisissez une organisation, une personne, ou les deux." in reponse.content.decode()
    assert not Participant.objects.exists()


def test_removing_a_participant_is_recorded(client_de):
    experimentation = sur_son_territoire()
    ParticipantFactory(experimentation=experimentation, role=RoleParticipant.CHERCHEUR)
    client = client_de("direction")
    donnees = page_experimentation(client, experimentation)
    donnees["participants-0-DELETE"] = ["on"]

    reponse = client.post(url("experimentation", "change", experimentation.pk), donnees)

    assert reponse.status_code == 302
    assert not Participant.objects.exists()
    assert experimentation.actions.filter(detail="Retiré : Chercheur ou chercheuse.").exists()


def test_budget_lines_are_added_on_the_provider_s_page(client_de, monde):
    prestataire = monde["prestataire"]
    client = client_de("coordination")
    adresse = url("prestataire", "change", prestataire.pk)
    donnees = formulaire_de_la_page(client, adresse, "prestataire_form")
    assert donnees["lignes-1-annee"] == [str(timezone.localdate().year)]
    donnees |= {
        "lignes-1-libelle": ["Atelier 2"],
        "lignes-1-montant": ["3000.50"],
        "lignes-1-phase": [TypePhase.PROTOTYPAGE],
        "lignes-1-annee": ["2026"],
    }

    reponse = client.post(adresse, donnees)

    assert reponse.status_code == 302
    assert sorted(prestataire.lignes.values_list("libelle", "montant")) == [
        ("Atelier 1", Decimal("4500.00")),
        ("Atelier 2", Decimal("3000.50")),
    ]
    assert (
        monde["experimentation"]
        .actions.filter(
            type=TypeActionExperimentation.BUDGET,
            detail__startswith="Ligne de budget « Atelier 2 »",
        )
        .exists()
    )
    # The list and the year's budget show what is committed.
    liste = client.get(url("prestataire", "changelist"))
    assert liste.context["cl"].result_list[0].total == Decimal("7500.50")
    budget = client.get(url("budgetannuel", "changelist")).context["cl"].result_list[0]
    assert budget.total_engage == Decimal("7500.50")


# --- The state of an experiment ------------------------------------------------------------


def test_the_state_changes_through_the_service_on_post_only(client_de, persona):
    experimentation = ExperimentationFactory(statut=StatutExperimentation.EN_PREPARATION)
    client = client_de("coordination")
    adresse = url("experimentation", "statut", experimentation.pk)
    assert client.get(adresse).status_code == 405

    reponse = client.post(adresse, {"statut-statut": "en_cours", "statut-motif": ""})

    assert reponse.status_code == 302
    assert reponse["Location"] == url("experimentation", "change", experimentation.pk)
    experimentation.refresh_from_db()
    assert experimentation.statut == StatutExperimentation.EN_COURS
    assert experimentation.lancee_le == timezone.localdate()
    action = experimentation.actions.get(type=TypeActionExperimentation.CHANGER_STATUT)
    assert action.par == persona("coordination")
    assert "est maintenant : En cours" in messages_de(reponse)[0]


def test_a_suspension_without_its_public_reason_is_shown_again_with_the_error(client_de):
    experimentation = ExperimentationFactory(statut=StatutExperimentation.EN_COURS)
    client = client_de("direction")

    reponse = client.post(
        url("experimentation", "statut", experimentation.pk),
        {"statut-statut": "suspendue", "statut-motif": "  "},
        follow=True,
    )

    experimentation.refresh_from_db()
    assert experimentation.statut == StatutExperimentation.EN_COURS
    formulaire = reponse.context["formulaire_statut"]
    assert formulaire.errors["motif"] == ["Écrivez le motif public de la suspension ou de la fin."]
    assert formulaire["statut"].value() == "suspendue"
    assert "Écrivez le motif public de la suspension ou de la fin." in reponse.content.decode()
    # Shown once: the page opened again has the empty form.
    page = client.get(url("experimentation", "change", experimentation.pk))
    assert not page.context["formulaire_statut"].is_bound


def test_only_the_legal_next_states_are_offered(client_de):
    experimentation = ExperimentationFactory(statut=StatutExperimentation.EN_COURS)
    page = client_de("coordination").get(url("experimentation", "change", experimentation.pk))
    choix = [v for v, _l in page.context["formulaire_statut"].fields["statut"].choices]
    assert choix == ["suspendue", "terminee"]
    essaimee = ExperimentationFactory(statut=StatutExperimentation.ESSAIMEE)
    page = client_de("coordination").get(url("experimentation", "change", essaimee.pk))
    assert "formulaire_statut" not in page.context


@pytest.mark.parametrize("nom", ["animation", "documentation", "recherche"])
def test_the_rest_of_the_team_cannot_change_the_state(client_de, nom):
    experimentation = ExperimentationFactory()
    reponse = client_de(nom).post(
        url("experimentation", "statut", experimentation.pk),
        {"statut-statut": "suspendue", "statut-motif": "Pause."},
    )
    assert reponse.status_code == 403
    experimentation.refresh_from_db()
    assert experimentation.statut == StatutExperimentation.EN_COURS


# --- Pacts ---------------------------------------------------------------------------------


@pytest.fixture
def partenaires(db):
    organisation = OrganisationFactory(nom="Commune de Plouzané")
    agent = PersonneFactory(organisation=organisation, first_name="Yann")
    decideuse = PersonneFactory(organisation=organisation, first_name="Maïwenn")
    experimentation = ExperimentationFactory(communaute=CommunauteFactory())
    return experimentation, organisation, agent, decideuse


def donnees_pacte(partenaires: Any, **autres: Any) -> dict[str, Any]:
    experimentation, organisation, agent, decideuse = partenaires
    aujourd_hui = timezone.localdate()
    donnees = {
        "experimentation": experimentation.pk,
        "organisation": organisation.pk,
        "debut": aujourd_hui.isoformat(),
        "fin": (aujourd_hui + timedelta(days=365)).isoformat(),
        "preambule": "Pour agir **dans** la commune.",
        "engagements-TOTAL_FORMS": 2,
        "engagements-INITIAL_FORMS": 0,
        "engagements-0-type": TypeEngagementPacte.ETP,
        "engagements-0-quantite": "0.1",
        "engagements-0-unite": "ETP",
        "engagements-0-description": "Un dixième du temps de Yann.",
        "engagements-0-personne": agent.pk,
        "engagements-1-type": TypeEngagementPacte.DONNEES,
        "engagements-1-description": "Les données de fréquentation.",
        "signataires-TOTAL_FORMS": 2,
        "signataires-INITIAL_FORMS": 0,
        "signataires-0-personne": agent.pk,
        "signataires-0-qualite": QualiteSignataire.AGENT,
        "signataires-1-personne": decideuse.pk,
        "signataires-1-qualite": QualiteSignataire.DECIDEUR,
    }
    return donnees | autres


def test_a_draft_pact_is_written_through_the_service(client_de, partenaires, persona):
    experimentation, organisation, agent, decideuse = partenaires
    client = client_de("coordination")
    page = client.get(url("pacte", "add") + f"?experimentation={experimentation.pk}")
    assert page.context["adminform"].form.initial["experimentation"] == str(experimentation.pk)

    reponse = client.post(url("pacte", "add"), donnees_pacte(partenaires))

    assert reponse.status_code == 302, reponse.context["adminform"].form.errors
    pacte = Pacte.objects.get()
    assert (pacte.statut, pacte.version, pacte.organisation) == ("brouillon", 1, organisation)
    assert pacte.numero >= 1
    etp, donnees = pacte.engagements.order_by("pk")
    assert (etp.type, etp.quantite, etp.personne) == ("etp", Decimal("0.10"), agent)
    assert donnees.type == "donnees" and donnees.personne is None
    assert set(pacte.signataires.values_list("personne", "qualite")) == {
        (agent.pk, "agent"),
        (decideuse.pk, "decideur"),
    }
    action = experimentation.actions.get(type=TypeActionExperimentation.PACTE)
    assert action.par == persona("coordination") and "brouillon rédigé" in action.detail


def test_a_draft_is_rewritten_through_the_service(client_de, partenaires):
    client = client_de("coordination")
    client.post(url("pacte", "add"), donnees_pacte(partenaires))
    pacte = Pacte.objects.get()
    adresse = url("pacte", "change", pacte.pk)
    donnees = formulaire_de_la_page(client, adresse, "pacte_form")
    donnees["engagements-1-DELETE"] = ["on"]
    donnees["engagements-0-quantite"] = ["0.2"]

    reponse = client.post(adresse, donnees)

    assert reponse.status_code == 302
    (engagement,) = pacte.engagements.all()
    assert engagement.quantite == Decimal("0.20")
    assert pacte.experimentation.actions.filter(detail__contains="brouillon modifié").exists()


def test_a_draft_needs_an_agent_and_a_decision_maker_among_its_signatories(client_de, partenaires):
    _e, _o, agent, _d = partenaires
    donnees = donnees_pacte(partenaires, **{"signataires-1-qualite": QualiteSignataire.AGENT})
    reponse = client_de("coordination").post(url("pacte", "add"), donnees)
    assert reponse.status_code == 200
    assert (
        "Nommez au moins un agent et un décideur ou une décideuse de l&#x27;organisation parmi "
        "les signataires." in reponse.content.decode()
    )
    assert not Pacte.objects.exists()


@pytest.mark.parametrize(
    ("champs", "champ_en_erreur", "message"),
    [
        (
            {"engagements-0-personne": ""},
            "personne",
            "« Temps de travail d'un participant (ETP) » : nommez la personne.",
        ),
        (
            {"engagements-0-quantite": "1.5"},
            "quantite",
            "Un temps de travail s'exprime en ETP, entre 0,01 et 1 (0,1 pour un dixième).",
        ),
        (
            {"engagements-0-quantite": ""},
            "quantite",
            "Un temps de travail s'exprime en ETP, entre 0,01 et 1 (0,1 pour un dixième).",
        ),
        (
            {"engagements-1-type": TypeEngagementPacte.FINANCEMENT},
            "quantite",
            "Indiquez le montant du financement, en euros.",
        ),
    ],
)
def test_a_commitment_is_checked_next_to_its_field(
    client_de, partenaires, champs, champ_en_erreur, message
):
    reponse = client_de("direction").post(url("pacte", "add"), donnees_pacte(partenaires, **champs))
    assert reponse.status_code == 200
    formsets = {f.formset.prefix: f.formset for f in reponse.context["inline_admin_formsets"]}
    erreurs = [form.errors for form in formsets["engagements"].forms if form.errors]
    assert erreurs == [{champ_en_erreur: [message]}]
    assert typographier(message).replace("'", "&#x27;") in reponse.content.decode()
    assert not Pacte.objects.exists()


def test_a_pact_needs_a_commitment_and_a_period_in_order(client_de, partenaires):
    aujourd_hui = timezone.localdate()
    donnees = donnees_pacte(
        partenaires,
        **{
            "engagements-0-DELETE": "on",
            "engagements-1-DELETE": "on",
            "fin": (aujourd_hui - timedelta(days=1)).isoformat(),
        },
    )
    reponse = client_de("coordination").post(url("pacte", "add"), donnees)
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["fin"] == [
        "La fin du pacte ne peut pas précéder son début."
    ]
    contenu = reponse.content.decode()
    assert "La fin du pacte ne peut pas précéder son début." in contenu
    assert "Un pacte compte au moins un engagement." in contenu


def test_an_organisation_has_one_pact_per_experiment(client_de, partenaires):
    experimentation, organisation, _a, _d = partenaires
    PacteFactory(experimentation=experimentation, organisation=organisation)
    reponse = client_de("coordination").post(url("pacte", "add"), donnees_pacte(partenaires))
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["organisation"] == [
        "Cette organisation a déjà un pacte pour cette expérimentation : amendez-le plutôt."
    ]


def pacte_complet(partenaires: Any, statut: str = StatutPacte.BROUILLON) -> Pacte:
    experimentation, organisation, agent, decideuse = partenaires
    signe = statut in {StatutPacte.SIGNE, StatutPacte.EN_COURS}
    pacte = cast(
        Pacte,
        PacteFactory(
            experimentation=experimentation,
            organisation=organisation,
            statut=statut,
            signe_le=timezone.now() if signe else None,
        ),
    )
    EngagementPacteFactory(pacte=pacte, personne=agent)
    SignataireFactory(pacte=pacte, personne=agent, qualite=QualiteSignataire.AGENT)
    SignataireFactory(pacte=pacte, personne=decideuse, qualite=QualiteSignataire.DECIDEUR)
    return pacte


def etape(pacte: Pacte, cle: str) -> str:
    return url("pacte", "etape", pacte.pk, cle)


def test_proposing_runs_the_service_and_freezes_the_draft(client_de, partenaires):
    pacte = pacte_complet(partenaires)
    client = client_de("coordination")
    page = client.get(url("pacte", "change", pacte.pk))
    assert [e["cle"] for e in page.context["etapes_pacte"]] == ["proposer"]
    assert client.get(etape(pacte, "proposer")).status_code == 405

    reponse = client.post(etape(pacte, "proposer"))

    assert reponse.status_code == 302
    assert reponse["Location"] == url("pacte", "change", pacte.pk)
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.PROPOSE
    # Read only from now on, its inlines too.
    page = client.get(url("pacte", "change", pacte.pk))
    assert page.context["has_change_permission"] is False
    assert [e["cle"] for e in page.context["etapes_pacte"]] == ["retirer"]
    assert client.post(url("pacte", "change", pacte.pk), {}).status_code == 403


def test_proposing_a_draft_that_fails_the_check_says_why(client_de, partenaires):
    experimentation, organisation, agent, _d = partenaires
    pacte = PacteFactory(experimentation=experimentation, organisation=organisation)
    SignataireFactory(pacte=pacte, personne=agent, qualite=QualiteSignataire.AGENT)
    reponse = client_de("coordination").post(etape(pacte, "proposer"), follow=True)
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.BROUILLON
    texte = " ".join(messages_de(reponse))
    assert "Un pacte compte au moins un engagement." in texte
    assert "Nommez au moins un agent et un décideur" in texte


def test_withdrawing_a_proposal_goes_back_to_draft(client_de, partenaires):
    pacte = pacte_complet(partenaires, StatutPacte.PROPOSE)
    reponse = client_de("direction").post(etape(pacte, "retirer"))
    assert reponse.status_code == 302
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.BROUILLON


def test_a_signed_pact_starts_then_ends_broken_with_its_public_reason(client_de, partenaires):
    pacte = pacte_complet(partenaires, StatutPacte.SIGNE)
    client = client_de("coordination")
    page = client.get(url("pacte", "change", pacte.pk))
    assert [e["cle"] for e in page.context["etapes_pacte"]] == ["commencer", "terminer", "amender"]
    client.post(etape(pacte, "commencer"))
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.EN_COURS

    reponse = client.post(
        etape(pacte, "terminer"), {"terminer-issue": "rompu", "terminer-motif": ""}, follow=True
    )

    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.EN_COURS
    (terminer,) = [e for e in reponse.context["etapes_pacte"] if e["cle"] == "terminer"]
    assert terminer["ouverte"]
    assert terminer["formulaire"].errors["motif"] == [
        "Écrivez le motif public de la rupture du pacte."
    ]
    assert "Écrivez le motif public de la rupture du pacte." in reponse.content.decode()

    client.post(
        etape(pacte, "terminer"),
        {"terminer-issue": "rompu", "terminer-motif": "La commune s'est retirée."},
    )
    pacte.refresh_from_db()
    assert (pacte.statut, pacte.motif_rupture) == ("rompu", "La commune s'est retirée.")


def test_an_honoured_pact_ends_without_a_reason(client_de, partenaires):
    pacte = pacte_complet(partenaires, StatutPacte.EN_COURS)
    client_de("coordination").post(
        etape(pacte, "terminer"), {"terminer-issue": "honore", "terminer-motif": ""}
    )
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.HONORE


def test_amending_opens_the_new_version(client_de, partenaires):
    pacte = pacte_complet(partenaires, StatutPacte.SIGNE)
    client = client_de("coordination")

    reponse = client.post(etape(pacte, "amender"))

    nouveau = Pacte.objects.get(remplace=pacte)
    assert reponse.status_code == 302
    assert reponse["Location"] == url("pacte", "change", nouveau.pk)
    assert (nouveau.version, nouveau.statut) == (2, StatutPacte.BROUILLON)
    assert nouveau.signataires.count() == 2 and nouveau.engagements.count() == 1
    # Once opened, the signed one offers no second amendment.
    page = client.get(url("pacte", "change", pacte.pk))
    assert [e["cle"] for e in page.context["etapes_pacte"]] == ["commencer", "terminer"]
    assert client.get(url("pacte", "change", nouveau.pk)).context["has_change_permission"]


@pytest.mark.parametrize("nom", ["animation", "documentation", "recherche"])
def test_the_rest_of_the_team_takes_no_step_of_a_pact(client_de, partenaires, nom):
    pacte = pacte_complet(partenaires, StatutPacte.PROPOSE)
    client = client_de(nom)
    assert "etapes_pacte" not in client.get(url("pacte", "change", pacte.pk)).context
    assert client.post(etape(pacte, "retirer")).status_code == 403
    pacte.refresh_from_db()
    assert pacte.statut == StatutPacte.PROPOSE


def test_an_unknown_step_does_not_exist(client_de, partenaires):
    pacte = pacte_complet(partenaires)
    assert client_de("coordination").post(etape(pacte, "signer")).status_code == 404


def test_signing_is_not_in_the_back_office(client_de, partenaires):
    experimentation, organisation, agent, _d = partenaires
    pacte = pacte_complet(partenaires, StatutPacte.PROPOSE)
    agent.groups.add(*PersonneFactory(roles=["Coordination"]).groups.all())
    page = client_de("coordination").get(url("pacte", "change", pacte.pk)).content.decode()
    assert "/signer/" not in page
    assert not Engagement.objects.filter(contractuel=True).exists()


# --- Capacities and budgets ----------------------------------------------------------------


def test_the_direction_sets_a_capacity_through_the_service(client_de, persona):
    qui = coordinateur(last_name="Le Goff")
    ancienne = Capacite.objects.create(coordinateur=qui, nombre=2, fixee_par=PersonneFactory())
    client = client_de("direction")

    reponse = client.post(
        url("capacite", "add"), {"coordinateur": qui.pk, "nombre": 4, "note": "Renfort"}
    )

    assert reponse.status_code == 302
    nouvelle = Capacite.objects.exclude(pk=ancienne.pk).get()
    assert (nouvelle.nombre, nouvelle.fixee_par, nouvelle.note) == (
        4,
        persona("direction"),
        "Renfort",
    )
    # The history: the list filtered by coordinator, the latest first.
    liste = client.get(url("capacite", "changelist") + f"?coordinateur__id__exact={qui.pk}")
    assert list(liste.context["cl"].result_list) == [nouvelle, ancienne]


def test_a_capacity_for_someone_outside_the_coordination_is_refused(client_de):
    animatrice = PersonneFactory(roles=["Animation"], is_staff=True)
    reponse = client_de("direction").post(
        url("capacite", "add"), {"coordinateur": animatrice.pk, "nombre": 4}
    )
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["coordinateur"] == [
        "Choisissez une personne qui a le rôle Coordination."
    ]
    assert not Capacite.objects.exists()


def test_the_capacity_list_shows_who_is_over_capacity(client_de):
    debordee = coordinateur(last_name="Débordée")
    Capacite.objects.create(coordinateur=debordee, nombre=1, fixee_par=PersonneFactory())
    ExperimentationFactory.create_batch(2, coordinateur=debordee)
    reponse = client_de("animation").get(url("capacite", "changelist"))
    (ligne,) = [lg for lg in reponse.context["lignes_charge"] if lg["personne"] == debordee]
    assert (ligne["en_charge"], ligne["capacite"], ligne["depasse"]) == (2, 1, True)
    assert "Au-delà de sa capacité" in reponse.content.decode()


def test_the_direction_sets_the_yearly_budget(client_de):
    reponse = client_de("direction").post(
        url("budgetannuel", "add"), {"annee": 2027, "montant": "150000"}
    )
    assert reponse.status_code == 302
    assert BudgetAnnuel.objects.get().montant == Decimal("150000")
    reponse = client_de("coordination").post(
        url("budgetannuel", "add"), {"annee": 2028, "montant": "1"}
    )
    assert reponse.status_code == 403


# --- Lists in a fixed number of queries ----------------------------------------------------


def test_the_experiment_list_costs_the_same_whatever_its_length(
    client_de, django_assert_max_num_queries
):
    theme = ThemeFactory()
    coordinateurs = [coordinateur() for _ in range(4)]
    for n in range(60):
        e = ExperimentationFactory(coordinateur=coordinateurs[n % 4], titre=f"Expé {n:02d}")
        e.themes.add(theme)
    client = client_de("coordination")
    for parametres in ("", "?statut__exact=en_cours", f"?themes__id__exact={theme.pk}"):
        with django_assert_max_num_queries(11):
            reponse = client.get(url("experimentation", "changelist") + parametres)
        assert reponse.status_code == 200
        assert len(reponse.context["cl"].result_list) == 50
    assert reponse.context["cl"].result_list[0].titre == "Expé 59"


def test_the_pact_list_costs_the_same_whatever_its_length(client_de, django_assert_max_num_queries):
    for _n in range(60):
        PacteFactory(statut=StatutPacte.PROPOSE)
    client = client_de("coordination")
    with django_assert_max_num_queries(8):
        reponse = client.get(url("pacte", "changelist"))
    assert len(reponse.context["cl"].result_list) == 50
    numeros = [p.numero for p in reponse.context["cl"].result_list]
    assert numeros == sorted(numeros, reverse=True)


def test_the_provider_budget_and_capacity_lists_cost_the_same_whatever_their_length(
    client_de, django_assert_max_num_queries
):
    for n in range(60):
        prestataire = Prestataire.objects.create(
            experimentation=ExperimentationFactory(),
            organisation=OrganisationFactory(),
            objet=f"Prestation {n}",
        )
        for annee in (2025, 2026):
            LigneBudget.objects.create(
                prestataire=prestataire, libelle="Ligne", montant=Decimal("100"), annee=annee
            )
    for annee in range(2000, 2060):
        BudgetAnnuel.objects.create(annee=annee, montant=Decimal("1000"))
    fixee_par = PersonneFactory()
    for experimentation in Experimentation.objects.all():
        Capacite.objects.create(
            coordinateur=experimentation.coordinateur, nombre=2, fixee_par=fixee_par
        )
    client = client_de("direction")
    for modele, plafond in (("prestataire", 8), ("budgetannuel", 8), ("capacite", 11)):
        with django_assert_max_num_queries(plafond):
            reponse = client.get(url(modele, "changelist"))
        assert reponse.status_code == 200
        assert len(reponse.context["cl"].result_list) == 50 if modele != "capacite" else 60
    liste = client.get(url("prestataire", "changelist")).context["cl"].result_list
    assert all(p.total == Decimal("200") for p in liste)


def test_the_change_page_of_an_experiment_costs_the_same_whatever_its_participants(
    client_de, django_assert_max_num_queries
):
    experimentation = ExperimentationFactory()
    for _n in range(40):
        ParticipantFactory(experimentation=experimentation, personne=PersonneFactory())
    for type_ in TypePhase.values:
        PhaseFactory(experimentation=experimentation, type=type_)
    for _n in range(10):
        ActionExperimentation.objects.create(
            experimentation=experimentation, type="phase", par=PersonneFactory()
        )
    client = client_de("coordination")
    with django_assert_max_num_queries(17):
        reponse = client.get(url("experimentation", "change", experimentation.pk))
    assert reponse.status_code == 200
    assert PhaseExperimentation.objects.count() == 6


# --- The problem's back-office page leads to its experiment --------------------------------


@pytest.mark.parametrize(
    ("nom", "voit"),
    [("coordination", True), ("direction", True), ("animation", False), ("documentation", False)],
)
def test_a_retained_problem_s_page_offers_to_create_its_experiment(client_de, nom, voit):
    probleme = ProblematiqueFactory(publiee=True, statut="retenue")
    page = client_de(nom).get(
        reverse("admin:problematiques_problematique_change", args=[probleme.pk])
    )
    assert page.status_code == 200
    lien = f"{reverse('admin:experimentations_experimentation_add')}?problematique={probleme.pk}"
    assert (lien in page.content.decode()) is voit
    if voit:
        ajout = client_de(nom).get(lien)
        assert ajout.context["adminform"].form.initial["problematique"] == str(probleme.pk)


def test_a_problem_with_its_experiment_links_to_it(client_de):
    experimentation = ExperimentationFactory()
    page = client_de("animation").get(
        reverse(
            "admin:problematiques_problematique_change", args=[experimentation.problematique_id]
        )
    )
    contenu = page.content.decode()
    assert reverse("admin:experimentations_experimentation_change", args=[experimentation.pk]) in (
        contenu
    )
    assert "Créer l&#x27;expérimentation" not in contenu


def test_the_coordination_changes_hands_and_the_journal_says_so(client_de):
    experimentation = sur_son_territoire()
    relaie = coordinateur(first_name="Nolwenn", last_name="Cariou")
    client = client_de("coordination")
    donnees = page_experimentation(client, experimentation)
    donnees |= {"coordinateur": [str(relaie.pk)], "titre": ["Un titre plus juste"]}

    reponse = client.post(url("experimentation", "change", experimentation.pk), donnees)

    assert reponse.status_code == 302
    experimentation.refresh_from_db()
    assert experimentation.coordinateur == relaie
    assert experimentation.titre == "Un titre plus juste"
    assert experimentation.actions.get(type="modifier").detail == (
        "Modifié : titre, coordination confiée à Nolwenn Cariou."
    )


def test_a_coordinator_without_the_role_is_refused_next_to_the_field(client_de):
    experimentation = sur_son_territoire()
    client = client_de("coordination")
    donnees = page_experimentation(client, experimentation)
    donnees |= {"coordinateur": [str(PersonneFactory(roles=["Animation"]).pk)]}
    reponse = client.post(url("experimentation", "change", experimentation.pk), donnees)
    assert reponse.status_code == 200
    assert (
        "Choisissez une personne qui a le rôle Coordination."
        in (reponse.context["adminform"].form.errors["coordinateur"][0])
    )
