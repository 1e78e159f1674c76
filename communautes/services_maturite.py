"""The maturity inputs the team sets by hand: the willing territory and the Direction's override.

Each function locks the community row (two team members may act at the same moment), checks
the person's role, writes the change and records it in the community's journal
(:class:`~communautes.models.ActionCommunaute`) in the same transaction. They apply to a
community of interest only: maturity is about a problem going to COPIL.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from communautes import rules_communautes
from communautes.models import (
    ActionCommunaute,
    Communaute,
    Personne,
    Territoire,
    TypeAction,
    TypeCommunaute,
    TypeTerritoire,
)

LONGUEUR_MAXIMALE_TEXTE = 3_000


class MaturiteImpossible(ValidationError):
    """The change does not apply to this community, or what was typed is not acceptable."""


def territoires_possibles(communaute: Communaute) -> QuerySet[Territoire]:
    """The territories that may be noted as willing: those of the community and of its problem,
    and everything under them (a commune of a listed EPCI, for instance).

    When neither the community nor the problem names a territory, any territory may be noted.
    Ordered from the largest (région) to the smallest (communes), then by name.
    """
    racines = Territoire.objects.filter(
        Q(communautes=communaute)
        | (
            Q(problematiques=communaute.problematique_id)
            if communaute.problematique_id is not None
            else Q(pk__in=[])
        )
    ).values("pk")
    territoires = Territoire.objects.all()
    if racines.exists():
        territoires = territoires.filter(
            Q(pk__in=racines)
            | Q(parent__in=racines)
            | Q(parent__parent__in=racines)
            | Q(parent__parent__parent__in=racines)
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


def _journaliser(communaute: Communaute, *, type: str, par: Personne, detail: str) -> None:
    ActionCommunaute.objects.create(communaute=communaute, type=type, par=par, detail=detail)


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
    if not rules_communautes.peut_noter_territoire_volontaire(par):
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
    _journaliser(
        c,
        type=TypeAction.TERRITOIRE_VOLONTAIRE,
        par=par,
        detail=f"{territoire.nom} : {texte}",
    )
    return c


@transaction.atomic
def maturite_retirer_territoire(*, communaute: Communaute, par: Personne) -> bool:
    """Untick the willing territory (the territory changed its mind, or it was a mistake).

    Returns ``False`` when no territory was noted (nothing changes, nothing is recorded).
    Same permission and community checks as :func:`maturite_noter_territoire`.
    """
    if not rules_communautes.peut_noter_territoire_volontaire(par):
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
    _journaliser(
        c, type=TypeAction.TERRITOIRE_RETIRE, par=par, detail=f"{ancien} : {ancienne_note}"
    )
    return True


@transaction.atomic
def maturite_deroger(*, communaute: Communaute, par: Personne, motif: str) -> Communaute:
    """The Direction declares the problem ready for COPIL although an item of maturity is
    missing, with a written reason (Markdown, public). Replaces a previous override.

    Raises ``PermissionDenied`` unless ``par`` is of the Direction, and
    :class:`MaturiteImpossible` for a community that is not of interest or an empty reason.
    """
    if not rules_communautes.peut_deroger_a_la_maturite(par):
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
    _journaliser(c, type=TypeAction.DEROGATION, par=par, detail=texte)
    return c


@transaction.atomic
def maturite_retirer_derogation(*, communaute: Communaute, par: Personne) -> bool:
    """The Direction withdraws its override: the checklist alone decides again.

    Returns ``False`` when there was no override (nothing changes, nothing is recorded).
    """
    if not rules_communautes.peut_deroger_a_la_maturite(par):
        raise PermissionDenied
    c = _verrouiller(communaute)
    if c.derogation_le is None:
        return False
    ancien_motif = c.derogation_motif
    c.derogation_motif = ""
    c.derogation_le = None
    c.save(update_fields=["derogation_motif", "derogation_le", "modifiee_le"])
    _journaliser(c, type=TypeAction.DEROGATION_RETIREE, par=par, detail=ancien_motif)
    return True
