"""GEXF 1.3 for Gephi (and ``networkx.read_gexf``).

Nodes carry their ``label`` (or, without one, their text) as the GEXF ``label`` (what Gephi shows)
and every field as an attribute; list and mapping fields are JSON text. networkx reads a GEXF
``label`` into the same key as an attribute titled ``label`` and writes only the former, so the
GEXF label is also where a file that went through networkx keeps the node's label. The title is
the meta ``description`` and the graph's ``name`` (which networkx keeps); other map-level fields
are JSON in the meta ``keywords`` (GEXF has no graph attributes). ``argmap.readers._interop_graphs``
reads the file back to the same map. Edges have ids ``e0``, ``e1``, ... in map order, so the
output is stable.
"""

from __future__ import annotations

from ..model import ArgumentMap
from ..options import RenderOptions
from ._chars import json_text
from .graphml import EDGE_KEYS, NODE_KEYS, flat, graph_fields, xml_text


def write_gexf(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
           ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
           "  <meta>",
           "    <creator>argmap</creator>"]
    fields = dict(graph_fields(amap))
    title = fields.pop("title", None)
    if fields:  # GEXF has no graph attributes: the other map-level fields ride along as JSON
        out.append(f"    <keywords>{xml_text(json_text({'argmap': fields}))}</keywords>")
    if title is not None:
        out.append(f"    <description>{xml_text(title)}</description>")
    out.append("  </meta>")
    name = f' name="{xml_text(title)}"' if title is not None else ""
    out.append(f'  <graph defaultedgetype="directed" mode="static"{name}>')
    out.append('    <attributes class="node">')
    for key in NODE_KEYS:
        out.append(f'      <attribute id="n_{key}" title="{key}" type="string"/>')
    out.append("    </attributes>")
    out.append('    <attributes class="edge">')
    for key in EDGE_KEYS:
        out.append(f'      <attribute id="e_{key}" title="{key}" type="string"/>')
    out.append("    </attributes>")
    out.append("    <nodes>")
    for n, d in amap.graph.nodes(data=True):
        out.append(f'      <node id="{xml_text(n)}" label="{xml_text(d.get("label") or d["text"])}">')
        out.append("        <attvalues>")
        for key in NODE_KEYS:
            if d.get(key) is not None:
                out.append(f'          <attvalue for="n_{key}" value="{xml_text(flat(key, d[key]))}"/>')
        out.append("        </attvalues>")
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    for i, (u, v, e) in enumerate(amap.graph.edges(data=True)):
        out.append(f'      <edge id="e{i}" source="{xml_text(u)}" target="{xml_text(v)}"'
                   f' label="{e["relation"]}">')
        out.append("        <attvalues>")
        for key in EDGE_KEYS:
            if e.get(key) is not None:
                out.append(f'          <attvalue for="e_{key}" value="{xml_text(str(e[key]))}"/>')
        out.append("        </attvalues>")
        out.append("      </edge>")
    out.append("    </edges>")
    out.append("  </graph>")
    out.append("</gexf>")
    return "\n".join(out) + "\n"
