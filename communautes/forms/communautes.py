"""Forms of the Ti Team on communities: forming a community of interest from a problem."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communautes.models import Communaute
from communautes.services.communautes import animateurs_possibles
from problematiques.models import Problematique
from tilab.comptes.models import Personne
from tilab.textes import ChampTexte, ChampTitre

OBJET_MAX = 10_000

AIDE_MARKDOWN = _(
    "Vous pouvez faire des listes (une ligne commençant par « - ») et mettre des mots en "
    "**gras** ; le bouton « Prévisualiser » montre le résultat."
)


class ChoixAnimateur(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        personne: Personne = obj
        nom = personne.get_full_name()
        return f"{nom} ({personne.email})" if nom else personne.email


class ConstitutionForm(forms.Form):
    """Name, purpose and animator of the community of interest formed from ``problematique``.

    Prefilled from the problem: its title as the name, a purpose that says why the community
    exists followed by the problem's own words, and the person filling it in as animator when
    they belong to the Ti Team.
    """

    nom = ChampTitre(
        label=_("Nom de la communauté"),
        max_length=Communaute._meta.get_field("nom").max_length,
        help_text=_("Court et parlant, par exemple « Se soigner sans voiture dans les "
                    "hameaux ». Il sera visible de toutes et tous."),
        error_messages={
            "required": _("Donnez un nom à la communauté."),
            "max_length": _("Le nom est trop long : %(limit_value)d caractères au plus "
                            "(il en a %(show_value)d)."),
        },
    )  # fmt: skip
    objet = ChampTexte(
        label=_("Objet de la communauté"),
        max_length=OBJET_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Pourquoi elle existe et ce qu'elle cherche à faire. Il est envoyé "
                    "dans l'invitation et visible sur sa page publique."),
        error_messages={
            "required": _("Dites en quelques lignes pourquoi la communauté existe."),
            "max_length": _("Le texte est trop long : %(limit_value)d caractères au plus "
                            "(il en a %(show_value)d)."),
        },
    )  # fmt: skip
    animateur = ChoixAnimateur(
        label=_("Animateur ou animatrice"),
        queryset=Personne.objects.none(),
        empty_label=_("— Choisissez un membre de la Ti Team —"),
        help_text=_("La personne de la Ti Team qui fait vivre la communauté."),
        error_messages={
            "required": _("Choisissez qui anime la communauté."),
            "invalid_choice": _("Choisissez un membre actif de la Ti Team dans la liste."),
        },
    )

    def __init__(
        self,
        *args: Any,
        problematique: Problematique,
        personne: Personne | None = None,
        **kwargs: Any,
    ) -> None:
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", valeurs_initiales(problematique, personne))
        super().__init__(*args, **kwargs)
        champ = self.fields["animateur"]
        assert isinstance(champ, forms.ModelChoiceField)
        champ.queryset = animateurs_possibles()

    aide_markdown = AIDE_MARKDOWN

    def clean_nom(self) -> str:
        nom: str = self.cleaned_data["nom"].strip()
        if len(nom) < 3:
            raise forms.ValidationError(
                _("Le nom est trop court : écrivez au moins 3 caractères."), code="court"
            )
        return nom


def valeurs_initiales(problematique: Problematique, personne: Personne | None) -> dict[str, Any]:
    from tilab.comptes import rules as regles_comptes

    objet = (
        "Cette communauté d'intérêt réunit les personnes et les organisations qui "
        f"rencontrent la problématique « {problematique.titre} », pour la comprendre "
        "ensemble, partager ce qui a été essayé et préparer une expérimentation.\n\n"
        "## Ce qui est observé sur le terrain\n\n"
        f"{problematique.constat.strip()}\n\n"
        "## Qui est concerné\n\n"
        f"{problematique.publics_concernes.strip()}\n"
    )
    initial: dict[str, Any] = {"nom": problematique.titre, "objet": objet}
    if personne is not None and personne.is_active and regles_comptes.est_ti_team(personne):
        initial["animateur"] = personne.pk
    return initial
