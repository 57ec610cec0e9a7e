"""Finding a node's quote in the essay despite typographic differences.

Students type straight quotes and hyphens where the essay has curly quotes and dashes, and line
breaks fall differently; a quote still counts as the essay's own words when it matches after those
differences are folded away. Offsets returned are into the original text, so the page can mark the
exact passage.
"""

from __future__ import annotations

import bisect
import re
from array import array

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


_WHITE = "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace())
#: one character for one: quotes, dashes and every white-space character (runs collapse later)
_ONE_FOR_ONE = {**{k: v for k, v in _FOLD.items() if len(v) == 1},
                **dict.fromkeys(_WHITE.replace(" ", ""), " ")}
#: where the folded text's length differs from the original's: runs of spaces and expansions
_UNEVEN = re.compile("  +|" + "|".join(re.escape(k) for k, v in _FOLD.items() if len(v) > 1))


def fold(text: str) -> str:
    """``text`` with quotes, dashes and runs of white space made uniform."""
    return fold_with_offsets(text)[0]


class Offsets:
    """Where each character of a folded text came from, stored only where the folded text stops
    running in step with the original (a collapsed run of spaces, an expanded ellipsis): two
    machine-integer arrays, so a 50 MB essay needs megabytes, not gigabytes."""

    def __init__(self) -> None:
        self._folded = array("q")
        self._original = array("q")
        self._length = 0

    def _step(self, folded: int, original: int) -> None:
        self._folded.append(folded)
        self._original.append(original)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        k = bisect.bisect_right(self._folded, index) - 1
        return self._original[k] + index - self._folded[k]


def fold_with_offsets(text: str) -> tuple[str, Offsets]:
    """The folded text and, for each of its characters, the offset it came from in ``text``.

    Linear in time and memory: one C-level translation, then Python work only where the
    lengths differ."""
    plain = text
    for old, new in _ONE_FOR_ONE.items():  # str.replace per character: ~20x str.translate's speed
        if old in plain:
            plain = plain.replace(old, new)
    offsets = Offsets()
    begin = len(plain) - len(plain.lstrip(" "))
    end = len(plain.rstrip(" "))
    pieces: list[str] = []
    size = 0  # length of the folded text so far
    offsets._step(0, begin)
    at = begin
    for m in _UNEVEN.finditer(plain, begin, end):
        a, b = m.span()
        pieces.append(plain[at:a])
        size += a - at
        if plain[a] == " ":
            pieces.append(" ")
            size += 1
        else:
            expansion = _FOLD[plain[a]]
            pieces.append(expansion)
            for j in range(1, len(expansion)):
                offsets._step(size + j, a)
            size += len(expansion)
        offsets._step(size, b)
        at = b
    pieces.append(plain[at:end])
    size += max(0, end - at)
    offsets._length = size
    return "".join(pieces), offsets


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


#: control characters a terminal obeys (escape sequences, carriage return, C1 controls): every
#: one but the line break and the tab
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character but line breaks and tabs written as ``\\xNN``, so
    a map's text printed to a terminal cannot send it escape sequences (OSC 8 links, title
    changes, screen clears, a carriage return that hides the line)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def visible_json(text: str) -> str:
    """JSON text with the controls ``json.dumps`` leaves raw (DEL and C1) as ``\\u00NN``."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

