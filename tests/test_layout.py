"""The layered layout: correctness only (speed is measured by ``python -m benchmarks.run``)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
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
    from tests.maps import generate, to_yaml

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
    from tests.maps import generate, to_yaml

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
    from tests.maps import generate, to_yaml

    amap = argmap.loads(to_yaml(generate(2000, seed=seed)))  # < 5 000: no cycles generated
    assert nx.is_directed_acyclic_graph(amap.graph)
    pos = layered(amap)
    assert all(pos[u][1] > pos[v][1] for u, v in amap.graph.edges())


# -- the essay-shaped card layout ------------------------------------------------------------------
from strategies import essay_maps, random_graphs  # noqa: E402

from argmap.cards import CARD_WIDTH  # noqa: E402
from argmap.layout import DEPTH_GAP, DIRECTIONS, GAP, CardLayout, card_layout, essay_layout, fit_zoom  # noqa: E402
from tests.maps import essay_map, nearest_share, without_thesis  # noqa: E402

MIN_GAP = 20


def variant_boxes(cards: CardLayout, pos: list[tuple[int, int]]) -> list[tuple[float, float, float, float]]:
    """Each card's box as the page draws it: CARD_WIDTH x height, centred on its position."""
    return [(x - CARD_WIDTH / 2, y - h / 2, x + CARD_WIDTH / 2, y + h / 2)
            for (x, y), h in zip(pos, cards.heights, strict=True)]


def card_boxes(cards: CardLayout, direction: str) -> list[tuple[float, float, float, float]]:
    """The boxes of the first drawing in ``direction``."""
    return variant_boxes(cards, cards.positions[direction])


def assert_cards_apart(cards: CardLayout, pos: list[tuple[int, int]], where: object) -> None:
    """Every two cards of the drawing at ``pos`` at least MIN_GAP px apart."""
    boxes = variant_boxes(cards, pos)
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            gap = max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])
            assert gap >= MIN_GAP, (where, cards.nodes[i], cards.nodes[j], a, b)


def assert_apart(cards: CardLayout, direction: str) -> None:
    assert_cards_apart(cards, cards.positions[direction], direction)


def assert_groups_are_bands(amap: ArgumentMap, cards: CardLayout, direction: str) -> None:
    """Every group's cards fill one interval across the drawing (x going down, y going right) that
    no other group of the same thesis enters, and the groups follow the essay's order."""
    across = 0 if direction == "down" else 1
    boxes = card_boxes(cards, direction)
    heads: dict[int, list[int]] = {}
    for i, g in enumerate(cards.groups):
        if g >= 0:
            heads.setdefault(g, []).append(i)
    by_root: dict[str, list[tuple[float, float, int]]] = {}
    index = {n: i for i, n in enumerate(cards.nodes)}
    for head, members in heads.items():
        assert head in members
        lo = min(boxes[i][across] for i in members)
        hi = max(boxes[i][across + 2] for i in members)
        # (a root drawn as an outline, in a map without a thesis, heads a group of its own)
        root = next((v for v in amap.graph.succ[cards.nodes[head]] if cards.groups[index[v]] < 0), None)
        by_root.setdefault(root, []).append((lo, hi, head))
    for bands in by_root.values():
        bands.sort()
        for (_, hi, _), (lo, _, _) in zip(bands, bands[1:], strict=False):
            assert hi + MIN_GAP <= lo, "two groups share a band"


def test_stalin_groups_follow_the_essay(stalin: Any) -> None:
    cards = card_layout(stalin)
    reasons = stalin.nodes_of("reason")
    for direction in DIRECTIONS:
        pos = cards.as_dict(direction)
        across = 0 if direction == "down" else 1
        assert sorted(reasons, key=lambda r: pos[r][across]) == reasons
        assert_groups_are_bands(stalin, cards, direction)
        # the thesis on top (down) or on the left (right) of everything
        depth = 1 - across
        assert all(pos["purges"][depth] < pos[n][depth] for n in stalin.graph if n != "purges")
    # every piece of evidence is in its reason's group
    index = {n: i for i, n in enumerate(cards.nodes)}
    for e in stalin.nodes_of("evidence"):
        (reason,) = stalin.graph.succ[e]
        assert cards.nodes[cards.groups[index[e]]] == reason


def test_order_by_strength(stalin: Any) -> None:
    from argmap.evidence import strength

    reasons = stalin.nodes_of("reason")
    strongest = sorted(reasons, key=lambda r: (-strength(stalin, r), reasons.index(r)))
    pos = essay_layout(stalin, "right", order="strength")
    assert sorted(reasons, key=lambda r: pos[r][1]) == strongest
    assert strongest != reasons


def test_stalin_fits_a_laptop_at_a_readable_zoom(stalin: Any) -> None:
    # the map area of a 1280 x 800 laptop beside the panels, at 15 px labels drawn at >= 12 px
    cards = card_layout(stalin)
    best = max(fit_zoom(cards.bbox(d)) for d in DIRECTIONS)
    assert best >= 0.8


def test_bundled_maps(bundled_maps: Any) -> None:
    import argmap

    for path in bundled_maps:
        amap = argmap.load(path)
        cards = card_layout(amap)
        for direction in DIRECTIONS:
            assert_apart(cards, direction)
            assert_groups_are_bands(amap, cards, direction)
            good, total = nearest_share(amap, cards.as_dict(direction))
            assert good == total, (path, direction)


