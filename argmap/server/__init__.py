"""Local servers for one map: ``watch`` (live preview) and ``serve`` (editing in the page).

Both serve the same page as ``argmap render`` writes, on 127.0.0.1 only, plus a script that
follows the server's event stream: on every save of the map (or its essay) the page reloads
itself keeping its selection, view and zoom, and a save that breaks the map shows its errors
over the last good map. ``serve`` adds editing (:mod:`argmap.server.editing`).

    >>> from argmap.server import LiveServer
    >>> with LiveServer("graphs/stalin_purges.yaml", "watch") as live:   # a free port
    ...     print(live.url)
"""

from __future__ import annotations

import os
import signal
import threading
import webbrowser
from collections.abc import Callable
from types import TracebackType

from ..errors import ArgmapError
from ..options import LoadOptions, RenderOptions
from .http import LocalServer
from .session import Session

__all__ = ["LiveServer", "run"]

MODES = ("watch", "serve")


class LiveServer:
    """A session, its HTTP server and its file watcher, started together and stopped together."""

    def __init__(self, path: str, mode: str, *, port: int = 0, fmt: str | None = None,
                 load_options: LoadOptions | None = None,
                 render_options: RenderOptions | None = None,
                 on_change: Callable[[Session], None] | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        if not os.path.isfile(path):
            raise ArgmapError.at(path, "no such map file", code="AM011",
                                 hint="start one with: argmap new -o " + os.path.basename(path))
        if mode == "serve":
            from ..edit import MapFile

            MapFile.open(path)  # a file that cannot be edited (Argdown, AIF, broken YAML) is refused now
        self.session = Session(path, mode, fmt=fmt, load_options=load_options,
                               render_options=render_options, on_change=on_change)
        try:
            self.server = LocalServer(self.session, port)
        except OSError as exc:
            raise ArgmapError.at(path, f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}",
                                 code="AM040", hint="choose another --port, or leave it out for "
                                 "a free one") from None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> LiveServer:
        """Serve and watch in background threads."""
        for target in (self.server.serve_forever, self._watch):
            thread = threading.Thread(target=target, daemon=True, name=f"argmap-{target.__name__}")
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Stop watching and serving; open event streams end within a second."""
        self._stop.set()
        self.session.close()
        if self._threads:  # shutdown() waits for serve_forever, which must have started
            self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _watch(self) -> None:
        """Re-read the map whenever it or its essay is saved (editors often save by renaming a new
        file into place, so the folders are watched, not the files)."""
        import watchfiles

        while not self._stop.is_set():
            files = frozenset(self.session.watched())
            folders = sorted({os.path.dirname(f) for f in files if os.path.isdir(os.path.dirname(f))})
            for _changes in watchfiles.watch(*folders, stop_event=self._stop, debounce=50, step=25,
                                             watch_filter=_only(files), rust_timeout=1000,
                                             yield_on_timeout=False, raise_interrupt=False):
                self.session.refresh()
                if self.session.watched() != files:  # the map now names another essay
                    break


def _only(files: frozenset[str]) -> Callable[[object, str], bool]:
    """A watchfiles filter passing changes to ``files`` only (not the editor's swap files)."""
    return lambda _change, name: name in files


def run(path: str, mode: str, *, port: int = 0, open_browser: bool = False, fmt: str | None = None,
        load_options: LoadOptions | None = None, render_options: RenderOptions | None = None,
        say: Callable[[str], None] = print) -> None:
    """Serve ``path`` until Ctrl-C, reporting each new version with ``say``; returns cleanly."""

    def report(session: Session) -> None:
        version = session.version
        if version.errors:
            say(f"{len(version.errors)} error{'s' * (len(version.errors) != 1)} in {session.path}; "
                "the page keeps the last good map:")
            for d in version.errors:
                say("  " + d.format(hint=False))
        else:
            say(f"{session.path} changed: page updated")

    live = LiveServer(path, mode, port=port, fmt=fmt, load_options=load_options,
                      render_options=render_options)
    verb = "editing" if mode == "serve" else "watching"
    done = threading.Event()
    previous = None
    try:  # Ctrl-C at any moment from here on stops cleanly
        if threading.current_thread() is threading.main_thread():  # `kill` stops it as Ctrl-C does
            previous = signal.signal(signal.SIGTERM, lambda *_: done.set())
        live.start()
        say(f"{verb} {path} at {live.url}  (Ctrl-C stops)")
        if live.session.version.errors:
            report(live.session)
        live.session.on_change = report
        if open_browser:
            webbrowser.open(live.url)
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        live.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    say("stopped")
