"""Pacts of transformation: drafting, the signatories' confirmations, the contractual
commitment in the community, the end of a pact and its amendments."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from communautes.models import Engagement, MotifFin
from communautes.services import engagements as services_engagements
from experimentations.models import (
    ActionExperimentation,
    Pacte,
    QualiteSignataire,
    StatutPacte,
    TypeEngagementPacte,
)
from experimentations.services import pactes as services
from experimentations.services.pactes import EngagementSaisi, SignataireSaisi
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import OrganisationFactory, PersonneFactory

from .factories import ExperimentationFactory

pytestmark = pytest.mark.django_db


def aujourd_hui():
    return timezone.localdate()


@pytest.fixture
def monde(db):
    organisation = OrganisationFactory(nom="Commune de Plouzané")
    experimentation = ExperimentationFactory(communaute=CommunauteFactory())
    agent = PersonneFactory(organisation=organisation, first_name="Yann")
    decideuse = PersonneFactory(organisation=organisation, first_name="Maïwenn")
    return experimentation, organisation, agent, decideuse


def brouillon(monde, coordination, **options):
    experimentation, organisation, agent, decideuse = monde
    return services.pacte_creer(
        par=coordination,
        experimentation=experimentation,
        organisation=organisation,
        debut=options.get("debut", aujourd_hui()),
        fin=options.get("fin", aujourd_hui() + timedelta(days=540)),
        engagements=options.get(
            "engagements",
            [
                EngagementSaisi(
                    TypeEngagementPacte.ETP,
                    "Un dixième du temps de Yann pour agir dans sa commune.",
                    Decimal("0.1"),
                    "ETP",
                    agent,
                ),
                EngagementSaisi(TypeEngagementPacte.DONNEES, "Les données de fréquentation."),
            ],
        ),
        signataires=options.get(
            "signataires",
            [
                SignataireSaisi(agent, QualiteSignataire.AGENT),
                SignataireSaisi(decideuse, QualiteSignataire.DECIDEUR),
            ],
        ),
    )


def test_a_draft_needs_an_agent_and_a_decision_maker_among_its_signatories(monde, coordination):
    _e, _o, agent, _d = monde
    with pytest.raises(services.PacteImpossible) as exc:
        brouillon(monde, coordination, signataires=[SignataireSaisi(agent, "agent")])
    assert "décideur" in " ".join(exc.value.message_dict["__all__"])


def test_an_fte_names_its_person_and_stays_between_0_and_1(monde, coordination):
    with pytest.raises(services.PacteImpossible) as exc:
        brouillon(
            monde,
            coordination,
            engagements=[EngagementSaisi("etp", "Du temps", Decimal("1.5"), "ETP", None)],
        )
    messages = " ".join(exc.value.message_dict["__all__"])
    assert "nommez la personne" in messages
    assert "entre 0,01 et 1" in messages


def test_the_period_ends_after_it_starts(monde, coordination):
    with pytest.raises(services.PacteImpossible) as exc:
        brouillon(monde, coordination, fin=aujourd_hui() - timedelta(days=1))
    assert "fin" in exc.value.message_dict


@pytest.mark.parametrize(
    ("nom", "peut"),
    [
        ("relais", False),
        ("direction", True),
        ("coordination", True),
        ("animation", False),
        ("documentation", False),
        ("recherche", False),
        ("copil", False),
        ("codir", False),
    ],
)
def test_who_may_draft_and_propose_a_pact(nom, peut, persona, monde):
    if not peut:
        with pytest.raises(services.PacteImpossible):
            brouillon(monde, persona(nom))
        return
    pacte = brouillon(monde, persona(nom))
    assert services.pacte_proposer(par=persona(nom), pacte=pacte).statut == StatutPacte.PROPOSE


def test_each_signatory_confirms_and_the_last_one_signs(monde, coordination):
    experimentation, _o, agent, decideuse = monde
    pacte = services.pacte_proposer(par=coordination, pacte=brouillon(monde, coordination))

    with pytest.raises(PermissionDenied):
        services.pacte_signer(par=coordination, pacte=pacte)
    pacte = services.pacte_signer(par=agent, pacte=pacte)
    assert pacte.statut == StatutPacte.PROPOSE
    with pytest.raises(services.PacteImpossible):
        services.pacte_signer(par=agent, pacte=pacte)
    pacte = services.pacte_signer(par=decideuse, pacte=pacte)

    assert pacte.statut == StatutPacte.SIGNE
    assert pacte.signe_le is not None
    assert all(s.signe_le for s in pacte.signataires.all())
    journal = ActionExperimentation.objects.filter(experimentation=experimentation, type="pacte")
    assert journal.filter(par=agent).exists() and journal.filter(par=decideuse).exists()


def test_a_draft_is_not_signed(monde, coordination):
    _e, _o, agent, _d = monde
    with pytest.raises(PermissionDenied):
        services.pacte_signer(par=agent, pacte=brouillon(monde, coordination))


def test_a_signed_fte_becomes_a_contractual_commitment_in_the_community(
    monde, coordination, settings
):
    experimentation, organisation, agent, decideuse = monde
    settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS = 10
    pacte = services.pacte_proposer(par=coordination, pacte=brouillon(monde, coordination))
    services.pacte_signer(par=agent, pacte=pacte)
    services.pacte_signer(par=decideuse, pacte=pacte)

    engagement = Engagement.objects.get(personne=agent, communaute=experimentation.communaute)
    assert engagement.contractuel
    assert engagement.cadre == f"Pacte n° {pacte.numero}"
    assert engagement.heures_par_mois == 15  # 0.1 × 151.67 h
    assert engagement.fin == pacte.fin  # past twelve months: the pact's period
    assert engagement.organisation == organisation
    # Over the personal threshold (10 h), yet no warning: it is not the person's own.
    assert services_engagements.heures_engagees(agent) == 0
    assert not services_engagements.depasserait_le_seuil(agent, 10)
    assert pacte.engagements.get(type="etp").engagement_communaute == engagement


def test_a_running_personal_commitment_becomes_the_contractual_one(monde, coordination):
    experimentation, _o, agent, decideuse = monde
    personnel = EngagementFactory(personne=agent, communaute=experimentation.communaute)
    pacte = services.pacte_proposer(par=coordination, pacte=brouillon(monde, coordination))
    services.pacte_signer(par=agent, pacte=pacte)
    services.pacte_signer(par=decideuse, pacte=pacte)
    personnel.refresh_from_db()
    assert personnel.contractuel
    assert Engagement.objects.filter(personne=agent).count() == 1


def test_withdrawing_a_proposal_clears_the_confirmations(monde, coordination):
    _e, _o, agent, _d = monde
    pacte = services.pacte_proposer(par=coordination, pacte=brouillon(monde, coordination))
    services.pacte_signer(par=agent, pacte=pacte)
    pacte = services.pacte_retirer(par=coordination, pacte=pacte)
    assert pacte.statut == StatutPacte.BROUILLON
    assert not pacte.signataires.filter(signe_le__isnull=False).exists()
    with pytest.raises(services.PacteImpossible):
        services.pacte_retirer(par=agent, pacte=pacte)


def test_a_proposed_pact_is_not_edited(monde, coordination):
    pacte = services.pacte_proposer(par=coordination, pacte=brouillon(monde, coordination))
    with pytest.raises(services.PacteImpossible) as exc:
        services.pacte_modifier(
            par=coordination,
            pacte=pacte,
            debut=pacte.debut,
            fin=pacte.fin,
            engagements=[EngagementSaisi("autre", "x")],
            signataires=[],
        )
    assert "amendez" in exc.value.messages[0]


def signe(monde, coordination):
    _e, _o, agent, decideuse = monde
    pacte = services.pacte_proposer(par=coordination, pacte=brouillon(monde, coordination))
    services.pacte_signer(par=agent, pacte=pacte)
    return services.pacte_signer(par=decideuse, pacte=pacte)


def test_a_broken_pact_says_why_and_ends_the_contractual_commitment(monde, coordination):
    pacte = signe(monde, coordination)
    with pytest.raises(services.PacteImpossible) as exc:
        services.pacte_terminer(par=coordination, pacte=pacte, honore=False)
    assert "motif" in exc.value.message_dict
    pacte = services.pacte_terminer(
        par=coordination, pacte=pacte, honore=False, motif="Réorganisation des services."
    )
    assert pacte.statut == StatutPacte.ROMPU
    engagement = pacte.engagements.get(type="etp").engagement_communaute
    assert engagement.termine_le == aujourd_hui()
    assert engagement.motif_fin == MotifFin.CADRE_TERMINE


def test_an_amendment_is_a_new_version_and_replaces_the_signed_one_once_signed(monde, coordination):
    _e, _o, agent, decideuse = monde
    v1 = services.pacte_commencer(par=coordination, pacte=signe(monde, coordination))
    v2 = services.pacte_amender(par=coordination, pacte=v1)
    assert (v2.version, v2.remplace, v2.statut) == (2, v1, StatutPacte.BROUILLON)
    assert v2.numero != v1.numero
    assert v2.engagements.count() == 2 and v2.signataires.count() == 2
    with pytest.raises(services.PacteImpossible):
        services.pacte_amender(par=coordination, pacte=v1)
    services.pacte_modifier(
        par=coordination,
        pacte=v2,
        debut=v2.debut,
        fin=v2.fin,
        engagements=[EngagementSaisi("etp", "Un cinquième du temps", Decimal("0.2"), "ETP", agent)],
        signataires=[SignataireSaisi(agent, "agent"), SignataireSaisi(decideuse, "decideur")],
    )
    v1.refresh_from_db()
    assert v1.statut == StatutPacte.EN_COURS  # in force until the amendment is signed
    services.pacte_proposer(par=coordination, pacte=v2)
    services.pacte_signer(par=agent, pacte=v2)
    services.pacte_signer(par=decideuse, pacte=v2)
    v1.refresh_from_db()
    assert v1.statut == StatutPacte.REMPLACE
    en_cours = Engagement.objects.actifs().get(personne=agent)
    assert en_cours.heures_par_mois == 30 and en_cours.cadre == f"Pacte n° {v2.numero}"


@pytest.mark.django_db(transaction=True)
def test_two_signatories_confirming_at_once_sign_the_pact_exactly_once(monde, coordination):
    _e, _o, agent, decideuse = monde
    pacte = services.pacte_proposer(par=coordination, pacte=brouillon(monde, coordination))
    barriere = threading.Barrier(2)
    erreurs: list[BaseException] = []

    def confirmer(personne):
        try:
            barriere.wait()
            services.pacte_signer(par=personne, pacte=pacte)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            erreurs.append(exc)
        finally:
            connection.close()

    fils = [threading.Thread(target=confirmer, args=(p,)) for p in (agent, decideuse)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()

    assert erreurs == []
    pacte = Pacte.objects.get(pk=pacte.pk)
    assert pacte.statut == StatutPacte.SIGNE
    journal = ActionExperimentation.objects.filter(detail__contains="signé : tous")
    assert journal.count() == 1
    assert Engagement.objects.filter(personne=agent, contractuel=True).count() == 1


def test_two_ftes_of_one_person_make_one_contractual_commitment(monde, coordination):
    experimentation, _o, agent, decideuse = monde
    deux = [
        EngagementSaisi("etp", "Animer le réseau", Decimal("0.1"), "ETP", agent),
        EngagementSaisi("etp", "Tester le prototype", Decimal("0.1"), "ETP", agent),
    ]
    pacte = services.pacte_proposer(
        par=coordination, pacte=brouillon(monde, coordination, engagements=deux)
    )
    services.pacte_signer(par=agent, pacte=pacte)
    services.pacte_signer(par=decideuse, pacte=pacte)
    engagement = Engagement.objects.get(personne=agent, communaute=experimentation.communaute)
    assert engagement.heures_par_mois == 30
    assert set(pacte.engagements.values_list("engagement_communaute", flat=True)) == {engagement.pk}


def test_a_second_pact_adds_its_hours_and_ending_one_keeps_the_other(monde, coordination):
    experimentation, _o, agent, decideuse = monde
    premier = signe(monde, coordination)
    autre = OrganisationFactory()
    agent2, decideur2 = PersonneFactory.create_batch(2, organisation=autre)
    second = services.pacte_creer(
        par=coordination,
        experimentation=experimentation,
        organisation=autre,
        debut=aujourd_hui(),
        fin=aujourd_hui() + timedelta(days=90),
        engagements=[EngagementSaisi("etp", "Un autre cadre", Decimal("0.1"), "ETP", agent)],
        signataires=[SignataireSaisi(agent2, "agent"), SignataireSaisi(decideur2, "decideur")],
    )
    services.pacte_proposer(par=coordination, pacte=second)
    services.pacte_signer(par=agent2, pacte=second)
    services.pacte_signer(par=decideur2, pacte=second)
    engagement = Engagement.objects.get(personne=agent)
    assert engagement.heures_par_mois == 30
    assert engagement.cadre == f"Pacte n° {premier.numero}, Pacte n° {second.numero}"
    services.pacte_terminer(par=coordination, pacte=second, honore=True)
    engagement.refresh_from_db()
    assert engagement.termine_le is None


def test_a_signatory_may_delete_their_account_and_the_signature_stays(monde, coordination):
    _e, _o, agent, _d = monde
    pacte = signe(monde, coordination)
    agent.delete()
    signataire = pacte.signataires.get(qualite="agent")
    assert signataire.personne is None and signataire.signe_le is not None


def test_signatories_belong_to_the_organisation_that_commits(monde, coordination):
    _e, _o, agent, _d = monde
    ailleurs = PersonneFactory(organisation=OrganisationFactory(), first_name="Loïc")
    with pytest.raises(services.PacteImpossible) as exc:
        brouillon(
            monde,
            coordination,
            signataires=[SignataireSaisi(agent, "agent"), SignataireSaisi(ailleurs, "decideur")],
        )
    assert "n'est pas de l'organisation « Commune de Plouzané »" in " ".join(
        exc.value.message_dict["__all__"]
    )


def test_proposing_a_pact_tells_each_signatory_where_to_confirm_it(
    monde, coordination, mailoutbox, django_capture_on_commit_callbacks
):
    _e, _o, agent, decideuse = monde
    pacte = brouillon(monde, coordination)
    with django_capture_on_commit_callbacks(execute=True):
        services.pacte_proposer(par=coordination, pacte=pacte)
    # One message each: signatories do not see each other's address.
    assert sorted(adresse for m in mailoutbox for adresse in m.to) == sorted(
        [agent.email, decideuse.email]
    )
    message = mailoutbox[0]
    assert (
        message.subject
        == f"Un pacte de transformation attend votre confirmation : pacte n° {pacte.numero}"
    )
    assert f"/experimentations/pactes/{pacte.numero}/signer/" in message.body
    assert "Commune de Plouzané" in message.body


def test_a_pact_whose_number_begins_another_s_still_adds_its_hours(monde, coordination):
    # « Pacte n° 1 » is written inside « Pacte n° 12 »: the frames are told apart whole.
    from communautes.services import engagements as services_engagements

    experimentation, organisation, agent, _d = monde
    communaute = experimentation.communaute
    fin = aujourd_hui() + timedelta(days=200)
    for cadre in ("Pacte n° 12", "Pacte n° 1"):
        services_engagements.engagement_contractuel_prendre(
            communaute=communaute,
            personne=agent,
            organisation=organisation,
            heures_par_mois=15,
            debut=aujourd_hui(),
            fin=fin,
            cadre=cadre,
            par=None,
        )
    engagement = Engagement.objects.get(personne=agent, communaute=communaute)
    assert engagement.heures_par_mois == 30
    assert engagement.cadre == "Pacte n° 12, Pacte n° 1"
