"""Writes on the three-year frame CODIR sets: its period, its orientations, the meeting that
set it. Periods never overlap (a database constraint), which the service turns into a message
on the field naming the frame in the way."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q

from gouvernance import rules
from gouvernance.models import CadreTriennal
from gouvernance.services.textes import TexteImpossible
from tilab.comptes.models import Personne
from tilab.textes import nettoyer_texte


def _chevauchement(cadre: CadreTriennal) -> str:
    return (
        f"Cette période chevauche celle du cadre « {cadre.titre} » "
        f"(du {cadre.debut:%d/%m/%Y} au {cadre.fin:%d/%m/%Y})."
    )


def cadre_verifier(
    *,
    titre: str,
    debut: date | None,
    fin: date | None,
    orientations: str,
    reunion_codir_le: date | None,
    cadre: CadreTriennal | None = None,
) -> dict[str, str]:
    """What is wrong with a frame, by field (empty when nothing): the back office's form shows
    it next to the fields, :func:`cadre_enregistrer` refuses with it."""
    erreurs: dict[str, str] = {}
    titre = nettoyer_texte(titre or "").strip()
    if not titre:
        erreurs["titre"] = "Donnez un titre au cadre."
    elif len(titre) > 200:
        erreurs["titre"] = "Un titre de 200 caractères au plus."
    if not nettoyer_texte(orientations or "", multiligne=True).strip():
        erreurs["orientations"] = "Écrivez les orientations du cadre."
    if debut is None:
        erreurs["debut"] = "Donnez la date de début du cadre."
    if fin is None:
        erreurs["fin"] = "Donnez la date de fin du cadre."
    if reunion_codir_le is None:
        erreurs["reunion_codir_le"] = "Donnez la date de la réunion du CODIR."
    if debut is None or fin is None:
        return erreurs
    if fin <= debut:
        erreurs["fin"] = "La fin du cadre vient après son début."
        return erreurs
    if reunion_codir_le is not None and reunion_codir_le > fin:
        erreurs["reunion_codir_le"] = "Le CODIR fixe le cadre avant qu'il ne prenne fin."
    autres = CadreTriennal.objects.filter(Q(debut__lte=fin) & Q(fin__gte=debut))
    if cadre is not None and cadre.pk is not None:
        autres = autres.exclude(pk=cadre.pk)
    voisin = autres.order_by("debut").first()
    if voisin is not None:
        erreurs["debut"] = _chevauchement(voisin)
    return erreurs


@transaction.atomic
def cadre_enregistrer(
    *,
    par: Personne,
    titre: str,
    debut: date,
    fin: date,
    orientations: str,
    reunion_codir_le: date,
    reunion_codir_note: str = "",
    cadre: CadreTriennal | None = None,
) -> CadreTriennal:
    """Record a three-year frame (or correct ``cadre``): the Direction only. The frame in
    force on a day is ``CadreTriennal.objects.en_vigueur(jour)``."""
    if not rules.peut_enregistrer_le_cadre(par):
        raise TexteImpossible(
            "Seule la Direction enregistre le cadre triennal fixé par le CODIR.", code="role"
        )
    erreurs = cadre_verifier(
        titre=titre,
        debut=debut,
        fin=fin,
        orientations=orientations,
        reunion_codir_le=reunion_codir_le,
        cadre=cadre,
    )
    if erreurs:
        raise TexteImpossible(erreurs, code="cadre")
    titre = nettoyer_texte(titre or "").strip()
    orientations = nettoyer_texte(orientations or "", multiligne=True).strip()
    valeurs = {
        "titre": titre,
        "debut": debut,
        "fin": fin,
        "orientations": orientations,
        "reunion_codir_le": reunion_codir_le,
        "reunion_codir_note": nettoyer_texte(reunion_codir_note or "", multiligne=True).strip(),
    }
    try:
        # Two frames recorded at once both pass the check above: the constraint decides.
        with transaction.atomic():
            if cadre is None:
                return CadreTriennal.objects.create(cree_par=par, **valeurs)
            verrouille = CadreTriennal.objects.select_for_update().get(pk=cadre.pk)
            for champ, valeur in valeurs.items():
                setattr(verrouille, champ, valeur)
            verrouille.save(update_fields=list(valeurs))
            return verrouille
    except IntegrityError as exc:
        if "cadre_periodes_disjointes" not in str(exc):
            raise
        voisin = CadreTriennal.objects.filter(debut__lte=fin, fin__gte=debut).first()
        message = (
            _chevauchement(voisin) if voisin else "Cette période chevauche celle d'un autre cadre."
        )
        raise TexteImpossible({"debut": message}, code="chevauchement") from exc
