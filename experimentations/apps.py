from django.apps import AppConfig


class ExperimentationsConfig(AppConfig):
    name = "experimentations"
    verbose_name = "Expérimentations"
