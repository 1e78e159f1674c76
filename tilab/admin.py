"""What the back office's model pages share: buttons on a change page that post to URLs of
their own (:class:`ModeleAdminAvecBoutons`).

A state is never edited as a field: each change is a small form on the change page (a step of a
problem, a community's new state) posting to a POST-only admin URL whose view calls a service.
This module declares those URLs and hands the change page its forms; what each button does,
who may press it and what it says afterwards stay in the app's own admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST


@dataclass(frozen=True)
class UrlBouton:
    """A POST-only admin URL for the buttons of a change page.

    ``chemin`` is relative to the model's admin URLs (``"<int:object_id>/statut/"``), ``nom``
    completes the URL's name (``admin:<app>_<model>_<nom>``) and ``vue`` names the
    ``ModelAdmin`` method answering it.
    """

    chemin: str
    nom: str
    vue: str


class ModeleAdminAvecBoutons(admin.ModelAdmin):
    """A ``ModelAdmin`` whose change page carries buttons that post to URLs of their own.

    Subclasses list their URLs in ``urls_boutons``; each view is served by the admin site
    (login, staff and CSRF checks, no cache) and answers POST only (405 otherwise): checking
    the person's permission, calling the service and saying what happened is the view's job.
    :meth:`contexte_modification` gives the change page what its buttons need.
    """

    urls_boutons: ClassVar[tuple[UrlBouton, ...]] = ()

    def get_urls(self) -> list[URLPattern]:
        # Before the model's own URLs: "<path:object_id>/" would match these paths first.
        return [
            path(
                bouton.chemin,
                self.admin_site.admin_view(require_POST(getattr(self, bouton.vue))),
                name=self._nom_url(bouton.nom),
            )
            for bouton in self.urls_boutons
        ] + super().get_urls()

    def url_bouton(self, nom: str, *args: Any) -> str:
        """The address of the button URL ``nom`` (one of ``urls_boutons``) for ``args``."""
        return reverse(f"{self.admin_site.name}:{self._nom_url(nom)}", args=args)

    def retour_page(self, objet: Any) -> HttpResponseRedirect:
        """Back to ``objet``'s change page, where the messages of the button's view show."""
        return HttpResponseRedirect(self.url_bouton("change", objet.pk))

    def contexte_modification(self, request: HttpRequest, objet: Any) -> dict[str, Any]:
        """What the change page of ``objet`` adds to its context: the buttons' forms and
        addresses, for the person asking. Nothing by default."""
        return {}

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        contexte = dict(extra_context or {})
        objet = self.get_object(request, object_id)
        if objet is not None:
            contexte |= self.contexte_modification(request, objet)
        return super().change_view(request, object_id, form_url, extra_context=contexte)

    def _nom_url(self, nom: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{nom}"
