"""The forms of the texts' public pages: a member's comment during a consultation, the team's
answer, and the choice of two versions to compare (a GET form that works without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms

from gouvernance.services.consultation import LONGUEUR_MAX
from tilab.textes import ChampTexte


class CommentaireForm(forms.Form):
    """A comment on the whole version or on one of its paragraphs (the grid: its criteria)."""

    paragraphe = forms.TypedChoiceField(
        label="Sur quelle partie ?",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choisissez une partie dans la liste."},
    )
    texte = ChampTexte(
        label="Votre commentaire",
        max_length=LONGUEUR_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Public, avec votre nom tel que vous l'affichez. Mise en forme Markdown "
        "possible.",
        error_messages={"required": "Écrivez votre commentaire."},
    )

    def __init__(self, *args: Any, parties: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        champ = self.fields["paragraphe"]
        assert isinstance(champ, forms.TypedChoiceField)
        champ.choices = [("", "Toute la version"), *parties]


class ReponseForm(forms.Form):
    reponse = ChampTexte(
        label="Réponse de l'équipe",
        max_length=LONGUEUR_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Écrivez la réponse de l'équipe."},
    )


class ComparaisonForm(forms.Form):
    """Two public versions, by number: « de » the older, « à » the newer (any order works)."""

    de = forms.TypedChoiceField(label="De la version", coerce=int)
    a = forms.TypedChoiceField(label="à la version", coerce=int)

    def __init__(self, *args: Any, numeros: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choix = [(n, f"Version {n}") for n in numeros]
        for nom in ("de", "a"):
            champ = self.fields[nom]
            assert isinstance(champ, forms.TypedChoiceField)
            champ.choices = choix
            champ.error_messages = {
                "required": "Choisissez une version.",
                "invalid_choice": "Aucune version publique ne porte ce numéro : choisissez-en "
                "une dans la liste.",
            }

    def clean(self) -> dict[str, Any]:
        donnees = super().clean() or {}
        if donnees.get("de") is not None and donnees.get("de") == donnees.get("a"):
            self.add_error("a", "Choisissez deux versions différentes.")
        return donnees


class AvisCodirForm(forms.Form):
    """CODIR's validation or invalidation of a published version, dated, with its reasons."""

    valide = forms.TypedChoiceField(
        label="L'avis du CODIR",
        choices=[("oui", "Validée"), ("non", "Invalidée")],
        coerce=lambda v: v == "oui",
        widget=forms.RadioSelect,
        error_messages={"required": "Dites si le CODIR valide ou invalide la version."},
    )
    le = forms.DateField(
        label="Date de la réunion du CODIR",
        help_text="Au format jj/mm/aaaa.",
        error_messages={
            "required": "Donnez la date de la réunion du CODIR.",
            "invalid": "Donnez une date au format jj/mm/aaaa, par exemple 12/11/2026.",
        },
    )
    motifs = ChampTexte(
        label="Motifs",
        max_length=LONGUEUR_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Publics, avec l'avis. Mise en forme Markdown possible.",
        error_messages={"required": "Écrivez les motifs de l'avis du CODIR."},
    )
