"""The back office of the texts that frame the lab's choices.

The three-year frame is recorded by the Direction (``cadre_enregistrer``). A version of the
theory is drafted and rewritten here while it is a draft (``theorie_rediger`` /
``theorie_modifier``); its steps are buttons of ``tilab.admin.ModeleAdminAvecBoutons`` posting
to ``admin:gouvernance_versiontheorie_etape``: open the consultation (with its dates), publish;
once published it is read only, and offers to open a new version of the grid from the one in
force. A version of the grid is opened from the grid in force (``grille_rediger``), its
criteria and their scales written in one go through ``grille_ecrire`` while it is not
published, then its consultation opened and it is published the same way. CODIR's opinions
are added, never changed (``avis_codir_enregistrer``); comments are answered
(``commentaire_repondre``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from experimentations.admin.experimentations import (
    ChampsDeTexteEnLigne,
    EcritParLesServices,
    FormulaireEnLigne,
    SaisieRefusee,
    erreurs_par_champ,
    etapes_offertes,
    message_d_erreur,
    par,
)
from gouvernance import rules
from gouvernance.models import (
    AvisCodir,
    CadreTriennal,
    Commentaire,
    Critere,
    StatutVersion,
    VersionGrille,
    VersionTheorie,
)
from gouvernance.services import consultation as services_consultation
from gouvernance.services import grille as services_grille
from gouvernance.services import textes as services_textes
from gouvernance.services.cadre import cadre_enregistrer, cadre_verifier
from gouvernance.services.grille import CritereSaisi
from tilab.admin import AvecChampsDeTexte, ModeleAdminAvecBoutons, UrlBouton
from tilab.textes import ChampTexte, ChampTitre

# --- The three-year frame ---------------------------------------------------------------------


class CadreForm(forms.ModelForm):
    class Meta:
        model = CadreTriennal
        fields = (
            "titre",
            "debut",
            "fin",
            "orientations",
            "reunion_codir_le",
            "reunion_codir_note",
        )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        if self.errors:
            return donnees
        erreurs = cadre_verifier(
            titre=donnees.get("titre") or "",
            debut=donnees.get("debut"),
            fin=donnees.get("fin"),
            orientations=donnees.get("orientations") or "",
            reunion_codir_le=donnees.get("reunion_codir_le"),
            cadre=self.instance if self.instance.pk else None,
        )
        for champ, message in erreurs.items():
            self.add_error(champ, message)
        return donnees

    def validate_constraints(self) -> None:
        # The overlap is said by cadre_verifier, naming the frame in the way.
        pass


@admin.register(CadreTriennal)
class CadreTriennalAdmin(EcritParLesServices, AvecChampsDeTexte):
    form = CadreForm
    list_display = ("titre", "debut", "fin", "reunion_codir_le")
    ordering = ("-debut",)
    champs_de_texte = {
        "titre": ChampTitre,
        "orientations": ChampTexte,
        "reunion_codir_note": ChampTexte,
    }
    readonly_fields = ("cree_par", "cree_le")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_enregistrer_le_cadre(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and rules.peut_enregistrer_le_cadre(
            request.user
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A frame is the record of a CODIR decision: corrected, never deleted.
        return False

    def save_model(self, request: HttpRequest, obj: CadreTriennal, form: Any, change: bool) -> None:
        d = form.cleaned_data
        ecrit = cadre_enregistrer(
            par=par(request),
            titre=d["titre"],
            debut=d["debut"],
            fin=d["fin"],
            orientations=d["orientations"],
            reunion_codir_le=d["reunion_codir_le"],
            reunion_codir_note=d.get("reunion_codir_note") or "",
            cadre=obj if change else None,
        )
        _reprendre(obj, ecrit)


def _reprendre(objet: Any, ecrit: Any) -> None:
    """The admin goes on with ``objet`` as the service wrote it."""
    for champ in type(ecrit)._meta.concrete_fields:
        setattr(objet, champ.attname, getattr(ecrit, champ.attname))
    objet._state.adding = False
    objet._state.db = ecrit._state.db


# --- Steps of a version (theory and grid) -----------------------------------------------------


class ConsultationForm(forms.Form):
    debut = forms.DateField(
        label=_("Début de la consultation"), widget=forms.DateInput(attrs={"type": "date"})
    )
    fin = forms.DateField(
        label=_("Fin de la consultation"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        debut, fin = donnees.get("debut"), donnees.get("fin")
        if isinstance(debut, date) and isinstance(fin, date) and fin < debut:
            self.add_error("fin", _("La consultation ne peut pas finir avant de commencer."))
        return donnees


@dataclass(frozen=True)
class Etape:
    libelle: Any
    depuis: frozenset[str]
    aide: Any
    formulaire: type[forms.Form] | None = None


ETAPES_VERSION: dict[str, Etape] = {
    "consultation": Etape(
        _("Ouvrir la consultation"),
        frozenset({StatutVersion.BROUILLON}),
        _(
            "Les membres connectés commentent la version, par partie ou sur l'ensemble, entre "
            "ces deux dates ; l'équipe leur répond. Le texte ne se modifie plus ensuite."
        ),
        ConsultationForm,
    ),
    "publier": Etape(
        _("Publier"),
        frozenset({StatutVersion.BROUILLON, StatutVersion.EN_CONSULTATION}),
        _(
            "La version devient celle en vigueur ; elle ne pourra plus jamais être modifiée, "
            "ni ici ni dans la base de données."
        ),
    ),
    "nouvelle_grille": Etape(
        _("Ouvrir une nouvelle version de la grille"),
        frozenset({StatutVersion.PUBLIEE}),
        _(
            "Un brouillon de grille qui suit cette version de la théorie, ses critères et leurs "
            "échelles repris de la grille en vigueur."
        ),
    ),
}

_ETAPE_REFUSEE = SaisieRefusee("gouvernance_version_etape_refusee")
_ETAPE_NON_FAITE = _("« %(etape)s » n'a pas été fait : corrigez le formulaire.")


class AvecEtapes(ModeleAdminAvecBoutons):
    """The step buttons of a version's change page; ``etapes`` says which apply."""

    urls_boutons = (UrlBouton("<int:object_id>/etape/<str:cle>/", "etape", "etape_view"),)
    change_form_template = "admin/gouvernance/version_change_form.html"
    etapes: tuple[str, ...] = ()

    def has_etape_permission(self, request: HttpRequest) -> bool:
        return super().has_view_permission(request) and rules.peut_rediger_les_textes(request.user)

    def appliquer(
        self, cle: str, version: Any, request: HttpRequest, donnees: dict[str, Any]
    ) -> Any:
        raise NotImplementedError

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        if not self.has_etape_permission(request):
            return {}
        offertes = (
            (cle, ETAPES_VERSION[cle])
            for cle in self.etapes
            if objet.statut in ETAPES_VERSION[cle].depuis
            # A draft grid following this version is already open.
            and not (
                cle == "nouvelle_grille"
                and objet.grilles.exclude(statut=StatutVersion.PUBLIEE).exists()
            )
        )
        saisie = _ETAPE_REFUSEE.reprendre(request, pk=objet.pk)
        return {"etapes_version": etapes_offertes(self, objet, offertes, saisie)}

    def etape_view(self, request: HttpRequest, object_id: int, cle: str) -> HttpResponse:
        """One step of the version from its button (POST only), for those who write texts."""
        if cle not in self.etapes:
            raise Http404
        if not self.has_etape_permission(request):
            raise PermissionDenied
        version = get_object_or_404(self.model, pk=object_id)
        etape = ETAPES_VERSION[cle]
        donnees: dict[str, Any] = {}
        erreurs: dict[str, list[str]] = {}
        if etape.formulaire is not None:
            formulaire = etape.formulaire(request.POST, prefix=cle)
            if formulaire.is_valid():
                donnees = formulaire.cleaned_data
            else:
                erreurs = {c: [str(m) for m in liste] for c, liste in formulaire.errors.items()}
        resultat = version
        if not erreurs:
            try:
                resultat = self.appliquer(cle, version, request, donnees)
            except ValidationError as exc:
                if etape.formulaire is None:
                    self.message_user(request, message_d_erreur(exc), messages.ERROR)
                    return self.retour_page(version)
                erreurs = erreurs_par_champ(exc)
                if "consultation_fin" in erreurs:
                    erreurs["fin"] = erreurs.pop("consultation_fin")
        if erreurs:
            _ETAPE_REFUSEE.garder(
                request, pk=version.pk, nom=cle, donnees=request.POST.dict(), erreurs=erreurs
            )
            self.message_user(request, _ETAPE_NON_FAITE % {"etape": etape.libelle}, messages.ERROR)
            return self.retour_page(version)
        if isinstance(resultat, VersionGrille) and not isinstance(version, VersionGrille):
            self.message_user(
                request,
                f"{resultat} ouverte en brouillon, ses critères repris de la grille en vigueur.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(_adresse_admin(resultat))
        self.message_user(
            request, f"{resultat} : {resultat.get_statut_display()}.", messages.SUCCESS
        )
        return self.retour_page(resultat)


def _adresse_admin(objet: Any) -> str:
    opts = objet._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[objet.pk])


