"""Writes on experiments: creating one from a retained problem, changing its state, recording
its phases, participants, providers and budget lines.

Each function checks who acts (``experimentations.rules``), locks the rows two people could
change at once, and records what it did in the experiment's journal
(``experimentation.journaliser``) in the same transaction. The COPIL (``gouvernance``) calls
:func:`experimentation_creer_sur_decision` when it retains a problem; the team calls
:func:`experimentation_creer` from the back office.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from communautes.models import Communaute, communaute_de
from experimentations import rules, statistiques
from experimentations.charge import charge_de_l_equipe
from experimentations.models import (
    STATUTS_AVEC_MOTIF,
    TRANSITIONS_EXPERIMENTATION,
    Capacite,
    Experimentation,
    LigneBudget,
    Participant,
    PhaseExperimentation,
    Prestataire,
    StatutExperimentation,
    TypeActionExperimentation,
    TypePhase,
)
from problematiques.models import Problematique, Statut
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Organisation, Personne, Territoire, Theme
from tilab.slugs import slug_unique
from tilab.textes import nettoyer_texte

# Fixed paths under /experimentations/ that an experiment's slug must not shadow.
SLUGS_RESERVES = frozenset({"pactes", "charge", "flux"})


class ActionExperimentationImpossible(ValidationError):
    """The change is refused: a role that does not allow it, a wrong state, bad data."""


def _exiger_coordination(par: Personne, quoi: str) -> None:
    if not rules.peut_coordonner(par):
        raise ActionExperimentationImpossible(
            f"Seules la Direction et la Coordination de la Ti Team peuvent {quoi}.", code="role"
        )


def _valider(objet: Any, **options: Any) -> None:
    """``full_clean`` whose refusal is this module's, with the fields at fault."""
    try:
        objet.full_clean(**options)
    except ValidationError as exc:
        raise ActionExperimentationImpossible(exc.message_dict, code="saisie") from None


# --- Reads other modules use ---------------------------------------------------------------


def coordinateurs_possibles() -> QuerySet[Personne]:
    """Who may coordinate an experiment: the active people holding the Coordination role."""
    return Personne.objects.ayant_un_role(regles_comptes.COORDINATION).order_by(
        "last_name", "first_name", "email"
    )


def problematiques_sans_experimentation() -> QuerySet[Problematique]:
    """Retained problems that have no experiment yet: where a new one may come from."""
    return Problematique.objects.filter(
        statut=Statut.RETENUE, experimentation__isnull=True
    ).order_by("-pk")


# --- Creation ------------------------------------------------------------------------------


@transaction.atomic
def experimentation_creer(
    *,
    par: Personne,
    problematique: Problematique,
    coordinateur: Personne,
    titre: str = "",
    resume: str = "",
    territoires: Iterable[Territoire] | None = None,
    themes: Iterable[Theme] | None = None,
    communaute: Communaute | None = None,
) -> Experimentation:
    """Create the experiment of ``problematique``, which must be ``retenue`` and have none yet.

    Title, summary, territories and themes default to the problem's; the community to the
    community of interest formed around it. ``coordinateur`` must hold the Coordination role.
    Starts ``en_preparation``; recorded in its journal. Raises
    :class:`ActionExperimentationImpossible` (with the field at fault where there is one).
    """
    _exiger_coordination(par, "créer une expérimentation")
    return _creer_depuis_problematique(
        par=par,
        problematique=problematique,
        coordinateur=coordinateur,
        titre=titre,
        resume=resume,
        territoires=territoires,
        themes=themes,
        communaute=communaute,
    )


@transaction.atomic
def experimentation_creer_sur_decision(
    *, par: Personne, problematique: Problematique, coordinateur: Personne | None = None
) -> Experimentation:
    """Create the experiment of a problem the COPIL has just retained, as
    :func:`experimentation_creer` does but without requiring ``par`` (the session's chair) to
    hold the Coordination role.

    Called only by ``gouvernance.services.copil.decisions_publier``, inside its transaction,
    which has checked that the chair publishes. The coordinator, unless given, is the
    problem's referent when they hold the Coordination role, else the Coordination member
    with the most room left in their capacity (``charge_de_l_equipe()``), else nobody (the
    team names one later from the back office).
    """
    if coordinateur is None:
        coordinateur = coordinateur_propose(problematique)
    return _creer_depuis_problematique(
        par=par, problematique=problematique, coordinateur=coordinateur
    )


