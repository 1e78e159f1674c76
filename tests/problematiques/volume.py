"""A large data set for the query-count tests: 500 published problems and 2,000 supports.

Created with bulk_create so that building it takes a second, not a minute.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from problematiques.models import Problematique, Soutien, Statut, Transition, TypeTransition
from tilab.comptes.models import Organisation, Personne, Territoire, Theme

NB_PROBLEMATIQUES = 500
NB_SOUTIENS = 2_000


def creer_volume(*, soutiens_sur: Problematique | None = None) -> list[Problematique]:
    """500 published problems on communes, EPCI and départements, with 2,000 supports.

    With ``soutiens_sur``, the 2,000 supports all go to that one problem instead.
    """
    departements = list(Territoire.objects.filter(type="departement"))
    epcis = Territoire.objects.bulk_create(
        Territoire(nom=f"EPCI {i}", slug=f"epci-volume-{i}", type="epci", parent=d)
        for i, d in enumerate(departements)
    )
    communes = Territoire.objects.bulk_create(
        Territoire(nom=f"Commune {i}", slug=f"commune-volume-{i}", type="commune", parent=e)
        for i, e in enumerate(epcis)
    )
    themes = [
        Theme.objects.create(nom=f"Thème volume {i}", slug=f"theme-volume-{i}") for i in range(5)
    ]
    organisation = Organisation.objects.create(nom="Mairie", slug="mairie-volume", type="commune")
    maintenant = timezone.now()
    statuts = [Statut.OUVERTE, Statut.COMMUNAUTE_CONSTITUEE, Statut.CANDIDATE, Statut.RETENUE]
    problematiques = Problematique.objects.bulk_create(
        Problematique(
            titre=f"Problème en volume {i}",
            slug=f"volume-{i}",
            constat="Un constat",
            publics_concernes="Des habitants",
            statut=statuts[i % len(statuts)],
            publiee_le=maintenant - timedelta(minutes=i),
            organisation=organisation,
        )
        for i in range(NB_PROBLEMATIQUES)
    )
    lieux = [*departements, *epcis, *communes]
    lien_territoires = Problematique.territoires.through
    lien_territoires.objects.bulk_create(
        lien_territoires(problematique=p, territoire=lieux[i % len(lieux)])
        for i, p in enumerate(problematiques)
    )
    lien_themes = Problematique.themes.through
    lien_themes.objects.bulk_create(
        lien_themes(problematique=p, theme=themes[i % len(themes)])
        for i, p in enumerate(problematiques)
    )
    personnes = Personne.objects.bulk_create(
        Personne(email=f"volume{i}@exemple.fr", first_name="Prénom", last_name=f"Nom{i}")
        for i in range(NB_SOUTIENS // 20 if soutiens_sur is None else NB_SOUTIENS)
    )
    if soutiens_sur is None:
        # 100 people support 20 problems each.
        soutiens = (
            Soutien(problematique=problematiques[(i * 20 + j) % NB_PROBLEMATIQUES], personne=p)
            for i, p in enumerate(personnes)
            for j in range(20)
        )
    else:
        soutiens = (
            Soutien(problematique=soutiens_sur, personne=p, organisation=organisation)
            for p in personnes
        )
    Soutien.objects.bulk_create(soutiens)
    Problematique.objects.filter(
        pk__in=[soutiens_sur.pk] if soutiens_sur else [p.pk for p in problematiques]
    ).recompter_soutiens()
    if soutiens_sur is not None:
        Transition.objects.bulk_create(
            Transition(
                problematique=soutiens_sur,
                type=TypeTransition.OUVRIR,
                statut_avant=Statut.EN_QUALIFICATION,
                statut_apres=Statut.OUVERTE,
                publique=True,
                commentaire_public=f"Étape {i}",
            )
            for i in range(20)
        )
    return problematiques
