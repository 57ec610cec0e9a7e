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


def test_an_existing_files_mode_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    out.write_text("old")
    out.chmod(0o600)
    atomic_write(str(out), "new")
    assert out.read_text() == "new" and (out.stat().st_mode & 0o777) == 0o600


def test_a_hard_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    out.write_text("old")
    os.link(out, tmp_path / "other.html")
    atomic_write(str(out), "new")
    assert out.read_text() == "new" and (tmp_path / "other.html").read_text() == "old"


@pytest.mark.timeout(30)
def test_a_fifo_destination_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write(str(fifo), "through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not list(tmp_path.glob(".pipe.*"))


def test_dev_null_is_written_not_replaced() -> None:
    import stat

    atomic_write(os.devnull, "nothing")
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_mid_write_leaves_no_temporary_file(tmp_path: Path, signame: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out.html"
    script = ("import sys, time\nfrom argmap.io import atomic_write\n"
              "def pieces():\n    yield 'start'\n    print('writing', flush=True)\n    time.sleep(30)\n"
              "    yield 'end'\n"
              f"atomic_write({str(out)!r}, pieces())\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).parent.parent)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    time.sleep(0.2)
    assert list(tmp_path.glob(".out.html.*.tmp"))  # the write is under way
    proc.send_signal(getattr(signal, signame))
    code = proc.wait(20)
    assert code != 0
    assert not list(tmp_path.glob(".out.html.*")) and not out.exists()
