"""One map on a local server: its current version, the last good page, and what changed it.

A version is a reading of the map file (and its essay): good (an ArgumentMap and its page) or
broken (the diagnostics, all of them). The page keeps showing the last good version; a broken
one only adds its errors. Readers learn of new versions through :meth:`Session.wait`, which
the server's event stream blocks on.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .. import ArgumentMap, formats, loads, render
from ..errors import ArgmapError, Diagnostic
from ..io import read_bytes
from ..options import LoadOptions, RenderOptions


def digest(data: bytes) -> str:
    """The version key of a file's bytes (sha256, as the edit module computes it)."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Version:
    """What the server last read: ``number`` grows with every change it noticed."""

    number: int
    digest: str
    errors: list[Diagnostic] = field(default_factory=list)

    def state(self) -> dict[str, Any]:
        return {"version": self.number, "digest": self.digest, "ok": not self.errors,
                "errors": [d.to_dict() for d in self.errors]}


class Session:
    """The map file, its last good page and the current version, shared by the server's threads."""

    def __init__(self, path: str, mode: str, *, fmt: str | None = None,
                 load_options: LoadOptions | None = None,
                 render_options: RenderOptions | None = None,
                 on_change: Callable[[Session], None] | None = None) -> None:
        self.path = path
        self.on_change = on_change
        self.mode = mode
        self.token = secrets.token_urlsafe(32)
        self.load_options = load_options or LoadOptions()
        self.render_options = render_options or RenderOptions()
        self.format = fmt
        self.lock = threading.RLock()
        self._changed = threading.Condition(self.lock)
        self.closed = False
        self.amap: ArgumentMap | None = None
        self.page = ""
        self.version = Version(0, "")
        self._key: tuple[str, str] | None = None
        self.refresh()

    # -- reading --------------------------------------------------------------------------------
    def essay_file(self, amap: ArgumentMap | None = None) -> str | None:
        """The essay ``amap`` (by default the current map) reads, watched beside the map, or None."""
        amap = amap or self.amap
        ref = self.load_options.essay or (amap.essay_path if amap else None)
        if not ref:
            return None
        return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(self.path)), ref))

    def watched(self) -> set[str]:
        """Absolute paths whose changes make a new version."""
        files = {os.path.abspath(self.path)}
        essay = self.essay_file()
        if essay:
            files.add(essay)
        return files

    def _essay_digest(self, amap: ArgumentMap | None = None) -> str:
        essay = self.essay_file(amap)
        if essay is None:
            return ""
        try:
            with open(essay, "rb") as fh:
                return digest(fh.read())
        except OSError:
            return ""

    def refresh(self) -> Version:
        """Read the map again; a new version only if its bytes (or the essay's) changed."""
        with self.lock:
            try:
                data = read_bytes(self.path, self.load_options.limits.max_bytes)
            except ArgmapError as exc:
                return self._publish(("", ""), "", None, exc.diagnostics)
            if self.format is None:
                self.format = formats.guess(self.path, purpose="read", content=data).name
            file_digest = digest(data)
            key = (file_digest, self._essay_digest())
            if key == self._key:
                return self.version
            try:
                amap = loads(data, format=self.format, path=self.path, options=self.load_options)
            except ArgmapError as exc:
                return self._publish(key, file_digest, None, exc.diagnostics)
            # the essay the new map names may differ from the one hashed above
            key = (file_digest, self._essay_digest(amap))
            return self._publish(key, file_digest, amap, [])

    def _publish(self, key: tuple[str, str], file_digest: str, amap: ArgumentMap | None,
                 errors: Iterable[Diagnostic]) -> Version:
        if key == self._key:
            return self.version
        self._key = key
        self.version = Version(self.version.number + 1, file_digest, list(errors))
        if amap is not None:
            self.amap = amap
            self.page = self._render(amap)
        elif not self.page:  # broken from the start: an empty map under the banner
            self.page = self._render(ArgumentMap(title=os.path.basename(self.path), path=self.path))
        self._changed.notify_all()
        if self.on_change:
            self.on_change(self)
        return self.version

    def _render(self, amap: ArgumentMap) -> str:
        live = {"mode": self.mode, "token": self.token, "version": self.version.number,
                "digest": self.version.digest}
        return render(amap, replace(self.render_options, live=live))

    # -- waiting --------------------------------------------------------------------------------
    def wait(self, seen: int, timeout: float) -> Version:
        """The current version once it is newer than ``seen`` (or after ``timeout`` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version.number > seen or self.closed, timeout)
            return self.version

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()
