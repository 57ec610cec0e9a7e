"""Review notes: the `review:` field as the reader, the schema and `argmap review` see it."""

from __future__ import annotations

import difflib
import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap.errors import ArgmapError
from argmap.review import Note, format_notes, notes
from cli import cli

DATA = Path(__file__).parent / "data"

REVIEWED = """
    title: Why the purges?
    review:
      - by: Ms Lee
        at: 2026-11-28
        text: A clear plan.
    nodes:
      t:
        kind: thesis
        text: Stalin wanted power.
        review:
          - text: Which power?
          - by: Sam
            text: |
              Two lines
              of note.
      r:
        kind: reason
        text: Rivals.
        supports: t
    """


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    shutil.copy(DATA / "edit_sample.yaml", path)
    return path


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


# -- the field --------------------------------------------------------------------------------------
def test_reader_keeps_notes_on_nodes_and_the_map(write_map: Any) -> None:
    amap = argmap.load(write_map(REVIEWED))
    assert amap.review == [{"by": "Ms Lee", "at": "2026-11-28", "text": "A clear plan."}]
    assert amap.node("t")["review"] == [{"text": "Which power?"},
                                        {"by": "Sam", "text": "Two lines\nof note."}]
    assert "review" not in amap.node("r")
    assert all(d.code.startswith("AM2") for d in argmap.check(amap))  # findings only, no errors


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_native_writer_round_trips_notes(write_map: Any, fmt: str) -> None:
    amap = argmap.load(write_map(REVIEWED))
    again = argmap.loads(argmap.convert(amap, fmt), format=fmt)
    assert again.review == amap.review
    assert again.node("t") == amap.node("t")


@pytest.mark.parametrize(("review", "code", "message"), [
    ("review: fine", "AM006", "review of node 't' must be a list of notes, not text"),
    ("review: [fine]", "AM006", "review note 1 of node 't' must be a mapping, not text"),
    ("review: [{by: Ms Lee}]", "AM105", "review note 1 of node 't' has no text"),
    ("review: [{text: '  '}]", "AM105", "review note 1 of node 't' has no text"),
    ("review: [{text: ok, from: Ms Lee}]", "AM106", "unknown field 'from' in review note 1 of node 't'"),
    ("review: [{text: ok, at: next week}]", "AM006", "review note 1 of node 't' has a bad date 'next week'"),
    ("review: [{text: [a, b]}]", "AM006", "'text' of a review note must be text, not a list"),
])
def test_malformed_notes_get_a_clear_diagnostic(write_map: Any, review: str, code: str, message: str) -> None:
    path = write_map(f"nodes:\n  t:\n    kind: thesis\n    text: T\n    {review}\n")
    with pytest.raises(ArgmapError) as err:
        argmap.load(path)
    d = err.value.first
    assert (d.code, d.message, d.line) == (code, message, 5)


def test_empty_review_is_no_notes(write_map: Any) -> None:
    amap = argmap.load(write_map("review: []\nnodes:\n  t:\n    kind: thesis\n    text: T\n    review:\n"))
    assert amap.review == [] and "review" not in amap.node("t")


