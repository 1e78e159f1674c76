from django import template
from django.utils.safestring import SafeString

from tilab.markdown import rendre_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(texte: str | None) -> SafeString:
    """``{{ probleme.constat|markdown }}``: a person's Markdown, rendered and sanitised."""
    return rendre_markdown(texte)
