"""The selection grid in numbered versions: criteria with their weight and a scale whose
levels each have a label, following a version of the theory of transformation. A published
grid is frozen with its criteria and levels, in the database too."""

from __future__ import annotations

from typing import Any

import pgtrigger
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gouvernance.models.textes import (
    StatutVersion,
    Version,
    VersionTheorie,
    contraintes_version,
    triggers_version_publiee,
)
from tilab.comptes.models import cle_auteur

# The criteria of the published grids a process has read (a few grids: a new version every year
# or two), by (id, publication time).
GRILLES_RETENUES = 16
_CRITERES_PUBLIES: dict[tuple[int, Any], list[Critere]] = {}


class VersionGrille(Version):
    """One numbered version of the selection grid, following a version of the theory: the same
    states, consultation and publication as the theory's."""

    theorie = models.ForeignKey(
        VersionTheorie,
        verbose_name=_("version de la théorie qu'elle suit"),
        on_delete=models.PROTECT,
        related_name="grilles",
    )
    redigee_par = cle_auteur(related_name="versions_grille", verbose_name=_("rédigée par"))

    class Meta(Version.Meta):
        verbose_name = _("version de la grille de sélection")
        verbose_name_plural = _("versions de la grille de sélection")
        constraints = contraintes_version("grille")
        triggers = triggers_version_publiee("grille", "theorie_id")

    def __str__(self) -> str:
        return f"Grille de sélection, version {self.numero}"

    def criteres_avec_niveaux(self) -> list[Critere]:
        """The criteria in order, each with its levels by value (``niveaux.all()`` read). A
        published grid never changes (the database refuses it): each process reads its
        criteria once, for every vote and candidate page of its sessions. Not to be changed by
        the caller."""
        cle = (self.pk, self.publiee_le)
        if self.statut == StatutVersion.PUBLIEE and cle in _CRITERES_PUBLIES:
            return _CRITERES_PUBLIES[cle]
        criteres = list(
            self.criteres.prefetch_related(
                Prefetch("niveaux", queryset=NiveauEchelle.objects.order_by("valeur"))
            )
        )
        if self.statut == StatutVersion.PUBLIEE:
            if len(_CRITERES_PUBLIES) >= GRILLES_RETENUES:
                _CRITERES_PUBLIES.clear()
            _CRITERES_PUBLIES[cle] = criteres
        return criteres

    def get_absolute_url(self) -> str:
        return reverse("gouvernance:grille_version", kwargs={"numero": self.numero})


# The criteria and levels of a published grid: no row added, changed or removed. Written as a
# trigger of its own because the state to check is the grid's, one or two tables away.
_FIGE_SI_PUBLIEE = """
    IF TG_OP = 'DELETE' THEN {ligne} := OLD.{cle}; ELSE {ligne} := NEW.{cle}; END IF;
    IF EXISTS ({publiee} {ligne})
       OR (TG_OP = 'UPDATE' AND EXISTS ({publiee} OLD.{cle})) THEN
        RAISE EXCEPTION 'pgtrigger: Cannot change the criteria of a published grid ({table})';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
"""


def _fige(table: str, cle: str, publiee: str) -> pgtrigger.Trigger:
    return pgtrigger.Trigger(
        name=f"{table.removeprefix('gouvernance_')}_fige_si_grille_publiee",
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        declare=[("ligne", "bigint")],
        func=_FIGE_SI_PUBLIEE.format(ligne="ligne", cle=cle, publiee=publiee, table=table),
    )


class Critere(models.Model):
    grille = models.ForeignKey(VersionGrille, on_delete=models.CASCADE, related_name="criteres")
    ordre = models.PositiveSmallIntegerField(_("ordre"))
    libelle = models.CharField(_("libellé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    poids = models.PositiveSmallIntegerField(
        _("poids"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        ordering = ["ordre", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["grille", "ordre"], name="critere_ordre_unique"),
            models.UniqueConstraint(fields=["grille", "libelle"], name="critere_libelle_unique"),
            models.CheckConstraint(condition=Q(poids__gte=1), name="critere_poids_positif"),
        ]
        triggers = [
            _fige(
                "gouvernance_critere",
                "grille_id",
                "SELECT 1 FROM gouvernance_versiongrille WHERE statut = 'publiee' AND id =",
            )
        ]

    def __str__(self) -> str:
        return self.libelle


class NiveauEchelle(models.Model):
    critere = models.ForeignKey(Critere, on_delete=models.CASCADE, related_name="niveaux")
    valeur = models.PositiveSmallIntegerField(_("valeur"))
    libelle = models.CharField(_("libellé"), max_length=200)

    class Meta:
        verbose_name = _("niveau de l'échelle")
        verbose_name_plural = _("niveaux de l'échelle")
        ordering = ["valeur"]
        constraints = [
            models.UniqueConstraint(fields=["critere", "valeur"], name="niveau_valeur_unique"),
        ]
        triggers = [
            _fige(
                "gouvernance_niveauechelle",
                "critere_id",
                "SELECT 1 FROM gouvernance_critere c JOIN gouvernance_versiongrille g "
                "ON g.id = c.grille_id WHERE g.statut = 'publiee' AND c.id =",
            )
        ]

    def __str__(self) -> str:
        return f"{self.valeur} — {self.libelle}"
