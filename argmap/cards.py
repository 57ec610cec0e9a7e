"""Card geometry shared by the layout (Python) and the page (JavaScript).

A statement is drawn as a card ``CARD_WIDTH`` wide holding its label wrapped into at most
``MAX_LINES`` short lines; its kind word (and confidence) sit in small pills on the card's top
(and bottom) border, so they cost no line of their own: a map of 40 statements needs every pixel of
a laptop's screen to show all its labels at a readable size. The layout needs each card's size before the
browser has measured anything, so the wrapping is done here, once, with a fixed character budget
per line (``CHARS_PER_LINE`` characters of a ``FONT_SIZE`` px font fit the card's inner width);
the page draws exactly these lines and only shrinks a line's font if the browser's measure of it
still overflows. All sizes are CSS pixels at zoom 1.
"""

from __future__ import annotations

from .model import ArgumentMap

CARD_WIDTH = 200
PADDING = 8
#: the kind word's pill on the card's top border and the confidence's on its bottom border
KIND_FONT_SIZE = 11
LINE_HEIGHT = 18
FONT_SIZE = 15
MAX_LINES = 3
CHARS_PER_LINE = 22
ELLIPSIS = "…"
#: how long a label may be before it is shortened (as ``ArgumentMap.label`` does)
LABEL_WIDTH = 48


def card_lines(label: str) -> list[str]:
    """``label`` wrapped at word boundaries into 1 to ``MAX_LINES`` lines of at most
    ``CHARS_PER_LINE`` characters.

    A word longer than a line is cut into line-long pieces; a label that does not fit ends its
    last line with "…". A blank label gives one empty line, so that the page, which splits the
    joined lines on "\\n", counts the same number of lines as the layout did.
    """
    width = CHARS_PER_LINE
    lines: list[str] = []
    current = ""
    overflow = False
    for word in label.split():
        if current and len(current) + 1 + len(word) <= width:
            current += " " + word
            continue
        if current:
            lines.append(current)
            current = ""
        while len(word) > width:
            lines.append(word[:width])
            word = word[width:]
        current = word
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
    if len(last) + len(ELLIPSIS) > width:
        cut = last[: width - len(ELLIPSIS)]
        space = cut.rfind(" ")
        if space > width // 2:
            cut = cut[:space]
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
