"""`argmap extract`: an essay in, a draft map out that the other commands accept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from cli import cli

pytestmark = pytest.mark.skipif("extract" not in getattr(cli, "commands", {}),
                                reason="`extract` is not yet a command of cli.cli")

GRAPHS = Path(__file__).resolve().parent.parent / "graphs"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def essay(tmp_path: Path) -> Path:
    path = tmp_path / "stalin_purges.txt"
    path.write_bytes((GRAPHS / "stalin_purges.txt").read_bytes())
    return path


def test_help() -> None:
    result = invoke("extract", "--help")
    assert result.exit_code == 0
    for option in ("--output", "--format", "--min-confidence", "Example"):
        assert option in result.output


def test_draft_written_beside_the_essay_by_default(essay: Path) -> None:
    result = invoke("extract", str(essay))
    assert result.exit_code == 0, result.output
    draft = essay.parent / "stalin_purges.draft.yaml"
    assert "wrote" in result.stderr and str(draft) in result.stderr
    amap = argmap.load(draft)
    assert amap.essay_path == "stalin_purges.txt"
    assert amap.essay == essay.read_text(encoding="utf-8")
    assert len(amap.nodes_of("thesis")) == 1
    assert len(amap.nodes_of("reason")) >= 6


def test_output_path_format_and_min_confidence(essay: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    essay_copy = out / "essay.txt"
    essay_copy.write_bytes(essay.read_bytes())
    result = invoke("extract", str(essay_copy), "-o", str(out / "d.json"), "--min-confidence", "certain")
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "d.json").read_text(encoding="utf-8"))
    assert doc["essay"] == "essay.txt"
    assert all(n.get("confidence") in (None, "certain") for n in doc["nodes"].values())
    result = invoke("extract", str(essay_copy), "-o", str(out / "d.txt"), "--format", "json")
    assert result.exit_code == 0
    json.loads((out / "d.txt").read_text(encoding="utf-8"))
    argmap.load(out / "d.json")


def test_essay_in_another_folder_is_named_relative_to_the_draft(essay: Path, tmp_path: Path) -> None:
    sub = tmp_path / "maps"
    sub.mkdir()
    result = invoke("extract", str(essay), "-o", str(sub / "draft.yaml"))
    assert result.exit_code == 0, result.output
    assert "--allow-outside-paths" in result.stderr
    amap = argmap.load(sub / "draft.yaml", options=argmap.LoadOptions(allow_outside_paths=True))
    assert amap.essay_path == "../stalin_purges.txt"


def test_stdout(essay: Path) -> None:
    result = invoke("extract", str(essay), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("argmap: 1")
    assert "kind: thesis" in result.stdout


def test_user_errors_exit_1_with_a_diagnostic(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = invoke("extract", str(empty))
    assert result.exit_code == 1
    assert "AM030" in result.stderr and "Traceback" not in result.output
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    result = invoke("extract", str(latin1))
    assert result.exit_code == 1 and "AM002" in result.stderr
    result = invoke("extract", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1 and "AM011" in result.stderr
    assert not list(tmp_path.glob("*.draft.*"))


def test_usage_errors_exit_2(essay: Path) -> None:
    assert invoke("extract", str(essay), "--format", "magic").exit_code == 2
    assert invoke("extract", str(essay), "--min-confidence", "sure").exit_code == 2
    assert invoke("extract", "-").exit_code == 2


def test_real_command_drafts_checks_and_renders(essay: Path, tmp_path: Path, cli_run: Any) -> None:
    draft = tmp_path / "draft.yaml"
    result = cli_run("extract", str(essay), "-o", str(draft))
    assert result.returncode == 0, result.stderr
    result = cli_run("check", str(draft))
    assert result.returncode in (0, 1)
    assert " AM0" not in result.stderr and " AM1" not in result.stderr  # no errors, warnings are fine
    result = cli_run("render", str(draft), "-o", str(tmp_path / "draft.html"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "draft.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype")
