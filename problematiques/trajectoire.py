"""What a problem's pages show of the apps above this one: a seam.

``problematiques`` knows nothing of communities, the COPIL, experiments or documentation.
Each of those apps adds to a problem's pages from its ``AppConfig.ready()``:

- **steps of the trajectory**: ``enregistrer_etape_de_transition(type, fonction)`` turns the
  public step of one kind of transition into a richer one (a link to the community formed,
  to the decision…); ``enregistrer_etapes(fonction)`` adds steps that are not transitions (an
  experiment's phases, a pact signed, a documentation page, a reuse);
- **panels**: ``enregistrer_panneau(nom, gabarit=..., place=..., ordre=..., contexte=...)``
  puts a template on the public page (``place="principal"`` above the trajectory, ``"cote"``
  at the top of the side column) or on the back office's change page (``"admin"``);
  ``contexte(request, problematique)`` returns what the template needs, merged into the
  page's context;
- **relations**: ``enregistrer_relations("communaute")`` asks the pages to fetch those
  relations with the problem (``select_related``), so that panels and steps cost no query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from problematiques.models import Problematique, Transition, TypeTransition

Place = Literal["principal", "cote", "admin"]


@dataclass(frozen=True)
class Etape:
    """One dated step of a problem's trajectory; the template draws every kind alike."""

    date: datetime
    titre: str
    commentaire: str = ""
    lien: str = ""
    lien_texte: str = ""
    # A CSS modifier (trajectoire__etape--<genre>) so that kinds of steps can look different.
    genre: str = "transition"


@dataclass(frozen=True)
class Panneau:
    nom: str
    gabarit: str
    place: Place
    ordre: int
    contexte: Callable[[HttpRequest, Problematique], dict[str, Any]]


EtapeDeTransition = Callable[[Problematique, Etape], Etape]
FournisseurEtapes = Callable[[Problematique], Iterable[Etape]]

_etapes_de_transition: dict[str, EtapeDeTransition] = {}
_fournisseurs: list[FournisseurEtapes] = []
_panneaux: dict[str, Panneau] = {}
_relations: list[str] = []


def enregistrer_etape_de_transition(type_: TypeTransition, fonction: EtapeDeTransition) -> None:
    """``fonction(problematique, etape)`` returns the step to show for transitions of
    ``type_`` (the plain step otherwise)."""
    deja = _etapes_de_transition.get(type_)
    if deja is not None and deja is not fonction:
        raise ImproperlyConfigured(f"L'étape « {type_} » est déjà enregistrée.")
    _etapes_de_transition[type_] = fonction


def enregistrer_etapes(fonction: FournisseurEtapes) -> None:
    """``fonction(problematique)`` adds steps that are not transitions of the problem."""
    if fonction not in _fournisseurs:
        _fournisseurs.append(fonction)


def enregistrer_panneau(
    nom: str,
    *,
    gabarit: str,
    place: Place,
    ordre: int,
    contexte: Callable[[HttpRequest, Problematique], dict[str, Any]],
) -> None:
    panneau = Panneau(nom=nom, gabarit=gabarit, place=place, ordre=ordre, contexte=contexte)
    deja = _panneaux.get(nom)
    if deja is not None and deja != panneau:
        raise ImproperlyConfigured(f"Le panneau « {nom} » est déjà enregistré.")
    _panneaux[nom] = panneau


def enregistrer_relations(*chemins: str) -> None:
    """Relations of the problem (``select_related`` paths) the registered panels read."""
    for chemin in chemins:
        if chemin not in _relations:
            _relations.append(chemin)


def relations() -> list[str]:
    return list(_relations)


def trajectoire(problematique: Problematique) -> list[Etape]:
    """The public steps of the problem, oldest first. Internal notes are never read here."""
    transitions = (
        Transition.objects.publiques()
        .filter(problematique=problematique)
        .only("pk", "type", "cree_le", "commentaire_public", "statut_apres")
    )
    etapes = []
    for transition in transitions:
        etape = Etape(
            date=transition.cree_le,
            titre=transition.get_type_display(),
            commentaire=transition.commentaire_public,
        )
        enrichir = _etapes_de_transition.get(transition.type)
        etapes.append(enrichir(problematique, etape) if enrichir else etape)
    for fournisseur in _fournisseurs:
        etapes.extend(fournisseur(problematique))
    return sorted(etapes, key=lambda etape: etape.date)


def panneaux(
    request: HttpRequest, problematique: Problematique, *places: Place
) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """The templates of the panels at ``places`` (``{place: [gabarit, …]}``, in order) and
    the context they need, merged."""
    gabarits: dict[str, list[str]] = {place: [] for place in places}
    contexte: dict[str, Any] = {}
    for panneau in sorted(_panneaux.values(), key=lambda p: (p.ordre, p.nom)):
        if panneau.place in gabarits:
            gabarits[panneau.place].append(panneau.gabarit)
            contexte |= panneau.contexte(request, problematique)
    return gabarits, contexte
