"""The one way user-written text becomes HTML: Markdown rendered, then sanitised by nh3.

Every place that shows text a person wrote goes through :func:`rendre_markdown` (in templates,
the ``|markdown`` filter of ``tilab_markdown``). Raw HTML typed by a person is not parsed, only
shown as text, and the output is filtered again by nh3's allow-list (tags, attributes, URL
schemes): a payload can at worst show up as text.

French typography then keeps « : ; ? ! », guillemets and a number with its unit on the line of
the word before (``tilab.typographie``): only ordinary spaces of the text are replaced by
no-break ones, never a word, a tag or the inside of code, so what was safe stays safe and a
person's question mark no longer starts a line of its own.

Building a Markdown converter (its extensions, their patterns) costs more than converting a
short text, and a problem's page renders some twenty texts: each thread keeps one converter,
reset before every text, and the process one nh3 cleaner.

The same texts come back on every visit of a busy page (a decision's reasons on the register,
in the feed and on its session's page): the HTML is a function of the text alone, so each
process keeps the last :data:`TEXTES_RETENUS` short texts it rendered (an LRU cache, bounded in
entries and in size per entry: some 20 Mo at worst, far less in practice). Nothing to invalidate:
a changed text is another key.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from functools import lru_cache

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from tilab.typographie import typographier_html

TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


class _DemoteHeadings(Treeprocessor):
    """A page has one h1, its own title: a person's '# Titre' becomes an h2, and so on."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1] in "123456":
                element.tag = f"h{min(int(element.tag[1]) + 1, 6)}"


class _TilabExtension(Extension):
    """Raw HTML is shown as typed, images become plain links, headings are demoted."""

    def extendMarkdown(self, markdown: md.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Without these, '<b>' typed in a text is escaped as text instead of being parsed;
        # code spans and <https://…> autolinks keep working.
        markdown.preprocessors.deregister("html_block")
        markdown.inlinePatterns.deregister("html")
        # Remote images would leak readers' addresses and are blocked by the CSP anyway.
        markdown.inlinePatterns.deregister("image_link")
        markdown.inlinePatterns.deregister("image_reference")
        markdown.treeprocessors.register(_DemoteHeadings(markdown), "tilab_demote_headings", 5)


# A Markdown instance keeps state while it converts (references, footnotes…): one per thread,
# never shared by two requests at once.
_par_fil = threading.local()
# Immutable once built: shared by every thread.
_NETTOYEUR = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
)


def _convertisseur() -> md.Markdown:
    """This thread's converter, built on its first text."""
    convertisseur: md.Markdown | None = getattr(_par_fil, "convertisseur", None)
    if convertisseur is None:
        convertisseur = md.Markdown(
            extensions=["sane_lists", "tables", "fenced_code", _TilabExtension()],
            output_format="html",
        )
        _par_fil.convertisseur = convertisseur
    return convertisseur


TEXTES_RETENUS = 2048
LONGUEUR_RETENUE = 4000  # characters; a longer text (a whole page) is rendered every time


def rendre_markdown(texte: str | None) -> SafeString:
    """Render a person's Markdown to safe HTML (empty string for empty input)."""
    if not texte:
        return mark_safe("")  # noqa: S308 (constant)
    if len(texte) <= LONGUEUR_RETENUE:
        return _rendre_retenu(texte)
    return _rendre(texte)


@lru_cache(maxsize=TEXTES_RETENUS)
def _rendre_retenu(texte: str) -> SafeString:
    return _rendre(texte)


def _rendre(texte: str) -> SafeString:
    convertisseur = _convertisseur()
    try:
        html = convertisseur.convert(texte)
    finally:
        # Nothing of this text (a link reference, say) may reach the next one.
        convertisseur.reset()
    propre = _NETTOYEUR.clean(html)
    # Sanitised by nh3 just above; the typography only turns spaces into no-break ones.
    return mark_safe(typographier_html(propre))  # noqa: S308
