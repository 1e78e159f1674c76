"""The bench's experiments and pacts (contract: ``tilab/banc/__init__.py``).

At full scale: 500 experiments, each from a problem the COPIL retained (the retained problems,
then candidates and adjourned ones that a session retained, a fifth of each state kept as it
was), in every state, with their six phases planned and, as far as their state goes, carried
out; some 3,000 participants (one experiment has 200); providers with their budget lines
against each year's budget; some 550 pacts of transformation in every state (amended ones
replaced by their new version) with their commitments and signatories; the in-force FTE of a
pact as a contractual commitment in the experiment's community; the journal entries all of it
leaves; each coordinator's capacity with its history, one of them beyond it.

``pages()`` measures the section's entry page and the back office's lists (the experiment with
the most participants for its change page); the public pages of experiments join them as they
are built.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Sum
from django.utils import timezone

from communautes.models import ActionCommunaute, Communaute, Engagement, RoleEngagement, TypeAction
from experimentations.demo import COMPTES_RENDUS, plan_des_phases
from experimentations.models import (
    HEURES_PAR_MOIS_D_UN_ETP,
    ORDRE_DES_PHASES,
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
    QualiteSignataire,
    RoleParticipant,
    Signataire,
    StatutExperimentation,
    StatutPacte,
    TypeActionExperimentation,
    TypeEngagementPacte,
    TypePhase,
)
from problematiques.models import Problematique, Statut
from tilab.banc import Donnees, Nature, Page
from tilab.banc.generation import alea, dates_libres, inserer, lier, nombre, tirer
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Expertise, Organisation, Personne, TypeOrganisation

SE = StatutExperimentation
SP = StatutPacte

EXPERIMENTATIONS = 500
# The experiment with the most participants (its pages must not grow with them).
PARTICIPANTS_DE_LA_PLUS_GRANDE = 200
# Problems of these states that a COPIL session retained, when the retained ones are too few;
# a fifth of each stays as it was.
AUSSI_RETENUES = [Statut.CANDIDATE, Statut.AJOURNEE]

STATUTS: dict[StatutExperimentation, float] = {
    SE.EN_PREPARATION: 0.15,
    SE.EN_COURS: 0.4,
    SE.SUSPENDUE: 0.05,
    SE.TERMINEE: 0.25,
    SE.ESSAIMEE: 0.15,
}
# How long ago an experiment in each state was created (days, at least and at most).
AGES: dict[StatutExperimentation, tuple[int, int]] = {
    SE.EN_PREPARATION: (1, 60),
    SE.EN_COURS: (30, 400),
    SE.SUSPENDUE: (60, 500),
    SE.TERMINEE: (200, 900),
    SE.ESSAIMEE: (300, 1000),
}
# The states of an experiment's pacts, by the experiment's state.
PACTES: dict[StatutExperimentation, dict[StatutPacte, float]] = {
    SE.EN_PREPARATION: {SP.BROUILLON: 1},
    SE.EN_COURS: {SP.BROUILLON: 0.15, SP.PROPOSE: 0.2, SP.SIGNE: 0.25, SP.EN_COURS: 0.4},
    SE.SUSPENDUE: {SP.SIGNE: 0.3, SP.EN_COURS: 0.4, SP.ROMPU: 0.3},
    SE.TERMINEE: {SP.HONORE: 0.7, SP.ROMPU: 0.3},
    SE.ESSAIMEE: {SP.HONORE: 0.8, SP.ROMPU: 0.2},
}
MOTIFS = {
    SE.SUSPENDUE: "Le territoire d'accueil a demandé une pause le temps de renouveler son équipe.",
    SE.TERMINEE: "Le test a répondu à sa question ; ses enseignements sont documentés.",
}
MOTIF_RUPTURE = "L'organisation n'a pas pu dégager le temps promis après la réorganisation."
OBJETS = ["Concevoir le service avec ses usagers", "Évaluer le test", "Animer les ateliers",
          "Réaliser le prototype", "Former les agents d'accueil"]  # fmt: skip
ENGAGEMENTS: dict[TypeEngagementPacte, str] = {
    TypeEngagementPacte.ETP: "Du temps de l'agent pour agir dans sa collectivité.",
    TypeEngagementPacte.PARRAIN: "Suit l'expérimentation et en rend compte à son assemblée.",
    TypeEngagementPacte.DONNEES: "Les données de fréquentation des trois dernières années.",
    TypeEngagementPacte.IMMERSION: "Accueil de l'équipe pendant deux semaines.",
    TypeEngagementPacte.FINANCEMENT: "Prise en charge d'une partie du prototype.",
    TypeEngagementPacte.AUTRE: "Une salle pour les ateliers.",
}


def _jour(moment: datetime) -> date:
    return timezone.localdate(moment)


def _a_midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12)))


@dataclass
class _Ligne:
    """Everything generated for one experiment before the bulk inserts."""

    experimentation: Experimentation
    themes: list[int]
    territoires: list[int]
    transitions: list[tuple[StatutExperimentation, StatutExperimentation, datetime]]
    fin_activite: datetime | None  # until when phases began and ended (None: nothing began)
    phases: list[PhaseExperimentation] = field(default_factory=list)


def generer(echelle: float) -> None:
    rng = alea("experimentations")
    maintenant = timezone.now()
    coordination = list(
        Personne.objects.ayant_un_role(regles_comptes.COORDINATION).values_list("pk", flat=True)
    )
    direction = Personne.objects.ayant_un_role(regles_comptes.DIRECTION).values_list(
        "pk", flat=True
    )
    fixee_par = direction.first()
    personnes: dict[int, int | None] = dict(Personne.objects.values_list("pk", "organisation_id"))
    membres: dict[int, list[int]] = {}
    for pk, organisation in personnes.items():
        if organisation is not None:
            membres.setdefault(organisation, []).append(pk)
    problemes = _problemes_retenus(rng, nombre(EXPERIMENTATIONS, echelle))
    communautes = dict(
        Communaute.objects.filter(problematique__in=problemes).values_list("problematique_id", "pk")
    )
    lignes = [
        _experimentation(rng, p, rng.choice(coordination), communautes.get(p.pk), maintenant)
        for p in problemes
    ]
    with dates_libres(
        Experimentation, ActionExperimentation, Pacte, Capacite, Engagement, ActionCommunaute
    ):
        experimentations = inserer(Experimentation, [ligne.experimentation for ligne in lignes])
        lier(
            Experimentation.themes,
            [(e.pk, t) for e, ligne in zip(experimentations, lignes, strict=True)
             for t in ligne.themes],
        )  # fmt: skip
        lier(
            Experimentation.territoires,
            [(e.pk, t) for e, ligne in zip(experimentations, lignes, strict=True)
             for t in ligne.territoires],
        )  # fmt: skip
        journal = [
            ActionExperimentation(
                experimentation=ligne.experimentation,
                type=TypeActionExperimentation.CREER,
                par_id=ligne.experimentation.coordinateur_id,
                le=ligne.experimentation.cree_le,
                detail=f"Créée depuis la problématique « {ligne.experimentation.titre} ».",
            )
            for ligne in lignes
        ]
        for ligne in lignes:
            journal += [
                ActionExperimentation(
                    experimentation=ligne.experimentation,
                    type=TypeActionExperimentation.CHANGER_STATUT,
                    par_id=ligne.experimentation.coordinateur_id,
                    le=quand,
                    detail=f"{avant.label} → {apres.label}."
                    + (f" {MOTIFS[apres]}" if apres in MOTIFS else ""),
                )
                for avant, apres, quand in ligne.transitions
            ]
            _phases(ligne)
        inserer(PhaseExperimentation, [phase for ligne in lignes for phase in ligne.phases])
        journal += _participants(rng, echelle, lignes, personnes)
        journal += _prestataires(rng, lignes, maintenant)
        journal += _pactes(rng, lignes, personnes, membres, maintenant)
        inserer(ActionExperimentation, journal)
        _capacites(rng, coordination, fixee_par, maintenant)


def _problemes_retenus(rng: random.Random, voulus: int) -> list[Problematique]:
    """Retained problems without an experiment; when they are too few, candidates and
    adjourned ones a COPIL session retained (a fifth of each kept as it was)."""
    retenues = Problematique.objects.filter(statut=Statut.RETENUE, experimentation__isnull=True)
    manque = voulus - retenues.count()
    for statut in AUSSI_RETENUES:
        if manque <= 0:
            break
        ids = list(Problematique.objects.filter(statut=statut).values_list("pk", flat=True))
        gardees = max(1, len(ids) // 5)
        promues = sorted(rng.sample(sorted(ids), max(0, min(manque, len(ids) - gardees))))
        Problematique.objects.filter(pk__in=promues).update(statut=Statut.RETENUE)
        manque -= len(promues)
    return list(retenues.prefetch_related("themes", "territoires").order_by("pk")[: max(voulus, 0)])


def _experimentation(
    rng: random.Random,
    p: Problematique,
    coordinateur: int,
    communaute: int | None,
    maintenant: datetime,
) -> _Ligne:
    """One experiment: its state, then dates that fit it and its problem's publication."""
    publiee = p.publiee_le or p.cree_le
    statut = tirer(rng, STATUTS)
    plus_jeune, plus_vieille = AGES[statut]
    if (maintenant - publiee).days < plus_jeune + 30:
        statut, plus_jeune, plus_vieille = SE.EN_PREPARATION, *AGES[SE.EN_PREPARATION]
    plus_vieille = min(plus_vieille, max(plus_jeune, (maintenant - publiee).days - 30))
    cree_le = maintenant - timedelta(
        days=rng.uniform(plus_jeune, plus_vieille), seconds=rng.randint(0, 86399)
    )
    cree_le = max(cree_le, publiee + timedelta(hours=1))
    lancee = cree_le + timedelta(days=10)
    transitions: list[tuple[StatutExperimentation, StatutExperimentation, datetime]] = []
    fin_activite: datetime | None = None
    if statut != SE.EN_PREPARATION:
        lancee = min(lancee, maintenant - timedelta(hours=2))
        transitions.append((SE.EN_PREPARATION, SE.EN_COURS, lancee))
        fin_activite = maintenant
    if statut in (SE.SUSPENDUE, SE.TERMINEE, SE.ESSAIMEE):
        part = rng.uniform(0.5, 0.9) if statut != SE.ESSAIMEE else 0.6
        fin = lancee + (maintenant - lancee) * part
        arrivee = SE.SUSPENDUE if statut == SE.SUSPENDUE else SE.TERMINEE
        transitions.append((SE.EN_COURS, arrivee, fin))
        fin_activite = fin
    if statut == SE.ESSAIMEE:
        transitions.append((SE.TERMINEE, SE.ESSAIMEE, fin + (maintenant - fin) / 2))
    experimentation = Experimentation(
        problematique=p,
        titre=p.titre,
        slug=p.slug[:200],
        resume=p.constat,
        coordinateur_id=coordinateur,
        communaute_id=communaute,
        statut=statut,
        # The reason of its last suspension or end (an essaimée one keeps its end's).
        motif_statut=MOTIFS[SE.SUSPENDUE]
        if statut == SE.SUSPENDUE
        else MOTIFS[SE.TERMINEE]
        if statut in (SE.TERMINEE, SE.ESSAIMEE)
        else "",
        statut_change_le=transitions[-1][2] if transitions else None,
        lancee_le=_jour(lancee) if transitions else None,
        cree_le=cree_le,
        modifiee_le=transitions[-1][2] if transitions else cree_le,
    )
    return _Ligne(
        experimentation,
        [t.pk for t in p.themes.all()],
        [t.pk for t in p.territoires.all()],
        transitions,
        fin_activite,
    )


