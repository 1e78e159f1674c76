"""Writes on pacts of transformation: drafting, proposing, signing, withdrawing, starting,
ending and amending.

A draft is the only editable state. Proposing freezes it and asks its signatories (at least
one agent and one decision-maker of the partner organisation, each with an account) to confirm
it, each with their own account; the last confirmation makes it ``signe`` exactly once (the
pact's row is locked while a signature is written). An FTE commitment of a signed pact becomes
the named person's contractual commitment in the experiment's community
(``communautes.services.engagements.engagement_contractuel_prendre``). A signed pact is never
edited: :func:`pacte_amender` opens a new version, and the former one stays readable.
Every step is written in the experiment's journal (``type="pacte"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from communautes.models import Engagement
from communautes.services import engagements as services_engagements
from experimentations import rules
from experimentations.models import (
    STATUTS_EN_VIGUEUR,
    EngagementPacte,
    Experimentation,
    Pacte,
    QualiteSignataire,
    Signataire,
    StatutPacte,
    TypeActionExperimentation,
    TypeEngagementPacte,
)
from tilab.comptes.models import Organisation, Personne
from tilab.courriels import programmer_courriel
from tilab.dates import date_francaise
from tilab.requetes import numero_suivant
from tilab.textes import nettoyer_texte


class PacteImpossible(ValidationError):
    """The step is refused: a role that does not allow it, a wrong state, bad data."""


@dataclass(frozen=True)
class EngagementSaisi:
    """One commitment as typed in a pact's draft."""

    type: str
    description: str
    quantite: Decimal | None = None
    unite: str = ""
    personne: Personne | None = None


@dataclass(frozen=True)
class SignataireSaisi:
    personne: Personne
    qualite: str


def _exiger_coordination(par: Personne, quoi: str) -> None:
    if not rules.peut_coordonner(par):
        raise PacteImpossible(
            f"Seules la Direction et la Coordination de la Ti Team peuvent {quoi}.", code="role"
        )


def _journal(pacte: Pacte, par: Personne | None, detail: str) -> None:
    pacte.experimentation.journaliser(
        TypeActionExperimentation.PACTE,
        par=par,
        detail=f"{pacte} ({pacte.organisation}) : {detail}",
    )


def _verrouiller(pacte: Pacte) -> Pacte:
    return (
        Pacte.objects.select_for_update(of=("self",))
        .select_related("experimentation", "organisation")
        .get(pk=pacte.pk)
    )


def message_hors_organisation(personne: Personne, organisation: Organisation) -> str:
    return (
        f"{personne.get_full_name() or personne.email} n'est pas de l'organisation « "
        f"{organisation} » : ses signataires sont des personnes de l'organisation qui s'engage "
        "(l'organisation se règle sur leur profil)."
    )


def _verifier(
    *,
    organisation: Organisation,
    debut: date,
    fin: date,
    engagements: Sequence[EngagementSaisi],
    signataires: Sequence[SignataireSaisi],
) -> None:
    erreurs: dict[str, list[str]] = {}
    if fin < debut:
        erreurs["fin"] = ["La fin du pacte ne peut pas précéder son début."]
    if not engagements:
        erreurs.setdefault("__all__", []).append("Un pacte compte au moins un engagement.")
    for e in engagements:
        if e.type in {TypeEngagementPacte.ETP, TypeEngagementPacte.PARRAIN} and e.personne is None:
            erreurs.setdefault("__all__", []).append(
                f"« {TypeEngagementPacte(e.type).label} » : nommez la personne."
            )
        if e.type == TypeEngagementPacte.ETP and (
            e.quantite is None or not Decimal("0") < e.quantite <= Decimal("1")
        ):
            erreurs.setdefault("__all__", []).append(
                "Un temps de travail s'exprime en ETP, entre 0,01 et 1 (0,1 pour un dixième)."
            )
    qualites = {s.qualite for s in signataires}
    if QualiteSignataire.AGENT not in qualites or QualiteSignataire.DECIDEUR not in qualites:
        erreurs.setdefault("__all__", []).append(
            "Nommez au moins un agent et un décideur ou une décideuse de l'organisation parmi "
            "les signataires."
        )
    for s in signataires:
        if s.personne.organisation_id != organisation.pk:
            erreurs.setdefault("__all__", []).append(
                message_hors_organisation(s.personne, organisation)
            )
    if len({s.personne.pk for s in signataires}) != len(signataires):
        erreurs.setdefault("__all__", []).append("Chaque signataire n'apparaît qu'une fois.")
    if erreurs:
        raise PacteImpossible(erreurs, code="saisie")


