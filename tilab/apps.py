from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class TilabConfig(AppConfig):
    name = "tilab"
    verbose_name = "Ti Lab"


class AdminTilabConfig(admin_apps.AdminConfig):
    """Django's admin with the back office's own site (``admin.site`` is a
    :class:`tilab.admin.SiteAdmin`): every model registered gets its guards."""

    # Not the default config of the tilab app: named in INSTALLED_APPS in place of the admin.
    default = False
    default_site = "tilab.admin.SiteAdmin"
