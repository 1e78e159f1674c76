from django.apps import AppConfig


class GouvernanceConfig(AppConfig):
    name = "gouvernance"
    verbose_name = "Gouvernance"

    def ready(self) -> None:
        from gouvernance.services import consultation
        from tilab.comptes.services import enregistrer_section_export

        enregistrer_section_export("commentaires_de_consultation", consultation.section_export)
