"""Writes on problems: reporting one, supporting it, and every step of its triage.

Each function is the only way to do what it names: it checks who acts and from which state,
locks the rows two people could change at once, records the step as a :class:`Transition` in
the same transaction, and queues the e-mails, which leave only once the transaction commits.

An internal note (``note_interne``) is written to the history and nowhere else: no e-mail
context ever receives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from problematiques import rules, statistiques
from problematiques.models import (
    STATUTS_APRES_DECISION_COPIL,
    STATUTS_AVANT_COPIL,
    STATUTS_EN_COURS,
    STATUTS_SOUTENABLES,
    Problematique,
    Soutien,
    Statut,
    Suivi,
    Transition,
    TypeTransition,
)
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Organisation, Personne, Territoire, Theme
from tilab.courriels import programmer_courriel
from tilab.slugs import slug_unique

# Promised to the author in the acknowledgement e-mail and on the confirmation page.
DELAI_REPONSE_JOURS_OUVRES = 15

# Where each step may start from. Steps absent from the table do not exist as services.
SOURCES_LEGALES: dict[TypeTransition, frozenset[Statut]] = {
    TypeTransition.QUALIFIER: frozenset({Statut.SOUMISE}),
    TypeTransition.OUVRIR: frozenset({Statut.SOUMISE, Statut.EN_QUALIFICATION}),
    TypeTransition.ORIENTER: STATUTS_EN_COURS,
    TypeTransition.CLOTURER: STATUTS_EN_COURS,
    TypeTransition.FUSIONNER: STATUTS_EN_COURS,
    # A referent is useful for as long as something may still happen to the problem.
    TypeTransition.ASSIGNER_REFERENT: frozenset(Statut)
    - {Statut.ORIENTEE, Statut.CLOTUREE, Statut.NON_RETENUE},
    # Only through communautes.services.communautes.communaute_constituer, which creates the
    # community (it needs a form: the desk's generic step buttons do not offer it).
    TypeTransition.CONSTITUER_COMMUNAUTE: frozenset({Statut.OUVERTE, Statut.AJOURNEE}),
    # Only through gouvernance.services.copil, which checks who acts and the session's state
    # (the desk's step buttons, problematiques.admin.ETAPES, do not offer them).
    TypeTransition.PRESENTER_AU_COPIL: STATUTS_AVANT_COPIL,
    TypeTransition.RETIRER_DU_COPIL: frozenset({Statut.CANDIDATE}),
    TypeTransition.DECISION_COPIL: frozenset({Statut.CANDIDATE}),
}

# What the steps write on the problem itself (see _enregistrer).
CHAMPS_DES_ETAPES = [
    "statut",
    "publiee_le",
    "repondue_le",
    "orientee_vers",
    "fusionnee_dans",
    "referent",
    "modifie_le",
]

# Fixed paths under /problematiques/ that a problem's slug must not shadow.
SLUGS_RESERVES = frozenset({"signaler", "mes-remontees", "flux"})


class SoutienImpossible(ValidationError):
    """This person cannot (or can no longer) add a "nous aussi" to this problem."""


class TransitionInterdite(ValidationError):
    """The step is not allowed: wrong state, or a person whose role does not allow it."""


# --- Reporting ----------------------------------------------------------------------------


@transaction.atomic
def problematique_signaler(
    *,
    auteur: Personne,
    titre: str,
    constat: str,
    publics_concernes: str,
    deja_tente: str,
    territoires: Iterable[Territoire],
    themes: Iterable[Theme],
    organisation: Organisation | None,
) -> Problematique:
    """Record a problem reported from the field by ``auteur``.

    The problem starts ``soumise`` (seen by its author and the Ti Team only); the author
    follows it; the author gets an acknowledgement saying what happens next, and every active
    member of the Coordination role gets a message with the link to the triage desk.
    """
    problematique = Problematique.objects.create(
        titre=titre,
        slug=slug_unique(Problematique, titre, reserves=SLUGS_RESERVES),
        constat=constat,
        publics_concernes=publics_concernes,
        deja_tente=deja_tente,
        organisation=organisation,
        auteur=auteur,
        statut=Statut.SOUMISE,
    )
    problematique.territoires.set(list(territoires))
    problematique.themes.set(list(themes))
    Transition.objects.create(
        problematique=problematique,
        type=TypeTransition.SOUMETTRE,
        statut_avant=Statut.SOUMISE,
        statut_apres=Statut.SOUMISE,
        auteur=auteur,
        publique=False,
    )
    Suivi.objects.get_or_create(problematique=problematique, personne=auteur)

    contexte = _contexte_courriel(problematique)
    programmer_courriel(
        gabarit="problematiques/courriels/signalement_accuse",
        destinataires=[auteur.email],
        contexte=contexte | {"delai_jours_ouvres": DELAI_REPONSE_JOURS_OUVRES},
    )
    equipe = Personne.objects.ayant_un_role(regles_comptes.COORDINATION)
    programmer_courriel(
        gabarit="problematiques/courriels/signalement_equipe",
        destinataires=[p.email for p in equipe],
        contexte=contexte
        | {
            "auteur": auteur.nom_et_adresse,
            "organisation": organisation.nom if organisation else "",
            "lien_admin": lien_admin(problematique),
            "territoires": ", ".join(t.nom for t in problematique.territoires.all()),
            "delai_jours_ouvres": DELAI_REPONSE_JOURS_OUVRES,
        },
    )
    return problematique


# --- Support ("nous aussi") ---------------------------------------------------------------


@transaction.atomic
def soutien_ajouter(
    *,
    problematique: Problematique,
    personne: Personne,
    organisation: Organisation | None = None,
    territoire: Territoire | None = None,
    expertise_offerte: str = "",
    precisions: str = "",
    rejoindrait_communaute: bool = False,
) -> Soutien:
    """Record that ``personne`` faces the same problem; they then follow it.

    Raises :class:`SoutienImpossible` if the problem cannot be supported in its state, if the
    person reported it, or if they already support it.
    """
    # Locking the problem makes two clicks on "nous aussi" wait for each other, and keeps
    # the state checked below true until this transaction ends (a merge or a closure waits).
    verrouillee = Problematique.objects.select_for_update().get(pk=problematique.pk)
    if verrouillee.statut not in STATUTS_SOUTENABLES:
        raise SoutienImpossible(
            "Cette problématique ne peut pas recevoir de soutien dans son état actuel "
            f"({verrouillee.get_statut_display()}).",
            code="etat",
        )
    if verrouillee.auteur_id == personne.pk:
        raise SoutienImpossible(
            "Vous avez fait remonter cette problématique : vous la suivez déjà.", code="auteur"
        )
    if Soutien.objects.filter(problematique=verrouillee, personne=personne).exists():
        raise SoutienImpossible("Vous soutenez déjà cette problématique.", code="deja")
    try:
        # The unique constraint is the last guard; the savepoint keeps the outer
        # transaction usable when it fires.
        with transaction.atomic():
            soutien = Soutien.objects.create(
                problematique=verrouillee,
                personne=personne,
                organisation=organisation,
                territoire=territoire,
                expertise_offerte=expertise_offerte,
                precisions=precisions,
                rejoindrait_communaute=rejoindrait_communaute,
            )
    except IntegrityError as exc:
        raise SoutienImpossible("Vous soutenez déjà cette problématique.", code="deja") from exc
    Problematique.objects.filter(pk=verrouillee.pk).recompter_soutiens()
    Suivi.objects.get_or_create(problematique=verrouillee, personne=personne)
    return soutien


@transaction.atomic
def soutien_retirer(*, problematique: Problematique, personne: Personne) -> None:
    """Withdraw the support of ``personne``; they stop following unless they are the author."""
    verrouillee = Problematique.objects.select_for_update().get(pk=problematique.pk)
    Soutien.objects.filter(problematique=verrouillee, personne=personne).delete()
    Problematique.objects.filter(pk=verrouillee.pk).recompter_soutiens()
    if verrouillee.auteur_id != personne.pk:
        Suivi.objects.filter(problematique=verrouillee, personne=personne).delete()


# --- Triage by the Ti Team ----------------------------------------------------------------


def transitions_possibles(problematique: Problematique) -> list[TypeTransition]:
    """The steps legal from the problem's current state, in the order the desk shows them."""
    return [
        type_
        for type_, sources in SOURCES_LEGALES.items()
        if problematique.statut in sources
        and not (type_ is TypeTransition.FUSIONNER and problematique.fusionnee_dans_id)
    ]


