"""Fuzzing the readers: whatever a file holds, loading succeeds or raises ArgmapError with a position.

Documents are generated valid and broken: wrong types at every field, random unicode (RTL, emoji,
NUL, lone surrogates as escapes), long strings, deep nesting, and byte-level mutations of real maps.
``ARGMAP_FUZZ_EXAMPLES`` raises the number of examples for a longer local run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgmapError
from argmap.formats import reader_formats

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
GRAPHS = Path(__file__).resolve().parent.parent / "graphs"

unicode_text = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
        ["\u202e", "\u05d0", "\u0627", "\U0001f600", "\x00", "\u2028", "\ufeff", "\t", "\r"]),
    max_size=30,
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | unicode_text
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(unicode_text, inner, max_size=4), max_leaves=12)
field_names = st.sampled_from(["kind", "text", "label", "confidence", "source", "quote", "tags", "note",
                               "supports", "attacks", "undercuts", "group", "data", "suport", "kidn"])
kinds = st.sampled_from(["thesis", "reason", "claim", "evidence", "objection", "rebuttal", "thesys"])
ids = st.from_regex(r"[a-z]{1,3}", fullmatch=True) | unicode_text


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """Mostly map-shaped documents with random damage, sometimes anything at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(values)
    node_ids = draw(st.lists(ids, max_size=6))
    nodes: dict[Any, Any] = {}
    for node_id in node_ids:
        node: dict[str, Any] = {"kind": draw(kinds), "text": draw(unicode_text)}
        for name in draw(st.lists(field_names, max_size=4)):
            node[name] = draw(values | st.sampled_from(node_ids or ["x"]))
        nodes[node_id] = node if draw(st.integers(0, 9)) else draw(values)
    doc: dict[Any, Any] = {"nodes": nodes}
    for name in draw(st.lists(st.sampled_from(["argmap", "title", "essay", "kinds", "check", "meta",
                                               "titel"]), max_size=3)):
        doc[name] = draw(values)
    return doc


def assert_loads_or_reports(data: bytes, name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        amap = argmap.load(path)
    except ArgmapError as exc:
        for d in exc.diagnostics:
            assert d.line >= 1 and d.column >= 1, d
            assert d.code.startswith("AM"), d
            assert d.message
    else:
        argmap.check(amap)  # a map that loads can be analysed, too


@FUZZ
@given(documents())
def test_yaml_documents(tmp_path_factory: Any, doc: Any) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    assert_loads_or_reports(text.encode("utf-8", "surrogatepass"), "m.yaml", tmp_path_factory.mktemp("y"))


@FUZZ
@given(documents())
def test_json_documents(tmp_path_factory: Any, doc: Any) -> None:
    try:
        text = json.dumps(doc, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # non-string keys: JSON cannot hold them
    assert_loads_or_reports(text.encode("utf-8", "surrogatepass"), "m.json", tmp_path_factory.mktemp("j"))


SEEDS = [p.read_bytes() for p in sorted(GRAPHS.glob("*.yaml"))]


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)) if SEEDS else b"nodes: {}\n")
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.integers(0, 2))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == 0 and data:
            del data[at: at + draw(st.integers(1, 20))]
        elif op == 1:
            data[at:at] = draw(st.binary(max_size=8) | st.sampled_from(
                [b"\t", b": ", b"- ", b"&a ", b"*a", b"{", b"[", b"'", b'"', b"\xff", b"\xc3", b"---\n"]))
        elif data:
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


@FUZZ
@given(mutations())
def test_mutated_real_maps(tmp_path_factory: Any, data: bytes) -> None:
    assert_loads_or_reports(data, "m.yaml", tmp_path_factory.mktemp("m"))


@FUZZ
@given(st.binary(max_size=300))
def test_every_reader_on_random_bytes(tmp_path_factory: Any, data: bytes) -> None:
    tmp = tmp_path_factory.mktemp("r")
    for fmt in reader_formats():
        path = tmp / f"m{fmt.extensions[0]}"
        path.write_bytes(data)
        try:
            argmap.load(path, format=fmt.name)
        except ArgmapError as exc:
            assert all(d.line >= 1 and d.column >= 1 for d in exc.diagnostics), fmt.name
