"""Differences between two versions: the theory's words, the grid's criteria."""

from __future__ import annotations

from gouvernance.differences import (
    CritereCompare,
    difference_criteres,
    difference_texte,
    paragraphes,
)


def test_paragraphs_are_the_blocks_between_blank_lines():
    assert paragraphes("Un\nsuite\n\n  \nDeux\r\n\r\nTrois\n") == ["Un\nsuite", "Deux", "Trois"]


def test_words_added_and_removed_are_marked_and_announced():
    html = difference_texte("Le lab agit seul.\n\nFin.", "Le lab agit avec les agents.\n\nFin.")
    assert "Le lab agit " in html
    assert '<del><span class="visually-hidden">supprimé : </span>seul.' in html
    assert '<ins><span class="visually-hidden">ajouté : </span>avec les agents.' in html
    assert "\n\nFin." in html


def test_a_text_without_change_has_no_mark():
    assert "<ins>" not in difference_texte("Même texte.", "Même texte.")


def test_everything_typed_is_escaped():
    charge = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    html = difference_texte("Avant " + charge, "Après " + charge + " &amp;")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;amp;" in html


def critere(ordre, libelle, poids=2, description="", niveaux=((0, "Non"), (1, "Oui"))):
    return CritereCompare(ordre, libelle, description, poids, tuple(niveaux))


def test_criteria_added_removed_reworded_reweighted_and_rescaled():
    avant = [
        critere(1, "Ampleur du besoin", 3),
        critere(2, "Maturité", 2, "Une communauté"),
        critere(3, "Coût", 1),
        critere(4, "Ancrage", 2),
    ]
    apres = [
        critere(1, "Ampleur du besoin", 4),  # reweighted
        critere(2, "Maturité de la communauté", 2, "Une communauté engagée"),  # reworded, by order
        critere(3, "Ancrage", 2, niveaux=((0, "Non"), (1, "Un peu"), (2, "Oui"))),  # rescaled
        critere(4, "Potentiel d'essaimage", 2),  # added (order 4 taken by « Ancrage » by label)
    ]
    d = difference_criteres(avant, apres)
    assert [c.libelle for c in d.ajoutes] == ["Potentiel d'essaimage"]
    assert [c.libelle for c in d.retires] == ["Coût"]
    assert [(c.avant.libelle, c.apres.libelle) for c in d.reformules] == [
        ("Maturité", "Maturité de la communauté")
    ]
    assert "<ins>" in d.reformules[0].difference_description
    assert [(c.avant.poids, c.apres.poids) for c in d.reponderes] == [(3, 4)]
    assert [c.apres.libelle for c in d.echelles] == ["Ancrage"]
    assert not d.aucune and d.inchanges == []


def test_the_same_criteria_make_no_difference():
    criteres = [critere(1, "A"), critere(2, "B")]
    d = difference_criteres(criteres, list(criteres))
    assert d.aucune and len(d.inchanges) == 2


def test_long_texts_compared_once_then_read_from_the_cache(db, django_assert_num_queries):
    from gouvernance.differences import LONGUEUR_EN_CACHE

    avant = "\n\n".join(f"Paragraphe {i} : les agents et les communs." for i in range(80))
    apres = avant.replace("Paragraphe 7 : les agents", "Paragraphe 7 : les élus")
    assert len(avant) + len(apres) > LONGUEUR_EN_CACHE
    premiere = difference_texte(avant, apres)
    assert '<del><span class="visually-hidden">supprimé : </span>agents' in premiere
    with django_assert_num_queries(1):  # the cache's read, no comparison
        assert difference_texte(avant, apres) == premiere
    # Another text is another key: never the first text's difference.
    autre = difference_texte(avant, apres.replace("élus", "habitants"))
    assert "habitants" in autre and "élus" not in autre
