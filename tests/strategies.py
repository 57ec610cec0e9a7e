"""Hypothesis strategies and reference computations shared by the property tests."""

from __future__ import annotations

import networkx as nx
from hypothesis import strategies as st

import argmap


@st.composite
def random_graphs(draw: st.DrawFn, max_nodes: int = 25) -> argmap.ArgumentMap:
    """Maps of any shape: random kinds and confidences, supports twice as often as attacks,
    cycles allowed."""
    n = draw(st.integers(1, max_nodes))
    amap = argmap.ArgumentMap()
    for i in range(n):
        kind = draw(st.sampled_from(argmap.model.KINDS))
        conf = draw(st.sampled_from([None, *argmap.model.CONFIDENCES]))
        amap.add_node(f"n{i}", kind, f"statement {i}", confidence=conf)
    for _ in range(draw(st.integers(0, 3 * n))):
        u, v = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if u != v and not amap.graph.has_edge(f"n{u}", f"n{v}"):
            amap.add_edge(f"n{u}", f"n{v}", draw(st.sampled_from(["supports", "supports", "attacks"])))
    return amap


def support_graph(amap: argmap.ArgumentMap) -> nx.DiGraph:
    """The map's supports edges alone, as a plain networkx graph (the reference for traces)."""
    g = nx.DiGraph()
    g.add_nodes_from(amap.graph)
    g.add_edges_from((u, v) for u, v, r in amap.graph.edges(data="relation") if r == "supports")
    return g
