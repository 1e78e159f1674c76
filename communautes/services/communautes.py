"""Writes on communities: forming one from a problem, creating the others, changing their state.

Each function checks who acts, locks the rows two people could change at once, records what
it did in the community's journal (``communaute.journaliser``, an :class:`ActionCommunaute`) in
the same transaction, and queues its e-mails, which leave only once the transaction commits.
A new community's slug comes from ``tilab.slugs.slug_unique``, away from :data:`SLUGS_RESERVES`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from communautes import rules
from communautes.models import (
    Communaute,
    Engagement,
    MotifFin,
    StatutCommunaute,
    TypeAction,
    TypeCommunaute,
)
from problematiques import services as services_problematiques
from problematiques.models import Problematique, Soutien, TypeTransition
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne, Territoire, Theme
from tilab.courriels import programmer_courriel
from tilab.slugs import slug_unique

# Fixed paths under /communautes/ that a community's slug must not shadow (communautes/urls.py).
SLUGS_RESERVES = frozenset({"mes-engagements", "charge", "flux"})

# Where a community of interest may be formed from: the problem is published and nothing has
# been decided about it yet. Read from the problems' own table of legal steps.
SOURCES_CONSTITUTION = services_problematiques.SOURCES_LEGALES[TypeTransition.CONSTITUER_COMMUNAUTE]


class ActionCommunauteImpossible(ValidationError):
    """The change is refused: a person whose role does not allow it, a wrong state, bad data."""


class ConstitutionImpossible(ActionCommunauteImpossible):
    """The community of interest cannot be formed from this problem (role, state, data)."""


# --- Reads other modules use ---------------------------------------------------------------


def animateurs_possibles() -> QuerySet[Personne]:
    """Who may animate a community: the active members of the Ti Team, by name."""
    return Personne.objects.ayant_un_role(*regles_comptes.TI_TEAM).order_by(
        "last_name", "first_name", "email"
    )


def soutiens_invites(problematique: Problematique) -> QuerySet[Soutien]:
    """The supports whose person said they would join a community and still has an account."""
    return Soutien.objects.filter(
        problematique=problematique,
        rejoindrait_communaute=True,
        personne__isnull=False,
        personne__is_active=True,
    )


def peut_etre_constituee(problematique: Problematique) -> bool:
    """The problem's state allows forming its community (without a query: whether it already
    has one is for the caller to know, e.g. from ``select_related("communaute")``)."""
    return problematique.statut in SOURCES_CONSTITUTION


def lien_rejoindre(communaute: Communaute) -> str:
    """The absolute address of the page where a person joins the community."""
    chemin = reverse("communautes:rejoindre", kwargs={"slug": communaute.slug})
    return f"{settings.SITE_URL}{chemin}"


# --- Forming and creating ------------------------------------------------------------------


@transaction.atomic
def communaute_constituer(
    *,
    problematique: Problematique,
    par: Personne,
    nom: str,
    objet: str,
    animateur: Personne,
) -> Communaute:
    """Form the community of interest of a published problem (``ouverte`` or ``ajournee``).

    The community starts ``en_constitution`` with the problem's themes and territories; the
    problem moves to ``communaute_constituee`` with a public step on its trajectory. Every
    active supporter who said they would join is e-mailed an invitation with the link to
    join, instead of the usual e-mail of the step; the author and the other followers get
    the usual one. Raises :class:`ConstitutionImpossible` for a person who may not form
    communities, a problem in another state or that already has its community, an empty name
    or purpose, or an animator who is not an active member of the Ti Team.
    """
    if not rules.peut_constituer(par):
        raise ConstitutionImpossible(
            "Seules la Direction, la Coordination et l'Animation de la Ti Team peuvent "
            "constituer une communauté.",
            code="role",
        )
    nom, objet = _nom_et_objet(nom, objet, ConstitutionImpossible)
    _verifier_animateur(animateur, ConstitutionImpossible)
    # The lock makes two people forming the same community wait for each other: the second
    # sees the community of the first and is refused.
    p = Problematique.objects.select_for_update().get(pk=problematique.pk)
    if Communaute.objects.filter(problematique=p).exists():
        raise ConstitutionImpossible(
            "Cette problématique a déjà sa communauté d'intérêt.", code="deja"
        )
    if not peut_etre_constituee(p):
        raise ConstitutionImpossible(
            "Une communauté d'intérêt se constitue à partir d'une problématique ouverte ou "
            f"ajournée ; celle-ci est « {p.get_statut_display()} ».",
            code="etat",
        )

    communaute = _creer(
        type_=TypeCommunaute.INTERET,
        nom=nom,
        objet=objet,
        animateur=animateur,
        problematique=p,
    )
    communaute.themes.set(list(p.themes.all()))
    communaute.territoires.set(list(p.territoires.all()))
    communaute.journaliser(
        TypeAction.CONSTITUER,
        par=par,
        detail=f"Constituée à partir de la problématique « {p.titre} ».",
    )

    invites = list(soutiens_invites(p).values_list("personne_id", "personne__email"))
    services_problematiques.problematique_constituer_communaute(
        problematique=p,
        par=par,
        commentaire_public=(
            f"La communauté d'intérêt « {nom} » est constituée : chacun et chacune peut la "
            "rejoindre avec un engagement limité dans le temps."
        ),
        sans_courriel_pour=[personne_id for personne_id, _email in invites],
    )
    programmer_courriel(
        gabarit="communautes/courriels/invitation_communaute",
        destinataires=[email for _id, email in invites],
        contexte=_contexte_invitation(communaute, p, animateur),
    )
    return communaute


@transaction.atomic
def communaute_creer(
    *,
    par: Personne,
    type: str,  # noqa: A002 - the model's own field name
    nom: str,
    objet: str,
    animateur: Personne,
    themes: Iterable[Theme] = (),
    territoires: Iterable[Territoire] = (),
) -> Communaute:
    """Create a thematic research community or one of the Archipel des pratiques.

    A community of interest is formed from its problem (:func:`communaute_constituer`),
    never here. Same people and same checks as forming one; recorded in the journal.
    """
    if not rules.peut_constituer(par):
        raise ActionCommunauteImpossible(
            "Seules la Direction, la Coordination et l'Animation de la Ti Team peuvent créer "
            "une communauté.",
            code="role",
        )
    if type not in {TypeCommunaute.THEMATIQUE, TypeCommunaute.ARCHIPEL}:
        raise ActionCommunauteImpossible(
            {
                "type": "Une communauté d'intérêt se constitue depuis la page de sa "
                "problématique. Choisissez ici « thématique » ou « Archipel »."
            },
            code="type",
        )
    nom, objet = _nom_et_objet(nom, objet, ActionCommunauteImpossible)
    _verifier_animateur(animateur, ActionCommunauteImpossible)
    communaute = _creer(
        type_=TypeCommunaute(type), nom=nom, objet=objet, animateur=animateur, problematique=None
    )
    communaute.themes.set(list(themes))
    communaute.territoires.set(list(territoires))
    communaute.journaliser(
        TypeAction.CONSTITUER, par=par, detail=f"Créée : {communaute.get_type_display()}."
    )
    return communaute


# --- State ---------------------------------------------------------------------------------


@transaction.atomic
def communaute_changer_statut(
    *, communaute: Communaute, par: Personne, statut: str, detail: str = ""
) -> Communaute:
    """Move the community to ``statut`` (en constitution, active, en sommeil, close).

    Closing it ends every running engagement today (``MotifFin.COMMUNAUTE_CLOSE``) in the
    same transaction. Recorded as "ancien → nouveau" followed by ``detail``. Returns the
    community as saved.
    """
    if not rules.peut_constituer(par):
        raise ActionCommunauteImpossible(
            "Seules la Direction, la Coordination et l'Animation de la Ti Team peuvent changer "
            "l'état d'une communauté.",
            code="role",
        )
    try:
        nouveau = StatutCommunaute(statut)
    except ValueError as exc:
        raise ActionCommunauteImpossible(
            {"statut": "Choisissez un état dans la liste."}, code="etat_inconnu"
        ) from exc
    c = Communaute.objects.select_for_update().get(pk=communaute.pk)
    ancien = StatutCommunaute(c.statut)
    if ancien == nouveau:
        raise ActionCommunauteImpossible(
            f"La communauté est déjà « {ancien.label} ».", code="meme_etat"
        )
    c.statut = nouveau
    c.save(update_fields=["statut", "modifiee_le"])
    if nouveau == StatutCommunaute.CLOSE:
        # Every engagement not ended yet, including one whose end date passed a moment ago and
        # that the daily job has not ended: nobody stays committed to a closed community.
        Engagement.objects.filter(communaute=c, termine_le__isnull=True).update(
            termine_le=timezone.localdate(),
            motif_fin=MotifFin.COMMUNAUTE_CLOSE,
            modifie_le=timezone.now(),
        )
    texte = f"{ancien.label} → {nouveau.label}"
    if detail.strip():
        texte += f"\n{detail.strip()}"
    c.journaliser(TypeAction.CHANGER_STATUT, par=par, detail=texte)
    communaute.statut = c.statut
    return c


@transaction.atomic
def communaute_changer_animateur(
    *, communaute: Communaute, par: Personne, animateur: Personne
) -> Communaute:
    """Hand the community over to another Ti Team member, recorded as "ancien → nouveau"
    in the journal (the public page names the animator)."""
    if not rules.peut_constituer(par):
        raise ActionCommunauteImpossible(
            "Seules la Direction, la Coordination et l'Animation de la Ti Team peuvent changer "
            "l'animateur ou l'animatrice d'une communauté.",
            code="role",
        )
    _verifier_animateur(animateur, ActionCommunauteImpossible)
    c = (
        Communaute.objects.select_for_update(of=("self",))
        .select_related("animateur")
        .get(pk=communaute.pk)
    )
    if c.animateur_id == animateur.pk:
        return c
    ancien = str(c.animateur) if c.animateur is not None else "personne"
    c.animateur = animateur
    c.save(update_fields=["animateur", "modifiee_le"])
    c.journaliser(TypeAction.CHANGER_ANIMATEUR, par=par, detail=f"{ancien} → {animateur}")
    communaute.animateur = animateur
    return c


# --- Helpers -------------------------------------------------------------------------------


def _nom_et_objet(
    nom: str, objet: str, erreur: type[ActionCommunauteImpossible]
) -> tuple[str, str]:
    nom, objet = (nom or "").strip(), (objet or "").strip()
    erreurs = {}
    if not nom:
        erreurs["nom"] = "Donnez un nom à la communauté."
    if not objet:
        erreurs["objet"] = "Dites en quelques lignes pourquoi la communauté existe."
    if erreurs:
        raise erreur(erreurs, code="vide")
    return nom, objet


def _verifier_animateur(animateur: Any, erreur: type[ActionCommunauteImpossible]) -> None:
    if (
        animateur is None
        or not getattr(animateur, "is_active", False)
        or not regles_comptes.est_ti_team(animateur)
    ):
        raise erreur(
            {"animateur": "L'animateur ou l'animatrice doit être un membre actif de la Ti Team."},
            code="animateur",
        )


def _creer(
    *,
    type_: TypeCommunaute,
    nom: str,
    objet: str,
    animateur: Personne,
    problematique: Problematique | None,
) -> Communaute:
    # Two communities named alike at the same moment: the second takes the next free slug.
    for _essai in range(5):
        try:
            with transaction.atomic():
                return Communaute.objects.create(
                    nom=nom,
                    slug=slug_unique(Communaute, nom, reserves=SLUGS_RESERVES),
                    type=type_,
                    objet=objet,
                    statut=StatutCommunaute.EN_CONSTITUTION,
                    animateur=animateur,
                    problematique=problematique,
                )
        except IntegrityError:
            if (
                problematique is not None
                and Communaute.objects.filter(problematique=problematique).exists()
            ):
                raise ConstitutionImpossible(
                    "Cette problématique a déjà sa communauté d'intérêt.", code="deja"
                ) from None
    raise ActionCommunauteImpossible(
        "Impossible de trouver une adresse libre pour cette communauté : réessayez.",
        code="slug",
    )


def _contexte_invitation(
    communaute: Communaute, problematique: Problematique, animateur: Personne
) -> dict[str, Any]:
    """What the invitation says: public fields only (JSON-serialisable for the task)."""
    return {
        "nom": communaute.nom,
        "objet": communaute.objet,
        "titre_problematique": problematique.titre,
        "animateur": animateur.get_full_name() or "",
        "lien_rejoindre": lien_rejoindre(communaute),
        "lien_communaute": f"{settings.SITE_URL}{communaute.get_absolute_url()}",
        "lien_problematique": services_problematiques.lien_public(problematique),
        "duree_maximale_mois": Engagement.DUREE_MAXIMALE_MOIS,
    }
