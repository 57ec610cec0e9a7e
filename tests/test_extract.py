"""Drafting a map from an essay: exact units, valid maps for any text, the Stalin essay's motives."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError
from argmap.extract import analyse, extract, units
from argmap.text import Essay
from argmap.writers.native import write_json, write_yaml

ROOT = Path(__file__).resolve().parent.parent
GRAPHS = ROOT / "graphs"
DATA = Path(__file__).resolve().parent / "data" / "extract"
STALIN_TXT = GRAPHS / "stalin_purges.txt"
ESSAYS = [STALIN_TXT, GRAPHS / "school_uniforms.txt", GRAPHS / "first_world_war.txt",
          *sorted(DATA.glob("*.txt"))]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def reload(amap: argmap.ArgumentMap, text: str, folder: Path, fmt: str = "yaml") -> argmap.ArgumentMap:
    """The draft written out and read back by argmap's own reader, its essay beside it."""
    (folder / str(amap.essay_path)).write_text(text, encoding="utf-8")
    data = write_yaml(amap) if fmt == "yaml" else write_json(amap)
    return argmap.loads(data, format=fmt, path=str(folder / f"draft.{fmt}"))


# -- units -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ESSAYS, ids=lambda p: p.name)
def test_units_have_exact_offsets(path: Path) -> None:
    text = read(path)
    found = units(text)
    assert found
    last_end = 0
    for u in found:
        assert text[u.start:u.end] == u.text
        assert u.text == u.text.strip() and u.text
        assert u.start >= last_end
        last_end = u.end
    # nothing but white space is left between units
    covered = "".join(text[a.end:b.start] for a, b in zip(found, found[1:], strict=False))
    assert not covered.strip()


def test_typographic_characters_stay_exact() -> None:
    text = read(DATA / "mixed.txt")
    joined = " ".join(u.text for u in units(text))
    for ch in "—«»“”–…’":
        assert ch in joined
    sentences = [u.text for u in units(text)]
    assert "东京是日本的首都。" in sentences
    assert "Москва — столица России." in sentences


def test_paragraphs_one_per_line_and_hard_wrapped() -> None:
    stalin = units(read(STALIN_TXT))
    assert max(u.paragraph for u in stalin) == 3  # four lines, four paragraphs
    wrapped = units(read(DATA / "wrapped.txt"))
    assert max(u.paragraph for u in wrapped) == 2  # blank lines separate, line breaks do not
    assert wrapped[0].text == "Homework should be limited to one hour a night in primary schools."


def test_clauses_split_at_connectives() -> None:
    text = "We should ban cars in the centre, because the air is bad. Cars are fast, but they are loud."
    assert [u.text for u in units(text)] == [
        "We should ban cars in the centre,", "because the air is bad.", "Cars are fast,",
        "but they are loud.",
    ]


# -- the map ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ESSAYS, ids=lambda p: p.name)
def test_quotes_are_exact_passages_and_the_draft_loads_and_renders(path: Path, tmp_path: Path) -> None:
    text = read(path)
    amap = extract(text, essay_name=path.name)
    assert amap.essay_path == path.name
    assert len(amap.nodes_of("thesis")) == 1
    for node in amap:
        data = amap.node(node)
        start, end = data["data"]["start"], data["data"]["end"]
        assert text[start:end] == data["quote"]
        assert data["kind"] in argmap.model.KINDS
    for fmt in ("yaml", "json"):
        loaded = reload(amap, text, tmp_path, fmt)
        assert sorted(loaded) == sorted(amap)
        assert sorted(loaded.graph.edges) == sorted(amap.graph.edges)
        assert loaded.essay == text.replace("\r\n", "\n")
    page = argmap.render(loaded)
    assert page.lstrip().lower().startswith("<!doctype html")


def test_every_node_is_reachable_from_the_thesis_side() -> None:
    amap = extract(read(GRAPHS / "school_uniforms.txt"), essay_name="school_uniforms.txt")
    (thesis,) = amap.nodes_of("thesis")
    for node in amap:
        if node != thesis:
            assert amap.graph.out_degree(node) == 1, node


def test_roles_and_links_follow_the_markers() -> None:
    text = ("Cities should ban cars from their centres. The first reason is that the air would be "
            "cleaner. For example, a 2019 study in Madrid found 20% less nitrogen dioxide. Some people "
            "argue that shops would lose customers. However, footfall rose in Oslo after the ban.")
    a = analyse(text)
    assert a.roles == ["thesis", "reason", "evidence", "objection", "rebuttal"]
    assert sorted(a.links) == [(1, 0, "supports"), (2, 1, "supports"), (3, 0, "attacks"),
                               (4, 3, "attacks")]