def coordinateur_propose(problematique: Problematique) -> Personne | None:
    """Who should coordinate the experiment of ``problematique``: its referent if they hold
    the Coordination role, else the Coordination member with the most room left (capacity
    minus experiments en préparation or en cours; no capacity set counts as none left),
    else ``None``."""
    possibles = {p.pk: p for p in coordinateurs_possibles()}
    if problematique.referent_id in possibles:
        return possibles[problematique.referent_id]
    lignes = [ligne for ligne in charge_de_l_equipe().lignes if ligne.personne_id in possibles]
    if not lignes:
        return None
    meilleure = max(lignes, key=lambda ligne: (ligne.capacite or 0) - ligne.en_charge)
    assert meilleure.personne_id is not None  # noqa: S101 - filtered above
    return possibles[meilleure.personne_id]


def _creer_depuis_problematique(
    *,
    par: Personne,
    problematique: Problematique,
    coordinateur: Personne | None,
    titre: str = "",
    resume: str = "",
    territoires: Iterable[Territoire] | None = None,
    themes: Iterable[Theme] | None = None,
    communaute: Communaute | None = None,
) -> Experimentation:
    # Two people creating the experiment of the same problem: the second waits, then finds it.
    problematique = Problematique.objects.select_for_update().get(pk=problematique.pk)
    if problematique.statut != Statut.RETENUE:
        raise ActionExperimentationImpossible(
            {
                "problematique": "Une expérimentation naît d'une problématique retenue par le "
                f"COPIL ; celle-ci est « {problematique.get_statut_display()} »."
            },
            code="statut",
        )
    if Experimentation.objects.filter(problematique=problematique).exists():
        raise ActionExperimentationImpossible(
            {"problematique": "Cette problématique a déjà son expérimentation."}, code="deja"
        )
    if (
        coordinateur is not None
        and not coordinateurs_possibles().filter(pk=coordinateur.pk).exists()
    ):
        raise ActionExperimentationImpossible(
            {"coordinateur": "Choisissez une personne qui a le rôle Coordination."},
            code="coordinateur",
        )
    titre = nettoyer_texte(titre or problematique.titre).strip()
    resume = nettoyer_texte(resume or problematique.constat, multiligne=True).strip()
    if not titre:
        raise ActionExperimentationImpossible({"titre": "Donnez un titre."}, code="titre")
    if communaute is None:
        communaute = communaute_de(problematique)
    experimentation = _creer(
        problematique=problematique,
        titre=titre,
        resume=resume,
        coordinateur=coordinateur,
        communaute=communaute,
    )
    experimentation.territoires.set(
        list(territoires) if territoires is not None else list(problematique.territoires.all())
    )
    experimentation.themes.set(
        list(themes) if themes is not None else list(problematique.themes.all())
    )
    transaction.on_commit(statistiques.oublier_figures_publiques)
    experimentation.journaliser(
        TypeActionExperimentation.CREER,
        par=par,
        detail=f"Créée depuis la problématique « {problematique.titre} ».",
    )
    return experimentation


def _creer(**champs: Any) -> Experimentation:
    for _essai in range(5):
        try:
            with transaction.atomic():
                return Experimentation.objects.create(
                    slug=slug_unique(Experimentation, champs["titre"], reserves=SLUGS_RESERVES),
                    statut=StatutExperimentation.EN_PREPARATION,
                    **champs,
                )
        except IntegrityError:
            if Experimentation.objects.filter(problematique=champs["problematique"]).exists():
                raise ActionExperimentationImpossible(
                    {"problematique": "Cette problématique a déjà son expérimentation."},
                    code="deja",
                ) from None
    raise ActionExperimentationImpossible(
        "Impossible de trouver une adresse libre pour cette expérimentation : réessayez.",
        code="slug",
    )


# --- Texts, scope and coordinator ----------------------------------------------------------


