"""Reading YAML/JSON safely: encodings, limits against hostile documents, positions."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError, LoadOptions
from argmap.options import Limits
from argmap.readers._source import JsonDocument, YamlDocument, decode


def load_error(tmp_path: Path, data: bytes, name: str = "m.yaml", **opts: object) -> ArgmapError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArgmapError) as info:
        argmap.load(path, options=LoadOptions(**opts) if opts else None)
    return info.value


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbfnodes:\r\n  t:\r\n    kind: thesis\r\n    text: A thesis.\r\n")
    amap = argmap.load(path)
    assert amap.node("t")["text"] == "A thesis."


def test_latin1_names_the_byte(tmp_path: Path) -> None:
    err = load_error(tmp_path, "nodes:\n  t:\n    kind: thesis\n    text: caf\u00e9\n".encode("latin-1"))
    d = err.first
    assert d.code == "AM002"
    assert "byte 0xe9 at offset 42" in d.message
    assert (d.line, d.column) == (4, 14)
    assert "UTF-8" in (d.hint or "")


def test_tabs_get_a_clear_message(tmp_path: Path) -> None:
    err = load_error(tmp_path, b"nodes:\n\tt:\n\t\tkind: thesis\n")
    assert "tab" in err.message
    assert "spaces" in (err.first.hint or "")


@pytest.mark.timeout(60)  # a hang guard: expanding the bomb would take hours and gigabytes
def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("nodes: {}")
    err = load_error(tmp_path, "\n".join(lines).encode())  # refused by a count, long before 9**10 values
    assert err.first.code == "AM009"
    assert "aliases expand" in err.message


def test_small_aliases_work(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n  t:\n    kind: thesis\n    text: &t The thesis.\n    note: *t\n"
                    "    tags: &tags [a, b]\n  r:\n    kind: reason\n    text: r\n    tags: *tags\n"
                    "    supports: t\n", encoding="utf-8")
    amap = argmap.load(path)
    assert amap.node("t")["note"] == "The thesis."
    assert amap.node("r")["tags"] == ["a", "b"]


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting_is_refused_not_crashed(tmp_path: Path, depth: int) -> None:
    for name, text in (("m.yaml", "nodes: " + "[" * depth + "]" * depth),
                       ("m.json", '{"nodes": ' + "[" * depth + "]" * depth + "}")):
        err = load_error(tmp_path, text.encode(), name=name)
        assert err.first.code == "AM009", name
        assert "nesting deeper than 64" in err.message


def test_libyamls_own_depth_stop_is_the_same_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml 0.2.6 (PyYAML 6.0.4) refuses deep flow nesting itself, before argmap counts the
    levels: that refusal is the same AM009 whichever allowed PyYAML release is installed."""
    import yaml

    def stop(*args: object, **kwargs: object) -> None:
        mark = yaml.Mark("<unicode string>", 1006, 0, 1006, None, None)
        raise yaml.scanner.ScannerError("while increasing flow level", mark,
                                        "exceeded maximum nesting depth", mark)

    monkeypatch.setattr(yaml, "parse", stop)
    err = load_error(tmp_path, b"nodes: [[[[]]]]", name="m.yaml")
    assert (err.first.code, err.first.line, err.first.column) == ("AM009", 1, 1007)
    assert "nesting deeper than 64" in err.message


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"nodes: {}\n" + b"# padding\n" * 200)
    with pytest.raises(ArgmapError) as info:
        argmap.load(path, options=LoadOptions(limits=Limits(max_bytes=100)))
    assert info.value.first.code == "AM009"


