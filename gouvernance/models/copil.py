"""COPIL sessions: a session examines candidate problems against the grid in force (frozen for
it); its members score each candidate on each criterion and give one opinion; the chair records
each decision with a public rationale; published decisions are never edited (a correction is a
dated rectification beside them), in the database too.

States of a session: en préparation → ouverte au vote → close → décisions publiées.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pgtrigger
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gouvernance.models.grille import Critere, VersionGrille
from gouvernance.models.textes import un_champ_change
from problematiques.models import Problematique
from tilab.comptes.journal import AvecJournal, EntreeJournal
from tilab.comptes.models import Personne, cle_auteur
from tilab.recherche import champ_vecteur_du_titre, index_du_titre, vecteur


class StatutSession(models.TextChoices):
    EN_PREPARATION = "en_preparation", _("En préparation")
    OUVERTE = "ouverte", _("Ouverte au vote")
    CLOSE = "close", _("Close")
    PUBLIEE = "publiee", _("Décisions publiées")


class SessionQuerySet(models.QuerySet["SessionCopil"]):
    def publiques(self) -> SessionQuerySet:
        """Every session is public once prepared: its page says where it stands."""
        return self.exclude(statut=StatutSession.EN_PREPARATION)


class SessionCopil(AvecJournal):
    journal = "actions"

    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    le = models.DateField(_("date de la séance"))
    grille = models.ForeignKey(
        VersionGrille,
        verbose_name=_("grille de sélection appliquée"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    statut = models.CharField(
        _("état"),
        max_length=20,
        choices=StatutSession.choices,
        default=StatutSession.EN_PREPARATION,
    )
    ordre_du_jour = models.TextField(_("ordre du jour"), blank=True)
    # The quorum in force when the session opened: the page and the closing read this one,
    # even if the setting changes later.
    quorum = models.PositiveSmallIntegerField(_("quorum"), null=True, blank=True)
    # The team's workload as it stood when the session opened
    # (experimentations.charge.ChargeEquipe.instantane()).
    charge = models.JSONField(_("charge de l'équipe ce jour-là"), null=True, blank=True)
    ouverte_le = models.DateTimeField(_("ouverte au vote le"), null=True, blank=True)
    close_le = models.DateTimeField(_("close le"), null=True, blank=True)
    publiee_le = models.DateTimeField(_("décisions publiées le"), null=True, blank=True)
    nb_votants = models.PositiveSmallIntegerField(_("membres ayant voté"), default=0)
    preparee_par = cle_auteur(related_name="sessions_copil", verbose_name=_("préparée par"))
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects: Any = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session du COPIL")
        verbose_name_plural = _("sessions du COPIL")
        ordering = ["-le", "-pk"]
        indexes = [models.Index(fields=["-le", "-id"], name="session_copil_ordre")]

    def __str__(self) -> str:
        return self.titre

    def get_absolute_url(self) -> str:
        return reverse("gouvernance:session", args=[self.slug])


class Membre(models.Model):
    """A COPIL member sitting in the session: the members on the day it opened. One of them may
    chair it."""

    session = models.ForeignKey(SessionCopil, on_delete=models.CASCADE, related_name="membres")
    # A member who deletes their account leaves an anonymous seat: the session's record stays.
    personne = models.ForeignKey(
        Personne, on_delete=models.SET_NULL, null=True, related_name="sieges_copil"
    )
    preside = models.BooleanField(_("préside la session"), default=False)

    class Meta:
        verbose_name = _("membre de la session")
        verbose_name_plural = _("membres de la session")
        ordering = ["-preside", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "personne"], name="membre_unique"),
            models.UniqueConstraint(
                fields=["session"], condition=Q(preside=True), name="une_presidence_par_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.personne_id} à {self.session_id}"


class Candidature(models.Model):
    """A problem on the session's agenda, with its presentation, its maturity as it stood, and
    once the session is closed, its weighted scores and tallies."""

    session = models.ForeignKey(SessionCopil, on_delete=models.CASCADE, related_name="candidatures")
    problematique = models.ForeignKey(
        Problematique, on_delete=models.PROTECT, related_name="candidatures_copil"
    )
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0)
    presentation = models.TextField(
        _("présentation"), help_text=_("Quelques lignes pour le COPIL. Markdown possible.")
    )
    # communautes.services.maturite.Maturite as it stood when the session opened.
    maturite = models.JSONField(_("maturité ce jour-là"), null=True, blank=True)
    # Filled when the session closes (gouvernance.scores): per criterion, the weighted score;
    # and the tallies of opinions.
    resultats = models.JSONField(_("résultats"), null=True, blank=True)
    score = models.DecimalField(
        _("score pondéré"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    nb_retenir = models.PositiveSmallIntegerField(_("avis « retenir »"), default=0)
    nb_ajourner = models.PositiveSmallIntegerField(_("avis « ajourner »"), default=0)
    nb_ne_pas_retenir = models.PositiveSmallIntegerField(_("avis « ne pas retenir »"), default=0)
    nb_abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["ordre", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "problematique"], name="candidature_unique"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=Decimal(0)),
                name="candidature_score_positif",
            ),
        ]

    def __str__(self) -> str:
        return f"Candidature {self.problematique_id} à {self.session_id}"

    def get_absolute_url(self) -> str:
        """The candidate's own page (read ``session`` with the candidate)."""
        return reverse("gouvernance:candidature", args=[self.session.slug, self.pk])


