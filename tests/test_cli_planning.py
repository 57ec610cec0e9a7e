"""The planning commands (evidence, outline, new, stats, and check's weak spots) as a user meets
them: through CliRunner and as a real subprocess; JSON output validated against a schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner

import argmap
from cli import cli

FINDING = {
    "type": "object",
    "required": ["path", "line", "column", "code", "severity", "message", "hint", "node"],
    "properties": {
        "path": {"type": "string"}, "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1}, "code": {"type": "string", "pattern": "^AM[0-9]{3}$"},
        "severity": {"enum": ["error", "warning"]}, "message": {"type": "string"},
        "hint": {"type": ["string", "null"]}, "node": {"type": ["string", "null"]},
    },
}
EVIDENCE_TABLE = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "kind", "label", "confidence", "strength", "evidence"],
        "properties": {
            "kind": {"enum": ["reason", "claim"]},
            "strength": {"type": "number", "minimum": 0},
            "evidence": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "label", "direct", "via", "confidence", "source"],
                "properties": {"direct": {"type": "boolean"},
                               "via": {"type": "array", "items": {"type": "string"}}},
            }},
        },
    },
}
_LISTED = {"type": "array", "items": {"type": "object", "required": ["id", "kind", "label"]}}
TREE = {"type": "object", "required": ["tree", "attacks", "answered_by", "objections"],
        "properties": {"tree": {"type": "array", "items": {"type": "object", "required": [
            "depth", "id", "kind", "relation", "repeat"]}},
            "attacks": _LISTED, "answered_by": _LISTED, "objections": _LISTED}}
STATS = {
    "type": "object",
    "required": ["nodes", "kinds", "edges", "relations", "depth", "evidence_per_reason", "evidence"],
    "properties": {"nodes": {"type": "integer"}, "depth": {"type": "integer"},
                   "evidence": {"type": "object", "required": ["total", "hedged", "hedged_share"]}},
}


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_help_has_examples() -> None:
    for command in ("evidence", "outline", "new", "stats"):
        result = invoke(command, "--help")
        assert result.exit_code == 0 and "Example" in result.output, command


def test_check_stalin_names_the_weak_spots(stalin_path: Path) -> None:
    result = invoke("check", str(stalin_path))
    assert result.exit_code == 0  # warnings only
    out = result.output
    assert f"{stalin_path}:112:3: Motive 'Vanity and jealousy' has no evidence beneath it. [AM202]" in out
    assert f"{stalin_path}:122:3: Motive 'Paranoia' rests only on hedged evidence" in out
    assert f"{stalin_path}:183:3: Statistic 'A million executed (1935)' has no source. [AM204]" in out
    assert "0 errors, 15 warnings" in out
    assert invoke("check", str(stalin_path), "--strict").exit_code == 1
    quiet = invoke("check", str(stalin_path), "--select", "AM204", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    found = json.loads(CliRunner().invoke(cli, ["check", str(stalin_path), "--format", "json"]).stdout)
    for d in found:
        jsonschema.validate(d, FINDING)
    assert sorted({d["code"] for d in found}) == ["AM202", "AM203", "AM204", "AM205", "AM214"]
    assert [d["rank"] for d in found] == sorted(d["rank"] for d in found)
    assert found[0]["badge"] == "no evidence" and found[-1]["badge"] == "no source"


def test_check_output_is_worst_first_golden(root: Path, golden: Any, monkeypatch: Any) -> None:
    """The Stalin map's findings as a student reads them: evidence-less motives first, missing
    sources last, each a sentence naming the statement with its code at the end."""
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", "graphs/stalin_purges.yaml"])
    assert result.exit_code == 0
    golden("stalin_check.txt", result.stderr)
    first = result.stderr.splitlines()[0]
    assert first.startswith("graphs/stalin_purges.yaml:112:3: Motive 'Vanity and jealousy'")


def test_check_help_says_worst_first() -> None:
    out = " ".join(invoke("check", "--help").output.split())
    assert "most harmful first" in out and "a reason with no evidence" in out


def test_evidence_table_is_the_golden_file(stalin_path: Path, golden: Any) -> None:
    result = CliRunner().invoke(cli, ["evidence", str(stalin_path)])
    assert result.exit_code == 0
    golden("stalin_evidence.txt", result.stdout)


def test_evidence_tree_and_json(stalin_path: Path, golden: Any) -> None:
    result = CliRunner().invoke(cli, ["evidence", str(stalin_path), "purges"])
    unanswered = "\nAttacks (0): none\nAnswered by (0): none\nObjections (0): none\n"
    assert result.stdout.endswith(unanswered)
    golden("stalin_tree_purges.txt", result.stdout[: -len(unanswered)])
    table = json.loads(CliRunner().invoke(cli, ["evidence", str(stalin_path), "--format", "json"]).stdout)
    jsonschema.validate(table, EVIDENCE_TABLE)
    assert table[0]["id"] == "rivals" and table[0]["strength"] == 3.5
    args = ["evidence", str(stalin_path), "rivals", "--format", "json"]
    tree = json.loads(CliRunner().invoke(cli, args).stdout)
    jsonschema.validate(tree, TREE)
    assert [t["id"] for t in tree["tree"]] == ["rivals", "kirov_murder", "tukhachevsky", "generals_shot",
                                       "officers_purged"]
    bad = invoke("evidence", str(stalin_path), "rivalz")
    assert bad.exit_code == 1 and "did you mean 'rivals'" in bad.output


def test_outline_to_file_and_stdout(tmp_path: Path, stalin_path: Path, golden: Any) -> None:
    result = CliRunner().invoke(cli, ["outline", str(stalin_path)])
    assert result.exit_code == 0
    golden("stalin_outline.md", result.stdout)
    out = tmp_path / "plan.txt"
    result = invoke("outline", str(stalin_path), "-o", str(out), "--format", "text")
    assert result.exit_code == 0 and f"wrote {out}" in result.output
    assert out.read_text(encoding="utf-8").startswith("ESSAY PLAN:")
    assert invoke("outline", str(stalin_path), "-o", str(out), "-q").output == ""


def test_stats_text_and_json(stalin_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", str(stalin_path)])
    assert result.exit_code == 0 and "hedged evidence" in result.stdout
    data = json.loads(CliRunner().invoke(cli, ["stats", str(stalin_path), "--format", "json"]).stdout)
    jsonschema.validate(data, STATS)
    assert data["kinds"]["reason"] == 8


def test_new_with_options_then_check(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    result = invoke("new", "-o", str(plan), "--question", "Why did the war start?",
                    "--thesis", "Alliances turned a local crisis into a world war.",
                    "--reason", "The alliance system", "--reason", "Militarism", "--reason-name", "Cause")
    assert result.exit_code == 0 and f"argmap check {plan}" in result.output
    amap = argmap.load(plan)
    assert amap.kind_name("reason") == "Cause" and len(amap.nodes_of("reason")) == 2
    check = invoke("check", str(plan))
    assert check.exit_code == 0 and check.output.count("AM213") == 2
    again = invoke("new", "-o", str(plan), "--thesis", "x")
    assert again.exit_code == 1 and "already exists" in again.output


def test_new_interactive(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    answers = "Why did Stalin carry out the purges?\nTo stay in power.\nRemove rivals\nSpread fear\n\n"
    result = invoke("new", "-i", "-o", str(plan), input=answers)
    assert result.exit_code == 0, result.output
    assert "Essay question" in result.output and "Reason 3 (empty to finish)" in result.output
    amap = argmap.load(plan)
    assert amap.title == "Why did Stalin carry out the purges?"
    assert [amap.node(r)["text"] for r in amap.nodes_of("reason")] == ["Remove rivals", "Spread fear"]


def test_new_to_stdout_without_a_terminal_asks_nothing() -> None:
    result = CliRunner().invoke(cli, ["new"], input="")
    assert result.exit_code == 0
    assert argmap.loads(result.stdout).nodes_of("thesis") == ["thesis"]


def test_subprocess_planning_commands(tmp_path: Path, stalin_path: Path, cli_run: Any,
                                     golden: Any) -> None:
    proc = cli_run("evidence", str(stalin_path))
    assert proc.returncode == 0, proc.stderr
    golden("stalin_evidence.txt", proc.stdout)
    assert "\x1b[" not in proc.stdout
    proc = cli_run("outline", str(stalin_path), "-o", str(tmp_path / "plan.md"))
    assert proc.returncode == 0, proc.stderr
    golden("stalin_outline.md", (tmp_path / "plan.md").read_text(encoding="utf-8"))
    proc = cli_run("stats", str(stalin_path), "--format", "json")
    jsonschema.validate(json.loads(proc.stdout), STATS)
    proc = cli_run("new", "--thesis", "T", "--reason", "A", "--reason", "B", "-o", str(tmp_path / "n.yaml"))
    assert proc.returncode == 0, proc.stderr
    proc = cli_run("check", str(tmp_path / "n.yaml"), "--strict")
    assert proc.returncode == 1 and "AM213" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli_run("evidence", str(stalin_path), "nothere")
    assert proc.returncode == 1 and "AM101 unknown node 'nothere'" in proc.stderr
