"""The toolkit's own table: the portal's vocabulary, for the search's corrections."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class MotDuLexique(models.Model):
    """A word of the portal's public texts (lower case, without accents) and how often it
    appears: ``tilab.recherche.suggestion`` offers the closest one to a misspelt word through
    a trigram index. Rebuilt whole by ``tilab.recherche.reconstruire_lexique``."""

    mot = models.CharField(_("mot"), max_length=30, primary_key=True)
    nb = models.PositiveIntegerField(_("occurrences"), default=0)

    class Meta:
        verbose_name = _("mot du lexique")
        verbose_name_plural = _("lexique de la recherche")
        indexes = [GinIndex(fields=["mot"], name="lexique_trigrammes", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.mot