def test_hedges_set_confidence() -> None:
    text = ("We should plant more trees. Another reason is that trees could possibly cool streets. "
            "A further reason is that they probably reduce noise. A final reason is that shade helps.")
    amap = extract(text, essay_name="t.txt")
    conf = {amap.node(n)["quote"][:18]: amap.node(n).get("confidence") for n in amap}
    assert conf["Another reason is "] == "possible"
    assert conf["A further reason i"] == "likely"
    assert conf["A final reason is "] == "certain"
    strict = extract(text, essay_name="t.txt", min_confidence="likely")
    assert len(strict) == len(amap) - 1
    assert all(strict.node(n).get("confidence") in (None, "likely", "certain") for n in strict)


def test_min_confidence_reattaches_what_rested_on_a_dropped_unit(tmp_path: Path) -> None:
    text = read(STALIN_TXT)
    amap = extract(text, essay_name="stalin_purges.txt", min_confidence="certain")
    assert all(amap.node(n).get("confidence") in (None, "certain") for n in amap)
    loaded = reload(amap, text, tmp_path)
    (thesis,) = loaded.nodes_of("thesis")
    for node in loaded:
        if node != thesis:
            assert loaded.graph.out_degree(node) == 1


# -- the Stalin essay against its hand-made map -----------------------------------------------------
def _span(essay: Essay, quote: str) -> tuple[int, int]:
    found = essay.find(quote)
    assert found is not None, quote
    return found


def _covers(unit: tuple[int, int], span: tuple[int, int]) -> bool:
    """The unit holds at least half of the hand-made quote."""
    inter = min(unit[1], span[1]) - max(unit[0], span[0])
    return inter >= 0.5 * (span[1] - span[0])


def stalin_comparison(stalin: Any) -> tuple[bool, dict[str, list[str]]]:
    """(thesis found, motive -> its evidence not found) for every motive the draft finds."""
    text = read(STALIN_TXT)
    essay = Essay(text)
    draft = extract(text, essay_name="stalin_purges.txt")
    spans = {n: (draft.node(n)["data"]["start"], draft.node(n)["data"]["end"]) for n in draft}
    (thesis,) = draft.nodes_of("thesis")
    (gold_thesis,) = stalin.nodes_of("thesis")
    thesis_ok = _covers(spans[thesis], _span(essay, stalin.node(gold_thesis)["quote"]))
    found: dict[str, list[str]] = {}
    used: set[str] = set()
    for motive in stalin.nodes_of("reason"):
        span = _span(essay, stalin.node(motive)["quote"])
        match = next((n for n in draft.nodes_of("reason") if n not in used and _covers(spans[n], span)),
                     None)
        if match is None:
            continue
        used.add(match)
        holders = [match] + [e for e in draft.graph.predecessors(match)
                             if draft.relation(e, match) == "supports"]
        missing = []
        for ev in stalin.graph.predecessors(motive):
            if stalin.kind(ev) != "evidence":
                continue
            ev_span = _span(essay, stalin.node(ev)["quote"])
            if not any(_covers(spans[h], ev_span) for h in holders):
                missing.append(ev)
        found[motive] = missing
    return thesis_ok, found


def test_stalin_thesis_and_at_least_six_motives_with_their_evidence(stalin: Any) -> None:
    thesis_ok, found = stalin_comparison(stalin)
    assert thesis_ok
    complete = [m for m, missing in found.items() if not missing]
    assert len(complete) >= 6, found
    # the main motive and its four pieces of evidence, across two paragraphs
    assert found.get("rivals") == []


# -- any text -----------------------------------------------------------------------------------
def test_empty_text_is_a_clear_error() -> None:
    for text in ("", "   \n\n\t ", "\ufeff"):
        with pytest.raises(ArgmapError) as err:
            extract(text, essay_name="e.txt")
        assert err.value.first.code == "AM030"


def test_bad_options_are_clear_errors() -> None:
    with pytest.raises(ArgmapError, match="did you mean 'rules'"):
        extract("A text.", essay_name="e.txt", method="rule")
    with pytest.raises(ArgmapError, match="unknown confidence level"):
        extract("A text.", essay_name="e.txt", min_confidence="sure")
    with pytest.raises(ArgmapError) as err:
        extract("A text.", essay_name="e.txt", method="embeddings")
    assert err.value.first.code == "AM031"


