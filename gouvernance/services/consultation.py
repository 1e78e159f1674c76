"""The consultations on a version of the theory or of the grid: members of the ecosystem
comment while the window is open, on a paragraph or on the whole, and the team answers. Both
stay public with the version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gouvernance import rules
from gouvernance.differences import paragraphes
from gouvernance.models import Commentaire, StatutVersion, VersionGrille, VersionTheorie
from gouvernance.services.textes import TexteImpossible
from tilab.comptes.models import Personne
from tilab.textes import nettoyer_texte

LONGUEUR_MAX = 5000


def consultation_ouverte(version: VersionTheorie | VersionGrille) -> bool:
    """Whether ``version`` takes comments today: in consultation, within its window."""
    jour = timezone.localdate()
    return (
        version.statut == StatutVersion.EN_CONSULTATION
        and version.consultation_debut is not None
        and version.consultation_fin is not None
        and version.consultation_debut <= jour <= version.consultation_fin
    )


def nombre_de_paragraphes(version: VersionTheorie | VersionGrille) -> int:
    """How many places a comment may point at: the theory's paragraphs, or the grid's
    criteria (by their order)."""
    if isinstance(version, VersionTheorie):
        return len(paragraphes(version.texte))
    return max((c.ordre for c in version.criteres.all()), default=0)


def _texte(texte: str, champ: str, vide: str) -> str:
    propre = nettoyer_texte(texte or "", multiligne=True).strip()
    if not propre:
        raise TexteImpossible({champ: vide}, code=champ)
    if len(propre) > LONGUEUR_MAX:
        raise TexteImpossible(
            {champ: f"{LONGUEUR_MAX} caractères au plus ({len(propre)} ici)."}, code=champ
        )
    return propre


@transaction.atomic
def commentaire_ajouter(
    *,
    par: Personne,
    version: VersionTheorie | VersionGrille,
    texte: str,
    paragraphe: int | None = None,
) -> Commentaire:
    """A member's comment on ``version`` (on its ``paragraphe``, counted from 1, or on the
    whole when ``None``), while its consultation is open."""
    if not rules.peut_commenter_les_textes(par):
        raise TexteImpossible(
            "Pour commenter, connectez-vous avec une adresse électronique vérifiée.", code="role"
        )
    # Locked so that a comment never lands after the version left its consultation.
    modele = type(version)
    version = modele.objects.select_for_update().get(pk=version.pk)
    if not consultation_ouverte(version):
        raise TexteImpossible(
            "La consultation sur cette version n'est pas ouverte : elle ne reçoit pas de "
            "commentaire.",
            code="fermee",
        )
    if paragraphe is not None:
        nombre = nombre_de_paragraphes(version)
        if not 1 <= paragraphe <= nombre:
            ou = "paragraphe" if isinstance(version, VersionTheorie) else "critère"
            raise TexteImpossible(
                {"paragraphe": f"Choisissez un {ou} entre 1 et {nombre}."}, code="paragraphe"
            )
    texte = _texte(texte, "texte", "Écrivez votre commentaire.")
    cible = {"theorie": version} if isinstance(version, VersionTheorie) else {"grille": version}
    return Commentaire.objects.create(auteur=par, texte=texte, paragraphe=paragraphe, **cible)


@transaction.atomic
def commentaire_repondre(*, par: Personne, commentaire: Commentaire, reponse: str) -> Commentaire:
    """The team's public answer to a comment (Direction, Coordination, Animation: see
    ``rules.REPONDANTS``); a second answer replaces the first, dated again."""
    if not rules.peut_repondre_aux_commentaires(par):
        raise TexteImpossible(
            "Seules la Direction, la Coordination et l'Animation répondent au nom de l'équipe.",
            code="role",
        )
    c = Commentaire.objects.select_for_update().get(pk=commentaire.pk)
    c.reponse = _texte(reponse, "reponse", "Écrivez la réponse de l'équipe.")
    c.repondu_par = par
    c.repondu_le = timezone.now()
    c.save(update_fields=["reponse", "repondu_par", "repondu_le"])
    return c


# --- Personal data export -----------------------------------------------------------------


def section_export(personne: Personne) -> list[dict[str, Any]]:
    """The person's comments in the consultations, with the team's answers, for their
    personal data export."""
    return [
        {
            "version": str(c.theorie or c.grille),
            "adresse": f"{settings.SITE_URL}{(c.theorie or c.grille).get_absolute_url()}",  # type: ignore[union-attr]
            "paragraphe": c.paragraphe,
            "commentaire": c.texte,
            "le": c.cree_le,
            "reponse_de_l_equipe": c.reponse,
            "repondu_le": c.repondu_le,
        }
        for c in Commentaire.objects.filter(auteur=personne)
        .select_related("theorie", "grille")
        .order_by("cree_le", "pk")
    ]
