"""Demonstration data of documentation: some sixty pages of every kind, written by the demo's
coordinators, relays and Ti Team, reviewed and published by the Documentation role
(``documentation@demo.tilab.bzh``); a few drafts, two pages in review (one sent back once
for changes, then corrected and submitted again), two archived; the history of about twenty
of them, one with a revision restored; reuses declared on about fifteen.

Loaded by ``manage.py seed_demo`` last (``INSTALLED_APPS`` order): pages document the demo's
experiments, communities, problems and events, found by their slugs; a missing one leaves the
page without that link. Each page is keyed on its slug: one that exists is left as it is, so
loading twice changes nothing.

The rows are written directly, in bulk, rather than through ``documentation.services``: the
services date everything "now", where a demo needs pages of various ages with a past. What is
written is what the services would have left: revisions numbered from 1, the first holding the
page's text at its creation and the last its current text, a page published only once its
checklist holds and held to it after; the journal's creation, saves, submissions, requests for
changes, publication, restoration and archiving; review comments on the revision they read;
``nb_reutilisations`` equal to the reuses declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from communautes.models import Communaute, Evenement
from documentation.demo.pages import EXPERIMENTATIONS, PAGES, PERSONNES, PageDemo, corps_de
from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Licence,
    Page,
    Reutilisation,
    Revision,
    StatutPage,
    TypeActionPage,
)
from experimentations.models import Experimentation
from problematiques.models import Problematique
from tilab.banc.generation import dates_libres
from tilab.comptes.models import Personne, Territoire, Theme

# Kinds of change made before publication: a published page keeps its checklist.
AVANT_PUBLICATION = frozenset({"contact", "conditions", "resume", "relecture"})

NOTES: dict[str, tuple[str, ...]] = {
    "contact": (
        "Ajout des contacts de la commune",
        "Ajout du contact du service",
        "Ajout des coordonnées de l'équipe",
    ),
    "conditions": (
        "Ajout des conditions de réutilisation",
        "Précisions sur les moyens nécessaires pour refaire ailleurs",
    ),
    "resume": ("Résumé complété", "Résumé précisé pour les élus"),
    "relecture": ("Corrections après relecture",),
}
DEMANDE_DE_MODIFICATIONS = (
    "Merci pour cette page, elle sera très utile. Avant de la publier : le résumé ne dit pas "
    "encore ce que la page apporte à qui voudrait refaire ailleurs. Pouvez-vous le compléter "
    "en une ou deux phrases ?"
)


@dataclass(frozen=True)
class _Texte:
    """A page's text at one moment: what a revision keeps."""

    titre: str
    sorte: str
    resume: str
    sections: tuple[tuple[str, str], ...]
    licence: str
    conditions_reutilisation: str
    contact: str

    def champs(self) -> dict[str, str]:
        return {
            "titre": self.titre,
            "sorte": self.sorte,
            "resume": self.resume,
            "corps": corps_de(self.sections),
            "licence": self.licence,
            "conditions_reutilisation": self.conditions_reutilisation,
            "contact": self.contact,
        }


def _avant(genre: str, texte: _Texte) -> _Texte:
    """The text before a change of this kind (see ``documentation.demo.pages``)."""
    if genre == "contact":
        return replace(texte, contact="")
    if genre == "conditions":
        return replace(texte, conditions_reutilisation="")
    if genre in ("resume", "relecture"):
        premiere = texte.resume.split(". ")[0].rstrip(".") + "."
        return replace(texte, resume=premiere)
    if genre == "section":
        return replace(texte, sections=texte.sections[:-1])
    if genre == "licence":
        return replace(texte, licence=Licence.CC_BY_SA_4)
    raise ValueError(f"Changement inconnu : {genre!r}")


def _note(genre: str, apres: _Texte, rang: int) -> str:
    if genre == "section":
        return f"Ajout de la section « {apres.sections[-1][0]} »"
    if genre == "licence":
        return f"Passage sous licence {Licence(apres.licence).label} à la demande des partenaires"
    notes = NOTES[genre]
    return notes[rang % len(notes)]


