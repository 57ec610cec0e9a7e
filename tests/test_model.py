"""The map's words: kind plurals and shortened labels (the page mirrors ``shorten``: test_page.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.model import plural_of, shorten


def test_kind_plurals() -> None:
    amap = argmap.ArgumentMap()
    plurals = {k: amap.kind_name(k, plural=True) for k in argmap.model.KINDS}
    assert plurals == {"thesis": "Theses", "reason": "Reasons", "claim": "Claims",
                       "evidence": "Evidence", "objection": "Objections", "rebuttal": "Rebuttals"}
    for name, want in (("Motive", "Motives"), ("Policy", "Policies"), ("Key", "Keys"),
                       ("Hypothesis", "Hypotheses"), ("Main cause", "Main causes"), ("Box", "Boxes"),
                       ("Research", "Research")):
        assert plural_of(name) == want


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis() -> None:
    text = "Germany was to blame because its army could strike before Russia was ready"
    short = shorten(text, 48)
    assert short == "Germany was to blame because its army could…"
    assert shorten("Short text", 48) == "Short text"


@given(st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=12), min_size=1, max_size=20),
       st.integers(10, 60))
def test_shorten_never_splits_a_word_when_it_can_help_it(words: list[str], width: int) -> None:
    text = " ".join(words)
    short = shorten(text, width)
    assert len(short) <= width
    if len(text) <= width:
        assert short == text
        return
    assert short.endswith("…")
    kept = short[:-1]
    assert text.startswith(kept)
    if " " in text[width // 2 + 1:width - 1]:  # a space late enough to cut at: whole words only
        assert text[len(kept)] == " "
