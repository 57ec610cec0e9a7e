"""mypy over argmap and cli.py (the configuration in pyproject.toml) finds nothing.

The type hints are the project's contract between modules; checked on every run, a wrong hint or a
call that no longer fits fails here with mypy's own report instead of going stale. Stubs for PyYAML
and networkx come with the ``test`` extra, so the graph and YAML calls are checked too.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from conftest import ROOT, need


def test_mypy_finds_no_errors() -> None:
    need(importlib.util.find_spec("mypy") is not None, "mypy is not installed (pip install -e '.[test]')")
    result = subprocess.run([sys.executable, "-m", "mypy", "argmap", "cli.py"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mypy argmap cli.py:\n{result.stdout}{result.stderr}"