def test_shared_evidence_sits_between_its_reasons() -> None:
    amap = build([("t", "thesis"), ("a", "reason"), ("b", "reason"), ("c", "reason"),
                  ("e1", "evidence"), ("e2", "evidence"), ("shared", "evidence"), ("e3", "evidence")],
                 [("a", "t", "supports"), ("b", "t", "supports"), ("c", "t", "supports"),
                  ("shared", "a", "supports"), ("shared", "b", "supports"), ("e1", "a", "supports"),
                  ("e2", "a", "supports"), ("e3", "b", "supports")])
    for direction in DIRECTIONS:
        pos = essay_layout(amap, direction)
        across, depth = (0, 1) if direction == "down" else (1, 0)

        def key(n: str, pos: dict[str, tuple[int, int]] = pos, across: int = across,
                depth: int = depth) -> tuple[int, int]:
            return (pos[n][across], pos[n][depth])

        # the shared piece is a's last card (its grid fills across last), on the side facing b
        assert max(key(e) for e in ("e1", "e2")) < key("shared") and key("shared")[0] < key("e3")[0]


def test_shared_evidence_is_drawn_with_the_statement_it_names_first() -> None:
    # the statement listed first is the one the evidence was written for; drawing it there, not
    # with whichever reason comes first in the essay, also keeps the groups even when an essay
    # shares many pieces with one early reason
    for first, second in (("a", "b"), ("b", "a")):
        text = f"""argmap: 1
nodes:
  t: {{kind: thesis, text: T}}
  a: {{kind: reason, text: A, supports: t}}
  b: {{kind: reason, text: B, supports: t}}
  e: {{kind: evidence, text: E, supports: [{first}, {second}]}}
"""
        cards = card_layout(argmap.loads(text))
        group = dict(zip(cards.nodes, cards.groups, strict=True))
        assert cards.nodes[group["e"]] == first
    # a claim is nearer to the evidence than a reason, wherever it is listed
    amap = build([("t", "thesis"), ("a", "reason"), ("b", "reason"), ("c", "claim"), ("e", "evidence")],
                 [("a", "t", "supports"), ("b", "t", "supports"), ("c", "b", "supports"),
                  ("e", "a", "supports"), ("e", "c", "supports")])
    cards = card_layout(amap)
    assert cards.nodes[cards.groups[cards.nodes.index("e")]] == "b"


def test_in_one_column_going_down_a_card_linked_to_an_earlier_group_goes_last() -> None:
    # the column's line runs down its side from the statement: from the top card, the link to the
    # earlier group would cross it; from the bottom one it leaves below the line's end
    from argmap.layout import _Tree

    nodes = [("t", "thesis"), ("a", "reason"), ("b", "reason"), ("ea", "evidence"), ("s", "evidence")]
    nodes += [(f"e{i}", "evidence") for i in range(3)]
    edges = [("a", "t", "supports"), ("b", "t", "supports"), ("ea", "a", "supports"),
             ("s", "b", "supports"), ("s", "a", "supports")]
    edges += [(f"e{i}", "b", "supports") for i in range(3)]
    amap = build(nodes, edges)
    index = {v: i for i, v in enumerate(amap.graph)}
    tree = _Tree(amap, list(amap.graph), "essay", [40] * len(amap))
    column = tree.place("down", 1)
    assert max(column[index[e]][1] for e in ("e0", "e1", "e2")) < column[index["s"]][1]
    grid = tree.place("right", 1)  # going right the column is beside b: s first, nearest a
    assert grid[index["s"]][1] < min(grid[index[e]][1] for e in ("e0", "e1", "e2"))


def test_a_conclusion_nothing_hangs_from_is_drawn_beside_its_supporter() -> None:
    # c supports its reason and a conclusion d that argues about nothing: d is drawn in c's group,
    # beside it, not as a root of its own in a row apart (its line then crossed the whole map)
    amap = build([("t", "thesis"), ("r", "reason"), ("q", "reason"), ("c", "claim"), ("d", "claim"),
                  ("e", "evidence")],
                 [("r", "t", "supports"), ("q", "t", "supports"), ("c", "r", "supports"),
                  ("c", "d", "supports"), ("e", "c", "supports")])
    cards = card_layout(amap)
    group = dict(zip(cards.nodes, cards.groups, strict=True))
    assert group["d"] == group["c"] == cards.nodes.index("r")
    for direction in DIRECTIONS:
        assert_apart(cards, direction)
        pos = cards.as_dict(direction)
        near = max(abs(pos["d"][0] - pos["c"][0]), abs(pos["d"][1] - pos["c"][1]))
        assert near <= CARD_WIDTH + 2 * GAP, direction
    # two such statements supporting each other, and a thesis nothing supports: all drawn, no loop
    # (one claim is a root, drawn as an outline heading its own group, the other hangs from it)
    amap = build([("t", "thesis"), ("a", "claim"), ("b", "claim")],
                 [("a", "b", "supports"), ("b", "a", "supports")])
    cards = card_layout(amap)
    group = dict(zip(cards.nodes, cards.groups, strict=True))
    assert group["t"] == -1 and group["a"] == group["b"] in (1, 2)


