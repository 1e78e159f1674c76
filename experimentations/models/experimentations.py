"""Experiments: a retained problem run on territories, in phases, by a coordinator, with the
community formed around it. Their journal is :class:`ActionExperimentation`."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tilab.comptes.journal import AvecJournal, EntreeJournal
from tilab.comptes.models import Personne, Territoire, Theme
from tilab.recherche import champ_vecteur_du_titre, index_du_titre, vecteur


class StatutExperimentation(models.TextChoices):
    EN_PREPARATION = "en_preparation", _("En préparation")
    EN_COURS = "en_cours", _("En cours")
    SUSPENDUE = "suspendue", _("Suspendue")
    TERMINEE = "terminee", _("Terminée")
    ESSAIMEE = "essaimee", _("Essaimée")


# The legal moves of an experiment: from a state, the states it may go to.
TRANSITIONS_EXPERIMENTATION: dict[str, frozenset[str]] = {
    StatutExperimentation.EN_PREPARATION: frozenset({StatutExperimentation.EN_COURS}),
    StatutExperimentation.EN_COURS: frozenset(
        {StatutExperimentation.SUSPENDUE, StatutExperimentation.TERMINEE}
    ),
    StatutExperimentation.SUSPENDUE: frozenset(
        {StatutExperimentation.EN_COURS, StatutExperimentation.TERMINEE}
    ),
    StatutExperimentation.TERMINEE: frozenset({StatutExperimentation.ESSAIMEE}),
    StatutExperimentation.ESSAIMEE: frozenset(),
}

# States whose move needs a public reason (suspension and end).
STATUTS_AVEC_MOTIF = frozenset({StatutExperimentation.SUSPENDUE, StatutExperimentation.TERMINEE})

# States that weigh on a coordinator's load.
STATUTS_EN_CHARGE = frozenset(
    {StatutExperimentation.EN_PREPARATION, StatutExperimentation.EN_COURS}
)


class TypePhase(models.TextChoices):
    CADRAGE = "cadrage", _("Cadrage")
    IMMERSION = "immersion", _("Immersion / résidence")
    PROTOTYPAGE = "prototypage", _("Prototypage")
    TEST = "test", _("Test")
    EVALUATION = "evaluation", _("Évaluation")
    ESSAIMAGE = "essaimage", _("Essaimage")


ORDRE_DES_PHASES = {valeur: rang for rang, valeur in enumerate(TypePhase.values)}


class ExperimentationQuerySet(models.QuerySet["Experimentation"]):
    def publiques(self) -> ExperimentationQuerySet:
        """Every experiment is public from its creation: the COPIL's choice is public."""
        return self.all()

    def sur_territoire(self, territoire: Territoire) -> ExperimentationQuerySet:
        """Run on this territory or anywhere under it."""
        ids = Territoire.objects.descendants_inclus(territoire).values("pk")
        return self.filter(
            pk__in=Experimentation.territoires.through.objects.filter(territoire_id__in=ids).values(
                "experimentation_id"
            )
        )

    def en_charge(self) -> ExperimentationQuerySet:
        """Those that weigh on their coordinator: in preparation or running."""
        return self.filter(statut__in=STATUTS_EN_CHARGE)


