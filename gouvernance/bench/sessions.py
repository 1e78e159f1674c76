"""The bench's COPIL sessions (``gouvernance.bench`` calls them after writing the texts): the
sessions that decided the problems the other generators left decided.

At full scale: one past session a month, each with its members (the COPIL
role holders, one of them chairing), votes with a score per criterion, abstentions, closing
results and published decisions — one per problem in state retenue, ajournee (through
« ouverte » too: adjourned problems went back there) or non_retenue — some 1,000 decisions,
a rectification for one in fifty; one session open to vote with 30 candidates taken among the
``candidate`` problems, the others on a session in preparation.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from gouvernance import scores
from gouvernance.models import (
    ActionSession,
    Candidature,
    Critere,
    Decision,
    Membre,
    Note,
    Rectification,
    SessionCopil,
    StatutSession,
    TypeActionSession,
    TypeDecision,
    VersionGrille,
    Vote,
)
from problematiques.models import Problematique, Statut
from tilab.banc.generation import alea, dates_libres, inserer
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne

OUVERTE_CANDIDATES = 30
DECISIONS = {
    Statut.RETENUE: TypeDecision.RETENUE,
    Statut.AJOURNEE: TypeDecision.AJOURNEE,
    Statut.NON_RETENUE: TypeDecision.NON_RETENUE,
}
MOTIFS = {
    TypeDecision.RETENUE: "Le besoin est large, la communauté prête et l'équipe peut l'accueillir.",
    TypeDecision.AJOURNEE: "La communauté doit encore associer des décideurs du territoire.",
    TypeDecision.NON_RETENUE: "D'autres dispositifs répondent déjà à ce besoin sur le territoire.",
}
AVIS = {
    TypeDecision.RETENUE: ["retenir"] * 7 + ["ajourner"] * 2 + ["ne_pas_retenir"],
    TypeDecision.AJOURNEE: ["ajourner"] * 6 + ["retenir"] * 2 + ["ne_pas_retenir"] * 2,
    TypeDecision.NON_RETENUE: ["ne_pas_retenir"] * 6 + ["ajourner"] * 3 + ["retenir"],
}


def _a(jour: date, heure: int = 18) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(heure)))


def _membres_du_copil() -> list[int]:
    """The COPIL role holders; at the tests' tiny scale, where the accounts' generator makes
    none, three relais are given the role so that every kind of row exists."""
    membres = list(
        Personne.objects.ayant_un_role(regles_comptes.COPIL).values_list("pk", flat=True)
    )
    if len(membres) >= 3:
        return membres
    groupe = Group.objects.get(name=regles_comptes.COPIL)
    autres = Personne.objects.ayant_un_role(regles_comptes.RELAIS).exclude(pk__in=membres)
    for pk in autres.order_by("-pk").values_list("pk", flat=True)[: 3 - len(membres)]:
        Personne.groups.through.objects.create(personne_id=pk, group=groupe)
        membres.append(pk)
    return membres


def _decides() -> list[tuple[int, TypeDecision]]:
    """The problems a past session decided, oldest first."""
    lignes = Problematique.objects.filter(statut__in=DECISIONS).order_by("publiee_le", "pk")
    return [(pk, DECISIONS[Statut(s)]) for pk, s in lignes.values_list("pk", "statut")]


def generer_sessions(echelle: float) -> None:
    """The sessions, on the grid in force (``gouvernance.bench`` writes the texts first)."""
    rng = alea("gouvernance")
    maintenant = timezone.now()
    grille = VersionGrille.objects.en_vigueur()
    if grille is None:
        return
    criteres = list(grille.criteres.prefetch_related("niveaux"))
    membres = _membres_du_copil()
    preparee_par = Personne.objects.ayant_un_role(regles_comptes.COORDINATION).first()
    decides = _decides()
    par_session = 20
    nb_passees = max(1, -(-len(decides) // par_session))
    candidates = list(
        Problematique.objects.filter(statut=Statut.CANDIDATE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sessions = []
    for n in range(nb_passees):
        le = maintenant.date() - timedelta(days=30 * (nb_passees - n))
        sessions.append(
            _session(f"COPIL n° {n + 1}", le, grille, StatutSession.PUBLIEE, preparee_par)
        )
    ouverte = _session(
        f"COPIL n° {nb_passees + 1}",
        maintenant.date() + timedelta(days=7),
        grille,
        StatutSession.OUVERTE,
        preparee_par,
    )
    preparation = _session(
        f"COPIL n° {nb_passees + 2}",
        maintenant.date() + timedelta(days=37),
        grille,
        StatutSession.EN_PREPARATION,
        preparee_par,
    )
    with dates_libres(SessionCopil, Candidature, Vote, Decision, Rectification, ActionSession):
        sessions = inserer(SessionCopil, [*sessions, ouverte, preparation])
        ouverte, preparation = sessions[-2], sessions[-1]
        passees = sessions[:-2]
        inserer(
            Membre,
            [
                Membre(session=s, personne_id=pk, preside=(i == 0))
                for s in sessions[:-1]
                for i, pk in enumerate(membres)
            ],
        )
        lots = [decides[i::nb_passees] for i in range(nb_passees)]
        candidatures: list[tuple[Candidature, TypeDecision | None]] = []
        for session, lot in zip(passees, lots, strict=True):
            for ordre, (pk, decision) in enumerate(lot, start=1):
                candidatures.append((_candidature(session, pk, ordre), decision))
        for ordre, pk in enumerate(candidates[:OUVERTE_CANDIDATES], start=1):
            candidatures.append((_candidature(ouverte, pk, ordre), None))
        for ordre, pk in enumerate(candidates[OUVERTE_CANDIDATES:], start=1):
            candidatures.append((_candidature(preparation, pk, ordre), None))
        crees = inserer(Candidature, [c for c, _d in candidatures])
        votes, notes_par_vote = _votes(rng, crees, [d for _c, d in candidatures], membres, criteres)
        votes = inserer(Vote, votes)
        inserer(
            Note,
            [
                Note(vote=v, critere_id=critere, valeur=valeur)
                for v, notes in zip(votes, notes_par_vote, strict=True)
                for critere, valeur in notes.items()
            ],
        )
        _resultats(crees, votes, notes_par_vote, criteres)
        SessionCopil.objects.filter(statut=StatutSession.PUBLIEE).update(nb_votants=len(membres))
        decisions = inserer(
            Decision,
            [
                Decision(
                    candidature=c,
                    decision=d,
                    motifs=MOTIFS[d],
                    enregistree_par_id=membres[0] if membres else None,
                    enregistree_le=_a(c.session.le, 19),
                    publiee_le=_a(c.session.le, 20),
                )
                for c, (_c, d) in zip(crees, candidatures, strict=True)
                if d is not None
            ],
        )
        rectifiees = decisions[::50]
        inserer(
            Rectification,
            [
                Rectification(
                    decision=d,
                    le=d.candidature.session.le + timedelta(days=3),
                    texte="Le nom de la commune porteuse était mal orthographié.",
                    par_id=membres[0] if membres else None,
                    cree_le=_a(d.candidature.session.le + timedelta(days=3)),
                )
                for d in rectifiees
            ],
        )
        inserer(
            ActionSession,
            [
                ActionSession(session=s, type=t, par=preparee_par, le=_a(s.le, 17))
                for s in sessions
                for t in (TypeActionSession.PREPARER, TypeActionSession.OUVRIR)
            ],
        )


def _session(
    titre: str, le: date, grille: VersionGrille, statut: StatutSession, par: Personne | None
) -> SessionCopil:
    ouverte = statut != StatutSession.EN_PREPARATION
    passee = statut == StatutSession.PUBLIEE
    return SessionCopil(
        titre=titre,
        slug=f"copil-{le:%Y-%m-%d}",
        le=le,
        grille=grille,
        statut=statut,
        ordre_du_jour="Examen des candidatures prêtes pour le COPIL.",
        quorum=3 if ouverte else None,
        charge={"lignes": [], "total_en_charge": 0, "total_capacite": 0} if ouverte else None,
        ouverte_le=_a(le - timedelta(days=14)) if ouverte else None,
        close_le=_a(le, 19) if passee else None,
        publiee_le=_a(le, 20) if passee else None,
        preparee_par=par,
        cree_le=_a(le - timedelta(days=30)),
    )


def _candidature(session: SessionCopil, problematique: int, ordre: int) -> Candidature:
    return Candidature(
        session=session,
        problematique_id=problematique,
        ordre=ordre,
        presentation="Une communauté d'intérêt s'est formée ; le territoire est volontaire.",
        maturite={
            "complete": True,
            "derogee": False,
            "resume": "Prête pour le COPIL",
            "criteres": [],
        }
        if session.statut != StatutSession.EN_PREPARATION
        else None,
    )


def _votes(
    rng: random.Random,
    candidatures: list[Candidature],
    decisions: list[TypeDecision | None],
    membres: list[int],
    criteres: list[Critere],
) -> tuple[list[Vote], list[dict[int, int]]]:
    votes: list[Vote] = []
    notes: list[dict[int, int]] = []
    for candidature, decision in zip(candidatures, decisions, strict=True):
        session = candidature.session
        if session.statut == StatutSession.EN_PREPARATION:
            continue
        # In the open session, a third of the members have not voted yet.
        votants = membres if decision is not None else membres[: 2 * len(membres) // 3]
        for membre in votants:
            moment = _a(session.le - timedelta(days=rng.randint(1, 13)), rng.randint(8, 20))
            if rng.random() < 0.04:
                votes.append(
                    Vote(
                        candidature=candidature,
                        membre_id=membre,
                        abstention=True,
                        declaration="Mon organisation est partenaire du projet.",
                        cree_le=moment,
                        modifie_le=moment,
                    )
                )
                notes.append({})
                continue
            avis = rng.choice(AVIS[decision or TypeDecision.RETENUE])
            votes.append(
                Vote(
                    candidature=candidature,
                    membre_id=membre,
                    avis=avis,
                    commentaire="" if rng.random() < 0.7 else "À suivre de près.",
                    cree_le=moment,
                    modifie_le=moment,
                )
            )
            notes.append(
                {
                    c.pk: rng.choice([n.valeur for n in c.niveaux.all()])
                    for c in criteres
                    if rng.random() < 0.95
                }
            )
    return votes, notes


def _resultats(
    candidatures: list[Candidature],
    votes: list[Vote],
    notes: list[dict[int, int]],
    criteres: list[Critere],
) -> None:
    grille = [
        scores.CritereNote(c.pk, c.libelle, c.poids, [n.valeur for n in c.niveaux.all()])
        for c in criteres
    ]
    bulletins: dict[int, list[scores.Bulletin]] = {}
    for vote, notes_du_vote in zip(votes, notes, strict=True):
        bulletins.setdefault(vote.candidature_id, []).append(
            scores.Bulletin(avis=vote.avis, notes=notes_du_vote, abstention=vote.abstention)
        )
    closes = [c for c in candidatures if c.session.statut == StatutSession.PUBLIEE]
    for candidature in closes:
        r = scores.resultats(grille, bulletins.get(candidature.pk, []))
        candidature.resultats = r.en_json()
        candidature.score = r.total
        candidature.nb_retenir = r.nb_retenir
        candidature.nb_ajourner = r.nb_ajourner
        candidature.nb_ne_pas_retenir = r.nb_ne_pas_retenir
        candidature.nb_abstentions = r.nb_abstentions
    Candidature.objects.bulk_update(
        closes,
        ["resultats", "score", "nb_retenir", "nb_ajourner", "nb_ne_pas_retenir", "nb_abstentions"],
        batch_size=500,
    )


def compter_sessions() -> dict[str, int]:
    return {
        "sessions du COPIL": SessionCopil.objects.count(),
        "candidatures": Candidature.objects.count(),
        "votes": Vote.objects.count(),
        "notes": Note.objects.count(),
        "décisions": Decision.objects.count(),
        "rectifications": Rectification.objects.count(),
    }