def test_node_count_limit(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n" + "".join(f"  n{i}: {{kind: claim, text: x}}\n" for i in range(5)))
    with pytest.raises(ArgmapError) as info:
        argmap.load(path, options=LoadOptions(limits=Limits(max_nodes=3)))
    assert info.value.first.code == "AM009"
    assert (info.value.line, info.value.column) == (5, 3)


def test_second_document_is_an_error(tmp_path: Path) -> None:
    err = load_error(tmp_path, b"nodes: {}\n---\nnodes: {}\n")
    assert err.first.code == "AM001"
    assert err.line == 3


def test_unsupported_tag(tmp_path: Path) -> None:
    err = load_error(tmp_path, b"nodes:\n  t:\n    kind: thesis\n    text: !!python/object x\n")
    assert err.first.code == "AM006"
    assert (err.line, err.column) == (4, 11)


def test_yaml_marks() -> None:
    doc = YamlDocument("title: x\nkinds:\n  reason: Motive\n", "m.yaml")
    assert doc.value == {"title": "x", "kinds": {"reason": "Motive"}}
    assert doc.marks[("kinds", "reason")] == (3, 11)


def test_json_marks_are_lazy_and_exact() -> None:
    text = '{"a": [1, {"b": "x"}],\n "c": true}'
    doc = JsonDocument(text, "m.json")
    assert doc.value == {"a": [1, {"b": "x"}], "c": True}
    assert doc.mark(("a", 1, "b")) == (1, 17)
    assert doc.mark(("c",)) == (2, 7)
    assert doc.mark(("missing", "deeper")) == (1, 1)


def test_decode_strips_bom_and_normalises_newlines() -> None:
    assert decode(b"\xef\xbb\xbfa\r\nb\rc", "x") == "a\nb\nc"


def test_json_outer_walk_matches_json_loads_and_the_scanner() -> None:
    import json

    from argmap.readers._source import KEY, _JsonScanner, _pairs

    text = ('{"title": "t\\u00e9", "nodes" :{\n "a": {"kind": "thesis", "x": [1, {"y": null}]},\n'
            '\t"b\\"q":{},  "\\u00e9": {"k": 2.5e3}\n}, "meta": {"nodes": {"z": 1}}}\n ')
    doc = JsonDocument(text, "m.json")
    assert doc.value == json.loads(text, object_pairs_hook=_pairs)
    marks = _JsonScanner(text, 10**9).marks
    assert doc.key_marks() == {n: marks[("nodes", n, KEY)] for n in ("a", 'b"q', "é")}


@pytest.mark.parametrize("text", [
    '{"nodes": {"a": {}, "a": {}}}',  # duplicate id: the scanner reports it
    '{"nodes": {"a": {}}, "nodes": {}}',
    '{"nodes": {"a": {}}} x',
    '{"nodes": {"a": {},}}',
    '[{"nodes": {}}]',
    '{"nodes": [1, 2]}',
    '{"nodes": {"a": ' + "[" * 80 + "]" * 80 + "}}",
])
def test_json_outer_walk_leaves_every_other_document_to_json_loads(text: str) -> None:
    import json

    from argmap.readers._source import _pairs

    doc = JsonDocument(text, "m.json")
    try:
        expected = json.loads(text, object_pairs_hook=_pairs)
    except Exception:  # noqa: BLE001 - any error: the document reports one too
        assert doc.value is None and doc.errors
    else:
        if doc.errors:  # too deep
            assert doc.errors[0].code == "AM009"
        else:
            assert doc.value == expected


@pytest.mark.timeout(30)
def test_a_mapping_shaped_bomb_is_refused_by_its_memoised_size(tmp_path: Path) -> None:
    """1 KB whose aliases would expand to 8**12 values: refused after copying at most the
    allowance (benchmarks/SHAPES_RESULTS.md has the time and memory), not 20 million values."""
    lines = ["a0: &a0 {" + ", ".join(f"k{j}: lol" for j in range(8)) + "}"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(8)) + "}")
    lines.append("nodes: {}")
    data = "\n".join(lines).encode()
    assert len(data) < 1100
    err = load_error(tmp_path, data)
    from argmap.readers._source import ALIAS_ALLOWANCE, ALIAS_FACTOR

    assert err.first.code == "AM009" and "aliases expand" in err.message
    written = int(err.message.split("the file writes ")[1].rstrip(")"))
    assert f"more than {ALIAS_ALLOWANCE + ALIAS_FACTOR * written} values" in err.message


