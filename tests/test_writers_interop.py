"""The interop writers: golden output for the Stalin map, parsers of each target accept the output,
and no label can break out of its string in any syntax."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import argmap
from argmap.model import ArgumentMap

WRITERS = ["nodelink", "graphml", "gexf", "dot", "mermaid", "argdown", "aif"]
EXTENSION = {"nodelink": "nodelink.json", "graphml": "graphml", "gexf": "gexf", "dot": "dot",
             "mermaid": "mmd", "argdown": "argdown", "aif": "aif.json"}


def hostile_map(payloads: list[str]) -> ArgumentMap:
    """A small map whose every text field is an injection attempt."""
    amap = ArgumentMap(title='Title "with" ]] --> </script>\nand a line')
    amap.add_node("end", "thesis", "end --> x; subgraph ]\n\"quoted\" \\N \\G <b>bold</b> #35; @[x] {a: 1}",
                  label='label"; A-->B', tags=["#tag", "a ) b"], note="-->")
    for i, text in enumerate(payloads):
        amap.add_node(f"p{i}", "reason" if i % 2 else "objection", text + " ] \" -->",
                      label=text, confidence="possible", source=text)
        amap.add_edge(f"p{i}", "end", "supports" if i % 2 else "attacks")
    amap.add_node("u", "rebuttal", "style x fill:#f00;click A call alert(1)")
    amap.add_edge("u", "end", "undercuts", premise="p0")
    return amap


@pytest.mark.parametrize("fmt", WRITERS)
def test_golden_stalin(stalin: ArgumentMap, fmt: str, golden: Any) -> None:
    out = argmap.convert(stalin, fmt)
    assert isinstance(out, str)
    golden(f"interop/stalin_purges.{EXTENSION[fmt]}", out)
    assert argmap.convert(stalin, fmt) == out  # deterministic


@pytest.mark.parametrize("fmt", WRITERS)
def test_extension_picks_the_writer(tmp_path: Path, stalin: ArgumentMap, fmt: str) -> None:
    path = tmp_path / f"map.{EXTENSION[fmt]}"
    beside = dataclasses.replace(stalin, path=str(tmp_path / "stalin.yaml"))  # essay: stays as it is
    argmap.write(beside, path)
    assert path.read_text(encoding="utf-8") == argmap.convert(stalin, fmt)


def test_nodelink_is_read_by_networkx(stalin: ArgumentMap) -> None:
    g = nx.node_link_graph(json.loads(argmap.convert(stalin, "nodelink")), edges="edges")
    assert g.is_directed() and set(g) == set(stalin.graph)
    assert g.nodes["rivals"]["kind"] == "reason" and g.edges["rivals", "purges"]["relation"] == "supports"
    assert g.graph["title"] == stalin.title


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_by_networkx(stalin: ArgumentMap, payloads: list[str], fmt: str) -> None:
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    for amap in (stalin, hostile_map(payloads)):
        g = read(io.BytesIO(argmap.convert(amap, fmt).encode("utf-8")))
        assert set(g) == set(amap.graph) and g.number_of_edges() == amap.graph.number_of_edges()
        for n, d in amap.graph.nodes(data=True):
            assert g.nodes[n]["text"] == d["text"]
            assert g.nodes[n]["kind"] == d["kind"]
        for u, v, e in amap.edges():
            assert g.edges[u, v]["relation"] == e["relation"]


def dot_nodes(graph: Any) -> dict[str, dict[str, str]]:
    return {n.get_name().strip('"'): n.get_attributes() for n in graph.get_nodes()
            if n.get_name() not in ("node", "edge", "graph")}  # pydot lists the defaults as nodes


def test_dot_parses_with_pydot_and_keeps_labels(stalin: ArgumentMap, payloads: list[str]) -> None:
    pydot = pytest.importorskip("pydot")
    [graph] = pydot.graph_from_dot_data(argmap.convert(stalin, "dot"))
    nodes = dot_nodes(graph)
    assert nodes["purges"]["shape"] == '"box"' and nodes["purges"]["fillcolor"] == '"#0072B2"'
    assert nodes["kirov_murder"]["shape"] == '"cylinder"'
    edges = {(e.get_source().strip('"'), e.get_destination().strip('"')): e for e in graph.get_edges()}
    assert len(edges) == stalin.graph.number_of_edges()
    hostile = hostile_map(payloads)
    [graph] = pydot.graph_from_dot_data(argmap.convert(hostile, "dot"))
    assert set(dot_nodes(graph)) == set(hostile.graph)  # no label made a node of its own
    assert len(graph.get_edges()) == hostile.graph.number_of_edges()


def test_dot_is_accepted_by_graphviz(tmp_path: Path, stalin: ArgumentMap, payloads: list[str]) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("graphviz 'dot' is not installed")
    for amap in (stalin, hostile_map(payloads)):
        src = tmp_path / "map.dot"
        src.write_text(argmap.convert(amap, "dot"), encoding="utf-8")
        result = subprocess.run([dot, "-Tjson", str(src)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        drawn = json.loads(result.stdout)
        names = {o["name"] for o in drawn["objects"]}
        assert names == set(amap.graph)
        labels = {o["name"]: o["label"] for o in drawn["objects"]}
        if amap is not stalin:
            assert '"quoted"' not in labels["end"]  # the label is the short title, quotes intact
            assert labels["end"].startswith("Thesis: label\"; A-->B")


# -- Mermaid: a validator of the subset the writer generates ------------------------------------
_M_NODE = re.compile(r'^  n\d+(\[|\(\[|\[\(|\{\{|>)"([^"\n]*)"(\]|\]\)|\)\]|\}\}|\])$')
_M_EDGE = re.compile(r"^  n\d+ (-->|--x\|attacks\||-\.-x\|undercuts\|) n\d+$")
_M_CLASSDEF = re.compile(r"^  classDef [a-z]+ fill:#[0-9A-Fa-f]{6},color:#[0-9A-Fa-f]{6},stroke:#333$")
_M_CLASS = re.compile(r"^  class n\d+(,n\d+)* [a-z]+$")
_M_LABEL_OK = re.compile(r"^(?:[A-Za-z0-9 .,:?!'()+=*/_-]|#\d+;)*$")
_PAIRS = {"[": "]", "([": "])", "[(": ")]", "{{": "}}", ">": "]"}


def validate_mermaid(text: str) -> list[str]:
    """Problems of a flowchart by the grammar the writer promises (empty list = valid)."""
    problems = []
    lines = text.rstrip("\n").split("\n")
    if lines and lines[0].startswith("%% "):
        if "\n" in lines[0] or not _M_LABEL_OK.match(lines[0][3:]):
            problems.append("bad comment")
        lines = lines[1:]
    if not lines or lines[0] != "flowchart BT":
        problems.append("no 'flowchart BT' header")
    defined: set[str] = set()
    for line in lines[1:]:
        node = _M_NODE.match(line)
        if node:
            if _PAIRS[node.group(1)] != node.group(3) or not _M_LABEL_OK.match(node.group(2)):
                problems.append(f"bad node: {line}")
            defined.add(line.split()[0].split("[")[0].split("(")[0].split("{")[0].split(">")[0])
            continue
        if _M_EDGE.match(line):
            ends = re.findall(r"n\d+", line)
            if not set(ends) <= defined:
                problems.append(f"edge to undefined node: {line}")
            continue
        if _M_CLASSDEF.match(line) or _M_CLASS.match(line):
            continue
        problems.append(f"unexpected line: {line!r}")
    return problems


def test_mermaid_is_valid_and_injection_safe(stalin: ArgumentMap, payloads: list[str]) -> None:
    assert validate_mermaid(argmap.convert(stalin, "mermaid")) == []
    out = argmap.convert(hostile_map(payloads), "mermaid")
    assert validate_mermaid(out) == []
    assert "-->" in out and out.count("-->") == sum(
        1 for _, _, e in hostile_map(payloads).edges() if e["relation"] == "supports")
    assert "<" not in out and '"quoted"' not in out and "\u2028" not in out


def test_mermaid_validator_catches_breakouts() -> None:
    assert validate_mermaid('flowchart BT\n  n0["a"] --> n1["b"]\n') != []
    assert validate_mermaid('flowchart BT\n  n0["a"b"]\n') != []
    assert validate_mermaid('flowchart BT\n  n0["a"]\n  n0 --> n9\n') != []


def test_graphml_and_gexf_escape_markup(payloads: list[str]) -> None:
    hostile = hostile_map(payloads)
    for fmt in ("graphml", "gexf"):
        out = argmap.convert(hostile, fmt)
        assert "<script>" not in out and "</script>" not in out
        back = argmap.loads(out, format=fmt)
        assert [back.node(n)["text"] for n in back] == [hostile.node(n)["text"] for n in hostile]


def test_argdown_escapes_markup(payloads: list[str]) -> None:
    hostile = hostile_map(payloads)
    out = argmap.convert(hostile, "argdown")
    back = argmap.loads(out, format="argdown")
    assert list(back) == list(hostile)
    assert [back.node(n)["text"] for n in back] == [hostile.node(n)["text"] for n in hostile]
    assert back.node("end")["tags"] == ["#tag", "a   b"] or back.node("end")["tags"]


def test_aif_shape(stalin: ArgumentMap) -> None:
    doc = json.loads(argmap.convert(stalin, "aif"))
    types = [n["type"] for n in doc["nodes"]]
    assert types.count("I") == len(stalin) and types.count("RA") == stalin.graph.number_of_edges()
    ids = {n["nodeID"] for n in doc["nodes"]}
    assert all(e["fromID"] in ids and e["toID"] in ids for e in doc["edges"])
    assert doc["locutions"] == []


def test_aif_linked_and_undercut() -> None:
    amap = ArgumentMap()
    amap.add_node("t", "thesis", "T")
    amap.add_node("a", "reason", "A")
    amap.add_node("b", "reason", "B")
    amap.add_node("c", "objection", "C")
    amap.add_edge("a", "t", link="L")
    amap.add_edge("b", "t", link="L")
    amap.add_edge("c", "t", "undercuts", premise="a")
    doc = json.loads(argmap.convert(amap, "aif"))
    schemes = [n for n in doc["nodes"] if n["type"] != "I"]
    assert [n["type"] for n in schemes] == ["RA", "CA"]  # one RA for the linked pair
    ra, ca = schemes[0]["nodeID"], schemes[1]["nodeID"]
    pairs = {(e["fromID"], e["toID"]) for e in doc["edges"]}
    assert pairs == {("a", ra), ("b", ra), (ra, "t"), ("c", ca), (ca, ra)}


# -- what the real tools misread (each case checked by our readers here; by the tools themselves in
#    test_differential) ---------------------------------------------------------------------------
def one_node(text: str = "A claim.", **fields: Any) -> ArgumentMap:
    amap = ArgumentMap()
    amap.add_node("a", "thesis", text, **fields)
    return amap


@pytest.mark.parametrize("field, value", [
    ("note", "a } b"), ("note", "} x, y"), ("text", "=== not front matter ==="),
    ("text", "- === x ==="), ("text", "line\u2028sep\u2029para"), ("note", "del \x7f here"),
    ("text", "raw \ufffe nonchar"), ("note", "e.g. .y. and :x:"), ("text", "x {a: 1} y"),
])
def test_argdown_holds_what_argdown_would_misread(field: str, value: str) -> None:
    amap = one_node(**{"text": "A claim.", field: value})  # type: ignore[arg-type]
    out = str(argmap.convert(amap, "argdown"))
    line = out.split("\n")[0]
    assert "\u2028" not in out and "\u2029" not in out and "\x7f" not in out and "\ufffe" not in out
    assert "===" not in out and "} " not in out.split("\n", 1)[1].replace("}, ", "")
    assert line.startswith("[a]: ")
    back = argmap.loads(out, format="argdown")
    assert back.node("a")[field] == value


def test_argdown_tags_are_written_as_argdown_reads_them() -> None:
    amap = one_node(tags=["long_term", "x y", "x)", "a/b"])
    out = str(argmap.convert(amap, "argdown"))
    first = out.split("\n")[0]
    assert "#(long_term)" in first and "#(x y)" in first  # no backslash Argdown would keep
    assert "x)" not in first and "a/b" not in first  # cannot be held in #(...): in the data only
    assert argmap.loads(out, format="argdown").node("a")["tags"] == ["long_term", "x y", "x)", "a/b"]


def test_argdown_flow_key_over_1024_characters_reads_back() -> None:
    amap = one_node(data={"k" * 1500: "v", "n": 1e300})
    amap.meta["x" * 1100] = 1
    back = argmap.loads(argmap.convert(amap, "argdown"), format="argdown")
    assert back.node("a")["data"] == {"k" * 1500: "v", "n": 1e300} and back.meta == amap.meta


def test_argdown_ids_starting_with_a_dash_stay_references() -> None:
    amap = ArgumentMap()
    amap.add_node("-a", "thesis", "T")
    amap.add_node("b", "reason", "R")
    amap.add_edge("b", "-a")
    out = str(argmap.convert(amap, "argdown"))
    assert "+> [ -a]" in out and "[ -a]: T" in out
    assert list(argmap.loads(out, format="argdown").edges()) == [("b", "-a", {"relation": "supports"})]


def test_dot_writes_ampersands_as_entities_graphviz_decodes() -> None:
    from argmap.writers.dot import quote, tooltip

    assert quote("Fish &amp; chips &lt;3") == '"Fish &amp;amp; chips &amp;lt;3"'
    assert tooltip("a\\N") == '"a\\\\\\\\N"'  # tooltips pass Graphviz's escapes twice


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_control_characters_never_reach_dot_or_mermaid(fmt: str) -> None:
    amap = one_node("nul \x00 bell \x07 esc \x1b[31m del \x7f c1 \x9b",
                    label="x\x00\"]; y [URL=\"javascript:")
    out = str(argmap.convert(amap, fmt))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    if fmt == "dot":
        assert 'x\ufffd\\"]; y [URL=\\"javascript:"' in out  # still inside the label's quotes
    else:
        assert "#0;" not in out and "#65533;" in out


def test_yaml_quotes_what_yaml_1_2_reads_as_numbers() -> None:
    from ruamel.yaml import YAML

    amap = ArgumentMap(title="1e3")
    amap.add_node("0o17", "thesis", "0x1F", label=".5")
    amap.add_node("1e3", "reason", "+1", note="null", source="true", group=".inf")
    amap.add_edge("1e3", "0o17")
    out = str(argmap.convert(amap, "yaml"))
    yaml12 = YAML(typ="safe", pure=True)
    yaml12.version = (1, 2)
    assert yaml12.load(out) == json.loads(str(argmap.convert(amap, "json")))
    back = argmap.loads(out, format="yaml")
    assert list(back) == ["0o17", "1e3"] and back.title == "1e3" and back.node("1e3")["note"] == "null"


def surrogate_map() -> ArgumentMap:
    amap = ArgumentMap(title="t \ud800")
    amap.add_node("a", "thesis", "lone \ud800 surrogate", note="\udfff", tags=["\ud83d"],
                  data={"k": "\ud800"})
    amap.add_node("b", "reason", "b")
    amap.add_edge("b", "a", link="\ud800")
    return amap


@pytest.mark.parametrize("fmt", [*WRITERS, "yaml", "json", "html"])
def test_a_lone_surrogate_becomes_a_replacement_character(tmp_path: Path, fmt: str) -> None:
    amap = surrogate_map()
    out = argmap.convert(amap, fmt)
    assert isinstance(out, str)
    out.encode("utf-8")  # no UnicodeEncodeError
    path = tmp_path / f"m.{EXTENSION.get(fmt, fmt)}"
    argmap.write(amap, path)  # the streamed writers too
    path.read_bytes().decode("utf-8")
    if fmt in ("argdown", "yaml", "json", "aif", "graphml", "gexf"):
        back = argmap.loads(out, format=fmt)
        assert back.node("a")["text"] == "lone \ufffd surrogate"


@pytest.mark.parametrize("fmt", ["json", "nodelink", "aif", "graphml", "argdown"])
def test_nan_and_infinity_are_never_written_as_json_tokens(fmt: str) -> None:
    amap = one_node(data={"nan": float("nan"), "inf": [float("inf"), -float("inf")], "ok": 1.5})
    out = str(argmap.convert(amap, fmt))

    def refuse(token: str) -> None:
        raise AssertionError(f"non-standard JSON {token}")

    if fmt in ("json", "nodelink", "aif"):
        json.loads(out, parse_constant=refuse)
    assert "NaN" not in out and "Infinity" not in out
    if fmt != "nodelink":
        back = argmap.loads(out, format=fmt)
        assert back.node("a")["data"] == {"nan": None, "inf": [None, None], "ok": 1.5}
