from django.apps import AppConfig


class GouvernanceConfig(AppConfig):
    name = "gouvernance"
    verbose_name = "Gouvernance"

    def ready(self) -> None:
        from gouvernance import feeds
        from gouvernance.models import Decision
        from gouvernance.services import consultation
        from tilab.comptes.services import enregistrer_section_export
        from tilab.recherche import enregistrer_source

        enregistrer_section_export("commentaires_de_consultation", consultation.section_export)
        feeds.enregistrer()
        from gouvernance import donnees

        donnees.enregistrer()
        enregistrer_source(
            "decisions",
            libelle="Décisions du COPIL",
            ordre=50,
            lignes=Decision.objects.pour_la_recherche,
            titre="titre",
            extrait="motifs",
            adresse=("gouvernance:candidature", "candidature__session__slug", "candidature_id"),
        )

        from gouvernance import trajectoire as copil_trajectoire
        from gouvernance.services import copil
        from problematiques import trajectoire
        from problematiques.models import TypeTransition
        from tilab.comptes.services import enregistrer_section_export

        # A COPIL member's seats and votes are in their personal data export.
        enregistrer_section_export("copil", copil.section_export)

        # What a problem's trajectory shows of its COPIL sessions and decision.
        trajectoire.enregistrer_etape_de_transition(
            TypeTransition.PRESENTER_AU_COPIL, copil_trajectoire.etape_presentation
        )
        trajectoire.enregistrer_etape_de_transition(
            TypeTransition.DECISION_COPIL, copil_trajectoire.etape_decision
        )
        trajectoire.enregistrer_panneau(
            "copil_admin",
            gabarit="admin/gouvernance/includes/_copil_problematique.html",
            place="admin",
            ordre=15,
            contexte=copil_trajectoire.contexte_admin,
        )
