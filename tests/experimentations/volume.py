"""Large data sets for the query-count tests of the experiments' pages: 500 experiments with
their phases, participants and pacts for the list; one experiment with 200 participants, every
phase, 20 pacts and their steps for its page.

Written with bulk_create so that building them takes a second or two, not a minute.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any, cast

from django.utils import timezone

from experimentations.models import (
    ActionExperimentation,
    BudgetAnnuel,
    Capacite,
    EngagementPacte,
    Experimentation,
    LigneBudget,
    Pacte,
    Participant,
    PhaseExperimentation,
    Prestataire,
    RoleParticipant,
    Signataire,
    StatutExperimentation,
    StatutPacte,
    TypeActionExperimentation,
    TypeEngagementPacte,
    TypePhase,
)
from problematiques.models import Problematique, Statut, Transition, TypeTransition
from tests.factories import PersonneFactory
from tilab.comptes.models import Organisation, Personne, Territoire, Theme

NB_EXPERIMENTATIONS = 500
NB_PARTICIPANTS = 200


def _problemes(n: int, prefixe: str) -> list[Problematique]:
    organisation = Organisation.objects.create(
        nom=f"Mairie {prefixe}", slug=f"mairie-{prefixe}", type="commune"
    )
    return Problematique.objects.bulk_create(
        Problematique(
            titre=f"Problème {prefixe} {i}",
            slug=f"{prefixe}-{i}",
            constat="Un constat",
            publics_concernes="Des habitants",
            statut=Statut.RETENUE,
            publiee_le=timezone.now(),
            organisation=organisation,
        )
        for i in range(n)
    )


def _personnes(n: int, prefixe: str, **champs: Any) -> list[Personne]:
    return Personne.objects.bulk_create(
        Personne(
            email=f"{prefixe}{i}@exemple.fr",
            first_name="Prénom",
            last_name=f"{prefixe.capitalize()} {i}",
            **champs,
        )
        for i in range(n)
    )


def _personne(**champs: Any) -> Personne:
    return cast(Personne, PersonneFactory(**champs))


def creer_volume_liste() -> list[Experimentation]:
    """500 experiments in every state, on départements, EPCI and communes, 5 coordinators
    (some over capacity), 3 phases, 4 participants and 2 pacts each."""
    departements = list(Territoire.objects.filter(type="departement"))
    epcis = Territoire.objects.bulk_create(
        Territoire(nom=f"EPCI {i}", slug=f"epci-exp-{i}", type="epci", parent=d)
        for i, d in enumerate(departements)
    )
    lieux = [*departements, *epcis]
    themes = [Theme.objects.create(nom=f"Thème exp {i}", slug=f"theme-exp-{i}") for i in range(5)]
    direction = _personne(roles=["Direction"])
    coordinateurs = [_personne(roles=["Coordination"], profil_public=i % 2 == 0) for i in range(5)]
    Capacite.objects.bulk_create(
        Capacite(coordinateur=c, nombre=20 + 60 * (i % 2), fixee_par=direction)
        for i, c in enumerate(coordinateurs)
    )
    statuts = list(StatutExperimentation)
    problemes = _problemes(NB_EXPERIMENTATIONS, "exp-liste")
    maintenant = timezone.now()
    avec_motif = {StatutExperimentation.SUSPENDUE, StatutExperimentation.TERMINEE}
    experimentations = Experimentation.objects.bulk_create(
        Experimentation(
            problematique=p,
            titre=f"Expérimentation en volume {i}",
            slug=f"exp-volume-{i}",
            resume="Un résumé",
            coordinateur=coordinateurs[i % len(coordinateurs)],
            statut=statuts[i % len(statuts)],
            motif_statut="Un motif." if statuts[i % len(statuts)] in avec_motif else "",
            statut_change_le=maintenant,
            lancee_le=maintenant.date(),
        )
        for i, p in enumerate(problemes)
    )
    lien = Experimentation.territoires.through
    lien.objects.bulk_create(
        lien(experimentation=e, territoire=lieux[(i + j) % len(lieux)])
        for i, e in enumerate(experimentations)
        for j in range(2)
    )
    lien_themes = Experimentation.themes.through
    lien_themes.objects.bulk_create(
        lien_themes(experimentation=e, theme=themes[i % len(themes)])
        for i, e in enumerate(experimentations)
    )
    debut = timezone.localdate() - timedelta(days=200)
    PhaseExperimentation.objects.bulk_create(
        PhaseExperimentation(
            experimentation=e,
            type=type_,
            debut_prevu=debut + timedelta(days=60 * j),
            fin_prevue=debut + timedelta(days=60 * j + 50),
            debut_reel=debut + timedelta(days=60 * j) if j < 2 else None,
        )
        for e in experimentations
        for j, type_ in enumerate([TypePhase.CADRAGE, TypePhase.IMMERSION, TypePhase.TEST])
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(nom=f"Partenaire {i}", slug=f"partenaire-exp-{i}", type="commune")
        for i in range(20)
    )
    roles = list(RoleParticipant)
    Participant.objects.bulk_create(
        Participant(
            experimentation=e,
            organisation=organisations[(i + j) % len(organisations)],
            role=roles[j],
        )
        for i, e in enumerate(experimentations)
        for j in range(4)
    )
    personnes = _personnes(2, "signataire-liste")
    pactes = Pacte.objects.bulk_create(
        Pacte(
            experimentation=e,
            organisation=organisations[j],
            numero=2 * i + j + 1,
            debut=debut,
            fin=debut + timedelta(days=365),
            statut=StatutPacte.SIGNE if j == 0 else StatutPacte.PROPOSE,
            signe_le=maintenant if j == 0 else None,
        )
        for i, e in enumerate(experimentations)
        for j in range(2)
    )
    Signataire.objects.bulk_create(
        Signataire(pacte=p, personne=personne, qualite=qualite)
        for p in pactes
        for personne, qualite in zip(personnes, ["agent", "decideur"], strict=True)
    )
    return experimentations


def creer_volume_detail() -> Experimentation:
    """One running experiment with 200 participants (people and organisations), every phase,
    20 public pacts of 3 commitments and 2 signatories each, 60 budget lines, a journal of
    changes of state and 20 public steps of its problem."""
    probleme = _problemes(1, "exp-detail")[0]
    Transition.objects.bulk_create(
        Transition(
            problematique=probleme,
            type=TypeTransition.OUVRIR,
            statut_avant=Statut.EN_QUALIFICATION,
            statut_apres=Statut.OUVERTE,
            publique=True,
            commentaire_public=f"Étape {i}",
        )
        for i in range(20)
    )
    coordinateur = _personne(roles=["Coordination"], profil_public=True)
    e = Experimentation.objects.create(
        problematique=probleme,
        titre="Une grande expérimentation",
        slug="grande-experimentation",
        resume="Beaucoup de monde.",
        coordinateur=coordinateur,
        statut=StatutExperimentation.EN_COURS,
        lancee_le=timezone.localdate(),
    )
    e.territoires.set(Territoire.objects.filter(type="departement"))
    ActionExperimentation.objects.bulk_create(
        ActionExperimentation(
            experimentation=e,
            type=TypeActionExperimentation.CHANGER_STATUT,
            detail=detail,
        )
        for detail in [
            "En préparation → En cours.",
            "En cours → Suspendue. Une pause.",
            "Suspendue → En cours.",
        ]
        * 5
    )
    debut = timezone.localdate() - timedelta(days=300)
    PhaseExperimentation.objects.bulk_create(
        PhaseExperimentation(
            experimentation=e,
            type=type_,
            debut_prevu=debut + timedelta(days=50 * j),
            fin_prevue=debut + timedelta(days=50 * j + 45),
            debut_reel=debut + timedelta(days=50 * j + 3) if j < 4 else None,
            fin_reelle=debut + timedelta(days=50 * j + 50) if j < 3 else None,
            compte_rendu=f"Compte rendu {j}",
        )
        for j, type_ in enumerate(TypePhase)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(nom=f"Participante {i}", slug=f"participante-exp-{i}", type="commune")
        for i in range(NB_PARTICIPANTS // 2)
    )
    personnes = _personnes(NB_PARTICIPANTS // 2, "participant", profil_public=True)
    Personne.objects.filter(pk__in=[p.pk for p in personnes[::2]]).update(
        organisation=organisations[0]
    )
    roles = list(RoleParticipant)
    Participant.objects.bulk_create(
        [
            *(
                Participant(experimentation=e, organisation=o, role=roles[i % len(roles)])
                for i, o in enumerate(organisations)
            ),
            *(
                Participant(experimentation=e, personne=p, role=roles[i % len(roles)])
                for i, p in enumerate(personnes)
            ),
        ]
    )
    signataires = _personnes(2, "signataire-detail")
    maintenant = timezone.now()
    pactes = Pacte.objects.bulk_create(
        Pacte(
            experimentation=e,
            organisation=organisations[i],
            numero=10_000 + i,
            debut=debut,
            fin=debut + timedelta(days=700),
            statut=StatutPacte.SIGNE if i % 2 else StatutPacte.PROPOSE,
            signe_le=maintenant if i % 2 else None,
            preambule="Un préambule.",
        )
        for i in range(20)
    )
    Pacte.objects.create(
        experimentation=e,
        organisation=organisations[50],
        numero=20_000,
        debut=debut,
        fin=debut + timedelta(days=10),
    )  # a draft, never shown
    EngagementPacte.objects.bulk_create(
        EngagementPacte(
            pacte=p,
            type=type_,
            quantite=quantite,
            unite=unite,
            description="Un engagement.",
            personne=personnes[j],
        )
        for p in pactes
        for j, (type_, quantite, unite) in enumerate(
            [
                (TypeEngagementPacte.ETP, Decimal("0.1"), "ETP"),
                (TypeEngagementPacte.PARRAIN, None, ""),
                (TypeEngagementPacte.FINANCEMENT, Decimal("5000"), "€"),
            ]
        )
    )
    Signataire.objects.bulk_create(
        Signataire(pacte=p, personne=personne, qualite=qualite)
        for p in pactes
        for personne, qualite in zip(signataires, ["agent", "decideur"], strict=True)
    )
    annee = timezone.localdate().year
    prestataires = Prestataire.objects.bulk_create(
        Prestataire(experimentation=e, organisation=o, objet=f"Prestation {i}")
        for i, o in enumerate(organisations[:6])
    )
    LigneBudget.objects.bulk_create(
        LigneBudget(
            prestataire=prestataires[i % 6],
            libelle=f"Ligne {i}",
            montant=Decimal("1000"),
            phase=list(TypePhase)[i % 6],
            annee=annee + i % 3,
        )
        for i in range(60)
    )
    BudgetAnnuel.objects.create(annee=annee, montant=Decimal("100000"))
    return e
