"""Traces and cycles, checked against networkx's own reachability on random graphs."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from hypothesis import given, settings
from strategies import random_graphs, support_graph

import argmap
from argmap.analysis import answered_by, attacks, evidence_of, rests_on, roots, support_cycles, trace


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


def reference_attacks(amap: argmap.ArgumentMap, node: str) -> set[str]:
    """The definition read literally: the targets of the node's attack edges and every node a path
    that does not come back through the node leads to from one of them."""
    targets = {v for _, v, r in amap.graph.out_edges(node, data="relation") if r != "supports"}
    rest = amap.graph.subgraph(set(amap.graph) - {node})
    return set(targets).union(*(nx.descendants(rest, t) for t in targets))


def reference_answered_by(amap: argmap.ArgumentMap, node: str) -> set[str]:
    g = support_graph(amap)
    g.remove_node(node)
    attackers = {u for u, _, r in amap.graph.in_edges(node, data="relation") if r != "supports"}
    return attackers.union(*(nx.ancestors(g, a) for a in attackers))


@settings(max_examples=150, deadline=None)
@given(random_graphs())
def test_attack_traces_match_the_reference(amap: argmap.ArgumentMap) -> None:
    for node in amap:
        t = trace(amap, node)
        assert set(t.attacks) == reference_attacks(amap, node)
        assert set(t.answered_by) == reference_answered_by(amap, node)
        assert len(set(t.attacks)) == len(t.attacks)
        assert len(set(t.answered_by)) == len(t.answered_by)
        # direct targets first, then what lies beyond them; the answers themselves before their evidence
        direct = [v for v, d in amap.graph.succ[node].items() if d["relation"] != "supports"]
        assert list(t.attacks[:len(direct)]) == direct
        assert t.answered_by[:len(t.objections)] == t.objections
        everything = {node, *t.rests_on, *t.relied_on_by, *t.objections, *t.attacks, *t.answered_by}
        assert set(t.highlighted) == everything and len(t.highlighted) == len(everything)


def test_objection_and_rebuttal_light_the_line_to_the_thesis() -> None:
    amap = argmap.ArgumentMap()
    for node, kind in (("t", "thesis"), ("r", "reason"), ("e", "evidence"), ("o", "objection"),
                       ("b", "rebuttal"), ("be", "evidence"), ("u", "objection")):
        amap.add_node(node, kind, node)
    amap.add_edge("r", "t")
    amap.add_edge("e", "r")
    amap.add_edge("o", "r", "attacks")
    amap.add_edge("b", "o", "attacks")
    amap.add_edge("be", "b")
    amap.add_edge("u", "t", "undercuts", premise="r")
    assert attacks(amap, "o") == ("r", "t")
    assert answered_by(amap, "o") == ("b", "be")
    assert attacks(amap, "b") == ("o", "r", "t")
    assert answered_by(amap, "b") == ()
    assert attacks(amap, "u") == ("t",)  # an undercut attacks the conclusion of the step
    assert trace(amap, "o").highlighted == ("o", "b", "r", "t", "be")
    assert trace(amap, "r").answered_by == ("o",)


def test_attack_walks_have_no_recursion_limit() -> None:
    amap = argmap.ArgumentMap()
    n = 100_000
    for i in range(n):
        amap.add_node(f"n{i}", "rebuttal", "x")
    for i in range(1, n):
        amap.add_edge(f"n{i}", f"n{i - 1}", "attacks")
    assert len(attacks(amap, f"n{n - 1}")) == n - 1


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


def test_shared_components_are_worked_out_once_per_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import analysis

    calls: list[object] = []
    real = analysis._support_components

    def counted(graph: nx.DiGraph) -> Iterator[list[str]]:
        calls.append(graph)
        return real(graph)

    monkeypatch.setattr(analysis, "_support_components", counted)
    one, two = argmap.ArgumentMap(), argmap.ArgumentMap()
    for amap in (one, two):
        for n in "abc":
            amap.add_node(n, "claim", n)
        amap.add_edge("a", "b")
        amap.add_edge("b", "a")
        amap.add_edge("b", "c")
    with analysis.sharing_analyses():
        first = list(analysis.support_components(one.graph))
        with analysis.sharing_analyses():  # the checks inside the outline: the same answers
            assert list(analysis.support_components(one.graph)) == first
        assert list(analysis.support_components(two.graph)) == first
        assert len(calls) == 2  # once per graph
    assert sorted(map(sorted, first)) == [["a", "b"], ["c"]] and first[-1] == ["c"]
    assert list(analysis.support_components(one.graph)) == first
    assert len(calls) == 3  # outside the block: worked out afresh (the map may have changed)