def _phases(ligne: _Ligne) -> None:
    """The six phases planned from its creation; begun and ended as far as its state goes
    (an end ends the phase under way, a suspension only pauses it)."""
    e = ligne.experimentation
    debut = _jour(e.cree_le) + timedelta(days=7)
    if e.statut in (SE.TERMINEE, SE.ESSAIMEE):
        assert ligne.fin_activite is not None
        fin_du_plan = max(debut + timedelta(days=10), _jour(ligne.fin_activite))
    else:
        fin_du_plan = debut + timedelta(days=300)
    plan = plan_des_phases(debut, fin_du_plan, [t for t in TypePhase if t != TypePhase.ESSAIMAGE])
    if e.statut != SE.TERMINEE:
        plan[TypePhase.ESSAIMAGE] = (fin_du_plan, fin_du_plan + timedelta(days=90))
    activite = None if ligne.fin_activite is None else _jour(ligne.fin_activite)
    if e.statut == SE.ESSAIMEE:
        activite = _jour(timezone.now())
    for rang, (type_, (debut_prevu, fin_prevue)) in enumerate(
        sorted(plan.items(), key=lambda t: ORDRE_DES_PHASES[t[0]])
    ):
        debut_reel = fin_reelle = None
        if activite is not None and debut_prevu + timedelta(days=rang % 3) <= activite:
            debut_reel = debut_prevu + timedelta(days=rang % 3)
            fin = fin_prevue + timedelta(days=(rang % 2) * 4)
            if fin <= activite:
                fin_reelle = fin
            elif e.statut == SE.TERMINEE:
                fin_reelle = max(debut_reel, activite)
        ligne.phases.append(
            PhaseExperimentation(
                experimentation=e,
                type=type_,
                debut_prevu=debut_prevu,
                fin_prevue=fin_prevue,
                debut_reel=debut_reel,
                fin_reelle=fin_reelle,
                compte_rendu=COMPTES_RENDUS[type_] if fin_reelle else "",
            )
        )


