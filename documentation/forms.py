"""The forms of writing and reviewing: a page's text and what it is about (the editor), a
review comment, the archiving's motive, an attachment.

They check what a form can check (lengths, choices); the rules of the page's life (who may
document what, the checklist of a published page, the attachment's real type) are the
services', whose refusals the views put back next to the fields (:func:`erreurs_du_service`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from documentation.models import LICENCES, Licence, SortePage
from documentation.services.pieces_jointes import DESCRIPTION_DES_TYPES
from tilab.comptes.models import Territoire, Theme
from tilab.comptes.territoires import territoires_groupes
from tilab.textes import ChampNom, ChampTexte, ChampTitre
from tilab.widgets import SelecteurTerritoires

TEXTE_MAX = 100_000
AIDE_MARKDOWN = (
    "Mise en forme Markdown : « ## » devant un intertitre, « - » devant chaque élément d'une "
    "liste, **gras** entre deux astérisques doubles. Le bouton « Prévisualiser » montre le "
    "résultat sans rien enregistrer."
)


def _trop_long(quoi: str) -> str:
    return f"{quoi} est trop long (%(show_value)d caractères) : %(limit_value)d au plus."


class ChoixTerritoires(forms.MultipleChoiceField):
    """Départements and EPCI chosen by slug, given to the form as :class:`Territoire`."""

    def __init__(self, *args: Any, territoires: Mapping[str, Territoire], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.territoires = territoires

    def clean(self, value: Any) -> list[Territoire]:  # type: ignore[override]
        return [self.territoires[slug] for slug in super().clean(value)]


class PageForm(forms.Form):
    """A page's text, its licence, its themes and territories, and the note of the revision
    it saves. What a new page documents is chosen before (``documentation.sujets``) and
    carried in hidden fields; ``evenements`` (creation only): the ``(slug, label)`` of the
    events of the community it documents, among which the page may report on one."""

    titre = ChampTitre(
        label="Titre",
        max_length=200,
        help_text="Ce que la page apprend, en une ligne, par exemple : « Un guichet mobile "
        "pour les démarches en milieu rural ».",
        error_messages={
            "required": "Donnez un titre à la page.",
            "max_length": _trop_long("Le titre"),
        },
    )
    sorte = forms.ChoiceField(
        label="Type de page",
        choices=[("", "— Choisissez —"), *SortePage.choices],
        error_messages={
            "required": "Choisissez le type de page.",
            "invalid_choice": "Choisissez un type de page de la liste.",
        },
    )
    resume = ChampTexte(
        label="Résumé",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Deux ou trois phrases : ce que la page apporte, à qui. Demandé pour publier.",
        error_messages={"max_length": _trop_long("Le résumé")},
    )
    corps = ChampTexte(
        label="Contenu",
        required=False,
        max_length=TEXTE_MAX,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=AIDE_MARKDOWN,
        error_messages={"max_length": _trop_long("Le contenu")},
    )
    licence = forms.ChoiceField(
        label="Licence",
        choices=[
            (valeur, f"{libelle} — {LICENCES[valeur].conditions}")
            for valeur, libelle in Licence.choices
        ],
        initial=Licence.CC_BY_SA_4,
        widget=forms.RadioSelect,
        help_text="Elle dit à quelles conditions d'autres pourront reprendre la page.",
        error_messages={
            "required": "Choisissez une licence.",
            "invalid_choice": "Choisissez une licence de la liste.",
        },
    )
    conditions_reutilisation = ChampTexte(
        label="Conditions de réutilisation",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce qu'il faut pour refaire ailleurs : moyens, compétences, partenaires, "
        "limites. Demandé pour publier.",
        error_messages={"max_length": _trop_long("Ce texte")},
    )
    contact = ChampNom(
        label="Contact",
        required=False,
        max_length=200,
        help_text="Qui joindre pour en savoir plus : un service, une adresse, un site. "
        "Demandé pour publier.",
        error_messages={"max_length": _trop_long("Le contact")},
    )
    themes = forms.ModelMultipleChoiceField(
        label="Thèmes",
        required=False,
        queryset=Theme.objects.order_by("nom"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Ce thème n'existe plus : cochez-en un autre.",
            "invalid_pk_value": "Ce thème n'existe plus : cochez-en un autre.",
        },
    )
    note = ChampNom(
        label="Note de révision",
        required=False,
        max_length=300,
        help_text="Ce qui change, en quelques mots : elle apparaît dans l'historique.",
        error_messages={"max_length": _trop_long("La note")},
    )

    def __init__(
        self,
        *args: Any,
        evenements: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        groupes, par_slug = territoires_groupes()
        self.fields["territoires"] = ChoixTerritoires(
            label="Territoires",
            required=False,
            choices=groupes,
            widget=SelecteurTerritoires(
                recherche="Chercher un département ou une intercommunalité",
                aide="Ouvrez un département pour voir ses intercommunalités, puis cochez "
                "autant de cases que nécessaire.",
            ),
            territoires=par_slug,
            help_text="Où le projet s'est déroulé : un département ou des intercommunalités, "
            "autant que nécessaire.",
            error_messages={"invalid_choice": "Ce territoire n'existe plus."},
        )
        if evenements:
            self.fields["evenement"] = forms.ChoiceField(
                label="Compte-rendu d'un événement",
                required=False,
                choices=[("", "— Aucun —"), *evenements],
                help_text="Si la page rend compte d'un événement de la communauté, "
                "choisissez-le : sa page y renverra une fois la page publiée.",
                error_messages={"invalid_choice": "Choisissez un événement de la liste."},
            )
        self.order_fields(
            [
                "titre",
                "sorte",
                "evenement",
                "resume",
                "corps",
                "licence",
                "conditions_reutilisation",
                "contact",
                "themes",
                "territoires",
                "note",
            ]
        )

    @classmethod
    def pour_apercu(cls, data: QueryDict, **kwargs: Any) -> PageForm:
        """The form again, unbound, holding what was typed: a preview shows no error yet."""
        vierge = cls(**kwargs)
        initial = {
            nom: champ.widget.value_from_datadict(data, {}, vierge.add_prefix(nom))
            for nom, champ in vierge.fields.items()
        }
        return cls(initial=initial, **kwargs)


class CommentaireForm(forms.Form):
    """A comment of the review; the Documentation role may ask for changes with it."""

    texte = ChampTexte(
        label="Votre commentaire",
        max_length=TEXTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Lu seulement par les personnes qui écrivent la page et par l'équipe "
        "Documentation. Mise en forme Markdown possible.",
        error_messages={
            "required": "Écrivez votre commentaire.",
            "max_length": _trop_long("Le commentaire"),
        },
    )
    demande_des_modifications = forms.BooleanField(
        label="Demander des modifications",
        required=False,
        help_text="La page revient à l'état de brouillon jusqu'à sa prochaine soumission.",
    )

    def __init__(self, *args: Any, peut_demander: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "relecture")
        super().__init__(*args, **kwargs)
        if not peut_demander:
            del self.fields["demande_des_modifications"]


class ArchivageForm(forms.Form):
    motif = ChampNom(
        label="Motif de l'archivage",
        required=False,
        max_length=300,
        help_text="Par exemple : remplacée par une page plus récente. Inscrit au journal.",
        error_messages={"max_length": _trop_long("Le motif")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "archivage")
        super().__init__(*args, **kwargs)


class PieceJointeForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier à joindre",
        help_text=f"{DESCRIPTION_DES_TYPES} ; 10 Mo au plus. Le type est lu dans le contenu "
        "du fichier, pas dans son nom.",
        error_messages={
            "required": "Choisissez un fichier à joindre.",
            "empty": "Le fichier est vide.",
            "invalid": "Ce n'est pas un fichier : choisissez-en un à joindre.",
        },
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx,.odt,.ods,.odp",
            }
        ),
    )


def erreurs_du_service(formulaire: forms.Form, refus: ValidationError) -> None:
    """A service's refusal next to the fields it names, or at the top of the form."""
    if hasattr(refus, "error_dict"):
        for champ, erreurs in refus.message_dict.items():
            formulaire.add_error(champ if champ in formulaire.fields else None, erreurs)
    else:
        formulaire.add_error(None, refus.messages)
