"""People, organisations and the reference data (territories, themes) everything else points to."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Expertise(models.TextChoices):
    AGENT_TERRAIN = "agent_terrain", _("Agent de terrain")
    DECIDEUR = "decideur", _("Décideur ou décideuse")
    EXPERT_METIER = "expert_metier", _("Expert ou experte métier")
    CHERCHEUR = "chercheur", _("Chercheur ou chercheuse")
    USAGER = "usager", _("Usager ou usagère")
    PRESTATAIRE = "prestataire", _("Prestataire")


class PersonneManager(UserManager["Personne"]):
    """Accounts are identified by their e-mail address: there is no username."""

    use_in_migrations = True

    def _create_user_object(self, email: str, password: str | None, **extra: Any) -> Personne:
        if not email:
            raise ValueError("Une adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> Personne:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._create_user_object(email, password, **extra)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> Personne:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self.create_user(email, password, **extra)


class Personne(AbstractUser):
    """An account and its profile. What is shown publicly depends on ``profil_public``."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("adresse électronique"), unique=True)
    organisation = models.ForeignKey(
        "communautes.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membres",
    )
    fonction = models.CharField(
        _("fonction"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : chargée de mission mobilités, secrétaire de mairie."),
    )
    expertises = ArrayField(
        models.CharField(max_length=20, choices=Expertise.choices),
        verbose_name=_("types d'expertise"),
        default=list,
        blank=True,
    )
    profil_public = models.BooleanField(
        _("profil public"),
        default=False,
        help_text=_(
            "Si la case est cochée, votre nom, votre fonction et votre organisation "
            "apparaissent sur les pages publiques où vous intervenez. Sinon, seule votre "
            "organisation est indiquée, ou « un membre »."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[PersonneManager] = PersonneManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def nom_public(self) -> str:
        """How this person is named on public pages, respecting their choice."""
        if self.profil_public and self.get_full_name():
            return self.get_full_name()
        if self.organisation_id is not None and self.organisation is not None:
            return str(_("un membre de %(organisation)s") % {"organisation": self.organisation})
        return str(_("un membre"))

    def libelles_expertises(self) -> list[str]:
        labels = dict(Expertise.choices)
        return [str(labels[code]) for code in self.expertises if code in labels]


# The name shown where a person deleted their account but their public writing stays.
ANCIEN_MEMBRE = _("ancien membre")


def cle_auteur(**options: Any) -> models.ForeignKey[Any, Any]:
    """The foreign key from something a person wrote to that person.

    Deleting an account keeps what the person published and sets its author to ``NULL``;
    templates then name the author with ``{{ objet.auteur|nom_public }}``, which reads
    "ancien membre" (see ``communautes/templatetags/personnes.py``). Use it for every authored
    content: ``auteur = cle_auteur(related_name="problematiques")``.
    """
    options.setdefault("verbose_name", _("auteur ou autrice"))
    return models.ForeignKey(
        "communautes.Personne", on_delete=models.SET_NULL, null=True, blank=True, **options
    )


class TypeOrganisation(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("EPCI (intercommunalité)")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    ETAT = "etat", _("Service de l'État")
    ASSOCIATION = "association", _("Association")
    ENTREPRISE = "entreprise", _("Entreprise")
    RECHERCHE = "recherche", _("Recherche et enseignement supérieur")
    AUTRE = "autre", _("Autre")


class Organisation(models.Model):
    nom = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=TypeOrganisation.choices)
    territoire = models.ForeignKey(
        "communautes.Territoire",
        verbose_name=_("territoire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    site_web = models.URLField(_("site web"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["nom"]

    def __str__(self) -> str:
        return self.nom


class TypeTerritoire(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    EPCI = "epci", _("EPCI")
    COMMUNE = "commune", _("Commune")


# Which kind of territory may sit under which: Région → départements → EPCI → communes.
PARENT_ATTENDU = {
    TypeTerritoire.REGION: None,
    TypeTerritoire.DEPARTEMENT: TypeTerritoire.REGION,
    TypeTerritoire.EPCI: TypeTerritoire.DEPARTEMENT,
    TypeTerritoire.COMMUNE: TypeTerritoire.EPCI,
}


class TerritoireQuerySet(models.QuerySet["Territoire"]):
    def descendants_inclus(self, territoire: Territoire) -> TerritoireQuerySet:
        """The territory and everything under it, in one query.

        The hierarchy has four fixed levels (région → département → EPCI → commune), so three
        parent hops reach every descendant without a recursive query.
        """
        return self.filter(
            Q(pk=territoire.pk)
            | Q(parent=territoire.pk)
            | Q(parent__parent=territoire.pk)
            | Q(parent__parent__parent=territoire.pk)
        )


class Territoire(models.Model):
    """A node of the hierarchy Région Bretagne → départements → EPCI → communes."""

    nom = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=TypeTerritoire.choices)
    code = models.CharField(
        _("code officiel"),
        max_length=12,
        blank=True,
        help_text=_("Code INSEE (région, département, commune) ou SIREN (EPCI)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("territoire parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enfants",
    )

    objects = TerritoireQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["nom"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "code"],
                condition=~Q(code=""),
                name="territoire_code_unique_par_type",
            ),
        ]

    def __str__(self) -> str:
        return self.nom

    def clean(self) -> None:
        attendu = PARENT_ATTENDU.get(TypeTerritoire(self.type)) if self.type else None
        if attendu is None and self.parent_id is not None:
            raise ValidationError({"parent": _("Une région n'a pas de territoire parent.")})
        if attendu is not None:
            if self.parent is None:
                raise ValidationError(
                    {"parent": _("Ce type de territoire doit avoir un territoire parent.")}
                )
            if self.parent.type != attendu:
                raise ValidationError(
                    {
                        "parent": _("Le territoire parent doit être de type « %(type)s ».")
                        % {"type": TypeTerritoire(attendu).label}
                    }
                )


class Theme(models.Model):
    nom = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["nom"]

    def __str__(self) -> str:
        return self.nom


# --- Events -------------------------------------------------------------------------------


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


class EvenementQuerySet(models.QuerySet["Evenement"]):
    def publies(self) -> EvenementQuerySet:
        """What the public sees: published events only."""
        return self.filter(publie=True)

    def visibles_par(self, user: Any) -> EvenementQuerySet:
        """Published events for everyone; drafts too for those who run events."""
        from communautes import rules_evenements as rules

        if rules.peut_voir_les_inscriptions(user):
            return self.all()
        return self.publies()

    def a_venir(self) -> EvenementQuerySet:
        from django.utils import timezone

        return self.filter(fin__gte=timezone.now())

    def passes(self) -> EvenementQuerySet:
        from django.utils import timezone

        return self.filter(fin__lt=timezone.now())

    def avec_nb_inscriptions(self) -> EvenementQuerySet:
        """``nb_inscrites`` and ``nb_en_attente``, counted in the same query."""
        return self.annotate(
            nb_inscrites=models.Count(
                "inscriptions", filter=Q(inscriptions__statut=StatutInscription.INSCRITE)
            ),
            nb_en_attente=models.Count(
                "inscriptions", filter=Q(inscriptions__statut=StatutInscription.EN_ATTENTE)
            ),
        )


class Evenement(models.Model):
    """An event for sharing practices and experience, with registration and a waiting list.

    Registrations change only through ``communautes.services_evenements``, which locks the
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
    # The linked community arrives with the Communautés model (issue 4, communities part):
    # add ``communaute = ForeignKey("communautes.Communaute", null=True, blank=True)`` then.
    # Once documentation exists, a past event links its report here (issue 4, events).
    capacite = models.PositiveIntegerField(_("nombre de places"), validators=[MinValueValidator(1)])
    date_limite_inscription = models.DateTimeField(_("inscriptions jusqu'au"))
    publie = models.BooleanField(_("publié"), default=False)
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = EvenementQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["debut", "pk"]
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
        if not self.lieu and not self.lien_en_ligne:
            erreurs["lieu"] = _("Indiquez un lieu, un lien pour suivre en ligne, ou les deux.")
        if erreurs:
            raise ValidationError(erreurs)

    @property
    def est_passe(self) -> bool:
        from django.utils import timezone

        return self.fin < timezone.now()

    @property
    def inscriptions_ouvertes(self) -> bool:
        from django.utils import timezone

        return timezone.now() <= self.date_limite_inscription and not self.est_passe


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