def _ecrire_contenu(
    pacte: Pacte,
    engagements: Iterable[EngagementSaisi],
    signataires: Iterable[SignataireSaisi],
) -> None:
    pacte.engagements.all().delete()
    pacte.signataires.all().delete()
    EngagementPacte.objects.bulk_create(
        EngagementPacte(
            pacte=pacte,
            type=e.type,
            description=nettoyer_texte(e.description, multiligne=True).strip(),
            quantite=e.quantite,
            unite=nettoyer_texte(e.unite).strip(),
            personne=e.personne,
        )
        for e in engagements
    )
    Signataire.objects.bulk_create(
        Signataire(pacte=pacte, personne=s.personne, qualite=s.qualite) for s in signataires
    )


# --- Drafts --------------------------------------------------------------------------------


@transaction.atomic
def pacte_creer(
    *,
    par: Personne,
    experimentation: Experimentation,
    organisation: Organisation,
    debut: date,
    fin: date,
    engagements: Sequence[EngagementSaisi],
    signataires: Sequence[SignataireSaisi],
    preambule: str = "",
) -> Pacte:
    """A new pact in draft, binding ``organisation`` to ``experimentation``."""
    _exiger_coordination(par, "rédiger un pacte")
    _verifier(
        organisation=organisation,
        debut=debut,
        fin=fin,
        engagements=engagements,
        signataires=signataires,
    )
    if (
        Pacte.objects.filter(
            experimentation=experimentation, organisation=organisation, avenant__isnull=True
        )
        .exclude(statut__in=[StatutPacte.ROMPU, StatutPacte.HONORE])
        .exists()
    ):
        raise PacteImpossible(
            {
                "organisation": "Cette organisation a déjà un pacte pour cette expérimentation : "
                "amendez-le plutôt."
            },
            code="deja",
        )
    version = (
        Pacte.objects.filter(experimentation=experimentation, organisation=organisation).aggregate(
            v=Max("version")
        )["v"]
        or 0
    ) + 1
    pacte = Pacte.objects.create(
        experimentation=experimentation,
        organisation=organisation,
        numero=numero_suivant(Pacte),
        version=version,
        debut=debut,
        fin=fin,
        preambule=nettoyer_texte(preambule, multiligne=True).strip(),
        statut=StatutPacte.BROUILLON,
    )
    _ecrire_contenu(pacte, engagements, signataires)
    _journal(pacte, par, "brouillon rédigé.")
    return pacte


@transaction.atomic
def pacte_modifier(
    *,
    par: Personne,
    pacte: Pacte,
    debut: date,
    fin: date,
    engagements: Sequence[EngagementSaisi],
    signataires: Sequence[SignataireSaisi],
    preambule: str = "",
) -> Pacte:
    """Rewrite a draft (the only state where a pact's text changes)."""
    _exiger_coordination(par, "modifier un pacte")
    p = _verrouiller(pacte)
    if not p.est_modifiable:
        raise PacteImpossible(
            "Un pacte proposé ou signé ne se modifie pas : retirez la proposition, ou amendez "
            "le pacte signé (une nouvelle version).",
            code="fige",
        )
    _verifier(
        organisation=p.organisation,
        debut=debut,
        fin=fin,
        engagements=engagements,
        signataires=signataires,
    )
    p.debut, p.fin = debut, fin
    p.preambule = nettoyer_texte(preambule, multiligne=True).strip()
    p.save(update_fields=["debut", "fin", "preambule", "modifie_le"])
    _ecrire_contenu(p, engagements, signataires)
    _journal(p, par, "brouillon modifié.")
    return p


# --- Signature -----------------------------------------------------------------------------


@transaction.atomic
def pacte_proposer(*, par: Personne, pacte: Pacte) -> Pacte:
    """Freeze the draft and ask its signatories to confirm it."""
    _exiger_coordination(par, "proposer un pacte")
    p = _verrouiller(pacte)
    if p.statut != StatutPacte.BROUILLON:
        raise PacteImpossible("Seul un brouillon peut être proposé à la signature.", code="etat")
    signataires = list(p.signataires.select_related("personne"))
    engagements = list(p.engagements.all())
    _verifier(
        organisation=p.organisation,
        debut=p.debut,
        fin=p.fin,
        engagements=[
            EngagementSaisi(e.type, e.description, e.quantite, e.unite, e.personne)
            for e in engagements
        ],
        signataires=[
            SignataireSaisi(s.personne, s.qualite) for s in signataires if s.personne is not None
        ],
    )
    p.statut = StatutPacte.PROPOSE
    p.propose_le = timezone.now()
    p.save(update_fields=["statut", "propose_le", "modifie_le"])
    _journal(p, par, "proposé à la signature.")
    # Each signatory learns that the pact waits for them (sent once the proposal commits).
    programmer_courriel(
        gabarit="experimentations/courriels/pacte_a_signer",
        destinataires=[
            s.personne.email for s in signataires if s.personne is not None and s.personne.is_active
        ],
        contexte=_contexte_a_signer(p),
    )
    return p


