"""Registrations to events: register, join the waiting list, cancel, give a freed seat.

Every write locks the event row first (``select_for_update``): two people clicking for the
last seat at the same moment are served one after the other, so the number of registered
people never exceeds the capacity. E-mails leave only once the transaction commits.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communautes.models import Evenement, Inscription, StatutInscription
from tilab.comptes.models import Personne
from tilab.courriels import programmer_courriel
from tilab.dates import date_francaise


class InscriptionImpossible(ValidationError):
    """Registration is closed for this event, or the person cannot register."""


def _verrouiller(evenement: Evenement) -> Evenement:
    return Evenement.objects.select_for_update().get(pk=evenement.pk)


def _nb_inscrites(evenement: Evenement) -> int:
    return Inscription.objects.filter(
        evenement=evenement, statut=StatutInscription.INSCRITE
    ).count()


@transaction.atomic
def inscription_creer(*, evenement: Evenement, personne: Personne) -> Inscription:
    """Register ``personne`` to ``evenement``, or put them on the waiting list when it is full.

    A person who had cancelled registers again (at the end of the queue). Raises
    :class:`InscriptionImpossible` when the event is not published, is over, or its
    registration deadline has passed, and when the person is already registered or waiting.
    """
    e = _verrouiller(evenement)
    if not e.publie:
        raise InscriptionImpossible("Cet événement n'est pas publié.", code="non_publie")
    if e.est_passe:
        raise InscriptionImpossible(
            "Cet événement est terminé : les inscriptions sont closes.", code="passe"
        )
    if timezone.now() > e.date_limite_inscription:
        raise InscriptionImpossible(
            "Les inscriptions sont closes depuis le "
            f"{date_francaise(timezone.localtime(e.date_limite_inscription), 'j F Y à H:i')}.",
            code="date_limite",
        )
    existante = Inscription.objects.filter(evenement=e, personne=personne).first()
    if existante is not None and existante.statut != StatutInscription.ANNULEE:
        raise InscriptionImpossible(
            "Vous êtes déjà inscrit·e à cet événement."
            if existante.statut == StatutInscription.INSCRITE
            else "Vous êtes déjà sur la liste d'attente de cet événement.",
            code="deja",
        )
    statut = (
        StatutInscription.INSCRITE
        if _nb_inscrites(e) < e.capacite
        else StatutInscription.EN_ATTENTE
    )
    if existante is None:
        return Inscription.objects.create(evenement=e, personne=personne, statut=statut)
    # Back after a cancellation: the queue position starts again from now.
    existante.statut = statut
    existante.cree_le = timezone.now()
    existante.save(update_fields=["statut", "cree_le", "modifiee_le"])
    return existante


@transaction.atomic
def inscription_annuler(*, evenement: Evenement, personne: Personne) -> Inscription | None:
    """Cancel the person's registration (or leave the waiting list).

    When a registered person cancels, the first person waiting takes the seat and is told by
    e-mail. Returns the person's registration, or ``None`` if they had none.
    """
    e = _verrouiller(evenement)
    inscription = (
        Inscription.objects.filter(evenement=e, personne=personne)
        .exclude(statut=StatutInscription.ANNULEE)
        .first()
    )
    if inscription is None:
        return None
    liberait_une_place = inscription.statut == StatutInscription.INSCRITE
    inscription.statut = StatutInscription.ANNULEE
    inscription.save(update_fields=["statut", "modifiee_le"])
    if liberait_une_place and not e.est_passe:
        _promouvoir(e)
    return inscription


def _promouvoir(e: Evenement) -> None:
    """Give every free seat to the people waiting, first come first served."""
    libres = e.capacite - _nb_inscrites(e)
    if libres <= 0:
        return
    promues = list(
        Inscription.objects.filter(evenement=e, statut=StatutInscription.EN_ATTENTE)
        .select_related("personne")
        .order_by("cree_le", "pk")[:libres]
    )
    for inscription in promues:
        inscription.statut = StatutInscription.INSCRITE
        inscription.save(update_fields=["statut", "modifiee_le"])
        if inscription.personne.is_active:
            programmer_courriel(
                gabarit="communautes/courriels/evenement_place_liberee",
                destinataires=[inscription.personne.email],
                contexte=contexte_courriel(e),
            )


def contexte_courriel(e: Evenement) -> dict[str, Any]:
    """What an e-mail about an event may say (JSON-serialisable, public fields only)."""
    debut = timezone.localtime(e.debut)
    return {
        "titre": e.titre,
        "quand": date_francaise(debut, "l j F Y à H:i"),
        "lieu": e.lieu,
        "lien_en_ligne": e.lien_en_ligne,
        "lien": f"{settings.SITE_URL}{e.get_absolute_url()}",
    }


# --- Personal data export -----------------------------------------------------------------


def section_export(personne: Personne) -> list[dict[str, Any]]:
    """The person's registrations to events, for their personal data export."""
    return [
        {
            "evenement": i.evenement.titre,
            "adresse": f"{settings.SITE_URL}{i.evenement.get_absolute_url()}",
            "debut": i.evenement.debut,
            "statut": str(i.get_statut_display()),
            "inscrit_le": i.cree_le,
            "modifie_le": i.modifiee_le,
        }
        for i in Inscription.objects.filter(personne=personne)
        .select_related("evenement")
        .order_by("cree_le")
    ]
