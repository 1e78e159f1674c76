"""Helpers shared by the browser tests."""

from __future__ import annotations


def connecter(page, live_server, personne) -> None:
    """Log ``page`` in as ``personne`` by handing the browser a session cookie (the login form
    has its own tests)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(personne)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
