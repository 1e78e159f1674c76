"""What the documentation changes outside the lab: declared reuses (the lab's spread,
« essaimage ») and the pages each experiment owes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from documentation.models.pages import Page, SortePage
from tilab.comptes.models import Organisation, cle_auteur


class Reutilisation(models.Model):
    """Someone declares they reused a page elsewhere: where, and how. Public, listed on the
    page and counted (``Page.nb_reutilisations``, kept by the services)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="reutilisations")
    ou = models.CharField(
        _("où"),
        max_length=200,
        help_text=_("La collectivité, l'association ou le territoire où la ressource a servi."),
    )
    comment = models.TextField(
        _("comment"),
        help_text=_("Ce que vous en avez fait, ce que vous avez adapté. Mise en forme Markdown."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reutilisations",
    )
    par = cle_auteur(related_name="reutilisations", verbose_name=_("déclarée par"))
    le = models.DateTimeField(_("déclarée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("réutilisation")
        verbose_name_plural = _("réutilisations")
        ordering = ["page", "-le", "-pk"]

    def __str__(self) -> str:
        return f"Réutilisation à {self.ou}"


# What every experiment owes at least: a fiche at its launch, a return of experience at its end.
SORTES_DUES_PAR_DEFAUT = (SortePage.FICHE_EXPERIMENTATION, SortePage.RETOUR_EXPERIENCE)


class PageAttendue(models.Model):
    """A kind of page an experiment declares it owes, beyond :data:`SORTES_DUES_PAR_DEFAUT`."""

    experimentation = models.ForeignKey(
        "experimentations.Experimentation",
        on_delete=models.CASCADE,
        related_name="pages_attendues",
    )
    sorte = models.CharField(_("type de page"), max_length=30, choices=SortePage.choices)
    ajoutee_le = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("page attendue")
        verbose_name_plural = _("pages attendues")
        constraints = [
            models.UniqueConstraint(
                fields=["experimentation", "sorte"], name="page_attendue_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(SortePage(self.sorte).label)
