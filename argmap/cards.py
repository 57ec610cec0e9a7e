"""Card geometry shared by the layout (Python) and the page (JavaScript).

A statement is drawn as a card ``CARD_WIDTH`` wide holding its label wrapped into at most
``MAX_LINES`` short lines; its kind word (and confidence) sit in small pills on the card's top
(and bottom) border, so they cost no line of their own: a map of 40 statements needs every pixel of
a laptop's screen to show all its labels at a readable size. The layout needs each card's size before the
browser has measured anything, so the wrapping is done here, once, by each line's width in a
``FONT_SIZE`` px font (``text_width``, from the advance widths of DejaVu Sans, the font Debian's
Chromium draws the page's ``system-ui`` with, and wider than the UI fonts of other systems):
the page draws exactly these lines and only shrinks a line's font if the browser's measure of it
still overflows, which makes the whole map's least readable zoom larger. All sizes are CSS pixels
at zoom 1.
"""

from __future__ import annotations

import unicodedata

from .model import ArgumentMap

CARD_WIDTH = 200
PADDING = 8
#: the kind word's pill on the card's top border and the confidence's on its bottom border
KIND_FONT_SIZE = 11
LINE_HEIGHT = 18
FONT_SIZE = 15
MAX_LINES = 3
#: a line's width at most: the card less its padding (the page lets a line reach 2 px into each
#: side's padding before it makes its font smaller)
LINE_WIDTH = CARD_WIDTH - 2 * PADDING
ELLIPSIS = "…"
#: how long a label may be before it is shortened (as ``ArgumentMap.label`` does)
LABEL_WIDTH = 48

#: advance widths in px of DejaVu Sans at 15 px (measured in Chromium's canvas), characters of one
#: width together; others: East Asian wide ones a full em, combining marks nothing, the rest 10 px
#: (about a capital letter's)
_WIDTHS_15PX = {
    0.0: "\xad", 3.41: "\u2032", 4.12: "'", 4.17: "ijl\xec\xed\xee\xef", 4.42: "IJ\xcc\xcd\xce\xcf",
    4.77: " ,.\xa0\xb7\u2018\u2019", 5.05: "/:;\\|\xa6", 5.28: "f", 5.41: "-", 5.6: "\u2033",
    5.85: "()[]", 5.88: "t", 6.01: "!\xa1\xb2\xb3\xb9", 6.17: "r", 6.9: '"', 7.07: "\xaa\xba",
    7.5: "*_`\xa7\xa8\xaf\xb0\xb4\xb8\u2013", 7.77: "\u201c\u201d", 7.82: "s", 7.87: "z", 7.96: "?\xbf",
    8.25: "c\xe7", 8.36: "L", 8.63: "F", 8.69: "k", 8.85: "\u2022", 8.88: "vxy\xfd\xff", 9.05: "P",
    9.08: "\xde", 9.16: "TY\xdd", 9.18: "o\xab\xbb\xf0\xf2\xf3\xf4\xf5\xf6\xf8",
    9.19: "a\xe0\xe1\xe2\xe3\xe4\xe5", 9.23: "e\xe8\xe9\xea\xeb", 9.45: "\xdf",
    9.48: "E\xc8\xc9\xca\xcb", 9.51: "hnu\xf1\xf9\xfa\xfb\xfc", 9.52: "Sbdgpq\xfe",
    9.54: "$0123456789{}\xa2\xa3\xa4\xa5\xb5\xb6\u20ac", 9.84: "K", 10.26: "AV\xc0\xc1\xc2\xc3\xc4\xc5",
    10.28: "XZ", 10.29: "B", 10.42: "R", 10.47: "C\xc7", 10.98: "U\xd9\xda\xdb\xdc", 11.22: "N\xd1",
    11.28: "H", 11.55: "D", 11.62: "G\xd0", 11.7: "&", 11.81: "OQ\xd2\xd3\xd4\xd5\xd6\xd8", 12.27: "w",
    12.57: "#+<=>^~\xac\xb1\xd7\xf7", 12.94: "M", 14.25: "%", 14.54: "\xbc\xbd\xbe", 14.61: "m\xc6",
    14.73: "\xe6", 14.83: "W", 15.0: "@\xa9\xae\u2014\u2026",
}
_WIDTH = {c: w * FONT_SIZE / 15 for w, chars in _WIDTHS_15PX.items() for c in chars}
_OTHER = 10.0 * FONT_SIZE / 15


def char_width(c: str) -> float:
    """One character's width in px at ``FONT_SIZE``."""
    w = _WIDTH.get(c)
    if w is None:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            w = 0.0
        elif unicodedata.east_asian_width(c) in ("W", "F"):
            w = float(FONT_SIZE)
        else:
            w = _OTHER
        _WIDTH[c] = w
    return w


def text_width(text: str) -> float:
    """``text``'s width in px at ``FONT_SIZE`` (no kerning: the measured font has none here)."""
    return sum(map(char_width, text))


def _fit(text: str, room: float) -> str:
    """The longest start of ``text`` at most ``room`` px wide (at least its first character)."""
    used = 0.0
    for i, c in enumerate(text):
        used += char_width(c)
        if used > room and i:
            return text[:i]
    return text


def card_lines(label: str) -> list[str]:
    """``label`` wrapped at word boundaries into 1 to ``MAX_LINES`` lines at most ``LINE_WIDTH`` px
    wide.

    A word wider than a line is cut into line-wide pieces; a label that does not fit ends its
    last line with "…". A blank label gives one empty line, so that the page, which splits the
    joined lines on "\\n", counts the same number of lines as the layout did.
    """
    room = LINE_WIDTH
    space = char_width(" ")
    lines: list[str] = []
    current, used = "", 0.0
    overflow = False
    for word in label.split():
        width = text_width(word)
        if current and used + space + width <= room:
            current += " " + word
            used += space + width
            continue
        if current:
            lines.append(current)
        while width > room:
            piece = _fit(word, room)
            lines.append(piece)
            word = word[len(piece):]
            width = text_width(word)
        current, used = word, width
        if current and len(lines) >= MAX_LINES:
            overflow = True
            break
    if current and not overflow:
        lines.append(current)
    if len(lines) > MAX_LINES:
        overflow = True
    if not overflow:
        return lines or [""]
    lines = lines[:MAX_LINES]
    last = lines[-1]
    dots = text_width(ELLIPSIS)
    if text_width(last) + dots > room:
        cut = _fit(last, room - dots)
        at = cut.rfind(" ")
        if at > 0 and text_width(cut[:at]) > room / 2:  # a whole word less, unless that empties half the line
            cut = cut[:at]
        last = cut
    lines[-1] = last.rstrip(" ,;:.-") + ELLIPSIS
    return lines


def card_height(lines: list[str]) -> int:
    """A card's height in px for these label lines (the width is always ``CARD_WIDTH``)."""
    return 2 * PADDING + len(lines) * LINE_HEIGHT


def card_label(amap: ArgumentMap, node: str) -> str:
    """The label a card shows: the node's ``label``, else its text shortened."""
    return amap.label(node, LABEL_WIDTH)


def page_geometry() -> dict[str, int]:
    """The geometry the page needs to draw cards the layout has placed (``data["card"]``)."""
    return {"width": CARD_WIDTH, "padding": PADDING, "lineHeight": LINE_HEIGHT,
            "fontSize": FONT_SIZE, "kindFontSize": KIND_FONT_SIZE}