def _participants(
    rng: random.Random, echelle: float, lignes: list[_Ligne], personnes: dict[int, int | None]
) -> list[ActionExperimentation]:
    gens = list(personnes)
    organisations = sorted({o for o in personnes.values() if o is not None})
    participants: list[Participant] = []
    journal: list[ActionExperimentation] = []
    for n, ligne in enumerate(lignes):
        e = ligne.experimentation
        voulus = max(8, nombre(PARTICIPANTS_DE_LA_PLUS_GRANDE, echelle)) if n == 0 else None
        vus: set[tuple[int | None, int | None, str]] = set()
        for _essai in range(voulus * 3 if voulus else rng.randint(3, 8)):
            if voulus and len(vus) >= voulus:
                break
            # A person (for their organisation, or on their own), or an organisation.
            personne: int | None = None
            organisation: int | None = None
            if rng.random() < 0.7 or not organisations:
                personne = rng.choice(gens)
                if rng.random() < 0.6:
                    organisation = personnes[personne]
            else:
                organisation = rng.choice(organisations)
            role = rng.choice(RoleParticipant.values)
            if (organisation, personne, role) in vus:
                continue
            vus.add((organisation, personne, role))
            participants.append(
                Participant(
                    experimentation=e,
                    organisation_id=organisation,
                    personne_id=personne,
                    role=role,
                    ajoute_le=e.cree_le,
                )
            )
            journal.append(
                ActionExperimentation(
                    experimentation=e,
                    type=TypeActionExperimentation.PARTICIPANT,
                    par_id=e.coordinateur_id,
                    le=e.cree_le + timedelta(days=3),
                    detail=f"Ajouté : {RoleParticipant(role).label}.",
                )
            )
    with dates_libres(Participant):
        inserer(Participant, participants)
    return journal


