"""argmap's own format out again: what ``readers.native`` reads back to the same map."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from ..model import ArgumentMap
from ..options import RenderOptions
from ..schema import FORMAT_VERSION

_NODE_ORDER = ("kind", "label", "text", "confidence", "source", "quote", "tags", "note", "group")


def document(amap: ArgumentMap, *, embed_essay: bool = False) -> dict[str, Any]:
    """The map as the plain data structure of the file format (fields in a fixed order).

    The essay's text goes in as ``essay_text`` when asked (``embed_essay``) or when it came from
    the map itself; the ``essay:`` path is then left out, as the text makes the file unneeded.
    """
    doc: dict[str, Any] = {"argmap": FORMAT_VERSION}
    if amap.title is not None:
        doc["title"] = amap.title
    embed = amap.essay is not None and (embed_essay or amap.essay_embedded)
    if amap.essay_path is not None and not embed:
        doc["essay"] = amap.essay_path
    if amap.kind_names:
        doc["kinds"] = dict(amap.kind_names)
    if amap.check_config:
        doc["check"] = {k: list(v) for k, v in amap.check_config.items()}
    if amap.meta:
        doc["meta"] = amap.meta
    if embed:
        doc["essay_text"] = amap.essay
    if amap.review:
        doc["review"] = [dict(note) for note in amap.review]
    graph = amap.graph
    nodes: dict[str, Any] = {}
    for n, d in graph.nodes(data=True):
        node = {k: d[k] for k in _NODE_ORDER if d.get(k) is not None}
        out: dict[str, list[Any]] = {"supports": [], "attacks": [], "undercuts": []}
        for v, e in graph.succ[n].items():
            rel = e["relation"]
            if rel == "undercuts":
                entry = {"from": e["premise"], "to": v}
                if e.get("link") is not None:
                    entry["link"] = e["link"]
                out[rel].append(entry)
            elif e.get("link") is not None:
                out[rel].append({"to": v, "link": e["link"]})
            else:
                out[rel].append(v)
        for rel, targets in out.items():
            if targets:
                node[rel] = targets[0] if len(targets) == 1 and isinstance(targets[0], str) else targets
        if d.get("data"):
            node["data"] = d["data"]
        if d.get("review"):
            node["review"] = [dict(note) for note in d["review"]]
        nodes[n] = node
    doc["nodes"] = nodes
    return doc


class _Dumper(yaml.SafeDumper):
    pass


_BREAKS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML writes NEL and the Unicode line separators raw inside quotes, where a reader folds
    # them into spaces: such text is always written double-quoted, with escapes
    if _BREAKS.search(value):
        style: str | None = '"'
    elif "\n" in value:
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _embed(options: RenderOptions | None) -> bool:
    return bool(options and options.embed_essay)


def write_yaml(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    return yaml.dump(document(amap, embed_essay=_embed(options)), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True,
                     width=100, default_flow_style=None, indent=2)


def write_json(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    return json.dumps(document(amap, embed_essay=_embed(options)), ensure_ascii=False, indent=2) + "\n"