@transaction.atomic
def problematique_qualifier(
    *,
    problematique: Problematique,
    par: Personne,
    commentaire_public: str = "",
    note_interne: str = "",
) -> Problematique:
    """``soumise`` → ``en_qualification``: the team reframes the problem with its author."""
    p = _verrouiller_et_verifier(problematique, par, TypeTransition.QUALIFIER)
    _enregistrer(
        p,
        type_=TypeTransition.QUALIFIER,
        statut_apres=Statut.EN_QUALIFICATION,
        par=par,
        commentaire_public=commentaire_public,
        note_interne=note_interne,
    )
    return p


@transaction.atomic
def problematique_ouvrir(
    *,
    problematique: Problematique,
    par: Personne,
    commentaire_public: str = "",
    note_interne: str = "",
) -> Problematique:
    """``soumise`` | ``en_qualification`` → ``ouverte``: published, others may support it."""
    p = _verrouiller_et_verifier(problematique, par, TypeTransition.OUVRIR)
    p.publiee_le = timezone.now()
    _enregistrer(
        p,
        type_=TypeTransition.OUVRIR,
        statut_apres=Statut.OUVERTE,
        par=par,
        commentaire_public=commentaire_public,
        note_interne=note_interne,
    )
    return p


@transaction.atomic
def problematique_orienter(
    *,
    problematique: Problematique,
    par: Personne,
    vers: str,
    commentaire_public: str,
    note_interne: str = "",
) -> Problematique:
    """Send the problem to another body (``vers``), saying why in ``commentaire_public``."""
    if not vers.strip():
        raise TransitionInterdite(
            "Indiquez vers qui la problématique est orientée.", code="vers_manquant"
        )
    if not commentaire_public.strip():
        raise TransitionInterdite(
            "Expliquez dans le commentaire public pourquoi la problématique est orientée.",
            code="commentaire_manquant",
        )
    p = _verrouiller_et_verifier(problematique, par, TypeTransition.ORIENTER)
    p.orientee_vers = vers.strip()
    _enregistrer(
        p,
        type_=TypeTransition.ORIENTER,
        statut_apres=Statut.ORIENTEE,
        par=par,
        commentaire_public=commentaire_public,
        note_interne=note_interne,
    )
    return p


