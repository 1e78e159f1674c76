"""The public pages of the texts that frame the lab's choices: the theory of transformation
and the selection grid, the version in force and every earlier one, one version with its
consultation (comments by paragraph or criterion, the team's answers), and the difference
between any two versions; the comment and answer forms (POST)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST

from gouvernance import rules
from gouvernance.differences import difference_criteres, difference_texte, paragraphes
from gouvernance.forms.textes import AvisCodirForm, CommentaireForm, ComparaisonForm, ReponseForm
from gouvernance.models import (
    AvisCodir,
    CadreTriennal,
    Commentaire,
    Critere,
    StatutVersion,
    VersionGrille,
    VersionTheorie,
)
from gouvernance.services import consultation as services
from gouvernance.services.textes import avis_codir_enregistrer
from tilab.comptes import rules as regles_comptes
from tilab.markdown import rendre_markdown
from tilab.pagination import paginer
from tilab.requetes import compte_correle

Version = VersionTheorie | VersionGrille


# --- Reads shared by the pages --------------------------------------------------------------


def _visibles(request: HttpRequest, modele: type[Version]) -> QuerySet[Any]:
    """The versions ``request.user`` may read: the public ones; drafts too for those who
    write them (a preview before the consultation)."""
    versions = modele.objects.all()
    if not rules.peut_rediger_les_textes(request.user):
        versions = versions.publiques()
    return versions


def _avec_avis(versions: QuerySet[Any]) -> QuerySet[Any]:
    """The theory's versions with CODIR's latest opinion (one correlated subquery each)."""
    dernier = AvisCodir.objects.filter(version=OuterRef("pk")).order_by("-le", "-pk")
    return versions.annotate(
        avis_valide=Subquery(dernier.values("valide")[:1]),
        avis_le=Subquery(dernier.values("le")[:1]),
    )


def _numeros_publics(modele: type[Version]) -> list[int]:
    return list(modele.objects.publiques().order_by("-numero").values_list("numero", flat=True))


def _criteres(version: VersionGrille) -> list[Critere]:
    return list(version.criteres.prefetch_related("niveaux"))


COMMENTAIRES_PAR_PAGE = 20


@dataclass
class Partie:
    """A paragraph of the theory, or a criterion of the grid, and how many comments it has."""

    numero: int
    html: SafeString | None
    nb_commentaires: int
    critere: Critere | None = None


def _commentaires(version: Version) -> QuerySet[Commentaire]:
    cible = {"theorie": version} if isinstance(version, VersionTheorie) else {"grille": version}
    # The model's order (part, date) is the one of the indexes commentaire_theorie/_grille.
    return Commentaire.objects.filter(**cible)


def _partie_demandee(request: HttpRequest, nombre: int) -> int | str | None:
    """``?partie=`` : a part's number, « ensemble » (the comments on the whole), or every
    comment (``None``, also for anything else)."""
    valeur = request.GET.get("partie", "")
    if valeur == "ensemble":
        return valeur
    numero = _entier(valeur)
    return numero if numero is not None and 1 <= numero <= nombre else None


def _entier(valeur: str) -> int | None:
    """``valeur`` as a number of a few digits, or ``None`` (« ² », « 1e9 », « -1 »…)."""
    if not (valeur.isascii() and valeur.isdigit() and len(valeur) <= 4):
        return None
    return int(valeur)


def _page_version(
    request: HttpRequest,
    version: Version,
    *,
    formulaire: CommentaireForm | None = None,
    reponse: tuple[Commentaire, ReponseForm] | None = None,
    formulaire_avis: AvisCodirForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """One version's page: its text by numbered part, the number of comments on each, the
    comments (all of them, or one part's) a page at a time with the team's answers, and the
    comment form during the consultation. After a refused comment or answer, with the form
    and its errors (``reponse``: the comment answered, shown first, and the form)."""
    theorie = isinstance(version, VersionTheorie)
    commentaires = _commentaires(version)
    comptes: dict[int | None, int] = dict(
        commentaires.order_by().values_list("paragraphe").annotate(n=Count("pk"))
    )
    criteres: list[Critere] = []
    if isinstance(version, VersionTheorie):
        parties = [
            Partie(n, rendre_markdown(texte), comptes.get(n, 0))
            for n, texte in enumerate(paragraphes(version.texte), start=1)
        ]
        choix = [(p.numero, f"Paragraphe {p.numero}") for p in parties]
    else:
        criteres = _criteres(version)
        parties = [Partie(c.ordre, None, comptes.get(c.ordre, 0), critere=c) for c in criteres]
        choix = [(c.ordre, f"Critère {c.ordre} : {c.libelle}") for c in criteres]
    partie = _partie_demandee(request, len(parties))
    if partie == "ensemble":
        commentaires = commentaires.filter(paragraphe__isnull=True)
    elif partie is not None:
        commentaires = commentaires.filter(paragraphe=partie)
    pagination = paginer(
        request,
        commentaires.select_related("auteur__organisation", "repondu_par__organisation"),
        COMMENTAIRES_PAR_PAGE,
        garder_filtres=True,
    )
    ouverte = services.consultation_ouverte(version)
    if formulaire is None and ouverte and rules.peut_commenter_les_textes(request.user):
        initial = _entier(request.GET.get("commenter", ""))
        formulaire = CommentaireForm(
            parties=choix, initial={"paragraphe": initial} if initial else {}
        )
    contexte: dict[str, Any] = {
        **pagination,
        "version": version,
        "theorie": theorie,
        "sorte": "theorie" if theorie else "grille",
        "parties": parties,
        "criteres": criteres,
        "partie": partie,
        "choix_parties": choix,
        "nb_commentaires": sum(comptes.values()),
        "nb_sur_l_ensemble": comptes.get(None, 0),
        "commentaires": list(pagination["page"].object_list),
        "consultation_ouverte": ouverte,
        "consultation_a_venir": (
            version.consultation_debut is not None
            and version.consultation_debut > timezone.localdate()
        ),
        "formulaire": formulaire,
        "peut_repondre": rules.peut_repondre_aux_commentaires(request.user),
        "commentaire_en_erreur": reponse[0] if reponse else None,
        "formulaire_reponse": reponse[1] if reponse else None,
        "brouillon": version.statut == StatutVersion.BROUILLON,
    }
    if isinstance(version, VersionTheorie):
        contexte["avis"] = list(version.avis.all())
        # CODIR records its opinion on a published version here, on the public page.
        if (
            formulaire_avis is None
            and version.statut == StatutVersion.PUBLIEE
            and rules.peut_enregistrer_un_avis_codir(request.user)
        ):
            formulaire_avis = AvisCodirForm(prefix="avis")
        contexte["formulaire_avis"] = formulaire_avis
        contexte["grilles"] = list(version.grilles.publiques().order_by("numero"))
        # The team opens the grid that follows a published version (the back office's step).
        contexte["peut_ouvrir_une_grille"] = (
            version.statut == StatutVersion.PUBLIEE
            and rules.peut_rediger_les_textes(request.user)
            and request.user.is_staff
            and not version.grilles.exclude(statut=StatutVersion.PUBLIEE).exists()
        )
    else:
        contexte["poids_total"] = sum(c.poids for c in criteres)
    gabarit = "gouvernance/theorie_version.html" if theorie else "gouvernance/grille_version.html"
    return render(request, gabarit, contexte, status=status)


def _adresse_du_commentaire(page: str, commentaire: Commentaire) -> str:
    """Where a comment shows: its part's list, on the page it falls on (the newest comes
    last), at its anchor."""
    partie = commentaire.paragraphe or "ensemble"
    cible = {"theorie_id": commentaire.theorie_id, "grille_id": commentaire.grille_id}
    avant = Commentaire.objects.filter(
        Q(cree_le__lt=commentaire.cree_le) | Q(cree_le=commentaire.cree_le, pk__lte=commentaire.pk),
        paragraphe=commentaire.paragraphe,
        **cible,
    ).count()
    numero = (avant - 1) // COMMENTAIRES_PAR_PAGE + 1
    return f"{page}?partie={partie}&page={numero}#commentaire-{commentaire.pk}"


def _comparaison(request: HttpRequest, modele: type[Version]) -> tuple[ComparaisonForm, bool]:
    """The form choosing two public versions, bound when the address asks for a comparison;
    and whether it asked for one."""
    numeros = _numeros_publics(modele)
    demandee = "de" in request.GET or "a" in request.GET
    if not demandee:
        initial = {"de": numeros[1], "a": numeros[0]} if len(numeros) > 1 else {}
        return ComparaisonForm(numeros=numeros, initial=initial), False
    return ComparaisonForm(request.GET, numeros=numeros), True


# --- The theory of transformation ------------------------------------------------------------


@require_GET
def theorie(request: HttpRequest) -> HttpResponse:
    """The version in force, whether CODIR validated it, the frame it serves, every public
    version, and the form comparing two of them."""
    versions = list(_avec_avis(VersionTheorie.objects.publiques()).order_by("-numero"))
    en_vigueur = next((v for v in versions if v.statut == StatutVersion.PUBLIEE), None)
    cadres = list(CadreTriennal.objects.order_by("-debut"))
    cadre = CadreTriennal.objects.en_vigueur()
    contexte = {
        "en_vigueur": en_vigueur,
        "avis": list(en_vigueur.avis.all()) if en_vigueur else [],
        "versions": versions,
        "cadre": cadre,
        "cadres_passes": [c for c in cadres if cadre is None or c.pk != cadre.pk],
        "comparaison": _comparaison(request, VersionTheorie)[0],
    }
    return render(request, "gouvernance/theorie.html", contexte)


@require_GET
def theorie_version(request: HttpRequest, numero: int) -> HttpResponse:
    version = _visibles(request, VersionTheorie).filter(numero=numero).first()
    if version is None:
        raise Http404("Aucune version publique de la théorie ne porte ce numéro.")
    return _page_version(request, version)


@require_GET
def theorie_comparer(request: HttpRequest) -> HttpResponse:
    """The words that changed between two public versions, with ``<ins>``/``<del>``."""
    formulaire, demandee = _comparaison(request, VersionTheorie)
    contexte: dict[str, Any] = {"comparaison": formulaire, "demandee": demandee}
    if demandee and formulaire.is_valid():
        versions = {
            v.numero: v
            for v in VersionTheorie.objects.publiques().filter(
                numero__in=[formulaire.cleaned_data["de"], formulaire.cleaned_data["a"]]
            )
        }
        de, a = versions[formulaire.cleaned_data["de"]], versions[formulaire.cleaned_data["a"]]
        contexte |= {"de": de, "a": a, "difference": difference_texte(de.texte, a.texte)}
    status = 400 if demandee and not formulaire.is_valid() else 200
    return render(request, "gouvernance/theorie_comparer.html", contexte, status=status)


# --- The selection grid ----------------------------------------------------------------------


@require_GET
def grille(request: HttpRequest) -> HttpResponse:
    """The grid in force with its criteria and scales, every public version, the comparison
    form."""
    versions = list(
        VersionGrille.objects.publiques()
        .select_related("theorie")
        .annotate(nb_criteres=compte_correle(Critere, "grille"))
        .order_by("-numero")
    )
    en_vigueur = next((v for v in versions if v.statut == StatutVersion.PUBLIEE), None)
    criteres = _criteres(en_vigueur) if en_vigueur else []
    contexte = {
        "en_vigueur": en_vigueur,
        "criteres": criteres,
        "poids_total": sum(c.poids for c in criteres),
        "versions": versions,
        "comparaison": _comparaison(request, VersionGrille)[0],
    }
    return render(request, "gouvernance/grille.html", contexte)


@require_GET
def grille_version(request: HttpRequest, numero: int) -> HttpResponse:
    version = (
        _visibles(request, VersionGrille).select_related("theorie").filter(numero=numero).first()
    )
    if version is None:
        raise Http404("Aucune version publique de la grille ne porte ce numéro.")
    return _page_version(request, version)


@require_GET
def grille_comparer(request: HttpRequest) -> HttpResponse:
    """The criteria added, removed, reworded, reweighted, whose scale changed, between two
    public versions of the grid."""
    formulaire, demandee = _comparaison(request, VersionGrille)
    contexte: dict[str, Any] = {"comparaison": formulaire, "demandee": demandee}
    if demandee and formulaire.is_valid():
        versions = {
            v.numero: v
            for v in VersionGrille.objects.publiques()
            .select_related("theorie")
            .prefetch_related(
                Prefetch("criteres", queryset=Critere.objects.prefetch_related("niveaux"))
            )
            .filter(numero__in=[formulaire.cleaned_data["de"], formulaire.cleaned_data["a"]])
        }
        de, a = versions[formulaire.cleaned_data["de"]], versions[formulaire.cleaned_data["a"]]
        contexte |= {
            "de": de,
            "a": a,
            "difference": difference_criteres(de.criteres.all(), a.criteres.all()),
        }
    status = 400 if demandee and not formulaire.is_valid() else 200
    return render(request, "gouvernance/grille_comparer.html", contexte, status=status)


# --- Comments and answers (POST) -------------------------------------------------------------


def _version_publique(sorte: str, numero: int) -> Version:
    modele: type[Version] = VersionTheorie if sorte == "theorie" else VersionGrille
    version = modele.objects.publiques().filter(numero=numero).first()
    if version is None:
        raise Http404("Aucune version publique ne porte ce numéro.")
    return version


def _adresse(sorte: str, numero: int) -> str:
    nom = "gouvernance:theorie_version" if sorte == "theorie" else "gouvernance:grille_version"
    return reverse(nom, kwargs={"numero": numero})


@require_POST
def commenter(request: HttpRequest, sorte: str, numero: str) -> HttpResponse:
    """A member's comment during the consultation; refused input comes back with its errors
    and what was typed."""
    version = _version_publique(sorte, int(numero))
    page = _adresse(sorte, version.numero)
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(page)
    if not regles_comptes.a_une_adresse_verifiee(request.user):
        return regles_comptes.adresse_verifiee_requise(lambda r: redirect(page))(request)
    if not services.consultation_ouverte(version):
        messages.error(
            request,
            "La consultation sur cette version est close : elle ne reçoit plus de commentaire.",
        )
        return redirect(page)
    if isinstance(version, VersionTheorie):
        choix = [(n, f"Paragraphe {n}") for n in range(1, len(paragraphes(version.texte)) + 1)]
    else:
        choix = [(c.ordre, f"Critère {c.ordre} : {c.libelle}") for c in version.criteres.all()]
    formulaire = CommentaireForm(request.POST, parties=choix)
    if formulaire.is_valid():
        try:
            commentaire = services.commentaire_ajouter(
                par=regles_comptes.personne_connectee(request),
                version=version,
                texte=formulaire.cleaned_data["texte"],
                paragraphe=formulaire.cleaned_data["paragraphe"],
            )
        except ValidationError as refus:
            _erreurs_du_service(formulaire, refus)
        else:
            messages.success(request, "Votre commentaire est publié avec la version. Merci !")
            return redirect(_adresse_du_commentaire(page, commentaire))
    return _page_version(request, version, formulaire=formulaire, status=400)


def _erreurs_du_service(formulaire: Any, refus: ValidationError) -> None:
    if hasattr(refus, "error_dict"):
        for champ, erreurs in refus.message_dict.items():
            formulaire.add_error(champ if champ in formulaire.fields else None, erreurs)
    else:
        formulaire.add_error(None, refus.messages)


@require_POST
def repondre(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's answer to a comment, public under it (``rules.REPONDANTS``)."""
    commentaire = get_object_or_404(
        Commentaire.objects.select_related("theorie", "grille"),
        Q(theorie__isnull=True) | ~Q(theorie__statut=StatutVersion.BROUILLON),
        Q(grille__isnull=True) | ~Q(grille__statut=StatutVersion.BROUILLON),
        pk=pk,
    )
    version: Version = commentaire.theorie or commentaire.grille  # type: ignore[assignment]
    sorte = "theorie" if commentaire.theorie_id else "grille"
    page = _adresse(sorte, version.numero)
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(page)
    if not rules.peut_repondre_aux_commentaires(request.user):
        raise PermissionDenied
    formulaire = ReponseForm(request.POST, prefix=f"reponse-{commentaire.pk}")
    if formulaire.is_valid():
        try:
            services.commentaire_repondre(
                par=regles_comptes.personne_connectee(request),
                commentaire=commentaire,
                reponse=formulaire.cleaned_data["reponse"],
            )
        except ValidationError as refus:
            _erreurs_du_service(formulaire, refus)
        else:
            messages.success(request, "La réponse de l'équipe est publiée sous le commentaire.")
            return redirect(_adresse_du_commentaire(page, commentaire))
    return _page_version(request, version, reponse=(commentaire, formulaire), status=400)


@require_POST
def avis_codir(request: HttpRequest, numero: int) -> HttpResponse:
    """CODIR's opinion on a published version, recorded by a CODIR member on the version's
    page; refused input comes back with its errors and what was typed."""
    version = get_object_or_404(VersionTheorie.objects.publiees(), numero=numero)
    page = _adresse("theorie", version.numero)
    if not regles_comptes.est_connecte(request.user):
        return redirect_to_login(page)
    if not rules.peut_enregistrer_un_avis_codir(request.user):
        raise PermissionDenied("Seuls les membres du CODIR enregistrent son avis.")
    formulaire = AvisCodirForm(request.POST, prefix="avis")
    if formulaire.is_valid():
        try:
            avis_codir_enregistrer(
                par=regles_comptes.personne_connectee(request),
                version=version,
                valide=formulaire.cleaned_data["valide"],
                le=formulaire.cleaned_data["le"],
                motifs=formulaire.cleaned_data["motifs"],
            )
        except ValidationError as refus:
            _erreurs_du_service(formulaire, refus)
        else:
            messages.success(request, "L'avis du CODIR est enregistré et publié avec la version.")
            return redirect(f"{page}#titre-avis")
    return _page_version(request, version, formulaire_avis=formulaire, status=400)
