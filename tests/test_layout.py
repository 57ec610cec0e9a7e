"""The layered layout: correctness only (speed is measured by ``python -m benchmarks.run``)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.layout import MIN_ROW, X_SPACING, Y_SPACING, layered, layers, row_cap
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
        assert all(b - a >= X_SPACING for a, b in zip(xs, xs[1:], strict=False))
    assert_bands(amap, pos)
    # theses that argue about nothing are on top, and nothing is above the top row
    assert min(y for _, y in pos.values()) == 0
    for n, kind in graph.nodes(data="kind"):
        if kind == "thesis" and graph.out_degree(n) == 0:
            assert pos[n][1] == 0


def assert_bands(amap: ArgumentMap, pos: dict[str, tuple[int, int]]) -> None:
    """Each layer is one band of consecutive rows (one row unless it holds more than ``row_cap``
    nodes, then as few rows as fit), centred, and the bands keep the layers' order: every row of a
    layer lies below every row of the layer above and above every row of the layer below."""
    lay = layers(amap)
    top = min(lay.values(), default=0)
    cap = row_cap(len(amap))
    band: dict[int, list[str]] = {}
    for n, li in lay.items():
        band.setdefault(li - top, []).append(n)
    expected_top = 0
    for li in range(max(band, default=-1) + 1):
        members = band.get(li, [])
        want_rows = max(1, -(-len(members) // cap))
        ys = sorted({pos[n][1] for n in members})
        if members:
            assert ys == [(expected_top + r) * Y_SPACING for r in range(want_rows)], (li, ys)
            xs = [pos[n][0] for n in members]
            assert abs(min(xs) + max(xs)) <= 1 or (want_rows > 1 and abs(min(xs) + max(xs)) < X_SPACING), (
                "a layer is centred"
            )
            if want_rows == 1:
                assert abs(min(xs) + max(xs)) <= 1, "a row is centred"
            assert all(len([n for n in members if pos[n][1] == y]) <= cap for y in ys)
        expected_top += want_rows


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
        [
            ("t", "thesis"),
            ("r", "reason"),
            ("e", "evidence"),
            ("c", "claim"),
            ("e2", "evidence"),
            ("o", "objection"),
            ("rb", "rebuttal"),
        ],
        [
            ("r", "t", "supports"),
            ("e", "t", "supports"),
            ("c", "r", "supports"),
            ("e2", "c", "supports"),
            ("o", "r", "attacks"),
            ("rb", "o", "attacks"),
        ],
    )
    lay = layers(amap)
    assert lay == {"t": 0, "r": 1, "e": 2, "c": 2, "e2": 3, "o": 2, "rb": 3}
    assert_valid_layout(amap, layered(amap))


def test_cycle_is_broken_not_fatal() -> None:
    amap = build(
        [("t", "thesis"), ("a", "reason"), ("b", "claim"), ("c", "claim")],
        [("a", "t", "supports"), ("b", "a", "supports"), ("c", "b", "supports"), ("a", "c", "supports")],
    )
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
        [
            ("r1", "t", "supports"),
            ("r2", "t", "supports"),
            ("e2", "r2", "supports"),
            ("e1", "r1", "supports"),
        ],
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
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["supports", "attacks"])),
            max_size=3 * n,
        )
    )
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
    assert len(amap) <= MIN_ROW  # no layer wraps: one row per layer, as before wrapping existed
    for n, (_, y) in pos.items():
        assert y == (lay[n] - top) * Y_SPACING


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_kind_floors(amap: ArgumentMap) -> None:
    from argmap.layout import KIND_LAYER

    lay = layers(amap)
    for n, kind in amap.graph.nodes(data="kind"):
        assert lay[n] >= KIND_LAYER[kind]


def test_wide_layers_wrap_into_bands() -> None:
    # a thesis, 3 reasons, 1 000 evidence under them and 150 claims under the evidence's reasons
    nodes = [("t", "thesis")] + [(f"r{i}", "reason") for i in range(3)]
    edges = [(f"r{i}", "t", "supports") for i in range(3)]
    nodes += [(f"e{i}", "evidence") for i in range(1000)]
    edges += [(f"e{i}", f"r{i % 3}", "supports") for i in range(1000)]
    nodes += [(f"q{i}", "objection") for i in range(150)]
    edges += [(f"q{i}", f"e{i * 6}", "attacks") for i in range(150)]
    amap = build(nodes, edges)
    pos = layered(amap)
    assert_valid_layout(amap, pos)
    cap = row_cap(len(amap))
    assert cap < 1000
    ev_rows = {pos[f"e{i}"][1] for i in range(1000)}
    assert len(ev_rows) == -(-1000 // cap) > 1
    # between the reasons above and the objections below, nothing else in the band
    assert max(pos[f"r{i}"][1] for i in range(3)) < min(ev_rows)
    assert max(ev_rows) < min(pos[f"q{i}"][1] for i in range(150))
    # the band is about as wide as a row of cap nodes, not of 1 000
    xs = [pos[f"e{i}"][0] for i in range(1000)]
    assert max(xs) - min(xs) <= cap * X_SPACING
    # the layer's order runs left to right through the band: the k-th node from the left is on
    # the band's row k % R, so each row holds every R-th node, X_SPACING apart
    order = sorted(range(1000), key=lambda i: pos[f"e{i}"][0])
    top_row = min(ev_rows) // Y_SPACING
    wrap = len(ev_rows)
    assert [pos[f"e{i}"][1] // Y_SPACING - top_row for i in order] == [k % wrap for k in range(1000)]
    assert layered(amap) == pos


@pytest.mark.parametrize("seed", [1, 2])
def test_acyclic_maps_have_every_edge_up(seed: int) -> None:
    import argmap
    from benchmarks.generate import generate, to_yaml

    amap = argmap.loads(to_yaml(generate(2000, seed=seed)))  # < 5 000: no cycles generated
    assert nx.is_directed_acyclic_graph(amap.graph)
    pos = layered(amap)
    assert all(pos[u][1] > pos[v][1] for u, v in amap.graph.edges())
