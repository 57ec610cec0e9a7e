"""Every writer against the real tool it writes for, on the bundled maps and on hostile random maps.

The tool must accept the file, and the nodes, relations, texts and tags it reads must be the map's:
the Argdown CLI's JSON export, Graphviz (``dot -Tsvg`` parsed as XML, ``dot -Tjson``), Mermaid in
headless Chromium (offline, from its npm package; the SVG parsed as XML), networkx (GraphML, GEXF,
node-link) and ruamel.yaml in YAML 1.2 mode. Each batch of maps goes to one tool
process, so the random examples stay cheap. In CI a missing tool fails (``need``); elsewhere it skips.
Text a format cannot hold (control characters in XML, DOT and Argdown text) is expected as U+FFFD.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from strategies import hostile_maps

import argmap
from argmap.model import ArgumentMap
from argmap.writers.native import document

# what XML 1.0 cannot hold, and (for DOT, Mermaid and an Argdown line) DEL and C1 too
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NOT_SHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: tags as students write them: these must reach Argdown exactly (others may be left to the data)
PLAIN_TAG = re.compile(r"\w[\w -]*\w|\w")
# a failing batch is reported as drawn: shrinking through a tool process would take minutes
TOOL_SETTINGS = settings(max_examples=4, deadline=None, derandomize=True,
                         phases=[Phase.explicit, Phase.reuse, Phase.generate],
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BATCHES = st.lists(hostile_maps(), min_size=10, max_size=10)


def bundled() -> list[ArgumentMap]:
    root = Path(__file__).resolve().parent.parent / "graphs"
    return [argmap.load(p, options=argmap.LoadOptions(load_essay=False)) for p in sorted(root.glob("*.yaml"))]


def shown(text: str, *, spacing_first: bool = True) -> str:
    """``text`` as a one-line label shows it: spacing collapsed (Argdown first, as its writer puts
    text on one line), unshowable characters U+FFFD (Graphviz first: it keeps line breaks)."""
    if spacing_first:
        text = " ".join(text.split())
    return " ".join(NOT_SHOWN.sub("\ufffd", text).split())


def xml_held(value: Any) -> Any:
    """``value`` as XML holds it (every string at any depth)."""
    if isinstance(value, str):
        return NOT_XML.sub("\ufffd", value)
    if isinstance(value, list):
        return [xml_held(v) for v in value]
    if isinstance(value, dict):
        return {k: xml_held(v) for k, v in value.items()}
    return value


def write_all(tmp_path: Path, maps: list[ArgumentMap], fmt: str, ext: str) -> list[Path]:
    paths = []
    for i, amap in enumerate(maps):
        path = tmp_path / f"m{i}.{ext}"
        path.write_bytes(str(argmap.convert(amap, fmt)).encode("utf-8"))
        paths.append(path)
    return paths


# -- Argdown -----------------------------------------------------------------------------------
def check_argdown(argdown_cli: Path, tmp_path: Path, maps: list[ArgumentMap]) -> None:
    src = tmp_path / "argdown"
    src.mkdir()
    write_all(src, maps, "argdown", "argdown")
    out = tmp_path / "argdown-json"
    result = subprocess.run([str(argdown_cli), "json", f"{src}/*.argdown", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for i, amap in enumerate(maps):
        exported = out / f"m{i}.json"
        assert exported.exists(), (i, result.stdout)  # a syntax error cancels the file's export
        model = json.loads(exported.read_text(encoding="utf-8"))
        statements = {title.strip(): s for title, s in model["statements"].items()}
        assert set(statements) == set(amap), i
        assert not model["arguments"], i
        for n, d in amap.graph.nodes(data=True):
            [member] = [m for m in statements[n]["members"] if m.get("role") == "top-level-statement"]
            theirs = statements[n].get("tags") or []
            assert set(theirs) <= set(d.get("tags") or []), (i, n, theirs)  # nothing mangled
            assert [t for t in d.get("tags") or [] if PLAIN_TAG.fullmatch(t)] == \
                [t for t in theirs if PLAIN_TAG.fullmatch(t)], (i, n)
            text = member.get("text") or ""
            for tag in theirs:
                text = text.replace(f"#({tag})", " ")
            assert " ".join(text.split()) == shown(d["text"]), (i, n)
            ours = member["data"]["argmap"]
            if isinstance(ours, str):  # a key too long for YAML: the fields as JSON text
                ours = json.loads(ours)
            assert ours["kind"] == d["kind"] and ours.get("text", d["text"]) == d["text"], (i, n)
            assert ours.get("tags", theirs) == (d.get("tags") or []), (i, n)
            if d.get("data"):
                assert ours["data"] == d["data"], (i, n)
        kinds = {"supports": "support", "attacks": "attack", "undercuts": "attack"}
        relations = {(r["from"].strip(), r["to"].strip(), r["relationType"]) for r in model["relations"]}
        assert relations == {(u, v, kinds[e["relation"]]) for u, v, e in amap.edges()}, i


def test_argdown_cli_reads_bundled_maps(argdown_cli: Path, tmp_path: Path) -> None:
    check_argdown(argdown_cli, tmp_path, bundled())


@TOOL_SETTINGS
@given(maps=BATCHES)
def test_argdown_cli_reads_hostile_maps(argdown_cli: Path, tmp_path_factory: pytest.TempPathFactory,
                                        maps: list[ArgumentMap]) -> None:
    check_argdown(argdown_cli, tmp_path_factory.mktemp("argdown"), maps)


#: what Argdown once misread: "} " in a data field, front matter markers, line separators, DEL,
#: tags with "_" or ")", special characters (.y. is a check mark), ids starting with "-"
ARGDOWN_CASES: list[dict[str, Any]] = [
    {"note": "a } b"}, {"text": "=== looks like front matter ==="}, {"text": "- === x ==="},
    {"text": "line\u2028sep\u2029para"}, {"note": "del \x7f"}, {"tags": ["long_term", "x y", "x)"]},
    {"text": "e.g. .y. and :x: \\N"}, {"text": "raw \ufffe"}, {"quote": "k" * 1100},
]


def test_argdown_cli_reads_the_cases_it_once_misread(argdown_cli: Path, tmp_path: Path) -> None:
    maps = []
    for fields in ARGDOWN_CASES:
        amap = ArgumentMap()
        amap.add_node("-t", "thesis", fields.pop("text", "T"), **fields)
        amap.add_node("r", "reason", "R", data={"k" * 1100: "long key"})
        amap.add_edge("r", "-t")
        maps.append(amap)
    check_argdown(argdown_cli, tmp_path, maps)


# -- Graphviz ----------------------------------------------------------------------------------
def check_dot(dot: str, tmp_path: Path, maps: list[ArgumentMap]) -> None:
    paths = write_all(tmp_path, maps, "dot", "dot")
    result = subprocess.run([dot, "-Tsvg", "-Tjson", "-O", *map(str, paths)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)  # dot leaves a noname.gv.xdot
    assert result.returncode == 0, result.stderr
    svg_ns = "{http://www.w3.org/2000/svg}"
    for path, amap in zip(paths, maps, strict=True):
        drawn = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
        assert {o["name"] for o in drawn["objects"]} == set(amap), path.name
        assert len(drawn.get("edges", [])) == amap.graph.number_of_edges(), path.name
        svg = ET.fromstring(Path(f"{path}.svg").read_bytes())  # well-formed XML, or this raises
        labels = {}
        for g in svg.iter(f"{svg_ns}g"):
            if g.get("class") == "node":
                name = g.findtext(f"{svg_ns}title")
                labels[name] = " ".join(t.text or "" for t in g.iter(f"{svg_ns}text"))
        assert set(labels) == set(amap), path.name
        for n, d in amap.graph.nodes(data=True):
            label = f"{amap.kind_name(d['kind'])}: {amap.label(n, 60)}"
            if d.get("confidence"):
                label += f" ({d['confidence']})"
            assert " ".join(labels[n].split()) == shown(label, spacing_first=False), (path.name, n)
        for a in svg.iter(f"{svg_ns}a"):  # no text became a link target
            href = a.get("{http://www.w3.org/1999/xlink}href") or a.get("href") or ""
            assert not href.lower().startswith("javascript:"), path.name


def test_graphviz_draws_bundled_maps(graphviz_dot: str, tmp_path: Path) -> None:
    check_dot(graphviz_dot, tmp_path, bundled())


@TOOL_SETTINGS
@given(maps=BATCHES)
def test_graphviz_draws_hostile_maps(graphviz_dot: str, tmp_path_factory: pytest.TempPathFactory,
                                     maps: list[ArgumentMap]) -> None:
    check_dot(graphviz_dot, tmp_path_factory.mktemp("dot"), maps)


def test_dot_nul_cannot_turn_label_text_into_dot_code(graphviz_dot: str, tmp_path: Path) -> None:
    """A NUL used to end Graphviz's line, so the rest of a label became DOT: here, a link."""
    amap = ArgumentMap()
    amap.add_node("a", "thesis", "x\x00\"]; b [URL=\"javascript:alert(1)\", label=\"pwned")
    check_dot(graphviz_dot, tmp_path, [amap])


