"""What the documentation adds to the pages of the apps below it, through their seams
(registered in ``DocumentationConfig.ready()``): an experiment's documentation and what it
still owes, a community's pages, an event's report, the home page's latest pages, the
portal's search, and the open data of pages and reuses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, Sum
from django.http import HttpRequest

from documentation import rules
from documentation.models import Page, PageAttendue, Reutilisation, SortePage, StatutPage
from documentation.models.reutilisations import sortes_dues
from documentation.services.attendues import sortes_declarables
from tilab.donnees_ouvertes import Colonne, adresse, enregistrer_jeu, nom_si_public, noms_lies

# How many pages a panel lists (the base lists them all).
PAGES_PAR_PANNEAU = 10


def _pages(**filtre: Any) -> list[Page]:
    return list(
        Page.objects.publiees()
        .filter(**filtre)
        .only("pk", "titre", "slug", "sorte", "publiee_le")
        .order_by("-publiee_le", "-pk")[:PAGES_PAR_PANNEAU]
    )


def panneau_experimentation(request: HttpRequest, experimentation: Any) -> dict[str, Any]:
    """Its published pages; the kinds of page it owes, each with where it stands (online,
    missing, due later); where to write one for those who may; and, for those who run it,
    the form that adds a kind it owes and the buttons that withdraw one it declared."""
    from documentation.views.attendues import ANCRE, formulaire_du_panneau

    pages = _pages(experimentation=experimentation)
    # The kinds of its public pages (archived ones still count) and its published pages'
    # reuses (its « essaimage »), in one query.
    en_ligne: set[str] = set()
    nb_reutilisations = 0
    for sorte, statut, nb in (
        Page.objects.publiques()
        .filter(experimentation=experimentation)
        .order_by()
        .values("sorte", "statut")
        .annotate(nb=Sum("nb_reutilisations"))
        .values_list("sorte", "statut", "nb")
    ):
        en_ligne.add(sorte)
        if statut == StatutPage.PUBLIEE:
            nb_reutilisations += nb or 0
    declarees = list(
        PageAttendue.objects.filter(experimentation=experimentation).values_list("sorte", flat=True)
    )
    attendues = sortes_dues(experimentation.statut, declarees=declarees, en_ligne=en_ligne)
    peut_declarer = rules.peut_declarer_les_pages_attendues(request.user, experimentation)
    formulaire = None
    if peut_declarer:
        dues = {a.sorte for a in attendues}
        choix = [s for s in sortes_declarables() if s not in dues]
        if choix:
            formulaire = formulaire_du_panneau(request, experimentation, choix)
    return {
        "pages": pages,
        "attendues": attendues,
        "manquantes": [a.libelle for a in attendues if a.manquante],
        "peut_ecrire": rules.peut_creer_pour(request.user, experimentation=experimentation),
        "peut_declarer": peut_declarer,
        "formulaire_attendue": formulaire,
        "ancre": ANCRE,
        "objet": experimentation,
        "nb_reutilisations": nb_reutilisations,
    }


def panneau_communaute(request: HttpRequest, communaute: Any) -> dict[str, Any] | None:
    pages = _pages(communaute=communaute)
    peut_ecrire = rules.peut_creer_pour(request.user, communaute=communaute)
    if not pages and not peut_ecrire:
        return None
    return {"pages": pages, "peut_ecrire": peut_ecrire, "objet": communaute}


def panneau_evenement(request: HttpRequest, evenement: Any) -> dict[str, Any] | None:
    """The event's published report, when there is one; else, for those who may write it
    (its community's members and the Ti Team), the way to start it."""
    comptes_rendus = _pages(evenement=evenement, sorte=SortePage.COMPTE_RENDU)
    if comptes_rendus:
        return {"pages": comptes_rendus, "peut_ecrire": False, "objet": evenement}
    if evenement.communaute_id is None:
        peut_ecrire = rules.peut_creer_pour(request.user)
    else:
        peut_ecrire = rules.peut_creer_pour(request.user, communaute=evenement.communaute)
    if not peut_ecrire:
        return None
    return {"pages": [], "peut_ecrire": True, "objet": evenement}


def _de_la_problematique(problematique: Any, nom: str) -> Any:
    # Its community and experiment are fetched with it (trajectoire.enregistrer_relations).
    try:
        return getattr(problematique, nom)
    except ObjectDoesNotExist:
        return None


def panneau_problematique(request: HttpRequest, problematique: Any) -> dict[str, Any]:
    """The pages documenting the problem, itself or through its community or experiment (the
    three foreign keys' indexes, a bounded number of pages); for the Ti Team, the way to write
    one on the problem itself."""
    filtre = Q(problematique=problematique)
    for nom in ("communaute", "experimentation"):
        objet = _de_la_problematique(problematique, nom)
        if objet is not None:
            filtre |= Q(**{nom: objet})
    pages = list(
        Page.objects.publiees()
        .filter(filtre)
        .only("pk", "titre", "slug", "sorte", "publiee_le")
        .order_by("-publiee_le", "-pk")[:PAGES_PAR_PANNEAU]
    )
    peut_ecrire = rules.peut_creer_pour(request.user)  # the Ti Team: a problem of its own
    return {
        "documentation_problematique": (
            {"pages": pages, "peut_ecrire": peut_ecrire, "objet": problematique}
            if pages or peut_ecrire
            else None
        )
    }


def dernieres_publiees(request: HttpRequest) -> list[Page]:
    from tilab.accueil import DERNIERS_ELEMENTS

    return list(
        Page.objects.publiees()
        .only("pk", "titre", "slug", "sorte", "resume", "publiee_le")
        .order_by("-publiee_le", "-pk")[:DERNIERS_ELEMENTS]
    )


def enregistrer_jeux() -> None:
    enregistrer_jeu(
        "documentation",
        titre="Pages de documentation",
        description=(
            "Les pages publiées de la base de documentation, sans leur texte (il se lit et se "
            "télécharge en Markdown sur chaque page) : de quoi elles parlent, sous quelle "
            "licence, ce qu'elles documentent, combien de fois elles ont été réutilisées."
        ),
        ordre=60,
        lignes=Page.objects.publiees,
        colonnes=[
            Colonne("titre", "Le titre de la page."),
            Colonne("adresse", "Sa page sur le portail.", adresse("documentation:page", "slug")),
            Colonne(
                "markdown",
                "Son texte en Markdown.",
                adresse("documentation:markdown", "slug"),
            ),
            Colonne("sorte", "Son type (fiche_experimentation, retour_experience, methode…)."),
            Colonne("licence", "Sa licence (cc_by_sa_4, cc_by_4, licence_ouverte_2, cc0)."),
            Colonne("resume", "Son résumé (Markdown)."),
            Colonne("publiee_le", "Date et heure de sa publication (ISO 8601)."),
            Colonne("experimentation", "L'expérimentation documentée.", "experimentation__titre"),
            Colonne("communaute", "La communauté documentée.", "communaute__nom"),
            Colonne(
                "themes",
                "Ses thèmes, séparés par « ; ».",
                noms_lies(Page.themes.through, "page", "theme__nom"),
            ),
            Colonne(
                "territoires",
                "Ses territoires, séparés par « ; ».",
                noms_lies(Page.territoires.through, "page", "territoire__nom"),
            ),
            Colonne("nb_reutilisations", "Le nombre de réutilisations déclarées."),
        ],
    )
    enregistrer_jeu(
        "reutilisations",
        titre="Réutilisations déclarées",
        description=(
            "Qui a repris une ressource de la documentation, où et comment : l'essaimage du "
            "Ti Lab. Le nom d'une personne n'y figure que si elle a choisi un profil public."
        ),
        ordre=70,
        lignes=lambda: Reutilisation.objects.filter(page__statut__in=["publiee", "archivee"]),
        colonnes=[
            Colonne("page", "La page réutilisée.", "page__titre"),
            Colonne(
                "adresse_page",
                "Sa page sur le portail.",
                adresse("documentation:page", "page__slug"),
            ),
            Colonne("ou", "Où la ressource a servi."),
            Colonne("comment", "Ce qui en a été fait (Markdown)."),
            Colonne("organisation", "L'organisation de la personne.", "organisation__nom"),
            Colonne(
                "par", "Le nom de la personne, si son profil est public.", nom_si_public("par")
            ),
            Colonne("le", "Date et heure de la déclaration (ISO 8601)."),
        ],
    )
