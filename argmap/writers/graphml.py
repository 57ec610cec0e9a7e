"""GraphML for yEd, Gephi, Cytoscape and ``networkx.read_graphml``.

Every node field is a GraphML attribute (``kind``, ``text``, ``confidence``, ... as strings; list
and mapping fields such as ``tags`` and ``data`` as JSON text), every edge carries ``relation`` and,
if set, ``link`` and ``premise``; the map's title and other top-level fields are graph attributes.
``argmap.readers._interop_graphs`` reads the file back to the same map.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import ArgumentMap
from ..options import RenderOptions

#: node attributes in file order, with their GraphML/GEXF type
NODE_KEYS: tuple[str, ...] = ("kind", "text", "label", "confidence", "source", "quote", "tags", "note",
                              "group", "data", "review")
EDGE_KEYS: tuple[str, ...] = ("relation", "link", "premise")
GRAPH_KEYS: tuple[str, ...] = ("title", "essay", "kinds", "check", "meta", "review")
JSON_KEYS = frozenset({"tags", "data", "kinds", "check", "meta", "review"})

# characters XML 1.0 cannot hold at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` as XML character data or attribute text: markup and line breaks escaped.

    Line breaks and tabs become character references so that attribute normalisation keeps them;
    characters XML cannot represent become U+FFFD.
    """
    value = _NOT_XML.sub("\ufffd", value)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def flat(name: str, value: Any) -> str:
    """A field's value as one string: JSON for lists and mappings, the text itself otherwise."""
    if name in JSON_KEYS:
        return json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return str(value)


def graph_fields(amap: ArgumentMap) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = [("title", amap.title), ("essay", amap.essay_path),
                                     ("kinds", amap.kind_names or None),
                                     ("check", amap.check_config or None), ("meta", amap.meta or None),
                                     ("review", amap.review or None)]
    return [(k, v) for k, v in fields if v is not None]


def write_graphml(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
           ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
           ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
           ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for key in GRAPH_KEYS:
        out.append(f'  <key id="g_{key}" for="graph" attr.name="{key}" attr.type="string"/>')
    for key in NODE_KEYS:
        out.append(f'  <key id="n_{key}" for="node" attr.name="{key}" attr.type="string"/>')
    for key in EDGE_KEYS:
        out.append(f'  <key id="e_{key}" for="edge" attr.name="{key}" attr.type="string"/>')
    out.append('  <graph id="argmap" edgedefault="directed">')
    for key, value in graph_fields(amap):
        out.append(f'    <data key="g_{key}">{xml_text(flat(key, value))}</data>')
    graph = amap.graph
    for n, d in graph.nodes(data=True):
        out.append(f'    <node id="{xml_text(n)}">')
        for key in NODE_KEYS:
            if d.get(key) is not None:
                out.append(f'      <data key="n_{key}">{xml_text(flat(key, d[key]))}</data>')
        out.append("    </node>")
    for u, v, e in graph.edges(data=True):
        out.append(f'    <edge source="{xml_text(u)}" target="{xml_text(v)}">')
        for key in EDGE_KEYS:
            if e.get(key) is not None:
                out.append(f'      <data key="e_{key}">{xml_text(str(e[key]))}</data>')
        out.append("    </edge>")
    out.append("  </graph>")
    out.append("</graphml>")
    return "\n".join(out) + "\n"
