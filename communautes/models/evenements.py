"""Events for sharing practices and experience, and the registrations to them."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import Personne
from tilab.recherche import champ_vecteur_du_titre, index_du_titre, vecteur
from tilab.requetes import compte_correle


class TypeEvenement(models.TextChoices):
    RENCONTRE_REGIONALE = "rencontre_regionale", _("Rencontre régionale")
    ATELIER = "atelier", _("Atelier")
    PARTAGE_PRATIQUES = "partage_pratiques", _("Partage de pratiques")
    RETOUR_EXPERIENCE = "retour_experience", _("Retour d'expérience")
    IMMERSION = "immersion", _("Immersion ou résidence")


class StatutInscription(models.TextChoices):
    INSCRITE = "inscrite", _("Inscrite")
    EN_ATTENTE = "en_attente", _("Sur liste d'attente")
    ANNULEE = "annulee", _("Annulée")


# Fixed paths next to "evenements/<slug>/" (communautes/urls/evenements.py): no event takes them.
SLUGS_RESERVES = frozenset({"flux", "mes-inscriptions"})


class EvenementQuerySet(models.QuerySet["Evenement"]):
    def publies(self) -> EvenementQuerySet:
        """What the public sees: published events only."""
        return self.filter(publie=True)

    def visibles_par(self, user: Any) -> EvenementQuerySet:
        """Published events for everyone; drafts too for those who run events."""
        from communautes import rules

        if rules.peut_voir_les_inscriptions(user):
            return self.all()
        return self.publies()

    def a_venir(self) -> EvenementQuerySet:
        return self.filter(fin__gte=timezone.now())

    def passes(self) -> EvenementQuerySet:
        return self.filter(fin__lt=timezone.now())

    def avec_nb_inscriptions(self) -> EvenementQuerySet:
        """``nb_inscrites`` and ``nb_en_attente``, counted in the same query by correlated
        subqueries (:func:`tilab.requetes.compte_correle`): for the rows fetched only."""
        return self.annotate(
            nb_inscrites=compte_correle(
                Inscription, "evenement", filtre=Q(statut=StatutInscription.INSCRITE)
            ),
            nb_en_attente=compte_correle(
                Inscription, "evenement", filtre=Q(statut=StatutInscription.EN_ATTENTE)
            ),
        )


class Evenement(models.Model):
    """An event for sharing practices and experience, with registration and a waiting list.

    Registrations change only through ``communautes.services.evenements``, which locks the
    event row so that the capacity is never exceeded.
    """

    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=TypeEvenement.choices)
    debut = models.DateTimeField(_("début"), db_index=True)
    fin = models.DateTimeField(_("fin"))
    lieu = models.CharField(
        _("lieu"), max_length=300, blank=True, help_text=_("Adresse complète de la salle.")
    )
    lien_en_ligne = models.URLField(
        _("lien pour suivre en ligne"), blank=True, help_text=_("Visioconférence, par exemple.")
    )
    description = models.TextField(
        _("description"), help_text=_("Mise en forme Markdown possible.")
    )
    problematique = models.ForeignKey(
        "problematiques.Problematique",
        verbose_name=_("problématique liée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evenements",
    )
    communaute = models.ForeignKey(
        "communautes.Communaute",
        verbose_name=_("communauté liée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evenements",
    )
    # Once the documentation app exists, a past event links its report here.
    capacite = models.PositiveIntegerField(_("nombre de places"), validators=[MinValueValidator(1)])
    date_limite_inscription = models.DateTimeField(_("inscriptions jusqu'au"))
    publie = models.BooleanField(_("publié"), default=False)
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    # The portal's search (tilab.recherche): the title weighs A, the programme B.
    vecteur_recherche = models.GeneratedField(
        expression=vecteur("titre", "description"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    vecteur_titre = champ_vecteur_du_titre("titre")

    objects = EvenementQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["debut", "pk"]
        indexes = [
            # The public list's two parts (communautes.views.evenements.AVenirPuisPasses):
            # upcoming events found through their end, whatever the number of past ones; past
            # events read from the newest, the index holding what the page's identifiers need.
            # The home page's next events and the calendar feed use the first one too.
            models.Index(fields=["fin"], name="evenement_fin"),
            GinIndex(fields=["vecteur_recherche"], name="evenement_recherche_gin"),
            index_du_titre("evenement_titre_gin"),
            models.Index(
                fields=["-debut", "-id"], include=["fin", "publie"], name="evenement_recent"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gt=models.F("debut")), name="evenement_fin_apres_debut"
            ),
            models.CheckConstraint(
                condition=Q(date_limite_inscription__lte=models.F("debut")),
                name="evenement_limite_avant_debut",
            ),
            models.CheckConstraint(
                condition=Q(capacite__gte=1), name="evenement_capacite_positive"
            ),
            models.CheckConstraint(
                condition=~Q(lieu="") | ~Q(lien_en_ligne=""), name="evenement_lieu_ou_lien"
            ),
        ]

    def __str__(self) -> str:
        return self.titre

    def get_absolute_url(self) -> str:
        return reverse("evenements:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        erreurs: dict[str, Any] = {}
        if self.debut and self.fin and self.fin <= self.debut:
            erreurs["fin"] = _("La fin doit venir après le début.")
        if (
            self.debut
            and self.date_limite_inscription
            and self.date_limite_inscription > self.debut
        ):
            erreurs["date_limite_inscription"] = _(
                "Les inscriptions doivent se terminer au plus tard au début de l'événement."
            )
        if self.slug in SLUGS_RESERVES:
            erreurs["slug"] = _("Cet identifiant est réservé par le site : choisissez-en un autre.")
        if not self.lieu and not self.lien_en_ligne:
            erreurs["lieu"] = _("Indiquez un lieu, un lien pour suivre en ligne, ou les deux.")
        if erreurs:
            raise ValidationError(erreurs)

    @property
    def est_passe(self) -> bool:
        return self.fin < timezone.now()

    @property
    def inscriptions_ouvertes(self) -> bool:
        return timezone.now() <= self.date_limite_inscription and not self.est_passe


class InscriptionQuerySet(models.QuerySet["Inscription"]):
    def avec_position(self) -> InscriptionQuerySet:
        """``position``: a registration's place on its event's waiting list (those who came
        before it on the list, plus one), ``None`` off the list; a subquery per row, along
        the event's registrations."""
        avant = (
            Inscription.objects.filter(
                evenement=OuterRef("evenement"),
                statut=StatutInscription.EN_ATTENTE,
                cree_le__lt=OuterRef("cree_le"),
            )
            .order_by()
            .values("evenement")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            position=Case(
                When(statut=StatutInscription.EN_ATTENTE, then=Coalesce(Subquery(avant), 0) + 1),
                default=None,
            )
        )


class Inscription(models.Model):
    """One person's registration to an event. Personal data: it goes with the account."""

    evenement = models.ForeignKey(
        Evenement,
        verbose_name=_("événement"),
        on_delete=models.CASCADE,
        related_name="inscriptions",
    )
    personne = models.ForeignKey(
        Personne,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="inscriptions",
    )
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutInscription.choices, db_index=True
    )
    cree_le = models.DateTimeField(_("inscrite le"), auto_now_add=True)
    modifiee_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = InscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["cree_le", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evenement", "personne"], name="inscription_unique_par_personne"
            )
        ]

    def __str__(self) -> str:
        return f"{self.personne_id} → {self.evenement_id} ({self.statut})"
