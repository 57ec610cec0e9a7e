"""Finding a node's quote in the essay despite typographic differences.

Students type straight quotes and hyphens where the essay has curly quotes and dashes, and line
breaks fall differently; a quote still counts as the essay's own words when it matches after those
differences are folded away. Offsets returned are into the original text, so the page can mark the
exact passage.
"""

from __future__ import annotations

import bisect

_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}


def fold(text: str) -> str:
    """``text`` with quotes, dashes and runs of white space made uniform."""
    return fold_with_offsets(text)[0]


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset it came from in ``text``."""
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
        repl = _FOLD.get(ch, ch)
        for r in repl:
            out.append(r)
            offsets.append(i)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


class Essay:
    """An essay's text with an index for finding quotes in it (fold once, search many)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded, self._offsets = fold_with_offsets(text)

    def find(self, quote: str) -> tuple[int, int] | None:
        """``(start, end)`` of the first passage matching ``quote``, as offsets into the text."""
        needle = fold(quote)
        if not needle:
            return None
        at = self._folded.find(needle)
        if at < 0:
            return None
        start = self._offsets[at]
        end = self._offsets[at + len(needle) - 1] + 1
        # a folded "..." came from one character: step over the whole original character
        return start, max(end, start + 1)

    def __contains__(self, quote: str) -> bool:
        return self.find(quote) is not None

    def paragraph_of(self, offset: int) -> int:
        """1-based paragraph number (blank-line separated) of an offset."""
        starts = self._paragraph_starts()
        return bisect.bisect_right(starts, offset)

    def _paragraph_starts(self) -> list[int]:
        starts = getattr(self, "_starts", None)
        if starts is None:
            starts = [0]
            text = self.text
            i = text.find("\n\n")
            while i >= 0:
                j = i
                while j < len(text) and text[j] in "\r\n \t":
                    j += 1
                starts.append(j)
                i = text.find("\n\n", j)
            self._starts = starts
        return starts
