"""COPIL sessions written row by row at each step, for the pages' tests (the services' own
checks are tested with ``tests/gouvernance/factories.py``, which goes through them): many
candidates and votes cheaply, and the sessions the URL table and the form sweep point at."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from gouvernance.models import (
    Avis,
    Candidature,
    Decision,
    Membre,
    Note,
    SessionCopil,
    StatutSession,
    TypeDecision,
    Vote,
)
from tests.problematiques.factories import ProblematiqueFactory
from tilab.comptes.models import Personne


def une_session(grille, statut, *, nb=1, le=None, titre="Session", **champs):
    """A session in ``statut`` with ``nb`` candidates (rows written directly)."""
    session = SessionCopil.objects.create(
        titre=titre,
        slug=f"{titre.lower().replace(' ', '-')}-{SessionCopil.objects.count()}",
        le=le or timezone.localdate(),
        grille=grille,
        statut=statut,
        quorum=2,
        charge={
            "lignes": [{"nom": "Coordination 1", "en_charge": 3, "capacite": 2}],
            "total_en_charge": 3,
            "total_capacite": 2,
        },
        **champs,
    )
    for rang in range(nb):
        Candidature.objects.create(
            session=session,
            problematique=ProblematiqueFactory(publiee=True),
            ordre=rang,
            presentation=f"Présentation de la candidate {rang}",
            maturite={
                "criteres": [{"code": "c", "libelle": "Un territoire volontaire", "rempli": True}],
                "complete": True,
                "derogee": False,
                "derogation_motif": "",
                "resume": "Maturité complète",
            },
        )
    return session


def voter(candidature, personne, avis=Avis.RETENIR, commentaire="", valeur=2):
    vote = Vote.objects.create(
        candidature=candidature, membre=personne, avis=avis, commentaire=commentaire
    )
    criteres = candidature.session.grille.criteres.all()
    Note.objects.bulk_create(Note(vote=vote, critere=c, valeur=valeur) for c in criteres)
    return vote


def clore(session):
    """What closing stores, written directly."""
    criteres = list(session.grille.criteres.all())
    for candidature in session.candidatures.all():
        candidature.resultats = {
            "criteres": [
                {
                    "critere_id": c.pk,
                    "libelle": c.libelle,
                    "poids": c.poids,
                    "moyenne": 1.5,
                    "nb_notes": 2,
                    "points": 56.25 if c.poids == 3 else 18.75,
                }
                for c in criteres
            ],
            "total": 75.0,
            "nb_votes": 2,
            "nb_abstentions": 1,
        }
        candidature.score = Decimal("75.00")
        candidature.nb_retenir = 2
        candidature.nb_abstentions = 1
        candidature.save()
    session.statut = StatutSession.CLOSE
    session.nb_votants = 3
    session.save()


def publier(session, par, motifs="Le terrain la porte.", decision=TypeDecision.RETENUE):
    quand = timezone.now()
    for candidature in session.candidatures.all():
        Decision.objects.create(
            candidature=candidature,
            decision=decision,
            motifs=motifs,
            enregistree_par=par,
            publiee_le=quand,
        )
    session.statut = StatutSession.PUBLIEE
    session.publiee_le = quand
    session.save()


def page_candidature(candidature: Candidature) -> str:
    """The candidate's own page, where members vote and the chair decides."""
    return reverse("gouvernance:candidature", args=[candidature.session.slug, candidature.pk])


@dataclass
class SessionsDuTableau:
    ouverte: SessionCopil  # open to the vote; the president sits and chairs
    candidature: Candidature  # on the open session
    close: SessionCopil  # closed, the president chairs: decisions to record
    a_decider: Candidature  # on the closed session
    decision: Decision  # published, on a session the president chaired


def sessions_du_tableau(president: Personne, grille: Any) -> SessionsDuTableau:
    """One session at each step where ``president`` (the « copil » persona) sits and chairs."""
    sessions: dict[int, SessionCopil] = {}
    for statut in (StatutSession.OUVERTE, StatutSession.CLOSE, StatutSession.OUVERTE):
        session = une_session(grille, statut, titre=f"Session {len(sessions)}")
        Membre.objects.create(session=session, personne=president, preside=True)
        sessions[len(sessions)] = session
    clore(sessions[1])
    publiee = sessions[2]
    clore(publiee)
    publier(publiee, president)
    return SessionsDuTableau(
        ouverte=sessions[0],
        candidature=sessions[0].candidatures.get(),
        close=sessions[1],
        a_decider=sessions[1].candidatures.get(),
        decision=Decision.objects.get(candidature__session=publiee),
    )
