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
