"""The bench's governance (contract: ``tilab/banc/__init__.py``).

Data: the texts (the theory of transformation and the selection grid in several versions, the
latest of each with a consultation of many comments), then the COPIL sessions with their votes
and decisions (``gouvernance.bench.sessions``).

Pages: the entry page; the texts' pages and their differences; the list of sessions, the
register of decisions (first page, a deep page, filtered) and its feed, and the decision page
of the session with the most candidates and of its last candidate, anonymous and as the team
reads them (with the members' votes), and the open session as one of its members votes."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from gouvernance.bench.sessions import compter_sessions, generer_sessions
from gouvernance.models import (
    AvisCodir,
    CadreTriennal,
    Commentaire,
    Critere,
    NiveauEchelle,
    SessionCopil,
    StatutSession,
    StatutVersion,
    VersionGrille,
    VersionTheorie,
)
from tilab.banc import Donnees, Nature, Page
from tilab.banc.generation import alea, dates_libres, inserer, nombre
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne

# --- The texts ---------------------------------------------------------------------------------

VERSIONS = 8  # of the theory and of the grid
PARAGRAPHES = 30  # in each version of the theory
CRITERES = 12  # in each version of the grid
COMMENTAIRES = 400  # on the latest version of the theory (a fifth on the latest grid)


def generer(echelle: float) -> None:
    _generer_textes(echelle)
    generer_sessions(echelle)


def compter() -> dict[str, int]:
    return {
        "versions de la théorie": VersionTheorie.objects.count(),
        "versions de la grille": VersionGrille.objects.count(),
        "commentaires de consultation": Commentaire.objects.count(),
        **compter_sessions(),
    }


def _generer_textes(echelle: float) -> None:
    rng = alea("gouvernance-textes")
    maintenant = timezone.now()
    equipe = list(
        Personne.objects.ayant_un_role(regles_comptes.COORDINATION).values_list("pk", flat=True)
    )[:1]
    auteurs = list(Personne.objects.values_list("pk", flat=True)[:2000])
    redacteur = equipe[0] if equipe else None
    versions = nombre(VERSIONS, echelle, minimum=2)
    publiee = {n: maintenant - timedelta(days=60 * (versions - n)) for n in range(1, versions + 1)}
    with dates_libres(VersionTheorie, VersionGrille, Commentaire, CadreTriennal, AvisCodir):
        CadreTriennal.objects.create(
            titre="Cadre triennal du banc",
            debut=maintenant.date() - timedelta(days=400),
            fin=maintenant.date() + timedelta(days=700),
            orientations="\n\n".join(f"Orientation {i}." for i in range(1, 6)),
            reunion_codir_le=maintenant.date() - timedelta(days=420),
            cree_le=maintenant,
        )
        theories = inserer(
            VersionTheorie,
            [
                VersionTheorie(
                    numero=n,
                    texte="\n\n".join(
                        f"Paragraphe {p} de la version {n} : "
                        + " ".join(rng.choice(["agents", "territoires", "communs", "élus"])
                                   for _ in range(40))
                        for p in range(1, PARAGRAPHES + 1)
                    ),
                    statut=StatutVersion.PUBLIEE,
                    consultation_debut=maintenant.date() - timedelta(days=60 * (versions - n) + 30),
                    consultation_fin=maintenant.date() - timedelta(days=60 * (versions - n) + 5),
                    publiee_le=maintenant - timedelta(days=60 * (versions - n)),
                    redigee_par_id=redacteur,
                    cree_le=maintenant - timedelta(days=60 * (versions - n) + 40),
                    modifiee_le=maintenant,
                )
                for n in range(1, versions + 1)
            ],
        )  # fmt: skip
        inserer(
            AvisCodir,
            [
                AvisCodir(
                    version=v, valide=True, le=publiee[v.numero].date(),
                    motifs="Conforme au cadre.", enregistre_le=maintenant,
                )
                for v in theories[:-1]
            ],
        )  # fmt: skip
        # Criteria and levels go in while the grid is a draft (a published grid refuses them).
        grilles = inserer(
            VersionGrille,
            [
                VersionGrille(
                    numero=n,
                    theorie=t,
                    statut=StatutVersion.BROUILLON,
                    redigee_par_id=redacteur,
                    cree_le=publiee[n],
                    modifiee_le=maintenant,
                )
                for n, t in enumerate(theories, start=1)
            ],
        )
        criteres = inserer(
            Critere,
            [
                Critere(
                    grille=g, ordre=o, libelle=f"Critère {o}", poids=rng.randint(1, 5),
                    description=f"Ce que mesure le critère {o}.",
                )
                for g in grilles
                for o in range(1, CRITERES + 1)
            ],
        )  # fmt: skip
        inserer(
            NiveauEchelle,
            [NiveauEchelle(critere=c, valeur=v, libelle=f"Niveau {v}") for c in criteres
             for v in range(4)],
        )  # fmt: skip
        for g in grilles:
            VersionGrille.objects.filter(pk=g.pk).update(
                statut=StatutVersion.PUBLIEE, publiee_le=publiee[g.numero] + timedelta(days=7)
            )
        derniere, grille = theories[-1], grilles[-1]
        nb = nombre(COMMENTAIRES, echelle, minimum=3)
        inserer(
            Commentaire,
            [
                Commentaire(
                    theorie=derniere if i % 5 else None,
                    grille=None if i % 5 else grille,
                    paragraphe=(
                        rng.choice([None, *range(1, PARAGRAPHES + 1)])
                        if i % 5
                        else rng.choice([None, *range(1, CRITERES + 1)])
                    ),
                    texte=f"Commentaire {i} : " + "un avis argumenté. " * 10,
                    auteur_id=rng.choice(auteurs) if auteurs else None,
                    cree_le=maintenant - timedelta(days=20, minutes=i),
                    reponse="La réponse de l'équipe." if i % 3 == 0 else "",
                    repondu_par_id=redacteur if i % 3 == 0 else None,
                    repondu_le=maintenant - timedelta(days=10) if i % 3 == 0 else None,
                )
                for i in range(nb)
            ],
        )


def _pages_textes() -> list[Page]:
    theorie = VersionTheorie.objects.en_vigueur()
    grille = VersionGrille.objects.en_vigueur()
    if theorie is None or grille is None:
        return []
    return [
        Page("/gouvernance/theorie/", Nature.PAGE),
        Page(f"/gouvernance/theorie/{theorie.numero}/", Nature.DETAIL, libelle="la commentée"),
        Page(f"/gouvernance/theorie/comparer/?de=1&a={theorie.numero}", Nature.DETAIL),
        Page("/gouvernance/grille/", Nature.PAGE),
        Page(f"/gouvernance/grille/{grille.numero}/", Nature.DETAIL, libelle="la commentée"),
        Page(f"/gouvernance/grille/comparer/?de=1&a={grille.numero}", Nature.DETAIL),
    ]


def pages(donnees: Donnees) -> list[Page]:
    resultat = [
        Page("/gouvernance/", Nature.PAGE),
        *_pages_textes(),
        Page("/gouvernance/copil/", Nature.LISTE),
        Page("/gouvernance/decisions/", Nature.LISTE),
        Page("/gouvernance/decisions/?page=40", Nature.LISTE, libelle="page profonde"),
        Page("/gouvernance/decisions/?decision=retenue&theme=sante", Nature.LISTE),
        Page("/gouvernance/decisions/flux/", Nature.LISTE),
    ]
    la_plus_grande = (
        SessionCopil.objects.publiques()
        .annotate(n=Count("candidatures"))
        .order_by("-n", "pk")
        .first()
    )
    if la_plus_grande:
        chemin = la_plus_grande.get_absolute_url()
        resultat += [
            Page(chemin, Nature.DETAIL, libelle="la plus grande"),
            Page(chemin, Nature.DETAIL, persona="equipe", libelle="la plus grande"),
        ]
        derniere = la_plus_grande.candidatures.order_by("-ordre", "-pk").first()
        if derniere is not None:
            chemin = f"{chemin}candidatures/{derniere.pk}/"
            resultat += [
                Page(chemin, Nature.DETAIL, libelle="une candidature"),
                Page(chemin, Nature.DETAIL, persona="equipe", libelle="avec les votes"),
            ]
    ouverte = SessionCopil.objects.filter(statut=StatutSession.OUVERTE).order_by("le").first()
    if ouverte is not None:
        premiere = ouverte.candidatures.order_by("ordre", "pk").first()
        resultat.append(
            Page(ouverte.get_absolute_url(), Nature.DETAIL, persona="copil", libelle="ses votes")
        )
        if premiere is not None:
            chemin = f"{ouverte.get_absolute_url()}candidatures/{premiere.pk}/"
            resultat.append(
                Page(chemin, Nature.DETAIL, persona="copil", libelle="son vote à changer")
            )
    return resultat