def _contexte_a_signer(p: Pacte) -> dict[str, Any]:
    """What the e-mail to the signatories says (JSON-serialisable for the task)."""
    site = settings.SITE_URL
    return {
        "numero": p.numero,
        "organisation": str(p.organisation),
        "experimentation": p.experimentation.titre,
        "debut": date_francaise(p.debut, "j F Y"),
        "fin": date_francaise(p.fin, "j F Y"),
        "lien_pacte": f"{site}{p.get_absolute_url()}",
        "lien_signer": f"{site}{reverse('experimentations:signer', args=[p.numero])}",
        "lien_mes_pactes": f"{site}{reverse('experimentations:mes_pactes')}",
    }


@transaction.atomic
def pacte_retirer(*, par: Personne, pacte: Pacte) -> Pacte:
    """Withdraw a proposal: back to draft, the confirmations already given are cleared."""
    _exiger_coordination(par, "retirer une proposition de pacte")
    p = _verrouiller(pacte)
    if p.statut != StatutPacte.PROPOSE:
        raise PacteImpossible("Seul un pacte proposé peut être retiré.", code="etat")
    p.signataires.update(signe_le=None)
    p.statut = StatutPacte.BROUILLON
    p.propose_le = None
    p.save(update_fields=["statut", "propose_le", "modifie_le"])
    _journal(p, par, "proposition retirée, retour au brouillon.")
    return p


@transaction.atomic
def pacte_signer(*, par: Personne, pacte: Pacte) -> Pacte:
    """``par`` confirms the pact as one of its signatories. The last confirmation makes it
    ``signe`` (once: the pact's row is locked, so two signatories confirming at the same
    moment are written one after the other) and turns its FTE commitments into contractual
    commitments in the experiment's community."""
    p = _verrouiller(pacte)
    signataires = list(p.signataires.select_for_update())
    if not rules.peut_signer(par, p, signataires):
        if any(s.personne_id == par.pk for s in signataires) and p.statut == StatutPacte.PROPOSE:
            raise PacteImpossible("Vous avez déjà confirmé ce pacte.", code="deja")
        raise PermissionDenied("Seuls ses signataires confirment un pacte proposé.")
    maintenant = timezone.now()
    signataire = next(s for s in signataires if s.personne_id == par.pk)
    signataire.signe_le = maintenant
    signataire.save(update_fields=["signe_le"])
    _journal(p, par, f"confirmé par un signataire ({signataire.get_qualite_display().lower()}).")
    if all(s.signe_le is not None for s in signataires):
        p.statut = StatutPacte.SIGNE
        p.signe_le = maintenant
        p.save(update_fields=["statut", "signe_le", "modifie_le"])
        _journal(p, None, "signé : tous ses signataires l'ont confirmé.")
        _remplacer_la_version_precedente(p)
        _prendre_les_engagements_contractuels(p)
    return p


def _remplacer_la_version_precedente(p: Pacte) -> None:
    if p.remplace_id is None:
        return
    ancien = _verrouiller(p.remplace)  # type: ignore[arg-type]
    if ancien.statut in STATUTS_EN_VIGUEUR:
        ancien.statut = StatutPacte.REMPLACE
        ancien.save(update_fields=["statut", "modifie_le"])
        _terminer_les_engagements_contractuels(ancien, f"Remplacé par le {p}.")
        _journal(ancien, None, f"remplacé par le {p}.")


