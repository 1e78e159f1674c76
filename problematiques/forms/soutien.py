"""The "nous aussi" form of a problem's page."""

from __future__ import annotations

from typing import Any

from django import forms

from tilab.comptes.forms import ChoixOrganisation
from tilab.comptes.models import Expertise, Organisation, Personne, Territoire
from tilab.comptes.territoires import territoires_groupes
from tilab.textes import ChampTexte


class SoutienForm(forms.Form):
    organisation = ChoixOrganisation(
        label="Votre organisation",
        queryset=Organisation.objects.order_by("nom"),
        required=False,
        empty_label="— Aucune ou pas dans la liste —",
        help_text="La structure au nom de laquelle vous dites « nous aussi ».",
    )
    territoire = forms.ChoiceField(
        label="Où rencontrez-vous ce problème ?",
        required=False,
        help_text="Le département, l'intercommunalité ou la commune concernée chez vous.",
    )
    expertise_offerte = forms.ChoiceField(
        label="Ce que vous pourriez apporter",
        choices=[("", "— Rien de particulier pour l'instant —"), *Expertise.choices],
        required=False,
        help_text="Le type d'expertise que vous proposez à une future communauté.",
    )
    precisions = ChampTexte(
        label="Précisions",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Ce que vous observez chez vous, ce que vous avez essayé. Ce texte sera public. "
            "Mise en forme possible : **gras**, *italique*, listes avec « - »."
        ),
    )
    rejoindrait_communaute = forms.BooleanField(
        label="Je rejoindrais une communauté qui travaille sur ce sujet",
        required=False,
    )

    def __init__(self, *args: Any, personne: Personne | None = None, **kwargs: Any) -> None:
        if personne is not None and "initial" not in kwargs and not args:
            kwargs["initial"] = {"organisation": personne.organisation_id}
        super().__init__(*args, **kwargs)
        groupes, self._territoires = territoires_groupes(avec_communes=True)
        champ = self.fields["territoire"]
        assert isinstance(champ, forms.ChoiceField)
        champ.choices = [("", "— Choisir un territoire —"), *groupes]

    def clean_territoire(self) -> Territoire | None:
        slug = self.cleaned_data.get("territoire")
        return self._territoires.get(slug) if slug else None

    def donnees_service(self) -> dict[str, Any]:
        """The keyword arguments of ``services.soutien_ajouter`` this form collected."""
        donnees = self.cleaned_data
        return {
            "organisation": donnees.get("organisation"),
            "territoire": donnees.get("territoire"),
            "expertise_offerte": donnees.get("expertise_offerte") or "",
            "precisions": donnees.get("precisions") or "",
            "rejoindrait_communaute": bool(donnees.get("rejoindrait_communaute")),
        }
