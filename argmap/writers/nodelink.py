"""networkx node-link JSON: ``networkx.node_link_graph(json.load(f), edges="edges")`` gives the graph.

Nodes are ``{"id": ..., kind, text, ...}``, edges ``{"source", "target", relation, ...}``, in map
order; the map's title and top-level fields are in ``graph``.
"""

from __future__ import annotations

from typing import Any

from ..model import ArgumentMap
from ..options import RenderOptions
from ._chars import json_text
from .graphml import EDGE_KEYS, NODE_KEYS, graph_fields


def write_nodelink(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    doc: dict[str, Any] = {
        "directed": True,
        "multigraph": False,
        "graph": dict(graph_fields(amap)),
        "nodes": [{"id": n, **{k: d[k] for k in NODE_KEYS if d.get(k) is not None}}
                  for n, d in amap.graph.nodes(data=True)],
        "edges": [{"source": u, "target": v, **{k: e[k] for k in EDGE_KEYS if e.get(k) is not None}}
                  for u, v, e in amap.graph.edges(data=True)],
    }
    return json_text(doc, indent=2) + "\n"