def _prendre_les_engagements_contractuels(p: Pacte) -> None:
    communaute = p.experimentation.communaute
    if communaute is None:
        return
    if p.fin < timezone.localdate():
        return
    # One contractual commitment per person, whatever the number of FTEs naming them.
    par_personne: dict[int, list[EngagementPacte]] = {}
    for e in p.engagements.filter(type=TypeEngagementPacte.ETP, personne__isnull=False):
        par_personne.setdefault(e.personne_id, []).append(e)  # type: ignore[arg-type]
    personnes = Personne.objects.in_bulk(list(par_personne))
    for personne_id, etp in par_personne.items():
        engagement = services_engagements.engagement_contractuel_prendre(
            communaute=communaute,
            personne=personnes[personne_id],
            organisation=p.organisation,
            heures_par_mois=sum(e.heures_par_mois for e in etp),
            debut=p.debut,
            fin=p.fin,
            cadre=f"Pacte n° {p.numero}",
            par=None,
        )
        EngagementPacte.objects.filter(pk__in=[e.pk for e in etp]).update(
            engagement_communaute=engagement
        )


def _terminer_les_engagements_contractuels(p: Pacte, detail: str) -> None:
    ids = set(
        p.engagements.filter(engagement_communaute__isnull=False).values_list(
            "engagement_communaute_id", flat=True
        )
    )
    # A commitment another pact in force still guarantees goes on.
    encore_garantis = set(
        EngagementPacte.objects.filter(
            engagement_communaute_id__in=ids, pacte__statut__in=STATUTS_EN_VIGUEUR
        )
        .exclude(pacte=p)
        .values_list("engagement_communaute_id", flat=True)
    )
    for engagement in Engagement.objects.filter(pk__in=ids - encore_garantis):
        services_engagements.engagement_contractuel_terminer(
            engagement=engagement, par=None, detail=detail
        )


# --- Life of a signed pact -----------------------------------------------------------------


@transaction.atomic
def pacte_commencer(*, par: Personne, pacte: Pacte) -> Pacte:
    """A signed pact starts being carried out."""
    _exiger_coordination(par, "changer l'état d'un pacte")
    p = _verrouiller(pacte)
    if p.statut != StatutPacte.SIGNE:
        raise PacteImpossible("Seul un pacte signé peut commencer.", code="etat")
    p.statut = StatutPacte.EN_COURS
    p.save(update_fields=["statut", "modifie_le"])
    _journal(p, par, "en cours.")
    return p


@transaction.atomic
def pacte_terminer(*, par: Personne, pacte: Pacte, honore: bool, motif: str = "") -> Pacte:
    """End a signed or running pact: honoured, or broken with a public ``motif``."""
    _exiger_coordination(par, "changer l'état d'un pacte")
    p = _verrouiller(pacte)
    if p.statut not in STATUTS_EN_VIGUEUR:
        raise PacteImpossible("Seul un pacte signé ou en cours peut prendre fin.", code="etat")
    motif = nettoyer_texte(motif, multiligne=True).strip()
    if not honore and not motif:
        raise PacteImpossible(
            {"motif": "Écrivez le motif public de la rupture du pacte."}, code="motif"
        )
    p.statut = StatutPacte.HONORE if honore else StatutPacte.ROMPU
    p.motif_rupture = "" if honore else motif
    p.save(update_fields=["statut", "motif_rupture", "modifie_le"])
    _terminer_les_engagements_contractuels(p, f"{p} {p.get_statut_display().lower()}.")
    _journal(p, par, "honoré." if honore else f"rompu. {motif}")
    return p


@transaction.atomic
def pacte_amender(*, par: Personne, pacte: Pacte) -> Pacte:
    """Open the next version of a signed or running pact, as a draft copying its period,
    commitments and signatories. The signed one stays in force, and readable, until the new
    version is signed."""
    _exiger_coordination(par, "amender un pacte")
    p = _verrouiller(pacte)
    if p.statut not in STATUTS_EN_VIGUEUR:
        raise PacteImpossible("Seul un pacte signé ou en cours s'amende.", code="etat")
    if Pacte.objects.filter(remplace=p).exists():
        raise PacteImpossible("Un avenant de ce pacte est déjà en préparation.", code="deja")
    nouveau = Pacte.objects.create(
        experimentation=p.experimentation,
        organisation=p.organisation,
        numero=numero_suivant(Pacte),
        version=p.version + 1,
        remplace=p,
        debut=p.debut,
        fin=p.fin,
        preambule=p.preambule,
        statut=StatutPacte.BROUILLON,
    )
    _ecrire_contenu(
        nouveau,
        [
            EngagementSaisi(e.type, e.description, e.quantite, e.unite, e.personne)
            for e in p.engagements.all()
        ],
        [
            SignataireSaisi(s.personne, s.qualite)
            for s in p.signataires.all()
            if s.personne is not None
        ],
    )
    _journal(nouveau, par, f"avenant au {p} (version {nouveau.version}) en brouillon.")
    return nouveau
