"""AIF JSON (as AIFdb exports it) for OVA, AIFdb and argument-mining tools.

Each statement is an ``I`` node whose ``nodeID`` is the node id. Each relation becomes a scheme node:
``RA`` ("Default Inference") for support, ``CA`` ("Default Conflict") for attack; premises sharing a
``link`` share one scheme node; an undercut is a ``CA`` pointing at the scheme node of the inference
it undercuts. Scheme node ids are ``_s1``, ``_s2``, ... (prefixed with more ``_`` if a node id could
clash). Fields AIF has no place for (kind, label, confidence, link names, title, ...) are kept in
``argmap`` objects that ``readers.aif`` reads back; other AIF tools ignore unknown keys.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import ArgumentMap
from ..options import RenderOptions

_NODE_FIELDS = ("kind", "label", "confidence", "source", "quote", "tags", "note", "group", "data",
                "review")


def write_aif(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    graph = amap.graph
    prefix = "_s"
    while any(str(n).startswith(prefix) for n in graph):
        prefix = "_" + prefix
    nodes: list[dict[str, Any]] = []
    for n, d in graph.nodes(data=True):
        node: dict[str, Any] = {"nodeID": n, "text": d["text"], "type": "I"}
        ext = {k: d[k] for k in _NODE_FIELDS if d.get(k) is not None}
        if ext:
            node["argmap"] = ext
        nodes.append(node)
    edges: list[dict[str, Any]] = []
    scheme_of: dict[tuple[str, str, str | None], str] = {}  # (target, relation, link) -> scheme id

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": src, "toID": dst, "formEdgeID": None})

    def key_of(u: str, v: str) -> tuple[str, str, str | None]:
        e = graph.edges[u, v]
        link = e.get("link")
        return (v, e["relation"], link) if link is not None else (v, e["relation"], f"\x00{u}")

    def scheme(u: str, v: str) -> str:
        """The scheme node of the inference u -> v, made (with those it undercuts) on first use.

        Iterative: an undercut of an undercut of ... is a chain of any length, maybe a circle.
        """
        chain: list[tuple[str, str]] = []
        seen: set[tuple[str, str, str | None]] = set()
        cur = (u, v)
        while True:
            key = key_of(*cur)
            if key in scheme_of or key in seen:
                break
            seen.add(key)
            chain.append(cur)
            e = graph.edges[cur]
            if e["relation"] != "undercuts" or not graph.has_edge(e["premise"], v):
                break
            cur = (e["premise"], v)
        for a, b in chain:
            e = graph.edges[a, b]
            relation, link = e["relation"], e.get("link")
            sid = scheme_of[key_of(a, b)] = f"{prefix}{len(scheme_of) + 1}"
            node: dict[str, Any] = {
                "nodeID": sid, "text": "Default Inference" if relation == "supports" else "Default Conflict",
                "type": "RA" if relation == "supports" else "CA"}
            ext = {"link": link} if link is not None else {}
            if relation == "undercuts":  # which premise of a linked inference is meant
                ext["premise"] = e["premise"]
            if ext:
                node["argmap"] = ext
            nodes.append(node)
        for a, b in chain:
            e = graph.edges[a, b]
            sid = scheme_of[key_of(a, b)]
            if e["relation"] != "undercuts":
                edge(sid, b)
            elif graph.has_edge(e["premise"], b):
                edge(sid, scheme_of[key_of(e["premise"], b)])
        return scheme_of[key_of(u, v)]

    for u, v in graph.edges():
        edge(u, scheme(u, v))
    doc: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": []}
    top = {k: v for k, v in (("title", amap.title), ("essay", amap.essay_path),
                             ("kinds", amap.kind_names), ("check", amap.check_config),
                             ("meta", amap.meta), ("review", amap.review)) if v}
    if top:
        doc["argmap"] = top
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
