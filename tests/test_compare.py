"""Comparing a student's map with a model map: the measure, the matching against hand-made truth,
the reports (text golden, exact JSON keys, the page in Chromium) and the properties that must hold
for any map."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import compare as cmp
from cli import cli
from tests import compare_truth
from tests.compare_truth import PAIRS

ROOT = Path(__file__).resolve().parent.parent
TRUTH = compare_truth.truth()
#: the pairs the matcher gets exactly right; stalin_e (a student sharing almost no words with the
#: model) is the measured limit, in benchmarks/COMPARE_RESULTS.md
EXACT = [name for name in TRUTH if name != "stalin_e.yaml"]


def load_pair(name: str) -> tuple[argmap.ArgumentMap, argmap.ArgumentMap]:
    return argmap.load(ROOT / "graphs" / TRUTH[name]["model"]), argmap.load(PAIRS / name)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# -- the measure ------------------------------------------------------------------------------------
def test_stems_fold_case_accents_and_word_endings() -> None:
    assert cmp.stem("purges") == cmp.stem("purged") == cmp.stem("purging")
    assert cmp.stem("executed") == cmp.stem("execution") == cmp.stem("executions")
    assert cmp.stems("Élite RÉGIME") == cmp.stems("elite regime")
    assert cmp.stems("the of and which") == frozenset()
    assert cmp.stems("Stalin\u2019s army's") == cmp.stems("stalin army")


def test_kinds_and_theses() -> None:
    model = argmap.loads("nodes:\n  t: {kind: thesis, text: uniforms are good}\n"
                         "  e: {kind: evidence, text: fights fell in Long Beach, supports: t}\n")
    student = argmap.loads("nodes:\n  a: {kind: thesis, text: completely different words}\n"
                           "  b: {kind: claim, text: fights fell in Long Beach, supports: a}\n"
                           "  c: {kind: thesis, text: fights fell in Long Beach}\n")
    scores = cmp.scores(model, student)
    assert scores["t", "a"] == 0.5  # theses always pair, whatever their words
    assert ("e", "c") not in scores and ("t", "b") not in scores  # a thesis only with a thesis
    assert scores["e", "b"] == cmp.KIND_FACTOR_RELATED
    result = cmp.compare(model, student)
    assert result.pairs == {"t": "a", "e": "b"}
    assert result.kind_changed == [{"model": "e", "student": "b", "model_kind": "evidence",
                                    "student_kind": "claim"}]
    assert result.extra == ["c"] and result.moved == []


# -- against the truth ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", EXACT)
def test_matching_equals_the_truth(name: str) -> None:
    model, student = load_pair(name)
    spec = TRUTH[name]
    result = cmp.compare(model, student)
    assert result.pairs == {m: s for s, m in spec["pairs"].items()}
    assert result.missing == [n for n in model if n not in spec["pairs"].values()]
    assert result.extra == [n for n in student if n not in spec["pairs"]]
    assert sorted(mv["student"] for mv in result.moved) == sorted(spec["moved"])


def test_stalin_student_missing_extra_and_moved(golden: Any) -> None:
    model, student = load_pair("stalin_a.yaml")
    result = cmp.compare(model, student)
    assert result.missing == ["cheap_labour", "gulag_work"]  # a whole reason and its evidence
    assert result.extra == ["r8"]
    assert result.moved == [{"model": "generals_shot", "student": "e11", "model_target": "rivals",
                             "student_target": "r7"}]
    assert result.coverage == round(18 / 20, 3)
    golden("compare_stalin_a.txt", cmp.format_text(result))


def test_the_hard_paraphrase_pairs_nothing_wrongly_with_the_thesis() -> None:
    model, student = load_pair("stalin_e.yaml")
    result = cmp.compare(model, student)
    assert result.pairs["purges"] == "claim"
    truth = {m: s for s, m in TRUTH["stalin_e.yaml"]["pairs"].items()}
    wrong = [m for m, s in result.pairs.items() if truth.get(m) != s]
    assert len(wrong) <= 1  # the measured precision (0.8 on 5 pairs) in COMPARE_RESULTS.md


def test_the_scoring_the_benchmark_reports_agrees_with_the_tests() -> None:
    c = compare_truth.total(EXACT, TRUTH, cmp.THRESHOLD)
    assert (c.precision, c.recall, c.moved_precision, c.moved_recall) == (1.0, 1.0, 1.0, 1.0)
    assert c.true == sum(len(TRUTH[n]["pairs"]) for n in EXACT) and c.true == c.predicted == c.correct
    assert {s["split"] for s in TRUTH.values()} == {"tune", "held-out"}
    hard = compare_truth.score_pair("stalin_e.yaml", TRUTH["stalin_e.yaml"], cmp.THRESHOLD)
    assert hard.correct < hard.true  # the measured limit: recall below 1 on the hard paraphrase


# -- reports ----------------------------------------------------------------------------------------
def test_json_has_exactly_the_documented_keys(tmp_path: Path) -> None:
    result = invoke("compare", str(ROOT / "graphs" / "stalin_purges.yaml"), str(PAIRS / "stalin_b.yaml"),
                    "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["matched", "missing", "extra", "moved", "kind_changed", "coverage"]
    assert set(data["matched"][0]) == {"model", "student", "score"}
    assert set(data["moved"][0]) == {"model", "student", "model_target", "student_target"}
    assert data["kind_changed"] == [{"model": "tukhachevsky", "student": "army",
                                     "model_kind": "evidence", "student_kind": "claim"}]


def test_cli_text_and_page_subprocess(tmp_path: Path, cli_run: Any, golden: Any) -> None:
    out = tmp_path / "compare.html"
    proc = cli_run("compare", "graphs/stalin_purges.yaml", "tests/data/compare/stalin_a.yaml", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    golden("compare_stalin_a.txt", proc.stdout)
    assert f"wrote {out}" in proc.stderr
    first = out.read_bytes()
    assert cli_run("compare", "graphs/stalin_purges.yaml", "tests/data/compare/stalin_a.yaml",
                   "-o", str(out)).returncode == 0
    assert out.read_bytes() == first  # deterministic
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  t:\n    kind: thesys\n    text: x\n", encoding="utf-8")
    proc = cli_run("compare", "graphs/stalin_purges.yaml", str(bad), "-o", str(tmp_path / "x.html"))
    assert proc.returncode == 1 and f"{bad}:3:11: AM104" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.html").exists()
    stalin = "graphs/stalin_purges.yaml"
    assert cli_run("compare", stalin, stalin, "-o", "-").returncode == 2


def test_a_map_against_itself(stalin_path: Path) -> None:
    result = invoke("compare", str(stalin_path), str(stalin_path))
    assert result.exit_code == 0
    assert "has 20 of the 20 reasons and pieces of evidence (100%)" in result.stdout
    assert "Every statement of the model is in your map, in the same place." in result.stdout


def test_page_escapes_every_text(tmp_path: Path, payloads: list[str]) -> None:
    doc: dict[str, Any] = {"title": payloads[0], "nodes": {"t": {"kind": "thesis", "text": payloads[1]}}}
    for i, p in enumerate(payloads):
        doc["nodes"][f"n{i}"] = {"kind": "reason", "text": p, "label": p, "supports": "t"}
    student = argmap.loads(yaml.safe_dump(doc), path=payloads[2])
    model, _ = load_pair("stalin_a.yaml")
    page = cmp.compare_html(cmp.compare(model, student))
    body = page.split("<script>")[0]
    assert "<script>alert" not in page and "<img" not in body and "<svg" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


# -- properties -------------------------------------------------------------------------------------
@st.composite
def worded_maps(draw: st.DrawFn) -> argmap.ArgumentMap:
    """Maps whose statements each have one word of their own (so the truth is unambiguous)."""
    n = draw(st.integers(1, 18))
    amap = argmap.ArgumentMap()
    common = ["stalin", "army", "fear", "power", "party"]
    for i in range(n):
        kind = "thesis" if i == 0 else draw(st.sampled_from([k for k in argmap.model.KINDS if k != "thesis"]))
        extra = draw(st.lists(st.sampled_from(common), max_size=3))
        own = "qz" + "".join(chr(97 + int(d)) for d in str(i)) + "k"
        amap.add_node(f"n{i}", kind, " ".join([own, *extra]))
    for i in range(1, n):
        amap.add_edge(f"n{i}", f"n{draw(st.integers(0, i - 1))}",
                      draw(st.sampled_from(["supports", "supports", "attacks"])))
    return amap


def renamed(amap: argmap.ArgumentMap) -> argmap.ArgumentMap:
    """The same map with new ids, nodes in reverse order."""
    out = argmap.ArgumentMap()
    for n in reversed(list(amap)):
        d = amap.node(n)
        out.add_node("s_" + n, d["kind"], d["text"])
    for u, v, d in amap.edges():
        out.add_edge("s_" + u, "s_" + v, d["relation"])
    return out


@settings(max_examples=60, deadline=None)
@given(worded_maps())
def test_a_renamed_map_matches_itself(amap: argmap.ArgumentMap) -> None:
    result = cmp.compare(amap, renamed(amap))
    assert result.pairs == {n: "s_" + n for n in amap}
    assert result.missing == result.extra == result.moved == result.kind_changed == []
    assert result.coverage in (1.0, None)


@settings(max_examples=60, deadline=None)
@given(worded_maps(), st.data())
def test_a_removed_statement_is_missing(amap: argmap.ArgumentMap, data: st.DataObject) -> None:
    student = renamed(amap)
    gone = data.draw(st.sampled_from(list(amap)))
    student.graph.remove_node("s_" + gone)
    result = cmp.compare(amap, student)
    assert result.missing == [gone]
    assert result.extra == []
    # what argued about the removed statement now hangs free: moved, attached to nothing
    orphans = sorted("s_" + n for n in amap.graph.predecessors(gone))
    assert sorted(mv["student"] for mv in result.moved) == orphans
    assert all(mv["student_target"] is None for mv in result.moved)
    assert cmp.format_text(result) == cmp.format_text(cmp.compare(amap, student))


@pytest.mark.browser
def test_page_offline_clicks_highlight_counterparts(tmp_path: Path, open_page: Any) -> None:
    model, student = load_pair("stalin_a.yaml")
    path = tmp_path / "compare.html"
    path.write_text(cmp.compare_html(cmp.compare(model, student)), encoding="utf-8")
    page = open_page(path, wait=False)
    page.wait_for_selector("body[data-ready]", state="attached")

    def marked(cls: str) -> list[list[str]]:
        return page.js("cls => [...document.querySelectorAll('[data-tree] button.' + cls)]"
                       ".map(b => [b.dataset.side, b.dataset.id])", cls)

    # a moved piece of evidence: its model counterpart solid, where it belongs in the model dashed
    page.click(".lists .moved button.stmt")
    assert marked("hl-self") == [["student", "e11"]]
    assert marked("hl-pair") == [["model", "generals_shot"]]
    assert marked("hl-where") == [["model", "rivals"]]
    said = page.js("() => document.getElementById('said').textContent")
    assert "in the model it is under 'Remove rivals'" in said
    # a missing reason: no counterpart; the student's thesis, where it would go, dashed
    page.click(".lists .missing button.stmt >> nth=0")
    assert marked("hl-self") == [["model", "cheap_labour"]]
    assert marked("hl-pair") == [] and marked("hl-where") == [["student", "main"]]
    # a matched statement in the tree: its counterpart
    page.click("[data-tree=model] button[data-id=tukhachevsky]")
    assert marked("hl-pair") == [["student", "e2"]]
    page.keyboard.press("Escape")
    assert marked("hl-self") == []
    assert page.requests == [] and page.errors == [] and page.dialogs == []