def test_aliases_may_repeat_a_little_of_what_the_file_writes(tmp_path: Path) -> None:
    nodes = "".join(f"  n{i}:\n    kind: reason\n    text: r{i}\n    tags: *tags\n    supports: t\n"
                    for i in range(300))
    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n  t:\n    kind: thesis\n    text: T\n    tags: &tags [a, b, c, d, e]\n"
                    + nodes, encoding="utf-8")
    assert argmap.load(path).node("n299")["tags"] == ["a", "b", "c", "d", "e"]


@pytest.mark.timeout(60)
def test_a_million_and_one_nodes_are_counted_before_anything_is_built(tmp_path: Path) -> None:
    data = b"nodes:\n" + b"".join(b"  n%d: {kind: claim, text: x}\n" % i for i in range(1_000_001))
    err = load_error(tmp_path, data)
    assert err.first.code == "AM009" and "more than 1000000 nodes" in err.message
    assert (err.line, err.column) == (1_000_002, 3)  # the first node over the limit


def test_top_level_keys_after_the_nodes_are_not_counted_as_nodes(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n  t: {kind: thesis, text: T}\n  r: {kind: reason, text: R, supports: t}\n\n"
                    "check:\n  ignore: [AM202]\n  select: []\n", encoding="utf-8")
    assert len(argmap.load(path, options=LoadOptions(limits=Limits(max_nodes=2)))) == 2


def test_json_node_count_is_checked_before_building(tmp_path: Path) -> None:
    doc = '{"nodes": {' + ", ".join(f'"n{i}": {{"kind": "claim", "text": "x"}}' for i in range(5)) + "}}"
    err = load_error(tmp_path, doc.encode(), "m.json", limits=Limits(max_nodes=3))
    assert err.first.code == "AM009"


@pytest.mark.parametrize(("name", "text", "code", "words"), [
    ("m.yaml", "data: {x: .nan}", "AM006", "'.nan' is not a finite number"),
    ("m.yaml", "data: {x: -.inf}", "AM006", "not a finite number"),
    ("m.yaml", "data: {x: 1e999}", "AM006", "'1e999' is not a finite number"),
    ("m.yaml", "data: {x: !!float nan}", "AM006", "not a finite number"),
    ("m.yaml", "data: {x: " + "7" * 4400 + "}", "AM006", "more than 4300 digits"),
    ("m.json", '"data": {"x": NaN}', "AM006", "not a finite number"),
    ("m.json", '"data": {"x": -Infinity}', "AM006", "not a finite number"),
    ("m.json", '"data": {"x": 1e999}', "AM006", "not a finite number"),
    ("m.json", '"data": {"x": ' + "7" * 4400 + "}", "AM006", "more than 4300 digits"),
    ("m.json", '"text": "a \\udc00 b", "data": {}', "AM002", "lone surrogate"),
    ("m.json", '"data": {"x": "\\ud800"}', "AM002", "lone surrogate"),
])
def test_numbers_and_characters_no_output_can_hold_are_refused_when_read(
        tmp_path: Path, name: str, text: str, code: str, words: str) -> None:
    if name.endswith(".yaml"):
        doc = "nodes:\n  t:\n    kind: thesis\n    text: T\n    " + text + "\n"
    else:
        fields = text if '"text"' in text else '"text": "T", ' + text
        doc = '{"nodes": {"t": {"kind": "thesis", ' + fields + "}}}"
    err = load_error(tmp_path, doc.encode(), name)
    assert err.first.code == code and words in err.first.message
    assert err.line == (5 if name.endswith(".yaml") else 1)


def test_what_json_allows_and_is_standard_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text('{"nodes": {"t": {"kind": "thesis", "text": "NaN and Infinity \\ud83d\\ude00",'
                    ' "data": {"x": 1e300, "y": "1e999"}}}}', encoding="utf-8")
    node = argmap.load(path).node("t")
    assert node["text"] == "NaN and Infinity \U0001f600" and node["data"] == {"x": 1e300, "y": "1e999"}
