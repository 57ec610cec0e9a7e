"""Edits of a map file that change only what the edit changes.

A student's YAML is the source of truth: its comments, key order, quoting and blank lines are
theirs. So an edit is made on the text, not by dumping a parsed document: the file is composed
with PyYAML (which gives every key and value its exact span), and an edit replaces, inserts or
deletes only the lines of the fields it touches, rendered in the file's own indentation. Files
whose shape the splicing cannot address (nodes written as flow mappings, ``nodes: {}``) are
edited through ruamel.yaml's round-trip mode instead, which keeps comments and order but may
re-indent. JSON maps are re-serialised with their own indent and key order.

Every edit is checked at once by the same reader and checks as ``argmap check``: an edit that
makes the map invalid (or makes a new circular support) raises :class:`ArgmapError` and leaves
the text as it was. :meth:`MapFile.save` refuses to overwrite a file that changed on disk since
it was opened (code ``conflict``), keeps the previous version as ``MAP.bak`` and writes
atomically.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

from .errors import ArgmapError, Diagnostic, did_you_mean
from .model import KINDS
from .schema import ID_RE, NODE_FIELDS, RELATION_FIELDS
from .writers.native import _BREAKS, _Dumper

if TYPE_CHECKING:
    from .model import ArgumentMap

#: the order fields of a new node are written in (the native writer's order)
_FIELD_ORDER = ("kind", "label", "text", "confidence", "source", "quote", "tags", "note", "group",
                "supports", "attacks", "undercuts", "data", "review")
_RELATIONS = (*RELATION_FIELDS, "undercuts")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STOPWORDS = frozenset(("a", "an", "the", "of", "to", "in", "on", "at", "and", "or", "but", "is", "are",
                        "was", "were", "be", "been", "it", "its", "his", "her", "their", "that", "this",
                        "for", "by", "with", "as", "from"))
_MAX_ID = 32
BACKUP_SUFFIX = ".bak"


class MapFile:
    """One map file opened for editing; ``text()`` is the edited content, ``save()`` writes it."""

    def __init__(self, path: str, raw: bytes) -> None:
        from . import formats
        from .readers._source import decode

        self.path = path
        self.digest = hashlib.sha256(raw).hexdigest()
        fmt = formats.guess(path, purpose="read", content=raw)
        if fmt.name not in ("yaml", "json"):
            raise ArgmapError.at(path, f"only argmap's own YAML or JSON maps can be edited, not {fmt.name}",
                                 code="AM010", hint=f"convert it first: argmap convert {path} -o map.yaml")
        self.format = fmt.name
        decode(raw, path)  # the reader's UTF-8 check and its diagnostic
        text = raw.decode("utf-8")
        self._bom = "\ufeff" if text.startswith("\ufeff") else ""
        self._text = text[len(self._bom):]
        #: warnings of the last validated text (``argmap check``'s findings)
        self.warnings: list[Diagnostic] = []
        self._valid: tuple[str, ArgumentMap] | None = None
        self._plain()  # a file edits cannot address is refused now, not at the first edit

    @classmethod
    def open(cls, path: str) -> MapFile:
        from .io import read_bytes
        from .options import DEFAULT_LIMITS

        return cls(path, read_bytes(path, DEFAULT_LIMITS.max_bytes))

    # -- reading -------------------------------------------------------------------------------
    def text(self) -> str:
        """The file's content with every edit so far."""
        return self._bom + self._text

    def ids(self) -> list[str]:
        """The node ids, in file order."""
        return list(self._nodes())

    def node(self, id: str) -> dict[str, Any]:
        """A node's fields as written (scalars as text), for building an edit."""
        return dict(self._need(id))

    def review(self, node: str | None = None) -> list[dict[str, Any]]:
        """The review notes of ``node`` (None: of the map) as written."""
        fields = self._plain() if node is None else self._need(node)
        notes = fields.get("review")
        return list(notes) if isinstance(notes, list) else []

    def validate(self) -> ArgumentMap:
        """The edited text read and checked as ``argmap check`` would: errors raise, warnings are
        kept in ``warnings``; locations point into :meth:`text`."""
        import argmap

        text = self.text()
        if self._valid is not None and self._valid[0] == text:
            return self._valid[1]
        amap = argmap.loads(text, format=self.format, path=self.path)
        self.warnings = argmap.check(amap)
        self._valid = (text, amap)
        return amap

    # -- edits ---------------------------------------------------------------------------------
    def add_node(self, fields: dict[str, Any], id: str | None = None) -> str:
        """Append a node after the existing ones; returns its id (made from the label or text)."""
        fields = {k: v for k, v in fields.items() if v is not None}
        self._known_fields(fields)
        nodes = self._nodes()
        if id is None:
            id = make_id(fields, nodes)
        elif not isinstance(id, str) or not ID_RE.match(id):
            raise self._error("AM102", f"bad node id '{id}'",
                              "ids use only letters, digits, '_' and '-', e.g. 'kirov_murder'")
        elif id in nodes:
            raise self._error("AM103", f"duplicate node id '{id}'", "every node needs its own id")
        ordered = {k: fields[k] for k in _FIELD_ORDER if k in fields}
        ordered.update((k, v) for k, v in fields.items() if k not in ordered)
        self._transaction(lambda: self._backend().add_node(id, ordered))
        return id

    def update_node(self, id: str, fields: dict[str, Any]) -> None:
        """Set fields of a node; a field set to None is removed."""
        self._need(id)
        self._known_fields(fields)

        def apply() -> None:
            for key, value in fields.items():
                self._backend().set_field(id, key, value)

        self._transaction(apply)

    def link(self, source: str, target: str, relation: str = "supports", *,
             premise: str | None = None, allow_cycle: bool = False) -> None:
        """``source`` supports or attacks ``target`` (replacing another relation between them), or
        undercuts the step from ``premise`` to ``target``. A new circular support is refused unless
        ``allow_cycle``."""
        if relation not in _RELATIONS:
            raise self._error("AM006", f"unknown relation '{relation}'" + did_you_mean(relation, _RELATIONS),
                              "a link supports, attacks or undercuts")
        fields = self._need(source)
        self._need(target)
        if premise is not None:
            self._need(premise)
        if relation == "undercuts" and premise is None:
            raise self._error("AM112", "an undercut needs the premise whose step it attacks")
        if source == target:
            raise self._error("AM107", f"node '{source}' {relation} itself",
                              "a statement cannot be its own reason or objection")
        changes: dict[str, Any] = {}
        for rel in _RELATIONS:
            entries = _entries(fields.get(rel))
            kept = [e for e in entries if _target_of(e) != target]
            if rel == relation:
                entry: Any = {"from": premise, "to": target} if rel == "undercuts" else target
                if entry in entries or (rel != "undercuts" and target in map(_target_of, entries)):
                    kept = entries  # already there, with or without a link name
                else:
                    kept.append(entry)
            if kept != entries:
                changes[rel] = _shape(kept, fields.get(rel))
        if changes:
            self._transaction(lambda: self._set_all(source, changes), allow_cycle=allow_cycle)

    def unlink(self, source: str, target: str) -> None:
        """Remove whatever relation ``source`` has to ``target``."""
        fields = self._need(source)
        self._need(target)
        changes = {}
        for rel in _RELATIONS:
            entries = _entries(fields.get(rel))
            kept = [e for e in entries if _target_of(e) != target]
            if kept != entries:
                changes[rel] = _shape(kept, fields.get(rel))
        if not changes:
            raise self._error("AM112", f"'{source}' does not argue about '{target}'",
                              "only an existing link can be removed")
        self._transaction(lambda: self._set_all(source, changes))

    def remove_node(self, id: str) -> None:
        """Remove a node and every link to it from other nodes."""
        self._need(id)
        nodes = self._nodes()

        def apply() -> None:
            self._backend().remove_node(id)
            for other, fields in nodes.items():
                if other == id or not isinstance(fields, dict):
                    continue
                changes = {}
                for rel in _RELATIONS:
                    entries = _entries(fields.get(rel))
                    kept = [e for e in entries if id not in _ids_of(e)]
                    if kept != entries:
                        changes[rel] = _shape(kept, fields.get(rel))
                if changes:
                    self._set_all(other, changes)

        self._transaction(apply)

    def add_review(self, node: str | None, text: str, by: str | None = None, at: str | None = None) -> None:
        """Append a review note to ``node`` (None: to the map itself)."""
        notes = self.review(node)
        note: dict[str, Any] = {}
        if by is not None and by.strip():
            note["by"] = by.strip()
        if at is not None:
            note["at"] = at
        note["text"] = text.strip() if isinstance(text, str) else text
        self._transaction(lambda: self._backend().set_field(node, "review", [*notes, note]))

    # -- writing -------------------------------------------------------------------------------
    def save(self) -> str:
        """Write the edited text: validated, only over the bytes that were opened, the old file kept
        as ``MAP.bak``, atomically and with the file's mode. Returns (and keeps) the new digest."""
        from .io import atomic_write

        self.validate()
        target = os.path.realpath(self.path)
        try:
            with open(target, "rb") as fh:
                current = fh.read()
            mode = os.stat(target).st_mode & 0o7777
        except OSError as exc:
            raise ArgmapError.at(self.path, f"cannot read: {exc.strerror or exc}", code="AM011") from None
        if hashlib.sha256(current).hexdigest() != self.digest:
            raise ArgmapError.at(self.path, "the file changed on disk since it was opened", code="conflict",
                                 hint="reload the map and make the edit again; nothing was written")
        new = self.text().encode("utf-8")
        if new != current:
            atomic_write(target + BACKUP_SUFFIX, current)
            os.chmod(target + BACKUP_SUFFIX, mode)
            atomic_write(target, new)
            os.chmod(target, mode)
        self.digest = hashlib.sha256(new).hexdigest()
        return self.digest

    # -- internals -----------------------------------------------------------------------------
    def _error(self, code: str, message: str, hint: str | None = None) -> ArgmapError:
        return ArgmapError(Diagnostic(self.path, 1, 1, code, message, hint))

    def _plain(self) -> dict[str, Any]:
        """The document as plain data (every scalar as its text), or a user error."""
        if self.format == "json":
            try:
                doc = json.loads(self._text)
            except ValueError:
                doc = None
        else:
            try:
                doc = _plain(yaml.compose(self._text, Loader=_loader()))
            except yaml.YAMLError:
                doc = None
        if not isinstance(doc, dict):
            self.validate()  # the reader's own diagnostics, with line and column
            raise self._error("AM003", "a map file must be a mapping with 'nodes:'")
        return doc

    def _nodes(self) -> dict[str, Any]:
        nodes = self._plain().get("nodes")
        return nodes if isinstance(nodes, dict) else {}

    def _need(self, id: str) -> dict[str, Any]:
        nodes = self._nodes()
        fields = nodes.get(id) if isinstance(id, str) else None
        if fields is None:
            raise self._error("AM101", f"unknown node '{id}'" + did_you_mean(str(id), nodes),
                              "name the id of a node in this map")
        return fields if isinstance(fields, dict) else {}

    def _known_fields(self, fields: dict[str, Any]) -> None:
        for name in fields:
            if name not in NODE_FIELDS:
                raise self._error("AM106", f"unknown field '{name}'" + did_you_mean(name, NODE_FIELDS),
                                  "fields are: " + ", ".join(NODE_FIELDS))
        kind = fields.get("kind")
        if kind is not None and kind not in KINDS:
            raise self._error("AM104", f"unknown kind '{kind}'" + did_you_mean(str(kind), KINDS),
                              "kind is one of: " + ", ".join(KINDS))

    def _backend(self) -> _Backend:
        if self.format == "json":
            return _Json(self)
        return _Splice(self)

    def _set_all(self, node: str, changes: dict[str, Any]) -> None:
        for key, value in changes.items():
            self._backend().set_field(node, key, value)

    def _transaction(self, apply: Callable[[], None], *, allow_cycle: bool = False) -> None:
        """Apply an edit, check the result, and undo it if the map is no longer valid."""
        before = self._text
        try:
            old_cycles = {d.message for d in self._checked_warnings() if d.code == "AM201"}
        except ArgmapError:
            old_cycles = set()
        try:
            apply()
            self.validate()
            new = [d for d in self.warnings if d.code == "AM201" and d.message not in old_cycles]
            if new and not allow_cycle:
                raise ArgmapError([dataclasses.replace(d, severity="error") for d in new])
        except BaseException:
            self._text = before
            self._valid = None
            raise

    def _checked_warnings(self) -> list[Diagnostic]:
        self.validate()
        return self.warnings


