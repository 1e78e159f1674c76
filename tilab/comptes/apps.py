from django.apps import AppConfig


class ComptesConfig(AppConfig):
    """People, organisations, territories, themes and roles: the foundation every app points
    to. It imports no other app of the project."""

    name = "tilab.comptes"
    label = "comptes"
    verbose_name = "Comptes et référentiels"

    def ready(self) -> None:
        from tilab.comptes import services

        services.enregistrer_section_export("compte", services.section_compte)
