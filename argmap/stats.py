"""Counts that describe a map at a glance (``argmap stats``): how big, how deep, how well evidenced.

The numbers use the same definitions as everything else: evidence per reason is
the number of pieces ``analysis.evidence_of`` lists (counted for all reasons in one pass by
``evidence.summaries``), hedged means rated possible or doubtful
(``evidence.hedged``).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from .analysis import SUPPORTS, roots
from .evidence import hedged, summaries
from .model import KINDS, RELATIONS, ArgumentMap


def support_depth(amap: ArgumentMap) -> int:
    """Levels of support below the thesis (its reasons are level 1, their evidence level 2, ...):
    the longest of the shortest ``supports`` chains into a thesis. Breadth-first, linear."""
    pred = amap.graph.pred
    level = {r: 0 for r in roots(amap)}
    queue = deque(level)
    deepest = 0
    while queue:
        node = queue.popleft()
        for other, data in pred[node].items():
            if data["relation"] == SUPPORTS and other not in level:
                level[other] = deepest = level[node] + 1
                queue.append(other)
    return deepest


def stats(amap: ArgumentMap) -> dict[str, Any]:
    """The map's numbers as plain data (``--format json``)."""
    graph = amap.graph
    kinds = {k: 0 for k in KINDS}
    for _, d in graph.nodes(data=True):
        kinds[d["kind"]] += 1
    relations = {r: 0 for r in RELATIONS}
    for _, _, e in graph.edges(data=True):
        relations[e["relation"]] += 1
    scores = summaries(amap)
    per_reason = {r: scores[r].evidence for r in amap.nodes_of("reason")}
    counts = list(per_reason.values())
    evidence = amap.nodes_of("evidence")
    n_hedged = sum(hedged(graph.nodes[e].get("confidence")) for e in evidence)
    return {
        "title": amap.title,
        "nodes": len(amap),
        "kinds": kinds,
        "edges": graph.number_of_edges(),
        "relations": relations,
        "depth": support_depth(amap),
        "evidence_per_reason": {
            "min": min(counts) if counts else 0,
            "mean": round(sum(counts) / len(counts), 2) if counts else 0.0,
            "max": max(counts) if counts else 0,
            "without_evidence": sum(c == 0 for c in counts),
            "by_reason": per_reason,
        },
        "evidence": {
            "total": len(evidence),
            "hedged": n_hedged,
            "hedged_share": round(n_hedged / len(evidence), 3) if evidence else 0.0,
            "unrated": sum(not graph.nodes[e].get("confidence") for e in evidence),
            "unsourced": sum(not (graph.nodes[e].get("source") or "").strip() for e in evidence),
        },
    }


def format_stats(amap: ArgumentMap, data: dict[str, Any] | None = None) -> str:
    """The numbers as a short aligned text block."""
    s = data or stats(amap)
    reason = amap.kind_name("reason").lower()
    kinds = ", ".join(f"{amap.kind_name(k).lower()} {n}" for k, n in s["kinds"].items())
    rels = ", ".join(f"{r} {n}" for r, n in s["relations"].items())
    per = s["evidence_per_reason"]
    ev = s["evidence"]
    share = f"{ev['hedged_share']:.0%}"
    rows = [
        ("statements", str(s["nodes"]), kinds),
        ("links", str(s["edges"]), rels),
        ("depth", str(s["depth"]), "levels of support below the thesis"),
        (f"evidence per {reason}", f"{per['mean']:g}",
         f"min {per['min']}, max {per['max']}; {per['without_evidence']} with none"),
        ("hedged evidence", share,
         f"{ev['hedged']} of {ev['total']} possible or doubtful; {ev['unrated']} unrated, "
         f"{ev['unsourced']} without a source"),
    ]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [s["title"]] if s["title"] else []
    lines += [f"{a:<{w0}}  {b:>{w1}}  {c}" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def render(amap: ArgumentMap, fmt: str = "text") -> str:
    """``argmap stats``: the numbers as text or JSON."""
    import json

    data = stats(amap)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return format_stats(amap, data)
