"""Lazy imports: the light commands never pay for what they don't use (checked with -X importtime)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STALIN = str(ROOT / "graphs" / "stalin_purges.yaml")

# neither command draws anything: no page, no vis-network, no template engine, no layout
NEVER = ("pyvis", "IPython", "jinja2", "markupsafe", "argmap.layout", "argmap.writers.html",
         "numpy", "scipy", "pandas", "matplotlib", "playwright")
# --help reads no map at all
NOT_FOR_HELP = (*NEVER, "networkx", "yaml", "argmap.readers", "argmap.writers", "argmap.analysis",
                "argmap.checks")


def imported(*args: str, tmp_path: Path) -> list[str]:
    """Every module ``python -X importtime cli.py ARGS`` imports, in order."""
    r = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "cli.py"), *args],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "NO_COLOR": "1"})
    assert r.returncode in (0, 1), r.stderr[-2000:]
    modules = [line.rsplit("|", 1)[1].strip() for line in r.stderr.splitlines()
               if line.startswith("import time:") and "|" in line]
    assert modules, "no -X importtime output"
    return modules


def offending(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({m for m in modules for n in names if m == n or m.startswith(n + ".")})


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("render", "--help"), ("check", "--help")])
def test_help_imports_nothing_heavy(args: tuple[str, ...], tmp_path: Path) -> None:
    modules = imported(*args, tmp_path=tmp_path)
    assert offending(modules, NOT_FOR_HELP) == []
    assert "click" in modules


def test_check_imports_no_page_code(tmp_path: Path) -> None:
    modules = imported("check", STALIN, tmp_path=tmp_path)
    assert offending(modules, NEVER) == []
    assert "argmap.checks" in modules  # it did do the work


def test_render_reads_vis_network_without_importing_pyvis(tmp_path: Path) -> None:
    out = tmp_path / "stalin.html"
    modules = imported("render", STALIN, "-o", str(out), tmp_path=tmp_path)
    assert offending(modules, ("pyvis", "IPython", "numpy", "scipy", "pandas", "matplotlib")) == []
    assert "argmap.layout" in modules
    assert "vis.Network" in out.read_text(encoding="utf-8")
