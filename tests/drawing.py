"""What a drawing of a map looks like, measured the same way by the tests and by
``benchmarks/layout_eval.py``: where links cross, and Graphviz ``dot``'s drawing of the same graph
(the yardstick for crossings)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping

from argmap.cards import CARD_WIDTH
from argmap.model import ArgumentMap

Point = tuple[float, float]


def _orient(p: Point, q: Point, r: Point) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def polyline_crossings(lines: list[tuple[str, str, list[Point]]]) -> int:
    """Points where two links' polylines cross properly (touching or running along each other is
    not crossing); links sharing an end never count."""
    count = 0
    for i, (a, b, pts) in enumerate(lines):
        for c, d, qts in lines[i + 1:]:
            if a in (c, d) or b in (c, d):
                continue
            for p1, p2 in zip(pts, pts[1:], strict=False):
                for q1, q2 in zip(qts, qts[1:], strict=False):
                    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
                    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
                    if d1 * d2 < 0 and d3 * d4 < 0:
                        count += 1
    return count


def crossings(amap: ArgumentMap, pos: Mapping[str, Point]) -> int:
    """Crossings of the links drawn as straight segments between card centres."""
    return polyline_crossings([(u, v, [pos[u], pos[v]]) for u, v in amap.graph.edges()])


Links = list[tuple[str, str, list[Point]]]


def dot_drawing(amap: ArgumentMap, heights: list[int]) -> tuple[dict[str, Point], Links] | None:
    """Graphviz dot's node centres and links (its splines' control polygons) for the same graph
    and card sizes (thesis on top), or None without Graphviz."""
    exe = shutil.which("dot")
    if exe is None:
        return None
    nodes = list(amap.graph)
    index = {n: i for i, n in enumerate(nodes)}
    lines = ["digraph G {", "node [shape=box, fixedsize=true];", "nodesep=0.35; ranksep=0.5;"]
    for i, h in enumerate(heights):
        lines.append(f"n{i} [width={CARD_WIDTH / 72:.3f}, height={h / 72:.3f}];")
    for u, v in amap.graph.edges():  # what is argued about above what argues about it
        lines.append(f"n{index[v]} -> n{index[u]};")
    lines.append("}")
    out = subprocess.run([exe, "-Tplain"], input="\n".join(lines), capture_output=True, text=True,
                         check=True).stdout
    pos: dict[str, Point] = {}
    links: list[tuple[str, str, list[Point]]] = []
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            pos[nodes[int(parts[1][1:])]] = (float(parts[2]) * 72, -float(parts[3]) * 72)
        elif parts and parts[0] == "edge":
            k = int(parts[3])
            pts = [(float(parts[4 + 2 * j]) * 72, -float(parts[5 + 2 * j]) * 72) for j in range(k)]
            links.append((nodes[int(parts[1][1:])], nodes[int(parts[2][1:])], pts))
    return pos, links
