"""What rests on what: the traces behind the page's highlighting and the CLI's evidence views.

Definitions (the page's ``page/traces.js`` implements the same ones and ``tests/test_page.py`` checks, node
by node, that both agree):

* a node **rests on** every node from which a path of ``supports`` edges leads into it: its
  reasons, their reasons, down to the evidence at the end;
* a node is **relied on by** every node its own ``supports`` edges lead to, transitively;
* its **objections** are the nodes that attack or undercut it directly;
* it **attacks** every node its own ``attacks``/``undercuts`` edges lead to (an undercut counts as
  an attack on the statement at the head of the step it undercuts), and from those, every node any
  edge leads on to: what the attacked statement supports up to the thesis and, for a rebuttal, what
  the objection it answers attacks;
* it is **answered by** its objections (for an objection: its rebuttals) followed by everything
  each of them rests on (their evidence).

All walks are iterative (no recursion limit at 100 000-node chains) and list nodes in breadth-first
order, neighbours in the map's reading order, so every output is deterministic.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from .model import ArgumentMap

if TYPE_CHECKING:
    from .model import MapGraph

SUPPORTS = "supports"
T = TypeVar("T")


@dataclass(frozen=True)
class Trace:
    node: str
    rests_on: tuple[str, ...]
    relied_on_by: tuple[str, ...]
    objections: tuple[str, ...]
    attacks: tuple[str, ...] = ()
    answered_by: tuple[str, ...] = ()

    @property
    def highlighted(self) -> tuple[str, ...]:
        """Every node the page highlights when ``node`` is clicked, ``node`` first."""
        seen = dict.fromkeys((self.node, *self.rests_on, *self.relied_on_by, *self.objections,
                              *self.attacks, *self.answered_by))
        return tuple(seen)


def _walk(graph: MapGraph, start: str, forward: bool, limit: int | None = None) -> tuple[str, ...]:
    # the graph's own adjacency dicts (``graph.succ`` wraps each in a read-only view per access)
    adj = graph._succ if forward else graph._pred
    if start not in adj:
        raise KeyError(start)
    seen = {start}
    order: list[str] = []
    append = order.append
    i = -1
    current = start
    while True:
        for other, data in adj[current].items():
            if data["relation"] == SUPPORTS and other not in seen:
                seen.add(other)
                append(other)
        i += 1
        if i == len(order) or (limit is not None and len(order) >= limit):
            return tuple(order[:limit])
        current = order[i]


def rests_on(amap: ArgumentMap, node: str, limit: int | None = None) -> tuple[str, ...]:
    """What ``node`` rests on, breadth first; with ``limit``, the first ``limit`` of them (the
    same prefix as the whole walk, found in time bounded by the limit's neighbourhood)."""
    return _walk(amap.graph, node, forward=False, limit=limit)


def relied_on_by(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    return _walk(amap.graph, node, forward=True)


def objections(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    return tuple(u for u, d in amap.graph._pred[node].items() if d["relation"] != SUPPORTS)


def _spread(adj: dict[str, dict[str, dict[str, str]]], start: str, first: list[str],
            supports_only: bool) -> tuple[str, ...]:
    """Breadth-first from the nodes ``first`` (in that order) along ``adj``, never back to
    ``start``: every node reached, ``first`` included, each once."""
    seen = {start}
    order: list[str] = []
    for n in first:
        if n not in seen:
            seen.add(n)
            order.append(n)
    i = 0
    while i < len(order):
        for other, data in adj[order[i]].items():
            if other not in seen and (not supports_only or data["relation"] == SUPPORTS):
                seen.add(other)
                order.append(other)
        i += 1
    return tuple(order)


def attacks(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    """What ``node`` attacks or undercuts, then everything any edge leads on to from there."""
    succ = amap.graph._succ
    targets = [v for v, d in succ[node].items() if d["relation"] != SUPPORTS]
    return _spread(succ, node, targets, supports_only=False)


def answered_by(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    """The statements attacking ``node`` (its rebuttals), then what each of them rests on."""
    return _spread(amap.graph._pred, node, list(objections(amap, node)), supports_only=True)


def trace(amap: ArgumentMap, node: str) -> Trace:
    if node not in amap.graph:
        raise KeyError(node)
    return Trace(node, rests_on(amap, node), relied_on_by(amap, node), objections(amap, node),
                 attacks(amap, node), answered_by(amap, node))


def evidence_of(amap: ArgumentMap, node: str) -> tuple[str, ...]:
    """The evidence a node rests on, nearest first."""
    kinds = amap.graph.nodes
    return tuple(n for n in rests_on(amap, node) if kinds[n]["kind"] == "evidence")


#: inside ``sharing_analyses``: (graph id, what) -> (the graph, the answer), worked out once
_SHARED: ContextVar[dict[tuple[int, str], tuple[nx.DiGraph, Any]] | None] = ContextVar(
    "shared_analyses", default=None)


@contextmanager
def sharing_analyses() -> Iterator[None]:
    """Within this block each ``shared`` analysis of a graph is worked out once and handed to
    every later caller: the checks order the support graph for three analyses and ask two of them
    what rests on the evidence, the outline runs the checks and the strengths. The graphs must not
    change inside the block. A block inside another shares the outer one's answers."""
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared(graph: nx.DiGraph, what: str, work: Callable[[], T]) -> T:
    """``work()``, done once per graph and ``what`` inside ``sharing_analyses`` (every time
    outside it)."""
    known = _SHARED.get()
    if known is None:
        return work()
    hit = known.get((id(graph), what))
    if hit is None or hit[0] is not graph:
        hit = known[(id(graph), what)] = (graph, work())
    return hit[1]  # type: ignore[no-any-return]


def support_components(graph: MapGraph) -> Iterator[list[str]]:
    """The strongly connected components of the ``supports`` edges, every component after all the
    components it rests on (a topological order of the condensation, evidence side first)."""
    if _SHARED.get() is None:
        return _support_components(graph)
    return iter(shared(graph, "support components", lambda: list(_support_components(graph))))


def _support_components(graph: MapGraph) -> Iterator[list[str]]:
    """``support_components``, worked out.

    Linear in nodes + edges, so one pass in this order computes any "everything beneath" summary
    of every node without a walk per node. Statements on no support cycle (nearly all) are peeled
    off first, each once everything beneath it is out (Kahn's order: two counters per statement,
    half the work of Tarjan's bookkeeping on 100 000 statements); an iterative Tarjan over the
    reversed support edges orders the rest (the cycles and what rests on them).
    """
    pred, succ = graph._pred, graph._succ
    waiting: dict[str, int] = {}  # supporters not yet out
    ready: list[str] = []
    for n, ins in pred.items():
        count = 0
        for d in ins.values():
            if d["relation"] == SUPPORTS:
                count += 1
        if count:
            waiting[n] = count
        else:
            ready.append(n)
    ready.reverse()  # out in reading order where nothing else decides
    while ready:
        n = ready.pop()
        yield [n]
        for v, d in succ[n].items():
            if d["relation"] == SUPPORTS:
                waiting[v] -= 1
                if not waiting[v]:
                    del waiting[v]
                    ready.append(v)
    if not waiting:
        return
    index: dict[str, int] = dict.fromkeys((n for n in graph if n not in waiting), -1)  # out already
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    counter = 0
    for root in waiting:
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(pred[root].items()))]
        while work:
            node, it = work[-1]
            pushed = False
            for other, data in it:
                if data["relation"] != SUPPORTS:
                    continue
                if other not in index:
                    index[other] = low[other] = counter
                    counter += 1
                    stack.append(other)
                    on_stack.add(other)
                    work.append((other, iter(pred[other].items())))
                    pushed = True
                    break
                if other in on_stack and index[other] < low[node]:
                    low[node] = index[other]
            if pushed:
                continue
            work.pop()
            if work and low[node] < low[work[-1][0]]:
                low[work[-1][0]] = low[node]
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component


def support_cycles(amap: ArgumentMap) -> list[list[str]]:
    """One cycle of ``supports`` edges per knot of circular support, in reading order."""
    graph = amap.graph
    order: dict[str, int] = {}
    cycles = []
    for component in support_components(graph):
        if len(component) < 2:
            continue
        if not order:
            order = {n: i for i, n in enumerate(graph)}
        start = min(component, key=order.__getitem__)
        cycle = _first_cycle(graph._succ, start, set(component))
        # rotate so the cycle starts at its first node in reading order
        first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        cycles.append(cycle[first:] + cycle[:first])
    cycles.sort(key=lambda c: order[c[0]])
    return cycles


def _first_cycle(succ: dict[str, dict[str, dict[str, str]]], start: str, inside: set[str]) -> list[str]:
    """The first cycle a depth-first walk along ``supports`` edges from ``start`` within
    ``inside`` closes (what ``networkx.find_cycle`` returns on that subgraph, without its
    filtered views, which cost seconds on a 100 000-node cycle)."""
    on_path = {start: 0}
    path = [start]
    work = [iter(succ[start].items())]
    done: set[str] = set()
    while work:
        for other, data in work[-1]:
            if other not in inside or data["relation"] != SUPPORTS:
                continue
            if other in on_path:
                return path[on_path[other]:]
            if other not in done:
                on_path[other] = len(path)
                path.append(other)
                work.append(iter(succ[other].items()))
                break
        else:
            work.pop()
            node = path.pop()
            del on_path[node]
            done.add(node)
    raise ValueError("no cycle")  # pragma: no cover - a strongly connected component has one


def roots(amap: ArgumentMap) -> list[str]:
    """Theses, or where a map has none, the nodes that argue about nothing (its conclusions)."""
    theses = amap.nodes_of("thesis")
    if theses:
        return theses
    return [n for n, nbrs in amap.graph._succ.items() if not nbrs]


def reachable_from(amap: ArgumentMap, starts: Iterable[str]) -> set[str]:
    """Every node with a path of any relation into one of ``starts`` (plus the starts)."""
    pred = amap.graph._pred
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for other in pred[queue.popleft()]:
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return seen