# --- The theory of transformation -------------------------------------------------------------


class AvisCodirInline(admin.TabularInline):
    """CODIR's opinions on the version, read only here (added from their own page)."""

    model = AvisCodir
    extra = 0
    can_delete = False
    fields = ("valide", "le", "motifs", "enregistre_par")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TheorieForm(forms.ModelForm):
    class Meta:
        model = VersionTheorie
        fields = ("texte", "note_de_version")

    def validate_unique(self) -> None:
        # The number is the service's to take.
        pass


@admin.register(VersionTheorie)
class VersionTheorieAdmin(EcritParLesServices, AvecChampsDeTexte, AvecEtapes):
    form = TheorieForm
    etapes = ("consultation", "publier", "nouvelle_grille")
    list_display = ("__str__", "statut", "consultation_debut", "consultation_fin", "publiee_le")
    list_filter = ("statut",)
    ordering = ("-numero",)
    champs_de_texte = {"texte": ChampTexte, "note_de_version": ChampTexte}
    inlines = [AvisCodirInline]
    readonly_fields = (
        "numero",
        "statut",
        "consultation_debut",
        "consultation_fin",
        "publiee_le",
        "redigee_par",
        "cree_le",
        "modifiee_le",
    )

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.inlines if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("texte", "note_de_version")
        return ("numero", "statut", "texte", "note_de_version", *self.readonly_fields[2:])

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def view_on_site(self, obj: VersionTheorie) -> str | None:  # type: ignore[override]
        return None if obj.statut == StatutVersion.BROUILLON else obj.get_absolute_url()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_rediger_les_textes(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The text changes while it is a draft only; then its steps, or a new version.
        return (
            super().has_change_permission(request, obj)
            and rules.peut_rediger_les_textes(request.user)
            and (obj is None or obj.statut == StatutVersion.BROUILLON)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: VersionTheorie, form: Any, change: bool
    ) -> None:
        d = form.cleaned_data
        if change:
            ecrit = services_textes.theorie_modifier(
                par=par(request),
                version=obj,
                texte=d["texte"],
                note_de_version=d.get("note_de_version") or "",
            )
        else:
            ecrit = services_textes.theorie_rediger(
                par=par(request), texte=d["texte"], note_de_version=d.get("note_de_version") or ""
            )
        _reprendre(obj, ecrit)

    def appliquer(
        self, cle: str, version: Any, request: HttpRequest, donnees: dict[str, Any]
    ) -> Any:
        qui = par(request)
        if cle == "consultation":
            return services_textes.theorie_ouvrir_consultation(
                par=qui, version=version, debut=donnees["debut"], fin=donnees["fin"]
            )
        if cle == "publier":
            return services_textes.theorie_publier(par=qui, version=version)
        en_cours = version.grilles.exclude(statut=StatutVersion.PUBLIEE).first()
        if en_cours is not None:
            raise services_textes.TexteImpossible(
                f"La {str(en_cours).lower()}, qui suit cette version, est déjà en préparation.",
                code="deja",
            )
        return services_grille.grille_rediger(par=qui, theorie=version)


# --- CODIR's opinions -----------------------------------------------------------------------


class AvisCodirForm(forms.ModelForm):
    class Meta:
        model = AvisCodir
        fields = ("version", "valide", "le", "motifs")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            champ = self.fields["version"]
            assert isinstance(champ, forms.ModelChoiceField)
            champ.queryset = VersionTheorie.objects.publiees()


@admin.register(AvisCodir)
class AvisCodirAdmin(EcritParLesServices, AvecChampsDeTexte):
    """Added by a CODIR member (who needs a back-office access), never changed: a later
    opinion is a new row."""

    form = AvisCodirForm
    list_display = ("__str__", "version", "valide", "le")
    list_select_related = ("version",)
    ordering = ("-le", "-pk")
    champs_de_texte = {"motifs": ChampTexte}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return ("version", "valide", "le", "motifs", "enregistre_par", "enregistre_le")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_enregistrer_un_avis_codir(
            request.user
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AvisCodir, form: Any, change: bool) -> None:
        d = form.cleaned_data
        ecrit = services_textes.avis_codir_enregistrer(
            par=par(request),
            version=d["version"],
            valide=d["valide"],
            le=d["le"],
            motifs=d["motifs"],
        )
        _reprendre(obj, ecrit)


# --- The selection grid --------------------------------------------------------------------

_NIVEAU = re.compile(r"^\s*(\d{1,3})\s*[=:—–-]\s*(.+?)\s*$")


def lire_echelle(texte: str) -> list[tuple[int, str]]:
    """« 0 = Absent » per line → [(0, "Absent")]; a ValidationError naming the bad line."""
    niveaux = []
    for numero, ligne in enumerate(texte.splitlines(), start=1):
        if not ligne.strip():
            continue
        trouve = _NIVEAU.match(ligne)
        if trouve is None:
            raise ValidationError(
                _("Ligne %(n)s : écrivez « valeur = libellé », par exemple « 0 = Absent ».")
                % {"n": numero}
            )
        niveaux.append((int(trouve.group(1)), trouve.group(2)))
    if len(niveaux) < 2:
        raise ValidationError(_("Une échelle d'au moins deux niveaux, un par ligne."))
    valeurs = [v for v, _l in niveaux]
    if len(set(valeurs)) != len(valeurs):
        raise ValidationError(_("Chaque niveau a sa propre valeur."))
    return niveaux


class CritereForm(FormulaireEnLigne):
    echelle = forms.CharField(
        label=_("échelle"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 30}),
        help_text=_("Un niveau par ligne : « 0 = Absent »."),
    )

    class Meta:
        model = Critere
        fields = ("ordre", "libelle", "poids", "description", "echelle")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "echelle" in self.fields:
            self.fields["echelle"].initial = "\n".join(
                f"{n.valeur} = {n.libelle}" for n in self.instance.niveaux.all()
            )

    def clean_echelle(self) -> list[tuple[int, str]]:
        return lire_echelle(self.cleaned_data.get("echelle") or "")

    def validate_unique(self) -> None:
        # Orders and labels are checked across the rows by the formset, then the service.
        pass

    def validate_constraints(self) -> None:
        pass


class CriteresFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    def restants(self) -> list[Any]:
        return [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk
            if f.cleaned_data
            if not (self.can_delete and f.cleaned_data.get("DELETE"))
        ]

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        libelles = [f.cleaned_data["libelle"].strip() for f in self.restants()]
        if len(set(libelles)) != len(libelles):
            raise ValidationError(_("Deux critères ne portent pas le même libellé."))
        if not libelles:
            raise ValidationError(_("Une grille compte au moins un critère."))


class CritereInline(ChampsDeTexteEnLigne, admin.StackedInline):
    """The criteria with their scale, written all at once by ``grille_ecrire``."""

    model = Critere
    champs_de_texte = {"libelle": ChampTitre, "description": ChampTexte}
    form = CritereForm
    formset = CriteresFormSet
    extra = 0
    fields = ("ordre", "libelle", "poids", "description", "echelle")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Critere]:
        return super().get_queryset(request).prefetch_related("niveaux")

    def _modifiable(self, request: HttpRequest, obj: Any) -> bool:
        # Written while it is a draft: once in consultation, the ecosystem comments on
        # criteria that no longer change under its eyes.
        return (
            rules.peut_rediger_les_textes(request.user)
            and obj is not None
            and obj.statut == StatutVersion.BROUILLON
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._modifiable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._modifiable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._modifiable(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if self._modifiable(request, obj):
            return ()
        return ("ordre", "libelle", "poids", "description", "niveaux_lus")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if self._modifiable(request, obj):
            return self.fields
        return ("ordre", "libelle", "poids", "description", "niveaux_lus")

    @admin.display(description=_("échelle"))
    def niveaux_lus(self, obj: Critere) -> str:
        return " ; ".join(f"{n.valeur} = {n.libelle}" for n in obj.niveaux.all())


class GrilleForm(forms.ModelForm):
    class Meta:
        model = VersionGrille
        fields = ("theorie", "note_de_version")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "theorie" in self.fields:
            champ = self.fields["theorie"]
            assert isinstance(champ, forms.ModelChoiceField)
            champ.queryset = VersionTheorie.objects.publiees()
            champ.help_text = _("Les critères sont repris de la grille en vigueur.")

    def validate_unique(self) -> None:
        pass


@admin.register(VersionGrille)
class VersionGrilleAdmin(EcritParLesServices, AvecChampsDeTexte, AvecEtapes):
    form = GrilleForm
    etapes = ("consultation", "publier")
    list_display = ("__str__", "theorie", "statut", "publiee_le")
    list_select_related = ("theorie",)
    list_filter = ("statut",)
    ordering = ("-numero",)
    champs_de_texte = {"note_de_version": ChampTexte}
    inlines = [CritereInline]
    readonly_fields = (
        "numero",
        "lien_theorie",
        "statut",
        "consultation_debut",
        "consultation_fin",
        "publiee_le",
        "redigee_par",
        "cree_le",
        "modifiee_le",
    )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("theorie", "note_de_version")
        return ("numero", "lien_theorie", "statut", "note_de_version", *self.readonly_fields[3:])

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        if obj.statut == StatutVersion.PUBLIEE:
            return (*self.readonly_fields, "note_de_version")
        return self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        # A new draft takes its criteria from the grid in force; they are written after.
        return self.inlines if obj is not None else []

    def view_on_site(self, obj: VersionGrille) -> str | None:  # type: ignore[override]
        return None if obj.statut == StatutVersion.BROUILLON else obj.get_absolute_url()

    @admin.display(description=_("suit la théorie"))
    def lien_theorie(self, obj: VersionGrille) -> Any:
        return format_html('<a href="{}">{}</a>', _adresse_admin(obj.theorie), obj.theorie)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and rules.peut_rediger_les_textes(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (
            super().has_change_permission(request, obj)
            and rules.peut_rediger_les_textes(request.user)
            and (obj is None or obj.statut == StatutVersion.BROUILLON)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: VersionGrille, form: Any, change: bool) -> None:
        if change:
            note = form.cleaned_data.get("note_de_version") or ""
            if note != obj.note_de_version or "note_de_version" in form.changed_data:
                VersionGrille.objects.filter(pk=obj.pk).exclude(
                    statut=StatutVersion.PUBLIEE
                ).update(note_de_version=note)
            return
        ecrit = services_grille.grille_rediger(
            par=par(request),
            theorie=form.cleaned_data["theorie"],
            note_de_version=form.cleaned_data.get("note_de_version") or "",
        )
        _reprendre(obj, ecrit)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:
            if not isinstance(formset, CriteresFormSet):
                continue
            # Lists what changed for the admin's history message; writes nothing.
            formset.save(commit=False)
            if not formset.has_changed():
                continue
            lignes = sorted(formset.restants(), key=lambda f: f.cleaned_data["ordre"])
            services_grille.grille_ecrire(
                par=par(request),
                version=form.instance,
                criteres=[
                    CritereSaisi(
                        f.cleaned_data["libelle"],
                        f.cleaned_data["poids"],
                        f.cleaned_data["echelle"],
                        f.cleaned_data.get("description") or "",
                    )
                    for f in lignes
                ],
            )

    def appliquer(
        self, cle: str, version: Any, request: HttpRequest, donnees: dict[str, Any]
    ) -> Any:
        qui = par(request)
        if cle == "consultation":
            return services_grille.grille_ouvrir_consultation(
                par=qui, version=version, debut=donnees["debut"], fin=donnees["fin"]
            )
        return services_grille.grille_publier(par=qui, version=version)


# --- Comments of the consultations --------------------------------------------------------


class ReponseAdminForm(forms.ModelForm):
    class Meta:
        model = Commentaire
        fields = ("reponse",)

    def clean_reponse(self) -> str:
        reponse = (self.cleaned_data.get("reponse") or "").strip()
        if not reponse:
            raise ValidationError(_("Écrivez la réponse de l'équipe."))
        return reponse


@admin.register(Commentaire)
class CommentaireAdmin(EcritParLesServices, AvecChampsDeTexte):
    """The ecosystem's comments, answered here or on the version's public page."""

    form = ReponseAdminForm
    list_display = ("__str__", "theorie", "grille", "paragraphe", "auteur", "repondu")
    list_select_related = ("theorie", "grille", "auteur")
    ordering = ("-cree_le", "-pk")
    champs_de_texte = {"reponse": ChampTexte}
    fields = (
        "theorie",
        "grille",
        "paragraphe",
        "auteur",
        "cree_le",
        "texte",
        "reponse",
        "repondu_par",
        "repondu_le",
    )
    readonly_fields = (
        "theorie",
        "grille",
        "paragraphe",
        "auteur",
        "cree_le",
        "texte",
        "repondu_par",
        "repondu_le",
    )

    @admin.display(description=_("répondu"), boolean=True)
    def repondu(self, obj: Commentaire) -> bool:
        return bool(obj.reponse)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and rules.peut_repondre_aux_commentaires(
            request.user
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Commentaire, form: Any, change: bool) -> None:
        ecrit = services_consultation.commentaire_repondre(
            par=par(request), commentaire=obj, reponse=form.cleaned_data["reponse"]
        )
        _reprendre(obj, ecrit)