def test_a_long_block_beside_a_statement_leaves_no_gap_before_its_claim() -> None:
    # an objection to r backed by eight pieces of evidence is a long block beside r; r's claim comes
    # right after it (it used to be pushed half the block's length further, as if the block's last
    # card were r's own evidence, which stretched real debates to twice their size)
    nodes = [("t", "thesis"), ("r", "reason"), ("o", "objection"), ("c", "claim"), ("ec", "evidence")]
    edges = [("r", "t", "supports"), ("o", "r", "attacks"), ("c", "r", "supports"), ("ec", "c", "supports")]
    nodes += [(f"e{i}", "evidence") for i in range(8)]
    edges += [(f"e{i}", "o", "supports") for i in range(8)]
    amap = build(nodes, edges)
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        boxes = dict(zip(cards.nodes, card_boxes(cards, direction), strict=True))
        across = 0 if direction == "down" else 1
        block_end = max(boxes[n][across + 2] for n in ["o"] + [f"e{i}" for i in range(8)])
        assert 0 < boxes["c"][across] - block_end <= 2 * GAP, direction
        good, total = nearest_share(amap, cards.as_dict(direction))
        assert good == total, direction


@pytest.mark.parametrize("objections", [1, 2, 3, 4])
def test_a_claim_centred_on_its_leaves_comes_right_after_the_evidence_above(objections: int) -> None:
    # r's evidence must stay nearer to r than to its claim c, which is centred on its objections:
    # c's block comes just as far after the evidence as that needs (counting c's card at its block's
    # start, as if it were the smallest, put gaps of 100 px and more there, which stretched the
    # synthetic debates past a laptop's screen)
    of_r = [f"e{i}" for i in range(6)]
    of_c = [f"o{i}" for i in range(objections)]
    amap = build([("t", "thesis"), ("r", "reason"), ("c", "claim")] + [(e, "evidence") for e in of_r]
                 + [(o, "objection") for o in of_c],
                 [("r", "t", "supports"), ("c", "r", "supports")] + [(e, "r", "supports") for e in of_r]
                 + [(o, "c", "attacks") for o in of_c])
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        across = 0 if direction == "down" else 1
        for k, pos in enumerate(cards.variants[direction]):
            drawn = dict(zip(cards.nodes, pos, strict=True))
            boxes = dict(zip(cards.nodes, variant_boxes(cards, pos), strict=True))
            gap = (min(boxes[n][across] for n in ["c", *of_c])
                   - max(boxes[e][across + 2] for e in of_r))
            assert nearest_share(amap, drawn) == (6, 6), (direction, k)
            if gap > GAP + 1:  # any further than the cards must be: needed, to the pixel
                closer = {n: (x, y - 1) if across else (x - 1, y) for n, (x, y) in drawn.items()
                          if n in ("c", *of_c)}
                assert nearest_share(amap, {**drawn, **closer}) < (6, 6), (direction, k, gap)


def many_claims(claims: int, pieces: int = 2, reasons: int = 2) -> ArgumentMap:
    """A thesis; its first reason has ``claims`` claims of ``pieces`` pieces of evidence each, the
    others one claim and one piece."""
    nodes = [("t", "thesis")]
    edges = []
    for r in range(reasons):
        nodes.append((f"r{r}", "reason"))
        edges.append((f"r{r}", "t", "supports"))
        for c in range(claims if r == 0 else 1):
            nodes.append((f"c{r}.{c}", "claim"))
            edges.append((f"c{r}.{c}", f"r{r}", "supports"))
            for e in range(pieces if r == 0 else 1):
                nodes.append((f"e{r}.{c}.{e}", "evidence"))
                edges.append((f"e{r}.{c}.{e}", f"c{r}.{c}", "supports"))
    return build(nodes, edges)


def tree_of(amap: ArgumentMap, cards: CardLayout) -> Any:
    """The forest ``card_layout`` drew ``cards`` from (each node's children, kinds, grids)."""
    from argmap.layout import _Tree

    return _Tree(amap, cards.nodes, "essay", cards.heights)


def folded_statements(tree: Any, cards: CardLayout, pos: list[tuple[int, int]], direction: str,
                      where: object) -> list[str]:
    """The statements whose claims the drawing at ``pos`` has in two columns, checked: the far
    column's cards across the line to the statement, at least half the gap between lanes past its
    card along the depth axis (a claim of the near column, set in and centred in its slot, reaches
    a few px past it at most), all on one side of it; the near column's claims the first ones, in
    the essay's order; each claim's evidence beyond its own column. ``tree``: the map's ``_Tree``
    (``tree_of``)."""
    from argmap.layout import LANE_GAP

    depth = 0 if direction == "right" else 1
    boxes = variant_boxes(cards, pos)
    folded = []
    for u, kids in enumerate(tree.children[:-1]):
        claims = [c for c in kids if tree.statement[c]]
        lo, hi = boxes[u][depth], boxes[u][depth + 2]
        far = [c for c in claims
               if max(boxes[c][depth] - hi, lo - boxes[c][depth + 2]) >= LANE_GAP / 2]
        near = [c for c in claims if c not in far]
        if tree.hub[u] or not far:
            continue
        folded.append(cards.nodes[u])
        assert near == claims[: len(near)], where
        side = 1 if pos[far[0]][depth] > pos[u][depth] else -1
        for c in claims:
            out = side if c in far else -side
            if c in far:
                assert (pos[c][depth] - pos[u][depth]) * side > 0, (where, c)
            for e in tree.children[c]:
                if tree.kinds[e] == "evidence" and tree.gridded[e]:
                    assert (pos[e][depth] - pos[c][depth]) * out > 0, (where, c, e)
    return folded


