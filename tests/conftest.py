"""Fixtures shared by the whole suite: paths, map factories, and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from tests.browser import launch_chromium  # one way to open the browser, for tests and benchmark
from tests.maps import CORPORA

ROOT = Path(__file__).resolve().parent.parent
GRAPHS = ROOT / "graphs"
DATA = Path(__file__).resolve().parent / "data"
IN_CI = bool(os.environ.get("CI"))

# CI draws the same examples every run: a rare counterexample that a property test finds by chance
# on a developer's machine is fixed deliberately, rather than turning an unrelated change red
settings.register_profile("ci", derandomize=True, database=None)
if IN_CI:
    settings.load_profile("ci")


def need(condition: bool, reason: str) -> None:
    """Skip outside CI when something optional is missing; in CI a missing piece is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


#: text that must stay text in every output: markup, script, template syntax, attribute breakers,
#: JavaScript line separators, bidi overrides
PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    "javascript:alert(4)",
    "\"'><svg onload=alert(5)>",
    "{{7*7}} ${7*7} {% raw %}",
    "line\u2028sep\u2029para",
    "]]> --> <!-- -- ; \\ \" ' ` | { } [ ] # & %",
    "\u202eevil\u202c and \U0001f600",
]


GOLDEN = DATA / "golden"
UPDATE_GOLDEN = bool(os.environ.get("ARGMAP_UPDATE_GOLDEN"))


def golden_path(name: str) -> Path:
    """``NAME`` relative to tests/data (``interop/stalin_purges.dot``); a bare file name is in
    tests/data/golden. Nothing outside tests/data."""
    rel = Path(name)
    path = (DATA / rel if len(rel.parts) > 1 else GOLDEN / rel).resolve()
    if rel.is_absolute() or DATA.resolve() not in path.parents:
        raise ValueError(f"a golden file lives under tests/data, not at {name}")
    return path


@pytest.fixture(scope="session")
def golden() -> Callable[[str, str], None]:
    """``golden(name, text)``: ``text`` must equal the golden file ``name`` (see :func:`golden_path`;
    a missing file fails); with ARGMAP_UPDATE_GOLDEN=1 the file is (re)written instead, for review
    in the diff. The one way every test compares output with a golden file."""

    def check(name: str, text: str) -> None:
        path = golden_path(name)
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file {name}; ARGMAP_UPDATE_GOLDEN=1 writes it"
        assert text == path.read_text(encoding="utf-8"), f"{name} changed; ARGMAP_UPDATE_GOLDEN=1 to accept"

    return check


@pytest.fixture(scope="session")
def payloads() -> list[str]:
    return list(PAYLOADS)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def stalin_path() -> Path:
    return GRAPHS / "stalin_purges.yaml"


@pytest.fixture(scope="session")
def stalin(stalin_path: Path) -> Any:
    import argmap

    return argmap.load(stalin_path)


@pytest.fixture(scope="session")
def bundled_maps() -> list[Path]:
    return sorted(GRAPHS.glob("*.yaml"))


@pytest.fixture(scope="session")
def corpora() -> Path:
    need(CORPORA.is_dir(), f"the shared corpora are not at {CORPORA}")
    return CORPORA


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[..., Path]:
    """Write a map (dedented YAML/JSON text) plus optional files beside it; returns its path."""

    def write(text: str, name: str = "map.yaml", files: dict[str, str] | None = None) -> Path:
        for fname, content in (files or {}).items():
            (tmp_path / fname).write_text(content, encoding="utf-8")
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


def run_cli(*args: str, input: str | None = None, cwd: str | Path | None = None,
            env: dict[str, str] | None = None) -> Any:
    """``argmap ARGS`` as a real subprocess (the installed entry point's module)."""
    import subprocess

    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=300,
    )


@pytest.fixture
def cli_run() -> Callable[..., Any]:
    return run_cli


def run_until_ctrl_c(args: list[str], while_running: Callable[[str], None] = lambda first: None,
                     ) -> tuple[str, str, int]:
    """``argmap ARGS`` (a server: watch, serve) as a real subprocess: its first line on stderr
    goes to ``while_running``, then Ctrl-C. Returns (first line, the rest of stderr, exit status);
    the process never outlives the test."""
    import signal
    import subprocess

    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], stderr=subprocess.PIPE,
                            text=True)
    try:
        first = proc.stderr.readline()  # type: ignore[union-attr]
        while_running(first)
        proc.send_signal(signal.SIGINT)
        _, rest = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return first, rest, proc.returncode


