"""Events and registrations for the bench.

At full scale: 1,000 events over three years, most of them past, a few drafts, half of them
run by a community, and some 20,000 registrations: registered up to the capacity, then on the
waiting list, and some cancelled.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from communautes.models import Communaute, Evenement, Inscription, StatutInscription, TypeEvenement
from problematiques.models import Problematique
from tilab import banc
from tilab.banc import Donnees, Nature, Page
from tilab.banc.generation import alea, dates_libres, inserer, nombre
from tilab.banc.textes import OBJETS, Redacteur, de
from tilab.comptes.models import Personne, Territoire, TypeTerritoire

EVENEMENTS = 1000
INSCRIPTIONS = 20000
INSCRIPTIONS_DU_PERSONA = 6
INTITULES = {
    TypeEvenement.RENCONTRE_REGIONALE: "Rencontre régionale autour {}",
    TypeEvenement.ATELIER: "Atelier : repenser {}",
    TypeEvenement.PARTAGE_PRATIQUES: "Partage de pratiques autour {}",
    TypeEvenement.RETOUR_EXPERIENCE: "Retour d'expérience sur {}",
    TypeEvenement.IMMERSION: "Immersion : une journée avec {}",
}


def generer(echelle: float) -> None:
    rng = alea("evenements")
    redacteur = Redacteur(rng)
    communautes = list(Communaute.objects.values_list("pk", flat=True))
    problemes = list(Problematique.objects.publiques().values_list("pk", flat=True)[:2000])
    villes = list(
        Territoire.objects.filter(type=TypeTerritoire.COMMUNE).values_list("nom", flat=True)
    )
    gens = list(Personne.objects.values_list("pk", flat=True))
    persona = Personne.objects.get(email=banc.PERSONAS["relais"]).pk
    maintenant = timezone.now()
    aujourd_hui = timezone.localdate()
    evenements = []
    for n in range(nombre(EVENEMENTS, echelle)):
        theme = rng.choice(list(OBJETS))
        type_ = rng.choice(list(TypeEvenement))
        objet = redacteur.objet(theme)
        titre = INTITULES[type_].format(de(objet) if "autour" in INTITULES[type_] else objet)
        # Three years: two behind, one ahead; more of them recent.
        jour = aujourd_hui + timedelta(days=round(365 - 1095 * rng.random() ** 0.8))
        if n == 0:
            # At any scale, one published event ahead, which the personas' pages need.
            jour = aujourd_hui + timedelta(days=30)
        debut = timezone.make_aware(datetime.combine(jour, time(rng.choice([9, 10, 14]))))
        en_ligne = rng.random() < 0.3
        evenements.append(
            Evenement(
                titre=titre[:200],
                slug=f"{slugify(titre)[:180]}-{n + 1}",
                type=type_,
                debut=debut,
                fin=debut + timedelta(hours=rng.choice([2, 3, 6])),
                lieu="" if en_ligne else f"Salle des fêtes, {rng.choice(villes)}",
                lien_en_ligne="https://visio.example.fr/tilab" if en_ligne else "",
                description=redacteur.paragraphe(theme, phrases=rng.randint(2, 5)),
                problematique_id=rng.choice(problemes)
                if problemes and rng.random() < 0.2
                else None,
                communaute_id=rng.choice(communautes) if rng.random() < 0.5 else None,
                capacite=rng.choice([15, 20, 25, 30, 40, 60, 100, 200]),
                date_limite_inscription=debut - timedelta(days=rng.choice([1, 2, 7])),
                publie=n == 0 or rng.random() < 0.92,
                cree_le=min(debut - timedelta(days=rng.randint(20, 90)), maintenant),
            )
        )
    with dates_libres(Evenement, Inscription):
        evenements = inserer(Evenement, evenements)
        publies = [e for e in evenements if e.publie]
        inscriptions = []
        moyenne = nombre(INSCRIPTIONS, echelle) / max(len(publies), 1)
        a_venir = [e for e in publies if e.debut > maintenant]
        du_persona = set(rng.sample(a_venir, min(len(a_venir), INSCRIPTIONS_DU_PERSONA)))
        for e in publies:
            # Popular events fill up and have a waiting list; others have a few people.
            voulu = min(len(gens), max(1, round(rng.expovariate(1 / moyenne))))
            qui = rng.sample(gens, voulu)
            if e in du_persona and persona not in qui:
                qui[0] = persona
            depart = e.cree_le
            for rang, personne in enumerate(qui):
                statut = (
                    StatutInscription.INSCRITE
                    if rang < e.capacite
                    else StatutInscription.EN_ATTENTE
                )
                if personne != persona and rng.random() < 0.08:
                    statut = StatutInscription.ANNULEE
                quand = depart + timedelta(minutes=17 * rang)
                inscriptions.append(
                    Inscription(
                        evenement=e,
                        personne_id=personne,
                        statut=statut,
                        cree_le=quand,
                        modifiee_le=quand,
                    )
                )
        inserer(Inscription, inscriptions)


def pages(donnees: Donnees) -> list[Page]:
    maintenant = timezone.now()
    a_venir = Evenement.objects.publies().filter(debut__gt=maintenant)
    le_plus_demande = (
        a_venir.annotate(n=Count("inscriptions", filter=~Q(inscriptions__statut="annulee")))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    relais = donnees.personas.get("relais")
    le_sien = (
        a_venir.filter(inscriptions__personne=relais)
        .order_by("debut")
        .values_list("slug", flat=True)
        .first()
    )
    pages = [
        Page("/evenements/", Nature.LISTE),
        Page("/evenements/?page=40", Nature.LISTE, libelle="page profonde"),
        Page("/evenements.ics", Nature.LISTE, libelle="calendrier"),
        Page("/evenements/flux/", Nature.LISTE, libelle="flux Atom"),
        Page("/evenements/mes-inscriptions/", Nature.LISTE, "relais"),
        Page("/admin/communautes/evenement/", Nature.LISTE, "equipe"),
    ]
    if le_plus_demande:
        pages += [
            Page(f"/evenements/{le_plus_demande}/", Nature.DETAIL, libelle="le plus demandé"),
            Page(f"/evenements/{le_plus_demande}.ics", Nature.DETAIL),
            Page(f"/evenements/{le_plus_demande}/inscriptions/", Nature.LISTE, "equipe"),
            Page(f"/evenements/{le_plus_demande}/inscriptions.csv", Nature.LISTE, "equipe"),
        ]
    if le_sien:
        pages.append(Page(f"/evenements/{le_sien}/", Nature.DETAIL, "relais", "inscrit"))
    return pages


def compter() -> dict[str, int]:
    return {
        "événements": Evenement.objects.count(),
        "inscriptions": Inscription.objects.count(),
    }
