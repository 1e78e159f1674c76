"""The Atom feed of the COPIL's published decisions (Django's syndication framework)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gouvernance.models import Decision
from tilab.markdown import rendre_markdown

NB_ENTREES = 50


class DecisionsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = "Les décisions du COPIL du Ti Lab"
    subtitle = "Chaque décision publiée du comité de pilotage, avec ses motifs."

    def link(self) -> str:
        return reverse("gouvernance:decisions")

    def items(self) -> list[Decision]:
        # Published only, along the register's index: a draft never leaves.
        return list(
            Decision.objects.publiees()
            .select_related("candidature__session", "candidature__problematique")
            .order_by("-publiee_le", "-id")[:NB_ENTREES]
        )

    def item_title(self, item: Decision) -> str:
        return f"{item.get_decision_display()} : {item.candidature.problematique.titre}"

    def item_description(self, item: Decision) -> str:
        return str(rendre_markdown(item.motifs))

    def item_link(self, item: Decision) -> str:
        session = item.candidature.session
        return f"{session.get_absolute_url()}#candidature-{item.candidature_id}"

    def item_updateddate(self, item: Decision) -> datetime | None:
        return item.publiee_le

    def item_pubdate(self, item: Decision) -> datetime | None:
        return item.publiee_le
