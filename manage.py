#!/usr/bin/env python
"""Django's command-line utility for the Ti Lab portal."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilab.settings")
    from django.core.management import execute_from_command_line

    from tilab.env import EnvError

    try:
        execute_from_command_line(sys.argv)
    except EnvError as exc:
        # A bad setting is the operator's to fix: one line, no traceback.
        print(f"Erreur de configuration : {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
