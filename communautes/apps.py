from django.apps import AppConfig


class CommunautesConfig(AppConfig):
    name = "communautes"
    verbose_name = "Communautés et personnes"