class Avis(models.TextChoices):
    RETENIR = "retenir", _("Retenir")
    AJOURNER = "ajourner", _("Ajourner")
    NE_PAS_RETENIR = "ne_pas_retenir", _("Ne pas retenir")


class Vote(models.Model):
    """One member's vote on one candidate: an opinion and a score per criterion, or an
    abstention declared because their organisation is involved. One per member and candidate
    (a database constraint); changed in place until the session closes."""

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="votes")
    # A member who deletes their account leaves an anonymous vote: the results stay.
    membre = models.ForeignKey(
        Personne, on_delete=models.SET_NULL, null=True, related_name="votes_copil"
    )
    avis = models.CharField(_("avis"), max_length=20, choices=Avis.choices, blank=True)
    abstention = models.BooleanField(_("s'abstient"), default=False)
    declaration = models.TextField(
        _("déclaration d'intérêt"),
        blank=True,
        help_text=_("Comment votre organisation est concernée par cette candidature."),
    )
    commentaire = models.TextField(_("commentaire"), blank=True)
    cree_le = models.DateTimeField(_("voté le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["candidature", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidature", "membre"], name="un_vote_par_membre"),
            models.CheckConstraint(
                condition=(Q(abstention=True) & Q(avis="") & ~Q(declaration=""))
                | (Q(abstention=False) & ~Q(avis="")),
                name="vote_avis_ou_abstention",
            ),
        ]

    def __str__(self) -> str:
        return f"Vote de {self.membre_id} sur {self.candidature_id}"


class Note(models.Model):
    """A member's score of a candidate on one criterion, a value of the criterion's scale."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="notes")
    critere = models.ForeignKey(Critere, on_delete=models.PROTECT, related_name="notes")
    valeur = models.PositiveSmallIntegerField(_("note"))

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(fields=["vote", "critere"], name="une_note_par_critere"),
        ]

    def __str__(self) -> str:
        return f"{self.valeur} sur {self.critere_id}"


class TypeDecision(models.TextChoices):
    RETENUE = "retenue", _("Retenue")
    AJOURNEE = "ajournee", _("Ajournée")
    NON_RETENUE = "non_retenue", _("Non retenue")


class DecisionQuerySet(models.QuerySet["Decision"]):
    def publiees(self) -> DecisionQuerySet:
        return self.filter(publiee_le__isnull=False)

    def pour_la_recherche(self) -> DecisionQuerySet:
        """Published decisions, each titled by its problem (``titre``), for the portal's
        search (tilab.recherche) and its links to the candidate's page."""
        return (
            self.publiees()
            .select_related("candidature__session")
            .annotate(titre=models.F("candidature__problematique__titre"))
        )


