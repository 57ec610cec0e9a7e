"""The one definition of "which reasons rest on which evidence": agreement with analysis.rests_on
on random graphs, the strength score's promises, the support tree, and the Stalin table's golden
file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import random_graphs, support_graph

import argmap
from argmap import evidence
from argmap.analysis import evidence_of, rests_on, trace
from argmap.evidence import Link, links, links_of, reaching, rows, strength, support_tree


@settings(max_examples=150, deadline=None)
@given(random_graphs(max_nodes=20))
def test_links_agree_with_rests_on(amap: argmap.ArgumentMap) -> None:
    g = support_graph(amap)
    found = links(amap)
    assert {(lk.reason, lk.evidence) for lk in found} == {
        (r, e) for r in rows(amap) for e in evidence_of(amap, r)}
    assert len(found) == len({(lk.reason, lk.evidence) for lk in found})
    for lk in found:
        chain = [lk.evidence, *lk.via, lk.reason]
        assert all(g.has_edge(a, b) for a, b in zip(chain, chain[1:], strict=False))
        assert len(chain) - 1 == nx.shortest_path_length(g, lk.evidence, lk.reason)
        assert lk.direct == (not lk.via) == g.has_edge(lk.evidence, lk.reason)
        assert lk.confidence == amap.node(lk.evidence).get("confidence")
    # deterministic: rows in order, evidence nearest first (the order of rests_on)
    for r in rows(amap):
        assert [lk.evidence for lk in links_of(amap, r)] == list(evidence_of(amap, r))


@settings(max_examples=150, deadline=None)
@given(random_graphs(max_nodes=20), st.integers(0, 19), st.integers(1, 3))
def test_strength_is_monotone_in_added_certain_evidence(amap: argmap.ArgumentMap, pick: int,
                                                        times: int) -> None:
    for node in rows(amap):
        before = strength(amap, node)
        assert before >= 0
        targets = [node, *rests_on(amap, node)]
        for t in range(times):
            amap.add_node(f"new{node}{t}", "evidence", "a new certain fact", confidence="certain")
            amap.add_edge(f"new{node}{t}", targets[pick % len(targets)])
            after = strength(amap, node)
            assert after >= before
            before = after


@settings(max_examples=150, deadline=None)
@given(random_graphs(max_nodes=20), st.integers(1, 3))
def test_reaching_holds_min_k_of_the_sources(amap: argmap.ArgumentMap, k: int) -> None:
    sources = amap.nodes_of("evidence")
    held = reaching(amap, sources, k)
    for node in amap:
        mine = set(evidence_of(amap, node))
        got = held.get(node, [])
        assert len(got) == len(set(got)) == min(k, len(mine))
        assert set(got) <= mine


def _reaching_queue_everything(amap: argmap.ArgumentMap, sources: list[str],
                               k: int) -> dict[str, list[str]]:
    """``reaching`` the obvious way: every (node, label) pair queued, the checks when taken off."""
    from collections import deque

    held: dict[str, list[str]] = {}
    queue = deque((t, s) for s in sources for t, d in amap.graph.succ[s].items()
                  if d["relation"] == "supports")
    while queue:
        node, label = queue.popleft()
        have = held.setdefault(node, [])
        if label == node or label in have or len(have) >= k + 1:
            continue
        have.append(label)
        queue.extend((t, label) for t, d in amap.graph.succ[node].items() if d["relation"] == "supports")
    return {n: v[:k] for n, v in held.items() if v}


@settings(max_examples=150, deadline=None)
@given(random_graphs(max_nodes=20), st.integers(1, 3), st.data())
def test_reaching_skips_only_pairs_that_change_nothing(amap: argmap.ArgumentMap, k: int,
                                                       data: st.DataObject) -> None:
    """Not queueing a label for a node that is full or holds it gives the same labels in the same
    order as queueing everything."""
    sources = data.draw(st.lists(st.sampled_from(list(amap.graph)), unique=True)) if len(amap) else []
    assert reaching(amap, sources, k) == _reaching_queue_everything(amap, sources, k)


@settings(max_examples=200, deadline=None)
@given(random_graphs(max_nodes=20), st.integers(0, 3), st.data())
def test_sources_beneath_are_all_of_them_up_to_k(amap: argmap.ArgumentMap, k: int,
                                                 data: st.DataObject) -> None:
    """Every source a node rests on when there are at most ``k``, more than ``k`` of them
    otherwise (the obvious way: one walk per node), cycles included."""
    sources = data.draw(st.lists(st.sampled_from(list(amap.graph)), unique=True))
    got = evidence.sources_beneath(amap, sources, k)
    for node in amap:
        mine = set(rests_on(amap, node)) & set(sources)
        if len(mine) <= k:
            assert got.get(node, frozenset()) == mine
        else:
            assert len(got[node]) > k and got[node] <= mine


@settings(max_examples=100, deadline=None)
@given(random_graphs(max_nodes=20))
def test_support_tree_covers_everything_arguing_about_a_node(amap: argmap.ArgumentMap) -> None:
    for node in amap:
        lines = support_tree(amap, node)
        assert lines[0].node == node and lines[0].depth == 0
        shown = {line.node for line in lines}
        assert shown == nx.ancestors(amap.graph, node) | {node}
        expanded = [line.node for line in lines if not line.repeat]
        assert len(expanded) == len(set(expanded))
        assert len(lines) <= len(amap) + amap.graph.number_of_edges() + 1


def test_stalin_links_and_strength(stalin: argmap.ArgumentMap) -> None:
    assert rows(stalin) == stalin.nodes_of("reason")
    assert links_of(stalin, "rivals")[0] == Link("rivals", "kirov_murder", True, (), "possible")
    scores = {r: strength(stalin, r) for r in rows(stalin)}
    assert scores == {"rivals": 3.5, "old_bolsheviks": 2.5, "cheap_labour": 1.0, "superiority": 0.0,
                      "paranoia": 0.5, "snowball": 0.0, "five_year_plans": 0.0, "fear": 3.0}


def test_indirect_evidence_and_objections_count_as_documented(bundled_maps: list[Path]) -> None:
    amap = argmap.load(next(p for p in bundled_maps if p.name == "first_world_war.yaml"))
    # blank cheque 1 + Fischer 0.5 + Article 231 0.25, minus the unanswered "everyone was to blame"
    assert strength(amap, "german_choices") == 1.25
    amap = argmap.load(next(p for p in bundled_maps if p.name == "school_uniforms.yaml"))
    (link,) = links_of(amap, "pressure")
    assert link == Link("pressure", "council_survey", False, ("no_brand_ranking",), "likely")
    assert strength(amap, "pressure") == 0.38  # 0.75 halved: only via a claim


def test_long_chain_has_no_recursion_limit() -> None:
    amap = argmap.ArgumentMap()
    n = 50_000
    amap.add_node("e", "evidence", "fact", confidence="certain")
    prev = "e"
    for i in range(n):
        amap.add_node(f"c{i}", "claim", "step")
        amap.add_edge(prev, f"c{i}")
        prev = f"c{i}"
    (lk,) = links_of(amap, prev)
    assert len(lk.via) == n - 1
    assert len(support_tree(amap, prev)) == n + 1
    assert evidence.format_tree(amap, prev).count("\n") == n + 1


def test_unknown_node_is_a_user_error(stalin: argmap.ArgumentMap) -> None:
    with pytest.raises(argmap.ArgmapError, match="unknown node 'rivalz' .did you mean 'rivals'"):
        evidence.render(stalin, "rivalz")


def test_json_table_and_tree(stalin: argmap.ArgumentMap) -> None:
    data = json.loads(evidence.render(stalin, fmt="json"))
    assert [r["id"] for r in data] == rows(stalin)
    assert data[0]["evidence"][0] == {"id": "kirov_murder", "label": "Kirov's murder", "direct": True,
                                      "via": [], "confidence": "possible", "source": None}
    data = json.loads(evidence.render(stalin, "purges", "json"))
    tree = data["tree"]
    assert tree[0]["id"] == "purges" and tree[0]["relation"] is None
    assert {t["id"] for t in tree} == set(stalin)
    assert data["attacks"] == data["answered_by"] == data["objections"] == []


@pytest.mark.parametrize("node", ["logo_costs", "rules_changed", "cheaper_than_fashion"])
def test_evidence_of_a_node_names_what_it_attacks_and_what_answers_it(
        root: Path, golden: Any, node: str) -> None:
    amap = argmap.load(root / "graphs" / "school_uniforms.yaml")
    golden(f"uniforms_evidence_{node}.txt", evidence.render(amap, node))
    golden(f"uniforms_evidence_{node}.json", evidence.render(amap, node, "json"))
    data = json.loads(evidence.render(amap, node, "json"))
    t = trace(amap, node)
    for key in ("attacks", "answered_by", "objections"):
        assert [item["id"] for item in data[key]] == list(getattr(t, key))


def test_golden_stalin_evidence_table(stalin: argmap.ArgumentMap, golden: Any) -> None:
    golden("stalin_evidence.txt", evidence.format_table(stalin))


def test_golden_stalin_support_tree(stalin: argmap.ArgumentMap, golden: Any) -> None:
    golden("stalin_tree_purges.txt", evidence.format_tree(stalin, "purges"))


@settings(max_examples=200, deadline=None)
@given(random_graphs(max_nodes=20))
def test_one_pass_summaries_equal_a_walk_per_node(amap: argmap.ArgumentMap) -> None:
    """The fast counts and strengths (one pass over the condensation, bit sets) equal the obvious
    ones (one breadth-first walk per node), cycles included."""
    fast = evidence.summaries(amap)
    assert set(fast) == set(amap.graph)
    for node in amap:
        assert fast[node].evidence == len(evidence_of(amap, node))
        assert fast[node].strength == strength(amap, node)


@settings(max_examples=100, deadline=None)
@given(random_graphs(max_nodes=20), st.integers(0, 6), st.integers(1, 4))
def test_a_limited_walk_is_the_prefix_of_the_whole_one(amap: argmap.ArgumentMap, limit: int,
                                                       most: int) -> None:
    for node in amap:
        assert rests_on(amap, node, limit) == rests_on(amap, node)[:limit]
        whole = links_of(amap, node)
        # the evidence among the first ``limit`` statements of the walk, at most ``most`` of it
        within = [lk for lk in whole if lk.evidence in rests_on(amap, node, limit)]
        assert links_of(amap, node, limit) == within
        assert links_of(amap, node, most=most) == whole[:most]
        assert links_of(amap, node, limit, most) == within[:most]
        assert support_tree(amap, node, limit) == support_tree(amap, node)[:limit]


def _ladder(levels: int) -> argmap.ArgumentMap:
    """Two statements a level, each supporting both above; evidence at the bottom."""
    amap = argmap.ArgumentMap()
    amap.add_node("t", "thesis", "top")
    above = ["t"]
    for level in range(levels):
        kind = "evidence" if level == levels - 1 else "reason"
        pair = [f"{kind[0]}{level}a", f"{kind[0]}{level}b"]
        for n in pair:
            amap.add_node(n, kind, f"statement {n}", confidence="likely" if kind == "evidence" else None)
            for a in above:
                amap.add_edge(n, a)
        above = pair
    return amap


def test_a_deep_row_lists_its_nearest_evidence_and_counts_the_rest() -> None:
    amap = _ladder(evidence.ROW_WALK)  # the top reasons rest on ~2 x ROW_WALK statements
    data = evidence.table(amap)
    top = data[0]
    assert top["id"] == "r0a" and top["evidence"] == [] and top["more"] == 2
    assert top["strength"] == 0.75  # both likely pieces, indirect: 2 x 0.75 x 0.5
    bottom = next(r for r in data if r["id"] == f"r{evidence.ROW_WALK - 2}a")
    last = evidence.ROW_WALK - 1
    assert [e["id"] for e in bottom["evidence"]] == [f"e{last}a", f"e{last}b"]
    assert "more" not in bottom
    text = evidence.format_table(amap)
    assert "(+2 more beneath: argmap evidence MAP r0a)" in text


def test_a_row_lists_its_nearest_evidence_up_to_the_cap_and_counts_the_rest() -> None:
    """A reason with many pieces of evidence lists ``ROW_EVIDENCE`` of them, nearest (then in
    reading order) first, and says how many more it rests on, in the table and its text."""
    amap = argmap.ArgumentMap()
    amap.add_node("t", "thesis", "top")
    amap.add_node("r", "reason", "the reason")
    amap.add_edge("r", "t")
    amap.add_node("c", "claim", "a claim under it")
    amap.add_edge("c", "r")
    extra = 5
    for i in range(evidence.ROW_EVIDENCE + extra):  # direct ones first, then one under the claim
        amap.add_node(f"e{i}", "evidence", f"fact {i}", confidence="certain")
        amap.add_edge(f"e{i}", "r")
    amap.add_node("deep", "evidence", "a deeper fact", confidence="certain")
    amap.add_edge("deep", "c")
    (row, claim) = evidence.table(amap)
    assert [e["id"] for e in row["evidence"]] == [f"e{i}" for i in range(evidence.ROW_EVIDENCE)]
    assert row["more"] == extra + 1
    assert row["strength"] == evidence.ROW_EVIDENCE + extra + 0.5  # strength counts every piece
    assert [e["id"] for e in claim["evidence"]] == ["deep"] and "more" not in claim
    text = evidence.format_table(amap)
    assert f"(+{extra + 1} more beneath: argmap evidence MAP r)" in text
    assert text.count("direct") == evidence.ROW_EVIDENCE + 1


def _table_text_the_obvious_way(amap: argmap.ArgumentMap, width: int = 36) -> str:
    """``format_table`` from ``row_links`` and ``summaries``, every cell padded by one template."""
    from argmap.model import shorten

    head = amap.kind_name("reason") + (" / claim" if amap.nodes_of("claim") else "")
    header = (head, "strength", "evidence", "link", "confidence", "source")
    scores = evidence.summaries(amap)
    lines = []
    for row in rows(amap):
        name = shorten(("claim: " if amap.kind(row) == "claim" else "") + amap.label(row), width)
        score = f"{scores[row].strength:.2f}"
        found = evidence.row_links(amap, row)
        more = scores[row].evidence - len(found)
        if not found and not more:
            lines.append((name, score, "(no evidence)", "", "", ""))
        for lk in found:
            via = "via " + amap.label(lk.via[0]) if lk.via else "direct"
            for step in lk.via[1:]:
                if len(via) > width:
                    break
                via += " > " + amap.label(step)
            lines.append((name, score, shorten(amap.label(lk.evidence), width),
                          via if via == "direct" else shorten(via, width), lk.confidence or "unrated",
                          shorten(amap.node(lk.evidence).get("source") or "-", width)))
            name = score = ""
        if more:
            lines.append((name, score, f"(+{more} more beneath: argmap evidence MAP {row})", "", "", ""))
    widths = [max(len(line[i]) for line in (header, *lines)) for i in range(6)]

    def fmt(line: tuple[str, ...]) -> str:
        return "  ".join([line[0].ljust(widths[0]), line[1].rjust(widths[1]),
                          *(c.ljust(w) for c, w in zip(line[2:], widths[2:], strict=True))]).rstrip()

    text = [fmt(header), fmt(tuple("-" * w for w in widths))]
    for i, line in enumerate(lines):
        if i and line[0]:
            text.append("")
        text.append(fmt(line))
    return "\n".join(text + ["", evidence.LEGEND]) + "\n"


@settings(max_examples=150, deadline=None)
@given(random_graphs(max_nodes=25))
def test_the_table_text_is_the_obvious_one(amap: argmap.ArgumentMap) -> None:
    if not rows(amap):
        return
    assert evidence.format_table(amap) == _table_text_the_obvious_way(amap)


def test_the_table_text_of_a_deep_map_is_the_obvious_one() -> None:
    amap = _ladder(3 * evidence.ROW_WALK)
    amap.add_node("src", "evidence", "a sourced fact with a long label that has to be cut",
                  source="A. Author, 2020")
    amap.add_edge("src", "r3a")
    assert evidence.format_table(amap) == _table_text_the_obvious_way(amap)
