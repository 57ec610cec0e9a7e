"""Edits from the page, applied to the map file through :class:`argmap.edit.MapFile`.

An edit names the version of the file the page showed (its digest). If the file changed on
disk since, the edit is refused as a ``conflict`` and nothing is written: the page reloads the
map the user changed elsewhere. Otherwise MapFile applies it, loads and checks the whole map as
``argmap check`` would (an error refuses it; so does a new circular support), and saves it
atomically (the previous file kept as ``MAP.bak``). Undo and redo put back the file's bytes from before (or
after) an edit, but only while the file is still exactly as that edit left it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ArgmapError, Diagnostic
from ..io import atomic_write, read_bytes
from .session import Session, digest


class EditRefused(Exception):
    """An edit not written: ``code`` is "conflict", "bad-request", "nothing" or an AMxxx code."""

    def __init__(self, code: str, message: str, diagnostics: list[Diagnostic] | None = None,
                 status: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.diagnostics = diagnostics or []
        self.status = status

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message,
                "diagnostics": [d.to_dict() for d in self.diagnostics]}


@dataclass(frozen=True)
class Step:
    """One saved edit: the file's bytes before and after it."""

    what: str
    before: bytes
    after: bytes


def _text(args: dict[str, Any], key: str) -> str:
    value = args.get(key)
    if not isinstance(value, str) or not value:
        raise EditRefused("bad-request", f"'{key}' must be a node id", status=400)
    return value


def _fields(args: dict[str, Any], key: str) -> dict[str, Any]:
    value = args.get(key)
    if not isinstance(value, dict):
        raise EditRefused("bad-request", f"'{key}' must be an object of fields", status=400)
    return value


def _add(mf: Any, args: dict[str, Any]) -> Any:
    node = dict(_fields(args, "node"))
    node_id = node.pop("id", None)
    if node_id is not None and (not isinstance(node_id, str) or not node_id):
        raise EditRefused("bad-request", "'id' must be a non-empty string", status=400)
    return mf.add_node(node, id=node_id)


def _link(mf: Any, args: dict[str, Any]) -> None:
    relation = args.get("relation") or "supports"
    if not isinstance(relation, str):
        raise EditRefused("bad-request", "'relation' must be a string", status=400)
    mf.link(_text(args, "from"), _text(args, "to"), relation)


#: op name -> how it is applied to a MapFile (which checks the result, new circular support included)
OPS: dict[str, Callable[[Any, dict[str, Any]], Any]] = {
    "add": _add,
    "update": lambda mf, a: mf.update_node(_text(a, "id"), _fields(a, "fields")),
    "link": _link,
    "unlink": lambda mf, a: mf.unlink(_text(a, "from"), _text(a, "to")),
    "remove": lambda mf, a: mf.remove_node(_text(a, "id")),
}


class Editor:
    """Applies the page's edits to the session's file, one at a time, with an undo history."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self._lock = threading.Lock()

    def _current(self, base: Any) -> bytes:
        """The file's bytes, if they are still the version the page showed."""
        data = read_bytes(self.session.path, self.session.load_options.limits.max_bytes)
        if not isinstance(base, str) or digest(data) != base:
            self.session.refresh()
            raise EditRefused("conflict", "the map file changed on disk since this page loaded it: "
                              "the page shows the new version; your edit was not saved", status=409)
        return data

    def apply(self, op: Any, args: Any, base: Any) -> dict[str, Any]:
        """Apply one edit (``op`` in :data:`OPS`) to the version ``base``; the new state and result."""
        from ..edit import MapFile

        if op not in OPS:
            raise EditRefused("bad-request", f"unknown edit '{op}'", status=400)
        if not isinstance(args, dict):
            raise EditRefused("bad-request", "the edit's arguments must be an object", status=400)
        with self._lock, self.session.lock:
            before = self._current(base)
            try:
                mf = MapFile.open(self.session.path)
                if mf.digest != digest(before):
                    raise EditRefused("conflict", "the map file changed on disk while saving: "
                                      "your edit was not saved", status=409)
                result = OPS[op](mf, args)
                mf.save()
            except ArgmapError as exc:
                first = exc.diagnostics[0]
                status = 409 if first.code == "conflict" else 422
                raise EditRefused(first.code, f"{first.code} {first.message}", exc.diagnostics,
                                  status) from None
            after = read_bytes(self.session.path, self.session.load_options.limits.max_bytes)
            self.undo_stack.append(Step(op, before, after))
            self.redo_stack.clear()
            state = self.session.refresh().state()
        return {**state, "result": result}

    def undo(self, base: Any) -> dict[str, Any]:
        return self._move(self.undo_stack, self.redo_stack, base, backwards=True)

    def redo(self, base: Any) -> dict[str, Any]:
        return self._move(self.redo_stack, self.undo_stack, base, backwards=False)

    def _move(self, source: list[Step], target: list[Step], base: Any, *, backwards: bool) -> dict[str, Any]:
        with self._lock, self.session.lock:
            word = "undo" if backwards else "redo"
            if not source:
                raise EditRefused("nothing", f"nothing to {word}", status=409)
            current = self._current(base)
            step = source[-1]
            expected, restored = (step.after, step.before) if backwards else (step.before, step.after)
            if current != expected:
                raise EditRefused("conflict", f"cannot {word}: the map file changed on disk since "
                                  "that edit", status=409)
            try:
                atomic_write(self.session.path, restored)
            except ArgmapError as exc:
                raise EditRefused(exc.first.code, exc.first.format(hint=False), exc.diagnostics,
                                  500) from None
            target.append(source.pop())
            state = self.session.refresh().state()
        return {**state, "result": step.what}