class Experimentation(AvecJournal):
    """An experiment the COPIL retained: created from a problem in state ``retenue`` by
    :func:`experimentations.services.experimentations.experimentation_creer`, its state changed
    by ``experimentation_changer_statut``; both journal what they do."""

    journal = "actions"

    problematique = models.OneToOneField(
        "problematiques.Problematique",
        verbose_name=_("problématique d'origine"),
        on_delete=models.PROTECT,
        related_name="experimentation",
    )
    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    resume = models.TextField(
        _("résumé"),
        help_text=_(
            "Ce que l'expérimentation cherche et comment. Mise en forme Markdown possible."
        ),
    )
    territoires = models.ManyToManyField(
        Territoire, verbose_name=_("territoires"), related_name="experimentations"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="experimentations", blank=True
    )
    # SET_NULL: a coordinator who deletes their account leaves the experiment (and its
    # history) in place, without a coordinator until the team names another.
    coordinateur = models.ForeignKey(
        Personne,
        verbose_name=_("coordinateur ou coordinatrice"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="experimentations_coordonnees",
    )
    communaute = models.ForeignKey(
        "communautes.Communaute",
        verbose_name=_("communauté"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experimentations",
    )
    statut = models.CharField(
        _("état"),
        max_length=20,
        choices=StatutExperimentation.choices,
        default=StatutExperimentation.EN_PREPARATION,
    )
    # The public reason of the last suspension or end, and when the state last changed.
    motif_statut = models.TextField(_("motif public du dernier changement d'état"), blank=True)
    statut_change_le = models.DateTimeField(_("état changé le"), null=True, blank=True)
    lancee_le = models.DateField(_("lancée le"), null=True, blank=True)
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    modifiee_le = models.DateTimeField(_("modifiée le"), auto_now=True)
    # The portal's search (tilab.recherche): the title weighs A, the summary B.
    vecteur_recherche = models.GeneratedField(
        expression=vecteur("titre", "resume"), output_field=SearchVectorField(), db_persist=True
    )
    vecteur_titre = champ_vecteur_du_titre("titre")

    objects = ExperimentationQuerySet.as_manager()

    class Meta:
        verbose_name = _("expérimentation")
        verbose_name_plural = _("expérimentations")
        ordering = ["-cree_le", "-pk"]
        indexes = [
            # The public list's order, and the load per coordinator.
            models.Index(fields=["-cree_le", "-id"], name="experimentation_recentes"),
            models.Index(fields=["coordinateur", "statut"], name="experimentation_charge"),
            models.Index(fields=["statut", "-cree_le", "-id"], name="experimentation_statut"),
            GinIndex(fields=["vecteur_recherche"], name="experimentation_recherche_gin"),
            index_du_titre("experimentation_titre_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(statut__in=sorted(STATUTS_AVEC_MOTIF)) | ~Q(motif_statut=""),
                name="experimentation_motif_si_suspendue_ou_terminee",
            ),
        ]

    def __str__(self) -> str:
        return self.titre

    def get_absolute_url(self) -> str:
        return reverse("experimentations:detail", kwargs={"slug": self.slug})

    def statuts_possibles(self) -> list[str]:
        return sorted(
            TRANSITIONS_EXPERIMENTATION[self.statut], key=StatutExperimentation.values.index
        )


class PhaseExperimentation(models.Model):
    """One of the six phases of an experiment: planned and actual dates, a short public
    account. Each kind at most once per experiment."""

    experimentation = models.ForeignKey(
        Experimentation, on_delete=models.CASCADE, related_name="phases"
    )
    type = models.CharField(_("phase"), max_length=20, choices=TypePhase.choices)
    debut_prevu = models.DateField(_("début prévu"))
    fin_prevue = models.DateField(_("fin prévue"))
    debut_reel = models.DateField(_("début réel"), null=True, blank=True)
    fin_reelle = models.DateField(_("fin réelle"), null=True, blank=True)
    compte_rendu = models.TextField(
        _("compte rendu public"),
        blank=True,
        help_text=_("Ce qui s'est passé, en quelques lignes. Mise en forme Markdown possible."),
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["debut_prevu", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["experimentation", "type"], name="phase_une_seule_par_type"
            ),
            models.CheckConstraint(
                condition=Q(fin_prevue__gte=models.F("debut_prevu")),
                name="phase_fin_prevue_apres_debut",
            ),
            models.CheckConstraint(
                condition=Q(fin_reelle__isnull=True)
                | (Q(debut_reel__isnull=False) & Q(fin_reelle__gte=models.F("debut_reel"))),
                name="phase_fin_reelle_apres_debut",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_type_display())

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        erreurs: dict[str, Any] = {}
        if self.debut_prevu and self.fin_prevue and self.fin_prevue < self.debut_prevu:
            erreurs["fin_prevue"] = _("La fin prévue ne peut pas précéder le début prévu.")
        if self.fin_reelle and not self.debut_reel:
            erreurs["debut_reel"] = _("Indiquez le début réel avant la fin réelle.")
        elif self.fin_reelle and self.debut_reel and self.fin_reelle < self.debut_reel:
            erreurs["fin_reelle"] = _("La fin réelle ne peut pas précéder le début réel.")
        if erreurs:
            raise ValidationError(erreurs)


class TypeActionExperimentation(models.TextChoices):
    CREER = "creer", _("Expérimentation créée")
    MODIFIER = "modifier", _("Texte, périmètre ou coordination modifiés")
    CHANGER_STATUT = "changer_statut", _("Changement d'état")
    PHASE = "phase", _("Phase modifiée")
    PARTICIPANT = "participant", _("Participant ajouté ou retiré")
    BUDGET = "budget", _("Budget modifié")
    PACTE = "pacte", _("Pacte de transformation")
    # Written by documentation.services.attendues: the kinds of page the experiment owes.
    PAGES_ATTENDUES = "pages_attendues", _("Pages de documentation attendues")


class ActionExperimentation(EntreeJournal):
    """The audit trail of an experiment, and of its pacts (``type="pacte"``)."""

    experimentation = models.ForeignKey(
        Experimentation, on_delete=models.CASCADE, related_name="actions"
    )
    type = models.CharField(_("action"), max_length=30, choices=TypeActionExperimentation.choices)

    class Meta(EntreeJournal.Meta):
        verbose_name = _("action sur une expérimentation")
        verbose_name_plural = _("journal des expérimentations")

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.le:%d/%m/%Y})"
