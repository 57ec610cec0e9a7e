"""Fuzzing the readers: whatever a file holds, loading succeeds or raises ArgmapError with a position.

Documents are generated valid and broken: wrong types at every field, random unicode (RTL, emoji,
NUL, lone surrogates as escapes), long strings, deep nesting, and byte-level mutations of real maps.
``ARGMAP_FUZZ_EXAMPLES`` raises the number of examples for a longer local run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
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
#: what a reader must refuse or keep standard: huge integers, NaN, infinities, lone surrogates
hostile = st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, 2**64]) \
    | st.integers(4300, 4400).map(lambda digits: -(10**digits) if digits % 2 else 10**digits) \
    | st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | unicode_text | hostile
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
        write_everything(amap)


def write_everything(amap: argmap.ArgumentMap) -> None:
    """Every writer writes what a reader accepted: text that encodes as UTF-8, JSON that is
    standard (no NaN or Infinity)."""
    from argmap.formats import writer_formats

    for fmt in writer_formats():
        out = argmap.convert(amap, fmt.name)
        text = out.decode("utf-8") if isinstance(out, bytes) else out
        text.encode("utf-8")  # no lone surrogate reached the output
        if fmt.name in ("json", "aif", "nodelink"):
            json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)))


@contextlib.contextmanager
def _long_integers() -> Iterator[None]:
    """Let the test write integers of any length (the reader under test keeps Python's limit)."""
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(before)


@FUZZ
@given(documents())
def test_yaml_documents(tmp_path_factory: Any, doc: Any) -> None:
    with _long_integers():
        text = yaml.safe_dump(doc, allow_unicode=True)
    assert_loads_or_reports(text.encode("utf-8", "surrogatepass"), "m.yaml", tmp_path_factory.mktemp("y"))


@FUZZ
@given(documents(), st.booleans())
def test_json_documents(tmp_path_factory: Any, doc: Any, escaped: bool) -> None:
    try:
        with _long_integers():  # escaped: lone surrogates as \ud800 escapes, not as raw bytes
            text = json.dumps(doc, ensure_ascii=escaped)
    except (TypeError, ValueError):
        return  # non-string keys: JSON cannot hold them
    assert_loads_or_reports(text.encode("utf-8", "surrogatepass"), "m.json", tmp_path_factory.mktemp("j"))


#: bytes that matter to YAML, JSON or the readers, for both mutation fuzzers
TOKENS = [b"\t", b": ", b"- ", b"&a ", b"*a", b"<<: *a", b"{", b"}", b"[", b"]", b"'", b'"', b"\\u0000",
          b"\xff", b"\xc3", b"\xed\xa0\x80", b"---\n", b"...\n", b"!!python/object:os.system ", b"?",
          b"\n  ", b"\r\n", b"#", b"supports: ", b"attacks: ", b"undercuts: ", b"kind: ", b"null",
          b"1e999", b"-0", b"\"\\ud800\"", b"\xef\xbb\xbf", b",", b"\\"]

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
            data[at:at] = draw(st.binary(max_size=8) | st.sampled_from(TOKENS))
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


GRAPH_FIELDS = ("title", "essay", "kinds", "check", "meta")


@FUZZ
@given(st.sampled_from(GRAPH_FIELDS), values, st.sampled_from(["graphml", "gexf", "aif", "argdown"]))
def test_graph_level_fields_of_every_reader(tmp_path_factory: Any, field: str, value: Any, fmt: str) -> None:
    """Numbers, floats, surrogates and wrong types in every map-level field of every interchange
    format: the writer puts them where its format keeps map fields, the reader refuses them with a
    position or reads something every writer can write."""
    amap = argmap.load(GRAPHS / "school_uniforms.yaml")
    amap.essay_path = None
    target = {"title": "title", "essay": "essay_path"}.get(field)
    if target:
        setattr(amap, target, value)
    else:
        setattr(amap, {"kinds": "kind_names", "check": "check_config", "meta": "meta"}[field], value)
    try:
        out = argmap.convert(amap, fmt)
    except Exception:  # noqa: BLE001 - a map no reader makes: the writer owes it nothing
        return
    data = out if isinstance(out, bytes) else out.encode("utf-8", "surrogatepass")
    assert_loads_or_reports(data, "m" + {"graphml": ".graphml", "gexf": ".gexf", "aif": ".aif.json",
                                         "argdown": ".argdown"}[fmt], tmp_path_factory.mktemp("g"))


# -- the loader's fuzz target, run for a time budget --------------------------------------------------
FUZZ_SECONDS = float(os.environ.get("ARGMAP_FUZZ_SECONDS", "30"))


def _mutate(rng: Any, data: bytearray, corpus: list[bytes]) -> bytes:
    for _ in range(rng.randint(1, 6)):
        op, at = rng.randrange(6), rng.randrange(len(data) + 1)
        if op == 0 and data:  # delete a run
            del data[at:at + rng.randint(1, 16)]
        elif op == 1:  # insert a token that matters to YAML or JSON
            data[at:at] = rng.choice(TOKENS)
        elif op == 2 and data:  # flip a byte
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif op == 3:  # duplicate a line somewhere else (duplicate keys, broken indentation)
            lines = bytes(data).split(b"\n")
            line = rng.choice(lines)
            lines.insert(rng.randrange(len(lines) + 1), line)
            data[:] = b"\n".join(lines)
        elif op == 4:  # splice in part of another seed
            other = rng.choice(corpus)
            start = rng.randrange(len(other) + 1)
            data[at:at] = other[start:start + rng.randint(1, 200)]
        else:  # change the indentation of a line
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines[i] = b" " * rng.randint(0, 9) + lines[i].lstrip(b" ")
            data[:] = b"\n".join(lines)
    return bytes(data)


MICROTEXT = b"""<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="m1" topic_id="t" stance="pro">
  <edu id="e1"><![CDATA[Cars pollute the air.]]></edu>
  <edu id="e2"><![CDATA[But electric cars do not.]]></edu>
  <edu id="e3"><![CDATA[Cities should ban cars!]]></edu>
  <adu id="a1" type="pro"/><adu id="a2" type="opp"/><adu id="a3" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/>
  <edge id="c4" src="a1" trg="a3" type="sup"/><edge id="c5" src="a2" trg="c4" type="und"/>
</arggraph>
"""
KIALO = (b"Discussion Title: Ban cars?\n\n1. Ban cars.\n1.1. Pro: They pollute\nthe air.\n"
         b"1.1.1. Con: Electric cars do not.\n1.2. Con: Deliveries.\n1.2.1. Pro: -> See 1.1.1.\n")


def fuzz_seeds() -> list[tuple[str, bytes]]:
    """Valid files of every readable format: the bundled maps in each format argmap writes and
    reads, and small samples of the formats it only reads."""
    seeds: list[tuple[str, bytes]] = [("microtexts", MICROTEXT), ("kialo", KIALO)]
    readable = {fmt.name for fmt in reader_formats()}
    for path in sorted(GRAPHS.glob("*.yaml")):
        amap = argmap.load(path)
        seeds.append(("yaml", path.read_bytes()))
        for fmt in ("json", "aif", "argdown", "graphml", "gexf"):
            out = argmap.convert(amap, fmt)
            seeds.append((fmt, out.encode("utf-8") if isinstance(out, str) else out))
    assert {fmt for fmt, _ in seeds} == readable, "a reader without a fuzz seed"
    return seeds


def test_loader_fuzz_for_its_time_budget(tmp_path: Path) -> None:
    """Mutation fuzzing of every reader (the native YAML/JSON loader most) for
    ``ARGMAP_FUZZ_SECONDS`` (default 30 s), the budget CI runs; a finding is any exception but
    ArgmapError, or an error without a position. Findings are saved under
    ``build/fuzz-findings/``; ``ARGMAP_FUZZ_SEED`` varies the run."""
    import random
    import time
    import traceback

    seeds = fuzz_seeds()
    native = [seed for seed in seeds if seed[0] in ("yaml", "json")]
    corpus = [data for _, data in seeds]
    rng = random.Random(int(os.environ.get("ARGMAP_FUZZ_SEED", "20261127")))
    findings: list[str] = []
    runs: dict[str, int] = {}
    stop = time.monotonic() + FUZZ_SECONDS
    while time.monotonic() < stop and len(findings) < 5:
        fmt, seed = rng.choice(native if rng.random() < 0.6 else seeds)
        data = _mutate(rng, bytearray(seed), corpus)
        runs[fmt] = runs.get(fmt, 0) + 1
        try:
            amap = argmap.loads(data, format=fmt, path=str(tmp_path / f"fuzz.{fmt}"))
            argmap.check(amap)
        except ArgmapError as exc:
            if all(d.line >= 1 and d.column >= 1 and d.message for d in exc.diagnostics):
                continue
            findings.append(f"{fmt}: error without a position: {exc}")
        except Exception:  # noqa: BLE001 - anything else is what the fuzzer looks for
            findings.append(f"{fmt}: {traceback.format_exc(limit=-4)}")
        else:
            continue
        out = Path(__file__).resolve().parent.parent / "build" / "fuzz-findings"
        out.mkdir(parents=True, exist_ok=True)
        (out / f"finding-{len(findings)}.{fmt}").write_bytes(data)
    print(f"fuzz: {sum(runs.values())} inputs in {FUZZ_SECONDS:.0f} s ({runs}), {len(findings)} findings")
    assert set(runs) == {fmt for fmt, _ in seeds} or FUZZ_SECONDS < 5
    assert not findings, "\n".join(findings)