def test_a_reason_of_many_claims_is_also_drawn_with_them_in_two_columns() -> None:
    # eighteen claims in one column under their reason made the map as long as that column (zoom
    # 0.70 on a laptop); folded, the later claims face the first ones across the line to the
    # reason, each with its evidence on its own far side, and the map fits at 12 px
    from argmap.cards import FONT_SIZE
    from argmap.layout import pick_drawing

    amap = many_claims(18, pieces=1, reasons=1)
    cards = card_layout(amap)
    tree = tree_of(amap, cards)
    folded = []
    for direction in DIRECTIONS:
        for k, pos in enumerate(cards.variants[direction]):
            assert_drawing(amap, cards, pos, f"{direction} {k}")
            if folded_statements(tree, cards, pos, direction, (direction, k)) == ["r0"]:
                folded.append((direction, k))
    assert folded
    lines = card_layout(amap)
    lines.variants = {d: [p for k, p in enumerate(v) if (d, k) not in folded]
                      for d, v in cards.variants.items()}
    laptop = (1280, 744)
    zoom = pick_drawing(cards, laptop, notes=(330, 30))[2]
    assert zoom >= 12 / FONT_SIZE > pick_drawing(lines, laptop, notes=(330, 30))[2]


def test_a_thesis_of_one_reason_is_drawn_level_with_it() -> None:
    # centred on the reason's block (its claims below it), the thesis's line ran up beside the line
    # from the claims to the reason, as if the thesis rested on them; level with the reason's
    # card, the line between the two is straight, in every drawing (folded ones too)
    amap = many_claims(5, reasons=1)
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        across = 0 if direction == "down" else 1
        for k, pos in enumerate(cards.variants[direction]):
            drawn = dict(zip(cards.nodes, pos, strict=True))
            assert drawn["t"][across] == drawn["r0"][across], (direction, k)
    assert len(cards.variants["right"]) > 1  # (the folded drawing is among them)


@pytest.mark.parametrize("pieces", [9, 11])
def test_a_claim_with_a_long_grid_keeps_its_evidence_off_the_reason_above(pieces: int) -> None:
    # a claim is centred on its evidence: going right, with nine pieces in one column, the first
    # ones reached back along the column nearer to the reason above the claim than to the claim
    of_c = [f"e{i}" for i in range(pieces)]
    amap = build([("t", "thesis"), ("r", "reason"), ("c", "claim")] + [(e, "evidence") for e in of_c],
                 [("r", "t", "supports"), ("c", "r", "supports")] + [(e, "c", "supports") for e in of_c])
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        for k, pos in enumerate(cards.variants[direction]):
            drawn = dict(zip(cards.nodes, pos, strict=True))
            assert nearest_share(amap, drawn) == (pieces, pieces), (direction, k)
            assert_cards_apart(cards, pos, (direction, k))


def test_objections_sit_beside_what_they_attack() -> None:
    amap = build([("t", "thesis"), ("a", "reason"), ("b", "reason"), ("e", "evidence"),
                  ("o", "objection"), ("r", "rebuttal")],
                 [("a", "t", "supports"), ("b", "t", "supports"), ("e", "a", "supports"),
                  ("o", "a", "attacks"), ("r", "o", "attacks")])
    cards = card_layout(amap)
    index = {n: i for i, n in enumerate(cards.nodes)}
    assert cards.groups[index["o"]] == cards.groups[index["r"]] == index["a"]
    for direction in DIRECTIONS:
        pos = cards.as_dict(direction)
        across, depth = (0, 1) if direction == "down" else (1, 0)
        assert pos["e"][across] < pos["o"][across] < pos["b"][across]  # after the support, in a's band
        assert pos["o"][depth] < pos["r"][depth]


def test_any_shape_is_placed() -> None:
    # no thesis, two theses, a cycle, a disconnected node, an objection to evidence, an undercut
    amap = build([("t1", "thesis"), ("t2", "thesis"), ("a", "reason"), ("b", "claim"), ("c", "claim"),
                  ("e", "evidence"), ("lone", "evidence"), ("o", "objection")],
                 [("a", "t1", "supports"), ("a", "t2", "supports"), ("b", "a", "supports"),
                  ("c", "b", "supports"), ("a", "c", "supports"), ("e", "b", "supports"),
                  ("o", "e", "attacks")])
    amap.add_edge("o", "t2", "undercuts", premise="a")
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        assert set(cards.as_dict(direction)) == set(amap.graph)
        assert_apart(cards, direction)
    assert card_layout(ArgumentMap()).positions == {"down": [], "right": []}
    with pytest.raises(ValueError):
        essay_layout(amap, "up")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essay_maps())
def test_essay_maps(amap: ArgumentMap) -> None:
    cards = card_layout(amap)
    again = card_layout(amap)
    for direction in DIRECTIONS:
        assert again.positions[direction] == cards.positions[direction]
        assert_apart(cards, direction)
        assert_groups_are_bands(amap, cards, direction)
        good, total = nearest_share(amap, cards.as_dict(direction))
        # a small map may have one piece drawn nearer to a neighbour; a bigger one keeps 95%
        assert good >= 0.95 * total or (total - good <= 1 and total < 20), (direction, good, total)


def test_evidence_beside_its_statement_over_many_essays() -> None:
    # the share the page promises (95%), over the benchmark's essay-shaped maps of 10-60 statements
    tally = {d: [0, 0] for d in DIRECTIONS}
    for n in (10, 20, 30, 40, 50, 60):
        for seed in (1, 2, 3, 4):
            amap = essay_map(n, seed)
            cards = card_layout(amap)
            for direction in DIRECTIONS:
                good, total = nearest_share(amap, cards.as_dict(direction))
                tally[direction][0] += good
                tally[direction][1] += total
    for good, total in tally.values():
        assert total > 400 and good >= 0.95 * total


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs(max_nodes=30))
def test_any_graph(amap: ArgumentMap) -> None:
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        assert len(cards.positions[direction]) == len(amap)
        assert_apart(cards, direction)
        assert_groups_are_bands(amap, cards, direction)
        for k, pos in enumerate(cards.variants[direction]):  # every drawing the page may draw
            assert_cards_apart(cards, pos, (direction, k))


