"""A page's life: written (each save an immutable revision), submitted, reviewed (comments,
changes asked), published once its quality checklist holds, archived; an old revision
restored as a new one.

A published page stays editable by those who write it: each save is a revision in its public
history, still held to the checklist, and the Documentation role can restore any earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from documentation import rules
from documentation.filters import oublier_experimentations_proposees
from documentation.models import (
    CommentaireRelecture,
    Licence,
    Page,
    Revision,
    SortePage,
    StatutPage,
    TypeActionPage,
)
from documentation.models.pages import CHAMPS_REVISES
from tilab.comptes.models import Personne, Territoire, Theme
from tilab.slugs import slug_unique
from tilab.textes import nettoyer_texte

# Paths next to <slug>/ under /documentation/: a page's slug never takes them.
CHEMINS_RESERVES = frozenset(
    {"nouvelle", "relecture", "mes-pages", "attendues", "flux", "recherche"}
)


class PageImpossible(ValidationError):
    """The step is refused: a role that does not allow it, a wrong state, bad data."""


@dataclass(frozen=True)
class Contenu:
    """What a writer sets on a page: its text and what it is about."""

    titre: str
    sorte: str
    resume: str = ""
    corps: str = ""
    licence: str = Licence.CC_BY_SA_4
    conditions_reutilisation: str = ""
    contact: str = ""

    def nettoye(self) -> Contenu:
        return Contenu(
            titre=nettoyer_texte(self.titre).strip(),
            sorte=self.sorte,
            resume=nettoyer_texte(self.resume, multiligne=True).strip(),
            corps=nettoyer_texte(self.corps, multiligne=True).strip(),
            licence=self.licence,
            conditions_reutilisation=nettoyer_texte(
                self.conditions_reutilisation, multiligne=True
            ).strip(),
            contact=nettoyer_texte(self.contact).strip(),
        )

    def erreurs(self) -> dict[str, str]:
        erreurs = {}
        if not self.titre:
            erreurs["titre"] = "Donnez un titre à la page."
        if self.sorte not in SortePage.values:
            erreurs["sorte"] = "Choisissez un type de page de la liste."
        if self.licence not in Licence.values:
            erreurs["licence"] = "Choisissez une licence de la liste."
        return erreurs


# The quality checklist a page meets before it is published, and stays held to after.
LISTE_DE_CONTROLE = (
    ("resume", "Un résumé dit en deux ou trois phrases ce que la page apporte."),
    ("licence", "Une licence dit à quelles conditions réutiliser la page."),
    (
        "conditions_reutilisation",
        "Les conditions de réutilisation disent ce qu'il faut pour refaire ailleurs.",
    ),
    ("contact", "Un contact dit qui joindre pour en savoir plus."),
)


def manques(contenu: Any) -> dict[str, str]:
    """What the page (or a content about to be saved) lacks to be published: ``{field:
    what the checklist asks}``, empty when it is ready."""
    return {champ: texte for champ, texte in LISTE_DE_CONTROLE if not getattr(contenu, champ)}


def _verrouiller(page: Page) -> Page:
    return Page.objects.select_for_update().get(pk=page.pk)


def _revision(
    page: Page, *, par: Personne | None, note: str, restaure: Revision | None = None
) -> Revision:
    numero = (page.revisions.aggregate(n=Max("numero"))["n"] or 0) + 1
    return Revision.objects.create(
        page=page,
        numero=numero,
        par=par,
        note=nettoyer_texte(note).strip()[:300],
        restaure=restaure,
        **{champ: getattr(page, champ) for champ in CHAMPS_REVISES},
    )


def _verifier(contenu: Contenu) -> Contenu:
    contenu = contenu.nettoye()
    erreurs = contenu.erreurs()
    if erreurs:
        raise PageImpossible(erreurs, code="contenu")
    return contenu


@transaction.atomic
def page_creer(
    *,
    par: Personne,
    contenu: Contenu,
    themes: list[Theme] | None = None,
    territoires: list[Territoire] | None = None,
    experimentation: Any = None,
    communaute: Any = None,
    problematique: Any = None,
    evenement: Any = None,
    note: str = "",
) -> Page:
    """A new draft, its author the person, with its first revision."""
    if not rules.peut_creer_pour(par, experimentation=experimentation, communaute=communaute):
        raise PageImpossible(
            "Vous documentez les expérimentations auxquelles vous participez et les "
            "communautés où vous êtes engagé·e ; la Ti Team documente tout.",
            code="role",
        )
    contenu = _verifier(contenu)
    for essai in range(3):
        try:
            with transaction.atomic():
                page = Page.objects.create(
                    slug=slug_unique(Page, contenu.titre, reserves=CHEMINS_RESERVES),
                    experimentation=experimentation,
                    communaute=communaute,
                    problematique=problematique,
                    evenement=evenement,
                    creee_par=par,
                    **vars(contenu),
                )
            break
        except IntegrityError:
            # Another page took the same slug between the read and the insert.
            if essai == 2:
                raise
    page.auteurs.add(par)
    page.themes.set(themes or [])
    page.territoires.set(territoires or [])
    _revision(page, par=par, note=note or "Première version")
    page.journaliser(TypeActionPage.CREER, par=par)
    return page


@transaction.atomic
def page_enregistrer(
    *,
    page: Page,
    par: Personne,
    contenu: Contenu,
    themes: list[Theme] | None = None,
    territoires: list[Territoire] | None = None,
    note: str = "",
) -> Revision:
    """Save the page's new text as a new revision. A published page must still meet the
    quality checklist."""
    page = _verrouiller(page)
    if not rules.peut_ecrire(par, page):
        raise PageImpossible("Vous ne pouvez pas modifier cette page.", code="role")
    contenu = _verifier(contenu)
    if page.statut == StatutPage.PUBLIEE:
        manque = manques(contenu)
        if manque:
            raise PageImpossible(manque, code="liste_de_controle")
    for champ, valeur in vars(contenu).items():
        setattr(page, champ, valeur)
    page.save()
    if themes is not None:
        page.themes.set(themes)
    if territoires is not None:
        page.territoires.set(territoires)
    if not page.auteurs.filter(pk=par.pk).exists() and not rules.est_documentaliste(par):
        # Whoever writes a page signs it; the reviewers' corrections do not make them authors.
        page.auteurs.add(par)
    revision = _revision(page, par=par, note=note)
    page.journaliser(TypeActionPage.ENREGISTRER, par=par, detail=f"Révision {revision.numero}")
    return revision


@transaction.atomic
def page_soumettre(*, page: Page, par: Personne) -> Page:
    """Ask the Documentation role to review a draft."""
    page = _verrouiller(page)
    if not rules.peut_soumettre(par, page):
        raise PageImpossible("Seul un brouillon se soumet à la relecture.", code="etat")
    page.statut = StatutPage.EN_RELECTURE
    page.save(update_fields=["statut", "modifiee_le"])
    page.journaliser(TypeActionPage.SOUMETTRE, par=par)
    return page


@transaction.atomic
def page_commenter(
    *, page: Page, par: Personne, texte: str, demande_des_modifications: bool = False
) -> CommentaireRelecture:
    """A comment of the review; asking for changes sends a page in review back to draft."""
    page = _verrouiller(page)
    if demande_des_modifications:
        if not rules.peut_relire(par, page):
            raise PageImpossible(
                "Seul le rôle Documentation demande des modifications.", code="role"
            )
    elif not rules.peut_commenter(par, page):
        raise PageImpossible("Vous ne pouvez pas commenter cette page.", code="role")
    texte = nettoyer_texte(texte, multiligne=True).strip()
    if not texte:
        raise PageImpossible({"texte": "Écrivez votre commentaire."}, code="texte")
    commentaire = CommentaireRelecture.objects.create(
        page=page,
        revision=page.revisions.order_by("-numero").first(),
        texte=texte,
        demande_des_modifications=demande_des_modifications,
        par=par,
    )
    if demande_des_modifications:
        page.statut = StatutPage.BROUILLON
        page.save(update_fields=["statut", "modifiee_le"])
        page.journaliser(TypeActionPage.DEMANDER_MODIFICATIONS, par=par)
    return commentaire


@transaction.atomic
def page_publier(*, page: Page, par: Personne) -> Page:
    """Publish a page whose quality checklist holds: the Documentation role."""
    page = _verrouiller(page)
    if not rules.peut_publier_la_page(par, page):
        raise PageImpossible(
            "Seul le rôle Documentation publie, une page en relecture ou un brouillon.",
            code="role",
        )
    manque = manques(page)
    if manque:
        raise PageImpossible(
            "La page ne remplit pas encore la liste de contrôle : " + " ".join(manque.values()),
            code="liste_de_controle",
        )
    page.statut = StatutPage.PUBLIEE
    page.publiee_le = page.publiee_le or timezone.now()
    page.save(update_fields=["statut", "publiee_le", "modifiee_le"])
    page.journaliser(TypeActionPage.PUBLIER, par=par)
    oublier_experimentations_proposees()
    return page


@transaction.atomic
def page_archiver(*, page: Page, par: Personne, motif: str = "") -> Page:
    """Archive a published page: still readable, marked archived, no longer edited."""
    page = _verrouiller(page)
    if not rules.peut_archiver(par, page):
        raise PageImpossible("Seul le rôle Documentation archive une page publiée.", code="role")
    page.statut = StatutPage.ARCHIVEE
    page.save(update_fields=["statut", "modifiee_le"])
    page.journaliser(TypeActionPage.ARCHIVER, par=par, detail=nettoyer_texte(motif).strip())
    oublier_experimentations_proposees()
    return page


@transaction.atomic
def revision_restaurer(*, revision: Revision, par: Personne, note: str = "") -> Revision:
    """Save an old revision's text as the page's new revision (the history keeps both)."""
    page = _verrouiller(revision.page)
    if not rules.peut_restaurer(par, page):
        raise PageImpossible("Vous ne pouvez pas modifier cette page.", code="role")
    if page.statut == StatutPage.PUBLIEE and manques(revision):
        raise PageImpossible(
            "Cette révision ne remplit pas la liste de contrôle d'une page publiée.",
            code="liste_de_controle",
        )
    for champ in CHAMPS_REVISES:
        setattr(page, champ, getattr(revision, champ))
    page.save()
    nouvelle = _revision(
        page, par=par, note=note or f"Restaure la révision {revision.numero}", restaure=revision
    )
    page.journaliser(
        TypeActionPage.RESTAURER,
        par=par,
        detail=f"Révision {revision.numero} restaurée en révision {nouvelle.numero}",
    )
    return nouvelle
