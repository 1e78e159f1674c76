"""Reading and reusing the documentation: the base, a page, its history and its revisions
compared, its Markdown, its attachments, the declared reuses.

Reads only here, but the declaration of a reuse, which goes through
``documentation.services.reutilisations``. A page nobody may read yet (a draft, a page in
review) answers 404 to whoever ``rules.peut_voir`` refuses, on every address under it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST

from documentation import rules
from documentation.filters import PageFilter
from documentation.models import Licence, Page, PieceJointe, Reutilisation, Revision, SortePage
from documentation.models.pages import CHAMPS_REVISES, LICENCES
from documentation.services.pages import PageImpossible
from documentation.services.pieces_jointes import TYPES_EN_LIGNE
from documentation.services.reutilisations import reutilisation_declarer
from documentation.views.ecriture import contexte_actions
from gouvernance.differences import difference_texte
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import ANCIEN_MEMBRE, Personne
from tilab.francais import compte
from tilab.pagination import paginer
from tilab.recherche import extrait, extrait_surligne, nombre_de_resultats, requete
from tilab.rendus import rendu_retenu
from tilab.textes import ChampNom, ChampTexte

PAGES_PAR_PAGE = 20
REVISIONS_PAR_PAGE = 20
# The most recent reuses shown on a page (its count says how many there are in all).
REUTILISATIONS_AFFICHEES = 30
PAGES_LIEES = 5
# A card of the list reads these columns only: never the body nor the search vector.
CHAMPS_CARTE = (
    "pk",
    "titre",
    "slug",
    "sorte",
    "resume",
    "licence",
    "statut",
    "publiee_le",
    "nb_reutilisations",
    "experimentation__id",
    "experimentation__titre",
    "experimentation__slug",
)
# What a page's own page reads of what it documents: their title and address.
CHAMPS_DOCUMENTES = (
    "experimentation__titre",
    "experimentation__slug",
    "communaute__nom",
    "communaute__slug",
    "problematique__titre",
    "problematique__slug",
    "problematique__publiee_le",
    "evenement__titre",
    "evenement__slug",
    "evenement__publie",
)
CHAMPS_PAGE = (
    "pk",
    "slug",
    *CHAMPS_REVISES,
    "statut",
    "creee_le",
    "modifiee_le",
    "publiee_le",
    "nb_reutilisations",
    "experimentation_id",
    "communaute_id",
    "problematique_id",
    "evenement_id",
)


def nom_de(personne: Personne | None) -> str:
    """A person as every public page names them (``Personne.nom_public``), « ancien membre »
    once their account is deleted. Read with ``select_related("…__organisation")``."""
    return str(ANCIEN_MEMBRE) if personne is None else str(personne.nom_public)


def taille_lisible(octets: int) -> str:
    """A file's size as French readers write it: « 850 octets », « 2,5 Ko », « 1,2 Mo »."""
    if octets < 1024:
        return compte(octets, "octet", "octets", "0 octet")
    for unite, diviseur in (("Ko", 1024), ("Mo", 1024 * 1024)):
        valeur = octets / diviseur
        if valeur < 1024 or unite == "Mo":
            texte = f"{valeur:.1f}".replace(".", ",").removesuffix(",0")
            return f"{texte}\xa0{unite}"
    raise AssertionError  # pragma: no cover (the loop always returns)


def nb_reutilisations(n: int) -> str:
    return compte(n, "réutilisation déclarée", "réutilisations déclarées", "aucune réutilisation")


# --- The base: the list, its facets and its search ---------------------------------------------


def extrait_sur(brut: str | None) -> SafeString:
    """An extract read with :func:`avec_extraits`, as HTML (``tilab.recherche``)."""
    return extrait_surligne(brut)


def avec_extraits(pages: QuerySet[Page], texte: str) -> QuerySet[Page]:
    """``extrait``: the words found, in context, computed by PostgreSQL for the rows of
    ``pages`` only (the page of results, not every match): from the summary when it holds
    them (the author's own words, and a few lines to read instead of the whole body), from
    the summary and body otherwise."""
    options: dict[str, Any] = {
        "max_words": 35,
        "min_words": 15,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }
    return pages.annotate(
        extrait=Case(
            When(resume__search=requete(texte), then=extrait("resume", texte, **options)),
            default=extrait(
                Concat("resume", Value("\n"), "corps", output_field=TextField()),
                texte,
                **options,
            ),
        )
    )


