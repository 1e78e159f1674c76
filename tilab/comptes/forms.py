"""Forms a person fills in about themselves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import Expertise, Organisation, Personne
from tilab.textes import ChampNom, nettoyer_texte


class _NomsOrganisations(ModelChoiceIterator):
    """The organisations of the menu read as (id, name) rows: some 800 of them, whose objects
    cost more to build than the menu to render. An option's value carries no instance."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        cle = self.field.to_field_name or "pk"
        for valeur, nom in self.queryset.values_list(cle, "nom"):
            sans_instance = ModelChoiceIteratorValue(valeur, None)  # type: ignore[arg-type]
            # The label of Organisation.__str__.
            yield (sans_instance, nettoyer_texte(nom))


class ChoixOrganisation(forms.ModelChoiceField[Organisation]):
    """The « Votre organisation » menu of every form. What it gives the form once clean is
    the chosen :class:`Organisation` object, as a ``ModelChoiceField`` does."""

    iterator = _NomsOrganisations


class ProfilForm(forms.ModelForm):
    expertises = forms.MultipleChoiceField(
        label=_("Vos types d'expertise"),
        choices=Expertise.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Cochez ce que vous apportez à une communauté. Cela aide à réunir des expertises "
            "différentes autour d'une problématique."
        ),
    )
    organisation = ChoixOrganisation(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("nom"),
        required=False,
        empty_label=_("— Aucune ou pas dans la liste —"),
        help_text=_(
            "La collectivité, le service ou la structure où vous travaillez. Si elle manque, "
            "écrivez-nous : l'équipe l'ajoutera."
        ),
    )

    class Meta:
        model = Personne
        fields = [
            "first_name",
            "last_name",
            "organisation",
            "fonction",
            "expertises",
            "profil_public",
        ]
        # Shown publicly: invisible characters removed (tilab/textes.py).
        field_classes = {"first_name": ChampNom, "last_name": ChampNom, "fonction": ChampNom}
        labels = {
            "first_name": _("Prénom"),
            "last_name": _("Nom"),
            "fonction": _("Fonction"),
            "profil_public": _("Afficher mon nom sur les pages publiques"),
        }


class SuppressionCompteForm(forms.Form):
    """Asks the person to type their address again, so that nobody deletes by a slip."""

    confirmation = forms.CharField(
        label=_("Pour confirmer, saisissez votre adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, personne: Personne, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.personne = personne

    def clean_confirmation(self) -> str:
        saisie = self.cleaned_data["confirmation"].strip()
        if saisie.casefold() != self.personne.email.casefold():
            raise forms.ValidationError(
                _(
                    "L'adresse saisie ne correspond pas à celle de votre compte. "
                    "Votre compte n'a pas été supprimé."
                ),
                code="confirmation_incorrecte",
            )
        return saisie
