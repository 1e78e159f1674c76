"""Demonstration communities: two of the Archipel des pratiques, two thematic research ones, and
two communities of interest formed around demo problems, with some forty framed commitments.

Called by ``communautes.demo.charger()``, after the demo events: the communities of interest
need the demo problems, which the problematiques app loaded before (``INSTALLED_APPS``
order). Communities are keyed on their slug, running commitments on (community, person),
ended ones on (community, person, reason), the formation step on (problem, kind): loading
twice changes nothing, and a demo row someone edited is put back as it was (the maturity
inputs the team may have ticked are left alone). Dates are placed relative to today so that
the demo always has running commitments, one of them ending in ten days.

Written directly rather than through ``services_communautes`` and ``services_engagements``:
those date everything "now" and e-mail the people concerned, which a demo must not do. What
is written here follows their rules (at most twelve months, one running commitment per person
and community, a public step on the problem's trajectory, an entry in the community's
journal written by ``communaute.journaliser`` and dated back).

What the demo shows: ``relais@demo.tilab.bzh`` has one running commitment (référente of the
Archipel de l'accueil), ``animation@demo.tilab.bzh`` animates three communities, Katell Prigent
is over the monthly threshold, Morgane Jégo has a commitment ending in ten days, and the
community on the seasonal workers' housing has everything for COPIL but a willing territory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from communautes.models import (
    ActionCommunaute,
    Communaute,
    Engagement,
    Evenement,
    MotifFin,
    RoleEngagement,
    StatutCommunaute,
    TypeAction,
    TypeCommunaute,
)
from problematiques.models import Problematique, Statut, Transition, TypeTransition
from tilab.comptes.models import Expertise, Personne, Territoire, Theme

E = Expertise
R = RoleEngagement

# Who is who, by a short key: the demo accounts (communautes.demo) and the relays the
# problematiques demo adds.
PERSONNES = {
    "relais": "relais@demo.tilab.bzh",
    "direction": "direction@demo.tilab.bzh",
    "coordination": "coordination@demo.tilab.bzh",
    "animation": "animation@demo.tilab.bzh",
    "documentation": "documentation@demo.tilab.bzh",
    "recherche": "recherche@demo.tilab.bzh",
    "copil": "copil@demo.tilab.bzh",
    "codir": "codir@demo.tilab.bzh",
    "tugdual": "tugdual.leroux@demo.tilab.bzh",
    "claire": "claire.bazin@demo.tilab.bzh",
    "morgane": "morgane.jego@demo.tilab.bzh",
    "ronan": "ronan.lecam@demo.tilab.bzh",
    "fatima": "fatima.benali@demo.tilab.bzh",
    "julien": "julien.hamon@demo.tilab.bzh",
    "katell": "katell.prigent@demo.tilab.bzh",
    "mathieu": "mathieu.quere@demo.tilab.bzh",
    "sylvie": "sylvie.rault@demo.tilab.bzh",
    "anne": "anne.gourlay@demo.tilab.bzh",
}


@dataclass(frozen=True)
class EngagementDemo:
    personne: str  # key of PERSONNES
    expertise: Expertise
    heures: int
    depuis: int  # days since it started
    role: RoleEngagement = R.MEMBRE
    duree: int = 330  # days from start to end date (at most 366)
    fin_motif: MotifFin | None = None  # ended: why; it ended on its end date (ECHU) or
    # some days before (QUITTE)


@dataclass(frozen=True)
class CommunauteDemo:
    slug: str
    nom: str
    type: TypeCommunaute
    statut: StatutCommunaute
    animateur: str  # key of PERSONNES
    themes: tuple[str, ...]
    territoires: tuple[str, ...]
    objet: str
    age: int  # days since it was formed, for communities without a problem
    engagements: tuple[EngagementDemo, ...]
    problematique: str = ""  # slug of the demo problem a community of interest is formed around


ED = EngagementDemo

COMMUNAUTES: list[CommunauteDemo] = [
    CommunauteDemo(
        slug="archipel-accueil-de-proximite",
        nom="Archipel de l'accueil de proximité",
        type=TypeCommunaute.ARCHIPEL,
        statut=StatutCommunaute.ACTIVE,
        animateur="animation",
        themes=("acces-aux-droits", "numerique-inclusif"),
        territoires=("bretagne",),
        objet=(
            "Les secrétaires de mairie, les agents de France services et les accueils des "
            "centres sociaux reçoivent chaque jour des habitants perdus dans leurs démarches.\n\n"
            "Cette communauté de pratique leur permet de :\n\n"
            "- partager les **astuces** qui débloquent un dossier ;\n"
            "- se relayer sur les questions difficiles ;\n"
            "- faire remonter ce qui coince, pour que le Ti Lab s'en saisisse."
        ),
        age=400,
        engagements=(
            ED("relais", E.AGENT_TERRAIN, 3, 120, role=R.REFERENT),
            ED("morgane", E.AGENT_TERRAIN, 2, 150),
            ED("mathieu", E.AGENT_TERRAIN, 2, 90),
            ED("katell", E.AGENT_TERRAIN, 4, 60),
            ED("claire", E.DECIDEUR, 2, 200),
            ED("sylvie", E.DECIDEUR, 1, 45),
            ED("documentation", E.EXPERT_METIER, 2, 300),
            ED("fatima", E.EXPERT_METIER, 1, 30),
            ED("julien", E.AGENT_TERRAIN, 1, 15),
        ),
    ),
    CommunauteDemo(
        slug="archipel-mediation-numerique",
        nom="Archipel de la médiation numérique",
        type=TypeCommunaute.ARCHIPEL,
        statut=StatutCommunaute.EN_SOMMEIL,
        animateur="animation",
        themes=("numerique-inclusif",),
        territoires=("finistere", "morbihan"),
        objet=(
            "Médiateurs et médiatrices numériques des tiers-lieux, des bibliothèques et des "
            "associations échangent leurs supports d'atelier et leurs manières d'accompagner "
            "sans faire à la place.\n\nLa communauté est **en sommeil** le temps de préparer "
            "la prochaine saison d'ateliers."
        ),
        age=520,
        engagements=(
            ED("mathieu", E.AGENT_TERRAIN, 2, 250),
            ED("tugdual", E.AGENT_TERRAIN, 1, 180),
            ED("katell", E.AGENT_TERRAIN, 3, 100),
            ED("documentation", E.EXPERT_METIER, 1, 200),
            ED("julien", E.USAGER, 2, 300, duree=200, fin_motif=MotifFin.QUITTE),
            ED("morgane", E.AGENT_TERRAIN, 2, 400, duree=365, fin_motif=MotifFin.ECHU),
        ),
    ),
    CommunauteDemo(
        slug="mobilites-du-quotidien-en-milieu-rural",
        nom="Mobilités du quotidien en milieu rural",
        type=TypeCommunaute.THEMATIQUE,
        statut=StatutCommunaute.ACTIVE,
        animateur="recherche",
        themes=("mobilites-rurales", "sante"),
        territoires=("lannion-tregor-communaute", "pontivy-communaute", "ploermel-communaute"),
        objet=(
            "Pourquoi le transport à la demande, le covoiturage et les bénévoles conducteurs "
            "peinent-ils à répondre aux besoins de ceux qui n'ont pas de voiture ?\n\n"
            "Chercheurs et praticiens croisent enquêtes de terrain et données de "
            "fréquentation pour en tirer des **enseignements utiles à toutes les "
            "intercommunalités**."
        ),
        age=260,
        engagements=(
            ED("anne", E.CHERCHEUR, 4, 200, role=R.REFERENT),
            ED("recherche", E.CHERCHEUR, 2, 200),
            ED("ronan", E.EXPERT_METIER, 3, 140),
            ED("katell", E.AGENT_TERRAIN, 3, 80),
            # Ends in ten days: the reminder to renew or leave is due.
            ED("morgane", E.AGENT_TERRAIN, 1, 200, duree=210),
            ED("codir", E.DECIDEUR, 1, 60),
            ED("julien", E.USAGER, 1, 40),
            ED("sylvie", E.DECIDEUR, 1, 20),
        ),
    ),
    CommunauteDemo(
        slug="non-recours-aux-droits",
        nom="Comprendre le non-recours aux droits",
        type=TypeCommunaute.THEMATIQUE,
        statut=StatutCommunaute.EN_CONSTITUTION,
        animateur="recherche",
        themes=("acces-aux-droits",),
        territoires=("ille-et-vilaine", "finistere"),
        objet=(
            "Une personne sur trois ne touche pas une aide à laquelle elle a droit. Cette "
            "communauté en constitution réunit ceux qui l'observent au guichet et ceux qui "
            "l'étudient, pour documenter les causes et tester des façons d'aller vers les "
            "personnes."
        ),
        age=30,
        engagements=(
            ED("anne", E.CHERCHEUR, 2, 25),
            ED("claire", E.DECIDEUR, 1, 25),
            ED("tugdual", E.AGENT_TERRAIN, 2, 20),
            ED("julien", E.AGENT_TERRAIN, 1, 10),
            ED("copil", E.DECIDEUR, 1, 5),
            ED("ronan", E.EXPERT_METIER, 1, 400, duree=365, fin_motif=MotifFin.ECHU),
        ),
    ),
    # Everything for COPIL but a territory willing to commit: the team ticks it in the demo.
    CommunauteDemo(
        slug="logement-des-saisonniers",
        nom="Logement des saisonniers de la côte nord",
        type=TypeCommunaute.INTERET,
        statut=StatutCommunaute.ACTIVE,
        animateur="animation",
        themes=("habitat", "jeunesse"),
        territoires=("saint-brieuc-armor-agglomeration", "dinan-agglomeration"),
        objet=(
            "Trouver comment loger les saisonniers du tourisme et de l'agriculture sur la "
            "côte, alors que les logements partent en location touristique.\n\n"
            "Pistes à explorer : internats ouverts l'été, **logement chez l'habitant**, "
            "résidences modulaires partagées entre employeurs."
        ),
        age=110,
        problematique="les-saisonniers-de-la-cote-ne-trouvent-pas-de-logement-a-saint-brieuc-"
        "et-dinan",
        engagements=(
            ED("claire", E.DECIDEUR, 3, 100, role=R.REFERENT),
            ED("fatima", E.EXPERT_METIER, 2, 95),
            ED("tugdual", E.AGENT_TERRAIN, 2, 90),
            ED("anne", E.CHERCHEUR, 1, 70),
            ED("copil", E.DECIDEUR, 2, 60),
            ED("julien", E.AGENT_TERRAIN, 2, 45),
            ED("coordination", E.EXPERT_METIER, 1, 30),
        ),
    ),
    CommunauteDemo(
        slug="renovation-energetique-petites-communes",
        nom="Rénovation énergétique des petites communes",
        type=TypeCommunaute.INTERET,
        statut=StatutCommunaute.EN_CONSTITUTION,
        animateur="coordination",
        themes=("habitat", "transition-ecologique"),
        territoires=("ille-et-vilaine",),
        objet=(
            "Aider les maires des communes sans ingénieur à passer du diagnostic énergétique "
            "aux travaux : qui peut les appuyer, avec quels financements, et comment "
            "mutualiser entre communes voisines."
        ),
        age=60,
        problematique="les-maires-ruraux-dille-et-vilaine-nont-pas-dappui-pour-les-projets-de-"
        "renovation-energetique",
        engagements=(
            ED("morgane", E.AGENT_TERRAIN, 1, 50),
            ED("ronan", E.EXPERT_METIER, 2, 45),
            ED("sylvie", E.DECIDEUR, 2, 40),
            ED("claire", E.DECIDEUR, 1, 20),
            ED("tugdual", E.AGENT_TERRAIN, 1, 10),
        ),
    ),
]

# Demo events (communautes.demo.evenements) and the community each one belongs to.
EVENEMENTS = {
    "atelier-accueil-de-proximite": "archipel-accueil-de-proximite",
    "retour-experience-maisons-france-services": "archipel-accueil-de-proximite",
    "rencontre-regionale-mobilites-rurales": "mobilites-du-quotidien-en-milieu-rural",
}

COMMENTAIRE_CONSTITUTION = (
    "La communauté d'intérêt « {nom} » est constituée : chacun et chacune peut la rejoindre "
    "avec un engagement limité dans le temps."
)


@transaction.atomic
def charger() -> None:
    """Create or put back the demo communities, their commitments and their events' links."""
    par_email = {p.email: p for p in Personne.objects.filter(email__in=PERSONNES.values())}
    personnes = {cle: par_email[email] for cle, email in PERSONNES.items() if email in par_email}
    themes = {t.slug: t for t in Theme.objects.all()}
    territoires = {t.slug: t for t in Territoire.objects.all()}
    maintenant = timezone.now()
    for demo in COMMUNAUTES:
        forme_le = maintenant - timedelta(days=demo.age)
        problematique = None
        if demo.problematique:
            problematique = Problematique.objects.filter(slug=demo.problematique).first()
            if problematique is None:
                # The problems' demo was not loaded: no community of interest without one.
                continue
            if problematique.publiee_le is not None:
                forme_le = max(forme_le, problematique.publiee_le + timedelta(days=1))
        communaute, cree = Communaute.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "nom": demo.nom,
                "type": demo.type,
                "objet": demo.objet,
                "statut": demo.statut,
                "animateur": personnes.get(demo.animateur),
                "problematique": problematique,
            },
        )
        communaute.themes.set([themes[s] for s in demo.themes if s in themes])
        communaute.territoires.set([territoires[s] for s in demo.territoires if s in territoires])
        if cree:
            Communaute.objects.filter(pk=communaute.pk).update(cree_le=forme_le)
        if not ActionCommunaute.objects.filter(
            communaute=communaute, type=TypeAction.CONSTITUER
        ).exists():
            action = communaute.journaliser(
                TypeAction.CONSTITUER,
                par=personnes.get(demo.animateur),
                detail=f"Constituée à partir de la problématique « {problematique.titre} »."
                if problematique is not None
                else "Communauté créée par l'équipe du Ti Lab.",
            )
            # Demo data only: the entry is dated back to when the demo says the community was
            # formed. The journal refuses updates, hence its base manager.
            ActionCommunaute._base_manager.filter(pk=action.pk).update(le=forme_le)
        if problematique is not None:
            _etape_constitution(problematique, demo, personnes.get(demo.animateur), forme_le)
        for engagement in demo.engagements:
            if engagement.personne in personnes:
                _charger_engagement(communaute, personnes[engagement.personne], engagement)
    communautes = {c.slug: c for c in Communaute.objects.filter(slug__in=EVENEMENTS.values())}
    for slug_evenement, slug_communaute in EVENEMENTS.items():
        if slug_communaute in communautes:
            Evenement.objects.filter(slug=slug_evenement).update(
                communaute=communautes[slug_communaute]
            )