def _prestataires(
    rng: random.Random, lignes: list[_Ligne], maintenant: datetime
) -> list[ActionExperimentation]:
    entreprises = list(
        Organisation.objects.filter(
            type__in=[TypeOrganisation.ENTREPRISE, TypeOrganisation.ASSOCIATION]
        ).values_list("pk", "nom")
    ) or list(Organisation.objects.values_list("pk", "nom"))
    prestataires: list[Prestataire] = []
    a_detailler: list[tuple[Prestataire, _Ligne]] = []
    journal: list[ActionExperimentation] = []
    for n, ligne in enumerate(lignes):
        e = ligne.experimentation
        combien = 1 if n == 0 else rng.choice([0, 0, 1, 1, 2])
        for organisation, nom in rng.sample(entreprises, min(combien, len(entreprises))):
            prestataire = Prestataire(
                experimentation=e, organisation_id=organisation, objet=rng.choice(OBJETS)
            )
            prestataires.append(prestataire)
            a_detailler.append((prestataire, ligne))
            journal.append(
                ActionExperimentation(
                    experimentation=e,
                    type=TypeActionExperimentation.BUDGET,
                    par_id=e.coordinateur_id,
                    le=e.cree_le + timedelta(days=5),
                    detail=f"Prestataire : {nom}.",
                )
            )
    inserer(Prestataire, prestataires)
    lignes_budget: list[LigneBudget] = []
    for prestataire, ligne in a_detailler:
        e = ligne.experimentation
        for phase in rng.sample(ligne.phases, rng.randint(1, min(3, len(ligne.phases)))):
            annee = min(maintenant.year, phase.debut_prevu.year)
            montant = Decimal(rng.randrange(1000, 20000, 50))
            lignes_budget.append(
                LigneBudget(
                    prestataire=prestataire,
                    libelle=f"{TypePhase(phase.type).label} : {prestataire.objet.lower()}",
                    montant=montant,
                    phase=phase.type,
                    annee=annee,
                )
            )
            journal.append(
                ActionExperimentation(
                    experimentation=e,
                    type=TypeActionExperimentation.BUDGET,
                    par_id=e.coordinateur_id,
                    le=min(maintenant, e.cree_le + timedelta(days=6)),
                    detail=f"Ligne de budget : {montant} € ({annee}).",
                )
            )
    inserer(LigneBudget, lignes_budget)
    # Each year's budget a little above what its lines commit.
    engage = LigneBudget.objects.values("annee").annotate(total=Sum("montant"))
    inserer(
        BudgetAnnuel,
        [
            BudgetAnnuel(
                annee=ligne["annee"],
                montant=Decimal(math.ceil(ligne["total"] * Decimal("1.2") / 1000) * 1000),
            )
            for ligne in engage
        ],
    )
    return journal


