"""WSGI entry point, served by gunicorn in production (``make serve``)."""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from tilab.env import EnvError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilab.settings")

try:
    application = get_wsgi_application()
except EnvError as exc:
    # Same one-line answer as manage.py: the operator has a variable to fix, not a bug.
    sys.exit(f"Erreur de configuration : {exc}")

# What every request uses from then on is loaded now (the apps, the URLs and the views they
# import), then set aside from Python's garbage collector: its full collections no longer walk
# these hundred thousand objects that live as long as the process, about 80 ms once in
# a hundred requests (`make bench`'s slowest requests).
get_resolver().url_patterns  # noqa: B018 (imports every view)
gc.collect()
gc.freeze()
