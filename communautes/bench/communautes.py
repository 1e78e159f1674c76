"""Communities and their commitments for the bench.

At full scale: 2,000 communities, one of interest around each problem in a community or COPIL
state (with the step « communauté d'intérêt constituée » on the problem's trajectory) and
thematic ones or islands of the Archipel for the rest, their themes and territories, 20,000
framed commitments (most running, some ended, as the rules of the model allow) and the journal
entries they leave.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from communautes.models import (
    ActionCommunaute,
    Communaute,
    Engagement,
    MotifFin,
    RoleEngagement,
    StatutCommunaute,
    TypeAction,
    TypeCommunaute,
)
from problematiques.models import Problematique, Statut, Transition, TypeTransition
from tilab import banc
from tilab.banc import Donnees, Nature, Page
from tilab.banc.generation import alea, dates_libres, inserer, lier, nombre, quelques, tirer
from tilab.banc.textes import Redacteur
from tilab.comptes import rules as regles_comptes
from tilab.comptes.models import Expertise, Personne, Territoire, Theme, TypeTerritoire

COMMUNAUTES = 2000
ENGAGEMENTS = 20000
ENGAGEMENTS_DU_PERSONA = 8
# Problems in these states have their community of interest.
AVEC_COMMUNAUTE = [
    Statut.COMMUNAUTE_CONSTITUEE,
    Statut.CANDIDATE,
    Statut.RETENUE,
    Statut.AJOURNEE,
    Statut.NON_RETENUE,
]
STATUTS = {
    StatutCommunaute.ACTIVE: 0.6,
    StatutCommunaute.EN_CONSTITUTION: 0.25,
    StatutCommunaute.EN_SOMMEIL: 0.1,
    StatutCommunaute.CLOSE: 0.05,
}
SUJETS = ["la mobilité solidaire", "l'accueil de proximité", "la restauration scolaire",
          "la médiation numérique", "l'habitat des jeunes", "le bien vieillir à domicile",
          "la participation des habitants", "la santé en milieu rural", "la sobriété énergétique",
          "l'accès aux droits"]  # fmt: skip


def generer(echelle: float) -> None:
    rng = alea("communautes")
    redacteur = Redacteur(rng)
    equipe = list(
        Personne.objects.ayant_un_role(*regles_comptes.TI_TEAM).values_list("pk", flat=True)
    )
    themes = dict(Theme.objects.values_list("pk", "slug"))
    territoires = list(
        Territoire.objects.exclude(type=TypeTerritoire.COMMUNE).values_list("pk", flat=True)
    )
    maintenant = timezone.now()
    problemes = list(
        Problematique.objects.filter(statut__in=AVEC_COMMUNAUTE)
        .prefetch_related("themes", "territoires")
        .order_by("pk")
    )
    communautes: list[Communaute] = []
    liens_themes: list[tuple[int, list[int]]] = []
    liens_territoires: list[tuple[int, list[int]]] = []
    transitions: list[Transition] = []
    for p in problemes:
        assert p.publiee_le is not None
        depuis = max((maintenant - p.publiee_le).days, 1)
        forme_le = p.publiee_le + timedelta(days=rng.uniform(0.5, min(depuis, 120)))
        statut = tirer(rng, STATUTS)
        if p.statut == Statut.NON_RETENUE and rng.random() < 0.5:
            statut = StatutCommunaute.CLOSE
        c = _communaute(
            nom=f"Communauté d'intérêt : {p.titre}"[:200],
            slug=f"ci-{p.slug}"[:200],
            type_=TypeCommunaute.INTERET,
            statut=statut,
            objet=redacteur.paragraphe(themes[p.themes.all()[0].pk], phrases=3),
            animateur=rng.choice(equipe),
            cree_le=forme_le,
        )
        c.problematique = p
        communautes.append(c)
        liens_themes.append((len(communautes) - 1, [t.pk for t in p.themes.all()]))
        liens_territoires.append((len(communautes) - 1, [t.pk for t in p.territoires.all()]))
        transitions.append(
            Transition(
                problematique=p,
                type=TypeTransition.CONSTITUER_COMMUNAUTE,
                statut_avant=Statut.OUVERTE,
                statut_apres=Statut.COMMUNAUTE_CONSTITUEE,
                auteur_id=c.animateur_id,
                cree_le=forme_le,
                commentaire_public=f"La communauté d'intérêt « {c.nom} » est constituée : chacun "
                "et chacune peut la rejoindre avec un engagement limité dans le temps.",
                publique=True,
            )
        )
    for n in range(max(0, nombre(COMMUNAUTES, echelle) - len(problemes))):
        type_ = TypeCommunaute.ARCHIPEL if rng.random() < 0.6 else TypeCommunaute.THEMATIQUE
        sujet = rng.choice(SUJETS)
        prefixe = "Archipel des pratiques" if type_ == TypeCommunaute.ARCHIPEL else "Recherche"
        theme = rng.choice(list(themes))
        communautes.append(
            _communaute(
                nom=f"{prefixe} : {sujet} ({n + 1})",
                slug=f"{prefixe.split()[0].lower()}-{n + 1}",
                type_=type_,
                statut=tirer(rng, STATUTS),
                objet=redacteur.paragraphe(themes[theme], phrases=3),
                animateur=rng.choice(equipe),
                cree_le=maintenant - timedelta(days=rng.uniform(30, 3 * 365)),
            )
        )
        liens_themes.append((len(communautes) - 1, quelques(rng, list(themes), 1, 2)))
        liens_territoires.append((len(communautes) - 1, quelques(rng, territoires, 1, 3)))
    with dates_libres(Communaute, ActionCommunaute, Engagement, Transition):
        communautes = inserer(Communaute, communautes)
        lier(Communaute.themes, [(communautes[i].pk, t) for i, ts in liens_themes for t in ts])
        lier(
            Communaute.territoires,
            [(communautes[i].pk, t) for i, ts in liens_territoires for t in ts],
        )
        inserer(Transition, transitions)
        inserer(
            ActionCommunaute,
            [
                ActionCommunaute(
                    communaute=c,
                    type=TypeAction.CONSTITUER,
                    par_id=c.animateur_id,
                    le=c.cree_le,
                    detail="Communauté constituée par l'équipe du Ti Lab.",
                )
                for c in communautes
            ],
        )
        _engagements(rng, echelle, communautes)


def _communaute(
    *,
    nom: str,
    slug: str,
    type_: TypeCommunaute,
    statut: StatutCommunaute,
    objet: str,
    animateur: int,
    cree_le: datetime,
) -> Communaute:
    return Communaute(
        nom=nom,
        slug=slug,
        type=type_,
        statut=statut,
        objet=objet,
        animateur_id=animateur,
        cree_le=cree_le,
        modifiee_le=cree_le,
    )


def _engagements(rng: random.Random, echelle: float, communautes: list[Communaute]) -> None:
    """Commitments spread unevenly (a few large communities, many small ones), one per person
    and community; about a quarter ended, each with its reason."""
    personnes = dict(Personne.objects.values_list("pk", "organisation_id"))
    gens = list(personnes)
    persona = Personne.objects.get(email=banc.PERSONAS["relais"]).pk
    aujourd_hui = timezone.localdate()
    maintenant = timezone.now()
    poids = [min(rng.paretovariate(1.2), 200.0) for _ in communautes]
    cible = nombre(ENGAGEMENTS, echelle)
    vus: set[tuple[int, int]] = set()
    tirages = [
        (c, persona) for c in rng.sample(communautes, min(len(communautes), ENGAGEMENTS_DU_PERSONA))
    ]
    engagements: list[Engagement] = []
    actions: list[ActionCommunaute] = []
    while len(vus) < cible and len(vus) < len(communautes) * len(gens):
        tirages += [(c, rng.choice(gens)) for c in rng.choices(communautes, poids, k=cible)]
        for c, qui in tirages:
            if (c.pk, qui) in vus or len(vus) >= cible:
                continue
            vus.add((c.pk, qui))
            debut = max(c.cree_le.date(), aujourd_hui - timedelta(days=rng.randint(0, 330)))
            fin = debut + timedelta(days=rng.randint(30, 365))
            termine_le, motif = None, ""
            if qui == persona:
                # The persona's own commitments run: "mes engagements" shows them.
                fin = max(fin, aujourd_hui + timedelta(days=rng.randint(1, 30)))
                fin = min(fin, debut + timedelta(days=365))
            if c.statut == StatutCommunaute.CLOSE:
                termine_le, motif = min(fin, aujourd_hui), MotifFin.COMMUNAUTE_CLOSE
            elif fin < aujourd_hui:
                termine_le, motif = fin, MotifFin.ECHU
            elif rng.random() < 0.1 and qui != persona:
                termine_le, motif = (
                    aujourd_hui - timedelta(days=rng.randint(0, 20)),
                    MotifFin.QUITTE,
                )
                termine_le = max(termine_le, debut)
            cree = timezone.make_aware(datetime.combine(debut, time(9)))
            engagements.append(
                Engagement(
                    communaute=c,
                    personne_id=qui,
                    role=RoleEngagement.REFERENT if rng.random() < 0.08 else RoleEngagement.MEMBRE,
                    expertise=rng.choice(Expertise.values),
                    organisation_id=personnes[qui],
                    heures_par_mois=rng.choice([1, 2, 2, 3, 4, 4, 6, 8, 12]),
                    debut=debut,
                    fin=fin,
                    termine_le=termine_le,
                    motif_fin=motif,
                    cree_le=min(cree, maintenant),
                    modifie_le=min(cree, maintenant),
                )
            )
            actions.append(
                ActionCommunaute(
                    communaute=c,
                    type=TypeAction.REJOINDRE,
                    par_id=qui,
                    le=min(cree, maintenant),
                    detail=f"Engagement jusqu'au {fin:%d/%m/%Y}.",
                )
            )
        tirages = []
    inserer(Engagement, engagements)
    inserer(ActionCommunaute, actions)


def pages(donnees: Donnees) -> list[Page]:
    relais = donnees.personas.get("relais")
    la_plus_grande = (
        Communaute.objects.annotate(n=Count("engagements"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    nb = Communaute.objects.count()
    ordinaire = Communaute.objects.order_by("pk").values_list("slug", flat=True)[
        nb // 2 : nb // 2 + 1
    ]
    la_sienne = (
        Communaute.objects.filter(engagements__personne=relais, engagements__termine_le=None)
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
    )
    a_rejoindre = (
        Communaute.objects.filter(statut=StatutCommunaute.ACTIVE)
        .exclude(engagements__personne=relais)
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
    )
    avec_communaute = (
        Problematique.objects.filter(communaute__isnull=False)
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
    )
    ouverte = (
        Problematique.objects.filter(statut=Statut.OUVERTE)
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
    )
    pages = [
        Page("/communautes/", Nature.LISTE),
        Page("/communautes/?page=50", Nature.LISTE, libelle="page profonde"),
        Page("/communautes/flux/", Nature.LISTE, libelle="flux Atom"),
        Page("/communautes/?type=archipel&territoire=finistere", Nature.LISTE),
        Page("/communautes/?etat=active&theme=sante", Nature.LISTE),
        Page("/communautes/mes-engagements/", Nature.LISTE, "relais"),
        Page("/communautes/charge/", Nature.LISTE, "equipe"),
        Page("/admin/communautes/communaute/", Nature.LISTE, "equipe"),
        Page("/admin/communautes/engagement/", Nature.LISTE, "equipe"),
    ]
    if la_plus_grande:
        pages.append(
            Page(f"/communautes/{la_plus_grande}/", Nature.DETAIL, libelle="la plus grande")
        )
    for slug in ordinaire:
        pages.append(Page(f"/communautes/{slug}/", Nature.DETAIL, libelle="ordinaire"))
    if la_sienne:
        pages.append(Page(f"/communautes/{la_sienne}/", Nature.DETAIL, "relais", "membre"))
    if a_rejoindre:
        pages.append(Page(f"/communautes/{a_rejoindre}/rejoindre/", Nature.PAGE, "relais"))
    if avec_communaute:
        pages += [
            Page(f"/problematiques/{avec_communaute}/", Nature.DETAIL, libelle="avec communauté"),
            Page(f"/problematiques/{avec_communaute}/maturite/territoire/", Nature.PAGE, "equipe"),
        ]
    if ouverte:
        pages.append(
            Page(f"/problematiques/{ouverte}/constituer-la-communaute/", Nature.PAGE, "equipe")
        )
    return pages


def compter() -> dict[str, int]:
    return {
        "communautés": Communaute.objects.count(),
        "engagements": Engagement.objects.count(),
        "engagements en cours": Engagement.objects.actifs().count(),
        "actions du journal": ActionCommunaute.objects.count(),
    }
