"""The team's two maturity forms: the willing territory with its note, the Direction's override."""

from __future__ import annotations

from typing import Any

from django import forms

from communautes.models import Communaute
from communautes.services.maturite import LONGUEUR_MAXIMALE_TEXTE, territoires_possibles
from tilab.comptes.models import Territoire
from tilab.textes import ChampTexte

AIDE_MARKDOWN = (
    "Visible sur la page publique de la problématique. Mise en forme Markdown possible : "
    "**gras**, *italique*, listes avec « - »."
)


class ChoixTerritoire(forms.ModelChoiceField[Territoire]):
    def label_from_instance(self, obj: Territoire) -> str:
        return f"{obj.nom} ({obj.get_type_display()})"


class TerritoireVolontaireForm(forms.Form):
    territoire = ChoixTerritoire(
        label="Territoire prêt à s'engager",
        queryset=Territoire.objects.none(),
        empty_label="Choisissez un territoire",
        help_text="Un territoire de la problématique ou de la communauté, ou une "
        "intercommunalité ou une commune qui en fait partie.",
        error_messages={
            "required": "Choisissez le territoire qui s'est dit prêt à s'engager.",
            "invalid_choice": "Choisissez un territoire de la problématique ou de la "
            "communauté, ou un territoire qui en fait partie.",
        },
    )
    note = ChampTexte(
        label="Ce que le territoire a dit",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONGUEUR_MAXIMALE_TEXTE,
        help_text="Qui s'est engagé, comment et quand (un courrier, une délibération, une "
        f"réunion…). {AIDE_MARKDOWN}",
        error_messages={
            "required": "Écrivez ce que le territoire a dit : qui s'est engagé, comment et quand.",
            "max_length": f"Écrivez au plus {LONGUEUR_MAXIMALE_TEXTE} caractères "
            "(vous en avez écrit %(show_value)d).",
        },
    )

    def __init__(self, *args: Any, communaute: Communaute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territoire"].queryset = territoires_possibles(communaute)  # type: ignore[attr-defined]


class DerogationForm(forms.Form):
    motif = ChampTexte(
        label="Motif de la dérogation",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONGUEUR_MAXIMALE_TEXTE,
        help_text="Pourquoi la problématique peut aller au COPIL malgré ce qui manque. "
        f"{AIDE_MARKDOWN}",
        error_messages={
            "required": "Écrivez pourquoi la problématique peut aller au COPIL malgré ce qui "
            "manque.",
            "max_length": f"Écrivez au plus {LONGUEUR_MAXIMALE_TEXTE} caractères "
            "(vous en avez écrit %(show_value)d).",
        },
    )
