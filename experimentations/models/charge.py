"""The team's capacity: how many experiments each coordinator can run at once, set by the
Direction, with its history (a new row for each change; the latest one holds)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import Personne, cle_auteur


class CapaciteQuerySet(models.QuerySet["Capacite"]):
    def en_vigueur(self) -> CapaciteQuerySet:
        """The latest capacity of each coordinator."""
        return self.order_by("coordinateur_id", "-depuis", "-pk").distinct("coordinateur_id")


class Capacite(models.Model):
    coordinateur = models.ForeignKey(
        Personne,
        verbose_name=_("coordinateur ou coordinatrice"),
        on_delete=models.CASCADE,
        related_name="capacites",
    )
    nombre = models.PositiveSmallIntegerField(
        _("expérimentations menées de front au plus"),
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    depuis = models.DateTimeField(_("depuis le"), auto_now_add=True)
    fixee_par = cle_auteur(related_name="capacites_fixees", verbose_name=_("fixée par"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = CapaciteQuerySet.as_manager()

    class Meta:
        verbose_name = _("capacité d'un coordinateur ou d'une coordinatrice")
        verbose_name_plural = _("capacités de la coordination")
        ordering = ["coordinateur", "-depuis", "-pk"]
        indexes = [models.Index(fields=["coordinateur", "-depuis", "-id"], name="capacite_recente")]

    def __str__(self) -> str:
        return f"{self.nombre} expérimentation(s)"