@transaction.atomic
def experimentation_modifier(
    *,
    experimentation: Experimentation,
    par: Personne,
    titre: str,
    resume: str,
    coordinateur: Personne,
    territoires: Iterable[Territoire],
    themes: Iterable[Theme],
    communaute: Communaute | None,
) -> Experimentation:
    """Change the experiment's title, summary, coordinator, territories, themes or community;
    what changed is written in its journal (a new coordinator by name)."""
    _exiger_coordination(par, "modifier une expérimentation")
    e = Experimentation.objects.select_for_update().get(pk=experimentation.pk)
    titre = nettoyer_texte(titre).strip()
    resume = nettoyer_texte(resume, multiligne=True).strip()
    if not titre:
        raise ActionExperimentationImpossible({"titre": "Donnez un titre."}, code="titre")
    if not resume:
        raise ActionExperimentationImpossible({"resume": "Écrivez un résumé."}, code="resume")
    if coordinateur.pk != e.coordinateur_id and (
        not coordinateurs_possibles().filter(pk=coordinateur.pk).exists()
    ):
        raise ActionExperimentationImpossible(
            {"coordinateur": "Choisissez une personne qui a le rôle Coordination."},
            code="coordinateur",
        )
    territoires, themes = list(territoires), list(themes)
    changes = []
    if titre != e.titre:
        changes.append("titre")
    if resume != e.resume:
        changes.append("résumé")
    if communaute != e.communaute:
        changes.append("communauté")
    if {t.pk for t in territoires} != set(e.territoires.values_list("pk", flat=True)):
        changes.append("territoires")
    if {t.pk for t in themes} != set(e.themes.values_list("pk", flat=True)):
        changes.append("thèmes")
    if coordinateur.pk != e.coordinateur_id:
        nom = coordinateur.get_full_name() or coordinateur.email
        changes.append(f"coordination confiée à {nom}")
    if not changes:
        return e
    e.titre, e.resume, e.coordinateur, e.communaute = titre, resume, coordinateur, communaute
    e.save(update_fields=["titre", "resume", "coordinateur", "communaute", "modifiee_le"])
    e.territoires.set(territoires)
    e.themes.set(themes)
    e.journaliser(
        TypeActionExperimentation.MODIFIER, par=par, detail="Modifié : " + ", ".join(changes) + "."
    )
    return e


# --- State ---------------------------------------------------------------------------------


@transaction.atomic
def experimentation_changer_statut(
    *, experimentation: Experimentation, par: Personne, statut: str, motif: str = ""
) -> Experimentation:
    """Move the experiment along its states: en préparation → en cours → suspendue ↔ en cours
    → terminée → essaimée. A suspension and an end need a public ``motif``; the move is dated
    and kept in the journal. The first start sets ``lancee_le``."""
    _exiger_coordination(par, "changer l'état d'une expérimentation")
    experimentation = Experimentation.objects.select_for_update().get(pk=experimentation.pk)
    ancien = experimentation.statut
    if statut not in TRANSITIONS_EXPERIMENTATION.get(ancien, frozenset()):
        possibles = ", ".join(
            f"« {StatutExperimentation(s).label} »" for s in experimentation.statuts_possibles()
        )
        raise ActionExperimentationImpossible(
            {
                "statut": f"Depuis « {experimentation.get_statut_display()} », l'expérimentation "
                + (f"peut passer à : {possibles}." if possibles else "ne change plus d'état.")
            },
            code="transition",
        )
    motif = nettoyer_texte(motif, multiligne=True).strip()
    if statut in STATUTS_AVEC_MOTIF and not motif:
        raise ActionExperimentationImpossible(
            {"motif": "Écrivez le motif public de la suspension ou de la fin."}, code="motif"
        )
    maintenant = timezone.now()
    experimentation.statut = statut
    experimentation.statut_change_le = maintenant
    if motif or statut in STATUTS_AVEC_MOTIF:
        experimentation.motif_statut = motif
    if statut == StatutExperimentation.EN_COURS and experimentation.lancee_le is None:
        experimentation.lancee_le = timezone.localdate()
    experimentation.save(
        update_fields=["statut", "statut_change_le", "motif_statut", "lancee_le", "modifiee_le"]
    )
    detail = f"{StatutExperimentation(ancien).label} → {StatutExperimentation(statut).label}."
    if motif:
        detail += f" {motif}"
    experimentation.journaliser(TypeActionExperimentation.CHANGER_STATUT, par=par, detail=detail)
    transaction.on_commit(statistiques.oublier_figures_publiques)
    return experimentation


# --- Phases --------------------------------------------------------------------------------


