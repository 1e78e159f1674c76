"""The ecosystem's comments on a version in consultation (of the theory or of the grid), on a
paragraph or on the whole, and the team's answers. Both stay public with the version."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gouvernance.models.grille import VersionGrille
from gouvernance.models.textes import VersionTheorie
from tilab.comptes.models import cle_auteur


class Commentaire(models.Model):
    theorie = models.ForeignKey(
        VersionTheorie,
        on_delete=models.CASCADE,
        related_name="commentaires",
        null=True,
        blank=True,
    )
    grille = models.ForeignKey(
        VersionGrille,
        on_delete=models.CASCADE,
        related_name="commentaires",
        null=True,
        blank=True,
    )
    # The paragraph commented on, counted from 1 in the version's text (or the criterion's
    # order in a grid); empty for a comment on the whole version.
    paragraphe = models.PositiveSmallIntegerField(_("paragraphe"), null=True, blank=True)
    texte = models.TextField(_("commentaire"))
    auteur = cle_auteur(related_name="commentaires_consultation", verbose_name=_("auteur"))
    cree_le = models.DateTimeField(_("le"), auto_now_add=True)
    reponse = models.TextField(_("réponse de l'équipe"), blank=True)
    repondu_par = cle_auteur(related_name="reponses_consultation", verbose_name=_("réponse de"))
    repondu_le = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("commentaire de consultation")
        verbose_name_plural = _("commentaires de consultation")
        ordering = ["paragraphe", "cree_le", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(theorie__isnull=True) ^ Q(grille__isnull=True),
                name="commentaire_sur_une_version",
            ),
            models.CheckConstraint(
                condition=Q(paragraphe__isnull=True) | Q(paragraphe__gte=1),
                name="commentaire_paragraphe_positif",
            ),
        ]
        indexes = [
            models.Index(fields=["theorie", "paragraphe", "cree_le"], name="commentaire_theorie"),
            models.Index(fields=["grille", "paragraphe", "cree_le"], name="commentaire_grille"),
        ]

    def __str__(self) -> str:
        return f"Commentaire du {self.cree_le:%d/%m/%Y}"