def avec_noms_themes_territoires(pages: QuerySet[Page]) -> QuerySet[Page]:
    """``noms_themes`` and ``noms_territoires``: the names a card shows, in order, read with
    the pages (two arrays of a correlated subquery each) rather than prefetched as objects."""
    themes = Page.themes.through.objects.filter(page_id=OuterRef("pk"))
    territoires = Page.territoires.through.objects.filter(page_id=OuterRef("pk"))
    return pages.annotate(
        noms_themes=ArraySubquery(themes.order_by("theme__nom").values("theme__nom")),
        noms_territoires=ArraySubquery(
            territoires.order_by("territoire__nom").values("territoire__nom")
        ),
    )


def carte(page: Page, *, extrait: str | None = None) -> SafeString:
    """A page's card on the base (``_page_carte.html``), read with the list's columns and the
    names of its themes and territories (:func:`avec_noms_themes_territoires`); ``extrait``,
    the extract of a search as PostgreSQL marks it (:func:`avec_extraits`).

    The template reads nothing but the plain data given to it, so its HTML is kept per process
    under them (``tilab.rendus``, as the COPIL's candidates are): a list renders only the cards
    whose data changed since they were last shown, and any change of them renders the card
    again (there is nothing to forget)."""
    publiee_le = timezone.localtime(page.publiee_le) if page.publiee_le else None
    donnees = {
        "slug": page.slug,
        "titre": page.titre,
        # The enumerations' labels: get_FOO_display() hashes every choice at each call.
        "sorte": str(SortePage(page.sorte).label),
        "extrait": extrait,
        "resume": page.resume,
        "experimentation": page.experimentation.titre if page.experimentation else None,
        "themes": list(page.noms_themes),  # type: ignore[attr-defined]
        "territoires": list(page.noms_territoires),  # type: ignore[attr-defined]
        "licence": str(Licence(page.licence).label),
        "reutilisations": nb_reutilisations(page.nb_reutilisations),
        "publiee_le": publiee_le.isoformat() if publiee_le else None,
    }
    return rendu_retenu("documentation/includes/_page_carte.html", donnees, preparer=_carte_ecrite)


