"""Framed commitments of people to communities."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import Expertise, Organisation, Personne


class RoleEngagement(models.TextChoices):
    MEMBRE = "membre", _("Membre")
    REFERENT = "referent", _("Référent ou référente")


class MotifFin(models.TextChoices):
    QUITTE = "quitte", _("La personne a quitté la communauté")
    ECHU = "echu", _("Arrivé à sa date de fin")
    COMMUNAUTE_CLOSE = "communaute_close", _("La communauté a été close")
    CADRE_TERMINE = "cadre_termine", _("Le cadre contractuel qui le fondait a pris fin")


def engagement_en_cours(jour: Any, prefixe: str = "") -> Q:
    """The one rule of a commitment running on ``jour``: not ended, started, end date not
    passed — right even on a day the daily job has not run yet. ``prefixe`` reaches the
    commitments through a relation, e.g. ``"engagements__"`` from a community or a person."""
    return Q(
        **{
            f"{prefixe}termine_le__isnull": True,
            f"{prefixe}debut__lte": jour,
            f"{prefixe}fin__gte": jour,
        }
    )


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def personnels(self) -> EngagementQuerySet:
        """Those the person took on their own (not guaranteed in a contractual frame)."""
        return self.filter(contractuel=False)

    def actifs(self, le: Any = None) -> EngagementQuerySet:
        """Running on ``le`` (today by default): see :func:`engagement_en_cours`."""
        return self.filter(engagement_en_cours(le or timezone.localdate()))

    def echus(self, jour: Any) -> EngagementQuerySet:
        """Not ended yet although their end date is before ``jour``."""
        return self.filter(termine_le__isnull=True, fin__lt=jour)

    def terminer_echus(self, jour: Any) -> int:
        """End the commitments of :meth:`echus` on their end date (the daily job's work)."""
        return self.echus(jour).update(
            termine_le=models.F("fin"), motif_fin=MotifFin.ECHU, modifie_le=timezone.now()
        )

    def de(self, personne: Any) -> EngagementQuerySet:
        return self.filter(personne=personne)


class Engagement(models.Model):
    """A person's framed commitment to a community: role, expertise, organisation, hours a
    month and an end date at most twelve months ahead (``DUREE_MAXIMALE_MOIS``).

    Created, renewed and ended only through ``communautes.services.engagements``.

    A commitment is ``contractuel`` when the person's organisation guarantees their time in a
    contractual frame (an FTE of a pact of transformation, in ``experimentations``, which
    points here; this app knows nothing of pacts): its end date follows that frame, not the
    twelve-month rule, and it does not count towards the person's own over-commitment
    warning, though the team still sees its hours.
    """

    communaute = models.ForeignKey(
        "communautes.Communaute",
        verbose_name=_("communauté"),
        on_delete=models.CASCADE,
        related_name="engagements",
    )
    personne = models.ForeignKey(
        Personne,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="engagements",
    )
    role = models.CharField(
        _("rôle"), max_length=20, choices=RoleEngagement.choices, default=RoleEngagement.MEMBRE
    )
    expertise = models.CharField(_("expertise apportée"), max_length=20, choices=Expertise.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements",
    )
    heures_par_mois = models.PositiveSmallIntegerField(
        _("heures par mois"),
        validators=[MinValueValidator(1)],
        help_text=_("Le temps que vous pensez y consacrer chaque mois, en heures."),
    )
    debut = models.DateField(_("début"))
    fin = models.DateField(
        _("date de fin"), help_text=_("Au plus douze mois après le début. Vous pourrez renouveler.")
    )
    termine_le = models.DateField(_("terminé le"), null=True, blank=True)
    motif_fin = models.CharField(
        _("motif de fin"), max_length=20, choices=MotifFin.choices, blank=True
    )
    contractuel = models.BooleanField(
        _("contractuel"),
        default=False,
        help_text=_("Garanti par l'organisation de la personne dans un cadre contractuel."),
    )
    cadre = models.CharField(
        _("cadre contractuel"),
        max_length=200,
        blank=True,
        help_text=_("Ce qui fonde l'engagement contractuel, par exemple « Pacte n° 12 »."),
    )
    rappel_envoye_le = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = EngagementQuerySet.as_manager()

    DUREE_MAXIMALE_MOIS = 12

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-debut", "pk"]
        indexes = [
            models.Index(fields=["communaute", "termine_le", "fin"]),
            # A person's running commitments and their hours, read from the index alone: the
            # hours each person has engaged (the team's view of who is over the threshold,
            # the warning when joining).
            models.Index(
                fields=["personne"],
                include=["heures_par_mois", "debut", "fin"],
                condition=Q(termine_le__isnull=True),
                name="engagement_en_cours_personne",
            ),
            # The back office's list, in this order, reads its page from here.
            models.Index(fields=["-debut", "id"], name="engagement_recents"),
        ]
        constraints = [
            # One running commitment per person and community; ended ones stay as history.
            models.UniqueConstraint(
                fields=["communaute", "personne"],
                condition=Q(termine_le__isnull=True),
                name="engagement_un_seul_en_cours",
            ),
            models.CheckConstraint(
                condition=Q(fin__gte=models.F("debut")), name="engagement_fin_apres_debut"
            ),
            # Twelve months at most; 366 days covers a leap year (the form checks the
            # calendar month exactly).
            models.CheckConstraint(
                condition=Q(contractuel=True) | Q(fin__lte=models.F("debut") + timedelta(days=366)),
                name="engagement_douze_mois_au_plus",
            ),
            models.CheckConstraint(
                condition=Q(heures_par_mois__gte=1), name="engagement_heures_positives"
            ),
            models.CheckConstraint(
                condition=Q(termine_le__isnull=True, motif_fin="")
                | (Q(termine_le__isnull=False) & ~Q(motif_fin="")),
                name="engagement_fin_avec_motif",
            ),
        ]

    def __str__(self) -> str:
        # No related field here: admin lists and inlines print it once per row.
        fin = f" jusqu'au {self.fin:%d/%m/%Y}" if self.fin else ""
        return f"{self.get_role_display()}, {self.heures_par_mois} h par mois{fin}"

    @property
    def est_actif(self) -> bool:
        aujourd_hui = timezone.localdate()
        return self.termine_le is None and self.debut <= aujourd_hui <= self.fin
