"""Every file of ../shared/corpora loads with the counts of EXPECTED.md and renders to HTML.

Counts are compared at the level EXPECTED.md (arguebuf, Argdown CLI) counts them: one *scheme* per
inference, so a linked argument (``add`` in the XML, several premises of one RA in AIF) is one support
or attack however many premise edges it has. On the map a scheme is a group of edges to one target
sharing a ``link`` name, or a single unlinked edge.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path
from typing import Any

import pytest

import argmap

pytestmark = pytest.mark.corpora


def expected_table(corpora: Path, first_column_suffix: str) -> dict[str, dict[str, str]]:
    """The rows of EXPECTED.md whose first cell ends with ``first_column_suffix``, by file name."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] = []
    for line in (corpora / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not header:
            header = cells
            continue
        if set(cells[0]) <= set("-"):
            continue
        if cells[0].endswith(first_column_suffix):
            # duplicate column names (I ... I) get their position appended after the first
            names = [h if header.index(h) == i else f"{h}#{i}" for i, h in enumerate(header)]
            rows[cells[0]] = dict(zip(names, cells, strict=False))
    return rows


def schemes(amap: argmap.ArgumentMap) -> collections.Counter[str]:
    """Number of inferences by type: supports, and attacks (= attacks + undercuts)."""
    seen: set[tuple[str, str, str]] = set()
    count: collections.Counter[str] = collections.Counter()
    for u, v, e in amap.edges():
        rel = "supports" if e["relation"] == "supports" else "attacks"
        key = (v, rel, e["link"]) if e.get("link") is not None else (v, rel, "\0" + u)
        if key not in seen:
            seen.add(key)
            count[rel] += 1
    return count


def signature(amap: argmap.ArgumentMap) -> tuple[Any, ...]:
    """The map without its ids: nodes by text, edges by texts, linked groups, undercut premises."""
    text = {n: amap.node(n)["text"] for n in amap}
    nodes = sorted((d["text"], d["kind"]) for _, d in amap.graph.nodes(data=True))
    edges = sorted((text[u], text[v], e["relation"], text.get(e.get("premise"), ""))
                   for u, v, e in amap.edges())
    groups: dict[tuple[str, str | None], set[str]] = collections.defaultdict(set)
    for u, v, e in amap.edges():
        if e.get("link") is not None:
            groups[(v, e["link"])].add(text[u])
    linked = sorted(sorted(g) for g in groups.values())
    return nodes, edges, linked


# -- arg-microtexts ----------------------------------------------------------------------------
def test_every_microtext_matches_expected(corpora: Path) -> None:
    expected = expected_table(corpora, ".xml")
    files = sorted((corpora / "arg-microtexts" / "en").glob("*.xml"))
    assert len(files) == 112 and set(expected) == {f.name for f in files}
    totals: collections.Counter[str] = collections.Counter()
    for path in files:
        row = expected[path.name]
        amap = argmap.load(path)
        assert amap.diagnostics == [], path.name
        assert len(amap) == int(row["I"]) == int(row["ADUs"]), path.name
        count = schemes(amap)
        assert count["supports"] == int(row["sup#11"]), path.name
        assert count["attacks"] == int(row["att"]), path.name
        assert amap.nodes_of("thesis") == [row["root"]], path.name
        # raw level: every sup/exa/reb/und/add edge of the XML is one edge of the map
        relations = collections.Counter(e["relation"] for _, _, e in amap.edges())
        raw = {k: int(row[k]) for k in ("sup", "exa", "add", "reb", "und")}
        assert relations["supports"] + relations["attacks"] + relations["undercuts"] == sum(raw.values())
        assert relations["undercuts"] >= raw["und"]  # an 'add' to an undercut is an undercut too
        roles = collections.Counter(amap.node(n)["data"]["role"] for n in amap)
        assert roles == +collections.Counter({"pro": int(row["pro"]), "opp": int(row["opp"])})
        totals.update(relations)
    assert sum(totals.values()) == 263 + 9 + 21 + 108 + 63


def test_microtext_b001_in_detail(corpora: Path) -> None:
    amap = argmap.load(corpora / "arg-microtexts" / "en" / "micro_b001.xml")
    assert [amap.kind(n) for n in amap] == ["objection", "evidence", "rebuttal", "rebuttal", "thesis"]
    assert amap.relation("a1", "a5") == "attacks" and amap.relation("a2", "a1") == "supports"
    for premise in ("a3", "a4"):  # und c3 + add c4: a linked undercut of the step a1 -> a5
        assert amap.graph.edges[premise, "a5"] == {"relation": "undercuts", "premise": "a1", "link": "c3"}
    essay = (corpora / "arg-microtexts" / "en" / "micro_b001.txt").read_text(encoding="utf-8").strip()
    assert amap.essay == essay
    for n in amap:
        data = amap.node(n)["data"]
        assert essay[data["start"]:data["end"]] == amap.node(n)["text"]
    assert [amap.node(n)["data"]["order"] for n in amap] == [0, 1, 2, 3, 4]
    assert amap.location("a3").line == 10


def test_all_microtext_offsets_point_into_the_txt(corpora: Path) -> None:
    for path in sorted((corpora / "arg-microtexts" / "en").glob("*.xml")):
        essay = path.with_suffix(".txt").read_text(encoding="utf-8").strip()
        amap = argmap.load(path)
        for n in amap:
            d = amap.node(n)["data"]
            assert " ".join(essay[d["start"]:d["end"]].split()) == amap.node(n)["text"], (path.name, n)


# -- AIF ---------------------------------------------------------------------------------------
def test_every_aif_file_matches_expected_and_its_xml_twin(corpora: Path) -> None:
    expected = expected_table(corpora, ".json")
    files = sorted((corpora / "aif-microtexts").glob("nodeset*.json"))
    assert len(files) == 20
    for path in files:
        row = expected[path.name]
        amap = argmap.load(path)  # an AIF file named *.json is recognised by its content
        assert amap.diagnostics == []
        assert len(amap) == int(row["I"])
        count = schemes(amap)
        assert count["supports"] == int(row["RA"]) and count["attacks"] == int(row["CA"]), path.name
        assert amap.nodes_of("thesis") == [row["root"]]
        twin = argmap.load(corpora / "arg-microtexts" / "en" / row["same text as"])
        assert signature(amap) == signature(twin), path.name


def test_xaif_ova3_keeps_dialogue_as_metadata(corpora: Path) -> None:
    amap = argmap.load(corpora / "aif-xaif-ova3" / "xaif.json")
    assert [amap.node(n)["text"] for n in amap] == ["A", "B"]
    assert amap.nodes_of("thesis") == ["2_164926129380455983"]
    assert list(amap.edges()) == [("15_164926162804546033", "2_164926129380455983",
                                   {"relation": "supports"})]
    dialogue = amap.meta["aif"]["dialogue"]
    assert collections.Counter(n["type"] for n in dialogue["nodes"]) == {"L": 4, "YA": 5, "TA": 1}
    assert len(dialogue["edges"]) == 14 - 2  # the two edges of I(B) -> RA -> I(A) are on the map
    assert len(amap.meta["aif"]["participants"]) == 14
    [note] = amap.diagnostics
    assert note.severity == "warning" and "dialogue" in note.message


# -- Argdown -----------------------------------------------------------------------------------
# Argdown's CLI counts every paragraph as a statement and keeps arguments apart from statements;
# argmap keeps the statements and arguments that take part in the argument. Deliberate differences:
# - a premise-conclusion structure is, on our map, one support edge per premise (premise ->
#   argument) plus argument -> conclusion: exactly one edge per pcs member, which Argdown does not
#   list as relations; so our supports = Argdown's supports + pcs members;
# - "contradictory" (><) is two attacks (one each way); "contrary" is one attack;
# - untitled prose paragraphs that take part in no relation are not statements of the map.
def argdown_json(corpora: Path, path: Path) -> dict[str, Any]:
    return json.loads((corpora / "argdown" / "argdown-json" / (path.stem + ".json")).read_text("utf-8"))


def test_every_argdown_file_matches_the_argdown_cli_relations(corpora: Path) -> None:
    files = sorted((corpora / "argdown" / "argdown").glob("*.argdown"))
    assert len(files) == 7
    for path in files:
        amap = argmap.load(path)
        model = argdown_json(corpora, path)
        labels = {amap.node(n).get("label") for n in amap}
        for title in model["arguments"]:  # every argument is a node, titled as in Argdown
            assert " ".join(title.split()) in labels, (path.name, title)
        pcs_members = sum(len(a.get("pcs", [])) for a in model["arguments"].values())
        theirs = collections.Counter(r["relationType"] for r in model["relations"])
        ours = collections.Counter(e["relation"] for _, _, e in amap.edges())
        assert ours["supports"] == theirs["support"] + theirs["entails"] + pcs_members, path.name
        attacks = theirs["attack"] + theirs["contrary"] + 2 * theirs["contradictory"]
        assert ours["attacks"] == attacks, path.name
        assert ours["undercuts"] == theirs["undercut"], path.name
        assert len(amap) <= len(model["statements"]) + len(model["arguments"]), path.name


_ARGDOWN_TAG = re.compile(r"#\([^)]*\)|#[\w-]+")


def test_every_argdown_text_and_tags_match_the_argdown_cli(corpora: Path) -> None:
    """Not only the counts: every statement's and argument's text (its first description, as Argdown
    shows it without tags) and its tags (of every description) are Argdown's."""
    def words(text: str) -> str:
        return " ".join(_ARGDOWN_TAG.sub(" ", text).split())

    compared = 0
    for path in sorted((corpora / "argdown" / "argdown").glob("*.argdown")):
        amap = argmap.load(path)
        model = argdown_json(corpora, path)
        by_title = {" ".join((amap.node(n).get("label") or "").split()): n for n in amap}
        for element in [*model["statements"].values(), *model["arguments"].values()]:
            node = by_title.get(" ".join(element["title"].split()))
            if node is None:  # a statement only mentioned inside an argument's premises
                continue
            texts = [m["text"] for m in element["members"] if m.get("text", "").strip()]
            ours = amap.node(node)
            expected = words(texts[0]) if texts else " ".join(element["title"].split())
            assert words(ours["text"]) == expected, (path.name, element["title"])
            assert set(ours.get("tags", [])) == set(element.get("tags") or []), (path.name, element["title"])
            compared += 1
    assert compared >= 150
    populism = argmap.load(corpora / "argdown" / "argdown" / "Populism-Core-Argument-Argdown-Example.argdown")
    [foreign] = [n for n in populism if populism.node(n).get("label") == '"Foreign Infiltration"']
    assert populism.node(foreign)["tags"] == ["immigration"]  # from its second description
    softdrugs = argmap.load(corpora / "argdown" / "argdown" / "legalisation-softdrugs.argdown")
    label = "Tobacco and alcohol more dangerous"
    [tobacco] = [n for n in softdrugs if softdrugs.node(n).get("label") == label]
    assert softdrugs.node(tobacco)["text"].startswith("Tobacco-related diseases kill millions")
    assert softdrugs.node(tobacco)["tags"] == ["pro"]  # its text starts on the line after the title


def test_softdrugs_matches_argdown_exactly(corpora: Path) -> None:
    """The one debate without groups or pcs: Argdown's own export and ours agree edge by edge."""
    path = corpora / "argdown" / "argdown" / "legalisation-softdrugs.argdown"
    amap = argmap.load(path)
    model = argdown_json(corpora, path)
    assert len(amap) == len(model["statements"]) + len(model["arguments"]) == 18
    ours = {(amap.node(u)["label"], amap.node(v)["label"], e["relation"]) for u, v, e in amap.edges()}
    theirs = set()
    for r in model["relations"]:
        rel = {"support": "supports", "attack": "attacks", "undercut": "undercuts"}[r["relationType"]]
        theirs.add((r["from"], r["to"], rel))
    # an undercut of an argument is an undercut of its step to what it argues for
    undercut_to = {(u, v) for u, v, rel in ours if rel == "undercuts"}
    assert {x for x in ours if x[2] != "undercuts"} == {x for x in theirs if x[2] != "undercuts"}
    assert len(undercut_to) == 2
    assert amap.title == "Pros and Cons Legalisation of Soft Drugs"
    assert amap.nodes_of("thesis") == ["Legalisation_of_Soft_Drugs"]
    assert amap.node("No_harm_no_ban")["tags"] == ["pro"]


# -- every file renders ------------------------------------------------------------------------
def corpus_files(corpora: Path) -> list[tuple[Path, str | None]]:
    micro = (corpora / "arg-microtexts" / "en").glob("*.xml")
    files: list[tuple[Path, str | None]] = [(p, None) for p in micro]
    files += [(p, "aif") for p in (corpora / "aif-microtexts").glob("*.json")]
    files += [(corpora / "aif-xaif-ova3" / "xaif.json", "aif")]
    files += [(p, None) for p in (corpora / "argdown" / "argdown").glob("*.argdown")]
    return sorted(files)


def test_every_corpus_file_renders_to_html(corpora: Path) -> None:
    files = corpus_files(corpora)
    assert len(files) == 112 + 20 + 1 + 7
    for path, fmt in files:
        amap = argmap.load(path, format=fmt)
        page = argmap.render(amap)
        assert page.lstrip().lower().startswith("<!doctype html"), path.name
        first = amap.node(next(iter(amap)))["text"]
        assert re.sub(r"\s+", " ", first)[:20] or path.name
