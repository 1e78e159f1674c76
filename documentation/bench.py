"""The bench's documentation (contract: ``tilab/banc/__init__.py``).

At full scale: 5,000 pages of every kind, 80 % published and the rest drafts, pages in review
and archived ones, on one or two themes and one to three territories, written by one or two of
the bench's people, about one published fiche per experiment and some pages of communities;
each with 1 to 8 revisions numbered from 1 (the last holding the page's current text), the
journal the services leave (creation, saves, submission, publication, archiving), review
comments on the pages in review, and 3,000 reuses spread unevenly (most pages have none, a few
have dozens), counted on their page. Texts come from ``tilab.banc.textes``: « transport » and
« école » are common, « pharmacie » rare, so that searching the base ranks lists of very
different lengths.

``pages()`` measures the base, its search, the richest page with its history, and the
writers' and the team's pages.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import accumulate

from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from communautes.models import Communaute
from documentation.models import (
    ActionPage,
    CommentaireRelecture,
    Licence,
    Page,
    Reutilisation,
    Revision,
    SortePage,
    StatutPage,
    TypeActionPage,
)
from documentation.services.pages import CHEMINS_RESERVES
from experimentations.models import Experimentation
from tilab import banc
from tilab.banc.generation import (
    alea,
    dates_libres,
    il_y_a,
    inserer,
    lier,
    nombre,
    quelques,
    tirer,
)
from tilab.banc.textes import Redacteur
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne, Territoire, Theme, TypeTerritoire

PAGES = 5000
REUTILISATIONS = 3000

STATUTS: dict[StatutPage, float] = {
    StatutPage.PUBLIEE: 0.80,
    StatutPage.BROUILLON: 0.09,
    StatutPage.EN_RELECTURE: 0.05,
    StatutPage.ARCHIVEE: 0.06,
}
SORTES: dict[SortePage, float] = {
    SortePage.FICHE_EXPERIMENTATION: 0.15,
    SortePage.RETOUR_EXPERIENCE: 0.2,
    SortePage.METHODE: 0.15,
    SortePage.OUTIL: 0.15,
    SortePage.COMPTE_RENDU: 0.15,
    SortePage.GUIDE: 0.12,
    SortePage.SYNTHESE: 0.08,
}
LICENCES: dict[Licence, float] = {
    Licence.CC_BY_SA_4: 0.7,
    Licence.CC_BY_4: 0.15,
    Licence.LICENCE_OUVERTE_2: 0.1,
    Licence.CC0: 0.05,
}
PREFIXES: dict[SortePage, str] = {
    SortePage.FICHE_EXPERIMENTATION: "Fiche",
    SortePage.RETOUR_EXPERIENCE: "Retour d'expérience",
    SortePage.METHODE: "Méthode",
    SortePage.OUTIL: "Outil",
    SortePage.COMPTE_RENDU: "Compte-rendu",
    SortePage.GUIDE: "Guide",
    SortePage.SYNTHESE: "Synthèse",
}
SECTIONS = ["Le constat", "Ce qui a été fait", "Avec qui", "Ce qui a marché",
            "Ce qui n'a pas marché", "Pour refaire ailleurs"]  # fmt: skip
NOTES = ["Ajout des contacts de la commune", "Corrections après relecture",
         "Précisions sur les moyens nécessaires", "Mise à jour des chiffres",
         "Ajout d'une section sur les limites", "Reformulation du résumé"]  # fmt: skip
COMMENTAIRES = [
    "Merci pour cette page. Pouvez-vous préciser qui contacter pour en savoir plus ?",
    "Le résumé gagnerait à dire ce que la page apporte à une autre commune.",
    "Relu : je publie dès que les conditions de réutilisation sont complétées.",
]
COMMENTS = [
    "Repris presque tel quel, avec nos propres horaires.",
    "Adapté à une commune plus petite : une seule permanence par semaine.",
    "Présenté aux élus ; un test commence à la rentrée.",
    "La méthode a servi à préparer notre propre expérimentation.",
]


def generer(echelle: float) -> None:
    rng = alea("documentation")
    redacteur = Redacteur(rng)
    maintenant = timezone.now()
    personnes: dict[int, int | None] = dict(Personne.objects.values_list("pk", "organisation_id"))
    documentalistes = (
        list(
            Personne.objects.ayant_un_role(regles_comptes.DOCUMENTATION).values_list(
                "pk", flat=True
            )
        )
        or list(
            Personne.objects.ayant_un_role(*regles_comptes.TI_TEAM).values_list("pk", flat=True)
        )
        or list(personnes)[:1]
    )
    themes = dict(Theme.objects.values_list("slug", "pk"))
    territoires = list(
        Territoire.objects.exclude(type=TypeTerritoire.REGION).values_list("pk", "nom", "type")
    )
    experimentations = list(Experimentation.objects.order_by("pk").values_list("pk", flat=True))
    communautes = list(Communaute.objects.order_by("pk").values_list("pk", flat=True))
    gens = list(personnes)
    # Some people write much more than others.
    poids_gens = list(accumulate(rng.paretovariate(1.5) for _ in gens))

    total = nombre(PAGES, echelle)
    statuts = list(STATUTS)[:total] + [tirer(rng, STATUTS) for _ in range(total - len(STATUTS))]
    rng.shuffle(statuts)
    publiees = [n for n, s in enumerate(statuts) if s == StatutPage.PUBLIEE]
    # About one published fiche per experiment.
    fiches = dict(zip(publiees, experimentations, strict=False))

    lignes: list[_Ligne] = []
    slugs: set[str] = set(CHEMINS_RESERVES)
    for n, statut in enumerate(statuts):
        sorte = SortePage.FICHE_EXPERIMENTATION if n in fiches else tirer(rng, SORTES)
        theme = rng.choice(list(themes))
        lieux = quelques(rng, territoires, 1, rng.choice([1, 1, 2, 3]))
        commune = next((nom for _, nom, type_ in lieux if type_ == TypeTerritoire.COMMUNE), None)
        titre = f"{PREFIXES[sorte]} : {redacteur.titre(theme, commune)}"[:200]
        slug = slugify(titre)[:190]
        if slug in slugs:
            slug = f"{slug}-{n}"
        slugs.add(slug)
        auteurs = list(
            dict.fromkeys(rng.choices(gens, cum_weights=poids_gens, k=rng.choice([1, 1, 2])))
        )
        experimentation = fiches.get(n)
        if experimentation is None and experimentations and rng.random() < 0.25:
            experimentation = rng.choice(experimentations)
        communaute = rng.choice(communautes) if communautes and rng.random() < 0.15 else None
        page = Page(
            titre=titre,
            slug=slug,
            sorte=sorte,
            resume=redacteur.paragraphe(theme, commune, phrases=2),
            corps=_corps(rng, redacteur, theme, commune),
            licence=tirer(rng, LICENCES),
            conditions_reutilisation=redacteur.essai(theme),
            contact=f"Service {rng.choice(['accueil', 'mobilités', 'solidarités', 'jeunesse'])}"
            f", {commune or 'Ti Lab'}",
            statut=statut,
            experimentation_id=experimentation,
            communaute_id=communaute,
            creee_par_id=auteurs[0],
        )
        ligne = _Ligne(page, auteurs, [themes[theme]], [pk for pk, _n, _t in lieux])
        _histoire(rng, redacteur, ligne, theme, commune, rng.choice(documentalistes), maintenant)
        lignes.append(ligne)

    with dates_libres(Page, Revision, ActionPage, CommentaireRelecture, Reutilisation):
        pages = inserer(Page, [ligne.page for ligne in lignes])
        lier(Page.auteurs, [(p.pk, a) for p, ligne in zip(pages, lignes, strict=True)
                               for a in ligne.auteurs])  # fmt: skip
        lier(Page.themes, [(p.pk, t) for p, ligne in zip(pages, lignes, strict=True)
                              for t in ligne.themes])  # fmt: skip
        lier(Page.territoires, [(p.pk, t) for p, ligne in zip(pages, lignes, strict=True)
                                   for t in ligne.territoires])  # fmt: skip
        revisions = inserer(Revision, [r for ligne in lignes for r in ligne.revisions])
        derniere = {r.page_id: r for r in revisions}  # numbered in order: the last one wins
        commentaires = []
        for ligne in lignes:
            for quand, par, texte in ligne.commentaires:
                commentaires.append(
                    CommentaireRelecture(
                        page=ligne.page,
                        revision=derniere[ligne.page.pk],
                        texte=texte,
                        par_id=par,
                        le=quand,
                    )
                )
        inserer(CommentaireRelecture, commentaires)
        inserer(ActionPage, [a for ligne in lignes for a in ligne.journal])
        _reutilisations(rng, echelle, lignes, personnes, maintenant)


class _Ligne:
    """One page and what hangs from it, before the bulk inserts."""

    def __init__(
        self, page: Page, auteurs: list[int], themes: list[int], territoires: list[int]
    ) -> None:
        self.page = page
        self.auteurs = auteurs
        self.themes = themes
        self.territoires = territoires
        self.revisions: list[Revision] = []
        self.journal: list[ActionPage] = []
        self.commentaires: list[tuple[datetime, int, str]] = []


def _corps(rng: random.Random, redacteur: Redacteur, theme: str, commune: str | None) -> str:
    titres = rng.sample(SECTIONS, rng.randint(2, 4))
    return "\n\n".join(
        f"## {titre}\n\n{redacteur.paragraphe(theme, commune, phrases=rng.randint(2, 5))}"
        for titre in titres
    )


def _histoire(
    rng: random.Random,
    redacteur: Redacteur,
    ligne: _Ligne,
    theme: str,
    commune: str | None,
    documentaliste: int,
    maintenant: datetime,
) -> None:
    """Revisions, journal and review of one page, along the services' steps, each a few days
    after the last; the page's current text is its last revision's."""
    page = ligne.page
    auteur = ligne.auteurs[0]
    nb = rng.randint(1, 8)
    etapes = nb + 3
    debut = il_y_a(rng, 3 * 365, maintenant=maintenant) - timedelta(days=etapes * 2)
    pas = min(timedelta(days=rng.uniform(1, 20)), (maintenant - debut) / (etapes + 1))
    quand = debut
    page.creee_le = debut
    publiable = page.statut in (StatutPage.PUBLIEE, StatutPage.ARCHIVEE)
    # Published after the revisions before it; those after publication keep the checklist,
    # which every generated text meets.
    publiee_apres = rng.randint(1, nb) if publiable else nb
    journal = ligne.journal
    for numero in range(1, nb + 1):
        if numero < nb:
            # An earlier text: the current one with a shorter body, another summary.
            corps = page.corps.split("\n\n## ")[0]
            resume = redacteur.paragraphe(theme, commune, phrases=1)
        else:
            corps, resume = page.corps, page.resume
        ligne.revisions.append(
            Revision(
                page=page,
                numero=numero,
                titre=page.titre,
                sorte=page.sorte,
                resume=resume,
                corps=corps,
                licence=page.licence,
                conditions_reutilisation=page.conditions_reutilisation,
                contact=page.contact,
                note="Première version" if numero == 1 else rng.choice(NOTES),
                par_id=auteur,
                le=quand,
            )
        )
        journal.append(
            ActionPage(
                page=page,
                type=TypeActionPage.CREER if numero == 1 else TypeActionPage.ENREGISTRER,
                par_id=auteur,
                le=quand,
                detail="" if numero == 1 else f"Révision {numero}",
            )
        )
        if publiable and numero == publiee_apres:
            quand += pas
            journal.append(_action(page, TypeActionPage.SOUMETTRE, auteur, quand))
            quand += pas
            journal.append(_action(page, TypeActionPage.PUBLIER, documentaliste, quand))
            page.publiee_le = quand
        quand += pas
    if page.statut == StatutPage.EN_RELECTURE:
        journal.append(_action(page, TypeActionPage.SOUMETTRE, auteur, quand))
        for k in range(rng.randint(1, 3)):
            quand += pas
            par = documentaliste if k % 2 == 0 else auteur
            ligne.commentaires.append((quand, par, rng.choice(COMMENTAIRES)))
    elif page.statut == StatutPage.ARCHIVEE:
        journal.append(
            _action(page, TypeActionPage.ARCHIVER, documentaliste, quand, "Remplacée par une "
                    "page plus récente.")
        )  # fmt: skip
    page.modifiee_le = max(a.le for a in journal)


def _action(
    page: Page, type_: TypeActionPage, par: int, le: datetime, detail: str = ""
) -> ActionPage:
    return ActionPage(page=page, type=type_, par_id=par, le=le, detail=detail)


def _reutilisations(
    rng: random.Random,
    echelle: float,
    lignes: Sequence[_Ligne],
    personnes: dict[int, int | None],
    maintenant: datetime,
) -> None:
    """Reuses of public pages: most have none, some a few, a handful dozens; each counted on
    its page (``nb_reutilisations``, as the service keeps it)."""
    publiques = [ligne.page for ligne in lignes if ligne.page.publiee_le is not None]
    if not publiques:
        return
    poids = [min(rng.paretovariate(1.2), 60.0) for _ in publiques]
    gens = list(personnes)
    reutilisations = []
    for page in rng.choices(publiques, poids, k=nombre(REUTILISATIONS, echelle)):
        assert page.publiee_le is not None
        qui = rng.choice(gens)
        depuis = max((maintenant - page.publiee_le).total_seconds(), 60.0)
        reutilisations.append(
            Reutilisation(
                page=page,
                ou=f"Commune de {rng.choice(['Plouaret', 'Bégard', 'Rostrenen', 'Josselin'])}",
                comment=rng.choice(COMMENTS),
                organisation_id=personnes[qui],
                par_id=qui,
                le=page.publiee_le + timedelta(seconds=rng.uniform(30, depuis)),
            )
        )
        page.nb_reutilisations += 1
    inserer(Reutilisation, reutilisations)
    Page.objects.bulk_update(publiques, ["nb_reutilisations"], batch_size=2000)


def pages(donnees: banc.Donnees) -> list[banc.Page]:
    """The base (first and deep page, filtered, searched), the published page with the most
    revisions and reuses with its history, a revision, a comparison and its Markdown; and the
    team's and writers' pages: the review queue, the editor, « Mes pages »."""
    liste, recherche, detail, page_ = (
        banc.Nature.LISTE,
        banc.Nature.RECHERCHE,
        banc.Nature.DETAIL,
        banc.Nature.PAGE,
    )
    resultat = [
        banc.Page("/documentation/", liste),
        banc.Page("/documentation/?page=40", liste, libelle="page profonde"),
        banc.Page("/documentation/flux/", liste, libelle="flux Atom"),
        banc.Page("/documentation/?sorte=methode&theme=sante", liste, libelle="filtrée"),
        banc.Page("/documentation/?q=transport", recherche, libelle="un mot courant"),
        banc.Page("/documentation/?q=pharmacie", recherche, libelle="un mot rare"),
        banc.Page("/documentation/relecture/", liste, persona="equipe"),
        banc.Page("/documentation/mes-pages/", liste, persona="relais"),
        banc.Page("/documentation/nouvelle/", page_, persona="equipe", libelle="le choix"),
    ]
    la_plus_riche = (
        Page.objects.publiees()
        .annotate(nb_revisions=Count("revisions"))
        .order_by("-nb_revisions", "-nb_reutilisations", "pk")
        .first()
    )
    if la_plus_riche is not None:
        chemin = la_plus_riche.get_absolute_url()
        n = la_plus_riche.nb_revisions  # type: ignore[attr-defined]
        resultat += [
            banc.Page(chemin, detail, libelle="la plus révisée"),
            banc.Page(chemin, detail, persona="relais", libelle="la plus révisée"),
            banc.Page(chemin, detail, persona="equipe", libelle="la plus révisée"),
            banc.Page(f"{chemin}markdown/", detail, libelle="en Markdown"),
            banc.Page(f"{chemin}historique/", liste, libelle="son historique"),
            banc.Page(f"{chemin}historique/1/", detail, libelle="sa première révision"),
            banc.Page(f"{chemin}comparer/?de=1&a={n}", detail, libelle=f"révisions 1 et {n}"),
            banc.Page(f"{chemin}modifier/", page_, persona="equipe", libelle="l'éditeur"),
        ]
    # The editor of a new page about an experiment whose community holds events (offered to
    # report on), as the Ti Team opens it from the experiment's page.
    experimentation = (
        Experimentation.objects.filter(communaute__evenements__isnull=False)
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
    )
    if experimentation is not None:
        resultat.append(
            banc.Page(
                f"/documentation/nouvelle/?experimentation={experimentation}",
                page_,
                persona="equipe",
                libelle="l'éditeur d'une nouvelle page",
            )
        )
    return resultat


# Attachments: the generator creates no file; serving one is reading a file from the disk.
LAISSEES_DE_COTE = {
    "documentation:piece_jointe": "le banc ne crée pas de fichiers : servir une pièce jointe "
    "lit un fichier du disque, sans requête au-delà de la page"
}


def compter() -> dict[str, int]:
    return {
        "pages de documentation": Page.objects.count(),
        "révisions": Revision.objects.count(),
        "commentaires de relecture": CommentaireRelecture.objects.count(),
        "réutilisations": Reutilisation.objects.count(),
        "actions du journal de la documentation": ActionPage.objects.count(),
    }
