from django.apps import AppConfig


class CommunautesConfig(AppConfig):
    name = "communautes"
    verbose_name = "Communautés et personnes"

    def ready(self) -> None:
        from communautes import services, services_engagements, services_evenements

        services.enregistrer_section_export("compte", services.section_compte)
        services.enregistrer_section_export("evenements", services_evenements.section_export)
        services.enregistrer_section_export("engagements", services_engagements.section_export)
