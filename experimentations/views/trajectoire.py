"""What a problem's pages show of its experiment, registered into ``problematiques.trajectoire``
by ``experimentations.apps``: the experiment's steps on the problem's trajectory (creation,
launch, each phase's actual start and end, suspension and resumption, end, essaimage, each
pact signed) and a side panel linking to the experiment.

The experiment's page shows the same trajectory: it fetches the phases and public pacts with
the experiment (``experimentations.views.experimentations.experimentation_publique``), so
that the steps below cost one query there (the journal of state changes).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from experimentations import rules
from experimentations.models import (
    ActionExperimentation,
    Experimentation,
    Pacte,
    PhaseExperimentation,
    StatutExperimentation,
    TypeActionExperimentation,
)
from problematiques.models import Problematique, Statut
from problematiques.trajectoire import Etape

GENRE = "experimentation"

# What a change of state is called on the trajectory, by the state reached (and, for « en
# cours », whether it is the first start or a resumption).
TITRES_DES_ETATS = {
    StatutExperimentation.EN_COURS: "Expérimentation lancée",
    StatutExperimentation.SUSPENDUE: "Expérimentation suspendue",
    StatutExperimentation.TERMINEE: "Expérimentation terminée",
    StatutExperimentation.ESSAIMEE: "Expérimentation essaimée",
}
REPRISE = "Expérimentation reprise"


def experimentation_de(problematique: Problematique) -> Experimentation | None:
    """The problem's experiment (fetched with it where the page asked for the relation)."""
    try:
        return problematique.experimentation  # type: ignore[no-any-return]
    except Experimentation.DoesNotExist:
        return None


def _a_midi(jour: date) -> datetime:
    # A day, on a trajectory of instants: midday, so that it sorts after what was journaled
    # early that day and before what was journaled late.
    return datetime.combine(jour, time(12, 0), tzinfo=timezone.get_current_timezone())


def _changement_d_etat(detail: str) -> tuple[str, str, str] | None:
    """``(former state, new state, public reason)`` read from a journal entry written by
    ``experimentation_changer_statut`` (« En cours → Suspendue. The reason. »)."""
    for ancien in StatutExperimentation:
        for nouveau in StatutExperimentation:
            entete = f"{ancien.label} → {nouveau.label}."
            if detail.startswith(entete):
                return ancien.value, nouveau.value, detail[len(entete) :].strip()
    return None


def _etapes_d_etat(experimentation: Experimentation) -> list[Etape]:
    """Each change of state from the journal; for an experiment whose journal says nothing of
    its states (written without the services), what its own fields say."""
    etapes = []
    for action in ActionExperimentation.objects.filter(
        experimentation=experimentation, type=TypeActionExperimentation.CHANGER_STATUT
    ).only("le", "detail"):
        changement = _changement_d_etat(action.detail)
        if changement is None:
            continue
        ancien, nouveau, motif = changement
        titre = (
            REPRISE
            if nouveau == StatutExperimentation.EN_COURS
            and ancien == StatutExperimentation.SUSPENDUE
            else TITRES_DES_ETATS.get(StatutExperimentation(nouveau), "")
        )
        if titre:
            etapes.append(Etape(date=action.le, titre=titre, commentaire=motif, genre=GENRE))
    if etapes:
        return etapes
    if experimentation.lancee_le:
        etapes.append(
            Etape(
                date=_a_midi(experimentation.lancee_le),
                titre=TITRES_DES_ETATS[StatutExperimentation.EN_COURS],
                genre=GENRE,
            )
        )
    statut = StatutExperimentation(experimentation.statut)
    if statut in TITRES_DES_ETATS and statut != StatutExperimentation.EN_COURS:
        etapes.append(
            Etape(
                date=experimentation.statut_change_le or experimentation.modifiee_le,
                titre=TITRES_DES_ETATS[statut],
                commentaire=experimentation.motif_statut,
                genre=GENRE,
            )
        )
    return etapes


def _etapes_des_phases(phases: list[PhaseExperimentation]) -> list[Etape]:
    etapes = []
    for phase in phases:
        nom = phase.get_type_display()
        if phase.debut_reel:
            etapes.append(
                Etape(
                    date=_a_midi(phase.debut_reel),
                    titre=f"Début de la phase « {nom} »",
                    genre=GENRE,
                )
            )
        if phase.fin_reelle:
            etapes.append(
                Etape(
                    date=_a_midi(phase.fin_reelle),
                    titre=f"Fin de la phase « {nom} »",
                    commentaire=phase.compte_rendu,
                    genre=GENRE,
                )
            )
    return etapes


def etapes(problematique: Problematique) -> list[Etape]:
    """The experiment's steps on its problem's trajectory (none without an experiment)."""
    experimentation = experimentation_de(problematique)
    if experimentation is None:
        return []
    # Already there on the experiment's page (the same lookups, there with the pacts'
    # commitments too): no query then.
    prefetch_related_objects(
        [experimentation],
        Prefetch("phases", queryset=PhaseExperimentation.objects.all()),
        Prefetch("pactes", queryset=Pacte.objects.publics().select_related("organisation")),
    )
    lien = experimentation.get_absolute_url()
    resultat = [
        Etape(
            date=experimentation.cree_le,
            titre="Expérimentation créée",
            commentaire=f"« {experimentation.titre} »",
            lien=lien,
            lien_texte="Voir l'expérimentation",
            genre=GENRE,
        )
    ]
    resultat += _etapes_d_etat(experimentation)
    resultat += _etapes_des_phases(list(experimentation.phases.all()))
    for pacte in experimentation.pactes.all():
        if pacte.signe_le is None:
            continue
        resultat.append(
            Etape(
                date=pacte.signe_le,
                titre=f"Pacte de transformation signé avec {pacte.organisation.nom}",
                lien=pacte.get_absolute_url(),
                lien_texte=f"Lire le pacte n° {pacte.numero}",
                genre="pacte",
            )
        )
    return resultat


def contexte_problematique(request: HttpRequest, problematique: Problematique) -> dict[str, Any]:
    """The side panel of a problem's page: its experiment, if it has one."""
    return {"experimentation_du_probleme": experimentation_de(problematique)}


def contexte_admin(request: HttpRequest, problematique: Problematique) -> dict[str, Any]:
    """``experimentation_admin`` for the problem's change page in the back office: its
    experiment once created; before, for a retained problem and those who may, the way to
    create it (the experiment's add page, the problem already chosen)."""
    experimentation = experimentation_de(problematique)
    if experimentation is not None:
        return {
            "experimentation_admin": {
                "experimentation": experimentation,
                "url_admin": reverse(
                    "admin:experimentations_experimentation_change", args=[experimentation.pk]
                ),
            }
        }
    if problematique.statut == Statut.RETENUE and rules.peut_coordonner(request.user):
        url = reverse("admin:experimentations_experimentation_add")
        return {"experimentation_admin": {"url_creer": f"{url}?problematique={problematique.pk}"}}
    return {"experimentation_admin": {}}