def test_a_thesis_in_the_corner_of_its_lanes_moves_with_them() -> None:
    # two theses: moving the first one's group apart (its evidence came near the second thesis's
    # reason) moved the second thesis's lanes but not the thesis in their corner, 12 px from the
    # first thesis's block
    kinds = ["reason", "objection", "rebuttal", "evidence", "claim", "rebuttal", "evidence", "reason",
             "reason", "evidence", "rebuttal", "claim", "thesis", "objection", "rebuttal", "thesis"]
    edges = [(4, 6), (8, 15), (9, 11), (12, 15), (14, 7)]
    amap = build([(f"n{i}", k) for i, k in enumerate(kinds)],
                 [(f"n{u}", f"n{v}", "supports") for u, v in edges])
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        for k, pos in enumerate(cards.variants[direction]):
            assert_cards_apart(cards, pos, (direction, k))


def test_groups_sharing_evidence_are_drawn_next_to_each_other() -> None:
    # d shares a piece of evidence with a: d's band moves next to a's, the others keep their order
    nodes = [("t", "thesis")] + [(r, "reason") for r in "abcd"] + [(f"e{r}", "evidence") for r in "abcd"]
    edges = [(r, "t", "supports") for r in "abcd"] + [(f"e{r}", r, "supports") for r in "abcd"]
    amap = build(nodes + [("shared", "evidence")], edges + [("shared", "a", "supports"),
                                                           ("shared", "d", "supports")])
    for direction in DIRECTIONS:
        pos = essay_layout(amap, direction)
        across = 0 if direction == "down" else 1
        assert sorted("abcd", key=lambda r: pos[r][across]) == ["a", "d", "b", "c"]
        # in the strength order the ranking wins
        strong = essay_layout(amap, direction, order="strength")
        assert sorted("abcd", key=lambda r: strong[r][across])[0] == "a"


def test_wide_evidence_grids_keep_clear_of_the_next_group() -> None:
    # essay-shaped maps whose widest grid of evidence, going down, used to reach nearer to the
    # next group's claim than to its own reason: the groups move apart instead
    for n in range(10, 41, 2):
        for seed in range(1, 9):
            amap = essay_map(n, seed)
            cards = card_layout(amap)
            for direction in DIRECTIONS:
                assert_apart(cards, direction)
                assert_groups_are_bands(amap, cards, direction)
                good, total = nearest_share(amap, cards.as_dict(direction))
                assert good >= 0.95 * total or (total - good <= 1 and total < 20), (n, seed, direction)
    for n, seed in ((14, 5), (22, 25), (27, 16), (28, 5)):
        amap = essay_map(n, seed)
        cards = card_layout(amap)
        for direction in DIRECTIONS:
            good, total = nearest_share(amap, cards.as_dict(direction))
            assert good == total, (n, seed, direction)


def _linked(target: str) -> ArgumentMap:
    """Reasons a-d, a with three claims; d's evidence also supports ``target`` in a's group."""
    nodes = [("t", "thesis")] + [(r, "reason") for r in "abcd"] + [(f"e{r}", "evidence") for r in "abcd"]
    edges = [(r, "t", "supports") for r in "abcd"] + [(f"e{r}", r, "supports") for r in "abcd"]
    for i in range(3):
        nodes += [(f"c{i}", "claim"), (f"f{i}", "evidence"), (f"g{i}", "evidence")]
        edges += [(f"c{i}", "a", "supports"), (f"f{i}", f"c{i}", "supports"), (f"g{i}", f"c{i}", "supports")]
    return build(nodes + [("shared", "evidence")], edges + [("shared", "d", "supports"),
                                                           ("shared", target, "supports")])


def test_a_linked_group_goes_on_the_side_of_the_card_it_links_to() -> None:
    # linked to a's reason (its first card): d goes right before a; to a's last claim: right after
    for target, order in (("a", ["d", "a", "b", "c"]), ("c2", ["a", "d", "b", "c"])):
        amap = _linked(target)
        for direction in DIRECTIONS:
            pos = essay_layout(amap, direction)
            across = 0 if direction == "down" else 1
            assert sorted("abcd", key=lambda r: pos[r][across]) == order, (target, direction)


def test_a_claim_linked_to_another_group_faces_it() -> None:
    # c2's evidence also supports reason a: c2 becomes the claim of b's nearest to a's group
    nodes = [("t", "thesis"), ("a", "reason"), ("b", "reason"), ("ea", "evidence")]
    edges = [("a", "t", "supports"), ("b", "t", "supports"), ("ea", "a", "supports")]
    for i in range(3):
        nodes += [(f"c{i}", "claim"), (f"f{i}", "evidence")]
        edges += [(f"c{i}", "b", "supports"), (f"f{i}", f"c{i}", "supports")]
    amap = build(nodes, edges + [("f2", "a", "supports")])
    for direction in DIRECTIONS:
        pos = essay_layout(amap, direction)
        across = 0 if direction == "down" else 1
        assert min(["c0", "c1", "c2"], key=lambda c: abs(pos[c][across] - pos["a"][across])) == "c2"


