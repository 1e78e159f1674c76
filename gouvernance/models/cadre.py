"""The three-year frame (cadre triennal) set by CODIR: a period, orientations, the meeting that
set it. Periods never overlap (a database constraint), so one frame at most is in force on a
given day; earlier frames stay readable."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import cle_auteur


class CadreQuerySet(models.QuerySet["CadreTriennal"]):
    def en_vigueur(self, le: date | None = None) -> CadreTriennal | None:
        """The frame whose period holds ``le`` (today by default), or ``None``."""
        jour = le or timezone.localdate()
        return self.filter(debut__lte=jour, fin__gte=jour).first()


class CadreTriennal(models.Model):
    titre = models.CharField(_("titre"), max_length=200)
    debut = models.DateField(_("début"))
    fin = models.DateField(_("fin"))
    orientations = models.TextField(
        _("orientations"), help_text=_("Mise en forme Markdown possible : titres, listes, liens.")
    )
    reunion_codir_le = models.DateField(_("réunion du CODIR qui l'a fixé"))
    reunion_codir_note = models.TextField(_("la réunion du CODIR en quelques mots"), blank=True)
    cree_par = cle_auteur(related_name="cadres_triennaux", verbose_name=_("enregistré par"))
    cree_le = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    objects: Any = CadreQuerySet.as_manager()

    class Meta:
        verbose_name = _("cadre triennal")
        verbose_name_plural = _("cadres triennaux")
        ordering = ["-debut"]
        constraints = [
            models.CheckConstraint(condition=Q(fin__gt=F("debut")), name="cadre_fin_apres_debut"),
            ExclusionConstraint(
                name="cadre_periodes_disjointes",
                expressions=[
                    (
                        Func(F("debut"), F("fin"), Value("[]"), function="daterange"),
                        RangeOperators.OVERLAPS,
                    )
                ],
                violation_error_message=_("Cette période chevauche celle d'un autre cadre."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titre} ({self.debut:%Y}–{self.fin:%Y})"
