"""The form a relay fills in to report a problem from the field (``/problematiques/signaler/``).

Written for people who are not specialists: plain labels, an example in each help text, and
messages that say what to change. It also carries the anti-spam guards of
:mod:`problematiques.antispam` (honeypot and minimum filling time); the rate limit is the
view's business, because it answers for the whole page (status 429, the form kept as typed),
not with a message on a field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from problematiques import antispam
from tilab.comptes.forms import ChoixOrganisation
from tilab.comptes.models import Organisation, Personne, Territoire, Theme, TypeTerritoire
from tilab.comptes.territoires import (
    Ligne,
    TerritoiresParSlug,
    departements_parmi,
    lignes_territoires,
    par_parent,
)
from tilab.textes import ChampTexte, ChampTitre
from tilab.widgets import SelecteurTerritoires

TITRE_MIN = 10
TITRE_MAX = 160
CONSTAT_MIN = 30
TEXTE_MAX = 10_000

AIDE_MARKDOWN = _(
    "Vous pouvez faire des listes (une ligne commençant par « - ») et mettre des mots en "
    "**gras** ; le bouton « Prévisualiser » montre le résultat avant l'envoi."
)

# Said whatever guard refused the form: a robot learns nothing from it, a person knows
# what to do.
MESSAGE_REFUS = _(
    "Votre signalement n'a pas pu être envoyé. Vérifiez ce que vous avez écrit, puis "
    "cliquez à nouveau sur « Envoyer le signalement »."
)
MESSAGE_DEJA_ENVOYE = _(
    "Ce formulaire a déjà servi à envoyer un signalement : vous le retrouverez dans « Mes "
    "remontées ». Pour en envoyer un autre avec ce qui est écrit ci-dessous, relisez-le, puis "
    "cliquez à nouveau sur « Envoyer le signalement »."
)
MESSAGE_JETON_EXPIRE = _(
    "Ce formulaire était ouvert depuis très longtemps. Tout ce que vous avez écrit est "
    "conservé : relisez-le, puis cliquez à nouveau sur « Envoyer le signalement »."
)
MESSAGE_TROP_RAPIDE = _(
    "Votre signalement est parti très vite après l'ouverture du formulaire, et nous "
    "vérifions que c'est bien une personne qui l'envoie. Tout ce que vous avez écrit est "
    "conservé : relisez-le, puis cliquez à nouveau sur « Envoyer le signalement »."
)


class ChampMiel(forms.TextInput):
    """The honeypot's input: never shows a value back, so an autofilled one is not kept."""

    def format_value(self, value: Any) -> str | None:
        return None


class ChoixTerritoires(forms.MultipleChoiceField):
    """Territories chosen by slug, turned into :class:`Territoire` objects once clean.

    Each of the two territory fields may stay empty, as long as the other is not: the form
    checks that. They still count as required, so that the page does not call them
    "facultatif".
    """

    def __init__(self, *args: Any, territoires: Mapping[str, Territoire], **kwargs: Any) -> None:
        super().__init__(*args, required=True, **kwargs)
        self.territoires = territoires

    def validate(self, value: Any) -> None:
        if value:
            super().validate(value)

    def clean(self, value: Any) -> list[Territoire]:  # type: ignore[override]
        slugs = super().clean(value)
        return [self.territoires[slug] for slug in slugs]


Groupes = list[tuple[str, list[tuple[str, str]]]]


def _territoires() -> tuple[list[Ligne], Groupes, dict[str, str], TerritoiresParSlug]:
    """Départements, the EPCI and communes grouped by département, the EPCI of each commune
    (slug to slug), and every one of them by slug: one query, read as rows (the list holds
    some 1,200 communes)."""
    tous = lignes_territoires(
        [TypeTerritoire.DEPARTEMENT, TypeTerritoire.EPCI, TypeTerritoire.COMMUNE]
    )
    enfants = par_parent(tous)
    departements = departements_parmi(tous)
    groupes: Groupes = []
    rattachements: dict[str, str] = {}
    for departement in departements:
        choix: list[tuple[str, str]] = []
        for epci in enfants[departement.id]:
            choix.append((epci.slug, f"{epci.nom} (intercommunalité)"))
            for commune in enfants[epci.id]:
                choix.append((commune.slug, f"{commune.nom} (commune, {epci.nom})"))
                rattachements[commune.slug] = epci.slug
        if choix:
            groupes.append((departement.nom, choix))
    return departements, groupes, rattachements, TerritoiresParSlug(tous)


