"""Quotes are found in the essay despite typographic differences, at exact offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.text import Essay, fold


def test_folding() -> None:
    assert fold("Stalin\u2019s \u201crivals\u201d \u2014 all\n\n of them\u2026") == \
        "Stalin's \"rivals\" - all of them..."


def test_find_returns_original_offsets() -> None:
    text = "First.\n\nKirov\u2019s murder was  actually\nordered \u2014 maybe."
    essay = Essay(text)
    start, end = essay.find("Kirov's murder was actually ordered - maybe")
    assert text[start:end] == "Kirov\u2019s murder was  actually\nordered \u2014 maybe"
    assert essay.find("not there") is None
    assert essay.find("   ") is None
    assert essay.paragraph_of(start) == 2


@given(st.text(max_size=200), st.integers(0, 200), st.integers(1, 60))
def test_every_passage_is_found(text: str, at: int, length: int) -> None:
    essay = Essay(text)
    passage = text[at: at + length]
    if not fold(passage):
        return
    found = essay.find(passage)
    assert found is not None
    start, end = found
    assert fold(text[start:end]) == fold(passage)
