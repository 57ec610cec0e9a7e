"""Layered top-down positions computed in Python, so the browser does no layout work at all.

A Sugiyama-style layout in linear-ish time: (1) circular support is broken by ignoring the edges
that close a cycle in a depth-first walk; (2) each node's layer is at least one below everything it
argues about and at least its kind's usual layer (thesis 0, reasons 1, claims and evidence 2+);
(3) nodes in a layer are ordered by a few barycentre sweeps to reduce crossings; (4) x positions
are spread evenly and centred. Ties are broken by reading order, so the result is deterministic.
"""

from __future__ import annotations

from collections import defaultdict

from .model import ArgumentMap

X_SPACING = 220
Y_SPACING = 170
SWEEPS = 4

#: the least layer each kind sits on (a thesis on top, evidence at least two layers below)
KIND_LAYER = {"thesis": 0, "reason": 1, "objection": 1, "claim": 2, "rebuttal": 2, "evidence": 2}


def layers(amap: ArgumentMap) -> dict[str, int]:
    graph = amap.graph
    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    succ = [[index[v] for v in graph.succ[n]] for n in nodes]
    # (1) iterative DFS following edges upward; an edge to a node still on the stack closes a cycle
    state = [0] * len(nodes)  # 0 new, 1 on stack, 2 done
    order: list[int] = []  # post-order: targets before the nodes that argue about them
    back: set[tuple[int, int]] = set()
    for start in range(len(nodes)):
        if state[start]:
            continue
        state[start] = 1
        stack = [(start, 0)]
        while stack:
            u, i = stack[-1]
            if i < len(succ[u]):
                stack[-1] = (u, i + 1)
                v = succ[u][i]
                if state[v] == 0:
                    state[v] = 1
                    stack.append((v, 0))
                elif state[v] == 1:
                    back.add((u, v))
            else:
                state[u] = 2
                order.append(u)
                stack.pop()
    # (2) longest path from the top, with each kind's least layer
    layer = [0] * len(nodes)
    kinds = [graph.nodes[n]["kind"] for n in nodes]
    for u in order:
        least = KIND_LAYER.get(kinds[u], 1)
        above = [layer[v] + 1 for v in succ[u] if (u, v) not in back]
        layer[u] = max(least, max(above, default=0))
    return {n: layer[i] for i, n in enumerate(nodes)}


def layered(amap: ArgumentMap) -> dict[str, tuple[int, int]]:
    """``{node: (x, y)}`` in pixels, layer 0 at y = 0."""
    graph = amap.graph
    layer_of = layers(amap)
    rows: dict[int, list[str]] = defaultdict(list)
    for n in graph:  # reading order is the first ordering
        rows[layer_of[n]].append(n)
    depth = max(rows, default=-1) + 1
    grid = [rows.get(i, []) for i in range(depth)]
    neighbours_up: dict[str, list[str]] = {}
    neighbours_down: dict[str, list[str]] = {}
    for n in graph:
        ln = layer_of[n]
        ups = [v for v in graph.succ[n] if layer_of[v] < ln]
        ups += [v for v in graph.pred[n] if layer_of[v] < ln]
        downs = [v for v in graph.pred[n] if layer_of[v] > ln]
        downs += [v for v in graph.succ[n] if layer_of[v] > ln]
        neighbours_up[n] = ups
        neighbours_down[n] = downs
    x: dict[str, float] = {}

    def place(row: list[str]) -> None:
        offset = (len(row) - 1) / 2
        for i, n in enumerate(row):
            x[n] = i - offset

    for row in grid:
        place(row)
    # (3) barycentre sweeps, down then up; a node with no neighbours keeps its place
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        sequence = range(1, depth) if downward else range(depth - 2, -1, -1)
        for li in sequence:
            row = grid[li]
            near = neighbours_up if downward else neighbours_down
            keys = {}
            for pos, n in enumerate(row):
                ns = near[n]
                keys[n] = (sum(x[v] for v in ns) / len(ns)) if ns else x[n]
                keys[n] = (keys[n], pos)
            row.sort(key=keys.__getitem__)
            place(row)
    return {
        n: (round(x[n] * X_SPACING), li * Y_SPACING)
        for li, row in enumerate(grid)
        for n in row
    }
