"""The form a signatory fills in to confirm a pact with their own account."""

from __future__ import annotations

from typing import Any

from django import forms


class SignatureForm(forms.Form):
    """One box to tick: the signatory has read the pact and confirms it for ``organisation``.
    Who signs is the person logged in, never a field of the form."""

    confirmation = forms.BooleanField(
        required=True,
        error_messages={
            "required": "Cochez la case pour confirmer le pacte : sans elle, rien n'est "
            "enregistré.",
        },
    )

    def __init__(self, *args: Any, organisation: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "confirmation"
        ].label = f"J'ai lu le pacte et je le confirme au nom de {organisation}"