def _etape_constitution(
    problematique: Problematique, demo: CommunauteDemo, par: Personne | None, le: datetime
) -> None:
    """The public step « communauté d'intérêt constituée » on the problem's trajectory."""
    if Transition.objects.filter(
        problematique=problematique, type=TypeTransition.CONSTITUER_COMMUNAUTE
    ).exists():
        return
    transition = Transition.objects.create(
        problematique=problematique,
        type=TypeTransition.CONSTITUER_COMMUNAUTE,
        statut_avant=Statut.OUVERTE,
        statut_apres=Statut.COMMUNAUTE_CONSTITUEE,
        auteur=par,
        commentaire_public=COMMENTAIRE_CONSTITUTION.format(nom=demo.nom),
        publique=True,
    )
    Transition.objects.filter(pk=transition.pk).update(cree_le=le)
    Problematique.objects.filter(pk=problematique.pk).update(statut=Statut.COMMUNAUTE_CONSTITUEE)


def _charger_engagement(communaute: Communaute, personne: Personne, demo: EngagementDemo) -> None:
    aujourd_hui = timezone.localdate()
    debut = aujourd_hui - timedelta(days=demo.depuis)
    fin = debut + timedelta(days=demo.duree)
    valeurs: dict[str, Any] = {
        "role": demo.role,
        "expertise": demo.expertise,
        "organisation_id": personne.organisation_id,
        "heures_par_mois": demo.heures,
        "debut": debut,
        "fin": fin,
    }
    if demo.fin_motif is None:
        existant = Engagement.objects.filter(
            communaute=communaute, personne=personne, termine_le__isnull=True
        ).first()
        valeurs |= {"termine_le": None, "motif_fin": ""}
    else:
        existant = Engagement.objects.filter(
            communaute=communaute,
            personne=personne,
            termine_le__isnull=False,
            motif_fin=demo.fin_motif,
        ).first()
        termine_le = fin if demo.fin_motif == MotifFin.ECHU else fin - timedelta(days=60)
        valeurs |= {"termine_le": termine_le, "motif_fin": demo.fin_motif}
    if existant is None:
        Engagement.objects.create(communaute=communaute, personne=personne, **valeurs)
        return
    changes = [champ for champ, valeur in valeurs.items() if getattr(existant, champ) != valeur]
    if changes:
        for champ in changes:
            setattr(existant, champ, valeurs[champ])
        existant.save(update_fields=[*changes, "modifie_le"])
