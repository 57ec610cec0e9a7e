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


WORDS = ("the", "army", "purges", "rivals", "fear", "was", "not", "Stalin", "Lenin", "trial", "uniform",
         "cost", "families", "school", "pupils", "war", "alliance", "empire", "spark", "because", "more",
         "evidence", "shows", "that", "many", "were", "shot", "Kirov", "1934", "economy", "labour", "camps",
         "newspaper", "survey", "brand", "pressure", "identity", "behaviour", "rules", "Franz-Ferdinand")


@st.composite
def _phrase(draw: st.DrawFn, low: int, high: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def essay_maps(draw: st.DrawFn, max_nodes: int = 40) -> argmap.ArgumentMap:
    """Maps shaped like a student's essay (5 to ``max_nodes`` statements): one thesis, 2-8 reasons
    with 0-6 pieces of evidence each, some claims between a reason and its evidence, objections
    (to reasons, claims or evidence, one an undercut) and rebuttals, evidence shared by two
    reasons, and labels of 1-8 words or none (then the card shows the shortened text).

    Returns an ``ArgumentMap``; ``argmap.writers.native.write_yaml`` turns it into a map file
    (the page's browser tests render it from there)."""
    amap = argmap.ArgumentMap(title=draw(_phrase(2, 6)))
    count = 0

    def add(kind: str) -> str:
        nonlocal count
        node = f"{kind[0]}{count}"
        count += 1
        label = draw(st.one_of(st.none(), _phrase(1, 8)))
        conf = draw(st.sampled_from([None, *argmap.model.CONFIDENCES])) if kind == "evidence" else None
        amap.add_node(node, kind, draw(_phrase(5, 20)) or kind, label=label or None, confidence=conf)
        return node

    def room(k: int = 1) -> bool:
        return count + k <= max_nodes

    thesis = add("thesis")
    reasons = [add("reason") for _ in range(draw(st.integers(2, 8)))]
    for r in reasons:
        amap.add_edge(r, thesis)
    evidence: list[str] = []
    for r in reasons:
        parents = [r]
        for _ in range(draw(st.integers(0, 1)) if room() else 0):  # a claim between reason and evidence
            c = add("claim")
            amap.add_edge(c, r)
            parents.append(c)
        for _ in range(draw(st.integers(0, 6))):
            if not room():
                break
            e = add("evidence")
            amap.add_edge(e, draw(st.sampled_from(parents)))
            evidence.append(e)
        if room() and draw(st.integers(0, 3)) == 0:  # an objection, perhaps answered
            o = add("objection")
            amap.add_edge(o, draw(st.sampled_from(parents)), "attacks")
            if room() and draw(st.booleans()):
                amap.add_edge(add("rebuttal"), o, "attacks")
    for e in evidence:  # evidence shared by a second reason
        if draw(st.integers(0, 6)) == 0:
            other = draw(st.sampled_from(reasons))
            if not amap.graph.has_edge(e, other):
                amap.add_edge(e, other)
    if evidence and room() and draw(st.integers(0, 4)) == 0:  # an objection to a piece of evidence
        amap.add_edge(add("objection"), draw(st.sampled_from(evidence)), "attacks")
    if room() and draw(st.integers(0, 5)) == 0:  # an undercut: the reason is true, but irrelevant
        r = draw(st.sampled_from(reasons))
        amap.add_edge(add("objection"), thesis, "undercuts", premise=r)
    while count < 5:
        amap.add_edge(add("evidence"), draw(st.sampled_from(reasons)))
    return amap


#: pieces of text that real tools have misread: markup of every output format, entities, line and
#: paragraph separators, control characters, right-to-left and non-BMP text
HOSTILE_PIECES = [
    "{", "}", "} x", "{a: 1}", "===", "- ===", "#", "#tag", "#(t)", "&amp;", "&lt;3", "&", "-->", "--",
    '"', "'", "`", "\\", "\\N", "[", "]", "<", ">", "<b>", "//", "/*", "<!--", "e.g.", ".y.", ":x:", "@[",
    "_", "*", "(", ")", "|", ";", "%%", "\u2028", "\u2029", "\x00", "\x07", "\x1b[31m", "\x7f", "\x85",
    "\t", "\n", "\r", "\ufeff", "\ufffe", "\u202e", "\u05e9\u05dc\u05d5\u05dd", "\U0001f600", "\U00010348",
    "0o17", "1e3", "yes", "null", " ", "  ",
]
_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=6)
hostile_text = st.lists(st.sampled_from(HOSTILE_PIECES) | _WORDS, min_size=1, max_size=8).map("".join)
#: tags as students write them (a space or ``_`` inside, and now and then something hostile)
hostile_tag = st.from_regex(r"[a-z][a-z0-9 _-]{0,8}[a-z0-9]", fullmatch=True) | hostile_text


@st.composite
def hostile_maps(draw: st.DrawFn, max_nodes: int = 6) -> argmap.ArgumentMap:
    """Maps whose every text field is drawn from ``hostile_text``: every kind and relation, linked
    premises and an undercut now and then, ids like ``0o17`` and ``1e3``."""
    ids = draw(st.lists(st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True), min_size=1,
                        max_size=max_nodes, unique=True))
    title = draw(st.none() | hostile_text.filter(str.strip))
    amap = argmap.ArgumentMap(title=title.strip() if title else None)
    if draw(st.booleans()):
        amap.kind_names["reason"] = draw(hostile_text.filter(str.strip)).strip()
    optional = st.none() | hostile_text.filter(str.strip).map(str.strip)
    for n in ids:
        amap.add_node(n, draw(st.sampled_from(argmap.model.KINDS)),
                      draw(hostile_text.filter(str.strip)).strip(), label=draw(optional),
                      confidence=draw(st.none() | st.sampled_from(argmap.model.CONFIDENCES)),
                      source=draw(optional), quote=draw(optional), note=draw(optional),
                      group=draw(optional),
                      tags=draw(st.lists(hostile_tag.map(str.strip).filter(bool), max_size=3, unique=True)),
                      data=draw(st.none() | st.fixed_dictionaries({"k": hostile_text})))
    steps: list[tuple[str, str]] = []
    for u in ids:
        for v in ids:
            if u != v and not amap.graph.has_edge(v, u) and draw(st.integers(0, 2)) == 0:
                amap.add_edge(u, v, draw(st.sampled_from(["supports", "attacks"])),
                              link=draw(st.none() | st.just("L1")))
                steps.append((u, v))
    if steps and len(ids) > 2 and draw(st.booleans()):
        premise, conclusion = draw(st.sampled_from(steps))
        x = next((n for n in ids if n not in (premise, conclusion) and not amap.graph.has_edge(n, conclusion)
                  and not amap.graph.has_edge(conclusion, n)), None)
        if x is not None:
            amap.add_edge(x, conclusion, "undercuts", premise=premise)
    return amap
