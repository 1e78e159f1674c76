"""Writes on the selection grid's versions: a draft opened from the version in force (its
criteria and scales copied), its criteria written while it is a draft, then published and
frozen (here, and by triggers in the database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from gouvernance.models import Critere, NiveauEchelle, StatutVersion, VersionGrille, VersionTheorie
from gouvernance.services.textes import TexteImpossible, exiger_redaction, ouvrir_consultation
from tilab.comptes.models import Personne
from tilab.requetes import numero_suivant
from tilab.textes import nettoyer_texte


@dataclass(frozen=True)
class CritereSaisi:
    libelle: str
    poids: int
    niveaux: Sequence[tuple[int, str]] = field(default_factory=tuple)
    description: str = ""


def _verrouiller(version: VersionGrille) -> VersionGrille:
    return VersionGrille.objects.select_for_update().get(pk=version.pk)


@transaction.atomic
def grille_rediger(
    *, par: Personne, theorie: VersionTheorie | None = None, note_de_version: str = ""
) -> VersionGrille:
    """A new draft following ``theorie`` (the version in force by default), its criteria and
    scales copied from the grid in force."""
    exiger_redaction(par)
    theorie = theorie or VersionTheorie.objects.en_vigueur()
    if theorie is None or theorie.statut != StatutVersion.PUBLIEE:
        raise TexteImpossible(
            {"theorie": "Une grille suit une version publiée de la théorie de transformation."},
            code="theorie",
        )
    # Numbers follow each other, taken under a lock of the table.
    numero = numero_suivant(VersionGrille)
    en_vigueur = VersionGrille.objects.en_vigueur()
    nouvelle = VersionGrille.objects.create(
        numero=numero,
        theorie=theorie,
        note_de_version=nettoyer_texte(note_de_version, multiligne=True).strip(),
        redigee_par=par,
    )
    if en_vigueur is not None:
        _ecrire(
            nouvelle,
            [
                CritereSaisi(
                    c.libelle,
                    c.poids,
                    [(n.valeur, n.libelle) for n in c.niveaux.all()],
                    c.description,
                )
                for c in en_vigueur.criteres.prefetch_related("niveaux")
            ],
        )
    return nouvelle


def _verifier(criteres: Sequence[CritereSaisi]) -> list[CritereSaisi]:
    erreurs: list[str] = []
    propres = []
    if not criteres:
        erreurs.append("Une grille compte au moins un critère.")
    for c in criteres:
        libelle = nettoyer_texte(c.libelle).strip()
        if not libelle:
            erreurs.append("Chaque critère a un libellé.")
        if not 1 <= c.poids <= 100:
            erreurs.append(f"« {libelle} » : un poids entre 1 et 100.")
        valeurs = [v for v, _l in c.niveaux]
        if len(valeurs) < 2:
            erreurs.append(f"« {libelle} » : une échelle d'au moins deux niveaux.")
        if len(set(valeurs)) != len(valeurs):
            erreurs.append(f"« {libelle} » : chaque niveau a sa propre valeur.")
        niveaux = [(v, nettoyer_texte(lib).strip()) for v, lib in c.niveaux]
        if any(not lib for _v, lib in niveaux):
            erreurs.append(f"« {libelle} » : chaque niveau a un libellé.")
        propres.append(
            CritereSaisi(
                libelle, c.poids, niveaux, nettoyer_texte(c.description, multiligne=True).strip()
            )
        )
    if len({c.libelle for c in propres}) != len(propres):
        erreurs.append("Deux critères ne portent pas le même libellé.")
    if erreurs:
        raise TexteImpossible({"criteres": erreurs}, code="criteres")
    return propres


def _ecrire(version: VersionGrille, criteres: Sequence[CritereSaisi]) -> None:
    version.criteres.all().delete()
    for ordre, c in enumerate(criteres, start=1):
        critere = Critere.objects.create(
            grille=version, ordre=ordre, libelle=c.libelle, poids=c.poids, description=c.description
        )
        NiveauEchelle.objects.bulk_create(
            NiveauEchelle(critere=critere, valeur=v, libelle=lib) for v, lib in c.niveaux
        )


@transaction.atomic
def grille_ecrire(
    *, par: Personne, version: VersionGrille, criteres: Sequence[CritereSaisi]
) -> VersionGrille:
    """Replace the criteria of a grid not yet published."""
    exiger_redaction(par)
    v = _verrouiller(version)
    if v.statut == StatutVersion.PUBLIEE:
        raise TexteImpossible(
            "Une grille publiée ne se modifie pas : ouvrez-en une nouvelle version.",
            code="publiee",
        )
    _ecrire(v, _verifier(criteres))
    return v


@transaction.atomic
def grille_ouvrir_consultation(
    *, par: Personne, version: VersionGrille, debut: date, fin: date
) -> VersionGrille:
    """Open the draft grid to the ecosystem's comments between ``debut`` and ``fin`` (the
    same rules as the theory's consultation)."""
    return ouvrir_consultation(version, par=par, debut=debut, fin=fin)


@transaction.atomic
def grille_publier(*, par: Personne, version: VersionGrille) -> VersionGrille:
    """Publish the grid: it becomes the one in force, frozen with its criteria."""
    exiger_redaction(par)
    v = _verrouiller(version)
    if v.statut == StatutVersion.PUBLIEE:
        raise TexteImpossible("Cette grille est déjà publiée.", code="etat")
    criteres = list(v.criteres.prefetch_related("niveaux"))
    _verifier(
        [
            CritereSaisi(c.libelle, c.poids, [(n.valeur, n.libelle) for n in c.niveaux.all()])
            for c in criteres
        ]
    )
    v.statut = StatutVersion.PUBLIEE
    v.publiee_le = timezone.now()
    v.save(update_fields=["statut", "publiee_le", "modifiee_le"])
    return v