@pytest.mark.parametrize("text", ["One sentence without a full stop", "Ein Satz.", "。", "?!", "a",
                                  "x" * 5000, "word " * 3000, "Title\n\nBody text here.",
                                  "line one\nline two\nline three", "“ ” – —"])
def test_small_and_odd_texts_give_valid_maps(text: str, tmp_path: Path) -> None:
    amap = extract(text, essay_name="e.txt")
    assert len(amap.nodes_of("thesis")) == 1
    reload(amap, text, tmp_path)


_ESSAY_ALPHABET = st.sampled_from(
    list("abcdefgh XYZ.,;:!?\n\n\t'\"“”‘’–—…()0123456789é中文Ωß\u00a0\u2028\u0085\r\ufeff\x00")
    + ["but ", "because ", "However, ", "for example ", "Another reason is ", "should ", "1935 ",
       "Some people argue that ", ", and they ", "Although ", "; "]
)
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_ESSAY_ALPHABET, max_size=120).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_any_text_gives_a_valid_map_or_an_argmap_error(text: str) -> None:
    try:
        amap = extract(text, essay_name="essay.txt")
    except ArgmapError as exc:
        assert exc.first.code == "AM030"
        return
    folder = Path(tempfile.mkdtemp(prefix="argmap-extract-"))
    try:
        (folder / "essay.txt").write_bytes(text.encode("utf-8"))
        for fmt, writer in (("yaml", write_yaml), ("json", write_json)):
            loaded = argmap.loads(writer(amap), format=fmt, path=str(folder / f"draft.{fmt}"))
            assert len(loaded) == len(amap)
            assert loaded.graph.number_of_edges() == amap.graph.number_of_edges()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_deterministic() -> None:
    text = read(GRAPHS / "first_world_war.txt")
    first = write_yaml(extract(text, essay_name="w.txt"))
    assert all(write_yaml(extract(text, essay_name="w.txt")) == first for _ in range(3))


@pytest.mark.timeout(120)  # a hang guard: quadratic splitting would take hours on these
def test_long_paragraphs_and_words_finish() -> None:
    # one long paragraph of commas, one long word, a long essay: all analysed, offsets exact
    for text in ("word, " * 40_000 + "end.", "x" * 500_000, (read(STALIN_TXT) + "\n") * 160):
        assert analyse(text).units
        for unit in units(text):
            assert text[unit.start:unit.end] == unit.text


# -- against the human-annotated corpus ----------------------------------------------------------
@pytest.mark.corpora
def test_rules_beat_both_baselines_on_link_f1(corpora: Path) -> None:
    from argmap.extract.evaluate import evaluate, read_gold

    folder = corpora / "arg-microtexts" / "en"
    golds = [read_gold(str(p)) for p in sorted(folder.glob("micro_*.xml"))]
    assert len(golds) == 112
    results = evaluate(golds, ["baseline: first", "baseline: position", "rules"])
    rules = results["rules"]
    assert rules.links.f1 > results["baseline: first"].links.f1
    assert rules.links.f1 > results["baseline: position"].links.f1
    assert rules.roles.f1 > max(results["baseline: first"].roles.f1,
                                results["baseline: position"].roles.f1)


def test_introduction_names_the_topic_and_objections_keep_their_clauses() -> None:
    """A "why" essay of five paragraphs: the opening sentence names its subject (capitalised words)
    without being a fact, and a clause that continues an objection argues for that objection."""
    text = read(DATA / "roman_republic.txt")
    a = analyse(text)
    role = {u.text.split()[0] + " " + u.text.split()[1]: r for u, r in zip(a.units, a.roles, strict=True)}
    assert role["The Roman"] == "other"  # the introduction, not evidence
    assert role["In conclusion,"] == "thesis"
    assert [role[k] for k in ("The foremost", "Another reason", "A final")] == ["reason"] * 3
    assert role["However, some"] == "objection"
    at = {u.text.split()[0] + " " + u.text.split()[1]: u.index for u in a.units}
    links = {(s, t): rel for s, t, rel in a.links}
    assert links[(at["and that"], at["However, some"])] == "supports"
    assert links[(at["For example,"], at["The foremost"])] == "supports"
    assert links[(at["Small farmers"], at["Another reason"])] == "supports"
