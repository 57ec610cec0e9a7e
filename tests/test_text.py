"""Quotes are found in the essay despite typographic differences, at exact offsets."""

from __future__ import annotations

from hypothesis import given, settings
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


def _fold_reference(text: str) -> tuple[str, list[int]]:
    """The obvious fold: one list entry per character (what the fast one must equal)."""
    from argmap.text import _FOLD

    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        for r in _FOLD.get(ch, ch):
            out.append(r)
            offsets.append(i)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n\t\r\u2026\u2019\u201c\u2014\u00a0\u3000\x1cx")),
               max_size=40))
def test_fold_offsets_equal_one_offset_per_character(text: str) -> None:
    from argmap.text import fold_with_offsets

    folded, offsets = fold_with_offsets(text)
    expected, each = _fold_reference(text)
    assert folded == expected
    assert len(offsets) == len(each)
    assert [offsets[i] for i in range(len(offsets))] == each
    if each:
        assert offsets[-1] == each[-1]


def test_a_long_essay_keeps_offsets_only_where_the_text_changes_length() -> None:
    from argmap.text import fold_with_offsets

    text = "A sentence with single spaces\u2019 and curly quotes. " * 20_000 + "The end\u2026  really."
    folded, offsets = fold_with_offsets(text)
    assert len(offsets._folded) == 5  # the start, two inside the ellipsis, after it, the double space
    start, end = Essay(text).find("The end... really")  # type: ignore[misc]
    assert text[start:end] == "The end\u2026  really"
