"""The kinds of page an experiment owes: every experiment a fiche and a return of experience
(:data:`~documentation.models.reutilisations.SORTES_DUES_PAR_DEFAUT`), and the kinds those who
run it declare on top (:class:`~documentation.models.PageAttendue`: a guide, a method…).

Declaring or withdrawing a kind is recorded in the experiment's journal, not a page's: the
kinds owed belong to the experiment, and are there before any page of theirs exists.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from documentation import rules
from documentation.models import PageAttendue, SortePage
from documentation.models.reutilisations import SORTES_DUES_PAR_DEFAUT
from experimentations.models import Experimentation, TypeActionExperimentation
from tilab.comptes.models import Personne

MESSAGE_ROLE = (
    "Seules les personnes qui mènent l'expérimentation (sa coordination, la Direction) et "
    "l'équipe Documentation disent quelles pages elle doit."
)


class PageAttendueImpossible(ValidationError):
    """The declaration or the withdrawal is refused: a role that does not allow it, a kind
    that is not one, one every experiment owes, one already owed (or not owed)."""


def sortes_declarables() -> list[str]:
    """The kinds an experiment may declare: all but those every experiment owes."""
    return [s for s in SortePage.values if s not in SORTES_DUES_PAR_DEFAUT]


def _libelle(sorte: str) -> str:
    return str(SortePage(sorte).label)


def _verifier(par: Personne, experimentation: Experimentation, sorte: str) -> Experimentation:
    """The experiment, locked (two people declaring at once wait for each other), once the
    person and the kind are checked."""
    if not rules.peut_declarer_les_pages_attendues(par, experimentation):
        raise PageAttendueImpossible(MESSAGE_ROLE, code="role")
    if sorte not in SortePage.values:
        raise PageAttendueImpossible(
            {"sorte": "Choisissez un type de page de la liste."}, code="sorte"
        )
    return Experimentation.objects.select_for_update().get(pk=experimentation.pk)


def _refus_par_defaut(sorte: str) -> PageAttendueImpossible:
    return PageAttendueImpossible(
        {
            "sorte": f"Toute expérimentation doit une page « {_libelle(sorte)} » : "
            "elle ne s'ajoute ni ne se retire."
        },
        code="par_defaut",
    )


@transaction.atomic
def page_attendue_ajouter(
    *, experimentation: Experimentation, sorte: str, par: Personne
) -> PageAttendue:
    """The experiment now owes a page of kind ``sorte`` (due from its launch, like its fiche);
    recorded in its journal."""
    experimentation = _verifier(par, experimentation, sorte)
    if sorte in SORTES_DUES_PAR_DEFAUT:
        raise _refus_par_defaut(sorte)
    deja = PageAttendue.objects.filter(experimentation=experimentation, sorte=sorte)
    message_deja = {
        "sorte": f"Cette expérimentation doit déjà une page « {_libelle(sorte)} ».",
    }
    if deja.exists():
        raise PageAttendueImpossible(message_deja, code="deja")
    try:
        with transaction.atomic():
            attendue = PageAttendue.objects.create(experimentation=experimentation, sorte=sorte)
    except IntegrityError:
        # The back office adds without the experiment's lock: declared meanwhile.
        raise PageAttendueImpossible(message_deja, code="deja") from None
    experimentation.journaliser(
        TypeActionExperimentation.PAGES_ATTENDUES,
        par=par,
        detail=f"Page attendue ajoutée : {_libelle(sorte)}.",
    )
    return attendue


@transaction.atomic
def page_attendue_retirer(*, experimentation: Experimentation, sorte: str, par: Personne) -> None:
    """The experiment no longer owes a page of kind ``sorte`` (its pages of that kind stay);
    recorded in its journal. A kind every experiment owes stays owed (a row declaring one,
    written by hand, goes)."""
    experimentation = _verifier(par, experimentation, sorte)
    retirees, _detail = PageAttendue.objects.filter(
        experimentation=experimentation, sorte=sorte
    ).delete()
    if not retirees:
        if sorte in SORTES_DUES_PAR_DEFAUT:
            raise _refus_par_defaut(sorte)
        raise PageAttendueImpossible(
            {"sorte": f"Cette expérimentation ne doit pas de page « {_libelle(sorte)} »."},
            code="absente",
        )
    experimentation.journaliser(
        TypeActionExperimentation.PAGES_ATTENDUES,
        par=par,
        detail=f"Page attendue retirée : {_libelle(sorte)}.",
    )