def _carte_ecrite(c: dict[str, Any]) -> dict[str, Any]:
    """What a card shows that its data only imply, worked out when it is rendered: its
    address, its extract marked (escaped, then made safe by :func:`extrait_sur`), its date in
    words."""
    c["url"] = reverse("documentation:page", args=[c["slug"]])
    c["extrait"] = None if c["extrait"] is None else str(extrait_sur(c["extrait"]))
    if c["publiee_le"]:
        c["publiee_le_texte"] = date_format(datetime.fromisoformat(c["publiee_le"]), "j F Y")
    return c


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The published pages, filtered by facets and searched by words, 20 a page."""
    publiees = Page.objects.publiees().select_related("experimentation").only(*CHAMPS_CARTE)
    filtre = PageFilter(request.GET, queryset=publiees)
    recherche = filtre.recherche
    # Without words, by identifiers along the list's index; with words, the search's
    # candidates ranked once, then the page's rows read by key.
    pagination = paginer(
        request,
        filtre.resultats(),
        PAGES_PAR_PAGE,
        garder_filtres=True,
        par_identifiants=not recherche,
    )
    lignes: QuerySet[Page] = pagination["page"].object_list  # type: ignore[assignment]
    if recherche:
        lignes = avec_extraits(lignes, recherche)
    pages = list(avec_noms_themes_territoires(lignes))
    cartes = [
        carte(page, extrait=page.extrait if recherche else None)  # type: ignore[attr-defined]
        for page in pages
    ]
    nombre = pagination["page"].paginator.count
    return render(
        request,
        "documentation/page_liste.html",
        {
            **pagination,
            "filtre": filtre,
            "pages": pages,
            "cartes": cartes,
            "recherche": recherche,
            "nb_resultats": (
                nombre_de_resultats(nombre, "page", "pages", "aucune page")
                if recherche
                else compte(nombre, "page", "pages", "aucune page")
            ),
            "filtre_actif": filtre.est_actif(),
            "resume_filtres": filtre.resume(),
            "peut_creer": rules.peut_creer(request.user),
        },
    )


# --- A page ------------------------------------------------------------------------------------


def _page_visible(request: HttpRequest, slug: str, pages: QuerySet[Page] | None = None) -> Page:
    """The page, if the person may read it; for everyone else it does not exist."""
    if pages is None:
        pages = Page.objects.defer("vecteur_recherche", "vecteur_titre")
    page = get_object_or_404(pages, slug=slug)
    if not rules.peut_voir(request.user, page):
        raise Http404("Aucune page de documentation ne porte cette adresse.")
    return page


def _page_complete() -> QuerySet[Page]:
    """A page with what its own page shows of it: what it documents, the names of its themes
    and territories, the keys of its themes and of its authors (arrays read with the page),
    authors (with their organisation, for their public name), attachments."""
    ids_themes = Page.themes.through.objects.filter(page_id=OuterRef("pk")).order_by("theme_id")
    return (
        avec_noms_themes_territoires(
            Page.objects.select_related(
                "experimentation", "communaute", "problematique", "evenement"
            )
            .only(*CHAMPS_PAGE, *CHAMPS_DOCUMENTES)
            .avec_ids_auteurs()
        )
        .annotate(ids_themes=ArraySubquery(ids_themes.values("theme_id")))
        .prefetch_related(
            Prefetch(
                "auteurs",
                queryset=Personne.objects.select_related("organisation").order_by(
                    "last_name", "first_name", "pk"
                ),
            ),
            Prefetch(
                "pieces_jointes",
                queryset=PieceJointe.objects.only(
                    "pk", "page_id", "nom", "type_mime", "extension", "taille"
                ).order_by("pk"),
            ),
        )
    )


def documente(page: Page) -> list[tuple[str, str, str]]:
    """``(what, title, address)`` of what the page documents and anyone may read."""
    liens = []
    if page.experimentation is not None:
        e = page.experimentation
        liens.append(("Expérimentation", e.titre, e.get_absolute_url()))
    if page.communaute is not None:
        c = page.communaute
        liens.append(("Communauté", c.nom, c.get_absolute_url()))
    if page.problematique is not None and page.problematique.est_publique:
        p = page.problematique
        liens.append(("Problématique", p.titre, p.get_absolute_url()))
    if page.evenement is not None and page.evenement.publie:
        ev = page.evenement
        liens.append(("Événement", ev.titre, ev.get_absolute_url()))
    return liens


def attribution(page: Page, auteurs: list[Personne], adresse: str) -> str:
    """How to credit the page when reusing it, ready to copy."""
    parties = [f"« {page.titre} »"]
    if auteurs:
        parties.append("par " + ", ".join(nom_de(a) for a in auteurs))
    parties += [
        "Ti Lab",
        adresse,
        f"licence {page.get_licence_display()}",
        f"consulté le {date_format(timezone.localdate(), 'j F Y')}",
    ]
    return ", ".join(parties)


def pages_liees(page: Page, themes: list[int]) -> list[Page]:
    """Up to five published pages sharing a theme or the experiment, the most recent first,
    in one query read along the list's index."""
    condition = Q()
    if themes:
        liens = Page.themes.through.objects.filter(page_id=OuterRef("pk"), theme_id__in=themes)
        condition |= Q(Exists(liens))
    if page.experimentation_id is not None:
        condition |= Q(experimentation_id=page.experimentation_id)
    if not condition:
        return []
    return list(
        Page.objects.publiees()
        .filter(condition)
        .exclude(pk=page.pk)
        .only("pk", "titre", "slug", "sorte", "resume")
        .order_by("-publiee_le", "-id")[:PAGES_LIEES]
    )


