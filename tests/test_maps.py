"""The synthetic maps the tests and benchmarks share (tests/maps.py): valid in every format,
shaped like real ones, deterministic by seed."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import argmap
from tests import maps
from tests.maps import SHAPES, shape_document

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("n", [1, 7, 100, 1000])
def test_generated_maps_load(n: int, tmp_path: Path) -> None:
    paths = maps.write_all(maps.generate(n, seed=5), str(tmp_path / f"m{n}"))
    amap = argmap.load(paths["yaml"])
    assert len(amap) == n
    from_json = argmap.load(paths["json"])
    assert list(from_json.graph.nodes(data=True)) == list(amap.graph.nodes(data=True))
    assert sorted(from_json.graph.edges(data=True)) == sorted(amap.graph.edges(data=True))
    assert not [d for d in argmap.check(amap) if d.severity == "error"]


def test_generated_maps_look_real() -> None:
    amap = argmap.loads(maps.to_yaml(maps.generate(3000, seed=1)))
    kinds = Counter(k for _, k in amap.graph.nodes(data="kind"))
    assert kinds["thesis"] == 3
    for kind in ("reason", "claim", "evidence", "objection", "rebuttal"):
        assert kinds[kind] > 100, kind
    relations = Counter(r for _, _, r in amap.graph.edges(data="relation"))
    assert relations["supports"] > relations["attacks"] > relations["undercuts"] > 0
    assert any(d.get("link") for _, _, d in amap.graph.edges(data=True))
    data = dict(amap.graph.nodes(data=True))
    assert sum(1 for d in data.values() if d.get("confidence")) > 0.7 * len(data)
    evidence = [d for d in data.values() if d["kind"] == "evidence"]
    assert sum(1 for d in evidence if d.get("source")) > 0.6 * len(evidence)
    assert any(d.get("quote") for d in data.values()) and any(d.get("tags") for d in data.values())
    words = [len(d["text"].split()) for d in data.values()]
    assert 12 <= sum(words) / len(words) <= 40
    # cross-links: some statements support two others
    assert sum(1 for n in amap.graph if amap.graph.out_degree(n) > 1) > 0.02 * len(data)


def test_large_maps_have_a_few_support_cycles() -> None:
    amap = argmap.loads(maps.to_yaml(maps.generate(10_000, seed=1)))
    cycles = [d for d in argmap.check(amap) if d.code == "AM201"]
    assert 1 <= len(cycles) <= 2


def test_deterministic_by_seed() -> None:
    assert maps.to_yaml(maps.generate(500, seed=4)) == maps.to_yaml(
        maps.generate(500, seed=4)
    )
    assert maps.to_yaml(maps.generate(500, seed=4)) != maps.to_yaml(
        maps.generate(500, seed=5)
    )


def test_argdown_has_every_statement_and_relation() -> None:
    doc = maps.generate(800, seed=2)
    text = maps.to_argdown(doc)
    amap = argmap.loads(maps.to_yaml(doc))
    defined = re.findall(r"^\[([^\]]+)\]: \S", text, re.M)
    assert defined == list(amap.graph)
    relations = re.findall(r"^  ([+-]) \[([^\]]+)\]$", text, re.M)
    assert len(relations) == amap.graph.number_of_edges()
    assert Counter(sign for sign, _ in relations)["+"] == sum(
        1 for *_, r in amap.graph.edges(data="relation") if r == "supports"
    )


def test_stalin_as_a_document(stalin: argmap.ArgumentMap) -> None:
    doc = maps.document_of(stalin)
    again = argmap.loads(maps.to_yaml(doc), path=str(ROOT / "graphs" / "x.yaml"))
    assert list(again.graph) == list(stalin.graph)
    assert sorted(again.graph.edges(data="relation")) == sorted(stalin.graph.edges(data="relation"))


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_is_a_valid_map_of_its_size(shape: str) -> None:
    amap = argmap.loads(json.dumps(shape_document(shape, 300)), format="json")
    assert len(amap) == 300
    supports = [(u, v) for u, v, r in amap.graph.edges(data="relation") if r == "supports"]
    if shape in ("chain", "cycle"):
        assert len(supports) >= 280
    if shape == "cycle":
        from argmap.analysis import support_cycles

        assert len(support_cycles(amap)[0]) > 250
