"""French wording of the experiments' and pacts' pages: the sentence of a card, amounts in
euros, quantities, plurals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import number_format

from experimentations.models import Experimentation, StatutExperimentation, TypePhase
from tilab.dates import date_francaise
from tilab.francais import compte

register = template.Library()


def liste_francaise(elements: Iterable[str]) -> str:
    """``["A", "B", "C"]`` → "A, B et C"."""
    elements = [e for e in elements if e]
    if len(elements) < 2:
        return "".join(elements)
    return f"{', '.join(elements[:-1])} et {elements[-1]}"


def _date(jour: date | datetime) -> str:
    if isinstance(jour, datetime):
        jour = timezone.localdate(jour)
    return date_francaise(jour, "j F Y")


def _le(jour: date | datetime | None) -> str:
    return f" le {_date(jour)}" if jour else ""


def _depuis(jour: date | datetime | None) -> str:
    return f" depuis le {_date(jour)}" if jour else ""


@register.simple_tag
def phrase_experimentation(experimentation: Experimentation) -> str:
    """What a card says of an experiment, in one sentence: its state since when, where, its
    running phase, its participants and pacts in force. Reads the annotations of the list
    (``nb_participants``, ``nb_pactes``, ``phase_en_cours``) and its prefetched territories."""
    e = experimentation
    statut = e.statut
    if statut == StatutExperimentation.EN_PREPARATION:
        debut = "En préparation" + _depuis(e.cree_le)
    elif statut == StatutExperimentation.EN_COURS:
        debut = "En cours" + _depuis(e.lancee_le or e.statut_change_le)
    elif statut == StatutExperimentation.SUSPENDUE:
        debut = "Suspendue" + _depuis(e.statut_change_le)
    elif statut == StatutExperimentation.TERMINEE:
        debut = "Terminée" + _le(e.statut_change_le)
    else:
        debut = "Essaimée" + _depuis(e.statut_change_le)
    morceaux = [debut]
    territoires = [t.nom for t in e.territoires.all()]
    if territoires:
        morceaux[0] += f", sur {liste_francaise(territoires)}"
    phase = getattr(e, "phase_en_cours", None)
    if phase and statut == StatutExperimentation.EN_COURS:
        morceaux.append(f"en phase « {TypePhase(phase).label.lower()} »")
    participants = compte(
        getattr(e, "nb_participants", 0), "participant", "participants", "sans participant"
    )
    pactes = getattr(e, "nb_pactes", 0)
    avec = participants if participants.startswith("sans") else f"avec {participants}"
    if pactes:
        avec += " et " + compte(
            pactes, "pacte de transformation en vigueur", "pactes de transformation en vigueur", ""
        )
    morceaux.append(avec)
    return ", ".join(morceaux) + "."


@register.filter
def euros(montant: Decimal | int | None) -> str:
    """``12000`` → "12 000 €", ``1500.5`` → "1 500,50 €", the sign held to its number by a
    no-break space (the template engine's typography does not see what a filter prints)."""
    montant = Decimal(montant or 0)
    decimales = 0 if montant == montant.to_integral_value() else 2
    return f"{number_format(montant, decimal_pos=decimales, force_grouping=True)}\u00a0€"


@register.filter
def quantite(engagement: Any) -> str:
    """A commitment's quantity with its unit: "0,1 ETP", "15 000 €"; empty without one."""
    if engagement.quantite is None:
        return ""
    valeur = Decimal(engagement.quantite).normalize()
    decimales = max(0, -valeur.as_tuple().exponent)  # type: ignore[operator]
    texte = number_format(valeur, decimal_pos=decimales, force_grouping=True)
    return f"{texte}\u00a0{engagement.unite}".strip()


@register.filter
def nb_experimentations(n: int | None) -> str:
    return compte(n, "expérimentation", "expérimentations", "aucune expérimentation")


@register.filter
def nb_pactes(n: int | None) -> str:
    return compte(n, "pacte", "pactes", "aucun pacte")


@register.filter
def nb_participants(n: int | None) -> str:
    return compte(n, "participant", "participants", "aucun participant")


@register.filter
def en_liste(elements: Iterable[Any]) -> str:
    """``{{ noms|en_liste }}``: "A, B et C"."""
    return liste_francaise(str(e) for e in elements)
