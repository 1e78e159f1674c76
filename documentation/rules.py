"""Who may read, write, review, publish, archive and restore documentation pages, and declare
a reuse; composed from ``tilab.comptes.rules``.

Every project is documented by those who run it: the people taking part in the experiment
(``experimentations.Participant``) or committed to the community (a running
``communautes.Engagement``) a page documents may write it, with its authors and the Ti Team.
The Documentation role reviews, publishes and archives.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Exists

from communautes.models import Engagement
from documentation.models import Page, StatutPage
from experimentations import rules as regles_experimentations
from experimentations.models import Experimentation, Participant
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne

_CACHE_MEMBRE = "_tilab_membre_documentation"
_CACHE_AUTEUR = "_tilab_auteur_documentation"


def est_documentaliste(user: Any) -> bool:
    """The Documentation role of the Ti Team: it keeps the base coherent and reviews."""
    return regles_comptes.a_le_role(user, regles_comptes.DOCUMENTATION)


def participe_a(user: Any, *, experimentation: Any = None, communaute: Any = None) -> bool:
    """Whether the person takes part in the experiment or is committed, today, to the
    community (one query for both, kept on the person for the request)."""
    if not regles_comptes.est_connecte(user):
        return False
    cle = (
        getattr(experimentation, "pk", experimentation),
        getattr(communaute, "pk", communaute),
    )
    memoire: dict[Any, bool] = user.__dict__.setdefault(_CACHE_MEMBRE, {})
    if cle not in memoire:
        conditions = []
        if cle[0] is not None:
            conditions.append(
                Exists(Participant.objects.filter(experimentation_id=cle[0], personne=user))
            )
        if cle[1] is not None:
            conditions.append(
                Exists(Engagement.objects.actifs().filter(communaute_id=cle[1], personne=user))
            )
        # The person's own row, by key, bearing either condition: one statement.
        memoire[cle] = bool(conditions) and (
            Personne.objects.filter(pk=user.pk).filter(reduce(or_, conditions)).exists()
        )
    return memoire[cle]


def projets_de(user: Any) -> tuple[list[Experimentation], list[Any]]:
    """The experiments the person takes part in and the communities they are committed to:
    what they may document."""
    from communautes.models import Communaute

    if not regles_comptes.est_connecte(user):
        return [], []
    experimentations = list(
        Experimentation.objects.filter(participants__personne=user).distinct().order_by("titre")
    )
    communautes = list(
        Communaute.objects.filter(
            pk__in=Engagement.objects.actifs().filter(personne=user).values("communaute_id")
        ).order_by("nom")
    )
    return experimentations, communautes


def peut_creer(user: Any) -> bool:
    """Start a page: the Ti Team, and anyone with a proven address who takes part in an
    experiment or is committed to a community (they document their project)."""
    if not regles_comptes.peut_publier(user):
        return False
    if regles_comptes.est_ti_team(user):
        return True
    experimentations, communautes = projets_de(user)
    return bool(experimentations or communautes)


def peut_creer_pour(user: Any, *, experimentation: Any = None, communaute: Any = None) -> bool:
    """Start a page documenting this experiment or community (or, for the Ti Team, none)."""
    if not regles_comptes.peut_publier(user):
        return False
    if regles_comptes.est_ti_team(user):
        return True
    if experimentation is None and communaute is None:
        return False
    return participe_a(user, experimentation=experimentation, communaute=communaute)


def peut_declarer_les_pages_attendues(user: Any, experimentation: Any) -> bool:
    """Say which kinds of page an experiment owes, beyond those every experiment owes: those
    who run it (its coordinator, the Direction and the Coordination,
    ``experimentations.rules.peut_coordonner``) and the Documentation role, which keeps the
    base coherent; with a proven address. Its participants write its pages, they do not set
    what it owes."""
    if not regles_comptes.peut_publier(user):
        return False
    return (
        regles_experimentations.peut_coordonner(user)
        or est_documentaliste(user)
        or experimentation.coordinateur_id == user.pk
    )


def est_auteur(user: Any, page: Page) -> bool:
    """Whether the person signs the page (read from ``ids_auteurs`` when the page was read
    with its authors' keys, ``PageQuerySet.avec_ids_auteurs``, otherwise one query;
    kept on the person for the request)."""
    if not regles_comptes.est_connecte(user):
        return False
    memoire: dict[int, bool] = user.__dict__.setdefault(_CACHE_AUTEUR, {})
    if page.pk not in memoire:
        ids: list[int] | None = getattr(page, "ids_auteurs", None)
        memoire[page.pk] = (
            user.pk in ids if ids is not None else page.auteurs.filter(pk=user.pk).exists()
        )
    return memoire[page.pk]


def est_redacteur(user: Any, page: Page) -> bool:
    """Whether the person is among those who write the page, whatever its state: its
    authors, the members of what it documents and the Ti Team, with a proven address."""
    if not regles_comptes.peut_publier(user):
        return False
    if regles_comptes.est_ti_team(user) or est_auteur(user, page):
        return True
    return participe_a(user, experimentation=page.experimentation_id, communaute=page.communaute_id)


def peut_ecrire(user: Any, page: Page) -> bool:
    """Save a new revision of the page: its writers (:func:`est_redacteur`); never an
    archived page."""
    return page.statut != StatutPage.ARCHIVEE and est_redacteur(user, page)


def peut_voir(user: Any, page: Page) -> bool:
    """Read the page: anyone once it is public; before, those who write it and the
    Documentation role."""
    if page.est_publique:
        return True
    return est_documentaliste(user) or peut_ecrire(user, page)


def peut_soumettre(user: Any, page: Page) -> bool:
    """Ask for the review of a draft."""
    return page.statut == StatutPage.BROUILLON and peut_ecrire(user, page)


def peut_relire(user: Any, page: Page) -> bool:
    """Comment on a draft or a page in review, ask for changes: the Documentation role."""
    return page.statut in (StatutPage.BROUILLON, StatutPage.EN_RELECTURE) and est_documentaliste(
        user
    )


def peut_commenter(user: Any, page: Page) -> bool:
    """Take part in the review's discussion: the reviewers and the writers of a page not
    archived."""
    if page.statut == StatutPage.ARCHIVEE:
        return False
    return est_documentaliste(user) or peut_ecrire(user, page)


def peut_publier_la_page(user: Any, page: Page) -> bool:
    """Publish a page in review (or a draft): the Documentation role."""
    return page.statut in (StatutPage.BROUILLON, StatutPage.EN_RELECTURE) and est_documentaliste(
        user
    )


def peut_archiver(user: Any, page: Page) -> bool:
    return page.statut == StatutPage.PUBLIEE and est_documentaliste(user)


def peut_restaurer(user: Any, page: Page) -> bool:
    """Save an old revision's text as a new revision: whoever may write the page."""
    return peut_ecrire(user, page)


def peut_declarer_une_reutilisation(user: Any, page: Page) -> bool:
    """Say where and how one reused a public page: anyone logged in with a proven address."""
    return page.est_publique and regles_comptes.peut_publier(user)


def peut_voir_la_relecture(user: Any, page: Page) -> bool:
    """Read the review's comments: they are never public."""
    return est_documentaliste(user) or peut_ecrire(user, page)


def droits(user: Any, page: Page) -> dict[str, bool]:
    """What the person may do on the page, for its templates (one name per rule above)."""
    return {
        "ecrire": peut_ecrire(user, page),
        "soumettre": peut_soumettre(user, page),
        "relire": peut_relire(user, page),
        "commenter": peut_commenter(user, page),
        "publier": peut_publier_la_page(user, page),
        "archiver": peut_archiver(user, page),
        "restaurer": peut_restaurer(user, page),
        "reutiliser": peut_declarer_une_reutilisation(user, page),
        "voir_la_relecture": peut_voir_la_relecture(user, page),
    }