@transaction.atomic
def problematique_cloturer(
    *,
    problematique: Problematique,
    par: Personne,
    commentaire_public: str,
    note_interne: str = "",
) -> Problematique:
    """Close the problem (e.g. out of the lab's scope); the public comment gives the reason."""
    if not commentaire_public.strip():
        raise TransitionInterdite(
            "Donnez dans le commentaire public la raison de la clôture.",
            code="commentaire_manquant",
        )
    p = _verrouiller_et_verifier(problematique, par, TypeTransition.CLOTURER)
    _enregistrer(
        p,
        type_=TypeTransition.CLOTURER,
        statut_apres=Statut.CLOTUREE,
        par=par,
        commentaire_public=commentaire_public,
        note_interne=note_interne,
    )
    return p


@transaction.atomic
def problematique_fusionner(
    *,
    problematique: Problematique,
    cible: Problematique,
    par: Personne,
    commentaire_public: str = "",
    note_interne: str = "",
) -> Problematique:
    """Close ``problematique`` as a duplicate of ``cible`` and move its people there.

    Supports move to the target, except those of people who already support it or reported
    it (they are dropped: one support per person). Followers follow the target. Both authors
    are told by e-mail, and the followers of the duplicate too. Returns the duplicate.
    """
    if cible.pk == problematique.pk:
        raise TransitionInterdite(
            "Une problématique ne peut pas être fusionnée dans elle-même.", code="meme"
        )
    if not rules.peut_trier(par):
        raise _role_refuse()
    # Both rows, always in the same order, so that two merges crossing each other cannot
    # deadlock.
    lignes = {
        p.pk: p
        for p in Problematique.objects.select_for_update()
        .filter(pk__in=[problematique.pk, cible.pk])
        .order_by("pk")
    }
    source, destination = lignes[problematique.pk], lignes[cible.pk]
    _verifier_source(source, TypeTransition.FUSIONNER)
    if source.fusionnee_dans_id is not None:
        raise TransitionInterdite("Cette problématique est déjà fusionnée.", code="etat")
    if destination.fusionnee_dans_id is not None or destination.statut == Statut.CLOTUREE:
        raise TransitionInterdite(
            "La problématique cible est elle-même fusionnée ou clôturée : choisissez-en une autre.",
            code="cible",
        )

    exclus = set(
        Soutien.objects.filter(problematique=destination).values_list("personne_id", flat=True)
    )
    if destination.auteur_id is not None:
        exclus.add(destination.auteur_id)
    soutiens = Soutien.objects.filter(problematique=source)
    soutiens.filter(personne_id__in=exclus).delete()
    soutiens.update(problematique=destination)
    Problematique.objects.filter(pk__in=[source.pk, destination.pk]).recompter_soutiens()

    suiveurs = list(
        Suivi.objects.filter(problematique=source).values_list("personne_id", flat=True)
    )
    for personne_id in suiveurs:
        Suivi.objects.get_or_create(problematique=destination, personne_id=personne_id)
    Suivi.objects.filter(problematique=source).delete()

    source.fusionnee_dans = destination
    _enregistrer(
        source,
        type_=TypeTransition.FUSIONNER,
        statut_apres=Statut.CLOTUREE,
        par=par,
        commentaire_public=commentaire_public,
        note_interne=note_interne,
        notifier=False,
    )
    _enregistrer(
        destination,
        type_=TypeTransition.FUSIONNER,
        statut_apres=Statut(destination.statut),
        par=par,
        # The duplicate may never have been published: its title is not repeated here.
        commentaire_public="Une problématique en double a été fusionnée dans celle-ci ; "
        "ses soutiens la rejoignent.",
        note_interne=note_interne,
        notifier=False,
        # Receiving a duplicate is not an answer to the target's author: it stays in the
        # desk's "oldest unanswered" queue if nobody has answered it yet.
        repond_a_l_auteur=False,
    )

    contexte = _contexte_courriel(source) | {
        "commentaire_public": commentaire_public,
        "cible": _contexte_courriel(destination),
    }
    programmer_courriel(
        gabarit="problematiques/courriels/fusion",
        destinataires=_adresses([source.auteur_id, *suiveurs] if source.auteur_id else suiveurs),
        contexte=contexte,
    )
    programmer_courriel(
        gabarit="problematiques/courriels/fusion_cible",
        destinataires=_adresses([destination.auteur_id] if destination.auteur_id else []),
        contexte=_contexte_courriel(destination),
    )
    return source


