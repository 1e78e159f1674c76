"""Framed commitments: join a community, renew, leave, and the daily upkeep.

A commitment ("engagement cadré et ponctuel") has a mandatory end date at most twelve calendar
months ahead, and the hours a person commits to every community they are in add up: past
``settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS`` the person must confirm, so that nobody burns
out quietly. Joining locks the person's row (``select_for_update``): two tabs joining two
communities at the same moment are served one after the other, so the second one sees the
first one's hours.

Who acts:

- joining and renewing: the person themselves only;
- leaving: the person, or the Ti Team (``rules.peut_voir_les_engagements``), for
  instance when someone asks the team to take them off a community.

Each of these steps is recorded in the community's journal (``communaute.journaliser``) in
the same transaction: the commitment row keeps only its current state.

A stronger commitment under a pact of transformation (Gouvernance issue) will be an
``Engagement`` too, linked to the pact by a nullable key the Gouvernance app adds and created by
its own service: :func:`heures_engagees` already counts every running commitment, whatever its
kind, and nothing here assumes there is only one kind.

Every day (``communautes.taches`` on the worker, or ``manage.py entretenir_engagements`` from
cron) :func:`engagements_entretien_quotidien` ends the commitments whose end date has passed
and e-mails those that end within two weeks, once.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from communautes import rules
from communautes.models import (
    Communaute,
    Engagement,
    MotifFin,
    RoleEngagement,
    TypeAction,
)
from tilab.comptes.models import Expertise, Organisation, Personne
from tilab.courriels import programmer_courriel
from tilab.dates import date_francaise

# How long before its end date a commitment's reminder is sent.
DELAI_RAPPEL = timedelta(days=14)


class EngagementImpossible(ValidationError):
    """The commitment cannot be made or changed: closed community, already committed, end
    date out of bounds. Its messages are addressed to the person, in French; date errors are
    keyed by the field ``fin`` so that a form shows them next to the date."""


class SeuilDepasse(Exception):
    """Joining would take the person past the monthly threshold and they have not confirmed.

    Not a refusal: the form shows the figures and asks the person to confirm.
    """

    def __init__(self, *, heures_actuelles: int, nouveau_total: int, seuil: int) -> None:
        self.heures_actuelles = heures_actuelles
        self.nouveau_total = nouveau_total
        self.seuil = seuil
        super().__init__(
            f"Avec cet engagement, vous seriez engagé·e {nouveau_total} h par mois, "
            f"au-delà du repère de {seuil} h."
        )


# --- Reading ------------------------------------------------------------------------------


def seuil_heures() -> int:
    return int(settings.COMMUNAUTES_SEUIL_HEURES_PAR_MOIS)


def ajouter_mois(jour: date, mois: int) -> date:
    """``jour`` plus ``mois`` calendar months, on the last day of the month when the day does
    not exist there (31 March + 1 month = 30 April; 29 February + 12 months = 28 February)."""
    index = jour.month - 1 + mois
    annee, mois_cible = jour.year + index // 12, index % 12 + 1
    dernier = calendar.monthrange(annee, mois_cible)[1]
    return date(annee, mois_cible, min(jour.day, dernier))


def fin_maximale(aujourd_hui: date | None = None) -> date:
    """The furthest end date a commitment made or renewed today may have."""
    return ajouter_mois(aujourd_hui or timezone.localdate(), Engagement.DUREE_MAXIMALE_MOIS)


def fin_par_defaut(aujourd_hui: date | None = None) -> date:
    """What the join form proposes: three months, renewable."""
    return ajouter_mois(aujourd_hui or timezone.localdate(), 3)


def heures_engagees(personne: Personne, *, sauf: Engagement | None = None) -> int:
    """Hours a month of the person's own commitments running today (one query): those their
    organisation guarantees in a contractual frame do not count towards the warning."""
    engagements = Engagement.objects.actifs().personnels().de(personne)
    if sauf is not None:
        engagements = engagements.exclude(pk=sauf.pk)
    total = engagements.aggregate(total=Sum("heures_par_mois"))["total"]
    return int(total or 0)


def depasserait_le_seuil(
    personne: Personne, heures_par_mois: int, *, sauf: Engagement | None = None
) -> bool:
    """Whether committing ``heures_par_mois`` more would take the person past the threshold.

    Exactly at the threshold is fine: only going beyond it asks for a confirmation.
    """
    return heures_engagees(personne, sauf=sauf) + heures_par_mois > seuil_heures()


def _verifier_fin(fin: date | None, *, aujourd_hui: date, apres: date | None = None) -> date:
    if fin is None:
        raise EngagementImpossible(
            {
                "fin": [
                    "Indiquez une date de fin : un engagement est toujours limité dans le temps."
                ]
            },
            code="fin_manquante",
        )
    if fin < aujourd_hui:
        raise EngagementImpossible(
            {"fin": ["La date de fin est déjà passée : choisissez une date à venir."]},
            code="fin_passee",
        )
    maximum = fin_maximale(aujourd_hui)
    if fin > maximum:
        raise EngagementImpossible(
            {
                "fin": [
                    "Un engagement dure au plus douze mois : choisissez une date de fin au plus "
                    f"tard le {date_francaise(maximum, 'j F Y')}. Vous pourrez le renouveler."
                ]
            },
            code="fin_trop_lointaine",
        )
    if apres is not None and fin <= apres:
        raise EngagementImpossible(
            {
                "fin": [
                    "Pour prolonger, choisissez une date après la fin actuelle, le "
                    f"{date_francaise(apres, 'j F Y')}."
                ]
            },
            code="fin_pas_plus_tard",
        )
    return fin


# --- Writing ------------------------------------------------------------------------------


@transaction.atomic
def engagement_rejoindre(
    *,
    communaute: Communaute,
    personne: Personne,
    role: str = RoleEngagement.MEMBRE,
    expertise: str,
    organisation: Organisation | None,
    heures_par_mois: int,
    fin: date | None,
    depassement_confirme: bool = False,
) -> Engagement:
    """Commit ``personne`` to ``communaute`` from today until ``fin``.

    Raises :class:`EngagementImpossible` when the community does not welcome members, the
    person already has a running commitment there, or ``fin`` is missing, past or more than
    twelve calendar months ahead; raises :class:`SeuilDepasse` when the person's running
    commitments plus this one exceed the threshold and ``depassement_confirme`` is false.
    """
    # Lock the person first: every join of theirs waits here for the previous one to commit,
    # so the sum of hours read below already counts it.
    Personne.objects.select_for_update().filter(pk=personne.pk).get()
    # And the community: closing it (services_communautes, which locks it too) cannot slip
    # between the check of its state below and the new commitment.
    c = Communaute.objects.select_for_update().get(pk=communaute.pk)
    aujourd_hui = timezone.localdate()
    if not c.accueille_des_membres:
        raise EngagementImpossible(
            f"Cette communauté est « {c.get_statut_display().lower()} » : elle n'accueille pas "
            "de nouveaux membres pour l'instant.",
            code="communaute_fermee",
        )
    if role not in RoleEngagement.values:
        raise EngagementImpossible({"role": ["Choisissez un rôle de la liste."]}, code="role")
    if expertise not in Expertise.values:
        raise EngagementImpossible(
            {"expertise": ["Choisissez une expertise de la liste."]}, code="expertise"
        )
    if heures_par_mois < 1:
        raise EngagementImpossible(
            {"heures_par_mois": ["Indiquez au moins une heure par mois."]}, code="heures"
        )
    # An engagement past its end date that the daily upkeep has not closed yet would still
    # hold the one-running-engagement slot: close it now.
    Engagement.objects.filter(communaute=c, personne=personne).terminer_echus(aujourd_hui)
    if Engagement.objects.filter(communaute=c, personne=personne, termine_le__isnull=True).exists():
        raise EngagementImpossible(
            "Vous êtes déjà engagé·e dans cette communauté. Vous pouvez prolonger votre "
            "engagement ou le quitter depuis « Mes engagements ».",
            code="deja_engage",
        )
    fin = _verifier_fin(fin, aujourd_hui=aujourd_hui)
    heures_actuelles = heures_engagees(personne)
    nouveau_total = heures_actuelles + heures_par_mois
    if nouveau_total > seuil_heures() and not depassement_confirme:
        raise SeuilDepasse(
            heures_actuelles=heures_actuelles, nouveau_total=nouveau_total, seuil=seuil_heures()
        )
    engagement = Engagement.objects.create(
        communaute=c,
        personne=personne,
        role=role,
        expertise=expertise,
        organisation=organisation,
        heures_par_mois=heures_par_mois,
        debut=aujourd_hui,
        fin=fin,
    )
    c.journaliser(
        TypeAction.REJOINDRE,
        par=personne,
        detail=f"{engagement.get_role_display()}, {engagement.heures_par_mois} h par mois, "
        f"jusqu'au {_date(engagement.fin)}.",
    )
    return engagement


def _date(jour: date) -> str:
    return date_francaise(jour, "j F Y")


def _verrouiller(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("communaute")
        .get(pk=engagement.pk)
    )


@transaction.atomic
def engagement_prolonger(*, engagement: Engagement, par: Personne, fin: date | None) -> Engagement:
    """Move the end date of the person's own running commitment to ``fin``.

    ``fin`` must come after the current end and at most twelve calendar months from today.
    The current period then starts today (``debut``; ``cree_le`` keeps the first day), and a
    new reminder will be sent two weeks before the new end.
    """
    e = _verrouiller(engagement)
    if e.personne_id != par.pk:
        raise PermissionDenied("Seule la personne engagée peut prolonger son engagement.")
    if not e.est_actif:
        raise EngagementImpossible(
            "Cet engagement est terminé : rejoignez à nouveau la communauté pour vous engager.",
            code="termine",
        )
    if e.contractuel:
        raise EngagementImpossible(
            f"Cet engagement suit les dates de son cadre contractuel ({e.cadre}) : il se "
            "prolonge par un avenant, pas ici.",
            code="contractuel",
        )
    if not e.communaute.accueille_des_membres:
        raise EngagementImpossible(
            "Cette communauté n'accueille plus de membres : l'engagement ne peut pas être "
            "prolongé.",
            code="communaute_fermee",
        )
    aujourd_hui = timezone.localdate()
    fin_prevue = e.fin
    e.fin = _verifier_fin(fin, aujourd_hui=aujourd_hui, apres=e.fin)
    # The database bounds a period to a year from its start: a renewal starts a new period.
    e.debut = aujourd_hui
    e.rappel_envoye_le = None
    e.save(update_fields=["debut", "fin", "rappel_envoye_le", "modifie_le"])
    e.communaute.journaliser(
        TypeAction.PROLONGER,
        par=par,
        detail=f"Fin prévue le {_date(fin_prevue)}, désormais le {_date(e.fin)}.",
    )
    return e


@transaction.atomic
def engagement_quitter(*, engagement: Engagement, par: Personne) -> Engagement:
    """End a running commitment today. The person may leave at any time; the Ti Team may
    end someone's commitment too (on their request, for instance)."""
    e = _verrouiller(engagement)
    if e.personne_id != par.pk and not rules.peut_voir_les_engagements(par):
        raise PermissionDenied(
            "Seule la personne engagée ou l'équipe peut mettre fin à cet engagement."
        )
    aujourd_hui = timezone.localdate()
    if e.termine_le is not None or e.fin < aujourd_hui:
        raise EngagementImpossible("Cet engagement est déjà terminé.", code="deja_termine")
    # Leaving before a commitment even started (never the case today) ends it on its start.
    e.termine_le = max(aujourd_hui, e.debut)
    e.motif_fin = MotifFin.QUITTE
    e.save(update_fields=["termine_le", "motif_fin", "modifie_le"])
    qui = "par la personne" if e.personne_id == par.pk else "par l'équipe"
    e.communaute.journaliser(
        TypeAction.QUITTER, par=par, detail=f"Arrêté le {_date(e.termine_le)}, {qui}."
    )
    return e


