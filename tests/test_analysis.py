"""Traces and cycles, checked against networkx's own reachability on random graphs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from strategies import random_graphs, support_graph

import argmap
from argmap.analysis import evidence_of, rests_on, roots, support_cycles, trace


@settings(max_examples=150, deadline=None)
@given(random_graphs())
def test_trace_matches_reachability(amap: argmap.ArgumentMap) -> None:
    g = support_graph(amap)
    for node in amap:
        t = trace(amap, node)
        assert set(t.rests_on) == nx.ancestors(g, node) - {node}
        assert set(t.relied_on_by) == nx.descendants(g, node) - {node}
        assert set(t.objections) == {u for u, _, r in amap.graph.in_edges(node, data="relation")
                                     if r != "supports"}
        assert len(set(t.rests_on)) == len(t.rests_on)
        assert t.highlighted[0] == node


@settings(max_examples=150, deadline=None)
@given(random_graphs())
def test_cycles_found_exactly_when_support_is_circular(amap: argmap.ArgumentMap) -> None:
    g = support_graph(amap)
    cycles = support_cycles(amap)
    assert bool(cycles) == (not nx.is_directed_acyclic_graph(g))
    for cycle in cycles:
        for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            assert g.has_edge(a, b)


def test_stalin_traces(stalin: argmap.ArgumentMap) -> None:
    assert set(evidence_of(stalin, "rivals")) == {"kirov_murder", "tukhachevsky", "generals_shot",
                                                   "officers_purged"}
    assert rests_on(stalin, "superiority") == ()
    thesis = trace(stalin, "purges")
    assert set(thesis.rests_on) == set(stalin) - {"purges"}
    assert roots(stalin) == ["purges"]


def test_long_chain_has_no_recursion_limit() -> None:
    amap = argmap.ArgumentMap()
    n = 100_000
    for i in range(n):
        amap.add_node(f"n{i}", "claim", "x")
    for i in range(1, n):
        amap.add_edge(f"n{i}", f"n{i - 1}")
    amap.add_edge("n0", f"n{n - 1}")  # one long cycle
    assert len(rests_on(amap, "n0")) == n - 1
    cycles = support_cycles(amap)
    assert len(cycles) == 1 and len(cycles[0]) == n


def test_cycles_among_many_acyclic_nodes() -> None:
    amap = argmap.ArgumentMap()
    for i in range(200):
        amap.add_node(f"n{i}", "claim", f"claim {i}")
    for i in range(199):
        amap.add_edge(f"n{i}", f"n{i + 1}")
    amap.add_edge("n150", "n120")  # one loop deep inside a chain
    amap.add_edge("n10", "n5", "attacks")  # not support: no cycle
    assert support_cycles(amap) == [[f"n{i}" for i in range(120, 151)]]


@settings(max_examples=150, deadline=None)
@given(random_graphs())
def test_support_components_are_the_condensation_in_topological_order(amap: argmap.ArgumentMap) -> None:
    from argmap.analysis import support_components

    g = support_graph(amap)
    found = list(support_components(amap.graph))
    assert sorted(map(sorted, found)) == sorted(map(sorted, nx.strongly_connected_components(g)))
    position = {n: i for i, component in enumerate(found) for n in component}
    assert all(position[u] <= position[v] for u, v in g.edges)


@settings(max_examples=150, deadline=None)
@given(random_graphs())
def test_each_support_cycle_is_the_one_networkx_finds(amap: argmap.ArgumentMap) -> None:
    g = support_graph(amap)
    order = {n: i for i, n in enumerate(amap.graph)}
    expected = []
    for component in nx.strongly_connected_components(g):
        if len(component) > 1:
            start = min(component, key=order.__getitem__)
            cycle = [u for u, _ in nx.find_cycle(g.subgraph(component), source=start)]
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            expected.append(cycle[first:] + cycle[:first])
    expected.sort(key=lambda c: order[c[0]])
    assert support_cycles(amap) == expected