@transaction.atomic
def problematique_assigner_referent(
    *,
    problematique: Problematique,
    referent: Personne,
    par: Personne,
    commentaire_public: str = "",
    note_interne: str = "",
) -> Problematique:
    """Name the Ti Team member who follows the problem. An internal step: nobody is e-mailed."""
    if not regles_comptes.est_ti_team(referent):
        raise TransitionInterdite("Le référent doit être un membre de la Ti Team.", code="referent")
    p = _verrouiller_et_verifier(problematique, par, TypeTransition.ASSIGNER_REFERENT)
    p.referent = referent
    _enregistrer(
        p,
        type_=TypeTransition.ASSIGNER_REFERENT,
        statut_apres=Statut(p.statut),
        par=par,
        commentaire_public=commentaire_public,
        note_interne=note_interne,
    )
    return p


@transaction.atomic
def problematique_constituer_communaute(
    *,
    problematique: Problematique,
    par: Personne,
    commentaire_public: str = "",
    note_interne: str = "",
    sans_courriel_pour: Iterable[int] = (),
) -> Problematique:
    """``ouverte`` | ``ajournee`` → ``communaute_constituee``: a public step of the trajectory.

    Called only by ``communautes.services.communautes.communaute_constituer``, in the
    transaction where it creates the community, which has checked who may form it. The
    author and the followers are e-mailed as for any public step, except the people in
    ``sans_courriel_pour`` (the supporters invited to join, who get their invitation instead
    of a second message).
    """
    p = Problematique.objects.select_for_update().get(pk=problematique.pk)
    _verifier_source(p, TypeTransition.CONSTITUER_COMMUNAUTE)
    _enregistrer(
        p,
        type_=TypeTransition.CONSTITUER_COMMUNAUTE,
        statut_apres=Statut.COMMUNAUTE_CONSTITUEE,
        par=par,
        commentaire_public=commentaire_public,
        note_interne=note_interne,
        sans_courriel_pour=sans_courriel_pour,
    )
    return p


