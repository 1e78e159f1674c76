"""What the documentation changes outside the lab: declared reuses (the lab's spread,
« essaimage ») and the pages each experiment owes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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

# The experiments' states from which a kind of page is due: once launched (running, suspended
# or over), the fiche and the kinds the experiment declared; once over, its return of experience.
STATUTS_LANCES = ("en_cours", "suspendue", "terminee", "essaimee")
STATUTS_FINIS = ("terminee", "essaimee")
DUE_DES: dict[str, tuple[str, ...]] = {
    SortePage.FICHE_EXPERIMENTATION: STATUTS_LANCES,
    SortePage.RETOUR_EXPERIENCE: STATUTS_FINIS,
}


def due_des(sorte: str) -> tuple[str, ...]:
    """The states from which an experiment owes a page of kind ``sorte`` (its declared kinds
    are due from its launch, like its fiche)."""
    return DUE_DES.get(sorte, STATUTS_LANCES)


@dataclass(frozen=True)
class SorteDue:
    """A kind of page an experiment owes, and where it stands."""

    sorte: str
    # Whether a public page of that kind documents the experiment.
    en_ligne: bool
    # Whether the experiment's state makes it due already (not when it owes it later).
    due: bool
    # Declared by the experiment (:class:`PageAttendue`), not one every experiment owes.
    declaree: bool

    @property
    def libelle(self) -> str:
        return str(SortePage(self.sorte).label)

    @property
    def manquante(self) -> bool:
        return self.due and not self.en_ligne

    @property
    def quand(self) -> str:
        """When it falls due, for a kind not due yet."""
        if due_des(self.sorte) == STATUTS_FINIS:
            return "à la fin de l'expérimentation"
        return "dès le lancement de l'expérimentation"


def sortes_dues(
    statut: str, *, declarees: Iterable[str], en_ligne: Iterable[str]
) -> list[SorteDue]:
    """The kinds an experiment in ``statut`` owes — every experiment's, then those it declared
    (``declarees``) — and whether each is due and has a public page (``en_ligne``, the kinds of
    its public pages)."""
    publiees = set(en_ligne)
    sortes: list[str] = list(SORTES_DUES_PAR_DEFAUT)
    sortes += sorted(
        {s for s in declarees if s not in SORTES_DUES_PAR_DEFAUT and s in SortePage.values},
        key=SortePage.values.index,
    )
    return [
        SorteDue(
            sorte=sorte,
            en_ligne=sorte in publiees,
            due=statut in due_des(sorte),
            declaree=sorte not in SORTES_DUES_PAR_DEFAUT,
        )
        for sorte in sortes
    ]


class PageAttendue(models.Model):
    """A kind of page an experiment declares it owes, beyond :data:`SORTES_DUES_PAR_DEFAUT`:
    declared and withdrawn through ``documentation.services.attendues``, recorded in the
    experiment's journal."""

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
