"""argmap's own format out again: what ``readers.native`` reads back to the same map.

YAML is written so that YAML 1.1 readers (PyYAML) and YAML 1.2 readers (ruamel.yaml, js-yaml)
read the same strings back; JSON is standard JSON (a NaN in ``data`` becomes ``null``).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..model import ArgumentMap
from ..options import RenderOptions
from ..schema import FORMAT_VERSION
from ._chars import YAML_ESCAPED, encodable, json_text

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


class YamlDumper(yaml.SafeDumper):
    """PyYAML's safe dumper with the native format's string styles (``_str``)."""


#: plain scalars a YAML 1.2 core-schema reader (ruamel.yaml, js-yaml, most editors) takes for a
#: number, boolean or null where PyYAML's YAML 1.1 reads text: ``0o17``, ``1e3``, ``.5``, ``+1``
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    value = encodable(value)
    # PyYAML writes NEL and the Unicode line separators raw inside quotes, where a reader folds
    # them into spaces: such text is always written double-quoted, with escapes
    if YAML_ESCAPED.search(value):
        style: str | None = '"'
    elif "\n" in value:
        style = "|"
    elif _YAML12_NOT_TEXT.fullmatch(value):  # PyYAML quotes what YAML 1.1 would misread; 1.2 too
        style = "'"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


YamlDumper.add_representer(str, _str)


def _embed(options: RenderOptions | None) -> bool:
    return bool(options and options.embed_essay)


def write_yaml(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    return yaml.dump(document(amap, embed_essay=_embed(options)), Dumper=YamlDumper, sort_keys=False,
                     allow_unicode=True,
                     width=100, default_flow_style=None, indent=2)


def write_json(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    return json_text(document(amap, embed_essay=_embed(options)), indent=2) + "\n"