# --- The COPIL's steps (called by gouvernance only) ---------------------------------------


@transaction.atomic
def problematique_presenter_au_copil(
    *, problematique: Problematique, par: Personne, commentaire_public: str = ""
) -> Problematique:
    """``communaute_constituee`` | ``ouverte`` | ``ajournee`` → ``candidate``: the problem is
    on a COPIL session's agenda; a public step, the author and followers are e-mailed.

    Called only by ``gouvernance.services.copil.candidature_ajouter``, in its transaction,
    which has checked who acts, the session's state and the problem's maturity.
    """
    p = Problematique.objects.select_for_update().get(pk=problematique.pk)
    _verifier_source(p, TypeTransition.PRESENTER_AU_COPIL)
    _enregistrer(
        p,
        type_=TypeTransition.PRESENTER_AU_COPIL,
        statut_apres=Statut.CANDIDATE,
        par=par,
        commentaire_public=commentaire_public,
        note_interne="",
    )
    return p


@transaction.atomic
def problematique_retirer_du_copil(
    *, problematique: Problematique, par: Personne, statut_apres: Statut | str
) -> Problematique:
    """``candidate`` → ``statut_apres``, the state it had before (one of
    ``STATUTS_AVANT_COPIL``): the problem leaves a session's agenda before the vote.

    Called only by ``gouvernance.services.copil.candidature_retirer``, in its transaction.
    """
    statut = Statut(statut_apres)
    if statut not in STATUTS_AVANT_COPIL:
        raise TransitionInterdite(
            f"Une problématique retirée du COPIL ne passe pas à « {statut.label} ».",
            code="statut_apres",
        )
    p = Problematique.objects.select_for_update().get(pk=problematique.pk)
    _verifier_source(p, TypeTransition.RETIRER_DU_COPIL)
    _enregistrer(
        p,
        type_=TypeTransition.RETIRER_DU_COPIL,
        statut_apres=statut,
        par=par,
        commentaire_public="",
        note_interne="",
    )
    return p


@transaction.atomic
def problematique_recevoir_decision(
    *,
    problematique: Problematique,
    par: Personne,
    statut_apres: Statut | str,
    commentaire_public: str,
    destinataires_en_plus: Iterable[int] = (),
    decision: str = "",
    lien_decision: str = "",
) -> Problematique:
    """``candidate`` → ``retenue`` | ``ouverte`` (adjourned: back to « ouverte » with the
    COPIL's feedback) | ``non_retenue``: the COPIL's published decision, with its public
    rationale (``commentaire_public``).

    The author and followers are e-mailed as for any public step, and the people in
    ``destinataires_en_plus`` too (the community's members), each person once; the e-mail
    says ``decision`` (its label, e.g. « Ajournée »), the rationale, and links the session's
    page (``lien_decision``). Called only by ``gouvernance.services.copil.decisions_publier``,
    in its transaction, which has checked that the chair publishes.
    """
    statut = Statut(statut_apres)
    if statut not in STATUTS_APRES_DECISION_COPIL:
        raise TransitionInterdite(
            f"Une décision du COPIL ne mène pas à « {statut.label} ».", code="statut_apres"
        )
    if not commentaire_public.strip():
        raise TransitionInterdite(
            "Une décision du COPIL se publie avec ses motifs.", code="commentaire_manquant"
        )
    p = Problematique.objects.select_for_update().get(pk=problematique.pk)
    _verifier_source(p, TypeTransition.DECISION_COPIL)
    _enregistrer(
        p,
        type_=TypeTransition.DECISION_COPIL,
        statut_apres=statut,
        par=par,
        commentaire_public=commentaire_public,
        note_interne="",
        destinataires_en_plus=destinataires_en_plus,
        contexte_en_plus={"decision": decision, "lien_decision": lien_decision},
    )
    return p