@dataclass
class _Pacte:
    pacte: Pacte
    engagements: list[EngagementPacte]
    signataires: list[Signataire]
    ligne: _Ligne


def _pactes(
    rng: random.Random,
    lignes: list[_Ligne],
    personnes: dict[int, int | None],
    membres: dict[int, list[int]],
    maintenant: datetime,
) -> list[ActionExperimentation]:
    """Pacts by the experiment's state, each along its steps a week or so apart; an amended
    one replaced by its signed new version. Numbered in the order they were drafted."""
    gens = list(personnes)
    # An agent signs for their organisation.
    agents = [pk for pk, organisation in personnes.items() if organisation is not None]
    a_ecrire: list[_Pacte] = []
    for n, ligne in enumerate(lignes):
        e = ligne.experimentation
        combien = 1 if n == 0 else rng.choice([0, 1, 1, 2, 3])
        if e.statut == SE.EN_PREPARATION:
            combien = min(combien, 1 if rng.random() < 0.4 else 0)
        organisations: set[int] = set()
        for _k in range(combien):
            agent = rng.choice(agents)
            organisation = personnes[agent]
            if organisation is None or organisation in organisations:
                continue
            organisations.add(organisation)
            statut = tirer(rng, PACTES[SE(e.statut)])
            amende = statut in (SP.SIGNE, SP.EN_COURS, SP.HONORE) and rng.random() < 0.1
            debut_activite = e.cree_le + timedelta(days=10)
            fin_activite = ligne.fin_activite or maintenant
            redige = debut_activite + (fin_activite - debut_activite) * rng.uniform(0, 0.4)
            collegues = [m for m in membres.get(organisation, []) if m != agent]
            decideur = rng.choice(collegues or [g for g in gens if g != agent])
            versions = [SP.REMPLACE, statut] if amende else [statut]
            precedent: Pacte | None = None
            for version, statut_version in enumerate(versions, start=1):
                pacte = _un_pacte(
                    rng, ligne, organisation, agent, decideur, statut_version, redige, maintenant
                )
                pacte.pacte.version = version
                pacte.pacte.remplace = precedent
                precedent = pacte.pacte
                a_ecrire.append(pacte)
                redige = max(redige, (pacte.pacte.signe_le or redige)) + timedelta(days=7)
    dernier = Pacte.objects.aggregate(n=Max("numero"))["n"] or 0
    a_ecrire.sort(key=lambda p: (p.pacte.cree_le, p.pacte.version))
    for numero, p in enumerate(a_ecrire, start=dernier + 1):
        p.pacte.numero = numero
    # The first versions first: the new ones point at them.
    for version in (1, 2):
        du_rang = [p for p in a_ecrire if p.pacte.version == version]
        for p in du_rang:
            if p.pacte.remplace is not None:
                p.pacte.remplace_id = p.pacte.remplace.pk
        inserer(Pacte, [p.pacte for p in du_rang])
    _engagements_contractuels(a_ecrire, maintenant)
    inserer(EngagementPacte, [e for p in a_ecrire for e in p.engagements])
    inserer(Signataire, [s for p in a_ecrire for s in p.signataires])
    return [action for p in a_ecrire for action in _journal_du_pacte(p)]


