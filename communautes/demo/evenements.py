"""Demonstration events: past and upcoming, one full with a waiting list.

Called by ``communautes.demo.charger()``. Events are keyed on their slug and registrations on
(event, person), so loading twice changes nothing. Dates are placed relative to today (at
fixed hours) so that the demo always has upcoming events.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from communautes.models import Evenement, Inscription, StatutInscription, TypeEvenement
from tilab.comptes.models import Personne

# slug, title, kind, days from today, start hour, hours long, place, online link, capacity,
# description
EVENEMENTS = [
    (
        "rencontre-regionale-mobilites-rurales",
        "Rencontre régionale : se déplacer sans voiture en milieu rural",
        TypeEvenement.RENCONTRE_REGIONALE,
        21,
        9,
        7,
        "Espace Hermine, 12 rue de la Gare, Pontivy",
        "",
        60,
        "Une journée pour croiser les expériences de transport solidaire, de covoiturage de "
        "proximité et de transport à la demande.\n\n- le matin : trois retours "
        "d'expérience de communes bretonnes ;\n- l'après-midi : ateliers par territoire.",
    ),
    (
        "atelier-accueil-de-proximite",
        "Atelier : accueillir sans rendez-vous en mairie",
        TypeEvenement.ATELIER,
        10,
        14,
        3,
        "",
        "https://visio.tilab.bzh/atelier-accueil",
        3,
        "Un atelier en petit groupe, en ligne, pour échanger sur l'accueil des habitants "
        "qui ne prennent pas rendez-vous. **Complet** : inscrivez-vous sur la liste "
        "d'attente, une place peut se libérer.",
    ),
    (
        "partage-cantines-circuits-courts",
        "Partage de pratiques : cantines et circuits courts",
        TypeEvenement.PARTAGE_PRATIQUES,
        45,
        10,
        3,
        "Lycée agricole, route de Quimper, Châteaulin",
        "https://visio.tilab.bzh/cantines",
        30,
        "Des gestionnaires de restauration collective racontent comment ils achètent "
        "local, et ce qui coince.",
    ),
    (
        "retour-experience-maisons-france-services",
        "Retour d'expérience : deux ans de France services itinérant",
        TypeEvenement.RETOUR_EXPERIENCE,
        -30,
        14,
        2,
        "Salle du conseil, Lannion-Trégor Communauté, Lannion",
        "",
        40,
        "L'équipe du bus France services raconte ce qu'elle a appris, chiffres à l'appui.",
    ),
    (
        "immersion-tiers-lieu-numerique",
        "Immersion : une semaine dans un tiers-lieu numérique",
        TypeEvenement.IMMERSION,
        -90,
        9,
        8,
        "Le Hangar, quai Saint-Malo, Saint-Malo",
        "",
        8,
        "Cinq jours aux côtés des médiateurs numériques d'un tiers-lieu.",
    ),
]

# The full event: who holds a seat, then who waits, in this order.
INSCRITS_COMPLET = ["relais@demo.tilab.bzh", "copil@demo.tilab.bzh", "codir@demo.tilab.bzh"]
EN_ATTENTE_COMPLET = ["documentation@demo.tilab.bzh", "recherche@demo.tilab.bzh"]


@transaction.atomic
def charger() -> None:
    aujourd_hui = timezone.localdate()
    for slug, titre, type_, jours, heure, duree, lieu, lien, capacite, description in EVENEMENTS:
        debut = timezone.make_aware(
            datetime.combine(aujourd_hui + timedelta(days=jours), time(heure))
        )
        evenement, _ = Evenement.objects.update_or_create(
            slug=slug,
            defaults={
                "titre": titre,
                "type": type_,
                "debut": debut,
                "fin": debut + timedelta(hours=duree),
                "lieu": lieu,
                "lien_en_ligne": lien,
                "description": description,
                "capacite": capacite,
                "date_limite_inscription": debut - timedelta(days=2),
                "publie": True,
            },
        )
        if slug == "atelier-accueil-de-proximite":
            complet = evenement
    personnes = {
        p.email: p for p in Personne.objects.filter(email__in=INSCRITS_COMPLET + EN_ATTENTE_COMPLET)
    }
    ordre = [(e, StatutInscription.INSCRITE) for e in INSCRITS_COMPLET] + [
        (e, StatutInscription.EN_ATTENTE) for e in EN_ATTENTE_COMPLET
    ]
    depart = complet.debut - timedelta(days=20)
    for rang, (email, statut) in enumerate(ordre):
        if email not in personnes:
            continue
        Inscription.objects.update_or_create(
            evenement=complet,
            personne=personnes[email],
            defaults={"statut": statut},
        )
        # The queue order is the order of arrival: fixed, so the waiting list reads the same.
        Inscription.objects.filter(evenement=complet, personne=personnes[email]).update(
            cree_le=depart + timedelta(hours=rang)
        )
