"""A Mermaid flowchart, which GitHub renders inside a Markdown ```` ```mermaid ```` block.

Node ids are ``n0``, ``n1``, ... (a map id such as ``end`` would be a Mermaid keyword); labels are
double-quoted and every character other than letters, digits, spaces and plain punctuation is
written as a Mermaid entity code (``#35;``), so no label can close its shape, start an edge or
inject markup; control characters become U+FFFD, which the SVG can hold. Kinds are classes
coloured from ``argmap.style``; relations differ by arrow.
"""

from __future__ import annotations

import re

from ..model import ArgumentMap
from ..options import RenderOptions
from ..style import KIND_STYLE
from ._chars import printable

SHAPES = {  # kind -> (open, close) of the node shape
    "thesis": ("[", "]"),
    "reason": ("[", "]"),
    "claim": ("([", "])"),
    "evidence": ("[(", ")]"),
    "objection": ("{{", "}}"),
    "rebuttal": (">", "]"),
}
ARROWS = {"supports": "-->", "attacks": "--x", "undercuts": "-.-x"}
_SAFE = re.compile(r"[A-Za-z0-9 .,:?!'()+=*/_-]")


def label(text: str) -> str:
    """``text`` as the inside of a Mermaid ``"..."`` label: safe characters kept, others as codes."""
    text = printable(" ".join(text.split()))  # a code for a control character is not XML in the SVG
    return "".join(c if _SAFE.match(c) else f"#{ord(c)};" for c in text)


def write_mermaid(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    out = ["flowchart BT"]
    if amap.title:
        out.insert(0, f"%% {label(amap.title)}")
    names: dict[str, str] = {}
    for i, (n, d) in enumerate(amap.graph.nodes(data=True)):
        names[n] = f"n{i}"
        opening, closing = SHAPES[d["kind"]]
        text = f"{amap.kind_name(d['kind'])}: {amap.label(n, 60)}"
        out.append(f'  n{i}{opening}"{label(text)}"{closing}')
    for u, v, e in amap.graph.edges(data=True):
        rel = e["relation"]
        arrow = ARROWS[rel]
        if rel == "supports":
            out.append(f"  {names[u]} {arrow} {names[v]}")
        else:
            out.append(f"  {names[u]} {arrow}|{rel}| {names[v]}")
    for kind, style in KIND_STYLE.items():
        out.append(f"  classDef {kind} fill:{style['color']},color:{style['font']},stroke:#333")
    by_kind: dict[str, list[str]] = {}
    for n, d in amap.graph.nodes(data=True):
        by_kind.setdefault(d["kind"], []).append(names[n])
    for kind, members in by_kind.items():
        out.append(f"  class {','.join(members)} {kind}")
    return "\n".join(out) + "\n"
