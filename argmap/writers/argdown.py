"""Argdown source: every node a titled statement, every relation an indented ``+>``/``->`` line.

Each node is written once as ``[id]: text #(tag)`` followed by its outgoing relations. Argdown
undercuts only arguments, and a map's step ``p -> v`` is no argument, so an undercut is written as
an attack on ``v`` and marked as an undercut in the node's data; link names, kind, label and the
other fields also go into a ``{argmap: {...}}`` data block, so ``readers.argdown`` restores the map
exactly while other Argdown tools show a plain pro/contra map. Text is escaped with ``\\`` wherever
Argdown would read markup (brackets, ``#``, ``{``, ``@``, ...); text whose spacing Argdown would not
keep (line breaks, double spaces) is also stored verbatim in the data.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import ArgumentMap
from ..options import RenderOptions

_SPECIAL = re.compile(r"([\\\[\]<>{}#@*_`~/(])")
_MARKER = {"supports": "+>", "attacks": "->", "undercuts": "->"}


def escape(text: str) -> str:
    """``text`` on one line with every character Argdown could read as markup escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _flow(value: Any) -> str:
    """JSON (which is YAML flow syntax) with no ``<`` or ``/``: nothing a comment could start with."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text.replace("<", "\\u003c").replace("/", "\\u002f")


def write_argdown(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    out: list[str] = []
    front: dict[str, Any] = {}
    if amap.title is not None:
        front["title"] = amap.title
    extra = {k: v for k, v in (("essay", amap.essay_path), ("kinds", amap.kind_names),
                               ("check", amap.check_config), ("meta", amap.meta),
                               ("review", amap.review)) if v}
    if extra:
        front["argmap"] = extra
    if front:
        out += ["===", *(f"{k}: {_flow(v)}" for k, v in front.items()), "===", ""]
    graph = amap.graph
    for n, d in graph.nodes(data=True):
        ours: dict[str, Any] = {"kind": d["kind"], "label": d.get("label")}
        for key in ("confidence", "source", "quote", "note", "group", "data", "review"):
            if d.get(key) is not None:
                ours[key] = d[key]
        if " ".join(d["text"].split()) != d["text"]:
            ours["text"] = d["text"]
        links = {v: e["link"] for v, e in graph.succ[n].items() if e.get("link") is not None}
        if links:
            ours["links"] = links
        under = {v: e["premise"] for v, e in graph.succ[n].items() if e["relation"] == "undercuts"}
        if under:
            ours["undercuts"] = under
        tags = "".join(f" #({escape(t).replace(')', ' ')})" for t in d.get("tags") or [])
        if any(escape(t) != t or ")" in t or " ".join(t.split()) != t for t in d.get("tags") or []):
            ours["tags"] = list(d["tags"])
        out.append(f"[{n}]: {escape(d['text'])}{tags}")
        out.append(f"  {_flow({'argmap': ours})}")
        for v, e in graph.succ[n].items():
            out.append(f"  {_MARKER[e['relation']]} [{v}]")
        out.append("")
    return "\n".join(out)
