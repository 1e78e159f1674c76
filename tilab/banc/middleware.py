"""Counts the SQL queries of each request, in an ``X-Nb-Requetes`` header: the bench reads it
while it measures. In ``MIDDLEWARE`` only when the bench setting is on (``BENCH=true``), first,
so that the session and the user are counted too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

ENTETE = "X-Nb-Requetes"


class CompterLesRequetes:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nombre = 0

        def compter(execute: Callable[..., Any], *args: Any) -> Any:
            nonlocal nombre
            nombre += 1
            return execute(*args)

        with connections["default"].execute_wrapper(compter):
            response = self.get_response(request)
        response[ENTETE] = str(nombre)
        return response
