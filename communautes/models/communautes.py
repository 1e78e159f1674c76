"""Communities the lab animates, and their journal (:class:`ActionCommunaute`, an append-only
``tilab.comptes.journal`` written through ``communaute.journaliser(...)``)."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communautes.models.engagements import engagement_en_cours
from tilab.comptes.journal import AvecJournal, EntreeJournal
from tilab.comptes.models import Personne, Territoire, Theme
from tilab.recherche import champ_vecteur_du_titre, index_du_titre, vecteur
from tilab.requetes import compte_correle


class TypeCommunaute(models.TextChoices):
    INTERET = "interet", _("Communauté d'intérêt")
    THEMATIQUE = "thematique", _("Communauté thématique de recherche")
    ARCHIPEL = "archipel", _("Archipel des pratiques")


class StatutCommunaute(models.TextChoices):
    EN_CONSTITUTION = "en_constitution", _("En constitution")
    ACTIVE = "active", _("Active")
    EN_SOMMEIL = "en_sommeil", _("En sommeil")
    # With a context: Django's own catalogue translates a bare "Close" as "Fermer".
    CLOSE = "close", pgettext_lazy("état d'une communauté", "Close")


# States in which people may join or renew a commitment.
STATUTS_OUVERTS = frozenset({StatutCommunaute.EN_CONSTITUTION, StatutCommunaute.ACTIVE})

# The public list's order: living communities first, then dormant and closed ones (then by
# name). The index ``communaute_ordre_liste`` is built on the same expression, so that the
# list reads its page from it instead of sorting every community: change both together.
ORDRE_ETATS = Case(
    When(statut=StatutCommunaute.ACTIVE, then=Value(0)),
    When(statut=StatutCommunaute.EN_CONSTITUTION, then=Value(1)),
    When(statut=StatutCommunaute.EN_SOMMEIL, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
ORDRE_LISTE = (ORDRE_ETATS, "nom", "pk")


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
        ``Engagement.objects.actifs()``), in the same query, by a correlated subquery
        (:func:`tilab.requetes.compte_correle`): counted for the rows fetched only."""
        from communautes.models.engagements import Engagement

        return self.annotate(
            nb_membres=compte_correle(
                Engagement,
                "communaute",
                filtre=engagement_en_cours(timezone.localdate()),
                distinct="personne",
            )
        )


class Communaute(AvecJournal):
    """A community the lab animates: of interest (around one problem), thematic research, or
    one of the Archipel des pratiques.

    Changes of state and of animator and the formation from a problem go through
    ``communautes.services.communautes``, the maturity inputs (territory willing, Direction
    override) through ``communautes.services.maturite``; each is recorded as an
    :class:`ActionCommunaute` by :meth:`journaliser`.
    """

    # The related name of ActionCommunaute.communaute: where journaliser() writes.
    journal = "actions"

    nom = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=TypeCommunaute.choices)
    objet = models.TextField(
        _("objet"),
        help_text=_("Pourquoi cette communauté existe et ce qu'elle cherche à faire. "
                    "Mise en forme Markdown possible."),
    )  # fmt: skip
    statut = models.CharField(
        _("état"),
        max_length=20,
        choices=StatutCommunaute.choices,
        default=StatutCommunaute.EN_CONSTITUTION,
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
    # The portal's search (tilab.recherche): the name weighs A, the purpose B.
    vecteur_recherche = models.GeneratedField(
        expression=vecteur("nom", "objet"), output_field=SearchVectorField(), db_persist=True
    )
    vecteur_titre = champ_vecteur_du_titre("nom")

    objects = CommunauteQuerySet.as_manager()

    class Meta:
        verbose_name = _("communauté")
        verbose_name_plural = _("communautés")
        ordering = ["nom", "pk"]
        indexes = [
            GinIndex(fields=["vecteur_recherche"], name="communaute_recherche_gin"),
            index_du_titre("communaute_titre_gin"),
            # ``statut`` included: the page's identifiers are read from the index alone.
            models.Index(
                ORDRE_ETATS, "nom", "id", include=["statut"], name="communaute_ordre_liste"
            ),
            # The back office's list, in this order, reads its page from here.
            models.Index(fields=["nom", "id"], name="communaute_ordre_nom"),
            # The Atom feed (communautes.feeds) reads the newest from here.
            models.Index(fields=["-cree_le", "-id"], name="communaute_recentes"),
        ]
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
        return self.statut in STATUTS_OUVERTS


def communaute_de(problematique: Any) -> Communaute | None:
    """The community of interest formed around ``problematique``, or ``None``. No query when
    the problem was fetched with ``select_related("communaute")``."""
    try:
        communaute: Communaute = problematique.communaute
    except Communaute.DoesNotExist:
        return None
    return communaute


class TypeAction(models.TextChoices):
    CONSTITUER = "constituer", _("Communauté constituée")
    CHANGER_STATUT = "changer_statut", _("Changement d'état")
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
    CONTRACTUEL = "contractuel", _("Engagement contractuel")


class ActionCommunaute(EntreeJournal):
    """The audit trail of a community: every change the team makes and every member's
    commitment step, who (``par``) and when (``le``). Written by ``communaute.journaliser()``
    only, never changed."""

    communaute = models.ForeignKey(Communaute, on_delete=models.CASCADE, related_name="actions")
    type = models.CharField(_("action"), max_length=30, choices=TypeAction.choices)

    class Meta(EntreeJournal.Meta):
        verbose_name = _("action sur une communauté")
        verbose_name_plural = _("journal des communautés")

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.le:%d/%m/%Y})"
