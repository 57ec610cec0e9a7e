"""argmap stats: counts, depth and hedging of the bundled maps, text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import argmap
from argmap.stats import render, stats, support_depth


def test_stalin_numbers(stalin: argmap.ArgumentMap) -> None:
    s = stats(stalin)
    assert s["nodes"] == 21 and s["edges"] == 20
    assert s["kinds"] == {"thesis": 1, "reason": 8, "claim": 0, "evidence": 12, "objection": 0,
                          "rebuttal": 0}
    assert s["relations"] == {"supports": 20, "attacks": 0, "undercuts": 0}
    assert s["depth"] == 2
    per = s["evidence_per_reason"]
    assert (per["min"], per["max"], per["mean"], per["without_evidence"]) == (0, 4, 1.5, 3)
    assert per["by_reason"]["rivals"] == 4
    assert s["evidence"] == {"total": 12, "hedged": 3, "hedged_share": 0.25, "unrated": 0, "unsourced": 10}


def test_depth_counts_claims(bundled_maps: list[Path]) -> None:
    amap = argmap.load(next(p for p in bundled_maps if p.name == "school_uniforms.yaml"))
    assert support_depth(amap) == 3  # thesis <- reason <- claim <- evidence
    assert support_depth(argmap.ArgumentMap()) == 0


def test_text_and_json(stalin: argmap.ArgumentMap) -> None:
    text = render(stalin)
    assert text.splitlines()[0] == "Why did Stalin carry out the purges?"
    assert "evidence per motive" in text and "25%" in text
    data = json.loads(render(stalin, "json"))
    assert data == json.loads(json.dumps(stats(stalin)))
