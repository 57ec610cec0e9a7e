"""The suite's shared golden-file helper: where a name points, and that a missing file fails."""

from __future__ import annotations

from typing import Any

import conftest
import pytest
from conftest import DATA, GOLDEN, golden_path


def test_a_bare_name_is_in_golden_and_a_folder_is_under_data() -> None:
    assert golden_path("stalin_check.txt") == (GOLDEN / "stalin_check.txt").resolve()
    assert golden_path("interop/stalin_purges.dot") == (DATA / "interop" / "stalin_purges.dot").resolve()
    for outside in ("../conftest.py", "interop/../../conftest.py", "/etc/passwd"):
        with pytest.raises(ValueError, match="under tests/data"):
            golden_path(outside)


def test_a_missing_or_different_golden_fails(golden: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "UPDATE_GOLDEN", False)  # even when the run updates goldens
    with pytest.raises(AssertionError, match="no golden file"):
        golden("interop/no_such_file.dot", "x")
    assert not (DATA / "interop" / "no_such_file.dot").exists()
    text = golden_path("stalin_check.txt").read_text(encoding="utf-8")
    golden("stalin_check.txt", text)
    with pytest.raises(AssertionError, match="changed"):
        golden("stalin_check.txt", text + "x")