# -- ids ---------------------------------------------------------------------------------------------
def make_id(fields: dict[str, Any], taken: Any) -> str:
    """A readable id from the label (else the text): lower-case words joined by ``_``, unique."""
    source = fields.get("label") or fields.get("text") or ""
    ascii_text = unicodedata.normalize("NFKD", str(source)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    meaningful = [w for w in words if w not in _STOPWORDS] or words
    base = ""
    for word in meaningful:
        if base and len(base) + 1 + len(word) > _MAX_ID:
            break
        base = f"{base}_{word}" if base else word[:_MAX_ID]
    if not base:
        base = str(fields.get("kind") or "node")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


# -- plain data ----------------------------------------------------------------------------------
def _loader() -> Any:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain(node: Any) -> Any:
    """A composed YAML node as data: every scalar as written (``yes`` stays the word), a plain
    empty or ``null`` scalar as None; the native reader reads scalars the same way."""
    if isinstance(node, yaml.MappingNode):
        return {_plain(k) if isinstance(k, yaml.ScalarNode) else str(k): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    if node is None:
        return None
    if node.style is None and node.value in _NULLS:
        return None
    return node.value


def _entries(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _target_of(entry: Any) -> Any:
    return entry.get("to") if isinstance(entry, dict) else entry


def _ids_of(entry: Any) -> tuple[Any, ...]:
    return (entry.get("to"), entry.get("from")) if isinstance(entry, dict) else (entry,)


def _shape(entries: list[Any], old: Any) -> Any:
    """Targets written the way the file wrote them: nothing, one id, or a list."""
    if not entries:
        return None
    if len(entries) == 1 and not isinstance(old, list) and not isinstance(entries[0], dict):
        return entries[0]
    return entries


# -- backends ------------------------------------------------------------------------------------
class _Backend:
    def __init__(self, mapfile: MapFile) -> None:
        self.file = mapfile

    def set_field(self, node: str | None, key: str, value: Any) -> None:
        raise NotImplementedError

    def add_node(self, id: str, fields: dict[str, Any]) -> None:
        raise NotImplementedError

    def remove_node(self, id: str) -> None:
        raise NotImplementedError


class _Json(_Backend):
    """JSON maps: edited as data and written back with the file's indent and key order."""

    def _edit(self, change: Callable[[dict[str, Any]], None]) -> None:
        text = self.file._text
        doc = json.loads(text)
        change(doc)
        indent: int | str | None = None
        found = re.search(r"\n([ \t]+)\S", text)
        if found:
            ws = found.group(1)
            indent = ws if "\t" in ws else len(ws)
        ascii_only = text.isascii() and "\\u" in text
        out = json.dumps(doc, indent=indent, ensure_ascii=ascii_only)
        self.file._text = out + ("\n" if text.endswith("\n") else "")

    def set_field(self, node: str | None, key: str, value: Any) -> None:
        def change(doc: dict[str, Any]) -> None:
            target = doc if node is None else doc["nodes"][node]
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value

        self._edit(change)

    def add_node(self, id: str, fields: dict[str, Any]) -> None:
        def change(doc: dict[str, Any]) -> None:
            if not isinstance(doc.get("nodes"), dict):
                doc["nodes"] = {}
            doc["nodes"][id] = fields

        self._edit(change)

    def remove_node(self, id: str) -> None:
        self._edit(lambda doc: doc["nodes"].pop(id))


class _Fallback(Exception):
    """The splice cannot address this part of the file: edit through ruamel.yaml instead."""


class _Splice(_Backend):
    """YAML maps: the lines of the touched fields replaced, everything else left as it was."""

    def __init__(self, mapfile: MapFile) -> None:
        super().__init__(mapfile)
        text = mapfile._text
        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.root = yaml.compose(text, Loader=_loader())
        # an alias shares its anchor's node, and so its position: such files go through ruamel
        self.aliases = "*" in text and any(isinstance(e, yaml.AliasEvent)
                                           for e in yaml.parse(text, Loader=_loader()))

    # primitives, each falling back to ruamel when the file's shape is not block style
    def set_field(self, node: str | None, key: str, value: Any) -> None:
        try:
            self._set_field(node, key, value)
        except _Fallback:
            _Ruamel(self.file).set_field(node, key, value)

    def add_node(self, id: str, fields: dict[str, Any]) -> None:
        try:
            self._add_node(id, fields)
        except _Fallback:
            _Ruamel(self.file).add_node(id, fields)

    def remove_node(self, id: str) -> None:
        try:
            self._remove_node(id)
        except _Fallback:
            _Ruamel(self.file).remove_node(id)

    # positions
    def _line_start(self, i: int) -> int:
        return self.text.rfind("\n", 0, i) + 1

    def _line_end(self, i: int) -> int:
        j = self.text.find("\n", i)
        return len(self.text) if j < 0 else j + 1

    def _end(self, node: Any) -> int:
        """Where a value's own text ends (before trailing blank lines and comments)."""
        if isinstance(node, yaml.ScalarNode):
            end = int(node.end_mark.index)
            if node.style in ("|", ">"):
                while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                    end -= 1
            return end
        if node.flow_style or not node.value:
            return int(node.end_mark.index)
        last = node.value[-1]
        return self._end(last[1] if isinstance(node, yaml.MappingNode) else last)

    def _block_map(self, node: Any) -> Any:
        if self.aliases or not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
            raise _Fallback
        return node

    def _nodes(self) -> Any:
        root = self._block_map(self.root)
        for k, v in root.value:
            if k.value == "nodes":
                return self._block_map(v)
        raise _Fallback

    def _mapping(self, node: str | None) -> Any:
        if node is None:
            return self._block_map(self.root)
        for k, v in self._nodes().value:
            if k.value == node:
                return self._block_map(v)
        raise _Fallback

    def _splice(self, start: int, end: int, new: str) -> None:
        if new and start == len(self.text) and self.text and not self.text.endswith("\n"):
            new = self.nl + new
        self.file._text = self.text[:start] + new + self.text[end:]

    # style
    def _map_indent(self) -> int:
        try:
            nodes = self._nodes()
        except _Fallback:
            return 2
        for k, v in nodes.value:
            if isinstance(v, yaml.MappingNode) and not v.flow_style and v.value:
                return max(1, v.value[0][0].start_mark.column - k.start_mark.column)
        return 2

    def _indented_sequences(self) -> bool:
        """Whether the file indents a block list under its key (``key:\\n  - a``)."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(v, yaml.SequenceNode) and not v.flow_style and v.value:
                        return bool(v.start_mark.column > k.start_mark.column)
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return False

    def _render(self, data: Any, column: int, *, block: bool = False) -> str:
        """``data`` as YAML lines in the file's style, shifted right by ``column``."""
        dumper = _IndentedDumper if self._indented_sequences() else _EditDumper
        if isinstance(data, dict):
            data = _Block({k: _Block(v) if isinstance(v, dict) else v for k, v in data.items()})
        out = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1 << 30,
                        default_flow_style=False if block else None, indent=self._map_indent())
        pad = " " * column
        lines = out.split("\n")[:-1]
        return "".join((pad + line if line else line) + self.nl for line in lines)

    # edits
    def _set_field(self, node: str | None, key: str, value: Any) -> None:
        mapping = self._mapping(node)
        pair = next(((k, v) for k, v in mapping.value if k.value == key), None)
        block = key in ("review", "undercuts", "data")
        if pair is None:
            if value is None:
                return
            column = mapping.value[0][0].start_mark.column
            if node is None:  # a map-level field goes before 'nodes', after the field above it
                keys = [k.value for k, _ in mapping.value]
                at = keys.index("nodes") if "nodes" in keys else len(keys)
                pos = (self._line_end(self._end(mapping.value[at - 1][1])) if at
                       else self._line_start(mapping.value[0][0].start_mark.index))
            else:
                pos = self._line_end(self._end(mapping.value[-1][1]))
            self._splice(pos, pos, self._render({key: value}, column, block=block))
            return
        k, v = pair
        if value is not None and _plain(v) == value:
            return  # unchanged: keep it as written
        start = self._line_start(k.start_mark.index)
        end = self._line_end(self._end(v))
        if value is None:
            self._splice(start, end, "")
            return
        if isinstance(v, yaml.SequenceNode) and not v.flow_style and isinstance(value, list):
            old = _plain(v)
            if len(value) > len(old) and value[:len(old)] == old:  # items appended
                self._splice(end, end, self._render(value[len(old):], v.start_mark.column, block=True))
                return
            if len(value) < len(old) and _is_subsequence(value, old):  # items removed
                keep = list(value)
                cuts = []
                for item_node, item in zip(v.value, old, strict=True):
                    if keep and keep[0] == item:
                        keep.pop(0)
                    else:
                        cuts.append((self._line_start(item_node.start_mark.index),
                                     self._line_end(self._end(item_node))))
                text = self.text
                for a, b in reversed(cuts):
                    text = text[:a] + text[b:]
                self.file._text = text
                return
            block = True
        new = self._render({key: value}, k.start_mark.column, block=block)
        old_last_line = self.text[self._line_start(self._end(v)):end]
        comment = re.search(r"[ \t]+#[^\n]*", old_last_line[self._end(v) - self._line_start(self._end(v)):])
        if comment and start == self._line_start(self._end(v)) and new.count("\n") == 1:
            new = new.rstrip("\r\n") + comment.group(0).rstrip("\r") + self.nl
        self._splice(start, end, new)

    def _add_node(self, id: str, fields: dict[str, Any]) -> None:
        nodes = self._nodes()
        column = nodes.value[0][0].start_mark.column
        pos = self._line_end(self._end(nodes.value[-1][1]))
        gap = ""
        if len(nodes.value) >= 2:
            between = self.text[self._line_end(self._end(nodes.value[-2][1])):
                                self._line_start(nodes.value[-1][0].start_mark.index)]
            if any(not line.strip() for line in between.split("\n")[:-1]):
                gap = self.nl
        self._splice(pos, pos, gap + self._render({id: fields}, column))

    def _remove_node(self, id: str) -> None:
        nodes = self._nodes()
        for i, (k, v) in enumerate(nodes.value):
            if k.value != id:
                continue
            if len(nodes.value) == 1:
                raise _Fallback
            start = self._line_start(k.start_mark.index)
            end = self._line_end(self._end(v))
            # the blank lines that set it apart go with it
            if i + 1 < len(nodes.value):
                nxt = self._line_start(nodes.value[i + 1][0].start_mark.index)
                while end < nxt and not self.text[end:self._line_end(end)].strip():
                    end = self._line_end(end)
            else:
                prev_end = self._line_end(self._end(nodes.value[i - 1][1]))
                while start > prev_end and not self.text[self._line_start(start - 1):start].strip():
                    start = self._line_start(start - 1)
            self._splice(start, end, "")
            return
        raise _Fallback


def _is_subsequence(short: list[Any], long: list[Any]) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


class _Ruamel(_Backend):
    """Round-trip edits through ruamel.yaml, for YAML shapes the splice does not address."""

    def _edit(self, change: Callable[[Any], None]) -> None:
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.util import load_yaml_guess_indent

        text = self.file._text
        _, indent, block_seq_indent = load_yaml_guess_indent(text)
        rt = YAML(typ="rt")
        rt.preserve_quotes = True
        rt.width = 1 << 30
        offset = block_seq_indent or 0
        rt.indent(mapping=indent or 2, sequence=(indent or 2) + offset, offset=offset)
        doc = rt.load(text)
        if not isinstance(doc, CommentedMap):
            raise ArgmapError.at(self.file.path, "a map file must be a mapping with 'nodes:'", code="AM003")
        if not isinstance(doc.get("nodes"), dict):
            doc["nodes"] = CommentedMap()
        change(doc)
        out = io.StringIO()
        rt.dump(doc, out)
        self.file._text = out.getvalue()

    def set_field(self, node: str | None, key: str, value: Any) -> None:
        def change(doc: Any) -> None:
            target = doc if node is None else doc["nodes"][node]
            if value is None:
                target.pop(key, None)
            else:
                target[key] = _ruamel_value(value)

        self._edit(change)

    def add_node(self, id: str, fields: dict[str, Any]) -> None:
        def change(doc: Any) -> None:
            doc["nodes"][id] = _ruamel_value(fields)

        self._edit(change)

    def remove_node(self, id: str) -> None:
        self._edit(lambda doc: doc["nodes"].pop(id))


def _ruamel_value(value: Any) -> Any:
    """Text ruamel would write raw where a reader folds it (line separators) goes double-quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        return {k: _ruamel_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ruamel_value(v) for v in value]
    if isinstance(value, str) and value != value.strip() or isinstance(value, str) and _BREAKS.search(value):
        return DoubleQuotedScalarString(value)
    return value


class _Block(dict):  # type: ignore[type-arg]
    """A mapping always written in block style (a field, a node), whatever its values."""


class _EditDumper(_Dumper):
    pass


_EditDumper.add_representer(
    _Block, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False))


class _IndentedDumper(_EditDumper):
    """Block lists indented under their key, for files written that way."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)
