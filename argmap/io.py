"""Reading inputs and writing outputs so that a failure never leaves a half-written file.

Outputs go to a temporary file in the destination's folder and are renamed into place: a reader
of the old file sees the old file or the new one, never a mix, and a crash (or a failing writer)
leaves the previous output untouched. The rename replaces a symlink at the destination instead
of writing through it onto whatever it points at.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

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


def atomic_write(path: str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` all at once (``-`` writes to standard output)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path == "-":
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    if os.path.isdir(path):
        raise ArgmapError.at(path, "is a folder: give a file name for the output", code="AM012")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ArgmapError.at(path, f"cannot write here: {exc.strerror or exc}", code="AM012") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ArgmapError.at(path, f"cannot write: {exc.strerror or exc}", code="AM012") from None
        raise
