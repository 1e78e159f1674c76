from django.apps import AppConfig


class ProblematiquesConfig(AppConfig):
    name = "problematiques"
    verbose_name = "Problématiques"
