from django.apps import AppConfig


class ProblematiquesConfig(AppConfig):
    name = "problematiques"
    verbose_name = "Problématiques"

    def ready(self) -> None:
        from communautes.services import enregistrer_section_export
        from problematiques.services import section_export

        # The person's reports and supports go into their personal data export (RGPD art. 15).
        enregistrer_section_export("problematiques", section_export)
