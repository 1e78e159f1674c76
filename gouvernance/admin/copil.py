"""The back office of COPIL sessions and their decisions.

A session is prepared on the add page (``session_preparer``: the grid in force is frozen on
it). Its change page is read only; each step is a button of
``tilab.admin.ModeleAdminAvecBoutons`` posting to ``admin:gouvernance_sessioncopil_etape``,
which calls its service (``gouvernance.services.copil``): add a candidate (among
``candidats_possibles()``, with a presentation), take one back, open the vote (choosing the
chair among the COPIL members), close it. The chair decides and publishes on the session's
public page, not here. Decisions are read only; the Direction (or the chair, from the public
page) adds a dated rectification to a published one with the button of its page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from communautes.forms.communautes import ChoixAnimateur
from experimentations.admin.experimentations import (
    EcritParLesServices,
    SaisieRefusee,
    erreurs_par_champ,
    etapes_offertes,
    message_d_erreur,
    par,
)
from gouvernance import rules
from gouvernance.models import (
    Candidature,
    Decision,
    Membre,
    Rectification,
    SessionCopil,
    StatutSession,
    VersionGrille,
)
from gouvernance.services import copil as services
from gouvernance.services.copil import SessionImpossible
from problematiques.models import Problematique
from tilab.admin import AvecChampsDeTexte, ModeleAdminAvecBoutons, UrlBouton
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne
from tilab.textes import ChampTexte, ChampTitre

MESSAGE_SANS_GRILLE = _(
    "Aucune grille de sélection n'est publiée : publiez-en une avant de préparer une session."
)


# --- Steps: a small form (or none) posting to a button URL, which calls a service ------------


class FormulaireEtape(forms.Form):
    """A step's form, built for the object the step acts on (``objet``)."""

    def __init__(self, *args: Any, objet: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objet = objet


@dataclass(frozen=True)
class Etape:
    libelle: Any
    aide: Any
    # The states of the object from which the step is offered (None: any).
    depuis: frozenset[str] | None
    formulaire: type[FormulaireEtape] | None
    # Calls the service with the person acting and the form's data; returns what to say.
    appliquer: Callable[[Any, Personne, dict[str, Any]], str]


def etapes_de_la_page(
    model_admin: ModeleAdminAvecBoutons,
    request: HttpRequest,
    objet: Any,
    etapes: dict[str, Etape],
    refus: SaisieRefusee,
) -> list[dict[str, Any]]:
    """The steps offered on ``objet``'s change page, a refused one shown again with what was
    typed and its errors."""
    return etapes_offertes(
        model_admin,
        objet,
        (
            (cle, etape)
            for cle, etape in etapes.items()
            if etape.depuis is None or getattr(objet, "statut", None) in etape.depuis
        ),
        refus.reprendre(request, pk=objet.pk),
        formulaire_de=lambda etape, donnees, cle: etape.formulaire(
            donnees, prefix=cle, objet=objet
        ),
    )


def faire_l_etape(
    model_admin: ModeleAdminAvecBoutons,
    request: HttpRequest,
    objet: Any,
    etape: Etape,
    cle: str,
    refus: SaisieRefusee,
) -> HttpResponse:
    """Check the step's form, call its service, and go back to the change page saying what
    happened; a refusal keeps what was typed and the errors for the page to show again."""
    donnees: dict[str, Any] = {}
    erreurs: dict[str, list[str]] = {}
    if etape.formulaire is not None:
        formulaire = etape.formulaire(request.POST, prefix=cle, objet=objet)
        if formulaire.is_valid():
            donnees = formulaire.cleaned_data
        else:
            erreurs = {c: [str(m) for m in liste] for c, liste in formulaire.errors.items()}
    if not erreurs:
        try:
            message = etape.appliquer(objet, par(request), donnees)
        except SessionImpossible as exc:
            if etape.formulaire is None:
                model_admin.message_user(request, message_d_erreur(exc), messages.ERROR)
                return model_admin.retour_page(objet)
            erreurs = erreurs_par_champ(exc)
    if erreurs:
        refus.garder(request, pk=objet.pk, nom=cle, donnees=request.POST.dict(), erreurs=erreurs)
        model_admin.message_user(
            request,
            _("« %(etape)s » n'a pas été fait : corrigez le formulaire.")
            % {"etape": etape.libelle},
            messages.ERROR,
        )
        return model_admin.retour_page(objet)
    model_admin.message_user(request, message, messages.SUCCESS)
    return model_admin.retour_page(objet)


class AjouterCandidatureForm(FormulaireEtape):
    problematique = forms.ModelChoiceField(
        label=_("Problématique"),
        queryset=Problematique.objects.none(),
        help_text=_("Les problématiques dont la communauté d'intérêt est mûre (ou dérogée)."),
    )
    presentation = ChampTexte(
        label=_("Présentation pour le COPIL"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Quelques lignes. Markdown possible."),
    )

    def __init__(self, *args: Any, objet: SessionCopil, **kwargs: Any) -> None:
        super().__init__(*args, objet=objet, **kwargs)
        champ = self.fields["problematique"]
        assert isinstance(champ, forms.ModelChoiceField)  # noqa: S101 - declared above
        champ.queryset = services.candidats_possibles()


class ChoixCandidature(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.problematique.titre)


class RetirerCandidatureForm(FormulaireEtape):
    candidature = ChoixCandidature(
        label=_("Candidature à retirer"), queryset=Candidature.objects.none()
    )

    def __init__(self, *args: Any, objet: SessionCopil, **kwargs: Any) -> None:
        super().__init__(*args, objet=objet, **kwargs)
        champ = self.fields["candidature"]
        assert isinstance(champ, forms.ModelChoiceField)  # noqa: S101 - declared above
        champ.queryset = objet.candidatures.select_related("problematique")


class OuvrirForm(FormulaireEtape):
    # A person by their name and address.
    president = ChoixAnimateur(
        label=_("Présidence de la session"),
        queryset=Personne.objects.none(),
        help_text=_(
            "Tous les membres actifs du COPIL siègent ; la présidence revient à l'un d'eux."
        ),
    )

    def __init__(self, *args: Any, objet: SessionCopil, **kwargs: Any) -> None:
        super().__init__(*args, objet=objet, **kwargs)
        champ = self.fields["president"]
        assert isinstance(champ, forms.ModelChoiceField)  # noqa: S101 - declared above
        champ.queryset = Personne.objects.ayant_un_role(regles_comptes.COPIL).order_by(
            "last_name", "first_name", "email"
        )


def _ajouter(session: SessionCopil, qui: Personne, d: dict[str, Any]) -> str:
    services.candidature_ajouter(
        par=qui, session=session, problematique=d["problematique"], presentation=d["presentation"]
    )
    return f"« {d['problematique'].titre} » est à l'ordre du jour."


def _retirer(session: SessionCopil, qui: Personne, d: dict[str, Any]) -> str:
    titre = d["candidature"].problematique.titre
    services.candidature_retirer(par=qui, candidature=d["candidature"])
    return f"« {titre} » est retirée de l'ordre du jour."


def _ouvrir(session: SessionCopil, qui: Personne, d: dict[str, Any]) -> str:
    services.session_ouvrir(par=qui, session=session, president=d["president"])
    return "La session est ouverte au vote."


def _clore(session: SessionCopil, qui: Personne, d: dict[str, Any]) -> str:
    services.session_clore(par=qui, session=session)
    return "Le vote est clos ; les résultats sont calculés."


EN_PREPARATION = frozenset({StatutSession.EN_PREPARATION})

ETAPES_SESSION: dict[str, Etape] = {
    "ajouter": Etape(
        _("Ajouter une candidature"),
        _("La problématique devient « candidate au COPIL » sur sa trajectoire publique."),
        EN_PREPARATION,
        AjouterCandidatureForm,
        _ajouter,
    ),
    "retirer": Etape(
        _("Retirer une candidature"),
        _("La problématique retrouve l'état qu'elle avait avant."),
        EN_PREPARATION,
        RetirerCandidatureForm,
        _retirer,
    ),
    "ouvrir": Etape(
        _("Ouvrir au vote"),
        _(
            "Les membres du COPIL siègent ; le quorum, la charge de l'équipe et la maturité de "
            "chaque candidature sont gardés tels qu'ils sont aujourd'hui. L'ordre du jour ne "
            "change plus."
        ),
        EN_PREPARATION,
        OuvrirForm,
        _ouvrir,
    ),
    "clore": Etape(
        _("Clore le vote"),
        _(
            "Possible une fois le quorum atteint ; les résultats de chaque candidature sont "
            "calculés. La présidence enregistre ensuite les décisions sur la page publique de "
            "la session."
        ),
        frozenset({StatutSession.OUVERTE}),
        None,
        _clore,
    ),
}

_SESSION_REFUSEE = SaisieRefusee("gouvernance_sessioncopil_etape_refusee")
_RECTIFICATION_REFUSEE = SaisieRefusee("gouvernance_decision_rectification_refusee")


# --- Sessions --------------------------------------------------------------------------------


class SessionForm(forms.ModelForm):
    class Meta:
        model = SessionCopil
        fields = ("titre", "le", "ordre_du_jour")

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        if self.instance.pk is None and VersionGrille.objects.en_vigueur() is None:
            raise forms.ValidationError(MESSAGE_SANS_GRILLE)
        return donnees


class _LectureSeule:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembreInline(_LectureSeule, admin.TabularInline):  # type: ignore[type-arg]
    model = Membre
    fields = ("personne", "preside")
    readonly_fields = fields
    extra = 0


class CandidatureInline(_LectureSeule, admin.TabularInline):  # type: ignore[type-arg]
    model = Candidature
    fields = (
        "ordre",
        "problematique",
        "presentation",
        "score",
        "nb_retenir",
        "nb_ajourner",
        "nb_ne_pas_retenir",
        "nb_abstentions",
    )
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Candidature]:
        return super().get_queryset(request).select_related("problematique")


@admin.register(SessionCopil)
class SessionCopilAdmin(EcritParLesServices, AvecChampsDeTexte, ModeleAdminAvecBoutons):
    au_menu = 60  # in the back office's header (tilab.admin.SiteAdmin.menu_equipe)
    urls_boutons = (UrlBouton("<int:object_id>/etape/<str:cle>/", "etape", "etape_view"),)
    change_form_template = "admin/gouvernance/change_form_etapes.html"
    form = SessionForm
    list_display = ("titre", "le", "statut", "grille", "nb_votants")
    list_select_related = ("grille",)
    list_filter = ("statut",)
    search_fields = ("titre",)
    # The index session_copil_ordre.
    ordering = ("-le", "-id")
    list_per_page = 50
    champs_de_texte = {"titre": ChampTitre, "ordre_du_jour": ChampTexte}
    inlines = [CandidatureInline, MembreInline]
    readonly_fields = (
        "titre",
        "slug",
        "le",
        "statut",
        "grille",
        "ordre_du_jour",
        "quorum",
        "ouverte_le",
        "close_le",
        "publiee_le",
        "nb_votants",
        "preparee_par",
        "cree_le",
    )

    def view_on_site(self, obj: SessionCopil) -> str | None:  # type: ignore[override]
        return None if obj.statut == StatutSession.EN_PREPARATION else services.chemin_session(obj)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ((None, {"fields": ("titre", "le", "ordre_du_jour")}),)
        return (
            (None, {"fields": ("titre", "slug", "le", "statut", "grille", "ordre_du_jour")}),
            (_("Vote"), {"fields": ("quorum", "ouverte_le", "close_le", "nb_votants")}),
            (_("Publication"), {"fields": ("publiee_le", "preparee_par", "cree_le")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return self.inlines if obj is not None else []

    # --- Who may

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_preparer_une_session(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Read only: a session changes by its steps.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Its steps are in its journal and on the problems' trajectories.
        return False

    def has_etape_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(
            "gouvernance.change_sessioncopil"
        ) and rules.peut_preparer_une_session(request.user)

    # --- Preparing through the service

    def save_model(self, request: HttpRequest, obj: SessionCopil, form: Any, change: bool) -> None:
        ecrite = services.session_preparer(
            par=par(request),
            titre=form.cleaned_data["titre"],
            le=form.cleaned_data["le"],
            ordre_du_jour=form.cleaned_data.get("ordre_du_jour") or "",
        )
        for champ in SessionCopil._meta.concrete_fields:
            setattr(obj, champ.attname, getattr(ecrite, champ.attname))
        obj._state.adding = False
        obj._state.db = ecrite._state.db

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Candidates and members come by the steps of the change page.
        pass

    def response_post_save_add(
        self, request: HttpRequest, obj: SessionCopil
    ) -> HttpResponseRedirect:
        # On to its page, where the candidates are added.
        return HttpResponseRedirect(self.url_bouton("change", obj.pk))

    # --- The steps of the change page

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        if not self.has_etape_permission(request):
            return {}
        return {
            "etapes_copil": etapes_de_la_page(
                self, request, objet, ETAPES_SESSION, _SESSION_REFUSEE
            ),
            "titre_etapes": _("Faire avancer la session"),
            "intro_etapes": _(
                "Chaque étape est notée dans le journal de la session. Les membres votent, et "
                "la présidence décide et publie, sur la page publique de la session."
            ),
        }

    def etape_view(self, request: HttpRequest, object_id: int, cle: str) -> HttpResponse:
        """One step of the session from its button (POST only: ``urls_boutons``)."""
        if cle not in ETAPES_SESSION:
            raise Http404
        if not self.has_etape_permission(request):
            raise PermissionDenied
        session = get_object_or_404(SessionCopil, pk=object_id)
        return faire_l_etape(self, request, session, ETAPES_SESSION[cle], cle, _SESSION_REFUSEE)


# --- Decisions and their rectifications ------------------------------------------------------


class RectificationForm(FormulaireEtape):
    le = forms.DateField(
        label=_("Date de la rectification"),
        required=False,
        help_text=_("Aujourd'hui si vous la laissez vide. Format : JJ/MM/AAAA."),
    )
    texte = ChampTexte(
        label=_("Rectification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Publiée à côté de la décision, qui ne change pas. Markdown possible."),
    )


def _rectifier(decision: Decision, qui: Personne, d: dict[str, Any]) -> str:
    services.rectification_ajouter(par=qui, decision=decision, texte=d["texte"], le=d.get("le"))
    return "La rectification est publiée."


ETAPES_DECISION = {
    "rectifier": Etape(
        _("Ajouter une rectification"),
        _("Une correction datée, publiée à côté de la décision, qui ne change pas."),
        None,
        RectificationForm,
        _rectifier,
    )
}


class RectificationInline(_LectureSeule, admin.TabularInline):  # type: ignore[type-arg]
    model = Rectification
    fields = ("le", "texte", "par", "cree_le")
    readonly_fields = fields
    extra = 0


@admin.register(Decision)
class DecisionAdmin(ModeleAdminAvecBoutons):
    urls_boutons = (UrlBouton("<int:object_id>/etape/<str:cle>/", "etape", "etape_view"),)
    change_form_template = "admin/gouvernance/change_form_etapes.html"
    list_display = ("__str__", "probleme", "session", "decision", "publiee_le")
    list_select_related = ("candidature__problematique", "candidature__session")
    list_filter = ("decision",)
    search_fields = ("candidature__problematique__titre",)
    ordering = ("-publiee_le", "-id")
    list_per_page = 50
    fields = (
        "candidature",
        "decision",
        "motifs",
        "enregistree_par",
        "enregistree_le",
        "publiee_le",
    )
    readonly_fields = fields
    inlines = [RectificationInline]

    @admin.display(description=_("problématique"))
    def probleme(self, obj: Decision) -> str:
        return obj.candidature.problematique.titre

    @admin.display(description=_("session"))
    def session(self, obj: Decision) -> str:
        return obj.candidature.session.titre

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Recorded and published by the chair on the session's page; then never changed.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _peut_rectifier(self, request: HttpRequest, decision: Decision) -> bool:
        return self.has_view_permission(request, decision) and rules.peut_rectifier(
            request.user, decision
        )

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        if not self._peut_rectifier(request, objet):
            return {}
        return {
            "etapes_copil": etapes_de_la_page(
                self, request, objet, ETAPES_DECISION, _RECTIFICATION_REFUSEE
            ),
            "titre_etapes": _("Rectifier la décision"),
            "intro_etapes": _("Une décision publiée ne change jamais : on la rectifie à côté."),
        }

    def etape_view(self, request: HttpRequest, object_id: int, cle: str) -> HttpResponse:
        """Add a rectification to a published decision (POST only: ``urls_boutons``)."""
        if cle not in ETAPES_DECISION:
            raise Http404
        decision = get_object_or_404(
            Decision.objects.select_related("candidature__session"), pk=object_id
        )
        if not self._peut_rectifier(request, decision):
            raise PermissionDenied
        return faire_l_etape(
            self, request, decision, ETAPES_DECISION[cle], cle, _RECTIFICATION_REFUSEE
        )
