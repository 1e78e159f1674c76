"""What a new page documents, its « sujet »: an experiment, a community, an event (a report,
in its community's name) or, for the Ti Team, a problem; or nothing, for the lab's own methods
and guides.

A person chooses it before writing, from the page of what they document (« Écrire une page de
documentation »: ``/documentation/nouvelle/?experimentation=<slug>``, ``?communaute=``,
``?evenement=``, ``?problematique=``) or from the list of their own projects; the editor then
carries it in hidden fields, and the event a page may also report on is chosen among its
community's. Nothing here lists every experiment or community of the portal: the page stays
the same size whatever their number.

Who may document what is :func:`documentation.rules.peut_creer_pour`'s; the service checks it
again when the page is created.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.utils import formats, timezone

from communautes.models import Communaute, Evenement
from documentation import rules
from experimentations.models import Experimentation
from problematiques.models import Problematique
from tilab.comptes import rules as regles_comptes

# The parameters (of the address, then of the editor's hidden fields) naming the subject.
PARAMETRES = ("experimentation", "communaute", "evenement", "problematique")
# The events of a community offered to a page that documents it (the most recent first).
EVENEMENTS_PROPOSES = 30

MESSAGE_INTROUVABLE = (
    "Ce que la page devait documenter n'existe pas, ou vous ne pouvez pas le documenter : "
    "choisissez parmi vos projets."
)


@dataclass(frozen=True)
class Sujet:
    """What a page documents; all ``None`` for a page of the lab without a project."""

    experimentation: Experimentation | None = None
    communaute: Communaute | None = None
    problematique: Problematique | None = None
    evenement: Evenement | None = None

    @property
    def principal(self) -> Any:
        """The object :attr:`libelle` names (the project, or the event without one)."""
        return self.experimentation or self.communaute or self.problematique or self.evenement

    @property
    def libelle(self) -> str:
        """« l'expérimentation « … » », for the editor's sentence « Cette page documente … »:
        the project, whose events the editor offers; the event alone when it has none."""
        if self.experimentation is not None:
            return f"l'expérimentation « {self.experimentation.titre} »"
        if self.communaute is not None:
            return f"la communauté « {self.communaute.nom} »"
        if self.problematique is not None:
            return f"la problématique « {self.problematique.titre} »"
        if self.evenement is not None:
            return f"l'événement « {self.evenement.titre} »"
        return "le laboratoire lui-même (une page sans projet)"

    @property
    def champs_caches(self) -> dict[str, str]:
        """The hidden fields that carry the subject through the editor; the event a page
        also reports on is the editor's own field when it documents a project."""
        champs = {}
        if self.experimentation is not None:
            champs["experimentation"] = self.experimentation.slug
        elif self.communaute is not None:
            champs["communaute"] = self.communaute.slug
        elif self.problematique is not None:
            champs["problematique"] = self.problematique.slug
        elif self.evenement is not None:
            champs["evenement"] = self.evenement.slug
        return champs

    @property
    def communaute_des_evenements(self) -> Communaute | None:
        """The community whose events the page may report on: the one it documents, or the
        experiment's."""
        if self.communaute is not None:
            return self.communaute
        if self.experimentation is not None:
            return self.experimentation.communaute
        return None

    def pour_le_service(self) -> dict[str, Any]:
        return {
            "experimentation": self.experimentation,
            "communaute": self.communaute,
            "problematique": self.problematique,
            "evenement": self.evenement,
        }


SANS_PROJET = Sujet()


def demande(donnees: Mapping[str, Any]) -> bool:
    """Whether ``donnees`` (the address's parameters or the editor's fields) name a subject."""
    return any(donnees.get(nom) for nom in PARAMETRES)


def _un(lignes: Any, slug: Any) -> Any:
    # Only what a slug may be reaches the database (a NUL byte, say, would not).
    if not isinstance(slug, str) or not slug_re.fullmatch(slug):
        return None
    return lignes.filter(slug=slug).first()


def lire(user: Any, donnees: Mapping[str, Any]) -> Sujet:
    """The subject ``donnees`` name, if the person may document it; :data:`SANS_PROJET` when
    they name none. Raises :class:`ValidationError` (:data:`MESSAGE_INTROUVABLE`) for a
    subject that does not exist, that the person may not see or document, or for two
    projects at once."""
    refus = ValidationError(MESSAGE_INTROUVABLE, code="sujet")
    experimentation = _un(
        Experimentation.objects.select_related("communaute"), donnees.get("experimentation")
    )
    communaute = _un(Communaute.objects.all(), donnees.get("communaute"))
    problematique = _un(Problematique.objects.all(), donnees.get("problematique"))
    evenement = _un(
        Evenement.objects.visibles_par(user).select_related("communaute"),
        donnees.get("evenement"),
    )
    for nom, trouve in (
        ("experimentation", experimentation),
        ("communaute", communaute),
        ("problematique", problematique),
        ("evenement", evenement),
    ):
        if donnees.get(nom) and trouve is None:
            raise refus
    if sum(x is not None for x in (experimentation, communaute, problematique)) > 1:
        raise refus
    sujet = Sujet(experimentation, communaute, problematique, evenement)
    if evenement is not None:
        if experimentation is None and communaute is None and problematique is None:
            # A report of the event, in its community's name (the Ti Team's when it has none).
            sujet = Sujet(communaute=evenement.communaute, evenement=evenement)
        elif problematique is not None or (
            evenement.communaute_id is None
            or evenement.communaute_id != getattr(sujet.communaute_des_evenements, "pk", None)
        ):
            raise refus
    if problematique is not None and not regles_comptes.est_ti_team(user):
        # Relays and members document a problem through its community or experiment.
        raise refus
    if not rules.peut_creer_pour(
        user, experimentation=sujet.experimentation, communaute=sujet.communaute
    ):
        raise refus
    return sujet


def evenements_proposes(user: Any, sujet: Sujet) -> list[tuple[str, str]]:
    """``(slug, « titre (date) »)`` of the events of the subject's community the page may
    report on, the most recent first (a bounded number)."""
    communaute = sujet.communaute_des_evenements
    if communaute is None:
        return []
    lignes = (
        Evenement.objects.visibles_par(user)
        .filter(communaute=communaute)
        .order_by("-debut", "-pk")
        .values_list("slug", "titre", "debut")[:EVENEMENTS_PROPOSES]
    )
    return [
        (slug, f"{titre} ({formats.date_format(timezone.localtime(debut), 'j F Y')})")
        for slug, titre, debut in lignes
    ]


def lire_de_l_editeur(user: Any, donnees: Mapping[str, Any]) -> Sujet:
    """:func:`lire` for the editor's fields, where the event is a field of its own: an event
    that is not among the project's is the field's error (« Choisissez un événement de la
    liste »), not the subject's."""
    try:
        return lire(user, donnees)
    except ValidationError:
        if donnees.get("evenement") and (
            donnees.get("experimentation") or donnees.get("communaute")
        ):
            return lire(user, {nom: donnees.get(nom) for nom in PARAMETRES if nom != "evenement"})
        raise