# --- Helpers ------------------------------------------------------------------------------


def lien_admin(problematique: Problematique) -> str:
    chemin = reverse("admin:problematiques_problematique_change", args=[problematique.pk])
    return f"{settings.SITE_URL}{chemin}"


def lien_public(problematique: Problematique) -> str:
    """Where the author and followers can see the problem: its page once published, else
    the author's "mes remontées"."""
    if problematique.publiee_le is not None:
        return f"{settings.SITE_URL}{problematique.get_absolute_url()}"
    return f"{settings.SITE_URL}{reverse('problematiques:mes_remontees')}"


def _role_refuse() -> TransitionInterdite:
    return TransitionInterdite(
        "Seules la Direction et la Coordination de la Ti Team peuvent faire avancer une "
        "problématique.",
        code="role",
    )


def _verifier_source(p: Problematique, type_: TypeTransition) -> None:
    if p.statut not in SOURCES_LEGALES[type_]:
        raise TransitionInterdite(
            f"« {type_.label} » est impossible depuis l'état « {p.get_statut_display()} ».",
            code="etat",
        )


def _verrouiller_et_verifier(
    problematique: Problematique, par: Personne, type_: TypeTransition
) -> Problematique:
    if not rules.peut_trier(par):
        raise _role_refuse()
    p = Problematique.objects.select_for_update().get(pk=problematique.pk)
    _verifier_source(p, type_)
    return p


def _enregistrer(
    p: Problematique,
    *,
    type_: TypeTransition,
    statut_apres: Statut,
    par: Personne,
    commentaire_public: str,
    note_interne: str,
    notifier: bool = True,
    repond_a_l_auteur: bool = True,
    sans_courriel_pour: Iterable[int] = (),
    destinataires_en_plus: Iterable[int] = (),
    contexte_en_plus: Mapping[str, Any] | None = None,
) -> Transition:
    """Save the problem in its new state, record the step, and tell those who follow it
    (except the people in ``sans_courriel_pour``, told another way) and the people in
    ``destinataires_en_plus``, each once; ``contexte_en_plus`` goes to the e-mail."""
    statut_avant = p.statut
    interne = type_ is TypeTransition.ASSIGNER_REFERENT
    # Public trajectory: the publication itself, and everything after it except internal
    # steps. Before publication the history is between the author and the team.
    publique = not interne and (type_ is TypeTransition.OUVRIR or p.publiee_le is not None)
    if repond_a_l_auteur and not interne and p.repondue_le is None:
        p.repondue_le = timezone.now()
    p.statut = statut_apres
    # The fields a step may change, and only them: the support counter is kept by the
    # support services (recompter_soutiens), which a stale copy must not overwrite.
    p.save(update_fields=CHAMPS_DES_ETAPES)
    if statut_apres != statut_avant and p.publiee_le is not None:
        # The public list's charts count published problems by state.
        statistiques.oublier_figures_publiques()
    transition = Transition.objects.create(
        problematique=p,
        type=type_,
        statut_avant=statut_avant,
        statut_apres=statut_apres,
        auteur=par,
        commentaire_public=commentaire_public.strip(),
        note_interne=note_interne.strip(),
        publique=publique,
    )
    if notifier and not interne:
        # The author is told of every step they can see; followers (supporters) of the
        # public ones. Before publication the author is the only follower anyway.
        ids = [p.auteur_id] if p.auteur_id else []
        if publique:
            ids += list(Suivi.objects.filter(problematique=p).values_list("personne_id", flat=True))
        ids += list(destinataires_en_plus)
        exclus = set(sans_courriel_pour)
        programmer_courriel(
            gabarit="problematiques/courriels/transition",
            # _adresses reads each person once, whatever the lists they are on.
            destinataires=_adresses(i for i in ids if i not in exclus),
            contexte=_contexte_courriel(p)
            | dict(contexte_en_plus or {})
            | {
                "etape": str(type_.label),
                "commentaire_public": transition.commentaire_public,
            },
        )
    return transition