@dataclass
class _Etape:
    """One thing that happened to the page, in order; dated once all are known."""

    type: str  # a TypeActionPage, or "commenter"
    par: Personne
    revision: tuple[_Texte, str, int | None] | None = None  # (text, note, restored number)
    texte: str = ""  # a comment's text, an archiving's reason
    demande: bool = False
    quand: datetime = field(default_factory=timezone.now)


@dataclass
class _Histoire:
    """One demo page and everything it leaves: its row, revisions, comments, journal, reuses."""

    demo: PageDemo
    rang: int
    personnes: dict[str, Personne]
    documentaliste: Personne
    maintenant: datetime
    etapes: list[_Etape] = field(default_factory=list)

    @property
    def auteurs(self) -> list[Personne]:
        auteurs = [self.personnes[c] for c in self.demo.auteurs if c in self.personnes]
        return auteurs or [self.documentaliste]

    def raconter(self) -> None:
        """The page's steps in the order the services would have taken them."""
        demo, createur = self.demo, self.auteurs[0]
        second = self.auteurs[-1]
        final = _Texte(
            demo.titre,
            demo.sorte,
            demo.resume,
            demo.sections,
            demo.licence,
            demo.conditions,
            demo.contact,
        )
        textes = [final]
        for genre in reversed(demo.revisions):
            textes.insert(0, _avant(genre, textes[0]))
        publiable = demo.statut in (StatutPage.PUBLIEE, StatutPage.ARCHIVEE)
        derniere_avant = max(
            (n for n, g in enumerate(demo.revisions, start=1) if g in AVANT_PUBLICATION),
            default=0,
        )
        self._etape(TypeActionPage.CREER, createur, (textes[0], "Première version", None))
        if publiable and derniere_avant == 0:
            self._publier(createur)
        for n, genre in enumerate(demo.revisions, start=1):
            if genre == "relecture":
                # Submitted, sent back to draft with a comment, corrected.
                self._etape(TypeActionPage.SOUMETTRE, createur)
                self._etape(
                    "commenter", self.documentaliste, texte=DEMANDE_DE_MODIFICATIONS, demande=True
                )
            par = createur if genre in AVANT_PUBLICATION else second
            note = _note(genre, textes[n], self.rang)
            self._etape(TypeActionPage.ENREGISTRER, par, (textes[n], note, None))
            if publiable and n == derniere_avant:
                self._publier(createur)
        if demo.statut == StatutPage.BROUILLON:
            return
        if demo.statut == StatutPage.EN_RELECTURE:
            self._etape(TypeActionPage.SOUMETTRE, createur)
            for cle, texte in demo.commentaires:
                self._etape("commenter", self.personnes.get(cle, createur), texte=texte)
            return
        if demo.restauration is not None:
            titre, texte, note = demo.restauration
            avec = replace(final, sections=(*final.sections, (titre, texte)))
            ajout = f"Ajout de la section « {titre} »"
            self._etape(TypeActionPage.ENREGISTRER, second, (avec, ajout, None))
            # The final text is revision len(textes): the one restored.
            self._etape(TypeActionPage.RESTAURER, self.documentaliste, (final, note, len(textes)))
        if demo.statut == StatutPage.ARCHIVEE:
            self._etape(TypeActionPage.ARCHIVER, self.documentaliste, texte=demo.motif_archivage)

    def _publier(self, createur: Personne) -> None:
        # Submitted by its writer, then published by the Documentation role.
        self._etape(TypeActionPage.SOUMETTRE, createur)
        self._etape(TypeActionPage.PUBLIER, self.documentaliste)

    def _etape(
        self,
        type_: str,
        par: Personne,
        revision: tuple[_Texte, str, int | None] | None = None,
        *,
        texte: str = "",
        demande: bool = False,
    ) -> None:
        self.etapes.append(_Etape(type_, par, revision, texte, demande))

    def dater(self) -> None:
        """Steps spread from the page's creation to a few days ago, a little irregularly."""
        debut = self.maintenant - timedelta(days=self.demo.age, hours=self.rang % 7)
        fin = self.maintenant - timedelta(days=min(3.0, self.demo.age / 4))
        pas = (fin - debut) / max(1, len(self.etapes) - 1)
        for n, etape in enumerate(self.etapes):
            etape.quand = debut + pas * n + timedelta(minutes=n * (self.rang % 5))

    # --- The rows

    def page(self, liens: dict[str, Any]) -> Page:
        demo = self.demo
        dernier = [e.revision for e in self.etapes if e.revision is not None][-1]
        assert dernier is not None
        publiee = [e.quand for e in self.etapes if e.type == TypeActionPage.PUBLIER]
        return Page(
            slug=demo.slug,
            statut=demo.statut,
            experimentation=liens["experimentations"].get(
                EXPERIMENTATIONS.get(demo.experimentation)
            ),
            communaute=liens["communautes"].get(demo.communaute),
            problematique=liens["problematiques"].get(demo.problematique),
            evenement=liens["evenements"].get(demo.evenement),
            creee_par=self.auteurs[0],
            creee_le=self.etapes[0].quand,
            modifiee_le=self.etapes[-1].quand,
            publiee_le=publiee[0] if publiee else None,
            nb_reutilisations=len(self.reutilisables()),
            **dernier[0].champs(),
        )

    def reutilisables(self) -> list[tuple[Personne, str, str]]:
        if self.demo.statut not in (StatutPage.PUBLIEE, StatutPage.ARCHIVEE):
            return []
        return [
            (self.personnes[cle], ou, comment)
            for cle, ou, comment in self.demo.reutilisations
            if cle in self.personnes
        ]

    def lignes(
        self, page: Page
    ) -> tuple[list[Revision], list[Revision], list[CommentaireRelecture], list[ActionPage]]:
        """Its revisions (then those that restore one), comments and journal."""
        revisions: dict[int, Revision] = {}
        restaurations: list[Revision] = []
        commentaires: list[CommentaireRelecture] = []
        journal: list[ActionPage] = []
        for etape in self.etapes:
            detail = ""
            if etape.revision is not None:
                texte, note, restauree = etape.revision
                numero = len(revisions) + len(restaurations) + 1
                revision = Revision(
                    page=page,
                    numero=numero,
                    note=note,
                    par=etape.par,
                    le=etape.quand,
                    restaure=revisions.get(restauree) if restauree else None,
                    **texte.champs(),
                )
                if restauree:
                    restaurations.append(revision)
                else:
                    revisions[numero] = revision
                if etape.type == TypeActionPage.ENREGISTRER:
                    detail = f"Révision {numero}"
                elif etape.type == TypeActionPage.RESTAURER:
                    detail = f"Révision {restauree} restaurée en révision {numero}"
            if etape.type == "commenter":
                commentaires.append(
                    CommentaireRelecture(
                        page=page,
                        revision=revisions[max(revisions)],
                        texte=etape.texte,
                        demande_des_modifications=etape.demande,
                        par=etape.par,
                        le=etape.quand,
                    )
                )
                if not etape.demande:
                    continue
                type_ = TypeActionPage.DEMANDER_MODIFICATIONS
            else:
                type_ = TypeActionPage(etape.type)
            if type_ == TypeActionPage.ARCHIVER:
                detail = etape.texte
            journal.append(
                ActionPage(page=page, type=type_, par=etape.par, le=etape.quand, detail=detail)
            )
        return list(revisions.values()), restaurations, commentaires, journal

    def reutilisations(self, page: Page) -> list[Reutilisation]:
        reutilisables = self.reutilisables()
        assert page.publiee_le is not None or not reutilisables
        lignes = []
        for n, (personne, ou, comment) in enumerate(reutilisables, start=1):
            assert page.publiee_le is not None
            quand = page.publiee_le + (self.maintenant - page.publiee_le) * n / (
                len(reutilisables) + 1
            )
            lignes.append(
                Reutilisation(
                    page=page,
                    ou=ou,
                    comment=comment,
                    organisation_id=personne.organisation_id,
                    par=personne,
                    le=quand,
                )
            )
        return lignes


