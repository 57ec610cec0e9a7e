"""How Chromium is opened, the one way for the test suite (tests/conftest.py) and the benchmark
(benchmarks/run.py): Debian's Chromium through Playwright, headless, with a fresh profile."""

from __future__ import annotations

from typing import Any

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(pw: Any, profile: str, executable: str) -> Any:
    """A persistent context of ``executable`` (``shutil.which("chromium")``) in the empty folder
    ``profile``; ``pw`` is a started ``sync_playwright()``. One way, so the pages the benchmark
    times behave as the ones the tests check."""
    return pw.chromium.launch_persistent_context(
        profile, executable_path=executable, args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 1400, "height": 900},
    )
