"""Script safety in every output: injection payloads in every field of a map stay text.

Each writer's output is parsed by its own tool or parser and the payload is found back as data
(or, for the formats that cannot carry a field, is absent) - never as markup, code or structure.
The HTML page is driven in a real browser by ``tests/test_page.py``; here every other format, plus
the raw page's escaping, is checked for every registered writer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_writers_interop import validate_mermaid

import argmap
from argmap.formats import FORMATS, writer_formats
from argmap.writers.native import document


def hostile(payloads: list[str], tmp_path: Path) -> argmap.ArgumentMap:
    """A map with a payload in every text field, the essay included, its quotes anchored."""
    essay = " ".join(payloads) + " The end."
    (tmp_path / "essay.txt").write_text(essay, encoding="utf-8")
    amap = argmap.ArgumentMap(title=payloads[0], essay=essay, essay_path="essay.txt",
                              kind_names={"reason": payloads[1], "evidence": payloads[2]})
    amap.add_node("t", "thesis", payloads[3], label=payloads[4], quote=payloads[3])
    for i, p in enumerate(payloads):
        kind = ("reason", "evidence", "claim", "objection", "rebuttal")[i % 5]
        amap.add_node(f"n{i}", kind, p, label=p, source=p, quote=p, tags=[p, "x"], note=p, group=p,
                      confidence="possible")
        amap.add_edge(f"n{i}", "t", "attacks" if kind in ("objection",) else "supports")
    return amap


def parsed(fmt: str, out: str | bytes, tmp_path: Path) -> Any:
    """The output read by its own tool: raises if it does not parse."""
    text = out.decode("utf-8") if isinstance(out, bytes) else out
    if fmt in ("json", "aif", "nodelink"):
        return json.loads(text)
    if fmt in ("graphml", "gexf"):
        path = tmp_path / f"o.{fmt}"
        path.write_text(text, encoding="utf-8")
        return nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    if fmt == "dot":
        import pydot

        [graph] = pydot.graph_from_dot_data(text)
        return graph
    if fmt == "mermaid":
        assert validate_mermaid(text) == []
        return text
    return text


READABLE = [f.name for f in writer_formats() if f.reader]


@pytest.mark.parametrize("fmt", READABLE)
def test_payloads_survive_exactly_where_the_format_reads_back(fmt: str, payloads: list[str],
                                                              tmp_path: Path) -> None:
    amap = hostile(payloads, tmp_path)
    out = argmap.convert(amap, fmt)
    parsed(fmt, out, tmp_path)
    again = argmap.loads(out, format=fmt, path=str(tmp_path / f"again.{fmt}"))
    assert document(again)["nodes"] == document(amap)["nodes"]


@pytest.mark.parametrize("fmt", [f.name for f in writer_formats()])
def test_every_output_parses_and_keeps_payloads_as_data(fmt: str, payloads: list[str],
                                                        tmp_path: Path) -> None:
    amap = hostile(payloads, tmp_path)
    out = argmap.convert(amap, fmt)
    result = parsed(fmt, out, tmp_path)
    text = out.decode("utf-8") if isinstance(out, bytes) else out
    if fmt == "html":
        # data travels only inside the JSON block, with '<' escaped: no payload markup in the page
        assert "<script>alert" not in text and "<img src=x" not in text and "<svg onload" not in text
        assert "\u2028" not in text.split('id="argmap-data">', 1)[1].split("</script>", 1)[0]
    if fmt == "dot":
        assert {n.get_name().strip('"') for n in result.get_nodes()} >= set(amap.graph)
    if fmt in ("graphml", "gexf"):
        texts = {d.get("text") for _, d in result.nodes(data=True)}
        assert set(payloads) <= texts


def test_dot_renders_to_svg_without_script(payloads: list[str], tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("graphviz 'dot' is not installed (scripts/test installs it)")
    src = tmp_path / "m.dot"
    src.write_text(argmap.convert(hostile(payloads, tmp_path), "dot"), encoding="utf-8")
    svg = subprocess.run([dot, "-Tsvg", str(src)], capture_output=True, text=True, timeout=60, check=True)
    root = ET.fromstring(svg.stdout)
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "foreignObject", "iframe"), tag
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1]
            assert not local.lower().startswith("on"), (tag, name)
            if local in ("href", "src", "action"):
                assert not value.strip().lower().startswith("javascript:"), (tag, name)


def test_every_writer_is_covered() -> None:
    assert {f.name for f in writer_formats()} <= set(FORMATS)
    assert "html" in FORMATS and "dot" in FORMATS and "mermaid" in FORMATS


# -- terminal injection: map texts printed by the CLI ---------------------------------------------
TERMINAL_MAP = (
    'title: "Evil \\e]0;pwned\\a title"\n'
    "nodes:\n"
    "  t:\n    kind: thesis\n"
    '    text: "Thesis \\e]8;;http://evil.example\\e\\\\click\\e]8;;\\e\\\\ here '
    '\\e[2J\\e[H gone \\x9b31m \\x7f"\n'
    "  r:\n    kind: reason\n    text: \"A reason \\e[8m hidden\"\n    supports: t\n"
)
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x7f")


@pytest.mark.parametrize("args", [
    ["check"], ["check", "--format", "json"], ["outline"], ["outline", "--format", "text"],
    ["evidence"], ["evidence", "--format", "json"], ["evidence", "{map}", "t"], ["stats"],
    ["stats", "--format", "json"],
])
def test_no_escape_sequence_reaches_the_terminal(tmp_path: Path, args: list[str]) -> None:
    """OSC 8 links, title changes, screen clears and C1 controls in a map come out as visible
    ``\\x1b`` text (or ``\\u001b`` in JSON), on stdout and stderr alike."""
    import sys

    path = tmp_path / "evil.yaml"
    path.write_text(TERMINAL_MAP, encoding="utf-8")
    argv = [a.replace("{map}", str(path)) for a in args]
    if "{map}" not in args:
        argv.insert(1, str(path))
    done = subprocess.run([sys.executable, str(Path(__file__).parent.parent / "cli.py"), *argv],
                          capture_output=True, text=True, timeout=60)
    out = done.stdout + done.stderr
    assert not any(c in out for c in RAW_CONTROLS), (argv, out)
    assert "\\x1b" in out or "\\u001b" in out


def test_an_outline_written_to_a_file_escapes_controls_too(tmp_path: Path) -> None:
    import argmap
    from argmap.outline import outline

    amap = argmap.loads(TERMINAL_MAP)
    plan = outline(amap)
    assert not any(c in plan for c in RAW_CONTROLS)
    assert "Thesis \\x1b]8;;http://evil.example" in plan
    assert "\n## Introduction\n" in plan  # line breaks stay
