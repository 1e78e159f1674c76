"""Who takes part in an experiment, the providers it pays and the budget they commit against
the Direction's yearly operating budget."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from experimentations.models.experimentations import Experimentation, TypePhase
from tilab.comptes.models import Organisation, Personne


class RoleParticipant(models.TextChoices):
    PORTEUR = "porteur", _("Porteur")
    TERRITOIRE_ACCUEIL = "territoire_accueil", _("Territoire d'accueil")
    PARTENAIRE = "partenaire", _("Partenaire")
    USAGER = "usager", _("Usager ou usagère")
    CHERCHEUR = "chercheur", _("Chercheur ou chercheuse")
    PRESTATAIRE = "prestataire", _("Prestataire")


class Participant(models.Model):
    """An organisation, a person, or a person for their organisation, with one role in the
    experiment."""

    experimentation = models.ForeignKey(
        Experimentation, on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    personne = models.ForeignKey(
        Personne,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=RoleParticipant.choices)
    ajoute_le = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(personne__isnull=False),
                name="participant_organisation_ou_personne",
            ),
            models.UniqueConstraint(
                fields=["experimentation", "organisation", "personne", "role"],
                nulls_distinct=False,
                name="participant_unique",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_role_display())


class Prestataire(models.Model):
    """A provider the experiment pays, with its budget lines."""

    experimentation = models.ForeignKey(
        Experimentation, on_delete=models.CASCADE, related_name="prestataires"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="prestations",
    )
    objet = models.CharField(_("objet de la prestation"), max_length=300)

    class Meta:
        verbose_name = _("prestataire")
        verbose_name_plural = _("prestataires")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["experimentation", "organisation"], name="prestataire_unique"
            )
        ]

    def __str__(self) -> str:
        return self.objet


MONTANT_MAXIMAL = Decimal("99999999.99")


class LigneBudget(models.Model):
    """An amount committed to a provider, for a phase, counted against the year's budget."""

    prestataire = models.ForeignKey(Prestataire, on_delete=models.CASCADE, related_name="lignes")
    libelle = models.CharField(_("libellé"), max_length=200)
    montant = models.DecimalField(
        _("montant (euros)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MONTANT_MAXIMAL)],
    )
    phase = models.CharField(_("phase"), max_length=20, choices=TypePhase.choices, blank=True)
    annee = models.PositiveSmallIntegerField(
        _("année budgétaire"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("ligne de budget")
        verbose_name_plural = _("lignes de budget")
        ordering = ["annee", "pk"]
        indexes = [models.Index(fields=["annee"], name="ligne_budget_annee")]
        constraints = [
            models.CheckConstraint(condition=Q(montant__gt=0), name="ligne_budget_positive"),
        ]

    def __str__(self) -> str:
        return self.libelle


class BudgetAnnuel(models.Model):
    """The operating budget for providers the Direction sets for a year."""

    annee = models.PositiveSmallIntegerField(
        _("année"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    montant = models.DecimalField(
        _("budget de fonctionnement pour les prestataires (euros)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MONTANT_MAXIMAL)],
    )
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("budget annuel")
        verbose_name_plural = _("budgets annuels")
        ordering = ["-annee"]

    def __str__(self) -> str:
        return f"Budget {self.annee}"
