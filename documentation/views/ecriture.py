"""Writing and reviewing documentation pages: the editor with its preview, submission, the
review's comments, publication, archiving, restoring a revision, attachments; the review queue
of the Ti Team and the pages a person wrote.

Every change goes through ``documentation.services``; these views check who asks (a visitor
logs in first, a page the person may not read does not exist for them, a page they read but
may not change is a 403), turn the services' refusals into messages next to the fields, and
redirect after each POST.

The reading pages (:mod:`documentation.views.lecture`) show the actions of a page through
``templates/documentation/includes/_page_actions.html`` and ``_revision_actions.html``: their
view adds :func:`contexte_actions` to its context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from communautes.models import Communaute
from documentation import rules, sujets
from documentation.forms import (
    ArchivageForm,
    CommentaireForm,
    PageForm,
    PieceJointeForm,
    erreurs_du_service,
)
from documentation.models import (
    CommentaireRelecture,
    Page,
    PageAttendue,
    PieceJointe,
    Revision,
    SortePage,
    StatutPage,
)
from documentation.models.pages import STATUTS_PUBLICS
from documentation.models.reutilisations import (
    SORTES_DUES_PAR_DEFAUT,
    STATUTS_LANCES,
    due_des,
    sortes_dues,
)
from documentation.services.pages import (
    LISTE_DE_CONTROLE,
    Contenu,
    PageImpossible,
    manques,
    page_archiver,
    page_commenter,
    page_creer,
    page_enregistrer,
    page_publier,
    page_soumettre,
    revision_restaurer,
)
from documentation.services.pieces_jointes import (
    DESCRIPTION_DES_TYPES,
    piece_jointe_ajouter,
    piece_jointe_retirer,
)
from experimentations.models import Experimentation, StatutExperimentation
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne, nom_complet
from tilab.dates import date_francaise
from tilab.pagination import paginer
from tilab.rendus import rendu_retenu

PAGES_PAR_PAGE = 20
# The review queue's second list and its pages owed are capped, and say so: the first list,
# the pages in review, is the one paginated.
BROUILLONS_AFFICHES = 20
# The pages experiments owe, a page of the list at a time (``?attendues=2``), without a count;
# a deeper page walks further, so a link cannot ask for more than the list could hold.
EXPERIMENTATIONS_AFFICHEES = 30
NUMERO_MAXIMAL = 1000


# --- Addresses and checks shared by the views -------------------------------------------------


def adresse_de(page: Page) -> str:
    """The page's reading address (``documentation:page``)."""
    return page.get_absolute_url()


def adresse_de_l_editeur(page: Page) -> str:
    return reverse("documentation:modifier", kwargs={"slug": page.slug})


def _page_visible(request: HttpRequest, slug: str) -> Page:
    """The page, if the person may read it; for anyone else it does not exist (a draft
    never shows, not even by a 403)."""
    page = get_object_or_404(
        Page.objects.select_related("experimentation", "communaute"), slug=slug
    )
    if not rules.peut_voir(request.user, page):
        raise Http404("Aucune page de documentation à cette adresse.")
    return page


def _refus(request: HttpRequest, page: Page, *, qui_peut: bool, message: str) -> HttpResponse:
    """A step refused: for one who may take it in another state, back to the page with
    ``message``; for anyone else, the 403 page."""
    if not qui_peut:
        raise PermissionDenied
    messages.error(request, message)
    return redirect(adresse_de(page))


def _erreurs_en_mots(formulaire: Any) -> str:
    # For a form that lives on the reading page: its errors come back as a message.
    return " ".join(str(e) for liste in formulaire.errors.values() for e in liste)


MESSAGE_ARCHIVEE = "Cette page est archivée : elle reste lisible mais ne se modifie plus."


# --- The editor -------------------------------------------------------------------------------


# How many of the experiments being run the Ti Team sees when choosing what a page documents
# (the others from their own page, or through the portal's search).
EXPERIMENTATIONS_PROPOSEES = 12


