"""What rests on what: the traces behind the page's highlighting and the CLI's evidence views.

Definitions (the page's ``app.js`` implements the same ones and ``tests/test_page.py`` checks, node
by node, that both agree):

* a node **rests on** every node from which a path of ``supports`` edges leads into it: its
  reasons, their reasons, down to the evidence at the end;
* a node is **relied on by** every node its own ``supports`` edges lead to, transitively;
* its **objections** are the nodes that attack or undercut it directly.

All walks are iterative (no recursion limit at 100 000-node chains) and list nodes in breadth-first
order, neighbours in the map's reading order, so every output is deterministic.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .model import ArgumentMap

SUPPORTS = "supports"


@dataclass(frozen=True)
class Trace:
    node: str
    rests_on: tuple[str, ...]
    relied_on_by: tuple[str, ...]
    objections: tuple[str, ...]

    @property
    def highlighted(self) -> tuple[str, ...]:
        """Every node the page highlights when ``node`` is clicked, ``node`` first."""
        seen = dict.fromkeys((self.node, *self.rests_on, *self.relied_on_by, *self.objections))
        return tuple(seen)


def _walk(graph: nx.DiGraph, start: str, forward: bool) -> tuple[str, ...]:
    adj = graph.succ if forward else graph.pred
    seen = {start}
    order: list[str] = []
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for other, data in adj[current].items():
            if data["relation"] == SUPPORTS and other not in seen:
                seen.add(other)
                order.append(other)
                queue.append(other)
    return tuple(order)


def rests_on(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    return _walk(amap.graph, node, forward=False)


def relied_on_by(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    return _walk(amap.graph, node, forward=True)


def objections(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    return tuple(u for u, d in amap.graph.pred[node].items() if d["relation"] != SUPPORTS)


def trace(amap: ArgumentMap, node: str) -> Trace:
    if node not in amap.graph:
        raise KeyError(node)
    return Trace(node, rests_on(amap, node), relied_on_by(amap, node), objections(amap, node))


def evidence_of(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    """The evidence a node rests on, nearest first."""
    kinds = amap.graph.nodes
    return tuple(n for n in rests_on(amap, node) if kinds[n]["kind"] == "evidence")


def support_cycles(amap: ArgumentMap) -> list[list[str]]:
    """One cycle of ``supports`` edges per knot of circular support, in reading order."""
    support = nx.DiGraph()
    support.add_nodes_from(amap.graph)
    support.add_edges_from((u, v) for u, v, r in amap.graph.edges(data="relation") if r == SUPPORTS)
    order = {n: i for i, n in enumerate(amap.graph)}
    cycles = []
    for component in nx.strongly_connected_components(support):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        sub = support.subgraph(component)
        edges = nx.find_cycle(sub, source=start)
        cycle = [u for u, _ in edges]
        # rotate so the cycle starts at its first node in reading order
        first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        cycles.append(cycle[first:] + cycle[:first])
    cycles.sort(key=lambda c: order[c[0]])
    return cycles


def roots(amap: ArgumentMap) -> list[str]:
    """Theses, or where a map has none, the nodes that argue about nothing (its conclusions)."""
    theses = amap.nodes_of("thesis")
    if theses:
        return theses
    return [n for n in amap.graph if amap.graph.out_degree(n) == 0]


def reachable_from(amap: ArgumentMap, starts: Iterable[str]) -> set[str]:
    """Every node with a path of any relation into one of ``starts`` (plus the starts)."""
    pred = amap.graph.pred
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for other in pred[queue.popleft()]:
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return seen
