"""Card geometry: the wrapping both the layout and the page rely on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.cards import (
    ELLIPSIS,
    FONT_SIZE,
    LINE_HEIGHT,
    LINE_WIDTH,
    MAX_LINES,
    card_height,
    card_label,
    card_lines,
    char_width,
    page_geometry,
    text_width,
)
from argmap.model import ArgumentMap

words = st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=30)
labels = st.lists(words, max_size=20).map(" ".join) | st.text(max_size=120)


def test_short_labels_stay_on_one_line() -> None:
    assert card_lines("Remove rivals") == ["Remove rivals"]
    assert card_lines("  Remove\n rivals ") == ["Remove rivals"]


def test_wraps_at_word_boundaries() -> None:
    assert card_lines("Admirals and officers purged") == ["Admirals and officers", "purged"]
    assert card_lines("Excuse for Five Year Plan failures") == ["Excuse for Five Year", "Plan failures"]


def test_overflow_ends_with_an_ellipsis() -> None:
    lines = card_lines("The quick brown fox jumps over the lazy dog and keeps running far away")
    assert lines == ["The quick brown fox", "jumps over the lazy dog", "and keeps running far…"]
    # a full last line loses its last word, not a piece of it
    lines = card_lines("aaaa bbbb cccc dddd eee " * 4)
    assert len(lines) == MAX_LINES and lines[-1].endswith(ELLIPSIS)
    assert lines[-1].removesuffix(ELLIPSIS).split(" ")[-1] in ("aaaa", "bbbb", "cccc", "dddd", "eee")
    assert all(text_width(line) <= LINE_WIDTH for line in lines)


def test_long_words_are_cut() -> None:
    assert card_lines("Supercalifragilisticexpialidocious is long") == [
        "Supercalifragilisticexpial", "idocious is long"]
    assert card_lines("a" * 60) == ["a" * 20] * 3  # exactly three lines: no ellipsis
    assert card_lines("a" * 60 + " b") == ["a" * 20, "a" * 20, "a" * 18 + ELLIPSIS]


def test_lines_are_wrapped_by_width_not_characters() -> None:
    # 22 narrow letters fit one line, 22 wide ones do not: the page would have to shrink the font
    assert card_lines("illicit little lilt il") == ["illicit little lilt il"]
    wide = card_lines("MMMM WWWW mmmm wwww MMMM WWWW")
    assert len(wide) > 1 and all(text_width(line) <= LINE_WIDTH for line in wide)
    assert char_width("m") > char_width("i") and char_width("\u884c") == FONT_SIZE
    assert char_width("\u0301") == 0  # a combining accent adds nothing


def test_blank_label_is_one_empty_line() -> None:
    # the page splits the joined lines on "\n": "" is one line there too
    assert card_lines("") == [""]
    assert card_lines("   ") == [""]
    assert card_height([""]) == card_height(["x"])


def test_height_and_geometry() -> None:
    assert card_height(["a"]) == 34
    assert card_height(["a", "b", "c"]) == 34 + 2 * LINE_HEIGHT
    assert page_geometry() == {"width": 200, "padding": 8, "lineHeight": 18,
                               "fontSize": 15, "kindFontSize": 11}


def test_card_label_falls_back_to_the_shortened_text() -> None:
    amap = ArgumentMap()
    amap.add_node("a", "reason", "A long statement " * 10)
    amap.add_node("b", "reason", "text", label="Own label")
    assert card_label(amap, "a") == amap.label("a")
    assert len(card_label(amap, "a")) <= 48
    assert card_label(amap, "b") == "Own label"


@given(labels)
def test_lines_fit_the_card(label: str) -> None:
    lines = card_lines(label)
    assert 1 <= len(lines) <= MAX_LINES
    assert all(text_width(line) <= LINE_WIDTH for line in lines)
    assert all("\n" not in line for line in lines)
    assert card_lines(label) == lines  # deterministic


@given(labels)
def test_lines_keep_the_words(label: str) -> None:
    lines = card_lines(label)
    joined = " ".join(lines)
    words_in = label.split()
    if "".join(lines).replace(" ", "") != "".join(words_in):
        # a prefix of the label's words, cut at most inside the last one shown
        assert len(lines) == MAX_LINES
        assert lines[-1].endswith(ELLIPSIS)
        shown = joined[: -len(ELLIPSIS)].replace(" ", "")
        assert "".join(words_in).startswith(shown)
    else:
        # nothing lost: the words in order, a word cut only when longer than a line
        assert "".join(lines).replace(" ", "") == "".join(words_in)
        for line in lines:
            for word in line.split(" "):
                assert word in words_in or text_width(word) <= LINE_WIDTH


# words of up to 12 lowercase letters are narrower than a line even in "m"s
@given(st.lists(st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1,
                        max_size=12), min_size=1, max_size=12))
def test_short_words_are_never_split(ws: list[str]) -> None:
    lines = card_lines(" ".join(ws))
    shown = " ".join(lines).removesuffix(ELLIPSIS).split(" ")
    cut = lines[-1].endswith(ELLIPSIS)
    for i, word in enumerate(shown):
        if cut and i == len(shown) - 1:
            assert ws[i].startswith(word)  # the last word shown may be cut before the "…"
        else:
            assert word == ws[i]
