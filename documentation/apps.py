from django.apps import AppConfig


class DocumentationConfig(AppConfig):
    name = "documentation"
    verbose_name = "Documentation"

    def ready(self) -> None:
        from documentation import coutures, feeds
        from documentation.models import Page
        from problematiques import trajectoire
        from tilab.accueil import enregistrer_section_accueil
        from tilab.panneaux import enregistrer_panneau
        from tilab.recherche import enregistrer_source

        # The pages of the apps below show their documentation through their seams.
        enregistrer_panneau(
            "experimentation",
            "documentation",
            gabarit="documentation/includes/_panneau_experimentation.html",
            ordre=10,
            contexte=coutures.panneau_experimentation,
        )
        enregistrer_panneau(
            "communaute",
            "documentation",
            gabarit="documentation/includes/_panneau_communaute.html",
            ordre=10,
            contexte=coutures.panneau_communaute,
        )
        enregistrer_panneau(
            "evenement",
            "documentation",
            gabarit="documentation/includes/_panneau_evenement.html",
            ordre=10,
            contexte=coutures.panneau_evenement,
        )
        trajectoire.enregistrer_panneau(
            "documentation",
            gabarit="documentation/includes/_panneau_problematique.html",
            place="principal",
            ordre=30,
            contexte=coutures.panneau_problematique,
        )
        enregistrer_section_accueil(
            "documentation",
            gabarit="documentation/includes/_accueil.html",
            elements=coutures.dernieres_publiees,
            ordre=40,
        )
        enregistrer_source(
            "documentation",
            libelle="Documentation",
            ordre=60,
            lignes=Page.objects.publiees,
            titre="titre",
            extrait="resume",
            adresse=("documentation:page", "slug"),
            liste="documentation:index",
        )
        coutures.enregistrer_jeux()
        feeds.enregistrer()
