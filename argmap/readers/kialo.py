"""Kialo's discussion text export (``Discussion Title: ...`` then ``1.1. Pro: ...`` lines).

Each claim line is ``<dotted number>. [Pro|Con: ]<text>``; its parent is the number without its
last part, ``Pro`` supports the parent and ``Con`` attacks it; following lines that are not claim
lines continue the text. ``-> See 1.2.3.`` reuses claim 1.2.3: it then also argues about this
line's parent. A line with neither Pro nor Con (Kialo's rephrase or a second thesis) is read as
support, with a warning. Node ids are the numbers with ``_`` for ``.`` (``1_2_3``), the number
itself is kept in ``data.kialo``; kinds follow ``_interop.assign_kinds`` with ``1.`` as thesis.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import ArgmapError
from ..model import ArgumentMap, Location
from ..options import LoadOptions
from ._interop import EMPTY, UNKNOWN_REF, Problems, add_edge_once, assign_kinds, clean_text
from ._source import decode

_CLAIM = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*)$")
_SEE = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$")


class _Claim(NamedTuple):
    """One numbered claim as read: its text lines grow until the next number."""

    stance: str | None
    lines: list[str]
    line: int
    column: int


def read_kialo(data: bytes, path: str, options: LoadOptions | None = None) -> ArgumentMap:
    text = decode(data, path)
    p = Problems(path)
    amap = ArgumentMap(path=path)
    claims: dict[str, _Claim] = {}
    order: list[str] = []
    current: str | None = None
    for lineno, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if lineno == 1 and stripped.startswith("Discussion Title:"):
            amap.title = stripped[len("Discussion Title:"):].strip() or None
            continue
        m = _CLAIM.match(stripped)
        if m:
            number, stance, body = m.groups()
            parent = number.rpartition(".")[0]
            if (parent and parent in claims) or (not parent and not claims) or number in ("1",):
                if number in claims:
                    p.error(f"claim {number} is numbered twice", lineno, 1)
                    continue
                claims[number] = _Claim(stance, [body], lineno, line.index(number[0]) + 1)
                order.append(number)
                current = number
                continue
        if current is not None:
            claims[current].lines.append(stripped)
        elif stripped:
            p.error("expected the first claim, '1. <thesis>'", lineno, 1,
                    hint="a Kialo export starts with 'Discussion Title: ...' and then '1. ...'")
    p.raise_if_any()
    if not claims:
        raise ArgmapError.at(path, "no claims found ('1. <thesis>')", code=EMPTY)

    ids = {number: number.replace(".", "_") for number in order}
    reused: list[tuple[str, str, str, int, int]] = []
    for number in order:
        stance, lines, lineno, col = claims[number]
        body = clean_text(" ".join(lines))
        see = _SEE.match(body)
        parent = number.rpartition(".")[0]
        if see:
            relation = "attacks" if stance == "Con" else "supports"
            reused.append((see.group(1), parent, relation, lineno, col))
            continue
        if not body:
            p.error(f"claim {number} has no text", lineno, col)
            continue
        amap.add_node(ids[number], "claim", body, data={"kialo": number})
        amap.locations[ids[number]] = Location(path, lineno, col)
    p.raise_if_any()
    for number in order:
        stance, _lines, lineno, col = claims[number]
        parent = number.rpartition(".")[0]
        if ids[number] not in amap.graph or not parent:
            continue
        if ids.get(parent) not in amap.graph:
            p.warn(f"claim {number} is under a reused claim: attached to nothing", lineno, col)
            continue
        if stance is None:
            p.warn(f"claim {number} is neither Pro nor Con: read as support", lineno, col)
        relation = "attacks" if stance == "Con" else "supports"
        add_edge_once(amap, p, ids[number], ids[parent], relation, line=lineno, column=col)
    for target, parent, relation, lineno, col in reused:
        if ids.get(target) not in amap.graph:
            p.error(f"'-> See {target}.' names no claim", lineno, col, code=UNKNOWN_REF)
        elif ids.get(parent) in amap.graph:
            add_edge_once(amap, p, ids[target], ids[parent], relation, line=lineno, column=col)
    p.raise_if_any()
    theses = [ids[n] for n in order if "." not in n and ids[n] in amap.graph]
    assign_kinds(amap, theses)
    return p.finish(amap)