class Decision(models.Model):
    """The chair's decision on a candidate, with its public rationale. Once published, never
    edited nor deleted (database triggers): a correction is a :class:`Rectification`."""

    candidature = models.OneToOneField(
        Candidature, on_delete=models.PROTECT, related_name="decision"
    )
    decision = models.CharField(_("décision"), max_length=20, choices=TypeDecision.choices)
    motifs = models.TextField(
        _("motifs publics"), help_text=_("Rendus publics avec la décision. Markdown possible.")
    )
    enregistree_par = cle_auteur(related_name="decisions_copil", verbose_name=_("par"))
    enregistree_le = models.DateTimeField(_("enregistrée le"), auto_now=True)
    publiee_le = models.DateTimeField(_("publiée le"), null=True, blank=True)
    # The portal's search (tilab.recherche) finds a decision by its rationale.
    vecteur_recherche = models.GeneratedField(
        expression=vecteur("motifs"), output_field=SearchVectorField(), db_persist=True
    )
    vecteur_titre = champ_vecteur_du_titre("motifs")

    objects: Any = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("décision du COPIL")
        verbose_name_plural = _("décisions du COPIL")
        ordering = ["-publiee_le", "-pk"]
        indexes = [
            models.Index(
                fields=["-publiee_le", "-id"],
                name="decision_registre",
                condition=Q(publiee_le__isnull=False),
            ),
            models.Index(fields=["decision", "-publiee_le", "-id"], name="decision_par_type"),
            GinIndex(fields=["vecteur_recherche"], name="decision_recherche_gin"),
            index_du_titre("decision_titre_gin"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="decision_publiee_immuable",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__publiee_le__isnull=False)
                & un_champ_change(
                    "candidature_id", "decision", "motifs", "enregistree_le", "publiee_le"
                ),
            ),
            pgtrigger.Protect(
                name="decision_publiee_indelebile",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__publiee_le__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.candidature_id})"

    def get_absolute_url(self) -> str:
        """The candidate's page, where the decision is shown with its rectifications."""
        return self.candidature.get_absolute_url()


class Rectification(models.Model):
    """A dated correction of a published decision, shown beside it; itself never changed."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="rectifications")
    le = models.DateField(_("date de la rectification"))
    texte = models.TextField(_("rectification"), help_text=_("Markdown possible."))
    par = cle_auteur(related_name="rectifications_copil", verbose_name=_("par"))
    cree_le = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["le", "pk"]
        triggers = [
            pgtrigger.Protect(
                name="rectification_immuable",
                operation=pgtrigger.Update,
                condition=un_champ_change("decision_id", "le", "texte", "cree_le"),
            ),
            pgtrigger.Protect(name="rectification_indelebile", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"Rectification du {self.le:%d/%m/%Y}"


class TypeActionSession(models.TextChoices):
    PREPARER = "preparer", _("Session préparée")
    CANDIDATURE = "candidature", _("Candidature ajoutée ou retirée")
    OUVRIR = "ouvrir", _("Ouverte au vote")
    VOTER = "voter", _("Vote enregistré")
    CLORE = "clore", _("Close")
    DECIDER = "decider", _("Décision enregistrée")
    PUBLIER = "publier", _("Décisions publiées")
    RECTIFIER = "rectifier", _("Rectification")


class ActionSession(EntreeJournal):
    """The audit trail of a session: preparing, votes (without their content), closing,
    decisions, publication, rectifications."""

    session = models.ForeignKey(SessionCopil, on_delete=models.CASCADE, related_name="actions")
    type = models.CharField(_("action"), max_length=30, choices=TypeActionSession.choices)

    class Meta(EntreeJournal.Meta):
        verbose_name = _("action sur une session")
        verbose_name_plural = _("journal des sessions du COPIL")

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.le:%d/%m/%Y})"