def test_schema_knows_the_field(write_map: Any) -> None:
    import jsonschema
    import yaml

    from argmap.schema import json_schema

    validator = jsonschema.Draft202012Validator(json_schema())
    doc = yaml.safe_load(textwrap.dedent(REVIEWED).replace("at: 2026-11-28", "at: '2026-11-28'"))
    validator.validate(doc)
    doc["nodes"]["t"]["review"].append({"text": "x", "from": "me"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(doc)


# -- listing ----------------------------------------------------------------------------------------
def test_notes_and_their_text_listing(write_map: Any) -> None:
    amap = argmap.load(write_map(REVIEWED))
    found = notes(amap)
    assert found == [Note(None, "Why the purges?", "A clear plan.", "Ms Lee", "2026-11-28"),
                     Note("t", "Stalin wanted power.", "Which power?"),
                     Note("t", "Stalin wanted power.", "Two lines\nof note.", "Sam")]
    assert format_notes(found) == (
        "Why the purges? [map] · Ms Lee · 2026-11-28\n    A clear plan.\n"
        "Stalin wanted power. [t]\n    Which power?\n"
        "Stalin wanted power. [t] · Sam\n    Two lines\n    of note.\n")
    assert notes(amap, ".") == found[:1]
    assert notes(amap, "r") == []
    with pytest.raises(ArgmapError) as err:
        notes(amap, "tt")
    assert err.value.first.code == "AM101"


def test_cli_lists_notes_as_text_and_json(write_map: Any) -> None:
    path = write_map(REVIEWED)
    result = invoke("review", str(path))
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "Why the purges? [map] · Ms Lee · 2026-11-28"
    result = invoke("review", str(path), "t", "--format", "json")
    assert json.loads(result.output) == [
        {"node": "t", "label": "Stalin wanted power.", "text": "Which power?", "by": None, "at": None},
        {"node": "t", "label": "Stalin wanted power.", "text": "Two lines\nof note.", "by": "Sam",
         "at": None}]


# -- adding -----------------------------------------------------------------------------------------
def test_cli_adds_notes_changing_only_the_added_lines(sample: Path) -> None:
    before = sample.read_text(encoding="utf-8")
    result = invoke("review", str(sample), "kirov", "Which page? #1: see {notes}", "--by", "Ms Lee",
                    "--at", "2026-11-28")
    assert result.exit_code == 0, result.output
    assert invoke("review", str(sample), ".", "-", "--no-date", input="Clear map.\n").exit_code == 0
    after = sample.read_text(encoding="utf-8")
    diff = [line for line in difflib.ndiff(before.splitlines(True), after.splitlines(True))
            if line[:1] in "+-"]
    assert diff == ["+ review:\n", "+   - text: Clear map.\n",
                    "+     review:\n", "+       - by: Ms Lee\n", "+         at: '2026-11-28'\n",
                    "+         text: 'Which page? #1: see {notes}'\n"]
    assert argmap.load(sample).node("kirov")["review"] == [
        {"by": "Ms Lee", "at": "2026-11-28", "text": "Which page? #1: see {notes}"}]


def test_cli_dates_notes_today_by_default(sample: Path) -> None:
    import datetime

    assert invoke("review", str(sample), "thesis", "Good.").exit_code == 0
    assert argmap.load(sample).node("thesis")["review"] == [
        {"at": datetime.date.today().isoformat(), "text": "Good."}]


def test_cli_refuses_bad_notes_and_writes_nothing(sample: Path) -> None:
    before = sample.read_bytes()
    for args in (["kirv", "x"], ["kirov", "x", "--at", "yesterday"], ["kirov", "  "]):
        result = CliRunner().invoke(cli, ["review", str(sample), *args])
        assert result.exit_code == 1
        assert "Traceback" not in result.output
    assert sample.read_bytes() == before


def test_review_as_a_subprocess(sample: Path, cli_run: Any) -> None:
    before = sample.read_bytes()
    result = cli_run("review", str(sample), "kirov", "Cite the page.", "--no-date")
    assert result.returncode == 0 and "added a note to 'kirov'" in result.stderr
    assert sample.read_bytes().startswith(before[:before.index(b"    source:")])
    result = cli_run("review", str(sample))
    assert result.returncode == 0
    assert result.stdout == "Kirov was murdered in 1934; the purge followed. [kirov]\n    Cite the page.\n"
    result = cli_run("review", str(sample), "nobody", "x")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{sample}:1:1: AM101 unknown node 'nobody'")
    result = cli_run("review", str(sample), "kirov")
    assert result.returncode == 0 and "Cite the page." in result.stdout
    assert cli_run("review", str(sample), "--at", "2026-01-01").returncode == 0  # a listing: no date needed
