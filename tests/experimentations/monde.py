"""A small world of experiments and pacts, as the public would find it: for the browser tests
and to look at the pages. Written through the services where they journal what the pages read
(changes of state, phases, signatures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from experimentations.models import (
    BudgetAnnuel,
    Capacite,
    Experimentation,
    LigneBudget,
    Pacte,
    Participant,
    Prestataire,
    QualiteSignataire,
    RoleParticipant,
    StatutExperimentation,
    TypeEngagementPacte,
    TypePhase,
)
from experimentations.services import experimentations as services
from experimentations.services import pactes as services_pactes
from experimentations.services.pactes import EngagementSaisi, SignataireSaisi
from problematiques.models import Statut
from tests.communautes.factories import CommunauteFactory
from tests.factories import OrganisationFactory, PersonneFactory, TerritoireFactory, ThemeFactory
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Personne, Territoire

from .factories import ExperimentationFactory


@dataclass
class Monde:
    experimentation: Experimentation
    signe: Pacte  # Commune de Plouzané's, signed by both its signatories
    propose: Pacte  # Brest Métropole's, proposed, confirmed by nobody yet
    agent: Personne  # its agent signatory, named in its 0.1 FTE
    decideuse: Personne  # its decision-maker signatory
    coordination: Personne


def creer_monde(*, autres=11):
    aujourd_hui = timezone.localdate()
    finistere = Territoire.objects.get(slug="finistere")
    brest = TerritoireFactory(type="epci", parent=finistere, code="", nom="Brest Métropole")
    direction = PersonneFactory(roles=["Direction"], is_staff=True, first_name="Directrice")
    coordination = PersonneFactory(
        roles=["Coordination"],
        is_staff=True,
        profil_public=True,
        first_name="Anne",
        last_name="Le Gall",
    )
    discrete = PersonneFactory(roles=["Coordination"], is_staff=True, first_name="Discrète")
    Capacite.objects.create(coordinateur=coordination, nombre=2, fixee_par=direction)
    Capacite.objects.create(coordinateur=discrete, nombre=4, fixee_par=direction)

    probleme = ProblematiqueFactory(
        statut=Statut.RETENUE,
        publiee_le=timezone.now(),
        titre="Des cantines encombrées de plastique",
        territoires=[brest],
    )
    communaute = CommunauteFactory(
        nom="Cantines sans plastique", interet=True, problematique=probleme
    )
    e = services.experimentation_creer(
        par=coordination,
        problematique=probleme,
        coordinateur=coordination,
        titre="Cantines sans plastique",
        resume=(
            "Remplacer les barquettes jetables des cantines par des contenants **réutilisables**"
            ", avec les cantinières, les parents et les services techniques."
        ),
        themes=[ThemeFactory(nom="Alimentation")],
        communaute=communaute,
    )
    services.experimentation_changer_statut(experimentation=e, par=coordination, statut="en_cours")
    debut = aujourd_hui - timedelta(days=150)

    def jour(n: int) -> date:
        return debut + timedelta(days=n)

    # (phase, planned start, planned days, actual start, actual days, account)
    phases = [
        (TypePhase.CADRAGE, debut, 45, debut, 50, "Trois *ateliers* avec les cantinières."),
        (TypePhase.IMMERSION, jour(45), 30, jour(55), 35, ""),
        (TypePhase.PROTOTYPAGE, jour(80), 120, jour(95), None, ""),
        (TypePhase.TEST, jour(210), 90, None, None, ""),
        (TypePhase.EVALUATION, jour(300), 60, None, None, ""),
    ]
    for type_, prevu, duree, reel, duree_reelle, compte_rendu in phases:
        services.phase_enregistrer(
            experimentation=e,
            par=coordination,
            type=type_,
            debut_prevu=prevu,
            fin_prevue=prevu + timedelta(days=duree),
            debut_reel=reel,
            fin_reelle=reel + timedelta(days=duree_reelle) if reel and duree_reelle else None,
            compte_rendu=compte_rendu,
        )
    mairie = OrganisationFactory(nom="Commune de Plouzané")
    yann = PersonneFactory(
        organisation=mairie, profil_public=True, first_name="Yann", last_name="Kerjean"
    )
    maiwenn = PersonneFactory(
        organisation=mairie, profil_public=True, first_name="Maïwenn", last_name="Le Bras"
    )
    roles = [
        (mairie, None, RoleParticipant.PORTEUR),
        (OrganisationFactory(nom="Brest Métropole"), None, RoleParticipant.TERRITOIRE_ACCUEIL),
        (mairie, yann, RoleParticipant.PARTENAIRE),
        (None, PersonneFactory(profil_public=True, first_name="Nolwenn", last_name="Kerbrat"),
         RoleParticipant.CHERCHEUR),
        (None, PersonneFactory(), RoleParticipant.USAGER),
        (OrganisationFactory(nom="Association des parents d'élèves"), None, RoleParticipant.USAGER),
    ]  # fmt: skip
    for organisation, personne, role in roles:
        Participant.objects.create(
            experimentation=e, organisation=organisation, personne=personne, role=role
        )
    prestataire = Prestataire.objects.create(
        experimentation=e,
        organisation=OrganisationFactory(nom="Atelier Design Breizh"),
        objet="Design",
    )
    annee = aujourd_hui.year
    for libelle, montant, phase, an in [
        ("Ateliers de cadrage", "4500", TypePhase.CADRAGE, annee),
        ("Prototypes de contenants", "12800.50", TypePhase.PROTOTYPAGE, annee),
        ("Évaluation", "6000", TypePhase.EVALUATION, annee + 1),
    ]:
        LigneBudget.objects.create(
            prestataire=prestataire,
            libelle=libelle,
            montant=Decimal(montant),
            phase=phase,
            annee=an,
        )
    BudgetAnnuel.objects.create(annee=annee, montant=Decimal("120000"))

    def pacte(organisation, preambule, agent, decideuse):
        return services_pactes.pacte_creer(
            par=coordination,
            experimentation=e,
            organisation=organisation,
            debut=aujourd_hui,
            fin=aujourd_hui + timedelta(days=365),
            preambule=preambule,
            engagements=[
                EngagementSaisi(
                    TypeEngagementPacte.ETP,
                    f"Un dixième du temps de {agent.first_name}, pour changer les pratiques de "
                    "son organisation.",
                    Decimal("0.1"),
                    "ETP",
                    agent,
                ),
                EngagementSaisi(
                    TypeEngagementPacte.PARRAIN,
                    f"{decideuse.first_name} porte l'expérimentation devant les élus.",
                    personne=decideuse,
                ),
                EngagementSaisi(
                    TypeEngagementPacte.DONNEES, "Les chiffres de fréquentation des cantines."
                ),
            ],
            signataires=[
                SignataireSaisi(agent, QualiteSignataire.AGENT),
                SignataireSaisi(decideuse, QualiteSignataire.DECIDEUR),
            ],
        )

    signe = pacte(
        mairie, "La commune veut des cantines **sans plastique** d'ici deux ans.", yann, maiwenn
    )
    services_pactes.pacte_proposer(par=coordination, pacte=signe)
    services_pactes.pacte_signer(par=yann, pacte=signe)
    signe = services_pactes.pacte_signer(par=maiwenn, pacte=signe)
    metropole = OrganisationFactory(nom="Brest Métropole, direction des écoles")
    agent = PersonneFactory(
        organisation=metropole, profil_public=True, first_name="Erwan", last_name="Le Du"
    )
    decideuse = PersonneFactory(
        organisation=metropole, profil_public=True, first_name="Soazig", last_name="Morvan"
    )
    propose = pacte(metropole, "", agent, decideuse)
    services_pactes.pacte_proposer(par=coordination, pacte=propose)

    etats = list(StatutExperimentation)
    departements = list(Territoire.objects.filter(type="departement"))
    for n in range(autres):
        statut = etats[n % len(etats)]
        autre = ExperimentationFactory(
            titre=f"Expérimentation {n + 1}",
            statut=statut,
            coordinateur=coordination if n % 2 else discrete,
            lancee_le=date(aujourd_hui.year, 1, 1) if statut != "en_preparation" else None,
            statut_change_le=timezone.now(),
        )
        autre.territoires.set([departements[n % len(departements)]])
    return Monde(
        experimentation=e,
        signe=signe,
        propose=propose,
        agent=agent,
        decideuse=decideuse,
        coordination=coordination,
    )
