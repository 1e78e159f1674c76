"""How ready a problem is for COPIL: the maturity checklist, computed from the data.

The checklist of a problem is read from its community of interest:

- someone carries it: at least one running commitment with the role « référent » ;
- at least ``settings.COMMUNAUTES_MATURITE_MEMBRES_MINIMUM`` people with a running commitment;
- at least two kinds of expertise among the running commitments;
- both field agents and decision-makers among them;
- a territory has said it is willing to commit (ticked by the team, with a note).

"Running" is what ``Engagement.objects.actifs()`` means: not ended, started, end date not
passed — correct even on a day the daily job has not run yet. When every item holds, the
problem may become a COPIL candidate; the Direction may also declare it ready with a written
reason (``Communaute.derogation_motif``).

Everything is computed in one aggregate query per call, whatever the number of commitments;
:func:`maturites_de_communautes` does the same for many communities at once (a COPIL
session's candidates).

The inputs the team sets by hand (the willing territory, the Direction's override): each
function locks the community row (two team members may act at the same moment), checks the
person's role, writes the change and records it in the community's journal
(``communaute.journaliser``) in the same transaction. They apply to a community of interest
only: maturity is about a problem going to COPIL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from communautes import rules
from communautes.models import (
    Communaute,
    RoleEngagement,
    TypeAction,
    TypeCommunaute,
    communaute_de,
    engagement_en_cours,
)

# The problem states from which a session can put it on its agenda: defined with the states,
# where the problems' own services check it too; re-exported here for the callers of
# peut_devenir_candidate.
from problematiques.models import STATUTS_AVANT_COPIL as STATUTS_AVANT_COPIL
from problematiques.models import Problematique
from tilab.comptes.models import Expertise, Personne, Territoire, TypeTerritoire
from tilab.dates import date_francaise
from tilab.francais import compte

# The codes of the items, in the order they are shown.
PORTEUR = "porteur"
MEMBRES = "membres"
EXPERTISES = "expertises"
TERRAIN_ET_DECISION = "terrain_et_decision"
TERRITOIRE = "territoire"

EXPERTISES_MINIMUM = 2


@dataclass(frozen=True)
class Critere:
    """One item of the checklist: whether it holds, and in words why (``detail``)."""

    code: str
    libelle: str
    rempli: bool
    detail: str


@dataclass(frozen=True)
class Maturite:
    """The checklist of one community of interest, with the Direction's override if any.

    ``territoire_note`` and ``derogation_motif`` are Markdown written by the team: show them
    with the ``|markdown`` filter.
    """

    criteres: tuple[Critere, ...]
    derogation_motif: str = ""
    derogation_le: datetime | None = None
    territoire_nom: str = ""
    territoire_note: str = ""
    nb_membres: int = 0

    @property
    def complete(self) -> bool:
        """Every item holds."""
        return all(critere.rempli for critere in self.criteres)

    @property
    def derogee(self) -> bool:
        """The Direction declared the problem ready, with a written reason."""
        return self.derogation_le is not None

    @property
    def prete_pour_copil(self) -> bool:
        """Every item holds, or the Direction overrode the missing ones."""
        return self.complete or self.derogee

    @property
    def manquants(self) -> tuple[Critere, ...]:
        return tuple(critere for critere in self.criteres if not critere.rempli)

    @property
    def nb_manquants(self) -> int:
        return len(self.manquants)

    @property
    def resume(self) -> str:
        """One line saying where the problem stands, in words."""
        if self.complete:
            return "Prête pour le COPIL"
        if self.derogee:
            return "Prête pour le COPIL par dérogation de la Direction"
        n = self.nb_manquants
        return f"Pas encore prête : {compte(n, 'critère manquant', 'critères manquants', '')}"

    def critere(self, code: str) -> Critere:
        return next(critere for critere in self.criteres if critere.code == code)


def maturite_de_communaute(communaute: Communaute) -> Maturite:
    """The checklist of ``communaute``, read fresh from the database in one query."""
    return maturites_de_communautes([communaute.pk])[communaute.pk]


def maturite_de(problematique: Problematique) -> Maturite | None:
    """The checklist of the problem, or ``None`` when no community was formed around it.

    One query: the community itself is not fetched again when the problem was loaded with
    ``select_related("communaute")``.
    """
    communaute = communaute_de(problematique)
    return maturite_de_communaute(communaute) if communaute is not None else None


def peut_devenir_candidate(problematique: Problematique) -> bool:
    """Whether a COPIL session may take the problem as a candidate (Gouvernance issue).

    True when the problem has a community of interest, is in a state before any COPIL
    decision (``STATUTS_AVANT_COPIL``: communauté constituée, or back to ouverte / ajournée
    after an adjournment) and its maturity is ready: every item of the checklist holds, or
    the Direction overrode the missing ones with a written reason. Costs one query (plus one
    for the community unless the problem was loaded with ``select_related("communaute")``).
    The transition itself (who may make it, its history, its e-mails) belongs to the
    Gouvernance services, which should call this inside their transaction.
    """
    if problematique.statut not in STATUTS_AVANT_COPIL:
        return False
    maturite = maturite_de(problematique)
    return maturite is not None and maturite.prete_pour_copil


def maturites_de_communautes(ids: Iterable[int], *, le: date | None = None) -> dict[int, Maturite]:
    """The checklist of each community in ``ids``, in one query (missing ids are left out)."""
    jour = le or timezone.localdate()
    actif = engagement_en_cours(jour, "engagements__")
    lignes = (
        Communaute.objects.filter(pk__in=list(ids))
        .order_by()
        .values(
            "pk",
            "territoire_volontaire_id",
            "territoire_volontaire__nom",
            "territoire_volontaire_note",
            "territoire_volontaire_le",
            "derogation_motif",
            "derogation_le",
        )
        .annotate(
            nb_membres=Count("engagements__personne", filter=actif, distinct=True),
            nb_referents=Count(
                "engagements__personne",
                filter=actif & Q(engagements__role=RoleEngagement.REFERENT),
                distinct=True,
            ),
            nb_agents=Count(
                "engagements__personne",
                filter=actif & Q(engagements__expertise=Expertise.AGENT_TERRAIN),
                distinct=True,
            ),
            nb_decideurs=Count(
                "engagements__personne",
                filter=actif & Q(engagements__expertise=Expertise.DECIDEUR),
                distinct=True,
            ),
            expertises=ArrayAgg("engagements__expertise", filter=actif, distinct=True),
        )
    )
    return {ligne["pk"]: _maturite(ligne) for ligne in lignes}


def _maturite(ligne: Mapping[str, Any]) -> Maturite:
    requis: int = settings.COMMUNAUTES_MATURITE_MEMBRES_MINIMUM
    nb_membres: int = ligne["nb_membres"]
    ordre = list(Expertise.values)
    expertises = sorted(
        (code for code in ligne["expertises"] or [] if code in ordre), key=ordre.index
    )
    territoire_le: datetime | None = ligne["territoire_volontaire_le"]
    a_un_territoire = ligne["territoire_volontaire_id"] is not None
    criteres = (
        _porteur(ligne["nb_referents"]),
        _membres(nb_membres, requis),
        _expertises(expertises),
        _terrain_et_decision(ligne["nb_agents"], ligne["nb_decideurs"]),
        _territoire(
            a_un_territoire,
            ligne["territoire_volontaire__nom"] or "",
            territoire_le,
        ),
    )
    return Maturite(
        criteres=criteres,
        derogation_motif=ligne["derogation_motif"] if ligne["derogation_le"] else "",
        derogation_le=ligne["derogation_le"],
        territoire_nom=ligne["territoire_volontaire__nom"] or "",
        territoire_note=ligne["territoire_volontaire_note"] if a_un_territoire else "",
        nb_membres=nb_membres,
    )


def _porteur(nb_referents: int) -> Critere:
    detail = compte(
        nb_referents,
        "personne référente engagée",
        "personnes référentes engagées",
        "Aucune personne référente engagée pour l'instant",
    )
    return Critere(
        code=PORTEUR,
        libelle="Quelqu'un porte la problématique",
        rempli=nb_referents >= 1,
        detail=detail,
    )


def _membres(nb_membres: int, requis: int) -> Critere:
    rempli = nb_membres >= requis
    if rempli:
        engages = compte(nb_membres, "membre engagé", "membres engagés", "0 membre engagé")
        detail = f"{engages} ({requis} requis)"
    else:
        detail = f"{compte(nb_membres, 'membre', 'membres', '0 membre')} sur {requis} requis"
    return Critere(
        code=MEMBRES,
        libelle=f"Au moins {compte(requis, 'membre', 'membres', '0 membre')} dans la communauté",
        rempli=rempli,
        detail=detail,
    )


def libelle_expertise(code: str) -> str:
    """The kind of expertise in a sentence: « agent de terrain »."""
    libelle = str(Expertise(code).label)
    return libelle[:1].lower() + libelle[1:]


def _expertises(expertises: list[str]) -> Critere:
    rempli = len(expertises) >= EXPERTISES_MINIMUM
    if not expertises:
        detail = "Aucune expertise pour l'instant"
    else:
        liste = ", ".join(libelle_expertise(code) for code in expertises)
        detail = f"Expertises : {liste}"
        if not rempli:
            detail += " (il en faut au moins deux différentes)"
    return Critere(
        code=EXPERTISES,
        libelle="Au moins deux types d'expertise",
        rempli=rempli,
        detail=detail,
    )


def _terrain_et_decision(nb_agents: int, nb_decideurs: int) -> Critere:
    agents = compte(nb_agents, "agent de terrain", "agents de terrain", "aucun agent de terrain")
    decideurs = compte(
        nb_decideurs,
        "décideur ou décideuse",
        "décideurs ou décideuses",
        "aucun décideur ni décideuse",
    )
    detail = f"{agents} et {decideurs}"
    return Critere(
        code=TERRAIN_ET_DECISION,
        libelle="Des agents de terrain et des décideurs ou décideuses",
        rempli=nb_agents >= 1 and nb_decideurs >= 1,
        detail=detail[:1].upper() + detail[1:],
    )


def _territoire(rempli: bool, nom: str, le: datetime | None) -> Critere:
    if rempli:
        detail = nom
        if le is not None:
            detail += f", noté le {date_francaise(timezone.localtime(le), 'j F Y')}"
    else:
        detail = "Aucun territoire ne s'est encore dit prêt"
    return Critere(
        code=TERRITOIRE,
        libelle="Un territoire prêt à s'engager",
        rempli=rempli,
        detail=detail,
    )


# --- The inputs the team sets by hand ---------------------------------------------------

LONGUEUR_MAXIMALE_TEXTE = 3_000


class MaturiteImpossible(ValidationError):
    """The change does not apply to this community, or what was typed is not acceptable."""


def territoires_possibles(communaute: Communaute) -> QuerySet[Territoire]:
    """The territories that may be noted as willing: those of the community and of its problem,
    and everything under them (a commune of a listed EPCI, for instance).

    When neither the community nor the problem names a territory, any territory may be noted.
    Ordered from the largest (région) to the smallest (communes), then by name.
    """
    # The territories named, read from the two link tables through their indexes (one
    # query): filtering the territories on "linked to the community or to the problem" joined
    # every territory with every problem's territories before keeping a few.
    racines: QuerySet[Any, int] = Communaute.territoires.through.objects.filter(
        communaute_id=communaute.pk
    ).values_list("territoire_id", flat=True)
    if communaute.problematique_id is not None:
        racines = racines.union(
            Problematique.territoires.through.objects.filter(
                problematique_id=communaute.problematique_id
            ).values_list("territoire_id", flat=True)
        )
    ids = list(racines)
    territoires = Territoire.objects.all()
    if ids:
        territoires = territoires.filter(
            Q(pk__in=ids)
            | Q(parent__in=ids)
            | Q(parent__parent__in=ids)
            | Q(parent__parent__parent__in=ids)
        )
    niveau = Case(
        *(When(type=type_, then=Value(i)) for i, type_ in enumerate(TypeTerritoire.values)),
        output_field=IntegerField(),
    )
    return territoires.annotate(niveau=niveau).order_by("niveau", "nom", "pk")


def _verrouiller(communaute: Communaute) -> Communaute:
    c = Communaute.objects.select_for_update().get(pk=communaute.pk)
    if c.type != TypeCommunaute.INTERET:
        raise MaturiteImpossible(
            "La maturité ne concerne qu'une communauté d'intérêt, formée autour d'une "
            "problématique.",
            code="pas_interet",
        )
    return c


def _texte_obligatoire(valeur: str, *, champ: str, message: str) -> str:
    texte = (valeur or "").strip()
    if not texte:
        raise MaturiteImpossible({champ: message}, code="vide")
    if len(texte) > LONGUEUR_MAXIMALE_TEXTE:
        raise MaturiteImpossible(
            {champ: f"Écrivez au plus {LONGUEUR_MAXIMALE_TEXTE} caractères."}, code="trop_long"
        )
    return texte


@transaction.atomic
def maturite_noter_territoire(
    *, communaute: Communaute, par: Personne, territoire: Territoire, note: str
) -> Communaute:
    """Tick « a territory has said it is willing to commit », with the team's note (Markdown,
    public): who committed, how and when. Replaces a territory noted before.

    Raises ``PermissionDenied`` unless ``par`` may (Direction, Coordination, Animation), and
    :class:`MaturiteImpossible` for a community that is not of interest, an empty note, or a
    territory that is not one of the community's or the problem's (or under them).
    """
    if not rules.peut_noter_territoire_volontaire(par):
        raise PermissionDenied
    c = _verrouiller(communaute)
    texte = _texte_obligatoire(
        note,
        champ="note",
        message="Écrivez ce que le territoire a dit : qui s'est engagé, comment et quand.",
    )
    if not territoires_possibles(c).filter(pk=territoire.pk).exists():
        raise MaturiteImpossible(
            {
                "territoire": "Choisissez un territoire de la problématique ou de la "
                "communauté, ou un territoire qui en fait partie."
            },
            code="territoire_hors_perimetre",
        )
    c.territoire_volontaire = territoire
    c.territoire_volontaire_note = texte
    c.territoire_volontaire_le = timezone.now()
    c.save(
        update_fields=[
            "territoire_volontaire",
            "territoire_volontaire_note",
            "territoire_volontaire_le",
            "modifiee_le",
        ]
    )
    c.journaliser(TypeAction.TERRITOIRE_VOLONTAIRE, par=par, detail=f"{territoire.nom} : {texte}")
    return c


@transaction.atomic
def maturite_retirer_territoire(*, communaute: Communaute, par: Personne) -> bool:
    """Untick the willing territory (the territory changed its mind, or it was a mistake).

    Returns ``False`` when no territory was noted (nothing changes, nothing is recorded).
    Same permission and community checks as :func:`maturite_noter_territoire`.
    """
    if not rules.peut_noter_territoire_volontaire(par):
        raise PermissionDenied
    c = _verrouiller(communaute)
    if c.territoire_volontaire_id is None:
        return False
    ancien = (
        Territoire.objects.filter(pk=c.territoire_volontaire_id)
        .values_list("nom", flat=True)
        .first()
    )
    ancienne_note = c.territoire_volontaire_note
    c.territoire_volontaire = None
    c.territoire_volontaire_note = ""
    c.territoire_volontaire_le = None
    c.save(
        update_fields=[
            "territoire_volontaire",
            "territoire_volontaire_note",
            "territoire_volontaire_le",
            "modifiee_le",
        ]
    )
    c.journaliser(TypeAction.TERRITOIRE_RETIRE, par=par, detail=f"{ancien} : {ancienne_note}")
    return True


@transaction.atomic
def maturite_deroger(*, communaute: Communaute, par: Personne, motif: str) -> Communaute:
    """The Direction declares the problem ready for COPIL although an item of maturity is
    missing, with a written reason (Markdown, public). Replaces a previous override.

    Raises ``PermissionDenied`` unless ``par`` is of the Direction, and
    :class:`MaturiteImpossible` for a community that is not of interest or an empty reason.
    """
    if not rules.peut_deroger_a_la_maturite(par):
        raise PermissionDenied
    c = _verrouiller(communaute)
    texte = _texte_obligatoire(
        motif,
        champ="motif",
        message="Écrivez pourquoi la problématique peut aller au COPIL malgré ce qui manque.",
    )
    c.derogation_motif = texte
    c.derogation_le = timezone.now()
    c.save(update_fields=["derogation_motif", "derogation_le", "modifiee_le"])
    c.journaliser(TypeAction.DEROGATION, par=par, detail=texte)
    return c


@transaction.atomic
def maturite_retirer_derogation(*, communaute: Communaute, par: Personne) -> bool:
    """The Direction withdraws its override: the checklist alone decides again.

    Returns ``False`` when there was no override (nothing changes, nothing is recorded).
    """
    if not rules.peut_deroger_a_la_maturite(par):
        raise PermissionDenied
    c = _verrouiller(communaute)
    if c.derogation_le is None:
        return False
    ancien_motif = c.derogation_motif
    c.derogation_motif = ""
    c.derogation_le = None
    c.save(update_fields=["derogation_motif", "derogation_le", "modifiee_le"])
    c.journaliser(TypeAction.DEROGATION_RETIREE, par=par, detail=ancien_motif)
    return True
