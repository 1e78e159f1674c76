"""Append-only journals: who did what to an object, and when (in the spirit of pretix's
``log_action``).

A journal is a concrete model inheriting :class:`EntreeJournal`, with a foreign key to the
object it records and a ``type`` whose choices name its actions::

    class ActionCommunaute(EntreeJournal):
        communaute = models.ForeignKey(Communaute, on_delete=models.CASCADE,
                                       related_name="actions")
        type = models.CharField(max_length=30, choices=TypeAction.choices)

The object's model takes the :class:`AvecJournal` mixin and names that foreign key's
``related_name``; every write then goes through one call, in the caller's transaction::

    communaute.journaliser(TypeAction.CONSTITUER, par=personne, detail="…")

Entries are written, never rewritten nor deleted: the model and its queryset refuse to (the
rows only go when the object they record is deleted, by the database's cascade).

The journal lives with the accounts because its author is a person: ``par`` is a
:func:`~tilab.comptes.models.cle_auteur`, so deleting an account keeps the entries (signed
"ancien membre") by the same rule as any authored content.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from tilab.comptes.models import Personne, cle_auteur


class JournalImmuable(Exception):
    """Code tried to change or delete an entry of a journal: entries are only ever added."""


_MESSAGE = (
    "Un journal ne se modifie pas et ne s'efface pas : ajoutez une entrée avec journaliser()."
)


class JournalQuerySet(models.QuerySet[Any]):
    """Entries are added and read: a bulk update or delete of entries is refused.

    Deleting the recorded object still removes its entries: Django's cascade goes through the
    base manager, not this queryset.
    """

    def update(self, **kwargs: Any) -> int:
        raise JournalImmuable(_MESSAGE)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise JournalImmuable(_MESSAGE)


class EntreeJournal(models.Model):
    """One entry of a journal: ``par`` whom, ``le`` when, ``detail`` in words.

    Subclasses add the foreign key to the recorded object and ``type``. ``par`` answers to
    ``personne.actions_<app>`` (``actions_communautes``); an app with a second journal
    redeclares ``par`` with a related name of its own.
    """

    par = cle_auteur(related_name="actions_%(app_label)s", verbose_name=_("par"))
    le = models.DateTimeField(_("le"), auto_now_add=True)
    detail = models.TextField(_("détail"), blank=True)

    objects = JournalQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["le", "pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise JournalImmuable(_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise JournalImmuable(_MESSAGE)


class AvecJournal(models.Model):
    """For a model whose changes are recorded in a journal: :meth:`journaliser`.

    ``journal`` is the ``related_name`` of the journal's foreign key to this model. An abstract
    model without fields rather than a plain mixin, so that migrations do not record it among
    the model's bases.
    """

    journal: ClassVar[str]

    class Meta:
        abstract = True

    def journaliser(self, type: str, *, par: Personne | None, detail: str = "") -> EntreeJournal:
        """Add an entry to this object's journal (one ``INSERT``, in the caller's transaction):
        action ``type`` (one of the journal's choices), done by ``par``, ``detail`` in words."""
        entrees = getattr(self, self.journal)
        entree: EntreeJournal = entrees.create(type=type, par=par, detail=detail)
        return entree
