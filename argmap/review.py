"""Review notes: a teacher's feedback kept in the map file itself, beside what it is about.

A note is ``{by, at, text}`` (only text required) under ``review:`` on a node or on the map.
Adding one goes through :mod:`argmap.edit`, so the file changes by the note's lines only.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .edit import MapFile
from .errors import ArgmapError, did_you_mean
from .model import ArgumentMap

#: the NODE argument that means the map as a whole (no node id contains a dot)
WHOLE_MAP = "."


@dataclass(frozen=True)
class Note:
    node: str | None  # None: the map as a whole
    label: str
    text: str
    by: str | None = None
    at: str | None = None


def notes(amap: ArgumentMap, node: str | None = None) -> list[Note]:
    """The map's notes (its own first, then each node's in reading order), or one node's."""
    if node is not None and node != WHOLE_MAP and node not in amap:
        raise ArgmapError.at(amap.path, f"unknown node '{node}'" + did_you_mean(node, amap.graph),
                             code="AM101", hint="name the id of a node in this map, or '.' for the map")
    found: list[Note] = []
    if node in (None, WHOLE_MAP):
        title = amap.title or "the map"
        found += [Note(None, title, n["text"], n.get("by"), n.get("at")) for n in amap.review]
    if node == WHOLE_MAP:
        return found
    for n, data in amap.graph.nodes(data=True):
        if node is not None and n != node:
            continue
        label = amap.label(n)
        found += [Note(n, label, r["text"], r.get("by"), r.get("at")) for r in data.get("review") or ()]
    return found


def format_notes(found: list[Note], output_format: str = "text") -> str:
    """Notes as text (a heading line per note, its text indented below) or as JSON."""
    if output_format == "json":
        return json.dumps([asdict(n) for n in found], ensure_ascii=False, indent=2) + "\n"
    out = []
    for note in found:
        about = f"{note.label} [{note.node}]" if note.node is not None else f"{note.label} [map]"
        who = " · ".join(x for x in (note.by, note.at) if x)
        out.append(f"{about}" + (f" · {who}" if who else ""))
        out += ["    " + line for line in note.text.splitlines()]
    return "\n".join(out) + ("\n" if out else "")


def add_note(path: str, node: str | None, text: str, *, by: str | None = None,
             at: str | None = None) -> MapFile:
    """Append a note to ``node`` (None or ``'.'``: the map) and save the file."""
    mapfile = MapFile.open(path)
    mapfile.add_review(None if node in (None, WHOLE_MAP) else node, text, by=by, at=at)
    mapfile.save()
    return mapfile
