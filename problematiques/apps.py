from django.apps import AppConfig


class ProblematiquesConfig(AppConfig):
    name = "problematiques"
    verbose_name = "Problématiques"

    def ready(self) -> None:
        from problematiques import donnees, feeds, services
        from problematiques.models import Problematique
        from problematiques.views import public
        from tilab.accueil import enregistrer_section_accueil
        from tilab.comptes.services import enregistrer_section_export
        from tilab.recherche import enregistrer_source

        donnees.enregistrer()
        feeds.enregistrer()
        enregistrer_source(
            "problematiques",
            libelle="Problématiques",
            ordre=10,
            lignes=Problematique.objects.publiques,
            titre="titre",
            extrait="constat",
            adresse=("problematiques:detail", "slug"),
            liste="problematiques:index",
        )
        # The person's reports and supports go into their personal data export (RGPD art. 15).
        enregistrer_section_export("problematiques", services.section_export)
        enregistrer_section_accueil(
            "problematiques",
            gabarit="problematiques/includes/_problematique_accueil.html",
            elements=public.dernieres_publiees,
            ordre=10,
        )