# --- Contractual commitments (called by the apps above: a pact of transformation) ---------


@transaction.atomic
def engagement_contractuel_prendre(
    *,
    communaute: Communaute,
    personne: Personne,
    organisation: Organisation | None,
    heures_par_mois: int,
    debut: date,
    fin: date,
    cadre: str,
    par: Personne | None,
) -> Engagement:
    """The stronger commitment of a person whose organisation guarantees their time
    (``cadre`` names the frame, e.g. « Pacte n° 12 »): from ``debut`` (today at the earliest)
    to ``fin``, whatever the twelve-month rule and the person's threshold.

    A personal commitment already running in the community becomes this one (its role and
    expertise kept); otherwise one is created. Recorded in the community's journal.
    """
    Personne.objects.select_for_update().filter(pk=personne.pk).get()
    c = Communaute.objects.select_for_update().get(pk=communaute.pk)
    aujourd_hui = timezone.localdate()
    if fin < aujourd_hui:
        raise EngagementImpossible(
            "Ce cadre contractuel est déjà terminé : aucun engagement à prendre.", code="passe"
        )
    Engagement.objects.filter(communaute=c, personne=personne).terminer_echus(aujourd_hui)
    e = (
        Engagement.objects.select_for_update()
        .filter(communaute=c, personne=personne, termine_le__isnull=True)
        .first()
    )
    if e is None:
        expertises = list(personne.expertises or [])
        e = Engagement(
            communaute=c,
            personne=personne,
            role=RoleEngagement.MEMBRE,
            expertise=expertises[0] if expertises else Expertise.AGENT_TERRAIN,
            debut=max(debut, aujourd_hui),
        )
    e.organisation = organisation or e.organisation
    if e.contractuel and e.cadre and cadre not in e.cadre.split(", "):
        # Already guaranteed by another frame: both hold, their hours add up.
        e.heures_par_mois += max(1, heures_par_mois)
        e.fin = max(e.fin, fin)
        e.cadre = f"{e.cadre}, {cadre}"[:200]
    else:
        e.heures_par_mois = max(1, heures_par_mois)
        e.fin = fin
        e.cadre = cadre[:200]
    e.contractuel = True
    e.rappel_envoye_le = None
    e.save()
    c.journaliser(
        TypeAction.CONTRACTUEL,
        par=par,
        detail=f"{cadre} : {e.heures_par_mois} h par mois garanties jusqu'au {_date(e.fin)}.",
    )
    return e


