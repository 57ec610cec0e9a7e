"""docs/checks.md explains every diagnostic code the program can print, and no code it cannot.

The codes are read from the source (every string constant that is exactly ``AMnnn`` in argmap/ and
cli.py) and from the documentation (the first cell of each table row), so a new code without a line
in the docs, or a line for a code that is gone, fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "checks.md"
CODE = re.compile(r"AM[0-9]{3}")
ROW = re.compile(r"^\|\s*(AM[0-9]{3})\s*\|", re.M)


def sources() -> list[Path]:
    return sorted((ROOT / "argmap").rglob("*.py")) + [ROOT / "cli.py"]


def used_codes() -> dict[str, str]:
    """Each code used in the source -> the first ``path:line`` using it."""
    found: dict[str, str] = {}
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.fullmatch(node.value):
                found.setdefault(node.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def documented_codes() -> list[str]:
    return ROW.findall(DOC.read_text(encoding="utf-8"))


def test_the_source_is_read() -> None:
    used = used_codes()
    # one code of each family, so a broken search cannot pass by finding nothing
    assert {"AM001", "AM101", "AM201"} <= used.keys()


def test_every_code_used_is_documented() -> None:
    documented = set(documented_codes())
    missing = {code: where for code, where in used_codes().items() if code not in documented}
    assert not missing, f"codes used but not in a table of {DOC.name}: {sorted(missing.items())}"


def test_every_documented_code_is_used() -> None:
    used = used_codes()
    stale = sorted(set(documented_codes()) - used.keys())
    assert not stale, f"{DOC.name} documents codes no longer used: {stale}"


def test_each_code_has_one_row() -> None:
    rows = documented_codes()
    twice = sorted({code for code in rows if rows.count(code) > 1})
    assert not twice, f"codes with more than one row in {DOC.name}: {twice}"
