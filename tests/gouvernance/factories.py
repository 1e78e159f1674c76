"""Ready-made COPIL sessions for the governance tests, built through the services.

- ``grille_publiee()``: a published grid with two criteria (« Portée par le terrain », weight
  3, scale 0–2; « Territoire prêt », weight 1, scale 1–5), after a published theory;
- ``probleme_pret()``: a published problem whose community of interest is complete (a
  referent, five members, field agents and decision-makers, a willing territory), or, with
  ``derogee=True``, declared ready by the Direction;
- ``membre_copil()``: a person holding the COPIL role;
- ``session_preparee(par=..., candidats=2)``, ``session_ouverte(par=..., president=...)``,
  ``voter_tous(session, membres)``, ``session_close(...)``, ``decider_tout(...)``: a session
  at each step.

The fixtures of ``tests/gouvernance/conftest.py`` assemble them with the personas (the
« copil » persona chairs).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import cast

from django.utils import timezone

from communautes.models import Communaute, RoleEngagement
from gouvernance.models import (
    Avis,
    Candidature,
    Decision,
    SessionCopil,
    TypeDecision,
    VersionGrille,
    VersionTheorie,
)
from gouvernance.services import copil, grille, textes
from gouvernance.services.grille import CritereSaisi
from problematiques.models import Problematique
from tests.communautes.factories import CommunauteFactory, EngagementFactory
from tests.factories import PersonneFactory, TerritoireFactory
from tilab.comptes.models import Expertise, Personne

CRITERES = (
    CritereSaisi("Portée par le terrain", 3, ((0, "Absent"), (1, "Partiel"), (2, "Établi"))),
    CritereSaisi("Territoire prêt", 1, tuple((v, f"Niveau {v}") for v in range(1, 6))),
)


def redaction() -> Personne:
    """Somebody allowed to write the texts (the Direction)."""
    return cast(Personne, PersonneFactory(roles=["Direction"], is_staff=True))


def grille_publiee(
    *, par: Personne | None = None, criteres: Sequence[CritereSaisi] = CRITERES
) -> VersionGrille:
    par = par or redaction()
    if VersionTheorie.objects.en_vigueur() is None:
        theorie = textes.theorie_rediger(par=par, texte="Transformer avec le terrain.")
        textes.theorie_publier(par=par, version=theorie)
    version = grille.grille_rediger(par=par)
    grille.grille_ecrire(par=par, version=version, criteres=criteres)
    return grille.grille_publier(par=par, version=version)


def probleme_pret(*, derogee: bool = False, **champs: object) -> Problematique:
    """A published problem, « communauté constituée », ready for the COPIL."""
    if derogee:
        communaute = CommunauteFactory(
            interet=True,
            derogation_motif="Le territoire s'engage par courrier.",
            derogation_le=timezone.now(),
            **{f"problematique__{k}": v for k, v in champs.items()},
        )
    else:
        communaute = CommunauteFactory(
            interet=True,
            territoire_volontaire=TerritoireFactory(),
            territoire_volontaire_note="Le conseil municipal a délibéré.",
            territoire_volontaire_le=timezone.now(),
            **{f"problematique__{k}": v for k, v in champs.items()},
        )
        EngagementFactory(communaute=communaute, role=RoleEngagement.REFERENT)
        EngagementFactory(communaute=communaute, expertise=Expertise.DECIDEUR)
        for _ in range(3):
            EngagementFactory(communaute=communaute)
    probleme = cast(Communaute, communaute).problematique
    assert probleme is not None  # noqa: S101 - a community of interest has its problem
    return probleme


def membre_copil(**champs: object) -> Personne:
    return cast(Personne, PersonneFactory(roles=["COPIL"], **champs))


def session_preparee(
    *,
    par: Personne,
    candidats: int | Iterable[Problematique] = 2,
    le: date | None = None,
    titre: str = "Session de printemps",
) -> SessionCopil:
    session = copil.session_preparer(
        par=par,
        titre=titre,
        le=le or timezone.localdate() + timedelta(days=7),
        ordre_du_jour="1. Candidatures\n2. Décisions",
    )
    if isinstance(candidats, int):
        candidats = [probleme_pret() for _ in range(candidats)]
    problemes = candidats
    for p in problemes:
        copil.candidature_ajouter(
            par=par, session=session, problematique=p, presentation=f"Pourquoi « {p.titre} »."
        )
    return session


def session_ouverte(
    *,
    par: Personne,
    president: Personne,
    membres: Iterable[Personne] | None = None,
    session: SessionCopil | None = None,
) -> SessionCopil:
    session = session or session_preparee(par=par)
    return copil.session_ouvrir(par=par, session=session, president=president, membres=membres)


def voter_tous(
    session: SessionCopil,
    membres: Iterable[Personne],
    *,
    avis: str = Avis.RETENIR,
    notes: dict[str, int] | None = None,
) -> None:
    """Every member votes ``avis`` on every candidate, with the top of each scale (or
    ``notes``: criterion label → value)."""
    criteres = list(session.grille.criteres.prefetch_related("niveaux"))
    valeurs = {
        c.pk: (notes or {}).get(c.libelle, max(n.valeur for n in c.niveaux.all())) for c in criteres
    }
    for membre in membres:
        for candidature in session.candidatures.all():
            copil.vote_enregistrer(par=membre, candidature=candidature, avis=avis, notes=valeurs)


def session_close(
    *, par: Personne, president: Personne, membres: Sequence[Personne]
) -> SessionCopil:
    session = session_ouverte(par=par, president=president, membres=membres)
    voter_tous(session, membres)
    return copil.session_clore(par=par, session=session)


def decider_tout(
    session: SessionCopil, president: Personne, decisions: Sequence[str] = ()
) -> list[Decision]:
    """The chair decides on each candidate, in order (``decisions`` by default: retained,
    then adjourned, then not retained…)."""
    ordre = list(decisions) or list(TypeDecision)
    resultat = []
    for i, candidature in enumerate(Candidature.objects.filter(session=session).order_by("ordre")):
        resultat.append(
            copil.decision_enregistrer(
                par=president,
                candidature=candidature,
                decision=ordre[i % len(ordre)],
                motifs=f"Motifs publics n° {i + 1}.",
            )
        )
    return resultat