@transaction.atomic
def engagement_contractuel_terminer(
    *, engagement: Engagement, par: Personne | None, detail: str = ""
) -> Engagement:
    """End today a contractual commitment whose frame ended (a pact honoured, broken or
    replaced). Nothing to do when it already ended."""
    e = _verrouiller(engagement)
    aujourd_hui = timezone.localdate()
    if e.termine_le is not None or e.fin < aujourd_hui:
        return e
    e.termine_le = max(aujourd_hui, e.debut)
    e.motif_fin = MotifFin.CADRE_TERMINE
    e.save(update_fields=["termine_le", "motif_fin", "modifie_le"])
    e.communaute.journaliser(
        TypeAction.QUITTER,
        par=par,
        detail=f"Engagement contractuel terminé le {_date(e.termine_le)}. {detail}".strip(),
    )
    return e


# --- Daily upkeep -------------------------------------------------------------------------


def engagements_terminer_echus(*, aujourd_hui: date | None = None) -> int:
    """End every commitment whose end date has passed, on that date. Idempotent."""
    return Engagement.objects.terminer_echus(aujourd_hui or timezone.localdate())


def contexte_rappel(engagement: Engagement) -> dict[str, Any]:
    """What the reminder e-mail says (JSON-serialisable, for the e-mail task)."""
    c = engagement.communaute
    return {
        "prenom": engagement.personne.first_name,
        "communaute": c.nom,
        "fin": date_francaise(engagement.fin, "l j F Y"),
        "heures_par_mois": engagement.heures_par_mois,
        "lien_communaute": f"{settings.SITE_URL}{c.get_absolute_url()}",
        "lien_prolonger": f"{settings.SITE_URL}"
        f"{reverse('communautes:prolonger', kwargs={'slug': c.slug})}",
        "lien_quitter": f"{settings.SITE_URL}{reverse('communautes:mes_engagements')}"
        f"#engagement-{engagement.pk}",
    }