class ReutilisationForm(forms.Form):
    """« J'ai réutilisé cette ressource »: where, and how (public)."""

    ou = ChampNom(
        label="Où l'avez-vous réutilisée ?",
        max_length=200,
        help_text="La collectivité, l'association ou le territoire où la ressource a servi.",
        error_messages={"required": "Dites où la ressource a servi."},
    )
    comment = ChampTexte(
        label="Comment ?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ce que vous en avez fait, ce que vous avez adapté. Ce texte sera public. "
        "Mise en forme possible : **gras**, *italique*, listes avec « - ».",
        error_messages={"required": "Dites ce que vous en avez fait."},
    )


def _erreurs_du_service(formulaire: forms.Form, refus: ValidationError) -> None:
    if hasattr(refus, "error_dict"):
        for champ, erreurs in refus.message_dict.items():
            formulaire.add_error(champ if champ in formulaire.fields else None, erreurs)
    else:
        formulaire.add_error(None, refus.messages)


def ligne_de_reutilisation(reutilisation: Reutilisation) -> SafeString:
    """A declared reuse as its page lists it (``_reutilisation.html``), read with
    ``select_related("par__organisation", "organisation")``.

    The template reads nothing but the plain data given to it, so its HTML is kept per process
    under them (``tilab.rendus``, as the base's cards are): a page renders only the reuses
    whose data changed since they were last shown (their Markdown, above all)."""
    par = reutilisation.par
    nom_par = nom_de(par)
    organisation = reutilisation.organisation
    # Not said twice: a person named by their organisation (« un membre de Brest Métropole »)
    # who declares for that same organisation.
    deja_nommee = (
        par is not None
        and organisation is not None
        and par.organisation_id == organisation.pk
        and nom_par != par.get_full_name()
    )
    donnees = {
        "ou": reutilisation.ou,
        "nom_par": nom_par,
        "organisation": None if organisation is None or deja_nommee else organisation.nom,
        "le": timezone.localtime(reutilisation.le).isoformat(),
        "comment": reutilisation.comment,
    }
    return rendu_retenu(
        "documentation/includes/_reutilisation.html", donnees, nom="r", preparer=_date_lue
    )


def _date_lue(ligne: dict[str, Any]) -> dict[str, Any]:
    """The local time ``le`` of a row kept by ``tilab.rendus``, back to a date for the template."""
    ligne["le"] = datetime.fromisoformat(ligne["le"])
    return ligne


