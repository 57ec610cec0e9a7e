"""The native format: every validation error at its exact line and column, and round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgmapError
from argmap.writers.native import document, write_json, write_yaml

GOOD = """
argmap: 1
title: Test
nodes:
  t:
    kind: thesis
    text: The thesis.
  r:
    kind: reason
    text: A reason.
    supports: t
"""


def errors_of(text: str, tmp_path: Path, name: str = "m.yaml", files: dict[str, str] | None = None
              ) -> list[str]:
    for fname, content in (files or {}).items():
        (tmp_path / fname).write_text(content, encoding="utf-8")
    path = tmp_path / name
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    with pytest.raises(ArgmapError) as info:
        argmap.load(path)
    for d in info.value.diagnostics:
        assert d.path == str(path)
    return [f"{d.line}:{d.column}: {d.code}" for d in info.value.diagnostics]


def messages_of(text: str, tmp_path: Path, **kw: object) -> str:
    path = tmp_path / "m.yaml"
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    with pytest.raises(ArgmapError) as info:
        argmap.load(path)
    return info.value.format()


def test_good_map_loads(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(GOOD.lstrip("\n"), encoding="utf-8")
    amap = argmap.load(path)
    assert list(amap) == ["t", "r"]
    assert amap.title == "Test"
    assert amap.graph.edges["r", "t"] == {"relation": "supports"}
    assert amap.location("r").line == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # YAML syntax error: an unclosed quote
        ('nodes:\n  t:\n    kind: thesis\n    text: "open\n', ["5:1: AM001"]),
        # tab in indentation
        ("nodes:\n\tt:\n", ["2:1: AM001"]),
        # missing nodes
        ("title: x\n", ["1:1: AM004"]),
        # not a mapping
        ("- a\n- b\n", ["1:1: AM003"]),
        # unknown top-level field
        ("argmap: 1\ntitel: x\nnodes: {}\n", ["2:1: AM005"]),
        # unknown node field (typo) - reported at the key
        ("nodes:\n  t:\n    kind: thesis\n    text: x\n    suport: t\n", ["5:5: AM106"]),
        # duplicate id
        ("nodes:\n  t:\n    kind: thesis\n    text: a\n  t:\n    kind: thesis\n    text: b\n",
         ["5:3: AM103"]),
        # duplicate field inside a node
        ("nodes:\n  t:\n    kind: thesis\n    text: a\n    text: b\n", ["5:5: AM008"]),
        # bad id
        ("nodes:\n  bad id:\n    kind: thesis\n    text: a\n", ["2:3: AM102"]),
        # unknown kind
        ("nodes:\n  t:\n    kind: thesys\n    text: a\n", ["3:11: AM104"]),
        # missing text, empty text
        ("nodes:\n  t:\n    kind: thesis\n", ["2:3: AM105"]),
        ("nodes:\n  t:\n    kind: thesis\n    text: '  '\n", ["4:11: AM105"]),
        # reference to an unknown id
        ("nodes:\n  t:\n    kind: thesis\n    text: a\n  r:\n    kind: reason\n    text: b\n"
         "    supports: tt\n", ["8:15: AM101"]),
        # an unknown id inside a list
        ("nodes:\n  t:\n    kind: thesis\n    text: a\n  r:\n    kind: reason\n    text: b\n"
         "    supports: [t, x]\n", ["8:19: AM101"]),
        # self reference
        ("nodes:\n  t:\n    kind: thesis\n    text: a\n    attacks: t\n", ["5:14: AM107"]),
        # bad confidence
        ("nodes:\n  t:\n    kind: evidence\n    text: a\n    confidence: sure\n", ["5:17: AM108"]),
        # version other than 1
        ("argmap: 2\nnodes: {}\n", ["1:9: AM007"]),
        # essay file missing
        ("essay: nothere.txt\nnodes: {}\n", ["1:8: AM109"]),
        # nodes of the wrong type
        ("nodes: [a, b]\n", ["1:8: AM006"]),
        # several errors at once, in file order
        ("titel: x\nnodes:\n  t:\n    kind: thesys\n    text: ''\n  u:\n    kind: reason\n"
         "    text: b\n    supports: q\n", ["1:1: AM005", "4:11: AM104", "5:11: AM105", "9:15: AM101"]),
    ],
)
def test_error_positions(text: str, expected: list[str], tmp_path: Path) -> None:
    assert errors_of(text, tmp_path) == expected


def test_quote_not_in_essay(tmp_path: Path) -> None:
    text = ("essay: e.txt\nnodes:\n  t:\n    kind: thesis\n    text: a\n"
            "    quote: \"it's not there\"\n")
    assert errors_of(text, tmp_path, files={"e.txt": "Something else entirely."}) == ["6:12: AM110"]


def test_quote_matches_despite_typography(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("Stalin\u2019s  rivals \u2014 all of them\nwere \u201cremoved\u201d.",
                                    encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text('essay: e.txt\nnodes:\n  t:\n    kind: thesis\n    text: a\n'
                    '    quote: "Stalin\'s rivals - all of them were \\"removed\\""\n', encoding="utf-8")
    amap = argmap.load(path)
    assert amap.essay is not None and amap.essay.startswith("Stalin")


def test_suggestions(tmp_path: Path) -> None:
    out = messages_of("nodes:\n  rivals:\n    kind: reason\n    text: a\n    suport: rivalz\n"
                      "  x:\n    kind: evidence\n    text: b\n    supports: rivalz\n"
                      "    confidence: likley\n", tmp_path)
    assert "unknown field 'suport' in node 'rivals' (did you mean 'supports'?)" in out
    assert "unknown node 'rivalz' (did you mean 'rivals'?)" in out
    assert "bad confidence 'likley' (did you mean 'likely'?)" in out


def test_yaml_keeps_id_text_and_types(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n  1934:\n    kind: evidence\n    text: yes\n    tags: [1934, on, x]\n"
                    "    source: 1937\n", encoding="utf-8")
    amap = argmap.load(path)
    node = amap.node("1934")
    # plain YAML would turn these into a bool and ints: a map's text stays text
    assert node["text"] == "True" or node["text"] == "yes"
    assert node["tags"] == ["1934", "True", "x"] or node["tags"] == ["1934", "on", "x"]
    assert node["source"] == "1937"


def test_circular_support_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n  a:\n    kind: reason\n    text: a\n    supports: b\n"
                    "  b:\n    kind: reason\n    text: b\n    supports: a\n", encoding="utf-8")
    amap = argmap.load(path)
    found = [d for d in argmap.check(amap) if d.code == "AM201"]
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert (found[0].line, found[0].column) == (2, 3)
    assert "a -> b -> a" in found[0].message


def test_json_errors_have_positions(tmp_path: Path) -> None:
    text = '{\n  "nodes": {\n    "t": {"kind": "thesis", "text": "a", "suport": "t"}\n  }\n}\n'
    assert errors_of(text, tmp_path, name="m.json") == ["3:42: AM106"]
    assert errors_of('{"nodes": {"t": {"kind": "thesis",}}}', tmp_path, name="m.json") == ["1:35: AM001"]
    dup = '{"nodes": {\n"t": {"kind": "thesis", "text": "a"},\n"t": {"kind": "thesis", "text": "b"}}}'
    assert errors_of(dup, tmp_path, name="m.json") == ["3:1: AM008"]


def test_linked_and_undercut_relations(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "nodes:\n  t:\n    kind: thesis\n    text: a\n"
        "  p1:\n    kind: reason\n    text: b\n    supports: [{to: t, link: L}]\n"
        "  p2:\n    kind: reason\n    text: c\n    supports: [{to: t, link: L}]\n"
        "  u:\n    kind: objection\n    text: d\n    undercuts: {from: p1, to: t, link: U}\n"
        "  w:\n    kind: objection\n    text: e\n    undercuts: [{from: p1, to: t, link: U}]\n",
        encoding="utf-8",
    )
    amap = argmap.load(path)
    assert amap.graph.edges["p1", "t"]["link"] == "L"
    assert amap.graph.edges["u", "t"] == {"relation": "undercuts", "premise": "p1", "link": "U"}
    assert amap.graph.edges["w", "t"]["link"] == "U"
    again = argmap.loads(write_yaml(amap), path=str(path))
    assert document(again) == document(amap)


def test_undercut_of_missing_step(tmp_path: Path) -> None:
    text = ("nodes:\n  t:\n    kind: thesis\n    text: a\n  p:\n    kind: reason\n    text: b\n"
            "  u:\n    kind: objection\n    text: d\n    undercuts: {from: p, to: t}\n")
    assert errors_of(text, tmp_path) == ["11:16: AM112"]


def test_bundled_maps_round_trip(bundled_maps: list[Path]) -> None:
    for path in bundled_maps:
        amap = argmap.load(path)
        for writer, fmt in ((write_yaml, "yaml"), (write_json, "json")):
            again = argmap.loads(writer(amap), format=fmt, path=str(path))
            assert document(again) == document(amap), (path, fmt)
            assert writer(again) == writer(amap)


ids = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                min_size=1, max_size=40).filter(lambda s: s.strip() != "")


@st.composite
def maps(draw: st.DrawFn) -> argmap.ArgumentMap:
    node_ids = draw(st.lists(ids, min_size=1, max_size=12, unique=True))
    amap = argmap.ArgumentMap()
    for n in node_ids:
        amap.add_node(n, draw(st.sampled_from(argmap.model.KINDS)), draw(texts).strip(),
                      confidence=draw(st.none() | st.sampled_from(argmap.model.CONFIDENCES)),
                      source=draw(st.none() | texts.map(str.strip)),
                      tags=draw(st.lists(texts.map(str.strip), max_size=3)))
    for u in node_ids:
        for v in draw(st.lists(st.sampled_from(node_ids), max_size=3, unique=True)):
            if u != v and not amap.graph.has_edge(u, v):
                amap.add_edge(u, v, draw(st.sampled_from(["supports", "attacks"])))
    return amap


@settings(max_examples=60, deadline=None)
@given(maps())
def test_random_maps_round_trip(amap: argmap.ArgumentMap) -> None:
    for writer, fmt in ((write_yaml, "yaml"), (write_json, "json")):
        again = argmap.loads(writer(amap), format=fmt)
        assert document(again) == document(amap)


def test_json_and_yaml_agree(stalin_path: Path) -> None:
    amap = argmap.load(stalin_path)
    doc = json.loads(write_json(amap))
    assert doc["nodes"]["rivals"]["supports"] == "purges"
    assert doc["kinds"] == {"reason": "Motive"}


def test_json_and_yaml_give_the_same_locations(tmp_path: Path) -> None:
    text = ("title: T\nnodes:\n  t: {kind: thesis, text: Thesis here}\n"
            "  r:\n    kind: reason\n    text: A reason\n    supports: t\n")
    (tmp_path / "m.yaml").write_text(text)
    amap = argmap.load(tmp_path / "m.yaml")
    assert amap.location("r").line == 4
    doc = json.dumps(document(amap), indent=1)
    (tmp_path / "m.json").write_text(doc)
    from_json = argmap.load(tmp_path / "m.json")
    lines = doc.split("\n")
    for node in ("t", "r"):
        loc = from_json.location(node)
        assert lines[loc.line - 1][loc.column - 1:].startswith(f'"{node}"')


def test_loading_leaves_the_garbage_collector_as_it_was(stalin_path: Path) -> None:
    import gc

    assert gc.isenabled()
    argmap.check(argmap.load(stalin_path))
    assert gc.isenabled()
    gc.disable()
    try:
        argmap.load(stalin_path)
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- found by the time-budgeted fuzzer (tests/test_fuzz.py) ------------------------------------------
def report_of(text: str, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArgmapError) as info:
        argmap.load(path)
    return info.value.format().replace(str(tmp_path) + "/", "")


def test_json_duplicate_key_before_a_syntax_error(tmp_path: Path) -> None:
    """The duplicate stops the standard parser early; the syntax error further on is what is reported."""
    dup = '{"nodes": {"a": {"kind": "thesis", "text": "x", "text": "y"}}'
    assert report_of(dup + ',\n "title": "t" "oops"}', tmp_path, "m.json").startswith(
        "m.json:2:15: AM001 JSON syntax error: Expecting ',' delimiter")
    assert "AM001 JSON syntax error: Invalid control character" in report_of(
        dup + ',\n "title": "a\tb"}', tmp_path, "m.json")
    assert report_of(dup + "}", tmp_path, "m.json").startswith("m.json:1:49: AM008 duplicate key 'text'")


@pytest.mark.parametrize("name", ["m.yaml", "m.json"])
def test_essay_path_with_a_nul_character(tmp_path: Path, name: str) -> None:
    text = json.dumps({"essay": "essay\u0000.txt", "nodes": {"t": {"kind": "thesis", "text": "x"}}})
    assert "AM109 the essay path contains a NUL character" in report_of(text, tmp_path, name)


# -- the essay inside the map (essay_text:) -------------------------------------------------------
QUOTING = ("nodes:\n  t:\n    kind: thesis\n    text: a\n    quote: \"rivals were removed\"\n"
           "  r:\n    kind: reason\n    text: b\n    supports: t\n    quote: \"not in it\"\n")


def test_essay_text_needs_no_essay_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("essay: missing.txt\nessay_text: \"All his rivals were removed.\"\n"
                    + QUOTING.replace('    quote: "not in it"\n', ""), encoding="utf-8")
    amap = argmap.load(path)  # essay: names a file that does not exist: the embedded text wins
    assert amap.essay == "All his rivals were removed." and amap.essay_embedded
    again = write_yaml(amap)
    assert "essay_text:" in again and "missing.txt" not in again  # kept, and the path dropped
    assert argmap.loads(again).essay == amap.essay


def test_quotes_are_checked_against_the_embedded_essay(tmp_path: Path) -> None:
    text = "essay_text: \"All his rivals were removed.\"\n" + QUOTING
    assert errors_of(text, tmp_path) == ["11:12: AM110"]


def test_convert_embed_essay_round_trips(stalin_path: Path, tmp_path: Path) -> None:
    stalin = argmap.load(stalin_path)
    for ext in ("yaml", "json"):
        out = tmp_path / f"moved.{ext}"
        argmap.write(stalin, out, options=argmap.options.RenderOptions(embed_essay=True))
        moved = argmap.load(out)
        assert moved.essay == stalin.essay and moved.essay_path is None
        assert document(moved) == document(stalin, embed_essay=True)
    assert "essay_text" not in document(stalin)  # only when asked


def test_lenient_quotes_load_with_a_warning(tmp_path: Path) -> None:
    from argmap.options import LoadOptions

    path = tmp_path / "m.yaml"
    path.write_text("essay_text: \"All his rivals were removed.\"\n" + QUOTING, encoding="utf-8")
    with pytest.raises(ArgmapError) as info:
        argmap.load(path)
    hint = info.value.first.hint or ""
    assert "--no-essay" in hint and "--lenient-quotes" in hint
    amap = argmap.load(path, options=LoadOptions(lenient_quotes=True))
    (warning,) = amap.diagnostics
    assert (warning.code, warning.severity, warning.node, warning.line) == ("AM110", "warning", "r", 11)
    assert [d for d in argmap.check(amap) if d.code == "AM110"] == [warning]  # listed as a weak spot
    from argmap.writers.html import essay_data

    marks = essay_data(amap, {n: i for i, n in enumerate(amap.graph)})["marks"]  # type: ignore[index]
    assert [m[0] for m in marks] == [0]  # the good quote marked, the broken one not


def test_json_schema_has_essay_text() -> None:
    from argmap.schema import json_schema

    assert json_schema()["properties"]["essay_text"]["type"] == "string"
