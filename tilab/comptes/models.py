"""People, organisations and the reference data (territories, themes) every app points to."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tilab.requetes import ParmiLesLignesDe
from tilab.textes import nettoyer_texte


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

    def ayant_un_role(self, *roles: str) -> models.QuerySet[Personne]:
        """The active people holding at least one of ``roles`` (group names), each once:
        ``Personne.objects.ayant_un_role(*rules.TI_TEAM)``."""
        titulaires = Personne.groups.through.objects.filter(group__name__in=roles)
        # Through an array: the holders of a role are a few of thousands of accounts.
        return self.filter(ParmiLesLignesDe("pk", titulaires.values("personne_id")), is_active=True)

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
        "comptes.Organisation",
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
        indexes = [
            # The back office's list of people, in this order, reads its page from here.
            models.Index(fields=["last_name", "first_name", "email"], name="personne_ordre_alpha"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        # Names stored before the forms cleaned them (tilab/textes.py) still show clean:
        # pages, e-mails and lists all name people through here.
        return nom_complet(super().get_full_name())

    @property
    def nom_et_adresse(self) -> str:
        """« Prénom Nom <adresse> » where the team needs both (its e-mails), or the address
        alone for a person without a name: never the address twice."""
        nom = self.get_full_name()
        return f"{nom} <{self.email}>" if nom else self.email

    @property
    def nom_affiche(self) -> str:
        """How the site names the person to themself (the header's account menu): their name,
        or for a person without one the part of their address before the « @ », shorter than
        the whole address and not shown in full on a shared screen."""
        return self.get_full_name() or self.email.partition("@")[0]

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


def nom_complet(prenom_et_nom: str) -> str:
    """A person's « first name last name », as Django joins them, the way every page shows
    it (:meth:`Personne.get_full_name`; a list that reads the joined names with its rows, as
    SQL, shows them through here too)."""
    return nettoyer_texte(prenom_et_nom).strip()


def cle_auteur(**options: Any) -> models.ForeignKey[Any, Any]:
    """The foreign key from something a person wrote to that person.

    Deleting an account keeps what the person published and sets its author to ``NULL``;
    templates then name the author with ``{{ objet.auteur|nom_public }}``, which reads
    "ancien membre" (see ``tilab/comptes/templatetags/personnes.py``). Use it for every authored
    content: ``auteur = cle_auteur(related_name="problematiques")``.
    """
    options.setdefault("verbose_name", _("auteur ou autrice"))
    return models.ForeignKey(
        "comptes.Personne", on_delete=models.SET_NULL, null=True, blank=True, **options
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
        "comptes.Territoire",
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
        # Shown with the names of its members: cleaned like them (Personne.get_full_name).
        return nettoyer_texte(self.nom)


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