def _rendre_page(
    request: HttpRequest,
    page: Page,
    *,
    formulaire: ReutilisationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    droits = rules.droits(user, page)
    auteurs = list(page.auteurs.all())
    adresse = request.build_absolute_uri(page.get_absolute_url())
    reutilisations = list(
        page.reutilisations.select_related("par__organisation", "organisation").order_by(
            "-le", "-pk"
        )[:REUTILISATIONS_AFFICHEES]
    )
    pieces = list(page.pieces_jointes.all())
    for piece in pieces:
        piece.taille_lisible = taille_lisible(piece.taille)  # type: ignore[attr-defined]
    if droits["reutiliser"] and formulaire is None:
        formulaire = ReutilisationForm()
    contexte = {
        "page": page,
        "droits": droits,
        "auteurs": [nom_de(a) for a in auteurs],
        "themes": page.noms_themes,  # type: ignore[attr-defined]
        "territoires": page.noms_territoires,  # type: ignore[attr-defined]
        "pieces": pieces,
        "documente": documente(page),
        "licence": LICENCES[page.licence],
        "attribution": attribution(page, auteurs, adresse),
        "adresse": adresse,
        "liees": pages_liees(page, page.ids_themes),  # type: ignore[attr-defined]
        "reutilisations": [ligne_de_reutilisation(r) for r in reutilisations],
        "libelle_reutilisations": nb_reutilisations(page.nb_reutilisations),
        "reutilisations_tronquees": page.nb_reutilisations > len(reutilisations),
        "formulaire": formulaire if droits["reutiliser"] else None,
        "connexion_requise": not regles_comptes.est_connecte(user) and page.est_publique,
        "adresse_a_verifier": regles_comptes.est_connecte(user)
        and page.est_publique
        and not droits["reutiliser"],
        # The writers' and reviewers' actions (documentation.views.ecriture).
        **contexte_actions(request, page, droits),
    }
    reponse = render(request, "documentation/page_detail.html", contexte, status=status)
    return _prive_si_besoin(reponse, page)


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A page: its text, what it documents, its licence and how to credit it, its
    attachments, related pages, the declared reuses and the form to declare one."""
    return _rendre_page(request, _page_visible(request, slug, _page_complete()))


@require_POST
def reutiliser(request: HttpRequest, slug: str) -> HttpResponse:
    """Declare a reuse of a public page; refused input comes back with its errors and what
    was typed (400)."""
    page = _page_visible(request, slug, _page_complete())
    adresse = page.get_absolute_url()
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(adresse)
    if not page.est_publique:
        raise PermissionDenied("Seule une page publiée se réutilise.")
    if not regles_comptes.a_une_adresse_verifiee(request.user):
        return regles_comptes.adresse_verifiee_requise(lambda r: redirect(adresse))(request)
    formulaire = ReutilisationForm(request.POST)
    if formulaire.is_valid():
        try:
            reutilisation_declarer(
                page=page,
                par=regles_comptes.personne_connectee(request),
                ou=formulaire.cleaned_data["ou"],
                comment=formulaire.cleaned_data["comment"],
            )
        except PageImpossible as refus:
            _erreurs_du_service(formulaire, refus)
        else:
            messages.success(
                request,
                "Merci ! Votre réutilisation est publiée sur la page : c'est ainsi que se "
                "mesure l'essaimage.",
            )
            return redirect(f"{adresse}#reutilisations")
    return _rendre_page(request, page, formulaire=formulaire, status=400)


def _prive_si_besoin[R: HttpResponseBase](reponse: R, page: Page) -> R:
    # What is not public is never kept by a shared cache.
    if not page.est_publique:
        reponse["Cache-Control"] = "private"
    return reponse


def texte_markdown(page: Page, auteurs: list[Personne], adresse: str) -> str:
    """The page as a Markdown file: title, summary, metadata, body, conditions, contact."""
    licence = LICENCES[page.licence]
    lignes = [f"# {page.titre}", ""]
    if page.resume:
        lignes += [page.resume, ""]
    lignes += [
        f"- Type de page : {SortePage(page.sorte).label}",
        f"- Licence : {page.get_licence_display()} ({licence.nom}, {licence.adresse})",
        f"- Pour citer : {attribution(page, auteurs, adresse)}",
    ]
    if auteurs:
        lignes.append("- Auteurs et autrices : " + ", ".join(nom_de(a) for a in auteurs))
    lignes.append(f"- Adresse : {adresse}")
    if page.publiee_le:
        lignes.append(f"- Publiée le : {date_format(timezone.localdate(page.publiee_le), 'j F Y')}")
    lignes += ["", "---", "", page.corps, ""]
    if page.conditions_reutilisation:
        lignes += ["## Conditions de réutilisation", "", page.conditions_reutilisation, ""]
    if page.contact:
        lignes += ["## Contact", "", page.contact, ""]
    return "\n".join(lignes)


@require_GET
def markdown(request: HttpRequest, slug: str) -> HttpResponse:
    """The page as a ``.md`` file, to reuse it elsewhere."""
    page = _page_visible(
        request,
        slug,
        Page.objects.defer("vecteur_recherche", "vecteur_titre")
        .avec_ids_auteurs()
        .prefetch_related(
            Prefetch("auteurs", queryset=Personne.objects.select_related("organisation"))
        ),
    )
    auteurs = sorted(page.auteurs.all(), key=lambda a: (a.last_name, a.first_name, a.pk))
    adresse = request.build_absolute_uri(page.get_absolute_url())
    reponse = HttpResponse(
        texte_markdown(page, auteurs, adresse), content_type="text/markdown; charset=utf-8"
    )
    reponse["Content-Disposition"] = f'attachment; filename="{page.slug}.md"'
    return _prive_si_besoin(reponse, page)


# --- History, revisions, differences -------------------------------------------------------


def _page_en_tete(request: HttpRequest, slug: str) -> Page:
    """The page as the history's pages show it: its title and state, not its text."""
    return _page_visible(
        request,
        slug,
        Page.objects.only(
            "pk",
            "titre",
            "slug",
            "statut",
            "licence",
            "publiee_le",
            "experimentation_id",
            "communaute_id",
        ),
    )


@require_GET
def historique(request: HttpRequest, slug: str) -> HttpResponse:
    """Every revision of the page, the newest first, 20 a page, and the form comparing two."""
    page = _page_en_tete(request, slug)
    revisions = (
        page.revisions.select_related("par__organisation")
        .defer("resume", "corps", "conditions_reutilisation", "contact")
        .annotate(numero_restaure=F("restaure__numero"))
        .order_by("-numero")
    )
    pagination = paginer(request, revisions, REVISIONS_PAR_PAGE)
    lignes = list(pagination["page"].object_list)
    for ligne in lignes:
        ligne.nom_par = nom_de(ligne.par)  # type: ignore[attr-defined]
    derniere = pagination["page"].paginator.count
    droits = rules.droits(request.user, page)
    reponse = render(
        request,
        "documentation/page_historique.html",
        {
            **pagination,
            # The documentation page; the page of revisions is ``pagination_page``.
            "page": page,
            "pagination_page": pagination["page"],
            "revisions": lignes,
            "droits": droits,
            **contexte_actions(request, page, droits),
            "comparaison": ComparaisonForm(
                initial={"de": max(derniere - 1, 1), "a": derniere}, derniere=derniere
            ),
            "nb_revisions": compte(derniere, "révision", "révisions", "aucune révision"),
        },
    )
    return _prive_si_besoin(reponse, page)


@require_GET
def revision(request: HttpRequest, slug: str, numero: int) -> HttpResponse:
    """One revision's text as it was saved."""
    page = _page_en_tete(request, slug)
    ancienne = get_object_or_404(
        page.revisions.select_related("par__organisation").annotate(
            numero_restaure=F("restaure__numero")
        ),
        numero=numero,
    )
    derniere = page.revisions.order_by("-numero").values_list("numero", flat=True).first()
    reponse = render(
        request,
        "documentation/page_revision.html",
        {
            "page": page,
            "revision": ancienne,
            "nom_par": nom_de(ancienne.par),
            "est_la_derniere": ancienne.numero == derniere,
            "licence": LICENCES[ancienne.licence],
        },
    )
    return _prive_si_besoin(reponse, page)


class ComparaisonForm(forms.Form):
    """Two revisions of a page, by number, in any order."""

    de = forms.IntegerField(label="De la révision", min_value=1)
    a = forms.IntegerField(label="à la révision", min_value=1)

    def __init__(self, *args: Any, derniere: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for champ in self.fields.values():
            assert isinstance(champ, forms.IntegerField)
            champ.max_value = max(derniere, 1)
            champ.widget.attrs.update({"min": 1, "max": max(derniere, 1)})
            champ.help_text = f"Un numéro de 1 à {derniere}."
            champ.error_messages = {
                "required": "Indiquez un numéro de révision.",
                "invalid": "Écrivez un numéro de révision en chiffres, par exemple 2.",
                "min_value": "Les révisions sont numérotées à partir de 1.",
            }
            # The range is checked in clean(), with the page's own last number in the message.
            champ.validators = []
        self._derniere = derniere

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        for nom in ("de", "a"):
            valeur = donnees.get(nom)
            if valeur is not None and valeur < 1:
                self.add_error(nom, "Les révisions sont numérotées à partir de 1.")
            elif valeur is not None and valeur > self._derniere:
                pluriel = "s" if self._derniere > 1 else ""
                self.add_error(
                    nom,
                    f"La page a {self._derniere} révision{pluriel} : choisissez un numéro "
                    f"de 1 à {self._derniere}.",
                )
        if donnees.get("de") is not None and donnees.get("de") == donnees.get("a"):
            self.add_error("a", "Choisissez deux révisions différentes.")
        return donnees


# The fields compared, with their label; the licence and the kind by their name.
CHAMPS_COMPARES = (
    ("titre", "Titre"),
    ("sorte", "Type de page"),
    ("resume", "Résumé"),
    ("corps", "Contenu"),
    ("licence", "Licence"),
    ("conditions_reutilisation", "Conditions de réutilisation"),
    ("contact", "Contact"),
)


def _valeur_comparee(revision: Revision, champ: str) -> str:
    if champ == "licence":
        return str(revision.get_licence_display())
    if champ == "sorte":
        return str(revision.get_sorte_display())
    return str(getattr(revision, champ))


@require_GET
def comparer(request: HttpRequest, slug: str) -> HttpResponse:
    """What changed, field by field, between two revisions (``?de=1&a=3``), words marked with
    ``<ins>``/``<del>`` that a screen reader announces; bad numbers: the form again (400)."""
    page = _page_en_tete(request, slug)
    derniere = page.revisions.order_by("-numero").values_list("numero", flat=True).first() or 0
    demandee = "de" in request.GET or "a" in request.GET
    if demandee:
        formulaire = ComparaisonForm(request.GET, derniere=derniere)
    else:
        formulaire = ComparaisonForm(
            initial={"de": max(derniere - 1, 1), "a": derniere}, derniere=derniere
        )
    contexte: dict[str, Any] = {"page": page, "comparaison": formulaire, "demandee": demandee}
    if demandee and formulaire.is_valid():
        numeros = [formulaire.cleaned_data["de"], formulaire.cleaned_data["a"]]
        revisions = {
            r.numero: r
            for r in page.revisions.select_related("par__organisation").filter(numero__in=numeros)
        }
        for nom, numero in zip(("de", "a"), numeros, strict=True):
            if numero not in revisions:
                formulaire.add_error(nom, f"La page n'a pas de révision {numero}.")
    if demandee and formulaire.is_valid():
        de, a = revisions[numeros[0]], revisions[numeros[1]]
        changes, inchanges = [], []
        for champ, libelle in CHAMPS_COMPARES:
            avant, apres = _valeur_comparee(de, champ), _valeur_comparee(a, champ)
            if avant == apres:
                inchanges.append(libelle)
            else:
                changes.append((champ, libelle, difference_texte(avant, apres)))
        contexte |= {
            "de": de,
            "a": a,
            "nom_de": nom_de(de.par),
            "nom_a": nom_de(a.par),
            "changes": changes,
            "inchanges": inchanges,
        }
    status = 400 if demandee and not formulaire.is_valid() else 200
    reponse = render(request, "documentation/page_comparer.html", contexte, status=status)
    return _prive_si_besoin(reponse, page)


# --- Attachments ---------------------------------------------------------------------------------


def disposition(mode: str, nom: str) -> str:
    """``Content-Disposition`` with the display name: an ASCII fallback for old clients, the
    exact name in UTF-8 (RFC 5987 / RFC 6266) for the others."""
    repli = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in nom)
    return f"{mode}; filename=\"{repli}\"; filename*=UTF-8''{quote(nom, safe='')}"


@require_GET
def piece_jointe(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    """An attachment's file, with the type read from its content when it was added, shown in
    the browser when it is a PDF or an image, downloaded otherwise, in a sandbox."""
    page = _page_visible(request, slug, Page.objects.only("pk", "slug", "statut"))
    piece = get_object_or_404(PieceJointe.objects.filter(page=page), pk=pk)
    try:
        fichier = piece.fichier.open("rb")
    except (FileNotFoundError, ValueError) as absent:
        raise Http404("Ce fichier n'est plus disponible.") from absent
    reponse = FileResponse(fichier, content_type=piece.type_mime)
    mode = "inline" if piece.type_mime in TYPES_EN_LIGNE else "attachment"
    reponse["Content-Disposition"] = disposition(mode, piece.nom)
    reponse["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the file can run nothing and reach nothing, whatever it holds.
    reponse["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _prive_si_besoin(reponse, page)
