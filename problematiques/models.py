"""Problems reported from the field, their supports ("nous aussi") and their recorded history.

Visibility lives in :class:`ProblematiqueQuerySet` and nowhere else; state changes happen only
through ``problematiques.services`` (every one records a :class:`Transition`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import ExpressionWrapper, F, OrderBy, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import Expertise, Territoire, cle_auteur
from tilab.recherche import CONFIG_RECHERCHE, champ_vecteur_du_titre, correspondant, index_du_titre
from tilab.requetes import compte_correle


class Statut(models.TextChoices):
    SOUMISE = "soumise", _("Soumise")
    EN_QUALIFICATION = "en_qualification", _("En qualification")
    OUVERTE = "ouverte", _("Ouverte")
    COMMUNAUTE_CONSTITUEE = "communaute_constituee", _("Communauté constituée")
    CANDIDATE = "candidate", _("Candidate au COPIL")
    RETENUE = "retenue", _("Retenue")
    AJOURNEE = "ajournee", _("Ajournée")
    NON_RETENUE = "non_retenue", _("Non retenue")
    ORIENTEE = "orientee", _("Orientée")
    CLOTUREE = "cloturee", _("Clôturée")


# Where the team can still act on a problem (orient, close, merge): it is not decided yet.
STATUTS_EN_COURS = frozenset(
    {
        Statut.SOUMISE,
        Statut.EN_QUALIFICATION,
        Statut.OUVERTE,
        Statut.COMMUNAUTE_CONSTITUEE,
        Statut.AJOURNEE,
    }
)
# Where others may add their support.
STATUTS_SOUTENABLES = frozenset({Statut.OUVERTE, Statut.COMMUNAUTE_CONSTITUEE, Statut.AJOURNEE})
# The states from which a COPIL session may put the problem on its agenda: its community was
# formed, or a previous session adjourned it (back to « ouverte », community kept).
STATUTS_AVANT_COPIL = frozenset({Statut.COMMUNAUTE_CONSTITUEE, Statut.OUVERTE, Statut.AJOURNEE})
# The states a COPIL decision leads to: retained, adjourned (back to « ouverte » with the
# COPIL's feedback), not retained.
STATUTS_APRES_DECISION_COPIL = frozenset({Statut.RETENUE, Statut.OUVERTE, Statut.NON_RETENUE})
# The order in which states are shown (charts, filters): the lifecycle of DESIGN.md.
ORDRE_STATUTS = list(Statut)
# The triage desk's order: reports still waiting for a first answer first, oldest first
# (the index problematique_triage matches it).
ORDRE_TRIAGE = (
    OrderBy(
        ExpressionWrapper(Q(repondue_le__isnull=True), output_field=models.BooleanField()),
        descending=True,
    ),
    F("cree_le").asc(),
    F("id").desc(),
)


class ProblematiqueQuerySet(models.QuerySet["Problematique"]):
    def publiques(self) -> ProblematiqueQuerySet:
        """Published once (from `ouverte` on): visible to everyone, whatever came after."""
        return self.filter(publiee_le__isnull=False)

    def visibles_par(self, user: Any) -> ProblematiqueQuerySet:
        """What this person may see: public ones, their own, everything for the Ti Team."""
        from tilab.comptes import rules as regles_comptes

        if regles_comptes.est_ti_team(user):
            return self.all()
        if regles_comptes.est_connecte(user):
            return self.filter(Q(publiee_le__isnull=False) | Q(auteur=user))
        return self.publiques()

    def de(self, user: Any) -> ProblematiqueQuerySet:
        return self.filter(auteur=user)

    def sur_territoire(self, territoire: Territoire) -> ProblematiqueQuerySet:
        """Located on this territory or anywhere under it (a département includes its EPCI
        and communes)."""
        ids = Territoire.objects.descendants_inclus(territoire).values("pk")
        return self.filter(
            pk__in=Problematique.territoires.through.objects.filter(territoire_id__in=ids).values(
                "problematique_id"
            )
        )

    def recompter_soutiens(self) -> int:
        """Set ``nb_soutiens`` of these problems to their number of :class:`Soutien` rows, in
        one ``UPDATE`` (a correlated count per row). The services that add, withdraw or move
        supports call it in their transaction, the problem row locked; so does whatever
        writes supports directly (the demo, test factories)."""
        return self.update(nb_soutiens=compte_correle(Soutien, "problematique"))

    def recherche(self, texte: str) -> ProblematiqueQuerySet:
        """Matching ``texte`` (web search syntax, French, accents ignored), with its
        ``pertinence``: the rank is read from the stored vector, never recomputed from the
        text, and the ``@@`` filter uses the GIN index."""
        return correspondant(self, texte)


class Problematique(models.Model):
    titre = models.CharField(
        _("titre"),
        max_length=160,
        help_text=_("Une phrase courte qui dit le problème, par exemple : « Les habitants "
                    "sans voiture ne peuvent pas se rendre aux consultations médicales »."),
    )  # fmt: skip
    slug = models.SlugField(_("identifiant d'URL"), max_length=180, unique=True)
    constat = models.TextField(
        _("ce qui est observé sur le terrain"),
        help_text=_("Décrivez la situation concrète : ce que vous voyez, depuis quand, avec "
                    "quels effets. Mise en forme Markdown possible."),
    )  # fmt: skip
    publics_concernes = models.TextField(
        _("qui est concerné"),
        help_text=_("Les personnes ou les services touchés, et combien si vous le savez."),
    )
    deja_tente = models.TextField(
        _("ce qui a déjà été essayé"),
        blank=True,
        help_text=_("Les solutions tentées, par vous ou par d'autres, et ce qu'elles ont donné."),
    )
    territoires = models.ManyToManyField(
        Territoire, verbose_name=_("territoires"), related_name="problematiques"
    )
    themes = models.ManyToManyField(
        "comptes.Theme", verbose_name=_("thèmes"), related_name="problematiques"
    )
    organisation = models.ForeignKey(
        "comptes.Organisation",
        verbose_name=_("organisation qui fait remonter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problematiques",
    )
    auteur = cle_auteur(related_name="problematiques")
    referent = models.ForeignKey(
        "comptes.Personne",
        verbose_name=_("référent Ti Team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problematiques_suivies_comme_referent",
    )
    statut = models.CharField(
        _("état"), max_length=30, choices=Statut.choices, default=Statut.SOUMISE, db_index=True
    )
    cree_le = models.DateTimeField(_("remontée le"), auto_now_add=True, db_index=True)
    modifie_le = models.DateTimeField(_("modifiée le"), auto_now=True)
    publiee_le = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)
    repondue_le = models.DateTimeField(_("première réponse de l'équipe le"), null=True, blank=True)
    orientee_vers = models.CharField(_("orientée vers"), max_length=200, blank=True)
    fusionnee_dans = models.ForeignKey(
        "self",
        verbose_name=_("fusionnée dans"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="doublons",
    )
    # How many people said "nous aussi": a counter, not a count at read time, because the
    # list sorts by it (an index then serves "plus soutenues" at any depth). Kept by the
    # services that add, withdraw and move supports (``recompter_soutiens``).
    nb_soutiens = models.PositiveIntegerField(_("soutiens"), default=0, editable=False)
    vecteur_recherche = models.GeneratedField(
        expression=SearchVector("titre", weight="A", config=CONFIG_RECHERCHE)
        + SearchVector("constat", "publics_concernes", weight="B", config=CONFIG_RECHERCHE)
        + SearchVector("deja_tente", weight="C", config=CONFIG_RECHERCHE),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    vecteur_titre = champ_vecteur_du_titre("titre")

    objects = ProblematiqueQuerySet.as_manager()

    class Meta:
        verbose_name = _("problématique")
        verbose_name_plural = _("problématiques")
        ordering = ["-cree_le"]
        indexes = [
            GinIndex(fields=["vecteur_recherche"], name="problematique_recherche_gin"),
            index_du_titre("problematique_titre_gin"),
            # The public list's orders (problematiques.filters), published problems only: the
            # page is read from the index instead of sorting every published problem.
            models.Index(
                F("publiee_le").desc(nulls_last=True),
                F("id").desc(),
                name="problematique_publiee_recente",
                condition=Q(publiee_le__isnull=False),
            ),
            models.Index(
                F("nb_soutiens").desc(),
                F("publiee_le").desc(nulls_last=True),
                F("id").desc(),
                name="problematique_publiee_soutiens",
                condition=Q(publiee_le__isnull=False),
            ),
            models.Index(*ORDRE_TRIAGE, name="problematique_triage"),
        ]

    def __str__(self) -> str:
        return self.titre

    def get_absolute_url(self) -> str:
        return reverse("problematiques:detail", kwargs={"slug": self.slug})

    @property
    def est_publique(self) -> bool:
        return self.publiee_le is not None

    @property
    def peut_etre_soutenue(self) -> bool:
        return self.statut in STATUTS_SOUTENABLES


class Soutien(models.Model):
    """A person saying "nous aussi": they face the same problem. One per person and problem."""

    problematique = models.ForeignKey(
        Problematique, on_delete=models.CASCADE, related_name="soutiens"
    )
    personne = cle_auteur(related_name="soutiens", verbose_name=_("personne"))
    organisation = models.ForeignKey(
        "comptes.Organisation",
        verbose_name=_("au nom de l'organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="soutiens",
    )
    territoire = models.ForeignKey(
        Territoire,
        verbose_name=_("territoire où le problème se pose aussi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="soutiens",
    )
    expertise_offerte = models.CharField(
        _("expertise proposée"), max_length=20, choices=Expertise.choices, blank=True
    )
    precisions = models.TextField(
        _("précisions"),
        blank=True,
        help_text=_("Ce que vous pourriez apporter, ce que vous avez observé. Markdown possible."),
    )
    rejoindrait_communaute = models.BooleanField(
        _("je rejoindrais une communauté sur ce sujet"), default=False
    )
    cree_le = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("soutien « nous aussi »")
        verbose_name_plural = _("soutiens « nous aussi »")
        ordering = ["cree_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["problematique", "personne"], name="soutien_unique_par_personne"
            )
        ]

    def __str__(self) -> str:
        return f"{self.problematique} — {self.personne_id}"


class Suivi(models.Model):
    """Who is told by e-mail when the problem moves: its author and its supporters."""

    problematique = models.ForeignKey(
        Problematique, on_delete=models.CASCADE, related_name="suivis"
    )
    personne = models.ForeignKey(
        "comptes.Personne", on_delete=models.CASCADE, related_name="suivis"
    )
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suivi")
        verbose_name_plural = _("suivis")
        constraints = [
            models.UniqueConstraint(
                fields=["problematique", "personne"], name="suivi_unique_par_personne"
            )
        ]

    def __str__(self) -> str:
        return f"{self.personne_id} suit {self.problematique_id}"


class TypeTransition(models.TextChoices):
    SOUMETTRE = "soumettre", _("Remontée reçue")
    QUALIFIER = "qualifier", _("Mise en qualification")
    OUVRIR = "ouvrir", _("Publication")
    ORIENTER = "orienter", _("Orientation")
    CLOTURER = "cloturer", _("Clôture")
    FUSIONNER = "fusionner", _("Fusion avec une autre problématique")
    ASSIGNER_REFERENT = "assigner_referent", _("Référent désigné")
    CONSTITUER_COMMUNAUTE = "constituer_communaute", _("Communauté d'intérêt constituée")
    PRESENTER_AU_COPIL = "presenter_au_copil", _("Inscrite à l'ordre du jour du COPIL")
    RETIRER_DU_COPIL = "retirer_du_copil", _("Retirée de l'ordre du jour du COPIL")
    DECISION_COPIL = "decision_copil", _("Décision du COPIL")


class TransitionQuerySet(models.QuerySet["Transition"]):
    def publiques(self) -> TransitionQuerySet:
        """Steps shown on the public trajectory."""
        return self.filter(publique=True)

    def pour_auteur(self) -> TransitionQuerySet:
        """Steps the author of the problem sees in "mes remontées" (internal notes aside)."""
        return self.exclude(type=TypeTransition.ASSIGNER_REFERENT, commentaire_public="")


class Transition(models.Model):
    """One recorded step of a problem: who, when, from which state to which, and why.

    ``note_interne`` never leaves the back office: no public page, feed, e-mail or export
    of another person shows it.
    """

    problematique = models.ForeignKey(
        Problematique, on_delete=models.CASCADE, related_name="transitions"
    )
    type = models.CharField(_("étape"), max_length=30, choices=TypeTransition.choices)
    statut_avant = models.CharField(_("état avant"), max_length=30, choices=Statut.choices)
    statut_apres = models.CharField(_("état après"), max_length=30, choices=Statut.choices)
    auteur = cle_auteur(related_name="transitions_problematiques", verbose_name=_("par"))
    cree_le = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)
    commentaire_public = models.TextField(
        _("commentaire public"),
        blank=True,
        help_text=_("Visible par l'auteur, les soutiens et, si la problématique est publique, "
                    "par tout le monde. Markdown possible."),
    )  # fmt: skip
    note_interne = models.TextField(
        _("note interne"),
        blank=True,
        help_text=_("Reste dans le back-office : jamais sur une page publique ni un courriel."),
    )
    publique = models.BooleanField(_("sur la trajectoire publique"), default=False)

    objects = TransitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("historique")
        ordering = ["cree_le", "pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.cree_le:%d/%m/%Y})"
