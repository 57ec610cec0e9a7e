"""native -> X -> native is lossless for every writer that has a reader, on the bundled maps and on
random maps (every kind, relation, linked premises, undercuts, all optional fields, hostile text)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import hostile_maps

import argmap
import argmap.formats
from argmap.model import CONFIDENCES, KINDS, ArgumentMap
from argmap.writers.native import document, write_yaml

FORMATS = ["yaml", "json", "graphml", "gexf", "aif", "argdown"]


def roundtrip(amap: ArgumentMap, fmt: str) -> ArgumentMap:
    out = argmap.convert(amap, fmt)
    assert argmap.convert(amap, fmt) == out  # byte-identical every time
    return argmap.loads(out, format=fmt, options=argmap.LoadOptions(load_essay=False))


@pytest.mark.parametrize("fmt", FORMATS)
def test_bundled_maps_roundtrip(bundled_maps: list[Path], fmt: str) -> None:
    assert bundled_maps
    for path in bundled_maps:
        amap = argmap.load(path, options=argmap.LoadOptions(load_essay=False))
        assert write_yaml(roundtrip(amap, fmt)) == write_yaml(amap), (path.name, fmt)


# text XML 1.0 can hold (GraphML/GEXF) and YAML can write back: no control characters, no surrogates
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufeff")
                | st.sampled_from(list("\n\t[]<>{}#@\\\"'`*_/-:|")), min_size=1, max_size=40)
_ID = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
_TEXT_STRIPPED = _TEXT.map(str.strip).filter(bool)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps the native format can express: one relation per pair, undercuts of existing steps."""
    ids = draw(st.lists(_ID, min_size=1, max_size=8, unique=True))
    amap = ArgumentMap(title=draw(st.none() | _TEXT_STRIPPED))
    if draw(st.booleans()):
        amap.kind_names["reason"] = draw(_TEXT_STRIPPED)
    if draw(st.booleans()):
        amap.meta["tool"] = {"name": draw(_TEXT_STRIPPED), "n": draw(st.integers(0, 9))}
    for n in ids:
        amap.add_node(
            n, draw(st.sampled_from(KINDS)), draw(_TEXT_STRIPPED),
            label=draw(st.none() | _TEXT_STRIPPED),
            confidence=draw(st.none() | st.sampled_from(CONFIDENCES)),
            source=draw(st.none() | _TEXT_STRIPPED), note=draw(st.none() | _TEXT_STRIPPED),
            group=draw(st.none() | _TEXT_STRIPPED),
            tags=draw(st.lists(st.from_regex(r"[a-z][a-z0-9 -]{0,8}[a-z0-9]", fullmatch=True), max_size=2,
                               unique=True)),
            data=draw(st.none() | st.fixed_dictionaries({"k": _TEXT_STRIPPED})),
        )
    steps: list[tuple[str, str]] = []
    for u in ids:
        for v in ids:
            if u == v or amap.graph.has_edge(u, v) or amap.graph.has_edge(v, u) or not draw(st.booleans()):
                continue
            relation = draw(st.sampled_from(["supports", "attacks"]))
            link = draw(st.none() | st.sampled_from(["L1", "joint premise"]))
            amap.add_edge(u, v, relation, link=link)
            steps.append((u, v))
    for x in ids:
        if steps and draw(st.booleans()):
            premise, conclusion = draw(st.sampled_from(steps))
            if x not in (premise, conclusion) and not amap.graph.has_edge(x, conclusion) \
                    and not amap.graph.has_edge(conclusion, x):
                amap.add_edge(x, conclusion, "undercuts", premise=premise)
    # through the native format once, so the map is exactly what a file can hold
    return argmap.loads(write_yaml(amap), format="yaml", options=argmap.LoadOptions(load_essay=False))


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=maps())
def test_random_maps_roundtrip(fmt: str, amap: ArgumentMap) -> None:
    assert write_yaml(roundtrip(amap, fmt)) == write_yaml(amap)


# -- hostile text: whatever the native reader accepts, every writer writes it and the matching
#    reader reads it back (XML formats hold control characters and U+FFFE/U+FFFF as U+FFFD) ---------
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_JSON_IN_XML = re.compile("[\ufffe\uffff]")  # JSON escapes the control characters itself
_JSON_FIELDS = {"tags", "data", "kinds", "check", "meta"}


def held_by_xml(value: Any, pattern: re.Pattern[str] = _NOT_XML, key: str = "") -> Any:
    if key in _JSON_FIELDS:
        pattern = _NOT_JSON_IN_XML
    if isinstance(value, str):
        return pattern.sub("\ufffd", value)
    if isinstance(value, list):
        return [held_by_xml(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: held_by_xml(v, pattern, k) for k, v in value.items()}
    return value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=hostile_maps())
def test_hostile_maps_roundtrip_through_every_writer(amap: ArgumentMap) -> None:
    accepted = argmap.loads(write_yaml(amap), format="yaml", options=argmap.LoadOptions(load_essay=False))
    for fmt in argmap.formats.FORMATS.values():
        if fmt.writer is None:
            continue
        out = argmap.convert(accepted, fmt.name)
        (out if isinstance(out, bytes) else out.encode("utf-8"))  # encodable: no lone surrogate
        if fmt.reader is None or fmt.name not in FORMATS:
            continue
        back = argmap.loads(out, format=fmt.name, options=argmap.LoadOptions(load_essay=False))
        expected = document(accepted)
        if fmt.name in ("graphml", "gexf"):
            expected = held_by_xml(expected)
        assert document(back) == expected, fmt.name
