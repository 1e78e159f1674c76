from django.apps import AppConfig


class ExperimentationsConfig(AppConfig):
    name = "experimentations"
    verbose_name = "Expérimentations"

    def ready(self) -> None:
        from experimentations import donnees, feeds
        from experimentations.models import Experimentation
        from experimentations.views import trajectoire as vues_trajectoire
        from problematiques import trajectoire
        from tilab.recherche import enregistrer_source

        donnees.enregistrer()
        feeds.enregistrer()
        enregistrer_source(
            "experimentations",
            libelle="Expérimentations",
            ordre=40,
            lignes=Experimentation.objects.publiques,
            titre="titre",
            extrait="resume",
            adresse=("experimentations:detail", "slug"),
        )
        # What a problem's page shows of its experiment: its steps on the trajectory and a
        # side panel linking to it, fetched with the problem.
        trajectoire.enregistrer_relations("experimentation")
        trajectoire.enregistrer_etapes(vues_trajectoire.etapes)
        trajectoire.enregistrer_panneau(
            "experimentation",
            gabarit="experimentations/includes/_experimentation_encart.html",
            place="cote",
            ordre=5,
            contexte=vues_trajectoire.contexte_problematique,
        )
        trajectoire.enregistrer_panneau(
            "experimentation_admin",
            gabarit="admin/experimentations/includes/_experimentation_problematique.html",
            place="admin",
            ordre=20,
            contexte=vues_trajectoire.contexte_admin,
        )
