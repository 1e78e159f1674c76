"""WSGI entry point, served by gunicorn in production (``make serve``)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from tilab.env import EnvError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilab.settings")

try:
    application = get_wsgi_application()
except EnvError as exc:
    # Same one-line answer as manage.py: the operator has a variable to fix, not a bug.
    sys.exit(f"Erreur de configuration : {exc}")
