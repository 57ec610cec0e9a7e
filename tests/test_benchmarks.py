"""The benchmark suite's own correctness: its maps are valid and its runner runs (not how fast)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import argmap
from benchmarks import generate

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("n", [1, 7, 100, 1000])
def test_generated_maps_load(n: int, tmp_path: Path) -> None:
    paths = generate.write_all(generate.generate(n, seed=5), str(tmp_path / f"m{n}"))
    amap = argmap.load(paths["yaml"])
    assert len(amap) == n
    from_json = argmap.load(paths["json"])
    assert list(from_json.graph.nodes(data=True)) == list(amap.graph.nodes(data=True))
    assert sorted(from_json.graph.edges(data=True)) == sorted(amap.graph.edges(data=True))
    assert not [d for d in argmap.check(amap) if d.severity == "error"]


def test_generated_maps_look_real() -> None:
    amap = argmap.loads(generate.to_yaml(generate.generate(3000, seed=1)))
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
    amap = argmap.loads(generate.to_yaml(generate.generate(10_000, seed=1)))
    cycles = [d for d in argmap.check(amap) if d.code == "AM201"]
    assert 1 <= len(cycles) <= 2


def test_deterministic_by_seed() -> None:
    assert generate.to_yaml(generate.generate(500, seed=4)) == generate.to_yaml(
        generate.generate(500, seed=4)
    )
    assert generate.to_yaml(generate.generate(500, seed=4)) != generate.to_yaml(
        generate.generate(500, seed=5)
    )


def test_argdown_has_every_statement_and_relation() -> None:
    doc = generate.generate(800, seed=2)
    text = generate.to_argdown(doc)
    amap = argmap.loads(generate.to_yaml(doc))
    defined = re.findall(r"^\[([^\]]+)\]: \S", text, re.M)
    assert defined == list(amap.graph)
    relations = re.findall(r"^  ([+-]) \[([^\]]+)\]$", text, re.M)
    assert len(relations) == amap.graph.number_of_edges()
    assert Counter(sign for sign, _ in relations)["+"] == sum(
        1 for *_, r in amap.graph.edges(data="relation") if r == "supports"
    )


def test_stalin_as_a_document(stalin: argmap.ArgumentMap) -> None:
    doc = generate.document_of(stalin)
    again = argmap.loads(generate.to_yaml(doc), path=str(ROOT / "graphs" / "x.yaml"))
    assert list(again.graph) == list(stalin.graph)
    assert sorted(again.graph.edges(data="relation")) == sorted(stalin.graph.edges(data="relation"))


def test_quick_run_end_to_end(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--quick",
            "--no-argdown",
            "--no-browser",
            "--results",
            str(results),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert r.returncode == 0, r.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    assert "| target |" in text and "lazy imports" in text and "## Reproduce" in text
    assert "| 1,000 |" in text
    raw = json.loads((ROOT / "benchmarks" / "out" / "results-quick.json").read_text(encoding="utf-8"))
    assert raw["argmap"]["1000"]["stages"]["nodes"] == 1000
    assert raw["startup"]["imports"]["check"]["forbidden"] == []


def test_layout_eval_counts_crossings_alike_for_both_layouts() -> None:
    from argmap.model import ArgumentMap
    from benchmarks.layout_eval import crossings, dot_positions, essay_map

    amap = ArgumentMap()
    for n in "abcd":
        amap.add_node(n, "evidence", n)
    amap.add_edge("a", "b")
    amap.add_edge("c", "d")
    cross = {"a": (0, 0), "b": (10, 10), "c": (0, 10), "d": (10, 0)}
    assert crossings(amap, cross) == 1
    assert crossings(amap, {**cross, "d": (10, 20)}) == 0
    amap.add_edge("a", "d")  # shares an end with both: never counted
    assert crossings(amap, cross) == 1
    small = essay_map(12, 1)
    assert len(small) == 12
    pos = dot_positions(small, [55] * len(small))
    if pos is not None:  # Graphviz installed
        assert set(pos) == set(small.graph)


@pytest.mark.parametrize("shape", ["chain", "ladder", "star", "dense", "random", "cycle"])
def test_every_benchmark_shape_is_a_valid_map_of_its_size(shape: str) -> None:
    from benchmarks.shapes import document

    amap = argmap.loads(json.dumps(document(shape, 300)), format="json")
    assert len(amap) == 300
    supports = [(u, v) for u, v, r in amap.graph.edges(data="relation") if r == "supports"]
    if shape in ("chain", "cycle"):
        assert len(supports) >= 280
    if shape == "cycle":
        from argmap.analysis import support_cycles

        assert len(support_cycles(amap)[0]) > 250


def test_the_shapes_report_computes_ratios_from_one_run() -> None:
    from benchmarks.shapes import report

    def run(n: int, per: float) -> dict[str, float]:
        return {"nodes": n, "links": n, "peak_mb": 50.0, "load": n * per, "check": n * per,
                "render": n * per, "evidence": n * per, "outline": n * per * 2}

    text = report({"chain/1000": run(1000, 1e-5), "chain/10000": run(10000, 1.2e-5),
                   "ladder/1000": run(1000, 1e-5), "ladder/10000": run(10000, 2e-5),
                   "extract/1": {"bytes": 10, "units": 1, "extract": 1.0, "dots": 1.0, "peak_mb": 1.0},
                   "extract/4": {"bytes": 40, "units": 4, "extract": 4.5, "dots": 7.0, "peak_mb": 1.0}}, 1.0)
    assert "| chain | 1,000 -> 10,000 | 12.0x | 12.0x | 12.0x | 12.0x | **met** |" in text
    assert "| ladder | 1,000 -> 10,000 | 20.0x | 20.0x | 20.0x | 20.0x | **NOT met** |" in text
    assert "essays 4.5x, dots 7.0x: **NOT met**" in text