# -- drawings in lanes (the page picks the one that fits its map area) ---------------------------
def assert_drawing(amap: ArgumentMap, cards: CardLayout, pos: list[tuple[int, int]], where: str) -> None:
    """Cards 20 px apart, each group's cards in a rectangle no other group's card enters, evidence
    beside its statement (95%, or all but one on a small map)."""
    assert_groups_apart(cards, pos, where)
    good, total = nearest_share(amap, dict(zip(cards.nodes, pos, strict=True)))
    assert good >= 0.95 * total or (total - good <= 1 and total < 20), (where, good, total)


def assert_groups_apart(cards: CardLayout, pos: list[tuple[int, int]], where: str) -> None:
    """Cards 20 px apart, each group's cards in a rectangle no other group's card enters."""
    assert_cards_apart(cards, pos, where)
    boxes = variant_boxes(cards, pos)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(cards.groups):
        if g >= 0:
            members.setdefault(g, []).append(i)
    rects = {g: (min(boxes[i][0] for i in m), min(boxes[i][1] for i in m),
                 max(boxes[i][2] for i in m), max(boxes[i][3] for i in m)) for g, m in members.items()}
    for i, box in enumerate(boxes):
        for g, (x0, y0, x1, y1) in rects.items():
            if cards.groups[i] != g:
                assert box[2] <= x0 or box[0] >= x1 or box[3] <= y0 or box[1] >= y1, (where, i, g)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essay_maps())
def test_every_drawing_offered_reads_as_the_first(amap: ArgumentMap) -> None:
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        drawings = cards.variants[direction]
        assert drawings[0] == cards.positions[direction]
        sizes = []
        for k, pos in enumerate(drawings):
            assert_drawing(amap, cards, pos, f"{direction} {k}")
            boxes = variant_boxes(cards, pos)
            sizes.append((max(b[2] for b in boxes) - min(b[0] for b in boxes),
                          max(b[3] for b in boxes) - min(b[1] for b in boxes)))
        # only drawings some map area needs: none is at least as large both ways as another
        for k, (w, h) in enumerate(sizes[1:], start=1):
            assert not any(ow <= w and oh <= h for j, (ow, oh) in enumerate(sizes) if j != k), (direction, k)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(10, 60), st.integers(1, 10**6))
def test_every_drawing_of_a_debate_with_many_claims_reads_as_the_first(n: int, seed: int) -> None:
    # the benchmark's generated debates give a reason up to twenty claims: its drawings with them
    # in two columns keep cards apart, groups in their own rectangles and as many pieces of evidence
    # beside their statement as its first drawing (a few generated debates, such as 33 statements
    # of seed 61504, have fewer than 95 % so in every drawing), as every other drawing does (the
    # random essay maps have one claim a reason at most)
    from tests.maps import generate, to_yaml

    amap = argmap.loads(to_yaml(generate(n, seed=seed)))
    cards = card_layout(amap)
    tree = tree_of(amap, cards)
    for direction in DIRECTIONS:
        first = nearest_share(amap, dict(zip(cards.nodes, cards.variants[direction][0], strict=True)))
        for k, pos in enumerate(cards.variants[direction]):
            assert_groups_apart(cards, pos, f"{direction} {k}")
            good, total = nearest_share(amap, dict(zip(cards.nodes, pos, strict=True)))
            assert good >= first[0], (direction, k, good, first)
            folded_statements(tree, cards, pos, direction, (direction, k))


def test_a_lane_of_big_grids_is_drawn_deeper_where_that_makes_the_map_fit() -> None:
    # 40 statements in two lanes: with every evidence grid as deep as any other, the lane of six
    # and four pieces a reason sets the height and the map misses a laptop at 12 px (zoom 0.76);
    # with that lane's grids a card deeper than the other lane's (the lanes then cut again), it fits
    from argmap.cards import FONT_SIZE
    from argmap.layout import pick_drawing

    amap = essay_map(40, 2)
    cards = card_layout(amap)
    direction, k, zoom = pick_drawing(cards, (1280, 744), notes=(330, 30))
    assert zoom >= 12 / FONT_SIZE
    pos = dict(zip(cards.nodes, cards.variants[direction][k], strict=True))
    assert_drawing(amap, cards, cards.variants[direction][k], f"{direction} {k}")
    depth = 0 if direction == "right" else 1
    deep = set()
    for r in amap.nodes_of("reason"):
        pieces = [e for e in amap.graph.pred[r] if amap.graph.nodes[e]["kind"] == "evidence"]
        if len(pieces) >= 5:
            deep.add(len({pos[e][depth] for e in pieces}))
    assert len(deep) > 1, "every big grid is as deep as the others"


def test_a_readable_drawing_beats_a_simpler_one_that_is_not() -> None:
    # the simplest drawing within 2 % of the best is drawn, but never one under 12 px labels when
    # another one reaches them
    from argmap.cards import FONT_SIZE, card_height
    from argmap.layout import pick_drawing

    h = card_height(["x"])
    laptop = (1280, 744)
    # two cards one above the other; the map area is 720 px high inside its margins
    drawings = [[(0, 0), (0, round(720 / zoom) - h)] for zoom in (0.795, 0.805)]
    cards = CardLayout(["a", "b"], [["x"], ["x"]], [h, h], {"down": drawings[0], "right": drawings[0]},
                       {"down": 1, "right": 1}, [-1, -1], {"down": drawings, "right": drawings})
    direction, k, zoom = pick_drawing(cards, laptop)
    assert (k, round(zoom, 3)) == (1, 0.805)
    assert 0.795 / 0.805 > 0.98 and 0.805 >= 12 / FONT_SIZE > 0.795
    # two drawings both readable: the simpler one within 2 % still wins
    drawings = [[(0, 0), (0, round(720 / zoom) - h)] for zoom in (0.9, 0.91)]
    cards.variants = {"down": drawings, "right": drawings}
    assert pick_drawing(cards, laptop)[1] == 0


