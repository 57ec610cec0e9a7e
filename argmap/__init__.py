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
    """Warnings about the argument (circular support, weak spots), most harmful first
    (``checks.by_harm``), together with what the reader noted."""
    from .checks import by_harm, run_checks

    with _gc_paused():
        return by_harm([*amap.diagnostics, *run_checks(amap)], amap)


def convert(amap: ArgumentMap, format: str, options: RenderOptions | None = None) -> str | bytes:
    """The map in another format (``argmap.formats.FORMATS`` lists them)."""
    from . import formats
    from .writers._chars import encodable

    writer = formats.get(format, purpose="write").load_writer()
    with _gc_paused():
        out = writer(amap, options or RenderOptions())
    return encodable(out) if isinstance(out, str) else out  # type: ignore[no-any-return]


def render(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The self-contained interactive HTML page."""
    return convert(amap, "html", options)  # type: ignore[return-value]


def write(amap: ArgumentMap, path: str | os.PathLike[str], *, format: str | None = None,
          options: RenderOptions | None = None) -> None:
    """Write the map to ``path`` atomically, in the format its extension names."""
    from . import formats
    from .io import atomic_write
    from .writers._chars import encodable, encodable_pieces

    path = os.fspath(path)
    fmt = formats.get(format, purpose="write") if format else formats.guess(path, purpose="write")
    writer = fmt.load_stream()
    essay = _rebased_essay(amap, path)
    if essay != amap.essay_path:
        amap = dataclasses.replace(amap, essay_path=essay)
    with _gc_paused():
        out = writer(amap, options or RenderOptions())
        atomic_write(path, encodable(out) if isinstance(out, str) else
                     out if isinstance(out, bytes) else encodable_pieces(out))


def _rebased_essay(amap: ArgumentMap, path: str) -> str | None:
    """The map's ``essay:`` as seen from the folder ``path`` is written to.

    ``essay:`` is relative to the map file, so a map written into another folder must name its
    essay from there, or the written map could not find it. Standard output and maps that were not
    read from a file keep it as it is.
    """
    ref = amap.essay_path
    if not ref or path == "-" or amap.path.startswith("<") or os.path.isabs(ref) or "\x00" in ref:
        return ref
    old = os.path.dirname(os.path.abspath(amap.path))
    new = os.path.dirname(os.path.abspath(path))
    if old == new:
        return ref
    rebased = os.path.relpath(os.path.normpath(os.path.join(old, ref)), new)
    return rebased.replace(os.sep, "/")


def trace(amap: ArgumentMap, node: str) -> Trace:
    """What ``node`` rests on, what rests on it, its objections, what it attacks and what answers
    it (``analysis.Trace``)."""
    from .analysis import trace as _trace

    return _trace(amap, node)


def __getattr__(name: str) -> Any:
    if name == "schema":
        from . import schema

        return schema
    raise AttributeError(name)