@transaction.atomic
def engagements_envoyer_rappels(*, aujourd_hui: date | None = None) -> int:
    """E-mail every person whose running commitment ends within two weeks, once.

    The rows are locked and skipped if another run holds them, so that a cron job and the
    worker running at the same moment never send the same reminder twice.
    """
    jour = aujourd_hui or timezone.localdate()
    engagements = list(
        Engagement.objects.actifs(jour)
        .personnels()
        .filter(rappel_envoye_le__isnull=True, fin__lte=jour + DELAI_RAPPEL)
        .filter(personne__is_active=True)
        .select_related("personne", "communaute")
        .select_for_update(of=("self",), skip_locked=True)
        .order_by("pk")
    )
    maintenant = timezone.now()
    for engagement in engagements:
        programmer_courriel(
            gabarit="communautes/courriels/engagement_rappel",
            destinataires=[engagement.personne.email],
            contexte=contexte_rappel(engagement),
        )
    Engagement.objects.filter(pk__in=[e.pk for e in engagements]).update(
        rappel_envoye_le=maintenant
    )
    return len(engagements)


def engagements_entretien_quotidien(*, aujourd_hui: date | None = None) -> dict[str, int]:
    """The daily upkeep: end the commitments past their end date, then send the reminders."""
    return {
        "termines": engagements_terminer_echus(aujourd_hui=aujourd_hui),
        "rappels": engagements_envoyer_rappels(aujourd_hui=aujourd_hui),
    }


# --- Personal data export -----------------------------------------------------------------


def section_export(personne: Personne) -> list[dict[str, Any]]:
    """The person's commitments, running and past, for their personal data export."""
    return [
        {
            "communaute": e.communaute.nom,
            "adresse": f"{settings.SITE_URL}{e.communaute.get_absolute_url()}",
            "role": str(e.get_role_display()),
            "expertise": str(e.get_expertise_display()),
            "organisation": e.organisation.nom if e.organisation is not None else None,
            "heures_par_mois": e.heures_par_mois,
            "debut": e.debut,
            "fin": e.fin,
            "termine_le": e.termine_le,
            "motif_fin": str(e.get_motif_fin_display()) if e.motif_fin else "",
            "rappel_envoye_le": e.rappel_envoye_le,
            "cree_le": e.cree_le,
        }
        for e in Engagement.objects.filter(personne=personne)
        .select_related("communaute", "organisation")
        .order_by("cree_le", "pk")
    ]