@transaction.atomic
def phase_enregistrer(
    *,
    experimentation: Experimentation,
    par: Personne,
    type: str,  # noqa: A002 - the model's own field name
    debut_prevu: date,
    fin_prevue: date,
    debut_reel: date | None = None,
    fin_reelle: date | None = None,
    compte_rendu: str = "",
) -> PhaseExperimentation:
    """Create or update the phase ``type`` of the experiment; dates checked (an end before
    its start is refused on the field at fault); recorded in the journal."""
    _exiger_coordination(par, "modifier les phases d'une expérimentation")
    if type not in TypePhase.values:
        raise ActionExperimentationImpossible({"type": "Choisissez une phase."}, code="type")
    phase = (
        PhaseExperimentation.objects.select_for_update()
        .filter(experimentation=experimentation, type=type)
        .first()
    ) or PhaseExperimentation(experimentation=experimentation, type=type)
    nouvelle = phase.pk is None
    phase.debut_prevu = debut_prevu
    phase.fin_prevue = fin_prevue
    phase.debut_reel = debut_reel
    phase.fin_reelle = fin_reelle
    phase.compte_rendu = nettoyer_texte(compte_rendu, multiligne=True).strip()
    _valider(phase, exclude=["experimentation"])
    phase.save()
    experimentation.journaliser(
        TypeActionExperimentation.PHASE,
        par=par,
        detail=f"Phase « {phase.get_type_display()} » " + ("ajoutée." if nouvelle else "modifiée."),
    )
    return phase


# --- Participants, providers, budget -------------------------------------------------------


@transaction.atomic
def participant_ajouter(
    *,
    experimentation: Experimentation,
    par: Personne,
    role: str,
    organisation: Organisation | None = None,
    personne: Personne | None = None,
) -> Participant:
    """Add an organisation, a person, or a person for their organisation, with ``role``."""
    _exiger_coordination(par, "ajouter des participants")
    if organisation is None and personne is None:
        raise ActionExperimentationImpossible(
            {"organisation": "Choisissez une organisation, une personne, ou les deux."},
            code="vide",
        )
    participant = Participant(
        experimentation=experimentation, role=role, organisation=organisation, personne=personne
    )
    _valider(participant, exclude=["experimentation"], validate_constraints=False)
    if Participant.objects.filter(
        experimentation=experimentation, role=role, organisation=organisation, personne=personne
    ).exists():
        raise ActionExperimentationImpossible(
            "Ce participant a déjà ce rôle dans l'expérimentation.", code="deja"
        )
    participant.save()
    experimentation.journaliser(
        TypeActionExperimentation.PARTICIPANT,
        par=par,
        detail=f"Ajouté : {participant.get_role_display()}.",
    )
    return participant


@transaction.atomic
def prestataire_ajouter(
    *, experimentation: Experimentation, par: Personne, organisation: Organisation, objet: str
) -> Prestataire:
    _exiger_coordination(par, "ajouter des prestataires")
    objet = nettoyer_texte(objet).strip()
    prestataire, _creee = Prestataire.objects.get_or_create(
        experimentation=experimentation, organisation=organisation, defaults={"objet": objet}
    )
    experimentation.journaliser(
        TypeActionExperimentation.BUDGET, par=par, detail=f"Prestataire : {organisation.nom}."
    )
    return prestataire


@transaction.atomic
def ligne_budget_ajouter(
    *,
    prestataire: Prestataire,
    par: Personne,
    libelle: str,
    montant: Decimal,
    annee: int,
    phase: str = "",
) -> LigneBudget:
    _exiger_coordination(par, "engager du budget")
    ligne = LigneBudget(
        prestataire=prestataire,
        libelle=nettoyer_texte(libelle).strip(),
        montant=montant,
        annee=annee,
        phase=phase,
    )
    _valider(ligne, exclude=["prestataire"])
    ligne.save()
    prestataire.experimentation.journaliser(
        TypeActionExperimentation.BUDGET,
        par=par,
        detail=f"Ligne de budget « {ligne.libelle} » : {ligne.montant} € ({annee}).",
    )
    return ligne


# --- Capacity ------------------------------------------------------------------------------


@transaction.atomic
def capacite_fixer(
    *, par: Personne, coordinateur: Personne, nombre: int, note: str = ""
) -> Capacite:
    """The Direction sets how many experiments ``coordinateur`` can run at once. A new row
    each time: the former ones stay as the capacity's history."""
    if not rules.peut_fixer_les_capacites(par):
        raise ActionExperimentationImpossible(
            "Seule la Direction fixe la capacité de la coordination.", code="role"
        )
    if not coordinateurs_possibles().filter(pk=coordinateur.pk).exists():
        raise ActionExperimentationImpossible(
            {"coordinateur": "Choisissez une personne qui a le rôle Coordination."},
            code="coordinateur",
        )
    capacite = Capacite(
        coordinateur=coordinateur, nombre=nombre, fixee_par=par, note=nettoyer_texte(note).strip()
    )
    _valider(capacite, exclude=["fixee_par"])
    capacite.save()
    return capacite
