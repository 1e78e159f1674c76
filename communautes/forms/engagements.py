"""The forms to join a community with a framed commitment, and to renew it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from communautes.models import Communaute, Engagement, RoleEngagement
from communautes.services import engagements as services
from tilab.comptes.forms import ChoixOrganisation
from tilab.comptes.models import Expertise, Organisation, Personne
from tilab.dates import date_francaise

HEURES_MAXIMUM = 160


def _champ_fin(*, aujourd_hui: date, help_text: str) -> forms.DateField:
    maximum = services.fin_maximale(aujourd_hui)
    return forms.DateField(
        label="Date de fin de votre engagement",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"type": "date", "min": aujourd_hui.isoformat(), "max": maximum.isoformat()},
        ),
        help_text=help_text,
        error_messages={
            "required": "Indiquez une date de fin : un engagement est toujours limité dans le "
            "temps.",
            "invalid": "Saisissez une date valide, par exemple 31/12/2026.",
        },
    )


class RejoindreForm(forms.Form):
    """Role, expertise, organisation, hours a month and end date of a new commitment.

    ``depassement_confirme`` is only shown, and only required, once the service has said the
    hours go past the threshold (the view sets ``avertissement``).
    """

    role = forms.ChoiceField(
        label="Votre rôle",
        choices=RoleEngagement.choices,
        initial=RoleEngagement.MEMBRE,
        widget=forms.RadioSelect,
        help_text="Le référent ou la référente fait le lien avec l'équipe du Ti Lab et aide à "
        "animer la communauté.",
        error_messages={"required": "Choisissez votre rôle.", "invalid_choice": "Choisissez "
                        "un rôle de la liste."},
    )  # fmt: skip
    expertise = forms.ChoiceField(
        label="L'expertise que vous apportez",
        choices=[("", "— Choisir —"), *Expertise.choices],
        help_text="Ce que vous apportez surtout à cette communauté.",
        error_messages={
            "required": "Choisissez l'expertise que vous apportez.",
            "invalid_choice": "Choisissez une expertise de la liste.",
        },
    )
    organisation = ChoixOrganisation(
        label="Au titre de quelle organisation",
        queryset=Organisation.objects.order_by("nom"),
        required=False,
        empty_label="— À titre personnel, ou organisation absente de la liste —",
        help_text="La structure pour laquelle vous vous engagez.",
        error_messages={"invalid_choice": "Choisissez une organisation de la liste."},
    )
    heures_par_mois = forms.IntegerField(
        label="Heures par mois",
        min_value=1,
        max_value=HEURES_MAXIMUM,
        help_text="Le temps que vous pensez y consacrer chaque mois, en heures (un nombre "
        "entier, au moins 1).",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Indiquez le nombre d'heures par mois, au moins 1.",
            "invalid": "Indiquez un nombre entier d'heures, par exemple 2.",
            "min_value": "Indiquez au moins 1 heure par mois.",
            "max_value": f"Indiquez au plus {HEURES_MAXIMUM} heures par mois.",
        },
    )
    depassement_confirme = forms.BooleanField(
        label="Je confirme cet engagement malgré le dépassement",
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        communaute: Communaute,
        personne: Personne,
        aujourd_hui: date,
        **kwargs: Any,
    ) -> None:
        if not args and "initial" not in kwargs:
            kwargs["initial"] = self.valeurs_initiales(
                communaute=communaute, personne=personne, aujourd_hui=aujourd_hui
            )
        super().__init__(*args, **kwargs)
        maximum = services.fin_maximale(aujourd_hui)
        self.fields["fin"] = _champ_fin(
            aujourd_hui=aujourd_hui,
            help_text="Au plus douze mois : au plus tard le "
            f"{date_francaise(maximum, 'j F Y')}. Deux semaines avant, vous recevrez un courriel "
            "pour le prolonger ou vous arrêter.",
        )
        self.order_fields(
            ["role", "expertise", "organisation", "heures_par_mois", "fin", "depassement_confirme"]
        )
        # Set by the view when the service answers that the threshold would be passed.
        self.avertissement: services.SeuilDepasse | None = None

    @staticmethod
    def valeurs_initiales(
        *, communaute: Communaute, personne: Personne, aujourd_hui: date
    ) -> dict[str, Any]:
        """The person's organisation, and the expertise they offered when they said « nous
        aussi » to the community's problem, or else the first one of their profile."""
        expertise = ""
        if communaute.problematique_id is not None:
            from problematiques.models import Soutien

            expertise = (
                Soutien.objects.filter(
                    problematique_id=communaute.problematique_id, personne=personne
                )
                .exclude(expertise_offerte="")
                .values_list("expertise_offerte", flat=True)
                .first()
                or ""
            )
        if not expertise and personne.expertises:
            expertise = personne.expertises[0]
        return {
            "role": RoleEngagement.MEMBRE,
            "expertise": expertise,
            "organisation": personne.organisation_id,
            "fin": services.fin_par_defaut(aujourd_hui),
        }

    def avertir(self, depassement: services.SeuilDepasse, *, deja_averti: bool) -> None:
        """Show the threshold warning; a person who saw it and did not tick the box gets an
        error on the box too."""
        self.avertissement = depassement
        self.fields["depassement_confirme"].required = True
        if deja_averti:
            self.add_error(
                "depassement_confirme",
                "Cochez cette case pour confirmer, ou indiquez moins d'heures par mois.",
            )

    def donnees_service(self) -> dict[str, Any]:
        """The keyword arguments of ``services_engagements.engagement_rejoindre``."""
        donnees = self.cleaned_data
        return {
            "role": donnees["role"],
            "expertise": donnees["expertise"],
            "organisation": donnees.get("organisation"),
            "heures_par_mois": donnees["heures_par_mois"],
            "fin": donnees["fin"],
            "depassement_confirme": bool(donnees.get("depassement_confirme")),
        }


class ProlongerForm(forms.Form):
    """A new end date for a running commitment."""

    def __init__(self, *args: Any, engagement: Engagement, aujourd_hui: date, **kwargs: Any):
        maximum = services.fin_maximale(aujourd_hui)
        if not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "fin": min(services.ajouter_mois(engagement.fin, 3), maximum),
            }
        super().__init__(*args, **kwargs)
        self.fields["fin"] = _champ_fin(
            aujourd_hui=aujourd_hui,
            help_text=f"Après le {date_francaise(engagement.fin, 'j F Y')} (la fin actuelle), et "
            f"au plus tard le {date_francaise(maximum, 'j F Y')} (douze mois à partir "
            "d'aujourd'hui).",
        )
        self.fields["fin"].label = "Nouvelle date de fin"