# -- the browser ------------------------------------------------------------------------------
@dataclass
class Page:
    """A Playwright page plus what it did: requests to anything but file:, dialogs, errors."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


#: where scripts/test installs the pinned Argdown CLI
ARGMAP_NPM = Path(os.environ.get("ARGMAP_NPM")
                  or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "argmap" / "npm")


@pytest.fixture(scope="session")
def argdown_cli() -> Path:
    """The Argdown CLI (``argdown json``), for the differential tests."""
    exe = ARGMAP_NPM / "node_modules" / ".bin" / "argdown"
    need(exe.exists() and shutil.which("node") is not None,
         f"the Argdown CLI is not installed in {ARGMAP_NPM} (scripts/test installs it)")
    return exe


@pytest.fixture(scope="session")
def mermaid_js() -> Path:
    """Mermaid's browser build from npm, to render our flowcharts in Chromium offline."""
    script = ARGMAP_NPM / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    need(script.exists(), f"mermaid is not installed in {ARGMAP_NPM} (scripts/test installs it)")
    return script


@pytest.fixture(scope="session")
def graphviz_dot() -> str:
    dot = shutil.which("dot")
    need(dot is not None, "Graphviz's dot is not installed (apt-get install graphviz)")
    assert dot is not None
    return dot


@pytest.fixture(scope="session")
def browser_context() -> Iterator[Any]:
    chromium = shutil.which("chromium")
    need(chromium is not None, "Debian's chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        need(False, "playwright is not installed")
        raise
    user_data = tempfile.mkdtemp(prefix="argmap-chromium-")
    with sync_playwright() as pw:
        context = launch_chromium(pw, user_data, chromium)
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(user_data, ignore_errors=True)


@pytest.fixture
def open_page(browser_context: Any) -> Iterator[Callable[..., Page]]:
    """Open an HTML file in Chromium (with ``hash``, in the state it names, such as
    ``#essay=0&panel=0``) and wait until the map has drawn once."""
    pages: list[Any] = []

    def open_(path: str | Path, *, wait: bool = True, viewport: dict[str, int] | None = None,
              hash: str = "") -> Page:
        page = browser_context.new_page()
        pages.append(page)
        if viewport:
            page.set_viewport_size(viewport)
        record = Page(page)

        def on_request(req: Any) -> None:
            if not req.url.startswith(("file:", "data:", "blob:", "about:")):
                record.requests.append(req.url)

        def on_dialog(dialog: Any) -> None:
            record.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("request", on_request)
        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: record.errors.append(str(exc)))
        # every request that is not a local file fails, as it would offline
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        page.goto(Path(path).resolve().as_uri() + hash)  # the page reads its hash as it starts
        if wait:
            page.wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)
        return record

    yield open_
    for p in pages:
        p.close()


# -- local servers (argmap watch / serve) --------------------------------------------------------
@pytest.fixture
def live_server() -> Iterator[Callable[..., Any]]:
    """Start ``argmap.server.LiveServer`` for a map on 127.0.0.1; every one is stopped afterwards."""
    from argmap.server import LiveServer

    started: list[Any] = []

    def start(path: str | Path, mode: str = "watch") -> Any:
        live = LiveServer(str(path), mode).start()
        started.append(live)
        return live

    yield start
    for live in started:
        live.stop()


@pytest.fixture
def open_live(browser_context: Any) -> Iterator[Callable[..., Page]]:
    """Open a local server's page in Chromium; requests anywhere else fail and are recorded."""
    pages: list[Any] = []

    def open_(url: str, *, viewport: dict[str, int] | None = None) -> Page:
        page = browser_context.new_page()
        pages.append(page)
        page.set_viewport_size(viewport or {"width": 1280, "height": 800})
        record = Page(page)
        origin = url.rstrip("/")

        def on_dialog(dialog: Any) -> None:
            record.dialogs.append(dialog.message)
            dialog.dismiss()

        def route(r: Any) -> None:
            if r.request.url.startswith((origin + "/", "data:", "blob:")):
                r.continue_()
            else:
                record.requests.append(r.request.url)
                r.abort()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: record.errors.append(str(exc)))
        page.route("**/*", route)
        page.goto(url)
        page.wait_for_selector("body[data-live]", state="attached", timeout=30_000)
        return record

    yield open_
    for p in pages:
        p.close()
