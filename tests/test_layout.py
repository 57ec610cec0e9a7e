"""The layered layout: correctness only (speed is measured by ``python -m benchmarks.run``)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.layout import X_SPACING, Y_SPACING, layered, layers
from argmap.model import KINDS, ArgumentMap


def build(nodes: list[tuple[str, str]], edges: list[tuple[str, str, str]]) -> ArgumentMap:
    amap = ArgumentMap()
    for node_id, kind in nodes:
        amap.add_node(node_id, kind, f"statement {node_id}")
    for u, v, rel in edges:
        amap.add_edge(u, v, rel)
    return amap


def assert_valid_layout(amap: ArgumentMap, pos: dict[str, tuple[int, int]]) -> None:
    graph = amap.graph
    assert set(pos) == set(graph)
    # layers respected: an edge points up (from a larger y to a smaller one) unless it closes a
    # cycle, i.e. unless both ends are in the same strongly connected component
    component = {}
    for i, comp in enumerate(nx.strongly_connected_components(graph)):
        for n in comp:
            component[n] = i
    for u, v in graph.edges():
        if component[u] != component[v]:
            assert pos[u][1] > pos[v][1], f"{u} -> {v} does not point up: {pos[u]} vs {pos[v]}"
    # rows on the grid, nothing overlaps: distinct points, neighbours in a row a full spacing apart
    assert len(set(pos.values())) == len(pos), "two nodes share a position"
    rows: dict[int, list[int]] = {}
    for x, y in pos.values():
        assert y % Y_SPACING == 0 and y >= 0
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= X_SPACING for a, b in zip(xs, xs[1:]))
        assert abs(xs[0] + xs[-1]) <= 1, "a row is centred"
    # theses that argue about nothing are on top, and nothing is above the top row
    assert min(y for _, y in pos.values()) == 0
    for n, kind in graph.nodes(data="kind"):
        if kind == "thesis" and graph.out_degree(n) == 0:
            assert pos[n][1] == 0


def test_stalin_layers(stalin: Any) -> None:
    pos = layered(stalin)
    assert_valid_layout(stalin, pos)
    lay = layers(stalin)
    assert lay["purges"] == 0
    assert lay["rivals"] == 1
    assert lay["kirov_murder"] == 2
    for n, kind in stalin.graph.nodes(data="kind"):
        if kind == "evidence":
            assert lay[n] >= 2


def test_kind_floor_and_longest_path() -> None:
    amap = build(
        [("t", "thesis"), ("r", "reason"), ("e", "evidence"), ("c", "claim"), ("e2", "evidence"),
         ("o", "objection"), ("rb", "rebuttal")],
        [("r", "t", "supports"), ("e", "t", "supports"), ("c", "r", "supports"), ("e2", "c", "supports"),
         ("o", "r", "attacks"), ("rb", "o", "attacks")],
    )
    lay = layers(amap)
    assert lay == {"t": 0, "r": 1, "e": 2, "c": 2, "e2": 3, "o": 2, "rb": 3}
    assert_valid_layout(amap, layered(amap))


def test_cycle_is_broken_not_fatal() -> None:
    amap = build([("t", "thesis"), ("a", "reason"), ("b", "claim"), ("c", "claim")],
                 [("a", "t", "supports"), ("b", "a", "supports"), ("c", "b", "supports"),
                  ("a", "c", "supports")])
    pos = layered(amap)
    assert_valid_layout(amap, pos)
    # exactly one edge of the cycle points down
    down = [(u, v) for u, v in amap.graph.edges() if pos[u][1] <= pos[v][1]]
    assert len(down) == 1


def test_deterministic() -> None:
    import argmap
    from benchmarks.generate import generate, to_yaml

    text = to_yaml(generate(1500, seed=3))
    one = layered(argmap.loads(text))
    two = layered(argmap.loads(text))
    assert one == two
    assert list(one) == list(two)


def test_barycentre_reduces_crossings() -> None:
    # two reasons in one order, their evidence written in the opposite order: sweeps untangle them
    amap = build(
        [("t", "thesis"), ("r1", "reason"), ("r2", "reason"), ("e2", "evidence"), ("e1", "evidence")],
        [("r1", "t", "supports"), ("r2", "t", "supports"), ("e2", "r2", "supports"),
         ("e1", "r1", "supports")],
    )
    pos = layered(amap)
    assert pos["r1"][0] < pos["r2"][0]
    assert pos["e1"][0] < pos["e2"][0]


def test_empty_and_single() -> None:
    assert layered(ArgumentMap()) == {}
    amap = build([("t", "thesis")], [])
    assert layered(amap) == {"t": (0, 0)}


def test_long_chain_has_no_recursion_error() -> None:
    n = 100_000
    amap = ArgumentMap()
    amap.add_node("n0", "thesis", "top")
    for i in range(1, n):
        amap.add_node(f"n{i}", "claim", f"step {i}")
        amap.graph.add_edge(f"n{i}", f"n{i - 1}", relation="supports")
    amap.graph.add_edge("n0", f"n{n - 1}", relation="supports")  # and one cycle through it all
    pos = layered(amap)
    assert len(pos) == n
    assert pos["n0"] == (0, 0)
    assert pos[f"n{n - 1}"][1] == (n - 1) * Y_SPACING + Y_SPACING  # claims start on layer 2


def test_generated_map(tmp_path: Any) -> None:
    import argmap
    from benchmarks.generate import generate, to_yaml

    amap = argmap.loads(to_yaml(generate(10_000, seed=2)))
    assert_valid_layout(amap, layered(amap))


# -- properties on random graphs --------------------------------------------------------------
@st.composite
def graphs(draw: Any) -> ArgumentMap:
    n = draw(st.integers(min_value=1, max_value=40))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=n, max_size=n))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                    st.sampled_from(["supports", "attacks"])), max_size=3 * n))
    amap = ArgumentMap()
    for i, kind in enumerate(kinds):
        amap.add_node(f"n{i}", kind, f"statement {i}")
    for u, v, rel in pairs:
        if u != v and not amap.graph.has_edge(f"n{u}", f"n{v}"):
            amap.add_edge(f"n{u}", f"n{v}", rel)
    return amap


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_random_graphs(amap: ArgumentMap) -> None:
    pos = layered(amap)
    assert_valid_layout(amap, pos)
    assert layered(amap) == pos
    lay = layers(amap)
    top = min(lay.values())
    for n, (_, y) in pos.items():
        assert y == (lay[n] - top) * Y_SPACING


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_kind_floors(amap: ArgumentMap) -> None:
    from argmap.layout import KIND_LAYER

    lay = layers(amap)
    for n, kind in amap.graph.nodes(data="kind"):
        assert lay[n] >= KIND_LAYER[kind]


@pytest.mark.parametrize("seed", [1, 2])
def test_acyclic_maps_have_every_edge_up(seed: int) -> None:
    import argmap
    from benchmarks.generate import generate, to_yaml

    amap = argmap.loads(to_yaml(generate(2000, seed=seed)))  # < 5 000: no cycles generated
    assert nx.is_directed_acyclic_graph(amap.graph)
    pos = layered(amap)
    assert all(pos[u][1] > pos[v][1] for u, v in amap.graph.edges())
