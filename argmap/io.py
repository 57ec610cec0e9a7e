"""Reading inputs and writing outputs so that a failure never leaves a half-written file.

Outputs go to a temporary file in the destination's folder and are renamed into place: a reader
of the old file sees the old file or the new one, never a mix, and a crash (or a failing writer)
leaves the previous output untouched. The rename replaces a symlink at the destination instead
of writing through it onto whatever it points at.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator

from .errors import ArgmapError


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The file's bytes (``-`` is standard input), as a user error if it cannot be read."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise ArgmapError.at(path, "is a folder, not a map file", code="AM011") from None
    except OSError as exc:
        raise ArgmapError.at(path, f"cannot read: {exc.strerror or exc}", code="AM011") from None
    if len(data) > max_bytes:
        raise ArgmapError.at(path, f"file is larger than {max_bytes} bytes", code="AM009",
                             hint="raise the limit with --max-bytes if the map really is this large")
    return data


_CHUNK = 1 << 20  # characters encoded at a time: a 40 MB page is never held twice


def _chunks(data: str | bytes | Iterable[str]) -> Iterator[bytes]:
    """``data`` as UTF-8 bytes, a piece at a time (the same bytes as ``data.encode()``)."""
    if isinstance(data, bytes):
        yield data
        return
    if isinstance(data, str):
        for i in range(0, len(data), _CHUNK):
            yield data[i:i + _CHUNK].encode("utf-8")
        return
    for piece in data:
        yield piece.encode("utf-8")


@contextlib.contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the write as Ctrl-C does (an exception, so the temporary file is
    removed), then exit with the usual 128 + signal number."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {sig: signal.signal(sig, stop) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def atomic_write(path: str, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` to ``path`` all at once (``-`` writes to standard output).

    ``data`` may also be an iterable of text pieces (e.g. a template's ``generate()``), written
    as they come, so a large page need never exist as one string.

    Only a regular file (or a symlink) is replaced, keeping the old file's permissions (a hard
    link to it is not updated: the name gets a new file). A destination that exists and is not
    a regular file (``/dev/null``, a FIFO, a terminal) is written in place, never replaced.
    """
    if path == "-":
        if isinstance(data, (str, bytes)):  # all or nothing, as before
            data = [data.encode("utf-8") if isinstance(data, str) else data]  # type: ignore[list-item]
        for raw in data:
            sys.stdout.buffer.write(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    if os.path.isdir(path):
        raise ArgmapError.at(path, "is a folder: give a file name for the output", code="AM012")
    try:
        old = os.lstat(path)
    except OSError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode) and not stat.S_ISLNK(old.st_mode):
        _write_in_place(path, data)
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ArgmapError.at(path, f"cannot write here: {exc.strerror or exc}", code="AM012") from None
    try:
        with _cleanup_on_signals():
            with os.fdopen(fd, "wb") as fh:
                for chunk in _chunks(data):
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            if old is not None and stat.S_ISREG(old.st_mode):
                mode = stat.S_IMODE(old.st_mode)  # a private 0600 page stays private
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ArgmapError.at(path, f"cannot write: {exc.strerror or exc}", code="AM012") from None
        raise


def _write_in_place(path: str, data: str | bytes | Iterable[str]) -> None:
    """A device or FIFO: written to as it is (replacing ``/dev/null`` with a file, as root can,
    would break the system; replacing a FIFO would leave its reader with nothing)."""
    try:
        with open(path, "wb") as fh:
            for chunk in _chunks(data):
                fh.write(chunk)
    except OSError as exc:
        raise ArgmapError.at(path, f"cannot write: {exc.strerror or exc}", code="AM012") from None


def output_paths(inputs: list[str], output: str | None, suffix: str = ".html") -> list[str]:
    """Where each input's page goes: ``output`` itself for one map, ``output/NAME.html`` for
    several, else beside each map. Two maps that would write one page (``a.yaml`` and ``a.json``)
    are refused before anything is written, so no page is silently lost."""
    several = len(inputs) > 1
    targets = []
    for path in inputs:
        if output and several:
            targets.append(os.path.join(output, os.path.splitext(os.path.basename(path))[0] + suffix))
        elif output:
            targets.append(output)
        else:
            targets.append(("map" if path == "-" else os.path.splitext(path)[0]) + suffix)
    first: dict[str, str] = {}
    for path, target in zip(inputs, targets, strict=True):
        key = os.path.normcase(os.path.abspath(target))
        if key in first:
            raise ArgmapError.at(path, f"would write the same page as {first[key]}: {target}",
                                 code="AM012", hint="render them into different folders (-o), "
                                 "or rename one of the maps")
        first[key] = path
    return targets


def refuse_overwrite(path: str, what: str, *, force: bool) -> None:
    """A file someone has been editing (a plan, a draft) is not replaced without ``force``."""
    if path != "-" and (os.path.isfile(path) or os.path.islink(path)) and not force:
        raise ArgmapError.at(path, f"already exists: not overwriting {what}", code="AM012",
                             hint="choose another file name with -o, or pass --force")

