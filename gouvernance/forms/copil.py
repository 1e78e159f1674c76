"""The forms of a COPIL session's page: a member's vote on a candidate (a score per criterion
of the session's grid, an opinion, a comment) or their abstention, the chair's decision, and a
rectification of a published decision."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from gouvernance.models import Avis, Critere, TypeDecision

CHOIX_INVALIDE = "Choisissez une valeur de la liste."


def nom_du_champ(critere: Critere) -> str:
    return f"critere_{critere.pk}"


class VoteForm(forms.Form):
    """One member's vote on one candidate. The fields of the criteria are built from the
    session's grid (its levels read once for the page), one radio group each; a criterion may
    be left unscored."""

    avis = forms.ChoiceField(
        label="Mon avis",
        choices=Avis.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Donnez votre avis : retenir, ajourner ou ne pas retenir.",
            "invalid_choice": CHOIX_INVALIDE,
        },
    )
    commentaire = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lu par les membres du COPIL et la Ti Team seulement.",
    )

    def __init__(self, *args: Any, criteres: Sequence[Critere] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteres = list(criteres)
        champs: dict[str, forms.Field] = {}
        for critere in self.criteres:
            niveaux = list(critere.niveaux.all())
            champs[nom_du_champ(critere)] = forms.TypedChoiceField(
                label=f"{critere.libelle} (poids {critere.poids})",
                choices=[(n.valeur, f"{n.valeur} — {n.libelle}") for n in niveaux],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=critere.description,
                error_messages={
                    "invalid_choice": "Choisissez un des niveaux de l'échelle de ce critère."
                },
            )
        # The criteria first, in the grid's order, then the opinion and the comment.
        self.fields = {**champs, **self.fields}

    def notes(self) -> dict[int, int]:
        """critere id → value, for the criteria scored."""
        return {
            critere.pk: valeur
            for critere in self.criteres
            if (valeur := self.cleaned_data.get(nom_du_champ(critere))) not in (None, "")
        }


class AbstentionForm(forms.Form):
    """A member whose organisation is involved in a candidate says how, and abstains on it."""

    declaration = forms.CharField(
        label="Comment mon organisation est concernée",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Cette déclaration est lue par le COPIL et la Ti Team ; la page publique "
        "dit seulement que vous vous êtes abstenu·e.",
        error_messages={
            "required": "Dites en quelques mots comment votre organisation est concernée."
        },
    )


class DecisionForm(forms.Form):
    """The chair's decision on a candidate, with its public rationale."""

    decision = forms.ChoiceField(
        label="Décision",
        choices=TypeDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez la décision.", "invalid_choice": CHOIX_INVALIDE},
    )
    motifs = forms.CharField(
        label="Motifs publics",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Rendus publics avec la décision. Markdown possible.",
        error_messages={"required": "Écrivez les motifs de la décision : ils seront publics."},
    )


class RectificationForm(forms.Form):
    """A dated correction shown beside a published decision."""

    texte = forms.CharField(
        label="Rectification",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Publiée, datée, à côté de la décision, qui reste telle quelle. Markdown "
        "possible.",
        error_messages={"required": "Écrivez la rectification."},
    )


def erreurs_vers_formulaire(formulaire: forms.Form, erreur: ValidationError) -> None:
    """A service's refusal next to the field at fault, or above the form."""
    if hasattr(erreur, "error_dict"):
        for champ, liste in erreur.error_dict.items():
            formulaire.add_error(champ if champ in formulaire.fields else None, liste)
    else:
        formulaire.add_error(None, erreur)
