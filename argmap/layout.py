"""Layered top-down positions computed in Python, so the browser does no layout work at all.

A Sugiyama-style layout in O(sweeps * (nodes + edges) + nodes * log(nodes)) time:

1. circular support is broken by ignoring the edges that close a cycle in an iterative depth-first
   walk (no recursion, so a 100 000-statement chain is fine). The walk starts from the last
   statement written and goes up towards the thesis, so a cycle is entered from below and the
   edge ignored is the one pointing back down (e.g. a thesis "supporting" a reason of its own);
2. each node's layer is at least one below everything it argues about (longest path from the top)
   and at least its kind's usual layer (thesis 0, reasons and objections 1, the rest 2+);
3. nodes in a layer are ordered by a few barycentre sweeps (down, then up) to reduce crossings;
4. x positions are spread evenly, ``X_SPACING`` apart, and each layer is centred. A layer wider
   than ``row_cap(n)`` nodes (thousands of evidence in one row would force a browser to zoom out
   so far that nothing is readable) is wrapped into several rows, one band of rows per layer:
   the k-th node of a layer wrapped into R rows goes to row ``k % R`` of its band, at an x
   proportional to k, so a row still holds nodes ``X_SPACING`` apart, the layer keeps its
   barycentre order from left to right, and every layer keeps the width its order implies.
   Bands are stacked in layer order, so an edge still points from a lower band to a higher one.

Ties are broken by reading order, so the result is deterministic. Everything runs on integer
indexes and plain lists built in one pass over the edges (no per-node networkx look-ups, no
membership tests in lists, no re-scans).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager

from .model import ArgumentMap

X_SPACING = 220
Y_SPACING = 170
SWEEPS = 4
#: a layer of more nodes than this (at any map size) may be wrapped into several rows ...
MIN_ROW = 40
#: ... and at n nodes, one of more than ``ROW_FACTOR * sqrt(n)``: the whole map then comes out
#: roughly as wide as a screen's proportions want (rows 220 px apart, layers 170 px apart)
ROW_FACTOR = 1.1

#: the least layer each kind sits on (a thesis on top, evidence at least two layers below)
KIND_LAYER = {"thesis": 0, "reason": 1, "objection": 1, "claim": 2, "rebuttal": 2, "evidence": 2}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The layout allocates a few hundred thousand small lists and tuples and frees no cycles:
    with a large map in memory, every generation-2 collection they trigger would re-scan the whole
    map (that alone made the layout of 100 000 nodes several times slower than linear)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _structure(amap: ArgumentMap) -> tuple[list[str], list[list[int]], list[int]]:
    """Nodes in reading order, each one's successors as indexes, and each one's least layer."""
    graph = amap.graph
    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    succ: list[list[int]] = [[] for _ in nodes]
    for u, targets in graph.adjacency():
        if targets:
            succ[index[u]] = [index[v] for v in targets]
    least = [KIND_LAYER.get(k, 1) for _, k in graph.nodes(data="kind")]
    return nodes, succ, least


def _layers(succ: list[list[int]], least: list[int]) -> list[int]:
    n = len(succ)
    # (1) iterative DFS following edges upward; an edge to a node still on the stack closes a cycle
    state = bytearray(n)  # 0 new, 1 on the stack, 2 done
    order: list[int] = []  # post-order: the nodes argued about before the nodes arguing about them
    back: set[tuple[int, int]] = set()
    for start in range(n - 1, -1, -1):
        if state[start]:
            continue
        state[start] = 1
        stack = [(start, iter(succ[start]))]
        while stack:
            u, it = stack[-1]
            for v in it:
                s = state[v]
                if s == 0:
                    state[v] = 1
                    stack.append((v, iter(succ[v])))
                    break
                if s == 1:
                    back.add((u, v))
            else:
                state[u] = 2
                order.append(u)
                stack.pop()
    # (2) longest path from the top, with each kind's least layer
    layer = least[:]
    if back:
        for u in order:
            best = layer[u]
            for v in succ[u]:
                if layer[v] >= best and (u, v) not in back:
                    best = layer[v] + 1
            layer[u] = best
    else:
        for u in order:
            best = layer[u]
            for v in succ[u]:
                if layer[v] >= best:
                    best = layer[v] + 1
            layer[u] = best
    return layer


def row_cap(n: int) -> int:
    """The most nodes one row holds in a map of ``n`` nodes (wider layers wrap)."""
    return max(MIN_ROW, math.ceil(ROW_FACTOR * math.sqrt(n)))


def layers(amap: ArgumentMap) -> dict[str, int]:
    """Each node's layer: 0 on top (the thesis), growing downwards."""
    with _gc_paused():
        nodes, succ, least = _structure(amap)
        return dict(zip(nodes, _layers(succ, least), strict=True))


def layered(amap: ArgumentMap) -> dict[str, tuple[int, int]]:
    """``{node: (x, y)}`` in pixels, the top row (layer 0 when there is a thesis) at y = 0."""
    with _gc_paused():
        return _layered(amap)


def _layered(amap: ArgumentMap) -> dict[str, tuple[int, int]]:
    nodes, succ, least = _structure(amap)
    n = len(nodes)
    layer = _layers(succ, least)
    top = min(layer, default=0)
    if top:  # no thesis: the first row in use goes on top
        layer = [li - top for li in layer]
    depth = max(layer, default=-1) + 1
    grid: list[list[int]] = [[] for _ in range(depth)]
    for i in range(n):  # reading order is the first ordering
        grid[layer[i]].append(i)
    # neighbours in the layers above and below (an edge may skip layers; it still pulls)
    ups: list[list[int]] = [[] for _ in range(n)]
    downs: list[list[int]] = [[] for _ in range(n)]
    for u in range(n):
        lu = layer[u]
        for v in succ[u]:
            lv = layer[v]
            if lv < lu:
                ups[u].append(v)
                downs[v].append(u)
            elif lv > lu:  # an edge that closes a cycle points down
                downs[u].append(v)
                ups[v].append(u)
    pos = [0.0] * n

    def place(row: list[int]) -> None:
        offset = (len(row) - 1) / 2
        for i, node in enumerate(row):
            pos[node] = i - offset

    for row in grid:
        place(row)
    # (3) barycentre sweeps, down then up; a node with no neighbours there keeps its place
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        near = ups if downward else downs
        sequence = range(1, depth) if downward else range(depth - 2, -1, -1)
        for li in sequence:
            row = grid[li]
            keyed = []
            for rank, node in enumerate(row):
                ns = near[node]
                if not ns:
                    key = pos[node]
                elif len(ns) == 1:
                    key = pos[ns[0]]
                else:
                    key = sum([pos[v] for v in ns]) / len(ns)
                keyed.append((key, rank, node))
            keyed.sort()
            row[:] = [node for _, _, node in keyed]
            place(row)
    # (4) pixels: each layer a band of rows; a layer of L nodes wrapped into R rows puts its
    # k-th node on row k % R at x = (k - (L - 1) / 2) * X_SPACING / R (exact integers: the
    # floor keeps nodes of one row exactly X_SPACING apart; R = 1 is the unwrapped layout)
    cap = row_cap(n)
    out: dict[str, tuple[int, int]] = {}
    top_row = 0
    for row in grid:
        size = len(row)
        wrap = -(-size // cap) if size > cap else 1
        span = size - 1
        for k, node in enumerate(row):
            out[nodes[node]] = ((2 * k - span) * X_SPACING // (2 * wrap), (top_row + k % wrap) * Y_SPACING)
        top_row += wrap  # an empty layer (a kind's floor skipped it) keeps its gap, as before
    return out
