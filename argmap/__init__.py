"""argmap: an essay's argument as a graph of which reasons rest on which evidence.

    >>> import argmap
    >>> amap = argmap.load("graphs/stalin_purges.yaml")
    >>> argmap.trace(amap, "rivals").rests_on          # what a motive rests on
    >>> argmap.write(amap, "stalin.html")              # the interactive page

Everything the ``argmap`` command does is a function here; errors in a user's file are raised as
:class:`ArgmapError` with file, line and column.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import ArgmapError, Diagnostic
from .model import ArgumentMap, Confidence, Kind, Location, Relation
from .options import LoadOptions, RenderOptions

if TYPE_CHECKING:
    from .analysis import Trace

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Confidence",
    "Diagnostic",
    "Kind",
    "LoadOptions",
    "Location",
    "Relation",
    "RenderOptions",
    "check",
    "convert",
    "load",
    "loads",
    "render",
    "trace",
    "write",
]


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector, paused for one call (nested and threaded calls included).

    Loading, checking and rendering a large map allocate millions of objects that live as long
    as the map (or the call) and form no garbage cycles; every generation-2 collection they set
    off would re-scan the whole map again, which at 100 000 nodes costs a third of the time.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


def load(path: str | os.PathLike[str], *, format: str | None = None,
         options: LoadOptions | None = None) -> ArgumentMap:
    """Read a map file (any readable format; ``-`` is standard input)."""
    from . import formats
    from .io import read_bytes

    options = options or LoadOptions()
    path = os.fspath(path)
    data = read_bytes(path, options.limits.max_bytes)
    name = "<stdin>" if path == "-" else path
    fmt = formats.get(format, purpose="read") if format else formats.guess(
        name, purpose="read", content=data)
    reader = fmt.load_reader()
    if path == "-" and options.essay is None and options.load_essay:
        # a map piped in has no folder of its own: its ``essay:`` would be read from wherever the
        # command runs (``essay: .ssh/id_rsa`` run in $HOME); only ``--essay`` names one
        options = dataclasses.replace(options, load_essay=False)
    with _gc_paused():
        return _counted(reader(data, name, options), options, name)


def _counted(amap: ArgumentMap, options: LoadOptions, name: str) -> ArgumentMap:
    """``--max-nodes`` for every reader (the native and graph readers also count before building)."""
    if len(amap) > options.limits.max_nodes:
        raise ArgmapError.at(name, f"more than {options.limits.max_nodes} nodes in one map", code="AM009",
                             hint="raise the limit with --max-nodes if the map really is this large")
    return amap


def loads(data: str | bytes, *, format: str = "yaml", path: str = "<string>",
          options: LoadOptions | None = None) -> ArgumentMap:
    """Read a map from text; ``path`` names it in errors and anchors a relative ``essay:``."""
    from . import formats

    raw = data.encode("utf-8") if isinstance(data, str) else data
    reader = formats.get(format, purpose="read").load_reader()
    options = options or LoadOptions()
    with _gc_paused():
        return _counted(reader(raw, path, options), options, path)


def check(amap: ArgumentMap) -> list[Diagnostic]:
    """Warnings about the argument (circular support, weak spots), in file order."""
    from .checks import run_checks

    with _gc_paused():
        return [*amap.diagnostics, *run_checks(amap)]


def convert(amap: ArgumentMap, format: str, options: RenderOptions | None = None) -> str | bytes:
    """The map in another format (``argmap.formats.FORMATS`` lists them)."""
    from . import formats

    writer = formats.get(format, purpose="write").load_writer()
    with _gc_paused():
        return writer(amap, options or RenderOptions())  # type: ignore[no-any-return]


def render(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The self-contained interactive HTML page."""
    return convert(amap, "html", options)  # type: ignore[return-value]


def write(amap: ArgumentMap, path: str | os.PathLike[str], *, format: str | None = None,
          options: RenderOptions | None = None) -> None:
    """Write the map to ``path`` atomically, in the format its extension names."""
    from . import formats
    from .io import atomic_write

    path = os.fspath(path)
    fmt = formats.get(format, purpose="write") if format else formats.guess(path, purpose="write")
    writer = fmt.load_stream()
    with _gc_paused():
        atomic_write(path, writer(amap, options or RenderOptions()))


def trace(amap: ArgumentMap, node: str) -> Trace:
    """What ``node`` rests on, what rests on it, and its objections."""
    from .analysis import trace as _trace

    return _trace(amap, node)


def __getattr__(name: str) -> Any:
    if name == "schema":
        from . import schema

        return schema
    raise AttributeError(name)
