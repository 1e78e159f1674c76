"""People, organisations and the reference data (territories, themes) everything else points to."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
        return self.filter(fin__gte=timezone.now())

    def passes(self) -> EvenementQuerySet:
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
        return self.fin < timezone.now()

    @property
    def inscriptions_ouvertes(self) -> bool:
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


# --- Communities and framed commitments ---------------------------------------------------


class TypeCommunaute(models.TextChoices):
    INTERET = "interet", _("Communauté d'intérêt")
    THEMATIQUE = "thematique", _("Communauté thématique de recherche")
    ARCHIPEL = "archipel", _("Archipel des pratiques")


class EtatCommunaute(models.TextChoices):
    EN_CONSTITUTION = "en_constitution", _("En constitution")
    ACTIVE = "active", _("Active")
    EN_SOMMEIL = "en_sommeil", _("En sommeil")
    # With a context: Django's own catalogue translates a bare "Close" as "Fermer".
    CLOSE = "close", pgettext_lazy("état d'une communauté", "Close")


# States in which people may join or renew a commitment.
ETATS_OUVERTS = frozenset({EtatCommunaute.EN_CONSTITUTION, EtatCommunaute.ACTIVE})


class CommunauteQuerySet(models.QuerySet["Communaute"]):
    def publiques(self) -> CommunauteQuerySet:
        """Every community is public: the lab forms them in the open. Kept as the one place
        to change if drafts ever appear."""
        return self.all()

    def sur_territoire(self, territoire: Territoire) -> CommunauteQuerySet:
        """Working on this territory or anywhere under it."""
        ids = Territoire.objects.descendants_inclus(territoire).values("pk")
        return self.filter(
            pk__in=Communaute.territoires.through.objects.filter(territoire_id__in=ids).values(
                "communaute_id"
            )
        )

    def avec_nb_membres(self) -> CommunauteQuerySet:
        """``nb_membres``: people with an engagement running today (the rule of
        ``Engagement.objects.actifs()``), in the same query."""
        return self.annotate(
            nb_membres=models.Count(
                "engagements__personne",
                filter=engagement_en_cours(timezone.localdate(), "engagements__"),
                distinct=True,
            )
        )


class Communaute(models.Model):
    """A community the lab animates: of interest (around one problem), thematic research, or
    one of the Archipel des pratiques.

    Changes of state and of animator and the formation from a problem go through
    ``communautes.services_communautes``, the maturity inputs (territory willing, Direction
    override) through ``communautes.services_maturite``; each is recorded as an
    :class:`ActionCommunaute`.
    """

    nom = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=TypeCommunaute.choices)
    objet = models.TextField(
        _("objet"),
        help_text=_("Pourquoi cette communauté existe et ce qu'elle cherche à faire. "
                    "Mise en forme Markdown possible."),
    )  # fmt: skip
    etat = models.CharField(
        _("état"),
        max_length=20,
        choices=EtatCommunaute.choices,
        default=EtatCommunaute.EN_CONSTITUTION,
        db_index=True,
    )
    animateur = models.ForeignKey(
        Personne,
        verbose_name=_("animateur ou animatrice (Ti Team)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communautes_animees",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="communautes", blank=True
    )
    territoires = models.ManyToManyField(
        Territoire, verbose_name=_("territoires"), related_name="communautes", blank=True
    )
    # A community of interest is formed around exactly one problem, and a problem has at most
    # one: its maturity for COPIL is read from this community.
    problematique = models.OneToOneField(
        "problematiques.Problematique",
        verbose_name=_("problématique"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communaute",
    )
    # Maturity: a territory has said it is willing to commit. Ticked by the team with a note.
    territoire_volontaire = models.ForeignKey(
        Territoire,
        verbose_name=_("territoire prêt à s'engager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    territoire_volontaire_note = models.TextField(
        _("ce que le territoire a dit"),
        blank=True,
        help_text=_("Qui s'est engagé, comment et quand. Visible sur la page publique."),
    )
    territoire_volontaire_le = models.DateTimeField(_("noté le"), null=True, blank=True)
    # Maturity: the Direction may declare the problem ready for COPIL although an item is
    # missing, with a written reason (public).
    derogation_motif = models.TextField(_("motif de la dérogation de la Direction"), blank=True)
    derogation_le = models.DateTimeField(_("dérogation accordée le"), null=True, blank=True)
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    modifiee_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = CommunauteQuerySet.as_manager()

    class Meta:
        verbose_name = _("communauté")
        verbose_name_plural = _("communautés")
        ordering = ["nom", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(problematique__isnull=True) | Q(type="interet"),
                name="communaute_problematique_si_interet",
            ),
            models.CheckConstraint(
                condition=Q(territoire_volontaire__isnull=True) | ~Q(territoire_volontaire_note=""),
                name="communaute_territoire_volontaire_avec_note",
            ),
            models.CheckConstraint(
                condition=Q(derogation_le__isnull=True) | ~Q(derogation_motif=""),
                name="communaute_derogation_avec_motif",
            ),
        ]

    def __str__(self) -> str:
        return self.nom

    def get_absolute_url(self) -> str:
        return reverse("communautes:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.problematique_id is not None and self.type != TypeCommunaute.INTERET:
            raise ValidationError(
                {"problematique": _("Seule une communauté d'intérêt se forme autour d'une "
                                    "problématique.")}
            )  # fmt: skip

    @property
    def accueille_des_membres(self) -> bool:
        return self.etat in ETATS_OUVERTS


def communaute_de(problematique: Any) -> Communaute | None:
    """The community of interest formed around ``problematique``, or ``None``. No query when
    the problem was fetched with ``select_related("communaute")``."""
    try:
        communaute: Communaute = problematique.communaute
    except Communaute.DoesNotExist:
        return None
    return communaute


class RoleEngagement(models.TextChoices):
    MEMBRE = "membre", _("Membre")
    REFERENT = "referent", _("Référent ou référente")


class MotifFin(models.TextChoices):
    QUITTE = "quitte", _("La personne a quitté la communauté")
    ECHU = "echu", _("Arrivé à sa date de fin")
    COMMUNAUTE_CLOSE = "communaute_close", _("La communauté a été close")


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

    Created, renewed and ended only through ``communautes.services_engagements``. The pact of
    transformation (Gouvernance issue) will add a nullable link from here to the pact and its
    experiment when the person's organisation commits more strongly: nothing here assumes
    one engagement kind only.
    """

    communaute = models.ForeignKey(
        Communaute,
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
    rappel_envoye_le = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = EngagementQuerySet.as_manager()

    DUREE_MAXIMALE_MOIS = 12

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-debut", "pk"]
        indexes = [models.Index(fields=["communaute", "termine_le", "fin"])]
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
                condition=Q(fin__lte=models.F("debut") + timedelta(days=366)),
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


class TypeAction(models.TextChoices):
    CONSTITUER = "constituer", _("Communauté constituée")
    CHANGER_ETAT = "changer_etat", _("Changement d'état")
    CHANGER_ANIMATEUR = "changer_animateur", _("Changement d'animateur ou d'animatrice")
    TERRITOIRE_VOLONTAIRE = "territoire_volontaire", _("Territoire prêt à s'engager")
    TERRITOIRE_RETIRE = "territoire_retire", _("Territoire prêt à s'engager retiré")
    DEROGATION = "derogation", _("Dérogation de la Direction")
    DEROGATION_RETIREE = "derogation_retiree", _("Dérogation retirée")
    # A member's own commitment (the engagement row keeps its current state; these keep
    # what it was: a renewal overwrites the end date).
    REJOINDRE = "rejoindre", _("Engagement pris")
    PROLONGER = "prolonger", _("Engagement prolongé")
    QUITTER = "quitter", _("Engagement arrêté")


class ActionCommunaute(models.Model):
    """The audit trail of a community: every change the team makes, who and when."""

    communaute = models.ForeignKey(Communaute, on_delete=models.CASCADE, related_name="actions")
    type = models.CharField(_("action"), max_length=30, choices=TypeAction.choices)
    par = cle_auteur(related_name="actions_communautes", verbose_name=_("par"))
    le = models.DateTimeField(_("le"), auto_now_add=True)
    detail = models.TextField(_("détail"), blank=True)

    class Meta:
        verbose_name = _("action sur une communauté")
        verbose_name_plural = _("journal des communautés")
        ordering = ["le", "pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.le:%d/%m/%Y})"