def _choisir(request: HttpRequest, personne: Personne, *, refus: str = "") -> HttpResponse:
    """What the new page will document: the person's own experiments and communities, and for
    the Ti Team the experiments being run, the search that leads to any other, and a page of
    the lab without a project. One project and nothing refused: straight to the editor."""
    experimentations, communautes = rules.projets_de(personne)
    equipe = regles_comptes.est_ti_team(personne)
    if not equipe and not refus and len(experimentations) + len(communautes) == 1:
        nom, objet = (
            ("experimentation", experimentations[0])
            if experimentations
            else ("communaute", communautes[0])
        )
        return redirect(f"{reverse('documentation:nouvelle')}?{nom}={objet.slug}")
    contexte: dict[str, Any] = {
        "experimentations": experimentations,
        "communautes": communautes,
        "equipe": equipe,
        "refus": refus,
    }
    if equipe:
        mes_pk = {e.pk for e in experimentations}
        contexte["en_cours"] = [
            e
            for e in Experimentation.objects.filter(statut=StatutExperimentation.EN_COURS)
            .only("pk", "slug", "titre")
            .order_by("-pk")[: EXPERIMENTATIONS_PROPOSEES + len(mes_pk)]
            if e.pk not in mes_pk
        ][:EXPERIMENTATIONS_PROPOSEES]
    return render(request, "documentation/page_choisir.html", contexte)


def _revision_demandee(donnees: dict[str, Any]) -> dict[str, Any]:
    """What the editor's clean form gives a service that saves a revision: the page's text,
    its themes and territories, the revision's note."""
    return {
        "contenu": Contenu(
            titre=donnees["titre"],
            sorte=donnees["sorte"],
            resume=donnees["resume"],
            corps=donnees["corps"],
            licence=donnees["licence"],
            conditions_reutilisation=donnees["conditions_reutilisation"],
            contact=donnees["contact"],
        ),
        "themes": list(donnees["themes"]),
        "territoires": donnees["territoires"],
        "note": donnees["note"],
    }


def _apercu(request: HttpRequest) -> dict[str, str]:
    return {"resume": request.POST.get("resume", ""), "corps": request.POST.get("corps", "")}


def _initial_de(page: Page) -> dict[str, Any]:
    return {
        "titre": page.titre,
        "sorte": page.sorte,
        "resume": page.resume,
        "corps": page.corps,
        "licence": page.licence,
        "conditions_reutilisation": page.conditions_reutilisation,
        "contact": page.contact,
        "themes": [t.pk for t in page.themes.all()],
        "territoires": list(page.territoires.values_list("slug", flat=True)),
    }


