"""A documentation page and what hangs from it: its revisions (every save, never changed), its
attachments, the review's comments and its journal.

The page's own columns hold its current text (the latest revision's): the public reads them
once the page is published, and its search vector is computed from them. A page is public
when published or archived; a draft or a page in review is read only by those who write it
and by the Documentation role (``documentation.rules``): the querysets below are the one
place that says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pgtrigger
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tilab.comptes.journal import AvecJournal, EntreeJournal
from tilab.comptes.models import Personne, Territoire, Theme, cle_auteur
from tilab.recherche import CONFIG_RECHERCHE, champ_vecteur_du_titre, index_du_titre


class SortePage(models.TextChoices):
    FICHE_EXPERIMENTATION = "fiche_experimentation", _("Fiche expérimentation")
    RETOUR_EXPERIENCE = "retour_experience", _("Retour d'expérience")
    METHODE = "methode", _("Méthode")
    OUTIL = "outil", _("Outil")
    COMPTE_RENDU = "compte_rendu", _("Compte-rendu d'événement")
    GUIDE = "guide", _("Guide")
    SYNTHESE = "synthese", _("Synthèse")


class StatutPage(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    EN_RELECTURE = "en_relecture", _("En relecture")
    PUBLIEE = "publiee", _("Publiée")
    ARCHIVEE = "archivee", _("Archivée")


STATUTS_PUBLICS = (StatutPage.PUBLIEE, StatutPage.ARCHIVEE)


class Licence(models.TextChoices):
    CC_BY_SA_4 = "cc_by_sa_4", _("CC BY-SA 4.0")
    CC_BY_4 = "cc_by_4", _("CC BY 4.0")
    LICENCE_OUVERTE_2 = "licence_ouverte_2", _("Licence Ouverte 2.0")
    CC0 = "cc0", _("CC0 1.0")


@dataclass(frozen=True)
class DescriptionLicence:
    nom: str
    adresse: str
    # What the licence asks of whoever reuses, in a sentence.
    conditions: str
    attribution_requise: bool


LICENCES: dict[str, DescriptionLicence] = {
    Licence.CC_BY_SA_4: DescriptionLicence(
        "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        "Vous pouvez copier, adapter et diffuser, y compris à des fins commerciales, en citant "
        "la source et en partageant vos adaptations sous la même licence.",
        True,
    ),
    Licence.CC_BY_4: DescriptionLicence(
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/deed.fr",
        "Vous pouvez copier, adapter et diffuser, y compris à des fins commerciales, en citant "
        "la source.",
        True,
    ),
    Licence.LICENCE_OUVERTE_2: DescriptionLicence(
        "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "Vous pouvez réutiliser librement, y compris à des fins commerciales, en mentionnant "
        "la source et la date de dernière mise à jour.",
        True,
    ),
    Licence.CC0: DescriptionLicence(
        "Creative Commons Zéro 1.0 Universel (domaine public)",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
        "Vous pouvez réutiliser sans condition ; citer la source reste apprécié.",
        False,
    ),
}


class PageQuerySet(models.QuerySet["Page"]):
    def publiques(self) -> PageQuerySet:
        """What anyone reads: published pages and archived ones (kept, marked archived)."""
        return self.filter(statut__in=STATUTS_PUBLICS)

    def publiees(self) -> PageQuerySet:
        """Published and not archived: the base's lists, search, feeds and open data."""
        return self.filter(statut=StatutPage.PUBLIEE)

    def a_relire(self) -> PageQuerySet:
        return self.filter(statut=StatutPage.EN_RELECTURE)

    def avec_ids_auteurs(self) -> PageQuerySet:
        """``ids_auteurs``: the keys of each page's authors, read with it (an array), for
        ``documentation.rules.est_auteur`` to check without a query of its own."""
        auteurs = self.model.auteurs.through.objects.filter(page_id=OuterRef("pk"))
        return self.annotate(ids_auteurs=ArraySubquery(auteurs.order_by().values("personne_id")))


# The columns a revision keeps of the page: what its writers change.
CHAMPS_REVISES = (
    "titre",
    "sorte",
    "resume",
    "corps",
    "licence",
    "conditions_reutilisation",
    "contact",
)