def _adresses(ids: Iterable[int | None]) -> list[str]:
    return list(
        Personne.objects.filter(pk__in=[i for i in ids if i], is_active=True).values_list(
            "email", flat=True
        )
    )


def _contexte_courriel(p: Problematique) -> dict[str, Any]:
    """What every e-mail about a problem may say. Only public fields: never the internal
    note, never the other followers."""
    return {
        "titre": p.titre,
        "statut": str(p.get_statut_display()),
        "orientee_vers": p.orientee_vers,
        "lien": lien_public(p),
        "publiee": p.publiee_le is not None,
    }


# --- Personal data export -----------------------------------------------------------------


def section_export(personne: Personne) -> dict[str, Any]:
    """The person's reports (with the steps shown to them) and supports, for their personal
    data export. Internal notes are the team's working notes, not the person's data: they are
    never exported."""
    remontees = (
        Problematique.objects.filter(auteur=personne)
        .select_related("organisation")
        .prefetch_related("territoires", "themes")
        .order_by("cree_le")
    )
    # Labels translated once per export: get_FOO_display() translates every choice of the field
    # again on each call, which cost a person with a few hundred steps a tenth of a second.
    etapes = {v: str(libelle) for v, libelle in TypeTransition.choices}
    etats = {v: str(libelle) for v, libelle in Statut.choices}
    etapes_par_probleme: dict[int, list[dict[str, Any]]] = {}
    for t in Transition.objects.filter(problematique__auteur=personne).pour_auteur():
        etapes_par_probleme.setdefault(t.problematique_id, []).append(
            {
                "etape": etapes.get(t.type, t.type),
                "etat_avant": etats.get(t.statut_avant, t.statut_avant),
                "etat_apres": etats.get(t.statut_apres, t.statut_apres),
                "le": t.cree_le,
                "commentaire_public": t.commentaire_public,
            }
        )
    soutiens = (
        Soutien.objects.filter(personne=personne)
        .select_related("problematique", "organisation", "territoire")
        .order_by("cree_le")
    )
    return {
        "remontees": [
            {
                "titre": p.titre,
                "adresse": lien_public(p) if p.publiee_le else None,
                "etat": etats.get(p.statut, p.statut),
                "remontee_le": p.cree_le,
                "publiee_le": p.publiee_le,
                "constat": p.constat,
                "publics_concernes": p.publics_concernes,
                "deja_tente": p.deja_tente,
                "territoires": [t.nom for t in p.territoires.all()],
                "themes": [t.nom for t in p.themes.all()],
                "organisation": p.organisation.nom if p.organisation else None,
                "orientee_vers": p.orientee_vers,
                "historique": etapes_par_probleme.get(p.pk, []),
            }
            for p in remontees
        ],
        "soutiens": [
            {
                "problematique": s.problematique.titre,
                "le": s.cree_le,
                "organisation": s.organisation.nom if s.organisation else None,
                "territoire": s.territoire.nom if s.territoire else None,
                "expertise_offerte": str(s.get_expertise_offerte_display())
                if s.expertise_offerte
                else "",
                "precisions": s.precisions,
                "rejoindrait_communaute": s.rejoindrait_communaute,
            }
            for s in soutiens
        ],
        "problematiques_suivies": list(
            Suivi.objects.filter(personne=personne)
            .order_by("cree_le")
            .values_list("problematique__titre", flat=True)
        ),
    }