def test_a_spine_under_the_thesis(stalin: Any) -> None:
    """Two lanes face each other: the thesis centred over the gap between them (or in it, level
    with their tops), reasons on either side of it, each piece of evidence further out than its
    reason."""
    cards = card_layout(stalin)
    index = {n: i for i, n in enumerate(cards.nodes)}
    reasons = stalin.nodes_of("reason")
    found = 0
    for pos in cards.variants["right"][1:]:
        tx = pos[index["purges"]][0]
        sides = {r: pos[index[r]][0] < tx for r in reasons}
        if len({pos[index[r]][0] for r in reasons}) != 2:  # two lanes (more: see the docstring of _lanes)
            continue
        found += 1
        # the thesis heads the lanes (above them, or level with their tops between them)
        top = [y - h / 2 for (_, y), h in zip(pos, cards.heights, strict=True)]
        assert all(top[index["purges"]] <= top[index[n]] for n in stalin.graph)
        for e in stalin.nodes_of("evidence"):
            (reason,) = stalin.graph.succ[e]
            assert abs(pos[index[e]][0] - tx) > abs(pos[index[reason]][0] - tx), e
        # the reasons keep the essay's order: down the left lane, then down the right one
        order = sorted(reasons, key=lambda r: (not sides[r], pos[index[r]][1]))
        assert order == reasons
    assert found


def test_a_map_without_a_thesis_is_drawn_as_an_outline(stalin_path: Any) -> None:
    # the eight motives with no thesis: each one's evidence in a grid beside it, as under a thesis
    # (not in a line beyond it, centred on it, where the ends of the line came near the next
    # motive): every piece nearest its own motive, and the drawing no bigger than the map's
    plan = without_thesis(argmap.load(stalin_path))
    cards = card_layout(plan)
    whole = card_layout(argmap.load(stalin_path))
    for direction in DIRECTIONS:
        pos = cards.positions[direction]
        assert_drawing(plan, cards, pos, direction)
        good, total = nearest_share(plan, cards.as_dict(direction))
        assert good == total == 12
        (w, h), (ww, wh) = cards.bbox(direction), whole.bbox(direction)
        assert w <= ww and h < wh


def test_a_map_without_a_thesis_is_drawn_in_lanes() -> None:
    # 34 statements with no thesis: in one line they do not fit a laptop's map area at 12 px
    # labels; in lanes of roots they do
    from argmap.cards import FONT_SIZE
    from argmap.layout import fit_zoom_with_notes, pick_drawing

    plan = without_thesis(essay_map(35, 2))
    cards = card_layout(plan)
    laptop = (1280, 733)
    direction, k, zoom = pick_drawing(cards, laptop)
    one_line = max(fit_zoom_with_notes(cards.variants[d][0], cards.heights, laptop) for d in DIRECTIONS)
    assert k > 0 and zoom >= 12 / FONT_SIZE > one_line
    depth = 1 if direction == "down" else 0
    index = {n: i for i, n in enumerate(cards.nodes)}
    assert len({cards.variants[direction][k][index[r]][depth] for r in plan.nodes_of("reason")}) > 1
    for d in DIRECTIONS:
        for j, pos in enumerate(cards.variants[d]):
            assert_drawing(plan, cards, pos, f"{d} {j}")


def test_a_plan_without_a_thesis_offers_the_narrow_outline() -> None:
    # six reasons of four pieces of evidence each and no thesis: going right, the one line is also
    # offered with one piece beside a reason at a time, two cards wide, which a phone reads by
    # scrolling down (the first drawing puts two side by side)
    pieces = [(f"e{i}{j}", f"r{i}") for i in range(6) for j in range(4)]
    plan = build([(f"r{i}", "reason") for i in range(6)] + [(e, "evidence") for e, _ in pieces],
                 [(e, r, "supports") for e, r in pieces])
    cards = card_layout(plan)
    widths = [variant_boxes(cards, pos) for pos in cards.variants["right"]]
    narrowest = min(max(b[2] for b in boxes) - min(b[0] for b in boxes) for boxes in widths)
    assert narrowest == 2 * CARD_WIDTH + DEPTH_GAP < cards.bbox("right")[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essay_maps())
def test_every_drawing_of_a_plan_without_a_thesis_reads_as_the_first(amap: ArgumentMap) -> None:
    amap = without_thesis(amap)
    cards = card_layout(amap)
    for direction in DIRECTIONS:
        for k, pos in enumerate(cards.variants[direction]):
            assert_drawing(amap, cards, pos, f"{direction} {k}")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 300), min_size=1, max_size=8), st.integers(1, 5), st.integers(0, 40))
def test_partition_balances_lanes(sizes: list[int], parts: int, gap: int) -> None:
    import itertools

    from argmap.layout import _partition

    def longest(runs: list[tuple[int, int]]) -> int:
        return max(sum(sizes[i:j]) + gap * (j - i - 1) for i, j in runs)

    runs = _partition(sizes, parts, gap)
    assert runs[0][0] == 0 and runs[-1][1] == len(sizes) and len(runs) <= parts
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(runs, runs[1:], strict=False))
    best = min(longest(list(zip((0, *cuts), (*cuts, len(sizes)), strict=True)))
               for k in range(min(parts, len(sizes)))
               for cuts in itertools.combinations(range(1, len(sizes)), k))
    assert longest(runs) == best