def test_graphviz_shows_entities_as_written(graphviz_dot: str, tmp_path: Path) -> None:
    amap = ArgumentMap(title="Fish &amp; chips")
    amap.add_node("a", "thesis", "t", label="Fish &amp; chips &lt;3 & \\N")
    check_dot(graphviz_dot, tmp_path, [amap])  # the label is drawn as "Thesis: Fish &amp; chips ..."


# -- Mermaid in Chromium, offline from its npm package ----------------------------------------
_RENDER_MERMAID = """async (texts) => {
  mermaid.initialize({startOnLoad: false, securityLevel: "strict", flowchart: {htmlLabels: false}});
  const out = [];
  for (const [i, text] of texts.entries()) {
    try {
      const {svg} = await mermaid.render("m" + i, text);
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      const error = doc.querySelector("parsererror");
      out.push({error: error && error.textContent,
                nodes: [...doc.querySelectorAll("g.node")].map(g => g.textContent),
                edges: doc.querySelectorAll("path.flowchart-link").length,
                links: [...doc.querySelectorAll("a")].map(a => a.getAttribute("href")
                                                             || a.getAttribute("xlink:href"))});
    } catch (e) { out.push({error: String(e)}); }
  }
  return out;
}"""


def check_mermaid(browser_context: Any, mermaid_js: Path, maps: list[ArgumentMap]) -> None:
    page = browser_context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(mermaid_js))
        drawn = page.evaluate(_RENDER_MERMAID, [str(argmap.convert(m, "mermaid")) for m in maps])
    finally:
        page.close()
    assert not [r for r in requests if not r.startswith(("about:", "data:"))]  # offline
    for i, (amap, result) in enumerate(zip(maps, drawn, strict=True)):
        assert result["error"] is None, (i, result["error"])  # parsed, and its SVG is XML
        assert result["edges"] == amap.graph.number_of_edges() and not result["links"], i
        # Mermaid wraps long labels into lines: compare without whitespace
        expected = sorted("".join(shown(f"{amap.kind_name(d['kind'])}: {amap.label(n, 60)}").split())
                          for n, d in amap.graph.nodes(data=True))
        assert sorted("".join(t.split()) for t in result["nodes"]) == expected, i


