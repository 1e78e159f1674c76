"""Writes on the versioned texts: the theory of transformation's versions and CODIR's
opinions. A published version is frozen (here, and by a trigger in the database): change is a
new version, drafted from the one in force."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gouvernance import rules
from gouvernance.models import AvisCodir, StatutVersion, VersionGrille, VersionTheorie
from tilab.comptes.models import Personne
from tilab.requetes import numero_suivant
from tilab.textes import nettoyer_texte


class TexteImpossible(ValidationError):
    """The step is refused: a role that does not allow it, a wrong state, bad data."""


def exiger_redaction(par: Personne) -> None:
    if not rules.peut_rediger_les_textes(par):
        raise TexteImpossible(
            "Seules la Direction et la Coordination de la Ti Team rédigent les versions.",
            code="role",
        )


def _verrouiller(version: VersionTheorie) -> VersionTheorie:
    return VersionTheorie.objects.select_for_update().get(pk=version.pk)


@transaction.atomic
def theorie_rediger(*, par: Personne, texte: str = "", note_de_version: str = "") -> VersionTheorie:
    """A new draft, numbered after the last version; its text starts from the version in
    force when none is given."""
    exiger_redaction(par)
    # Numbers follow each other, taken under a lock of the table.
    numero = numero_suivant(VersionTheorie)
    if not texte:
        en_vigueur = VersionTheorie.objects.en_vigueur()
        texte = en_vigueur.texte if en_vigueur else ""
    texte = nettoyer_texte(texte, multiligne=True).strip()
    if not texte:
        raise TexteImpossible({"texte": "Écrivez le texte de la théorie."}, code="texte")
    return VersionTheorie.objects.create(
        numero=numero,
        texte=texte,
        note_de_version=nettoyer_texte(note_de_version, multiligne=True).strip(),
        redigee_par=par,
    )


@transaction.atomic
def theorie_modifier(
    *, par: Personne, version: VersionTheorie, texte: str, note_de_version: str = ""
) -> VersionTheorie:
    """Rewrite a version not yet published."""
    exiger_redaction(par)
    v = _verrouiller(version)
    if v.statut == StatutVersion.PUBLIEE:
        raise TexteImpossible(
            "Une version publiée ne se modifie pas : rédigez-en une nouvelle.", code="publiee"
        )
    texte = nettoyer_texte(texte, multiligne=True).strip()
    if not texte:
        raise TexteImpossible({"texte": "Écrivez le texte de la théorie."}, code="texte")
    v.texte = texte
    v.note_de_version = nettoyer_texte(note_de_version, multiligne=True).strip()
    v.save(update_fields=["texte", "note_de_version", "modifiee_le"])
    return v


def ouvrir_consultation[V: (VersionTheorie, VersionGrille)](
    version: V, *, par: Personne, debut: date, fin: date
) -> V:
    """Open a draft version (of the theory or of the grid) to the ecosystem's comments between
    ``debut`` and ``fin``. Call it inside the caller's transaction: the row is locked."""
    exiger_redaction(par)
    v = type(version).objects.select_for_update().get(pk=version.pk)
    if v.statut != StatutVersion.BROUILLON:
        raise TexteImpossible("Seul un brouillon s'ouvre à la consultation.", code="etat")
    if fin < debut:
        raise TexteImpossible(
            {"consultation_fin": "La consultation ne peut pas finir avant de commencer."},
            code="dates",
        )
    v.statut = StatutVersion.EN_CONSULTATION
    v.consultation_debut, v.consultation_fin = debut, fin
    v.save(update_fields=["statut", "consultation_debut", "consultation_fin", "modifiee_le"])
    return v


@transaction.atomic
def theorie_ouvrir_consultation(
    *, par: Personne, version: VersionTheorie, debut: date, fin: date
) -> VersionTheorie:
    """Open the draft to the ecosystem's comments between ``debut`` and ``fin``."""
    return ouvrir_consultation(version, par=par, debut=debut, fin=fin)


@transaction.atomic
def theorie_publier(*, par: Personne, version: VersionTheorie) -> VersionTheorie:
    """Publish the version: it becomes the one in force, and is frozen from now on."""
    exiger_redaction(par)
    v = _verrouiller(version)
    if v.statut == StatutVersion.PUBLIEE:
        raise TexteImpossible("Cette version est déjà publiée.", code="etat")
    if VersionTheorie.objects.publiees().filter(numero__gt=v.numero).exists():
        raise TexteImpossible(
            "Une version plus récente est déjà publiée : rédigez-en une nouvelle.",
            code="ancienne",
        )
    v.statut = StatutVersion.PUBLIEE
    v.publiee_le = timezone.now()
    v.save(update_fields=["statut", "publiee_le", "modifiee_le"])
    return v


@transaction.atomic
def avis_codir_enregistrer(
    *, par: Personne, version: VersionTheorie, valide: bool, le: date, motifs: str
) -> AvisCodir:
    """CODIR's validation or invalidation of a published version, dated, with its reasons."""
    if not rules.peut_enregistrer_un_avis_codir(par):
        raise TexteImpossible("Seuls les membres du CODIR enregistrent son avis.", code="role")
    if version.statut != StatutVersion.PUBLIEE:
        raise TexteImpossible("Le CODIR se prononce sur une version publiée.", code="etat")
    motifs = nettoyer_texte(motifs, multiligne=True).strip()
    if not motifs:
        raise TexteImpossible({"motifs": "Écrivez les motifs de l'avis du CODIR."}, code="motifs")
    if le > timezone.localdate():
        raise TexteImpossible(
            {"le": "La date de la décision du CODIR ne peut pas être dans le futur."}, code="date"
        )
    return AvisCodir.objects.create(
        version=version, valide=valide, le=le, motifs=motifs, enregistre_par=par
    )