@transaction.atomic
def charger() -> None:
    """Create the demo pages that are not there yet, with their history and reuses."""
    personnes = {p.email: p for p in Personne.objects.filter(email__in=PERSONNES.values())}
    par_cle = {cle: personnes[email] for cle, email in PERSONNES.items() if email in personnes}
    documentaliste = par_cle.get("documentation")
    if documentaliste is None:
        # The accounts' demo was not loaded: nobody to have reviewed anything.
        return
    existantes = set(
        Page.objects.filter(slug__in=[d.slug for d in PAGES]).values_list("slug", flat=True)
    )
    maintenant = timezone.now()
    histoires = [
        _Histoire(demo, rang, par_cle, documentaliste, maintenant)
        for rang, demo in enumerate(PAGES)
        if demo.slug not in existantes
    ]
    if not histoires:
        return
    for histoire in histoires:
        histoire.raconter()
        histoire.dater()
    liens = _liens()
    themes = dict(Theme.objects.values_list("slug", "pk"))
    territoires = dict(Territoire.objects.values_list("slug", "pk"))
    with dates_libres(Page, Revision, CommentaireRelecture, Reutilisation, ActionPage):
        pages = Page.objects.bulk_create([h.page(liens) for h in histoires])
        Page.auteurs.through.objects.bulk_create(
            Page.auteurs.through(page_id=page.pk, personne_id=auteur.pk)
            for page, h in zip(pages, histoires, strict=True)
            for auteur in dict.fromkeys(h.auteurs)
        )
        Page.themes.through.objects.bulk_create(
            Page.themes.through(page_id=page.pk, theme_id=themes[slug])
            for page, h in zip(pages, histoires, strict=True)
            for slug in h.demo.themes
            if slug in themes
        )
        Page.territoires.through.objects.bulk_create(
            Page.territoires.through(page_id=page.pk, territoire_id=territoires[slug])
            for page, h in zip(pages, histoires, strict=True)
            for slug in h.demo.territoires
            if slug in territoires
        )
        lignes = [h.lignes(page) for page, h in zip(pages, histoires, strict=True)]
        # A restoring revision points at the one it restores: written after it.
        Revision.objects.bulk_create([r for revisions, _r, _c, _j in lignes for r in revisions])
        Revision.objects.bulk_create(
            [r for _r, restaurations, _c, _j in lignes for r in restaurations]
        )
        CommentaireRelecture.objects.bulk_create([c for _r, _x, cs, _j in lignes for c in cs])
        ActionPage.objects.bulk_create([a for _r, _x, _c, journal in lignes for a in journal])
        Reutilisation.objects.bulk_create(
            [r for page, h in zip(pages, histoires, strict=True) for r in h.reutilisations(page)]
        )


def _liens() -> dict[str, dict[str, Any]]:
    """What the pages document, by the key the demo pages use."""
    pages = PAGES
    return {
        "experimentations": {
            e.problematique.slug: e
            for e in Experimentation.objects.filter(
                problematique__slug__in=EXPERIMENTATIONS.values()
            ).select_related("problematique")
        },
        "communautes": {
            c.slug: c
            for c in Communaute.objects.filter(slug__in={p.communaute for p in pages} - {""})
        },
        "problematiques": {
            p.slug: p
            for p in Problematique.objects.filter(slug__in={p.problematique for p in pages} - {""})
        },
        "evenements": {
            e.slug: e
            for e in Evenement.objects.filter(slug__in={p.evenement for p in pages} - {""})
        },
    }