def _un_pacte(
    rng: random.Random,
    ligne: _Ligne,
    organisation: int,
    agent: int,
    decideur: int,
    statut: StatutPacte,
    redige: datetime,
    maintenant: datetime,
) -> _Pacte:
    e = ligne.experimentation
    pas = max(timedelta(hours=1), min(timedelta(days=7), (maintenant - redige) / 6))
    propose_le = redige + pas if statut != SP.BROUILLON else None
    signe = statut not in (SP.BROUILLON, SP.PROPOSE)
    signe_le = redige + 3 * pas if signe else None
    debut = _jour(redige)
    fin = debut + timedelta(days=rng.choice([365, 540, 730]))
    termine_le = None
    if statut == SP.HONORE:
        # Honoured at the end of its period, by the end of the experiment at the latest.
        fin = max(_jour(redige + 4 * pas), min(fin, _jour(ligne.fin_activite or maintenant)))
        termine_le = min(maintenant, max(redige + 4 * pas, _a_midi(fin)))
    elif statut == SP.ROMPU:
        termine_le = redige + 5 * pas
    pacte = Pacte(
        experimentation=e,
        organisation_id=organisation,
        numero=0,
        debut=debut,
        fin=fin,
        preambule="L'organisation s'engage au-delà de l'envoi d'une personne.",
        statut=statut,
        motif_rupture=MOTIF_RUPTURE if statut == SP.ROMPU else "",
        propose_le=propose_le,
        signe_le=signe_le,
        cree_le=redige,
        modifie_le=termine_le or signe_le or propose_le or redige,
    )
    types = [TypeEngagementPacte.ETP, TypeEngagementPacte.PARRAIN]
    types += rng.sample(
        [t for t in TypeEngagementPacte if t not in types], rng.randint(0, 2)
    )  # fmt: skip
    engagements = []
    for type_ in types:
        quantite = None
        if type_ == TypeEngagementPacte.ETP:
            quantite = Decimal(rng.choice(["0.1", "0.1", "0.2", "0.05", "0.5"]))
        elif type_ == TypeEngagementPacte.FINANCEMENT:
            quantite = Decimal(rng.randrange(2000, 50000, 500))
        engagements.append(
            EngagementPacte(
                pacte=pacte,
                type=type_,
                quantite=quantite,
                unite={"etp": "ETP", "financement": "euros"}.get(type_, ""),
                description=ENGAGEMENTS[type_],
                personne_id={"etp": agent, "parrain": decideur}.get(type_),
            )
        )
    signataires = [
        Signataire(
            pacte=pacte,
            personne_id=qui,
            qualite=qualite,
            # The last confirmation signs it.
            signe_le=(
                redige + (2 + k) * pas
                if signe or (statut == SP.PROPOSE and k == 0 and rng.random() < 0.5)
                else None
            ),
        )
        for k, (qui, qualite) in enumerate(
            [(agent, QualiteSignataire.AGENT), (decideur, QualiteSignataire.DECIDEUR)]
        )
    ]
    return _Pacte(pacte, engagements, signataires, ligne)


