"""Outputs are replaced atomically: a failure never leaves a half-written or lost file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError
from argmap.io import atomic_write


def test_atomic_write_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    atomic_write(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failing_writer_leaves_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             stalin: argmap.ArgumentMap) -> None:
    target = tmp_path / "page.html"
    target.write_text("previous", encoding="utf-8")

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(ArgmapError) as info:
        argmap.write(stalin, target)
    assert "No space left" in info.value.message
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_symlink_at_destination_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.html"
    link.symlink_to(victim)
    atomic_write(str(link), "page")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "page"


def test_writing_into_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError):
        atomic_write(str(tmp_path), "x")


def test_new_file_permissions_follow_umask(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    old = os.umask(0o022)
    try:
        atomic_write(str(target), "x")
    finally:
        os.umask(old)
    assert (target.stat().st_mode & 0o777) == 0o644
