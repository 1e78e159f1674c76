"""The bench's problems (see ``tilab/banc/__init__.py`` for the contract).

At full scale: 20,000 problems in every state, about 14,000 of them published, on one to three
territories and one or two themes, with their recorded steps (the legal ones of the services:
reported, qualified, published, then oriented or closed or merged), 60,000 supports spread as
in real life (most problems have a few, some have hundreds), and the follows of authors and
supporters. Texts come from ``tilab.banc.textes``: « transport » and « école » are common,
« pharmacie » is rare. The states reached through later apps (community, COPIL) get the
steps up to publication here; ``communautes/bench`` adds the community's step.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Mapping
from datetime import timedelta
from itertools import accumulate

from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from problematiques.models import Problematique, Soutien, Statut, Suivi, Transition, TypeTransition
from tilab import banc
from tilab.banc import Donnees, Nature, Page
from tilab.banc.generation import (
    alea,
    dates_libres,
    il_y_a,
    inserer,
    lier,
    nombre,
    quelques,
    tirer,
)
from tilab.banc.textes import Redacteur
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Personne, Territoire, Theme, TypeTerritoire

ST = Statut
T = TypeTransition

PROBLEMATIQUES = 20000
SOUTIENS = 60000
# The bench relais persona's own reports and supports ("mes remontées", the detail page as
# someone who already supports it).
DU_PERSONA = 30
SOUTIENS_DU_PERSONA = 40

# The share of each state; about 70 % are published (from ouverte on, and part of the
# oriented and closed ones).
STATUTS: dict[Statut, float] = {
    ST.SOUMISE: 0.17,
    ST.EN_QUALIFICATION: 0.08,
    ST.OUVERTE: 0.52,
    ST.COMMUNAUTE_CONSTITUEE: 0.05,
    ST.CANDIDATE: 0.015,
    ST.RETENUE: 0.0125,
    ST.AJOURNEE: 0.0125,
    ST.NON_RETENUE: 0.01,
    ST.ORIENTEE: 0.05,
    ST.CLOTUREE: 0.07,
}
# The weight of each theme among problems: how often its words come up.
THEMES: dict[str, float] = {
    "mobilites-rurales": 14,
    "acces-aux-droits": 12,
    "sante": 12,
    "jeunesse": 12,
    "habitat": 11,
    "numerique-inclusif": 10,
    "alimentation": 8,
    "transition-ecologique": 8,
    "vieillissement": 8,
    "participation-citoyenne": 5,
}
COMMENTAIRES = {
    T.QUALIFIER: "Merci pour cette remontée : nous la reformulons avec vous avant de la publier.",
    T.OUVRIR: "Publiée : si vous rencontrez ce problème, dites « nous aussi ».",
    T.ORIENTER: "Un interlocuteur est mieux placé que le Ti Lab pour agir : nous vous mettons "
    "en relation.",
    T.CLOTURER: "Ce sujet sort du champ du Ti Lab ; merci de l'avoir fait remonter.",
    T.FUSIONNER: "Le même problème avait déjà été remonté : vos soutiens le rejoignent.",
}
ORIENTEE_VERS = ["la CAF du Finistère", "l'ARS Bretagne", "le conseil départemental",
                 "la mission locale", "la préfecture", "l'agence de l'eau"]  # fmt: skip
PRECISIONS = [
    "Nous rencontrons la même situation sur notre territoire.",
    "Même constat chez nous depuis la rentrée.",
    "Nous avons tenté une permanence, sans succès durable.",
    "Prête à partager nos chiffres de fréquentation.",
]
# Statuses whose problem has been published at some point (oriented and closed ones: part).
PUBLIEES = {ST.OUVERTE, ST.COMMUNAUTE_CONSTITUEE, ST.CANDIDATE, ST.RETENUE, ST.AJOURNEE,
            ST.NON_RETENUE}  # fmt: skip


class _Trajet:
    """One problem's steps, dated after its report, following the services' rules."""

    def __init__(self, p: Problematique, equipe: int, rng: random.Random) -> None:
        self.p, self.equipe, self.rng = p, equipe, rng
        self.quand = p.cree_le
        self.transitions: list[Transition] = []
        self.etape(T.SOUMETTRE, ST.SOUMISE, par=p.auteur_id, jours=0)

    def etape(
        self, type_: TypeTransition, apres: Statut, *, par: int | None = None, jours: float
    ) -> None:
        p = self.p
        self.quand = min(self.quand + timedelta(days=jours), timezone.now())
        interne = type_ is T.ASSIGNER_REFERENT
        if type_ is T.OUVRIR:
            p.publiee_le = self.quand
        if type_ is not T.SOUMETTRE and not interne and p.repondue_le is None:
            p.repondue_le = self.quand
        self.transitions.append(
            Transition(
                problematique=p,
                type=type_,
                statut_avant=p.statut,
                statut_apres=apres,
                auteur_id=par or self.equipe,
                cree_le=self.quand,
                commentaire_public=COMMENTAIRES.get(type_, ""),
                note_interne="Premier échange avec l'auteur." if type_ is T.QUALIFIER else "",
                publique=not interne and p.publiee_le is not None,
            )
        )
        p.statut = apres
        p.modifie_le = self.quand


def generer(echelle: float) -> None:
    rng = alea("problematiques")
    redacteur = Redacteur(rng)
    personnes = dict(Personne.objects.values_list("pk", "organisation_id"))
    equipe = list(
        Personne.objects.ayant_un_role(*regles_comptes.TI_TEAM).values_list("pk", flat=True)
    )
    persona = Personne.objects.get(email=banc.PERSONAS["relais"]).pk
    themes = dict(Theme.objects.values_list("slug", "pk"))
    poids_themes = {slug: p for slug, p in THEMES.items() if slug in themes}
    territoires = list(
        Territoire.objects.exclude(type=TypeTerritoire.REGION).values_list("pk", "nom", "type")
    )
    # Authors: some relais report much more than others.
    auteurs = list(personnes)
    poids_auteurs = list(accumulate(rng.paretovariate(1.5) for _ in auteurs))
    total = nombre(PROBLEMATIQUES, echelle)
    # Every state at least once, whatever the scale, then drawn by weight.
    statuts = list(STATUTS)[:total] + [tirer(rng, STATUTS) for _ in range(total - len(STATUTS))]
    rng.shuffle(statuts)
    du_persona = set(rng.sample(range(total), min(total, nombre(DU_PERSONA, echelle))))
    # The persona has a report waiting for triage (its "merci" page) as soon as there is one.
    if ST.SOUMISE in statuts:
        du_persona.add(statuts.index(ST.SOUMISE))
    slugs: set[str] = set()
    problemes: list[Problematique] = []
    trajets: list[_Trajet] = []
    liens_territoires: list[tuple[int, int]] = []
    liens_themes: list[tuple[int, int]] = []
    choix: list[tuple[list[int], list[str]]] = []
    maintenant = timezone.now()
    for n, statut in enumerate(statuts):
        theme = tirer(rng, poids_themes)
        autres = [theme]
        if rng.random() < 0.3:
            autres += quelques(rng, [t for t in poids_themes if t != theme], 1, 1)
        lieux = quelques(rng, territoires, 1, rng.choice([1, 1, 1, 2, 2, 3]))
        commune = next((nom for _, nom, type_ in lieux if type_ == TypeTerritoire.COMMUNE), None)
        titre = redacteur.titre(theme, commune)
        slug = slugify(titre)[:170]
        if slug in slugs:
            slug = f"{slug}-{n}"
        slugs.add(slug)
        auteur = persona if n in du_persona else rng.choices(auteurs, cum_weights=poids_auteurs)[0]
        # Reports waiting for the team are recent; the others went their way over three years.
        recent = statut in (ST.SOUMISE, ST.EN_QUALIFICATION)
        cree_le = il_y_a(rng, 40 if recent else 3 * 365, maintenant=maintenant)
        if not recent:
            cree_le -= timedelta(days=60)
        p = Problematique(
            titre=titre,
            slug=slug,
            constat=redacteur.paragraphe(theme, commune, phrases=rng.randint(3, 7)),
            publics_concernes=redacteur.publics(theme),
            deja_tente=" ".join(redacteur.essai(theme) for _ in range(rng.choice([0, 0, 1, 2]))),
            organisation_id=personnes[auteur],
            auteur_id=auteur,
            cree_le=cree_le,
            modifie_le=cree_le,
        )
        trajet = _Trajet(p, rng.choice(equipe), rng)
        _derouler(trajet, statut, rng, equipe)
        problemes.append(p)
        trajets.append(trajet)
        choix.append(([pk for pk, _, _ in lieux], autres))
    # Merged duplicates point to a problem kept open, by date of publication.
    cibles = sorted(
        (p for p in problemes if p.statut == ST.OUVERTE), key=lambda p: p.publiee_le or maintenant
    )
    dates_cibles = [p.publiee_le or maintenant for p in cibles]
    with dates_libres(Problematique, Transition, Soutien, Suivi):
        problemes = inserer(Problematique, problemes)
        for p, (lieux_pk, slugs_themes) in zip(problemes, choix, strict=True):
            liens_territoires += [(p.pk, t) for t in lieux_pk]
            liens_themes += [(p.pk, themes[s]) for s in slugs_themes]
        lier(Problematique.territoires, liens_territoires)
        lier(Problematique.themes, liens_themes)
        transitions = [tr for t in trajets for tr in t.transitions]
        fusions = [t.transitions[-1] for t in trajets if t.transitions[-1].type == T.FUSIONNER]
        for fusion in fusions:
            # Into a problem already published then, which records the merge too.
            avant = bisect_right(dates_cibles, fusion.cree_le)
            if not avant:
                fusion.type, fusion.commentaire_public = T.CLOTURER, COMMENTAIRES[T.CLOTURER]
                continue
            cible = cibles[rng.randrange(avant)]
            fusion.problematique.fusionnee_dans = cible
            transitions.append(
                Transition(
                    problematique=cible,
                    type=T.FUSIONNER,
                    statut_avant=cible.statut,
                    statut_apres=cible.statut,
                    auteur_id=fusion.auteur_id,
                    cree_le=fusion.cree_le,
                    commentaire_public="Une problématique en double a été fusionnée dans "
                    "celle-ci ; ses soutiens la rejoignent.",
                    publique=True,
                )
            )
        Problematique.objects.bulk_update(
            [f.problematique for f in fusions if f.type == T.FUSIONNER],
            ["fusionnee_dans"],
            batch_size=2000,
        )
        inserer(Transition, transitions)
        _soutiens(rng, echelle, problemes, personnes, persona, territoires)


def _derouler(trajet: _Trajet, statut: Statut, rng: random.Random, equipe: list[int]) -> None:
    """Walk from ``soumise`` to ``statut`` along legal steps, a few days apart."""
    p = trajet.p
    if statut != ST.SOUMISE and rng.random() < 0.7:
        p.referent_id = rng.choice(equipe)
        trajet.etape(T.ASSIGNER_REFERENT, ST.SOUMISE, jours=rng.uniform(0.5, 3))
    if statut == ST.SOUMISE:
        return
    if statut == ST.CLOTUREE and rng.random() < 0.3:
        trajet.etape(T.CLOTURER, ST.CLOTUREE, jours=rng.uniform(1, 8))
        return
    trajet.etape(T.QUALIFIER, ST.EN_QUALIFICATION, jours=rng.uniform(1, 10))
    if statut == ST.EN_QUALIFICATION:
        return
    if statut == ST.ORIENTEE and rng.random() < 0.4:
        p.orientee_vers = rng.choice(ORIENTEE_VERS)
        trajet.etape(T.ORIENTER, ST.ORIENTEE, jours=rng.uniform(2, 15))
        return
    trajet.etape(T.OUVRIR, ST.OUVERTE, jours=rng.uniform(2, 20))
    if statut == ST.ORIENTEE:
        p.orientee_vers = rng.choice(ORIENTEE_VERS)
        trajet.etape(T.ORIENTER, ST.ORIENTEE, jours=rng.uniform(10, 90))
    elif statut == ST.CLOTUREE:
        fusion = rng.random() < 0.4
        trajet.etape(T.FUSIONNER if fusion else T.CLOTURER, ST.CLOTUREE, jours=rng.uniform(5, 60))
    elif statut != ST.OUVERTE:
        # Community and COPIL states: their steps belong to the apps that reach them.
        p.statut = statut


def _soutiens(
    rng: random.Random,
    echelle: float,
    problemes: list[Problematique],
    personnes: Mapping[int, int | None],
    persona: int,
    territoires: list[tuple[int, str, str]],
) -> None:
    """Supports on published problems, a few for most and hundreds for some, never by the
    author, one per person; every author and supporter follows the problem."""
    publiees = [p for p in problemes if p.publiee_le is not None]
    suivis: set[tuple[int, int]] = set()
    for p in problemes:
        if p.auteur_id is not None:
            suivis.add((p.pk, p.auteur_id))
    soutiens: list[Soutien] = []
    if publiees:
        poids = [min(rng.paretovariate(1.3), 300.0) for _ in publiees]
        gens = list(personnes)
        vus: set[tuple[int, int]] = set()
        cible = nombre(SOUTIENS, echelle)
        a_soutenir = rng.sample(publiees, min(len(publiees), nombre(SOUTIENS_DU_PERSONA, echelle)))
        tirages = [(p, persona) for p in a_soutenir]
        while len(vus) < cible:
            lot = rng.choices(publiees, poids, k=cible - len(vus))
            tirages += [(p, rng.choice(gens)) for p in lot]
            for p, qui in tirages:
                if qui == p.auteur_id or (p.pk, qui) in vus or len(vus) >= cible:
                    continue
                vus.add((p.pk, qui))
                soutiens.append(_soutien(rng, p, qui, personnes[qui], territoires))
            tirages = []
    inserer(Soutien, soutiens)
    for s in soutiens:
        assert s.personne_id is not None
        suivis.add((s.problematique_id, s.personne_id))
    inserer(Suivi, [Suivi(problematique_id=p, personne_id=q, cree_le=timezone.now())
                    for p, q in suivis])  # fmt: skip


def _soutien(
    rng: random.Random,
    p: Problematique,
    qui: int,
    organisation: int | None,
    territoires: list[tuple[int, str, str]],
) -> Soutien:
    assert p.publiee_le is not None
    depuis = max((timezone.now() - p.publiee_le).total_seconds(), 60.0)
    return Soutien(
        problematique=p,
        personne_id=qui,
        organisation_id=organisation if rng.random() < 0.7 else None,
        territoire_id=rng.choice(territoires)[0] if rng.random() < 0.5 else None,
        expertise_offerte=rng.choice(["", "", "agent_terrain", "decideur", "expert_metier"]),
        precisions=rng.choice(PRECISIONS) if rng.random() < 0.4 else "",
        rejoindrait_communaute=rng.random() < 0.3,
        cree_le=p.publiee_le + timedelta(seconds=rng.uniform(30, depuis)),
    )


def pages(donnees: Donnees) -> list[Page]:
    publiees = Problematique.objects.publiques()
    plus_soutenue = (
        Soutien.objects.values("problematique__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "problematique__slug")
        .values_list("problematique__slug", flat=True)
        .first()
    )
    nb = publiees.count()
    ordinaire = publiees.order_by("pk").values_list("slug", flat=True)[nb // 2 : nb // 2 + 1]
    relais = donnees.personas.get("relais")
    a_lui = Problematique.objects.filter(auteur=relais, statut=Statut.SOUMISE)
    brouillon = a_lui.order_by("pk").values_list("slug", flat=True).first()
    fiche_admin = publiees.order_by("pk").values_list("pk", flat=True)[nb // 3 : nb // 3 + 1]
    pages = [
        Page("/problematiques/", Nature.LISTE),
        Page("/problematiques/?page=2", Nature.LISTE),
        Page("/problematiques/flux/", Nature.LISTE, libelle="flux Atom"),
        Page("/problematiques/?page=500", Nature.LISTE, libelle="page profonde"),
        Page("/problematiques/?etat=ouverte", Nature.LISTE),
        Page("/problematiques/?territoire=finistere", Nature.LISTE, libelle="un département"),
        Page("/problematiques/?theme=sante&tri=soutiens", Nature.LISTE),
        Page(
            "/problematiques/?territoire=ille-et-vilaine&theme=habitat&etat=ouverte",
            Nature.LISTE,
        ),
        Page("/problematiques/?q=ecole", Nature.RECHERCHE),
        Page("/problematiques/?q=transport", Nature.RECHERCHE),
        Page("/problematiques/?q=logement", Nature.RECHERCHE),
        Page("/problematiques/?q=pharmacie", Nature.RECHERCHE),
        Page("/problematiques/?q=ecole+transport&tri=pertinence", Nature.RECHERCHE),
        Page("/problematiques/?q=ecole&page=50", Nature.RECHERCHE, libelle="page profonde"),
        Page("/problematiques/signaler/", Nature.PAGE, "relais"),
        Page("/problematiques/mes-remontees/", Nature.LISTE, "relais"),
        Page("/admin/problematiques/problematique/", Nature.LISTE, "equipe", "tri"),
        Page("/admin/problematiques/problematique/?statut__exact=soumise", Nature.LISTE, "equipe"),
        Page("/admin/problematiques/problematique/?q=pharmacie", Nature.RECHERCHE, "equipe"),
    ]
    if plus_soutenue:
        pages += [
            Page(f"/problematiques/{plus_soutenue}/", Nature.DETAIL, libelle="la plus soutenue"),
            Page(f"/problematiques/{plus_soutenue}/", Nature.DETAIL, "relais", "la plus soutenue"),
        ]
    for slug in ordinaire:
        pages.append(Page(f"/problematiques/{slug}/", Nature.DETAIL, libelle="ordinaire"))
    if brouillon:
        pages.append(Page(f"/problematiques/signaler/merci/{brouillon}/", Nature.PAGE, "relais"))
    for pk in fiche_admin:
        pages.append(
            Page(f"/admin/problematiques/problematique/{pk}/change/", Nature.DETAIL, "equipe")
        )
    return pages


def compter() -> dict[str, int]:
    return {
        "problématiques": Problematique.objects.count(),
        "publiées": Problematique.objects.publiques().count(),
        "étapes": Transition.objects.count(),
        "soutiens": Soutien.objects.count(),
        "suivis": Suivi.objects.count(),
    }