class Page(AvecJournal):
    """A page of the documentation base. Created, saved, reviewed, published, archived and
    restored only through ``documentation.services``: each save is a :class:`Revision`, each
    change of state an :class:`ActionPage`."""

    journal = "actions"

    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    sorte = models.CharField(_("type de page"), max_length=30, choices=SortePage.choices)
    resume = models.TextField(
        _("résumé"), blank=True, help_text=_("Deux ou trois phrases : ce que la page apporte.")
    )
    corps = models.TextField(_("contenu"), blank=True, help_text=_("Mise en forme Markdown."))
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY_SA_4
    )
    conditions_reutilisation = models.TextField(
        _("conditions de réutilisation"),
        blank=True,
        help_text=_(
            "Ce qu'il faut pour refaire ailleurs : moyens, compétences, partenaires, limites."
        ),
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Qui joindre pour en savoir plus : un service, une adresse, un site."),
    )
    statut = models.CharField(
        _("état"),
        max_length=20,
        choices=StatutPage.choices,
        default=StatutPage.BROUILLON,
        db_index=True,
    )
    auteurs = models.ManyToManyField(
        Personne, verbose_name=_("auteurs et autrices"), related_name="pages_documentation"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="pages_documentation", blank=True
    )
    territoires = models.ManyToManyField(
        Territoire, verbose_name=_("territoires"), related_name="pages_documentation", blank=True
    )
    # What the page documents (one of them, or none for a method or a guide of the lab).
    experimentation = models.ForeignKey(
        "experimentations.Experimentation",
        verbose_name=_("expérimentation documentée"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pages_documentation",
    )
    communaute = models.ForeignKey(
        "communautes.Communaute",
        verbose_name=_("communauté documentée"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pages_documentation",
    )
    problematique = models.ForeignKey(
        "problematiques.Problematique",
        verbose_name=_("problématique documentée"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pages_documentation",
    )
    evenement = models.ForeignKey(
        "communautes.Evenement",
        verbose_name=_("événement documenté"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pages_documentation",
    )
    creee_par = cle_auteur(related_name="pages_documentation_creees", verbose_name=_("créée par"))
    creee_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    modifiee_le = models.DateTimeField(_("modifiée le"), auto_now=True)
    publiee_le = models.DateTimeField(_("publiée le"), null=True, blank=True)
    # The latest « soumettre » of its journal, kept by PostgreSQL (ActionPage's trigger
    # page_soumise_le): the review queue is ordered by it, along its index.
    soumise_le = models.DateTimeField(
        _("soumise à la relecture le"), null=True, blank=True, editable=False
    )
    # Kept by documentation.services.reutilisations: the list is ordered by it.
    nb_reutilisations = models.PositiveIntegerField(_("réutilisations déclarées"), default=0)
    vecteur_recherche = models.GeneratedField(
        expression=SearchVector("titre", weight="A", config=CONFIG_RECHERCHE)
        + SearchVector("resume", weight="B", config=CONFIG_RECHERCHE)
        + SearchVector("corps", "conditions_reutilisation", weight="C", config=CONFIG_RECHERCHE),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    vecteur_titre = champ_vecteur_du_titre("titre")

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page de documentation")
        verbose_name_plural = _("pages de documentation")
        ordering = ["-publiee_le", "-pk"]
        indexes = [
            GinIndex(fields=["vecteur_recherche"], name="page_doc_recherche_gin"),
            index_du_titre("page_doc_titre_gin"),
            # The public list, most recently published first, read along the index.
            models.Index(fields=["statut", "-publiee_le", "-id"], name="page_doc_liste_publique"),
            # The list of one kind (its most used facet): counted from the index alone, read
            # along it.
            models.Index(
                fields=["statut", "sorte", "-publiee_le", "-id"], name="page_doc_liste_par_sorte"
            ),
            # The review queue, oldest submission first, a page of it read along the index
            # whatever the number of pages in review.
            models.Index(
                fields=["soumise_le", "id"],
                condition=models.Q(statut="en_relecture"),
                name="page_doc_file_de_relecture",
            ),
            # The kinds of an experiment's public pages, read from the index alone: what the
            # review queue checks, experiment by experiment, of the pages they owe.
            models.Index(
                fields=["experimentation", "sorte"],
                condition=models.Q(
                    statut__in=["publiee", "archivee"], experimentation__isnull=False
                ),
                name="page_doc_sortes_publiques",
            ),
        ]
        triggers = [
            # A page the public has read stays: archived, never deleted (its reuses and the
            # links to it keep their target).
            pgtrigger.Protect(
                name="page_publique_indelebile",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__statut__in=["publiee", "archivee"]),
            ),
        ]

    def __str__(self) -> str:
        return self.titre

    def get_absolute_url(self) -> str:
        return reverse("documentation:page", args=[self.slug])

    @property
    def est_publique(self) -> bool:
        return self.statut in STATUTS_PUBLICS

    @property
    def description_licence(self) -> DescriptionLicence:
        return LICENCES[self.licence]


class Revision(models.Model):
    """One save of a page: its text as it was, who saved it, when, and why. Never changed nor
    deleted, by the application and by the database (a trigger refuses the UPDATE or DELETE);
    restoring an old revision saves its text as a new one."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    numero = models.PositiveIntegerField(_("numéro"))
    titre = models.CharField(_("titre"), max_length=200)
    sorte = models.CharField(_("type de page"), max_length=30, choices=SortePage.choices)
    resume = models.TextField(_("résumé"), blank=True)
    corps = models.TextField(_("contenu"), blank=True)
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices)
    conditions_reutilisation = models.TextField(_("conditions de réutilisation"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    note = models.CharField(
        _("note de révision"),
        max_length=300,
        blank=True,
        help_text=_("Ce qui change, en quelques mots (visible dans l'historique)."),
    )
    par = cle_auteur(related_name="revisions_documentation", verbose_name=_("par"))
    le = models.DateTimeField(_("le"), auto_now_add=True)
    # The revision this one restores, when it does.
    restaure = models.ForeignKey(
        "self",
        verbose_name=_("restaure la révision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("révision")
        verbose_name_plural = _("révisions")
        ordering = ["page", "-numero"]
        constraints = [
            models.UniqueConstraint(fields=["page", "numero"], name="revision_numero_unique"),
        ]
        triggers = [
            # The author's key may still go to NULL when they delete their account; nothing
            # else of a revision ever changes, and a revision is never deleted but with its page.
            pgtrigger.Protect(
                name="revision_immuable",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(exclude=["par"]),
            ),
        ]

    def __str__(self) -> str:
        return f"Révision {self.numero} de « {self.titre} »"


def chemin_piece_jointe(instance: PieceJointe, nom: str) -> str:
    # The stored name is ours, never the sender's: the page, then a random part.
    import secrets

    extension = instance.extension
    return f"documentation/{instance.page_id}/{secrets.token_hex(12)}.{extension}"


class PieceJointe(models.Model):
    """A file attached to a page (PDF, image, office document), its type read from its content
    by ``documentation.services.pieces_jointes``, served with safe headers."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="pieces_jointes")
    fichier = models.FileField(_("fichier"), upload_to=chemin_piece_jointe, max_length=200)
    nom = models.CharField(_("nom du fichier"), max_length=200)
    type_mime = models.CharField(_("type"), max_length=100)
    extension = models.CharField(_("extension"), max_length=10)
    taille = models.PositiveIntegerField(_("taille en octets"))
    ajoutee_par = cle_auteur(related_name="pieces_jointes_documentation")
    ajoutee_le = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["page", "pk"]

    def __str__(self) -> str:
        return self.nom

    def get_absolute_url(self) -> str:
        return reverse("documentation:piece_jointe", args=[self.page.slug, self.pk])


class CommentaireRelecture(models.Model):
    """A comment of the review: the Documentation role and the page's writers discuss a draft
    here. Read by them only, never public."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="commentaires")
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("révision relue"),
        on_delete=models.PROTECT,
        null=True,
        related_name="commentaires",
    )
    texte = models.TextField(_("commentaire"), help_text=_("Mise en forme Markdown."))
    demande_des_modifications = models.BooleanField(_("demande des modifications"), default=False)
    par = cle_auteur(related_name="commentaires_relecture", verbose_name=_("par"))
    le = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire de relecture")
        verbose_name_plural = _("commentaires de relecture")
        ordering = ["page", "le", "pk"]

    def __str__(self) -> str:
        return f"Commentaire du {self.le:%d/%m/%Y}"


class TypeActionPage(models.TextChoices):
    CREER = "creer", _("Page créée")
    ENREGISTRER = "enregistrer", _("Révision enregistrée")
    SOUMETTRE = "soumettre", _("Soumise à la relecture")
    DEMANDER_MODIFICATIONS = "demander_modifications", _("Modifications demandées")
    PUBLIER = "publier", _("Publiée")
    ARCHIVER = "archiver", _("Archivée")
    RESTAURER = "restaurer", _("Révision restaurée")
    PIECE_JOINTE = "piece_jointe", _("Pièce jointe ajoutée ou retirée")


class ActionPage(EntreeJournal):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="actions")
    type = models.CharField(_("action"), max_length=30, choices=TypeActionPage.choices)

    class Meta(EntreeJournal.Meta):
        verbose_name = _("action sur une page")
        verbose_name_plural = _("journal des pages")
        triggers = [
            # Page.soumise_le follows the journal in the same transaction, whoever writes it
            # (the services, the demo, the bench's bulk inserts): the latest submission.
            pgtrigger.Trigger(
                name="page_soumise_le",
                when=pgtrigger.After,
                operation=pgtrigger.Insert,
                condition=pgtrigger.Q(new__type="soumettre"),
                func=(
                    "UPDATE documentation_page SET soumise_le = "
                    "GREATEST(COALESCE(soumise_le, NEW.le), NEW.le) WHERE id = NEW.page_id; "
                    "RETURN NULL;"
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_type_display())


def description_sorte(sorte: str) -> str:
    return str(SortePage(sorte).label)