def _engagements_contractuels(pactes: list[_Pacte], maintenant: datetime) -> None:
    """The FTE of an in-force pact, in the experiment's community: a contractual commitment
    from its signature to the pact's end (where the person has no running one there)."""
    aujourd_hui = _jour(maintenant)
    candidats = [
        (p, e)
        for p in pactes
        if p.pacte.statut in (SP.SIGNE, SP.EN_COURS)
        and p.ligne.experimentation.communaute_id is not None
        and p.pacte.fin >= aujourd_hui
        for e in p.engagements
        if e.type == TypeEngagementPacte.ETP
    ]
    pris = set(
        Engagement.objects.filter(
            termine_le__isnull=True,
            communaute_id__in={p.ligne.experimentation.communaute_id for p, _e in candidats},
        ).values_list("communaute_id", "personne_id")
    )
    a_creer: list[tuple[EngagementPacte, Engagement]] = []
    actions = []
    for p, e in candidats:
        communaute, personne = p.ligne.experimentation.communaute_id, e.personne_id
        assert communaute is not None and personne is not None
        if (communaute, personne) in pris:
            continue
        pris.add((communaute, personne))
        assert e.quantite is not None and p.pacte.signe_le is not None
        heures = max(1, round(e.quantite * HEURES_PAR_MOIS_D_UN_ETP))
        debut = max(p.pacte.debut, _jour(p.pacte.signe_le))
        engagement = Engagement(
            communaute_id=communaute,
            personne_id=personne,
            role=RoleEngagement.MEMBRE,
            expertise=Expertise.AGENT_TERRAIN,
            organisation_id=p.pacte.organisation_id,
            heures_par_mois=heures,
            debut=debut,
            fin=p.pacte.fin,
            contractuel=True,
            cadre=f"Pacte n° {p.pacte.numero}",
            cree_le=p.pacte.signe_le,
            modifie_le=p.pacte.signe_le,
        )
        a_creer.append((e, engagement))
        actions.append(
            ActionCommunaute(
                communaute_id=communaute,
                type=TypeAction.CONTRACTUEL,
                le=p.pacte.signe_le,
                detail=f"Pacte n° {p.pacte.numero} : {heures} h par mois garanties jusqu'au "
                f"{p.pacte.fin:%d/%m/%Y}.",
            )
        )
    engagements = inserer(Engagement, [engagement for _e, engagement in a_creer])
    for (e, _x), engagement in zip(a_creer, engagements, strict=True):
        e.engagement_communaute = engagement
    inserer(ActionCommunaute, actions)


def _journal_du_pacte(p: _Pacte) -> list[ActionExperimentation]:
    """Its steps as the services record them: who (the coordinator, each signatory for their
    confirmation, nobody for the signature itself), when, what."""
    pacte, e = p.pacte, p.ligne.experimentation
    coordinateur = e.coordinateur_id
    etapes: list[tuple[datetime, int | None, str]] = [
        (pacte.cree_le, coordinateur, "brouillon rédigé.")
    ]
    if pacte.propose_le:
        etapes.append((pacte.propose_le, coordinateur, "proposé à la signature."))
    etapes += [
        (s.signe_le, s.personne_id, f"confirmé par un signataire ({s.get_qualite_display()}).")
        for s in p.signataires
        if s.signe_le
    ]
    if pacte.signe_le:
        etapes.append((pacte.signe_le, None, "signé : tous ses signataires l'ont confirmé."))
    if pacte.statut in (SP.HONORE, SP.ROMPU):
        etapes.append((pacte.modifie_le, coordinateur, f"{SP(pacte.statut).label.lower()}."))
    return [
        ActionExperimentation(
            experimentation=e,
            type=TypeActionExperimentation.PACTE,
            par_id=qui,
            le=quand,
            detail=f"Pacte n° {pacte.numero} : {quoi}",
        )
        for quand, qui, quoi in etapes
    ]


CAPACITE_MAXIMALE = 50


