"""What the site frame (templates/base.html) needs to know about where the visitor is."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse

from tilab import flux
from tilab.flux import Flux

register = template.Library()

# The sections of the public URL map, in the order of the lifecycle (a problem, its community,
# the events that bring people together, the experiment, the decisions, the documentation).
# A page belongs to the section whose index its path starts with: by path rather than by URL
# namespace, because some namespaces lend paths to another section (the team's actions on a
# problem's community live under /problematiques/<slug>/ in the communautes namespace).
SECTIONS = [
    ("problematiques:index", "Problématiques"),
    ("communautes:index", "Communautés"),
    ("evenements:index", "Événements"),
    ("experimentations:index", "Expérimentations"),
    ("gouvernance:index", "Gouvernance"),
    ("documentation:index", "Documentation"),
]


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    # "page" on the section's own page, "true" anywhere below it, "" elsewhere:
    # the value of aria-current, so assistive technologies say where the visitor is.
    current: str


def current_state(path: str | None, url: str) -> str:
    """The aria-current value of a link to ``url`` on the page at ``path``: "page" on that very
    page, "true" on a page below it (``url`` ends with « / », so « /evenements/ » never claims
    « /evenements.ics »), "" elsewhere and for the site's root, which every path starts with."""
    if not path:
        return ""
    if path == url:
        return "page"
    if url != "/" and url.endswith("/") and path.startswith(url):
        return "true"
    return ""


@register.simple_tag(takes_context=True)
def main_navigation(context: template.Context) -> list[NavLink]:
    # The 500 page renders without a request: then no link is marked current.
    request = context.get("request")
    path = getattr(request, "path", None)
    links = []
    for name, label in SECTIONS:
        url = reverse(name)
        links.append(NavLink(url=url, label=label, current=current_state(path, url)))
    return links


@register.simple_tag(takes_context=True)
def aria_current(context: template.Context, url: str) -> str:
    """The aria-current value for a link to ``url`` on the page being rendered."""
    request = context.get("request")
    return current_state(getattr(request, "path", None), url)


@register.simple_tag(takes_context=True)
def flux_de_la_page(context: template.Context) -> list[Flux]:
    """The Atom feeds the page advertises in its ``<head>`` (:func:`tilab.flux.flux_de_la_page`):
    those of its section, every one on the home page. No query."""
    return flux.flux_de_la_page(context.get("request"))