class SignalementForm(forms.Form):
    titre = ChampTitre(
        label=_("Titre du problème"),
        min_length=TITRE_MIN,
        max_length=TITRE_MAX,
        help_text=_(
            "Une phrase courte qui dit le problème, par exemple : « Les habitants sans "
            "voiture ne peuvent pas se rendre aux consultations médicales »."
        ),
        error_messages={
            "required": _("Donnez un titre à votre signalement."),
            "min_length": _(
                "Le titre est trop court (%(show_value)d caractères) : écrivez au moins "
                "%(limit_value)d caractères pour que l'on comprenne le problème."
            ),
            "max_length": _(
                "Le titre est trop long (%(show_value)d caractères) : %(limit_value)d "
                "caractères au plus. Gardez les détails pour la description."
            ),
        },
    )
    constat = ChampTexte(
        label=_("Ce que vous observez sur le terrain"),
        min_length=CONSTAT_MIN,
        max_length=TEXTE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Décrivez la situation concrète : ce que vous voyez, depuis quand, avec quels effets."
        ),
        error_messages={
            "required": _("Décrivez ce que vous observez sur le terrain."),
            "min_length": _(
                "La description est trop courte (%(show_value)d caractères) : écrivez au "
                "moins %(limit_value)d caractères, par exemple ce qui se passe et depuis quand."
            ),
            "max_length": _(
                "La description est trop longue (%(show_value)d caractères) : %(limit_value)d "
                "caractères au plus."
            ),
        },
    )
    publics_concernes = ChampTexte(
        label=_("Qui est concerné ?"),
        max_length=TEXTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Les personnes ou les services touchés, et combien si vous le savez. Par "
            "exemple : « une centaine de personnes âgées des hameaux »."
        ),
        error_messages={
            "required": _("Dites qui est touché par ce problème."),
            "max_length": _(
                "Ce texte est trop long (%(show_value)d caractères) : %(limit_value)d "
                "caractères au plus."
            ),
        },
    )
    deja_tente = ChampTexte(
        label=_("Ce qui a déjà été essayé"),
        required=False,
        max_length=TEXTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Les solutions tentées, par vous ou par d'autres, et ce qu'elles ont donné. "
            "Laissez vide si rien n'a encore été tenté."
        ),
        error_messages={
            "max_length": _(
                "Ce texte est trop long (%(show_value)d caractères) : %(limit_value)d "
                "caractères au plus."
            ),
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.order_by("nom"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez un ou plusieurs thèmes qui correspondent au problème."),
        error_messages={
            "required": _("Cochez au moins un thème."),
            "invalid_choice": _("Ce thème n'existe plus : cochez-en un autre."),
            "invalid_pk_value": _("Ce thème n'existe plus : cochez-en un autre."),
        },
    )
    organisation = ChoixOrganisation(
        label=_("Votre organisation"),
        queryset=Organisation.objects.order_by("nom"),
        required=False,
        empty_label=_("— Aucune ou pas dans la liste —"),
        help_text=_(
            "La structure au nom de laquelle vous faites remonter ce problème. Elle est "
            "reprise de votre profil ; changez-la si besoin."
        ),
        error_messages={"invalid_choice": _("Cette organisation n'existe plus.")},
    )
    # Robots fill every field; people never see this one (see the template and the CSS).
    site_internet = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=ChampMiel(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    jeton = forms.CharField(required=False, widget=forms.HiddenInput)

    # The order of the page; the honeypot and the token are placed by the template.
    ordre_affichage = (
        "titre",
        "constat",
        "publics_concernes",
        "deja_tente",
        "departements",
        "territoires_precis",
        "themes",
        "organisation",
    )
    champs_markdown = ("constat", "publics_concernes", "deja_tente")
    aide_markdown = AIDE_MARKDOWN
    # Set by clean() when the token is not one we signed: the page then gets a fresh one.
    jeton_refuse = False

    def __init__(self, *args: Any, personne: Personne, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.personne = personne
        departements, groupes, rattachements, par_slug = _territoires()
        self.fields["departements"] = ChoixTerritoires(
            label=_("Départements"),
            choices=[(t.slug, t.nom) for t in departements],
            widget=forms.CheckboxSelectMultiple,
            territoires=par_slug,
            help_text=_(
                "Cochez un département si le problème se pose sur tout ou partie de celui-ci."
            ),
            error_messages={"invalid_choice": _("Ce territoire n'existe plus.")},
        )
        self.fields["territoires_precis"] = ChoixTerritoires(
            label=_("Intercommunalités ou communes"),
            choices=groupes,
            widget=SelecteurTerritoires(
                recherche=_("Chercher une intercommunalité ou une commune"),
                rattachements=rattachements,
                aide=_(
                    "Ouvrez un département pour voir ses intercommunalités, et « Ses "
                    "communes » sous chacune pour voir ses communes ; cochez autant de cases "
                    "que nécessaire."
                ),
            ),
            territoires=par_slug,
            help_text=_("Pour être plus précis : vous pouvez en choisir plusieurs."),
            error_messages={"invalid_choice": _("Ce territoire n'existe plus.")},
        )
        self.fields["organisation"].initial = personne.organisation_id
        self.fields["jeton"].initial = antispam.jeton_nouveau(personne.pk)
        self.order_fields([*self.ordre_affichage, "site_internet", "jeton"])

    # --- Validation -----------------------------------------------------------------------

    def clean_titre(self) -> str:
        return " ".join(self.cleaned_data["titre"].split())

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        # Every check adds its message rather than stopping at the first one: a form refused
        # by a guard still says what else to fix, in the one summary of the page.
        if (
            "departements" in donnees
            and "territoires_precis" in donnees
            and not donnees["departements"]
            and not donnees["territoires_precis"]
        ):
            self.add_error(
                "departements",
                forms.ValidationError(
                    _(
                        "Choisissez au moins un territoire : cochez un département, ou "
                        "choisissez une intercommunalité ou une commune dans la liste."
                    ),
                    code="territoire_manquant",
                ),
            )
        jeton = donnees.get("jeton") or ""
        age = antispam.jeton_age(jeton, self.personne.pk)
        if donnees.get("site_internet"):
            self.add_error(None, forms.ValidationError(MESSAGE_REFUS, code="refuse"))
        elif age is None:
            self.jeton_refuse = True
            self.add_error(None, forms.ValidationError(MESSAGE_TROP_RAPIDE, code="jeton_invalide"))
        elif antispam.jeton_expire(age):
            self.jeton_refuse = True
            self.add_error(None, forms.ValidationError(MESSAGE_JETON_EXPIRE, code="jeton_expire"))
        elif age < antispam.delai_minimum():
            self.add_error(None, forms.ValidationError(MESSAGE_TROP_RAPIDE, code="trop_rapide"))
        # Last, once nothing else is wrong: the token is spent, one report per form shown.
        if not self.errors and age is not None and not antispam.jeton_utiliser(jeton, age=age):
            self.jeton_refuse = True
            raise forms.ValidationError(MESSAGE_DEJA_ENVOYE, code="jeton_deja_utilise")
        return donnees

    # --- What the view and the template need ----------------------------------------------

    def territoires_choisis(self) -> list[Territoire]:
        vus: dict[int, Territoire] = {}
        for territoire in [
            *self.cleaned_data["departements"],
            *self.cleaned_data["territoires_precis"],
        ]:
            vus.setdefault(territoire.pk, territoire)
        return list(vus.values())

    def valeur_jeton(self) -> str:
        """The token to put back in the page: the one the person started with, so that a
        preview or an error does not restart the clock, unless it was refused."""
        if self.is_bound and not self.jeton_refuse:
            posted = self.data.get(self.add_prefix("jeton"), "")
            if antispam.jeton_age(posted, self.personne.pk) is not None:
                return str(posted)
        return str(self.fields["jeton"].initial)

    @classmethod
    def pour_apercu(cls, data: QueryDict, *, personne: Personne) -> SignalementForm:
        """The form again, unbound, with what was typed: a preview shows no error yet."""
        vierge = cls(personne=personne)
        initial: dict[str, Any] = {}
        for nom, champ in vierge.fields.items():
            if nom == "site_internet":
                continue
            initial[nom] = champ.widget.value_from_datadict(data, {}, vierge.add_prefix(nom))
        formulaire = cls(personne=personne, initial=initial)
        jeton = str(initial.get("jeton") or "")
        if antispam.jeton_age(jeton, personne.pk) is not None:
            formulaire.fields["jeton"].initial = jeton
        return formulaire