def _capacites(
    rng: random.Random, coordination: list[int], fixee_par: int | None, maintenant: datetime
) -> None:
    """Each coordinator's capacity near their load, with a history; the most loaded one is
    beyond theirs."""
    charge = dict(
        Experimentation.objects.en_charge()
        .values("coordinateur")
        .annotate(n=Count("pk"))
        .values_list("coordinateur", "n")
    )
    plus_charge = max(coordination, key=lambda c: (charge.get(c, 0), -c))
    capacites = []
    for coordinateur in coordination:
        en_charge = charge.get(coordinateur, 0)
        actuelle = max(1, en_charge + rng.choice([0, 1, 1, 2]))
        if coordinateur == plus_charge:
            actuelle = max(0, en_charge - 1)
        # The model's bound (a small team carries the bench's load: some are beyond it too).
        actuelle = min(CAPACITE_MAXIMALE, actuelle)
        historique = [
            min(CAPACITE_MAXIMALE, max(1, actuelle + rng.choice([-1, 1, 2])))
            for _ in range(rng.randint(0, 2))
        ]
        for rang, nombre_ in enumerate([*historique, actuelle]):
            depuis = maintenant - timedelta(days=(len(historique) - rang) * 180 + 10)
            capacites.append(
                Capacite(
                    coordinateur_id=coordinateur,
                    nombre=nombre_,
                    depuis=depuis,
                    fixee_par_id=fixee_par,
                    note="Fixée avec la Direction." if rang == len(historique) else "",
                )
            )
    inserer(Capacite, capacites)


def pages(donnees: Donnees) -> list[Page]:
    la_plus_grande = (
        Experimentation.objects.annotate(n=Count("participants"))
        .order_by("-n", "pk")
        .values_list("pk", "slug")
        .first()
    )
    ordinaire = Experimentation.objects.order_by("pk").values_list("slug", flat=True).first()
    pacte = (
        Pacte.objects.publics()
        .annotate(n=Count("engagements"))
        .order_by("-n", "pk")
        .values_list("numero", flat=True)
        .first()
    )
    pages = [
        Page("/experimentations/", Nature.LISTE),
        Page("/experimentations/?page=20", Nature.LISTE, libelle="page profonde"),
        Page("/experimentations/flux/", Nature.LISTE, libelle="flux Atom"),
        Page("/experimentations/?etat=en_cours&territoire=finistere", Nature.LISTE),
        Page("/experimentations/pactes/", Nature.LISTE),
        Page("/experimentations/pactes/?etat=signe", Nature.LISTE),
        Page("/experimentations/pactes/mes-pactes/", Nature.LISTE, "relais"),
        Page("/admin/experimentations/experimentation/", Nature.LISTE, "equipe"),
        Page(
            "/admin/experimentations/experimentation/?statut__exact=en_cours",
            Nature.LISTE,
            "equipe",
        ),
        Page("/admin/experimentations/pacte/", Nature.LISTE, "equipe"),
        Page("/admin/experimentations/capacite/", Nature.LISTE, "equipe"),
    ]
    if ordinaire:
        pages.append(Page(f"/experimentations/{ordinaire}/", Nature.DETAIL, libelle="ordinaire"))
    if pacte:
        pages.append(
            Page(f"/experimentations/pactes/{pacte}/", Nature.DETAIL, libelle="le plus long")
        )
    if la_plus_grande:
        pk, slug = la_plus_grande
        pages += [
            Page(f"/experimentations/{slug}/", Nature.DETAIL, libelle="la plus grande"),
            Page(f"/experimentations/{slug}/", Nature.DETAIL, "equipe", "la plus grande"),
            Page(
                f"/admin/experimentations/experimentation/{pk}/change/",
                Nature.DETAIL,
                "equipe",
                "la plus grande",
            ),
        ]
    return pages


def compter() -> dict[str, int]:
    return {
        "expérimentations": Experimentation.objects.count(),
        "phases": PhaseExperimentation.objects.count(),
        "participants": Participant.objects.count(),
        "prestataires": Prestataire.objects.count(),
        "lignes de budget": LigneBudget.objects.count(),
        "budgets annuels": BudgetAnnuel.objects.count(),
        "pactes": Pacte.objects.count(),
        "engagements de pacte": EngagementPacte.objects.count(),
        "signataires": Signataire.objects.count(),
        "capacités": Capacite.objects.count(),
        "actions du journal des expérimentations": ActionExperimentation.objects.count(),
    }
