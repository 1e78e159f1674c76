"""The single Markdown helper: formatting survives, every XSS payload comes out inert."""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from tilab.markdown import rendre_markdown

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.example'></iframe>",
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[clic](vbscript:msgbox(1))",
    '[clic](https://tilab.bzh "titre" onmouseover="alert(1)")',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<div>\n<script>alert(1)</script>\n</div>",
    "<<script>script>alert(1)<</script>/script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]

ALLOWED_TAGS = {"p", "a", "code", "pre", "strong", "em", "br", "ul", "ol", "li", "blockquote"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_come_out_inert(payload):
    html = str(rendre_markdown(payload))
    parser = _Collector()
    parser.feed(html)
    for tag, attrs in parser.elements:
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name != "style", html
            if name == "href":
                assert (value or "").startswith(("https://", "http://", "mailto:")), html


def test_formatting_people_use_is_kept():
    html = str(
        rendre_markdown(
            "Un **constat** et un _détail_.\n\n- un\n- deux\n\n"
            "Voir [le site](https://tilab.bzh) ou <https://bretagne.bzh>."
        )
    )
    assert "<strong>constat</strong>" in html
    assert "<em>détail</em>" in html
    assert "<ul>\n<li>un</li>" in html
    assert '<a href="https://tilab.bzh" rel="noopener noreferrer nofollow">le site</a>' in html
    assert 'href="https://bretagne.bzh"' in html


def test_headings_are_demoted_below_the_page_title():
    html = str(rendre_markdown("# Titre\n\n## Sous-titre\n\n###### Fin"))
    assert "<h1>" not in html
    assert "<h2>Titre</h2>" in html
    assert "<h3>Sous-titre</h3>" in html
    assert "<h6>Fin</h6>" in html


def test_html_typed_by_a_person_is_shown_as_text():
    assert str(rendre_markdown("J'ai écrit <b>gras</b>")) == (
        "<p>J'ai écrit &lt;b&gt;gras&lt;/b&gt;</p>"
    )


def test_empty_text_renders_nothing():
    assert rendre_markdown("") == ""
    assert rendre_markdown(None) == ""


def test_template_filter_uses_the_same_helper():
    rendered = Template("{% load tilab_markdown %}{{ texte|markdown }}").render(
        Context({"texte": "**ok** <script>alert(1)</script>"})
    )
    assert rendered == "<p><strong>ok</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>"


# --- One converter per thread, reset between texts ---------------------------------------


@pytest.fixture
def constructions(monkeypatch):
    """The converters built from now on, in this thread and the others."""
    import threading

    import markdown as md

    from tilab import markdown as module

    construits: list[threading.Thread] = []
    original = md.Markdown

    class Compte(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            construits.append(threading.current_thread())
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(module.md, "Markdown", Compte)
    monkeypatch.setattr(module, "_par_fil", threading.local())
    return construits


def test_the_converter_is_built_once_and_reused(constructions):
    for i in range(21):
        assert rendre_markdown(f"Texte **{i}**") == f"<p>Texte <strong>{i}</strong></p>"

    assert len(constructions) == 1


def test_nothing_of_a_text_reaches_the_next_one(constructions):
    premier = rendre_markdown("Voir [le site][tilab].\n\n[tilab]: https://tilab.bzh")
    second = rendre_markdown("Voir [le site][tilab].")

    assert 'href="https://tilab.bzh"' in premier
    assert "href" not in second and "[le site][tilab]" in second
    assert len(constructions) == 1


def test_each_thread_has_its_own_converter(constructions):
    import threading

    resultats: dict[int, str] = {}

    def rendre(i: int) -> None:
        resultats[i] = rendre_markdown(f"# Titre {i}\n\n- a\n- b")

    fils = [threading.Thread(target=rendre, args=(i,)) for i in range(4)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()

    assert resultats == {
        i: f"<h2>Titre {i}</h2>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>" for i in range(4)
    }
    assert len(constructions) == 4 and len(set(constructions)) == 4


def test_a_short_text_is_rendered_once_per_process_and_a_long_one_every_time():
    from tilab import markdown as module

    texte = "Un **motif** de décision, déjà rendu une fois ?"
    premiere = module.rendre_markdown(texte)
    avant = module._rendre_retenu.cache_info().hits
    assert (
        module.rendre_markdown(texte)
        == premiere
        == "<p>Un <strong>motif</strong> de décision, déjà rendu une fois\u202f?</p>"
    )
    assert module._rendre_retenu.cache_info().hits == avant + 1
    long = "Paragraphe <script>x</script>.\n\n" * (module.LONGUEUR_RETENUE // 20)
    assert len(long) > module.LONGUEUR_RETENUE
    taille = module._rendre_retenu.cache_info().currsize
    html = module.rendre_markdown(long)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert module._rendre_retenu.cache_info().currsize == taille


def test_a_persons_text_keeps_french_punctuation_on_the_line_of_its_word():
    html = str(
        rendre_markdown(
            "Pourquoi pas de voiture ? Voir : « ici » et **4 h** par mois ; `a ?b` reste tel quel."
        )
    )
    assert "voiture\u202f?" in html and "Voir\u00a0:" in html
    assert "«\u00a0ici\u00a0»" in html and "4\u00a0h" in html and "mois\u202f;" in html
    # Code is left as typed; a fenced block too.
    assert "<code>a ?b</code>" in html
    assert "x ? y" in str(rendre_markdown("```\nx ? y\n```"))
