"""Argdown source: every node a titled statement, every relation an indented ``+>``/``->`` line.

Each node is written once as ``[id]: text #(tag)`` followed by its outgoing relations. Argdown
undercuts only arguments, and a map's step ``p -> v`` is no argument, so an undercut is written as
an attack on ``v`` and marked as an undercut in the node's data; link names, kind, label and the
other fields also go into a ``{argmap: {...}}`` data block, so ``readers.argdown`` restores the map
exactly while other Argdown tools show a plain pro/contra map. Text is escaped with ``\\`` wherever
Argdown would read markup (brackets, ``#``, ``{``, ``@``, ``===``, ``.y.``, ...); text Argdown cannot
hold on one line as it is (line breaks, double spaces, control characters) and tags ``#(...)``
cannot hold (Argdown does not unescape there) are also stored verbatim in the data, whose JSON
escapes everything that would end Argdown's data token or front matter.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import ArgumentMap
from ..options import RenderOptions
from ._chars import SURROGATES, json_text, printable

#: what Argdown could read as markup: ``\`` escapes, brackets, tags, data, mentions, emphasis,
#: comments, links; a run of ``===`` (front matter, wherever a token starts); a ``.`` or ``:`` that
#: would open a special character such as ``.y.`` (Argdown shows ✔)
_MARKUP = re.compile(r"[\\\[\]<>{}#@*_`~/(]|={3,}|([.:])(?=\S+?\1)")
_MARKER = {"supports": "+>", "attacks": "->", "undercuts": "->"}
#: characters Argdown cannot hold in a tag written as ``#(...)`` (it does not unescape there) or
#: that argmap's reader would read as a comment or data
_TAG_UNSAFE = re.compile(r"[(){}/<\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
#: characters written as ``\uXXXX`` inside the JSON of a data block or the front matter: what ends
#: Argdown's data token (``}`` + space) or front matter (``===``), starts a comment, breaks its
#: line (U+2028/9: JavaScript's ``.``), or YAML cannot hold raw (DEL, C1, BOM, noncharacters)
_FLOW_ESCAPE = re.compile("[{}<>/=\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
#: YAML reads an implicit key of at most 1 024 characters
_MAX_KEY = 1000


def line(text: str) -> str:
    """``text`` as one Argdown line's content: spacing collapsed, what it cannot hold as U+FFFD."""
    return printable(" ".join(text.split()))


def escape(text: str) -> str:
    """``text`` on one line with every character Argdown could read as markup escaped."""
    return _MARKUP.sub(lambda m: "".join("\\" + c for c in m.group(0)), line(text))


def _title(node: str) -> str:
    """A node id as a statement title: Argdown reads ``[-x]`` as no reference, ``[ -x]`` as one."""
    return f" {node}" if node.startswith("-") else node


def _tag_ok(tag: str) -> bool:
    """Whether ``#(tag)`` gives Argdown (and argmap's reader) exactly ``tag``."""
    return bool(tag) and line(tag) == tag and not _TAG_UNSAFE.search(tag)


def _json(value: Any, long_key: list[bool]) -> str:
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            key = _json(str(k), long_key)
            long_key[0] = long_key[0] or len(key) > _MAX_KEY
            items.append(f"{key}: {_json(v, long_key)}")
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_json(v, long_key) for v in value) + "]"
    if isinstance(value, str):
        text = json.dumps(SURROGATES.sub("\ufffd", value), ensure_ascii=False)
        return _FLOW_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    if isinstance(value, float):  # YAML 1.1 reads 1e+300 as text: write 1.0e+300
        text = json_text(value)
        return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text
    return json_text(value)


def _flow(value: Any) -> str:
    """``value`` as JSON (which is YAML flow syntax) that Argdown and YAML read back unchanged.

    A mapping with a key YAML could not read (over 1 024 characters) is written as a JSON string
    instead, which ``readers.argdown`` decodes.
    """
    long_key = [False]
    text = _json(value, long_key)
    if long_key[0] and isinstance(value, dict):
        return "{" + ", ".join(f"{_json(str(k), [False])}: {_json(json_text(v), [False])}"
                               for k, v in value.items()) + "}"
    return text


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
        # "key": value as in a flow mapping, written as a block key: the same fallback for long keys
        out += ["===", *(f"{k}: {_flow({k: v})[len(_json(k, [False])) + 3:-1]}" for k, v in front.items()),
                "===", ""]
    graph = amap.graph
    for n, d in graph.nodes(data=True):
        ours: dict[str, Any] = {"kind": d["kind"], "label": d.get("label")}
        for key in ("confidence", "source", "quote", "note", "group", "data", "review"):
            if d.get(key) is not None:
                ours[key] = d[key]
        if line(d["text"]) != d["text"]:
            ours["text"] = d["text"]
        links = {v: e["link"] for v, e in graph.succ[n].items() if e.get("link") is not None}
        if links:
            ours["links"] = links
        under = {v: e["premise"] for v, e in graph.succ[n].items() if e["relation"] == "undercuts"}
        if under:
            ours["undercuts"] = under
        tags = "".join(f" #({t})" for t in d.get("tags") or [] if _tag_ok(t))
        if not all(_tag_ok(t) for t in d.get("tags") or []):
            ours["tags"] = list(d["tags"])
        out.append(f"[{_title(n)}]: {escape(d['text'])}{tags}")
        out.append(f"  {_flow({'argmap': ours})}")
        for v, e in graph.succ[n].items():
            out.append(f"  {_MARKER[e['relation']]} [{_title(v)}]")
        out.append("")
    return "\n".join(out)
