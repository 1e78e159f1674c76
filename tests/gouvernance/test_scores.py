"""The arithmetic of a session's results (no database)."""

from __future__ import annotations

from decimal import Decimal

from gouvernance import scores
from gouvernance.scores import Bulletin, CritereNote

A = CritereNote(1, "Portée par le terrain", 3, (0, 1, 2))
B = CritereNote(2, "Territoire prêt", 1, (1, 2, 3, 4, 5))


def test_weights_and_normalisation_to_the_scale():
    r = scores.resultats(
        [A, B],
        [Bulletin("retenir", {1: 2, 2: 5}), Bulletin("ajourner", {1: 1, 2: 3})],
    )
    # A: mean 1.5 on 0..2 → 0.75 × 3/4 × 100 = 56.25; B: mean 4 on 1..5 → 0.75 × 1/4 × 100.
    assert [(c.moyenne, c.points, c.nb_notes) for c in r.criteres] == [
        (Decimal("1.50"), Decimal("56.25"), 2),
        (Decimal("4.00"), Decimal("18.75"), 2),
    ]
    assert r.total == Decimal("75.00")
    assert (r.nb_votes, r.nb_retenir, r.nb_ajourner, r.nb_ne_pas_retenir) == (2, 1, 1, 0)


def test_full_marks_make_100_and_lowest_marks_0():
    assert scores.resultats([A, B], [Bulletin("retenir", {1: 2, 2: 5})]).total == Decimal(100)
    assert scores.resultats([A, B], [Bulletin("retenir", {1: 0, 2: 1})]).total == Decimal(0)


def test_missing_scores_are_left_out_of_the_mean():
    r = scores.resultats([A], [Bulletin("retenir", {1: 2}), Bulletin("retenir", {})])
    assert r.criteres[0].moyenne == Decimal(2) and r.criteres[0].nb_notes == 1
    assert r.total == Decimal(100)


def test_abstentions_are_left_out_of_scores_and_tallies():
    r = scores.resultats(
        [A],
        [Bulletin("retenir", {1: 0}), Bulletin("retenir", {1: 2}, abstention=True)],
    )
    assert r.total == Decimal(0)
    assert (r.nb_votes, r.nb_abstentions, r.nb_retenir) == (1, 1, 1)


def test_a_criterion_nobody_scored_counts_zero_and_is_flagged():
    r = scores.resultats([A, B], [Bulletin("ne_pas_retenir", {1: 2})])
    assert r.total == Decimal(75)
    assert [c.libelle for c in r.criteres_sans_note] == ["Territoire prêt"]
    assert r.en_json()["criteres"][1] == {
        "critere_id": 2,
        "libelle": "Territoire prêt",
        "poids": 1,
        "moyenne": None,
        "nb_notes": 0,
        "points": 0.0,
    }


def test_no_vote_at_all_gives_zero():
    r = scores.resultats([A, B], [])
    assert r.total == Decimal(0) and r.nb_votes == 0 and len(r.criteres_sans_note) == 2


def test_rounding_to_two_decimals_half_up():
    tiers = CritereNote(3, "Tiers", 1, (0, 1, 2, 3))
    # Mean 1/3 on 0..3 → 1/9 × 100 = 11.111…
    r = scores.resultats([tiers], [Bulletin("retenir", {3: 1}), *[Bulletin("retenir", {3: 0})] * 2])
    assert r.criteres[0].moyenne == Decimal("0.33")
    assert r.total == Decimal("11.11")
    assert scores.arrondi(scores.Fraction(1, 8)) == Decimal("0.13")


def test_json_shape():
    donnees = scores.resultats([A], [Bulletin("retenir", {1: 1})]).en_json()
    assert donnees == {
        "criteres": [
            {
                "critere_id": 1,
                "libelle": "Portée par le terrain",
                "poids": 3,
                "moyenne": 1.0,
                "nb_notes": 1,
                "points": 50.0,
            }
        ],
        "total": 50.0,
        "nb_votes": 1,
        "nb_abstentions": 0,
    }


def test_ties_share_their_rank():
    r = scores.rangs({"a": Decimal(50), "b": Decimal(70), "c": Decimal(50), "d": None})
    assert r["b"] == scores.Rang(1, False)
    assert r["a"] == r["c"] == scores.Rang(2, True)
    assert r["d"] == scores.Rang(4, False)


def test_the_explanation_is_in_french():
    assert "poids" in scores.EXPLICATION and "ex æquo" in scores.EXPLICATION