def _rendre_editeur(
    request: HttpRequest,
    *,
    page: Page | None,
    formulaire: PageForm,
    apercu: dict[str, str] | None = None,
    formulaire_piece: PieceJointeForm | None = None,
    sujet: sujets.Sujet | None = None,
    status: int = 200,
) -> HttpResponse:
    contexte: dict[str, Any] = {
        "sujet": sujet,
        "page": page,
        "form": formulaire,
        "apercu": apercu,
        "liste_de_controle": [texte for _champ, texte in LISTE_DE_CONTROLE],
    }
    if page is not None:
        contexte |= {
            "publiee": page.statut == StatutPage.PUBLIEE,
            "adresse_page": adresse_de(page),
            "pieces": list(page.pieces_jointes.order_by("pk")),
            "formulaire_piece": formulaire_piece or PieceJointeForm(),
            "types_acceptes": DESCRIPTION_DES_TYPES,
        }
    return render(request, "documentation/page_editer.html", contexte, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def nouvelle(request: HttpRequest) -> HttpResponse:
    """Start a page: first what it documents (:func:`_choisir`, unless the address says it),
    then its first revision, a draft of which the person is the author."""
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(request.get_full_path())
    if not rules.peut_creer(request.user):
        raise PermissionDenied
    personne = regles_comptes.personne_connectee(request)
    donnees = request.POST if request.method == "POST" else request.GET
    if request.method != "POST" and not (sujets.demande(donnees) or "sans-projet" in donnees):
        return _choisir(request, personne)
    try:
        sujet: sujets.Sujet | None = (
            sujets.lire_de_l_editeur(personne, donnees)
            if request.method == "POST"
            else sujets.lire(personne, donnees)
        )
    except ValidationError as refus:
        if request.method != "POST":
            return _choisir(request, personne, refus=refus.messages[0])
        sujet = None
    evenements = sujets.evenements_proposes(personne, sujet) if sujet else []
    apercu = None
    status = 200
    if request.method == "POST" and "apercu" in request.POST:
        # Preview: what was typed comes back with its rendering; nothing is checked or saved.
        formulaire = PageForm.pour_apercu(request.POST, evenements=evenements)
        apercu = _apercu(request)
    elif request.method == "POST":
        formulaire = PageForm(request.POST, evenements=evenements)
        if sujet is None:
            formulaire.add_error(None, sujets.MESSAGE_INTROUVABLE)
        elif formulaire.is_valid():
            try:
                page = page_creer(
                    par=personne,
                    **_revision_demandee(formulaire.cleaned_data),
                    **sujet.pour_le_service(),
                )
            except PageImpossible as refus:
                erreurs_du_service(formulaire, refus)
            else:
                messages.success(
                    request,
                    "Le brouillon est enregistré. Il n'est visible que par les personnes "
                    "qui écrivent la page et par l'équipe, jusqu'à sa publication.",
                )
                return redirect(adresse_de(page))
        status = 400
    else:
        initial = {}
        if sujet is not None and sujet.evenement is not None:
            initial = {"sorte": SortePage.COMPTE_RENDU, "evenement": sujet.evenement.slug}
        formulaire = PageForm(evenements=evenements, initial=initial)
    return _rendre_editeur(
        request, page=None, formulaire=formulaire, apercu=apercu, sujet=sujet, status=status
    )


def _page_a_ecrire(request: HttpRequest, slug: str) -> Page | HttpResponse:
    """The page the person may change, or the answer that says why not."""
    page = _page_visible(request, slug)
    if not rules.peut_ecrire(request.user, page):
        return _refus(
            request,
            page,
            qui_peut=page.statut == StatutPage.ARCHIVEE and rules.est_redacteur(request.user, page),
            message=MESSAGE_ARCHIVEE,
        )
    return page


@require_http_methods(["GET", "HEAD", "POST"])
def modifier(request: HttpRequest, slug: str) -> HttpResponse:
    """Save a new revision of the page; its attachments are added and removed here too."""
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(request.get_full_path())
    page = _page_a_ecrire(request, slug)
    if isinstance(page, HttpResponse):
        return page
    apercu = None
    status = 200
    if request.method == "POST" and "apercu" in request.POST:
        formulaire = PageForm.pour_apercu(request.POST)
        apercu = _apercu(request)
    elif request.method == "POST":
        formulaire = PageForm(request.POST)
        if formulaire.is_valid():
            try:
                revision = page_enregistrer(
                    page=page,
                    par=regles_comptes.personne_connectee(request),
                    **_revision_demandee(formulaire.cleaned_data),
                )
            except PageImpossible as refus:
                erreurs_du_service(formulaire, refus)
            else:
                messages.success(
                    request, f"La révision {revision.numero} de la page est enregistrée."
                )
                return redirect(adresse_de(page))
        status = 400
    else:
        formulaire = PageForm(initial=_initial_de(page))
    return _rendre_editeur(request, page=page, formulaire=formulaire, apercu=apercu, status=status)


# --- Attachments ------------------------------------------------------------------------------


@require_POST
def ajouter_piece(request: HttpRequest, slug: str) -> HttpResponse:
    """Attach a file; a refused one comes back to the editor with the reason next to it."""
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(reverse("documentation:modifier", kwargs={"slug": slug}))
    page = _page_a_ecrire(request, slug)
    if isinstance(page, HttpResponse):
        return page
    formulaire_piece = PieceJointeForm(request.POST, request.FILES)
    if formulaire_piece.is_valid():
        try:
            piece = piece_jointe_ajouter(
                page=page,
                par=regles_comptes.personne_connectee(request),
                fichier=formulaire_piece.cleaned_data["fichier"],
            )
        except PageImpossible as refus:
            erreurs_du_service(formulaire_piece, refus)
        else:
            messages.success(request, f"« {piece.nom} » est jointe à la page.")
            return redirect(f"{adresse_de_l_editeur(page)}#pieces-jointes")
    return _rendre_editeur(
        request,
        page=page,
        formulaire=PageForm(initial=_initial_de(page)),
        formulaire_piece=formulaire_piece,
        status=400,
    )


@require_POST
def retirer_piece(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(reverse("documentation:modifier", kwargs={"slug": slug}))
    page = _page_a_ecrire(request, slug)
    if isinstance(page, HttpResponse):
        return page
    piece = get_object_or_404(PieceJointe, page=page, pk=pk)
    try:
        piece_jointe_retirer(piece=piece, par=regles_comptes.personne_connectee(request))
    except PageImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(request, f"« {piece.nom} » est retirée de la page.")
    return redirect(f"{adresse_de_l_editeur(page)}#pieces-jointes")


# --- The steps of a page's life (POST, from the page's actions) ---------------------------------


def _connexion_vers_la_page(slug: str) -> HttpResponse:
    # Back to the page after logging in, not to the POST address (a browser would GET it);
    # written from the slug alone, so that a visitor learns nothing of a draft.
    return redirect_to_login(f"{reverse('documentation:index')}{slug}/")


@require_POST
def soumettre(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask the Documentation role to review a draft."""
    if not regles_comptes.est_connecte(request.user):
        return _connexion_vers_la_page(slug)
    page = _page_visible(request, slug)
    if not rules.peut_soumettre(request.user, page):
        return _refus(
            request,
            page,
            qui_peut=rules.est_redacteur(request.user, page),
            message="Seul un brouillon se soumet à la relecture : cette page est "
            f"« {page.get_statut_display().lower()} ».",
        )
    try:
        page_soumettre(page=page, par=regles_comptes.personne_connectee(request))
    except PageImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(
            request,
            "La page est soumise à la relecture : l'équipe Documentation la relira et vous "
            "répondra dans la discussion de relecture.",
        )
    return redirect(adresse_de(page))


@require_POST
def commenter(request: HttpRequest, slug: str) -> HttpResponse:
    """A comment of the review, and for the Documentation role a request for changes. The
    form lives on the page: a refused comment comes back to it with a message."""
    if not regles_comptes.est_connecte(request.user):
        return _connexion_vers_la_page(slug)
    page = _page_visible(request, slug)
    user = request.user
    if not rules.peut_commenter(user, page):
        return _refus(
            request,
            page,
            qui_peut=rules.est_documentaliste(user) or rules.est_redacteur(user, page),
            message="La relecture d'une page archivée est close.",
        )
    formulaire = CommentaireForm(request.POST, peut_demander=rules.peut_relire(user, page))
    if not formulaire.is_valid():
        messages.error(
            request, "Votre commentaire n'est pas enregistré : " + _erreurs_en_mots(formulaire)
        )
        return redirect(f"{adresse_de(page)}#relecture")
    demande = bool(formulaire.cleaned_data.get("demande_des_modifications"))
    try:
        page_commenter(
            page=page,
            par=regles_comptes.personne_connectee(request),
            texte=formulaire.cleaned_data["texte"],
            demande_des_modifications=demande,
        )
    except PageImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(
            request,
            "Les modifications sont demandées : la page revient à l'état de brouillon."
            if demande
            else "Votre commentaire est ajouté à la relecture.",
        )
    return redirect(f"{adresse_de(page)}#relecture")


@require_POST
def publier(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish a page whose checklist holds: the Documentation role."""
    if not regles_comptes.est_connecte(request.user):
        return _connexion_vers_la_page(slug)
    page = _page_visible(request, slug)
    if not rules.peut_publier_la_page(request.user, page):
        return _refus(
            request,
            page,
            qui_peut=rules.est_documentaliste(request.user),
            message="Seule une page en relecture ou un brouillon se publie : cette page est "
            f"« {page.get_statut_display().lower()} ».",
        )
    try:
        page_publier(page=page, par=regles_comptes.personne_connectee(request))
    except PageImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(request, "La page est publiée : tout le monde peut la lire.")
    return redirect(adresse_de(page))


@require_POST
def archiver(request: HttpRequest, slug: str) -> HttpResponse:
    """Archive a published page, with an optional motive kept in its journal."""
    if not regles_comptes.est_connecte(request.user):
        return _connexion_vers_la_page(slug)
    page = _page_visible(request, slug)
    if not rules.peut_archiver(request.user, page):
        return _refus(
            request,
            page,
            qui_peut=rules.est_documentaliste(request.user),
            message="Seule une page publiée s'archive.",
        )
    formulaire = ArchivageForm(request.POST)
    if not formulaire.is_valid():
        messages.error(request, "La page n'est pas archivée : " + _erreurs_en_mots(formulaire))
        return redirect(adresse_de(page))
    try:
        page_archiver(
            page=page,
            par=regles_comptes.personne_connectee(request),
            motif=formulaire.cleaned_data["motif"],
        )
    except PageImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(
            request, "La page est archivée : elle reste lisible, marquée comme archivée."
        )
    return redirect(adresse_de(page))


@require_POST
def restaurer(request: HttpRequest, slug: str, numero: int) -> HttpResponse:
    """Save an old revision's text as the page's new revision."""
    if not regles_comptes.est_connecte(request.user):
        return _connexion_vers_la_page(slug)
    page = _page_visible(request, slug)
    revision = get_object_or_404(Revision, page=page, numero=numero)
    if not rules.peut_restaurer(request.user, page):
        return _refus(
            request,
            page,
            qui_peut=rules.est_redacteur(request.user, page),
            message=MESSAGE_ARCHIVEE,
        )
    derniere = page.revisions.aggregate(n=Max("numero"))["n"]
    if revision.numero == derniere:
        messages.error(request, f"La révision {numero} est déjà le texte en cours de la page.")
        return redirect(adresse_de(page))
    try:
        nouvelle = revision_restaurer(
            revision=revision, par=regles_comptes.personne_connectee(request)
        )
    except PageImpossible as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(
            request,
            f"Le texte de la révision {numero} est restauré : il devient la révision "
            f"{nouvelle.numero}, l'historique garde les deux.",
        )
    return redirect(adresse_de(page))


# --- What the page's templates show of these actions -------------------------------------------


class ActionsDePage:
    """What ``_page_actions.html`` and ``_revision_actions.html`` read as ``actions``: the
    checklist in words, the forms, and, read only when a template asks for them, the review's
    comments (one query, for those who may read them) and the latest revision's number."""

    def __init__(self, page: Page, droits: dict[str, bool]) -> None:
        self.page = page
        self.droits = droits
        self.formulaire_commentaire = (
            CommentaireForm(peut_demander=droits["relire"]) if droits["commenter"] else None
        )
        self.formulaire_archivage = ArchivageForm() if droits["archiver"] else None

    @cached_property
    def liste_de_controle(self) -> list[tuple[str, bool]]:
        """Each item of the checklist in words, and whether the page meets it (read when a
        template shows it: a page read with some of its texts deferred costs nothing more)."""
        manque = manques(self.page)
        return [(texte, champ not in manque) for champ, texte in LISTE_DE_CONTROLE]

    @cached_property
    def pret(self) -> bool:
        return all(rempli for _texte, rempli in self.liste_de_controle)

    @cached_property
    def commentaires(self) -> list[CommentaireRelecture]:
        if not self.droits["voir_la_relecture"]:
            return []
        return list(
            CommentaireRelecture.objects.filter(page=self.page)
            .select_related("par", "revision")
            .order_by("le", "pk")
        )

    @cached_property
    def derniere_revision(self) -> int:
        return int(self.page.revisions.aggregate(n=Max("numero"))["n"] or 0)


def contexte_actions(
    request: HttpRequest, page: Page, droits: dict[str, bool] | None = None
) -> dict[str, Any]:
    """What the reading views add to a page's context (``**contexte_actions(request, page)``)
    for the two partials of its actions; ``droits``, when the view already has them
    (``rules.droits(request.user, page)``), is not asked again."""
    if droits is None:
        droits = rules.droits(request.user, page)
    return {"actions": ActionsDePage(page, droits)}


# --- The review queue and my pages -------------------------------------------------------------


def _pour_une_liste(pages: QuerySet[Page]) -> QuerySet[Page]:
    """Pages as a list shows them: what they document, their authors' names, the date of their
    latest revision (a correlated subquery along the unique index (page, numero)); without
    their body or search vector."""
    derniere = Revision.objects.filter(page=OuterRef("pk")).order_by("-numero")
    # The title of what a page documents as a subquery, not a join: PostgreSQL reads it for
    # the rows of the page of the list only, not for every page it sorts.
    experimentation = Experimentation.objects.filter(pk=OuterRef("experimentation_id")).order_by()
    communaute = Communaute.objects.filter(pk=OuterRef("communaute_id")).order_by()
    # The authors' names as an array read with each page (joined as Django's get_full_name
    # joins them, then shown through nom_complet), not their rows prefetched: two queries and
    # an object per author fewer.
    auteurs = (
        Page.auteurs.through.objects.filter(page_id=OuterRef("pk"))
        .order_by("personne__last_name", "personne__pk")
        .values(nom=Concat("personne__first_name", Value(" "), "personne__last_name"))
    )
    return pages.defer("corps", "vecteur_recherche", "vecteur_titre").annotate(
        noms_auteurs=ArraySubquery(auteurs),
        revisee_le=Subquery(derniere.values("le")[:1]),
        titre_experimentation=Subquery(experimentation.values("titre")),
        nom_communaute=Subquery(communaute.values("nom")),
    )


def lignes_de_pages(pages: list[Any], date_libelle: str, champ_date: str) -> list[SafeString]:
    """Each page of a writing-side list (read with :func:`_pour_une_liste`) as
    ``_page_ligne.html`` writes it: its checklist's gaps, what it documents, its authors,
    ``date_libelle`` and the date of its attribute ``champ_date``, its latest revision.

    The template reads nothing but the plain data given to it, so its HTML is kept per process
    under them (``tilab.rendus``, as the base's cards are): a list renders only the rows whose
    data changed since they were last shown; any change of them is another key."""
    lignes = []
    for page in pages:
        date = getattr(page, champ_date, None)
        revisee_le = getattr(page, "revisee_le", None)
        donnees = {
            "adresse": adresse_de(page),
            "titre": page.titre,
            # The enumerations' labels: get_FOO_display() hashes every choice at each call.
            "sorte": str(SortePage(page.sorte).label),
            "statut": str(StatutPage(page.statut).label),
            "experimentation": page.titre_experimentation,
            "communaute": page.nom_communaute,
            "auteurs": [nom_complet(nom) for nom in page.noms_auteurs],
            "date_libelle": date_libelle,
            # Local times, written in words by _dates_en_mots only when the row is rendered.
            "date": timezone.localtime(date).isoformat() if date else None,
            "revisee_le": timezone.localtime(revisee_le).isoformat() if revisee_le else None,
            "manques": [str(m) for m in manques(page).values()],
        }
        lignes.append(
            rendu_retenu(
                "documentation/includes/_page_ligne.html",
                donnees,
                nom="l",
                preparer=_dates_en_mots,
            )
        )
    return lignes


def _dates_en_mots(ligne: dict[str, Any]) -> dict[str, Any]:
    for champ, format_ in (("date", "j F Y"), ("revisee_le", "j F Y à H:i")):
        if ligne[champ]:
            ligne[champ] = date_francaise(datetime.fromisoformat(ligne[champ]), format_)
    return ligne


def experimentations_qui_doivent() -> QuerySet[Any, Any]:
    """The experiments that owe a page they have not published: launched ones, whose fiche or
    a kind they declared (:class:`PageAttendue`) has no public page yet, and ended ones
    without their return of experience (``documentation.models.reutilisations.due_des``). The
    longest-standing first, as rows of their ``slug``, ``titre``, ``statut``,
    ``sortes_publiees`` (the kinds of their public pages) and ``sortes_attendues`` (the kinds
    they declared).

    A read whose cost does not follow the number of experiments: no count, no join-and-group,
    no hash of every public page. The rows are walked along the index of their creation dates
    (``experimentation_recentes``) and each is checked by two small subqueries, one over the
    index of its public pages' kinds (``page_doc_sortes_publiques``), one over its declared
    kinds (the unique index of ``PageAttendue``): a page of the list stops the walk once it is
    full. The subqueries are arrays compared in the row, not ``EXISTS``, which PostgreSQL
    would answer by hashing every public page of each kind first."""
    type_sortes = ArrayField(CharField(max_length=30))
    publiques = Page.objects.filter(
        experimentation=OuterRef("pk"), statut__in=STATUTS_PUBLICS
    ).order_by()
    # The kinds every experiment owes in each state (a fiche once launched, and a return of
    # experience once over).
    par_defaut = Cast(
        Case(
            *(
                When(
                    statut=statut,
                    then=Value([s for s in SORTES_DUES_PAR_DEFAUT if statut in due_des(s)]),
                )
                for statut in STATUTS_LANCES
            ),
        ),
        type_sortes,
    )
    return (
        Experimentation.objects.filter(statut__in=STATUTS_LANCES)
        .annotate(
            sortes_publiees=ArraySubquery(publiques.values("sorte"), output_field=type_sortes),
            sortes_attendues=ArraySubquery(
                PageAttendue.objects.filter(experimentation=OuterRef("pk"))
                .order_by()
                .values("sorte"),
                output_field=type_sortes,
            ),
            sortes_dues=Func(
                par_defaut, F("sortes_attendues"), function="array_cat", output_field=type_sortes
            ),
        )
        .exclude(sortes_publiees__contains=F("sortes_dues"))
        .order_by("cree_le", "pk")
        .values("slug", "titre", "statut", "sortes_publiees", "sortes_attendues")
    )


@dataclass(frozen=True)
class PagesDues:
    """A page of :func:`experimentations_qui_doivent` as the review queue shows it."""

    lignes: list[SafeString]  # each row written by _page_due.html
    numero: int
    suivante: bool

    @property
    def precedente(self) -> bool:
        return self.numero > 1

    @property
    def premiere(self) -> int:
        """The rank of its first row in the whole list."""
        return (self.numero - 1) * EXPERIMENTATIONS_AFFICHEES + 1

    @property
    def derniere(self) -> int:
        return self.premiere + len(self.lignes) - 1


def pages_dues(numero: int = 1) -> PagesDues:
    """Page ``numero`` of the experiments that still owe a page, :data:`EXPERIMENTATIONS_AFFICHEES`
    a page, with the kinds each misses; one query (one row more than a page says whether
    another page follows)."""
    debut = (numero - 1) * EXPERIMENTATIONS_AFFICHEES
    lignes = list(experimentations_qui_doivent()[debut : debut + EXPERIMENTATIONS_AFFICHEES + 1])
    resultat = []
    for ligne in lignes[:EXPERIMENTATIONS_AFFICHEES]:
        dues = sortes_dues(
            ligne["statut"], declarees=ligne["sortes_attendues"], en_ligne=ligne["sortes_publiees"]
        )
        donnees = {
            "slug": ligne["slug"],
            "titre": ligne["titre"],
            "statut": str(StatutExperimentation(ligne["statut"]).label),
            "manquantes": [str(d.libelle) for d in dues if d.manquante],
        }
        resultat.append(
            rendu_retenu(
                "documentation/includes/_page_due.html", donnees, nom="e", preparer=_adresses_due
            )
        )
    return PagesDues(
        lignes=resultat, numero=numero, suivante=len(lignes) > EXPERIMENTATIONS_AFFICHEES
    )


def _adresses_due(ligne: dict[str, Any]) -> dict[str, Any]:
    """The addresses of a row of :func:`pages_dues`, worked out when it is rendered only."""
    ligne["adresse"] = reverse("experimentations:detail", kwargs={"slug": ligne["slug"]})
    ligne["nouvelle"] = (
        f"{reverse('documentation:nouvelle')}?{urlencode({'experimentation': ligne['slug']})}"
    )
    return ligne


def _numero(request: HttpRequest, parametre: str) -> int:
    """A page number from the query string: 1 for anything that is not a number, no more
    than :data:`NUMERO_MAXIMAL`."""
    valeur = request.GET.get(parametre, "")
    return min(int(valeur), NUMERO_MAXIMAL) if valeur.isdigit() and int(valeur) > 0 else 1


@require_http_methods(["GET", "HEAD"])
@regles_comptes.regle_requise(regles_comptes.est_ti_team)
def relecture(request: HttpRequest) -> HttpResponse:
    """The Ti Team's review queue: the pages in review, the oldest submission first; the
    drafts sent back with changes asked; the pages experiments still owe."""
    # The oldest submission first (Page.soumise_le, the latest « soumettre » of the page's
    # journal), a page of them read along the queue's index.
    en_relecture = _pour_une_liste(Page.objects.a_relire()).order_by("soumise_le", "pk")
    pagination = paginer(request, en_relecture, PAGES_PAR_PAGE)
    demande = CommentaireRelecture.objects.filter(
        page=OuterRef("pk"), demande_des_modifications=True
    ).order_by("-le", "-pk")
    renvoyees = Page.objects.filter(statut=StatutPage.BROUILLON).filter(Exists(demande))
    brouillons = list(
        _pour_une_liste(renvoyees)
        .annotate(demande_le=Subquery(demande.values("le")[:1]))
        .order_by("-demande_le", "-pk")[:BROUILLONS_AFFICHES]
    )
    nb_brouillons = renvoyees.count() if len(brouillons) == BROUILLONS_AFFICHES else len(brouillons)
    dues = pages_dues(_numero(request, "attendues"))
    return render(
        request,
        "documentation/relecture_liste.html",
        {
            **pagination,
            "en_relecture": lignes_de_pages(
                list(pagination["page"].object_list), "Soumise le", "soumise_le"
            ),
            "brouillons": lignes_de_pages(brouillons, "Modifications demandées le", "demande_le"),
            "nb_brouillons": nb_brouillons,
            "dues": dues,
            "est_documentaliste": rules.est_documentaliste(request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
@regles_comptes.regle_requise(regles_comptes.est_connecte)
def mes_pages(request: HttpRequest) -> HttpResponse:
    """The pages the person is an author of, whatever their state, the latest changed first."""
    personne = regles_comptes.personne_connectee(request)
    pages = _pour_une_liste(
        Page.objects.filter(Q(auteurs=personne)).order_by("-modifiee_le", "-pk")
    )
    pagination = paginer(request, pages, PAGES_PAR_PAGE)
    return render(
        request,
        "documentation/mes_pages.html",
        {
            **pagination,
            "pages": lignes_de_pages(
                list(pagination["page"].object_list), "Modifiée le", "modifiee_le"
            ),
            "peut_creer": rules.peut_creer(request.user),
        },
    )
