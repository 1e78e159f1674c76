"""The SVG bar chart helper: geometry, accessible markup, no inline style, figures in a table."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from tilab.graphiques import graphique_barres


def rendre(**options) -> str:
    graphique = graphique_barres(
        options.pop("donnees", [("Finistère", 4), ("Morbihan", 2), ("Ille-et-Vilaine", 0)]),
        identifiant=options.pop("identifiant", "g"),
        titre=options.pop("titre", "Par département"),
        libelle_colonne="Département",
        **options,
    )
    return render_to_string("includes/_graphique_barres.html", {"graphique": graphique})


def test_bars_are_proportional_to_values_in_the_given_order():
    graphique = graphique_barres(
        [("a", 10), ("b", 5), ("c", 0)], identifiant="x", titre="t", libelle_colonne="c"
    )

    largeurs = [float(b.largeur) for b in graphique.barres]
    assert [b.libelle for b in graphique.barres] == ["a", "b", "c"]
    assert largeurs[0] == 2 * largeurs[1]
    assert largeurs[2] == 0
    assert graphique.total == 15


def test_an_empty_chart_does_not_divide_by_zero():
    graphique = graphique_barres([("a", 0)], identifiant="x", titre="t", libelle_colonne="c")

    assert graphique.est_vide
    assert graphique.barres[0].largeur == "0"


def test_svg_numbers_are_never_localised():
    # In French, 12.5 would print "12,5", which SVG does not read.
    html = rendre(donnees=[("a", 3), ("b", 1), ("c", 2)])

    for valeur in re.findall(r'(?:width|x|y)="([^"]+)"', html):
        assert "," not in valeur


def test_svg_is_an_image_named_by_its_title_and_description():
    html = rendre(identifiant="graphique-test")

    assert 'role="img"' in html
    assert 'aria-labelledby="graphique-test-titre graphique-test-desc"' in html
    assert '<title id="graphique-test-titre">Par département</title>' in html
    assert (
        '<desc id="graphique-test-desc">Finistère : 4 ; Morbihan : 2 ; Ille-et-Vilaine : 0.' in html
    )


def test_no_inline_style_and_colours_by_class():
    html = rendre()

    assert "style=" not in html
    assert "fill=" not in html
    assert 'class="graphique__barre' in html


def test_same_figures_in_a_table():
    html = rendre()

    lignes = re.findall(r'<th scope="row">([^<]+)</th><td class="nombre">([^<]+)</td>', html)
    assert lignes == [("Finistère", "4"), ("Morbihan", "2"), ("Ille-et-Vilaine", "0")]
    assert '<caption id="chiffres-par-departement">' in html
    # Where the table scrolls (a phone), the keyboard reaches its frame, named after it.
    assert 'tabindex="0" role="region" aria-labelledby="chiffres-par-departement"' in html


def test_labels_are_escaped():
    html = rendre(donnees=[("<script>x</script>", 1)])

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_large_figures_are_grouped_the_french_way():
    html = rendre(donnees=[("a", 12345)])

    assert "12\u00a0345" in html
