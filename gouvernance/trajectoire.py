"""What a problem's trajectory shows of the COPIL (registered in ``gouvernance.apps``): the
step where it was put on a session's agenda links to the session, and the step of the
decision says the decision, keeps its public rationale and links to the session's page,
where the decision and any rectification are shown in full.

The problem's sessions are read once per page, in one query, on the first COPIL step, and
kept on the problem object for the next ones; a problem that never went to the COPIL costs
no query.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from communautes.models import communaute_de
from gouvernance.models import Candidature, Rectification
from gouvernance.services.copil import chemin_session
from problematiques.models import Problematique
from problematiques.trajectoire import Etape
from tilab.requetes import compte_correle

_CACHE = "_gouvernance_candidatures"


def candidatures_de(problematique: Problematique) -> list[Candidature]:
    """The problem's candidatures, oldest session first, with their session and decision and
    the number of rectifications of the decision; one query, kept on ``problematique``."""
    deja: list[Candidature] | None = getattr(problematique, _CACHE, None)
    if deja is None:
        deja = list(
            Candidature.objects.filter(problematique=problematique)
            .select_related("session", "decision")
            .annotate(nb_rectifications=compte_correle(Rectification, "decision__candidature"))
            .order_by("session__cree_le", "pk")
        )
        setattr(problematique, _CACHE, deja)
    return deja


def _derniere(candidatures: list[Candidature], date: datetime, quand: str) -> Candidature | None:
    # The step belongs to the latest session that had reached that point at the step's date.
    avant = [c for c in candidatures if (d := _date(c, quand)) is not None and d <= date]
    return avant[-1] if avant else None


def _date(candidature: Candidature, quand: str) -> datetime | None:
    if quand == "session":
        return candidature.session.cree_le
    decision = getattr(candidature, "decision", None)
    return decision.publiee_le if decision is not None else None


def etape_presentation(problematique: Problematique, etape: Etape) -> Etape:
    """« Inscrite à l'ordre du jour du COPIL »: a link to the session."""
    c = _derniere(candidatures_de(problematique), etape.date, "session")
    if c is None:
        return etape
    return replace(
        etape,
        lien=chemin_session(c.session),
        lien_texte=f"Voir la session du COPIL « {c.session.titre} »",
        genre="copil",
    )


def etape_decision(problematique: Problematique, etape: Etape) -> Etape:
    """« Décision du COPIL »: the decision in the title, its rationale (the step's public
    comment), a link to the session's page, and a word when it was rectified since."""
    c = _derniere(candidatures_de(problematique), etape.date, "decision")
    if c is None:
        return etape
    rectifiee = bool(getattr(c, "nb_rectifications", 0))
    return replace(
        etape,
        titre=f"Décision du COPIL : {c.decision.get_decision_display().lower()}",
        lien=chemin_session(c.session),
        lien_texte=(
            "Lire la décision, ses motifs et sa rectification sur la page de la session"
            if rectifiee
            else "Lire la décision et ses motifs sur la page de la session"
        ),
        genre="copil",
    )


def contexte_admin(request: HttpRequest, problematique: Problematique) -> dict[str, Any]:
    """``copil_admin`` for the problem's change page in the back office: the sessions it went
    to, each with its back-office page and, once published, its decision's (same query as the
    trajectory). A problem without a community of interest never went to the COPIL: no query
    (the page fetches the community with the problem)."""
    if communaute_de(problematique) is None:
        return {"copil_admin": []}
    return {
        "copil_admin": [
            {
                "session": c.session,
                "url_session": reverse(
                    "admin:gouvernance_sessioncopil_change", args=[c.session_id]
                ),
                "decision": getattr(c, "decision", None),
                "url_decision": reverse("admin:gouvernance_decision_change", args=[c.decision.pk])
                if hasattr(c, "decision")
                else "",
            }
            for c in candidatures_de(problematique)
        ]
    }