def test_linked_groups_share_a_lane_whichever_way_the_link_runs() -> None:
    """A piece of evidence in one group (under a claim of d) that also supports another group's
    reason (a) glues the two, and the groups between them, into one lane, whichever comes first."""
    from argmap.layout import _Tree

    nodes = ([("t", "thesis")] + [(r, "reason") for r in "abcd"] + [(f"e{r}", "evidence") for r in "abcd"]
             + [("cd", "claim"), ("x", "evidence")])
    edges = ([(r, "t", "supports") for r in "abcd"] + [(f"e{r}", r, "supports") for r in "abcd"]
             + [("cd", "d", "supports"), ("x", "cd", "supports"), ("x", "a", "supports")])
    amap = build(nodes, edges)
    index = {v: i for i, v in enumerate(amap.graph)}
    heights = [80] * len(amap)
    for order in ("essay", "strength"):  # d's group after a's, then before it
        tree = _Tree(amap, list(amap.graph), order, heights)
        assert tree.group[index["x"]] == index["d"]
        tree.place("right", 1, 4, glued=True)
        assert tree.lane[index["a"]] == tree.lane[index["d"]], order
        tree.place("right", 1, 4, glued=False)  # the same drawing split: lanes again
        assert len({tree.lane[index[r]] for r in "abcd"}) > 1, order


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(essay_maps(max_nodes=30), random_graphs(max_nodes=30)), st.data())
def test_a_group_laid_out_before_is_drawn_as_if_laid_out_afresh(amap: ArgumentMap, data: Any) -> None:
    """``place`` keeps each group's block per direction and spread and copies it when asked again:
    a tree that has drawn many drawings draws each one as a new tree does."""
    from argmap.cards import card_height
    from argmap.layout import MAX_LANES, MAX_SPREAD, _Tree

    nodes = list(amap.graph)
    heights = [card_height(["x"] * (1 + i % 3)) for i in range(len(nodes))]
    used = _Tree(amap, nodes, "essay", heights)
    heads = sorted({g for g in used.group if g >= 0})
    spreads = st.integers(1, MAX_SPREAD)
    for _ in range(6):
        direction = data.draw(st.sampled_from(DIRECTIONS))
        args = (direction, data.draw(spreads), data.draw(st.integers(0, MAX_LANES)), data.draw(st.booleans()),
                data.draw(st.booleans()), data.draw(st.integers(0, MAX_LANES)),
                data.draw(st.dictionaries(st.sampled_from(heads), spreads, max_size=3)) if heads else None,
                data.draw(st.sets(st.sampled_from(heads), max_size=3)) if heads else ())
        drawn = used.place(*args)
        assert drawn == _Tree(amap, nodes, "essay", heights).place(*args), args


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essay_maps(max_nodes=30), st.integers(0, 400), st.integers(0, 60))
def test_notes_take_room_only_where_a_card_would_lie_under_them(amap, notes_w, notes_h) -> None:
    """The fit keeps the whole height unless a card, centred at that zoom, would lie under the notes
    in the bottom-left corner; then it fits the room above them, and no card lies under them."""
    from argmap.layout import (
        BADGE_REACH,
        FIT_MARGIN,
        FIT_MARGIN_ACROSS,
        MAX_FIT_ZOOM,
        _bbox,
        fit_zoom_with_notes,
    )

    cards = card_layout(amap)
    area = (1280, 744)
    for direction in DIRECTIONS:
        for pos in cards.variants[direction]:
            bw, bh = _bbox(pos, cards.heights)
            across = (area[0] - 2 * FIT_MARGIN_ACROSS) / (bw + 2 * BADGE_REACH)
            full = min(MAX_FIT_ZOOM, across, (area[1] - 2 * FIT_MARGIN) / bh)
            assert fit_zoom_with_notes(pos, cards.heights, area) == full
            zoom = fit_zoom_with_notes(pos, cards.heights, area, (notes_w, notes_h))
            room = min(MAX_FIT_ZOOM, across, (area[1] - notes_h - 2 * FIT_MARGIN) / bh)
            assert zoom in (full, room)
            # either nothing lies under the notes at the whole height's zoom, or the room above
            # them is used (the page then lifts the cards into it) and nothing lies under them
            notes = (notes_w, notes_h)
            assert ((zoom == full and not cards_under_notes(pos, cards.heights, area, notes, full, 0))
                    or (zoom == room
                        and not cards_under_notes(pos, cards.heights, area, notes, room, notes_h / 2)))


def cards_under_notes(pos: list[tuple[int, int]], heights: list[int], area: tuple[int, int],
                      notes: tuple[int, int], zoom: float, lift: float) -> list[tuple[int, int]]:
    """The cards at ``pos`` drawn centred in ``area`` at ``zoom``, lifted by ``lift`` px, that lie
    under notes of size ``notes`` in its bottom-left corner."""
    x0 = min(x for x, _ in pos) - CARD_WIDTH / 2
    x1 = max(x for x, _ in pos) + CARD_WIDTH / 2
    y0 = min(y - h / 2 for (_, y), h in zip(pos, heights, strict=True))
    y1 = max(y + h / 2 for (_, y), h in zip(pos, heights, strict=True))
    return [(x, y) for (x, y), h in zip(pos, heights, strict=True)
            if area[0] / 2 + (x - CARD_WIDTH / 2 - (x0 + x1) / 2) * zoom < notes[0]
            and area[1] / 2 - lift + (y + h / 2 - (y0 + y1) / 2) * zoom > area[1] - notes[1]]
