"""The Stalin essay's map encodes the essay faithfully: thesis, eight motives, their evidence."""

from __future__ import annotations

from pathlib import Path

import argmap
from argmap.text import Essay


def test_structure(stalin: argmap.ArgumentMap) -> None:
    assert stalin.title == "Why did Stalin carry out the purges?"
    assert stalin.kind_name("reason") == "Motive"
    assert stalin.nodes_of("thesis") == ["purges"]
    motives = stalin.nodes_of("reason")
    assert len(motives) == 8
    for m in motives:
        assert stalin.graph.edges[m, "purges"]["relation"] == "supports"
    for e in stalin.nodes_of("evidence"):
        targets = list(stalin.graph.succ[e])
        assert targets and all(t in motives for t in targets), e


def test_motives_without_evidence_stay_without(stalin: argmap.ArgumentMap) -> None:
    bare = {m for m in stalin.nodes_of("reason") if not stalin.graph.pred[m]}
    assert bare == {"superiority", "snowball", "five_year_plans"}


def test_every_quote_is_in_the_essay(stalin: argmap.ArgumentMap, stalin_path: Path) -> None:
    essay = Essay((stalin_path.parent / "stalin_purges.txt").read_text(encoding="utf-8"))
    quoted = [n for n, q in stalin.graph.nodes(data="quote") if q]
    assert len(quoted) == len(stalin)
    for n in quoted:
        assert essay.find(stalin.node(n)["quote"]) is not None, n


def test_hedges_become_confidence(stalin: argmap.ArgumentMap) -> None:
    assert stalin.node("kirov_murder")["confidence"] == "possible"
    hedged = {n for n, c in stalin.graph.nodes(data="confidence") if c in ("possible", "doubtful")}
    assert "kirov_murder" in hedged


def test_essay_is_a_copy_of_the_seed(root: Path) -> None:
    seed = root.parent / "shared" / "seed" / "stalin_purges_essay.txt"
    if seed.exists():
        assert (root / "graphs" / "stalin_purges.txt").read_bytes() == seed.read_bytes()


def test_every_bundled_map_loads_and_renders(bundled_maps: list[Path]) -> None:
    assert len(bundled_maps) >= 3
    for path in bundled_maps:
        amap = argmap.load(path)
        assert amap.essay, path
        assert "<!DOCTYPE html>" in argmap.render(amap)
    kinds = {k for p in bundled_maps for _, k in argmap.load(p).graph.nodes(data="kind")}
    assert {"objection", "rebuttal", "claim"} <= kinds
