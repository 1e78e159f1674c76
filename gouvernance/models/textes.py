"""The texts that frame the lab's choices, versioned: a published version is never edited, in
the application (the services refuse) and in the database (a trigger refuses the UPDATE or
DELETE of a published row): a change is a new version."""

from __future__ import annotations

from typing import Any

import pgtrigger
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import cle_auteur


def un_champ_change(*champs: str) -> pgtrigger.Q:
    """The trigger condition "one of ``champs`` changes" (``IS DISTINCT FROM``)."""
    condition = pgtrigger.Q()
    for champ in champs:
        condition |= pgtrigger.Q(**{f"old__{champ}__df": pgtrigger.F(f"new__{champ}")})
    return condition


class StatutVersion(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    EN_CONSULTATION = "en_consultation", _("En consultation")
    PUBLIEE = "publiee", _("Publiée")


class VersionsQuerySet(models.QuerySet[Any]):
    """The reads every versioned text shares (the theory, the grid)."""

    def publiees(self) -> Any:
        return self.filter(statut=StatutVersion.PUBLIEE)

    def publiques(self) -> Any:
        """What anyone may read: versions in consultation and published ones."""
        return self.exclude(statut=StatutVersion.BROUILLON)

    def en_vigueur(self) -> Any:
        """The latest published version: the one in force (``None`` before the first)."""
        return self.publiees().order_by("-numero").first()


def triggers_version_publiee(prefixe: str, *propres: str) -> list[pgtrigger.Protect]:
    """A published version is the public record: the database itself refuses to change its
    number, its ``propres`` fields and :data:`CHAMPS_FIGES`, or to delete it, whatever the code
    that tries. Its author's key may still change (SET_NULL when they delete their account)."""
    return [
        pgtrigger.Protect(
            name=f"{prefixe}_publiee_immuable",
            operation=pgtrigger.Update,
            condition=pgtrigger.Q(old__statut="publiee")
            & un_champ_change("numero", *propres, *CHAMPS_FIGES),
        ),
        pgtrigger.Protect(
            name=f"{prefixe}_publiee_indelebile",
            operation=pgtrigger.Delete,
            condition=pgtrigger.Q(old__statut="publiee"),
        ),
    ]


# What a published version keeps as it is, besides its number and what each kind adds.
CHAMPS_FIGES = (
    "note_de_version",
    "statut",
    "consultation_debut",
    "consultation_fin",
    "publiee_le",
    "cree_le",
)


class Version(models.Model):
    """What every versioned text shares (the theory, the grid): its number, what changes, its
    state, its consultation window, when it was published, by whom it was drafted."""

    numero = models.PositiveIntegerField(_("numéro"), unique=True)
    note_de_version = models.TextField(
        _("ce qui change"), blank=True, help_text=_("En quelques lignes, pour le public.")
    )
    statut = models.CharField(
        _("état"), max_length=20, choices=StatutVersion.choices, default=StatutVersion.BROUILLON
    )
    consultation_debut = models.DateField(_("début de la consultation"), null=True, blank=True)
    consultation_fin = models.DateField(_("fin de la consultation"), null=True, blank=True)
    publiee_le = models.DateTimeField(_("publiée le"), null=True, blank=True)
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    modifiee_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = VersionsQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-numero"]


def contraintes_version(prefixe: str) -> list[models.BaseConstraint]:
    """A consultation ends after it starts; a published version says when it was."""
    return [
        models.CheckConstraint(
            condition=Q(consultation_debut__isnull=True)
            | Q(consultation_fin__isnull=True)
            | Q(consultation_fin__gte=models.F("consultation_debut")),
            name=f"{prefixe}_consultation_dans_l_ordre",
        ),
        models.CheckConstraint(
            condition=~Q(statut=StatutVersion.PUBLIEE) | Q(publiee_le__isnull=False),
            name=f"{prefixe}_publiee_datee",
        ),
    ]


class VersionTheorie(Version):
    """One numbered version of the theory of transformation: brouillon → en consultation
    (within its window, members of the ecosystem comment on it) → publiée, then frozen."""

    texte = models.TextField(
        _("texte"), help_text=_("Mise en forme Markdown possible : titres, listes, liens.")
    )
    redigee_par = cle_auteur(related_name="versions_theorie", verbose_name=_("rédigée par"))

    class Meta(Version.Meta):
        verbose_name = _("version de la théorie de transformation")
        verbose_name_plural = _("versions de la théorie de transformation")
        constraints = contraintes_version("theorie")
        triggers = triggers_version_publiee("theorie", "texte")

    def __str__(self) -> str:
        return f"Théorie de transformation, version {self.numero}"

    def get_absolute_url(self) -> str:
        return reverse("gouvernance:theorie_version", kwargs={"numero": self.numero})


class AvisCodir(models.Model):
    """CODIR's validation or invalidation of a published version, dated, with its reasons.
    Recorded once and never changed (a later opinion is a new row)."""

    version = models.ForeignKey(VersionTheorie, on_delete=models.PROTECT, related_name="avis")
    valide = models.BooleanField(_("validée"))
    le = models.DateField(_("date de la décision du CODIR"))
    motifs = models.TextField(_("motifs"))
    enregistre_par = cle_auteur(related_name="avis_codir", verbose_name=_("enregistré par"))
    enregistre_le = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("avis du CODIR")
        verbose_name_plural = _("avis du CODIR")
        ordering = ["-le", "-pk"]
        triggers = [
            pgtrigger.Protect(
                name="avis_codir_immuable",
                operation=pgtrigger.Update,
                condition=un_champ_change("version_id", "valide", "le", "motifs", "enregistre_le"),
            ),
            pgtrigger.Protect(name="avis_codir_indelebile", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{'Validation' if self.valide else 'Invalidation'} du {self.le:%d/%m/%Y}"
