"""Pactes de transformation: what a partner organisation commits to an experiment beyond
sending one person, confirmed by its own signatories in the portal."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from experimentations.models.experimentations import Experimentation
from tilab.comptes.models import Organisation, Personne


class StatutPacte(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    PROPOSE = "propose", _("Proposé à la signature")
    SIGNE = "signe", _("Signé")
    EN_COURS = "en_cours", _("En cours")
    HONORE = "honore", _("Honoré")
    ROMPU = "rompu", _("Rompu")
    # A signed pact replaced by an amendment: still readable, no longer the one in force.
    REMPLACE = "remplace", _("Remplacé par un avenant")


# A pact's text (period, commitments, signatories) is changed only while it is a draft.
STATUTS_MODIFIABLES = frozenset({StatutPacte.BROUILLON})
# States where the pact binds (shown as in force; its FTE commitments hold in the community).
STATUTS_EN_VIGUEUR = frozenset({StatutPacte.SIGNE, StatutPacte.EN_COURS})


class PacteQuerySet(models.QuerySet["Pacte"]):
    def publics(self) -> PacteQuerySet:
        """Drafts are the team's work in progress; from the proposal on, a pact is public."""
        return self.exclude(statut=StatutPacte.BROUILLON)


class Pacte(models.Model):
    """One version of the pact binding ``organisation`` to ``experimentation``.

    Changed only through ``experimentations.services.pactes``: a draft is edited, proposed,
    confirmed by each signatory; the last confirmation makes it ``signe``. A signed pact is
    never edited: ``pacte_amender`` copies it into a new version (``version + 1``,
    ``remplace`` → the former one) that its signatories confirm again.
    """

    experimentation = models.ForeignKey(
        Experimentation,
        verbose_name=_("expérimentation"),
        on_delete=models.CASCADE,
        related_name="pactes",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation partenaire"),
        on_delete=models.PROTECT,
        related_name="pactes",
    )
    numero = models.PositiveIntegerField(_("numéro"), unique=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    remplace = models.OneToOneField(
        "self",
        verbose_name=_("version précédente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="avenant",
    )
    debut = models.DateField(_("début"))
    fin = models.DateField(_("fin"))
    preambule = models.TextField(
        _("préambule"),
        blank=True,
        help_text=_("Pourquoi l'organisation s'engage. Mise en forme Markdown possible."),
    )
    statut = models.CharField(
        _("état"), max_length=20, choices=StatutPacte.choices, default=StatutPacte.BROUILLON
    )
    motif_rupture = models.TextField(_("motif public de la rupture"), blank=True)
    propose_le = models.DateTimeField(_("proposé le"), null=True, blank=True)
    signe_le = models.DateTimeField(_("signé le"), null=True, blank=True)
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = PacteQuerySet.as_manager()

    class Meta:
        verbose_name = _("pacte de transformation")
        verbose_name_plural = _("pactes de transformation")
        ordering = ["-cree_le", "-pk"]
        indexes = [models.Index(fields=["statut", "-cree_le", "-id"], name="pacte_statut")]
        constraints = [
            models.UniqueConstraint(
                fields=["experimentation", "organisation", "version"], name="pacte_version_unique"
            ),
            models.CheckConstraint(condition=Q(fin__gte=models.F("debut")), name="pacte_periode"),
            models.CheckConstraint(
                condition=~Q(statut=StatutPacte.ROMPU) | ~Q(motif_rupture=""),
                name="pacte_rompu_avec_motif",
            ),
            models.CheckConstraint(
                condition=Q(signe_le__isnull=True)
                | ~Q(statut__in=[StatutPacte.BROUILLON, StatutPacte.PROPOSE]),
                name="pacte_signe_le_si_signe",
            ),
        ]

    def __str__(self) -> str:
        return f"Pacte n° {self.numero}"

    def get_absolute_url(self) -> str:
        return reverse("experimentations:pacte", kwargs={"numero": self.numero})

    @property
    def est_modifiable(self) -> bool:
        return self.statut in STATUTS_MODIFIABLES

    @property
    def est_en_vigueur(self) -> bool:
        return self.statut in STATUTS_EN_VIGUEUR


class TypeEngagementPacte(models.TextChoices):
    ETP = "etp", _("Temps de travail d'un participant (ETP)")
    PARRAIN = "parrain", _("Décideur ou décideuse parrain")
    DONNEES = "donnees", _("Accès à des données")
    IMMERSION = "immersion", _("Accueil d'une immersion")
    FINANCEMENT = "financement", _("Financement")
    AUTRE = "autre", _("Autre")


# Hours a month of one full-time equivalent: 35 h a week × 52 weeks ÷ 12 months.
HEURES_PAR_MOIS_D_UN_ETP = Decimal("151.67")


class EngagementPacte(models.Model):
    """One commitment of a pact: its kind, a quantity with its unit, what it means; for an FTE
    or a sponsor, the named person."""

    pacte = models.ForeignKey(Pacte, on_delete=models.CASCADE, related_name="engagements")
    type = models.CharField(_("nature"), max_length=20, choices=TypeEngagementPacte.choices)
    quantite = models.DecimalField(
        _("quantité"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("99999999"))],
    )
    unite = models.CharField(_("unité"), max_length=40, blank=True)
    description = models.TextField(_("description"))
    # Named when the pact is written (the services require it for an FTE and a sponsor);
    # SET_NULL so that the person may still delete their account: the signed text stays.
    personne = models.ForeignKey(
        Personne,
        verbose_name=_("personne nommée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements_de_pacte",
    )
    # The contractual commitment this FTE made in the experiment's community (set when the
    # pact is signed; communautes knows nothing of pacts, only that it is contractual). Two
    # FTEs of one person in one community share the one running commitment.
    engagement_communaute = models.ForeignKey(
        "communautes.Engagement",
        verbose_name=_("engagement dans la communauté"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements_de_pacte",
    )

    class Meta:
        verbose_name = _("engagement du pacte")
        verbose_name_plural = _("engagements du pacte")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(type__in=["etp", "financement"]) | Q(quantite__isnull=False),
                name="engagement_pacte_quantite",
            ),
            models.CheckConstraint(
                condition=~Q(type="etp") | Q(quantite__lte=1),
                name="engagement_pacte_etp_au_plus_un",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_type_display())

    @property
    def heures_par_mois(self) -> int:
        """For an FTE: the hours a month it guarantees (0.1 FTE ≈ 15 h)."""
        if self.type != TypeEngagementPacte.ETP or self.quantite is None:
            return 0
        return max(1, round(self.quantite * HEURES_PAR_MOIS_D_UN_ETP))


class QualiteSignataire(models.TextChoices):
    AGENT = "agent", _("Agent")
    DECIDEUR = "decideur", _("Décideur ou décideuse")


class Signataire(models.Model):
    """A named signatory of a pact, who confirms it with their own account."""

    pacte = models.ForeignKey(Pacte, on_delete=models.CASCADE, related_name="signataires")
    # SET_NULL: the signature stays recorded (with its date) when the signatory deletes
    # their account; the pact then names them « ancien membre ».
    personne = models.ForeignKey(
        Personne,
        verbose_name=_("personne"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="signatures",
    )
    qualite = models.CharField(_("qualité"), max_length=20, choices=QualiteSignataire.choices)
    signe_le = models.DateTimeField(_("a confirmé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("signataire")
        verbose_name_plural = _("signataires")
        ordering = ["qualite", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pacte", "personne"], name="signataire_unique"),
        ]

    def __str__(self) -> str:
        return str(self.get_qualite_display())
