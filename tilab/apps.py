from django.apps import AppConfig


class TilabConfig(AppConfig):
    name = "tilab"
    verbose_name = "Ti Lab"