@pytest.mark.browser
def test_mermaid_renders_bundled_maps(browser_context: Any, mermaid_js: Path) -> None:
    check_mermaid(browser_context, mermaid_js, bundled())


@pytest.mark.browser
@settings(TOOL_SETTINGS, max_examples=2)
@given(maps=BATCHES)
def test_mermaid_renders_hostile_maps(browser_context: Any, mermaid_js: Path,
                                      maps: list[ArgumentMap]) -> None:
    check_mermaid(browser_context, mermaid_js, maps)


# -- networkx and YAML 1.2: in process, so more examples ---------------------------------------
def check_in_process(amap: ArgumentMap) -> None:
    doc = document(amap)
    nodes = xml_held(doc["nodes"])
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        g = read(io.BytesIO(str(argmap.convert(amap, fmt)).encode("utf-8")))
        assert list(g) == list(amap) and g.number_of_edges() == amap.graph.number_of_edges(), fmt
        for n in amap:
            assert g.nodes[n]["text"] == nodes[n]["text"], (fmt, n)
            # tags are JSON inside XML: JSON escapes control characters, not U+FFFE/U+FFFF
            tags = [re.sub("[\ufffe\uffff]", "\ufffd", t) for t in doc["nodes"][n].get("tags", [])]
            assert json.loads(g.nodes[n].get("tags", "[]")) == tags, (fmt, n)
        for u, v, e in amap.edges():
            assert g.edges[u, v]["relation"] == e["relation"], fmt
    g = nx.node_link_graph(json.loads(str(argmap.convert(amap, "nodelink"))), edges="edges")
    assert list(g) == list(amap) and g.number_of_edges() == amap.graph.number_of_edges()
    assert all(g.nodes[n]["text"] == amap.node(n)["text"] for n in amap)
    from ruamel.yaml import YAML

    yaml12 = YAML(typ="safe", pure=True)
    yaml12.version = (1, 2)
    assert yaml12.load(str(argmap.convert(amap, "yaml"))) == json.loads(str(argmap.convert(amap, "json")))


def test_networkx_and_yaml12_read_bundled_maps() -> None:
    for amap in bundled():
        check_in_process(amap)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=hostile_maps())
def test_networkx_and_yaml12_read_hostile_maps(amap: ArgumentMap) -> None:
    check_in_process(amap)
