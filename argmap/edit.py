"""Edits of a map file that change only what the edit changes.

A student's YAML is the source of truth: its comments, key order, quoting and blank lines are
theirs. So an edit is made on the text, not by dumping a parsed document: the file is composed
with PyYAML (which gives every key and value its exact span), and an edit replaces, inserts or
deletes only the lines of the fields it touches, rendered in the file's own indent and list style.
A node written as one flow mapping (``t: {kind: thesis, text: ...}``, as argmap's own writer
writes plain nodes) is rewritten whole, on its own lines. The few shapes the splicing cannot
address (all of ``nodes:`` as one flow mapping, anchors and aliases) are edited through
ruamel.yaml's round-trip mode, which keeps comments and order but may re-indent. JSON maps are
re-serialised with their own indent and key order.

Every edit is checked at once by the same reader as ``argmap check``: an edit that makes the map
invalid (or makes a new circular support, unless asked for) raises :class:`ArgmapError` with
``check``'s code and message and leaves the text as it was; a map that already has errors takes
no edit until they are fixed. :meth:`MapFile.save` refuses to overwrite a file that changed on
disk since it was opened (code ``conflict``), keeps the previous version as ``MAP.bak`` and
writes atomically with the file's mode. Between the check and the rename there is a window of
microseconds in which another writer's change could still be lost; editors have the same one.
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
from .options import LoadOptions
from .schema import ID_RE, NODE_FIELDS, RELATION_FIELDS
from .writers._chars import YAML_ESCAPED
from .writers.native import YamlDumper

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
#: one change of an edit: ("set", node or None, key, value or None) | ("add", id, fields) | ("remove", id)
Op = tuple[Any, ...]


class MapFile:
    """One map file opened for editing; ``text()`` is the edited content, ``save()`` writes it."""

    def __init__(self, path: str, raw: bytes, options: LoadOptions | None = None) -> None:
        from . import formats
        from .readers._source import decode

        self.path = path
        #: how the edited text is read when checked (limits, essay paths), as ``argmap check`` would
        self.options = options or LoadOptions()
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
        self._valid: tuple[str, ArgumentMap] | None = None
        self._warnings: tuple[str, list[Diagnostic]] | None = None
        self._composed: tuple[str, Any] | None = None
        self._plain_cache: tuple[str, dict[str, Any]] | None = None
        self._plain()  # a file edits cannot address is refused now, not at the first edit

    @classmethod
    def open(cls, path: str, options: LoadOptions | None = None) -> MapFile:
        """Read ``path`` for editing (YAML or JSON in argmap's own format)."""
        from .io import read_bytes

        if path == "-":
            raise ArgmapError.at("<stdin>", "standard input cannot be edited in place", code="AM011",
                                 hint="name the map file")
        options = options or LoadOptions()
        return cls(path, read_bytes(path, options.limits.max_bytes), options)

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
        """The edited text read as ``argmap check`` reads it: its errors raise, with locations
        in :meth:`text`; its warnings are :attr:`warnings`."""
        import argmap

        text = self.text()
        if self._valid is not None and self._valid[0] == text:
            return self._valid[1]
        amap = argmap.loads(text, format=self.format, path=self.path, options=self.options)
        self._valid = (text, amap)
        return amap

    @property
    def warnings(self) -> list[Diagnostic]:
        """``argmap check``'s findings (weak spots) on the edited text, worked out when asked for."""
        import argmap

        amap = self.validate()
        if self._warnings is None or self._warnings[0] != self.text():
            self._warnings = (self.text(), argmap.check(amap))
        return self._warnings[1]

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
        self._transaction([("add", id, ordered)])
        return id

    def update_node(self, id: str, fields: dict[str, Any]) -> None:
        """Set fields of a node; a field set to None is removed."""
        self._need(id)
        self._known_fields(fields)
        self._transaction([("set", id, key, value) for key, value in fields.items()])

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
            self._transaction([("set", source, k, v) for k, v in changes.items()], allow_cycle=allow_cycle)

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
        self._transaction([("set", source, k, v) for k, v in changes.items()])

    def remove_node(self, id: str) -> None:
        """Remove a node and every link to it from other nodes."""
        self._need(id)
        ops: list[Op] = [("remove", id)]
        for other, fields in self._nodes().items():
            if other == id or not isinstance(fields, dict):
                continue
            for rel in _RELATIONS:
                entries = _entries(fields.get(rel))
                kept = [e for e in entries if id not in _ids_of(e)]
                if kept != entries:
                    ops.append(("set", other, rel, _shape(kept, fields.get(rel))))
        self._transaction(ops)

    def add_review(self, node: str | None, text: str, by: str | None = None, at: str | None = None) -> None:
        """Append a review note to ``node`` (None: to the map itself)."""
        fields = self._plain() if node is None else self._need(node)
        if fields.get("review") is not None and not isinstance(fields["review"], list):
            whose = "the map" if node is None else f"node '{node}'"
            raise self._error("AM006", f"review of {whose} must be a list of notes",
                              "write each note as '- text: ...' under 'review:'")
        notes = self.review(node)
        note: dict[str, Any] = {}
        if by is not None and by.strip():
            note["by"] = by.strip()
        if at is not None:
            note["at"] = at
        note["text"] = text.strip() if isinstance(text, str) else text
        self._transaction([("set", node, "review", [*notes, note])])

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
        if self._plain_cache is not None and self._plain_cache[0] == self._text:
            return self._plain_cache[1]
        if self.format == "json":
            try:
                doc = json.loads(self._text)
            except ValueError:
                doc = None
        else:
            from . import _gc_paused

            try:
                with _gc_paused():
                    doc = _plain(self._compose())
            except yaml.YAMLError:
                doc = None
        if not isinstance(doc, dict):
            self.validate()  # the reader's own diagnostics, with line and column
            raise self._error("AM003", "a map file must be a mapping with 'nodes:'")
        self._plain_cache = (self._text, doc)
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

    def _transaction(self, ops: list[Op], *, allow_cycle: bool = False) -> None:
        """Apply an edit's changes in one pass, check the result, and undo it if the map is no
        longer valid."""
        before = self._text
        try:
            old_cycles = {d.message for d in _cycles(self.validate())}
        except ArgmapError:
            old_cycles = set()
        try:
            backend = _Json if self.format == "json" else _Splice
            self._text = backend(self).apply(ops)
            new = [d for d in _cycles(self.validate()) if d.message not in old_cycles]
            if new and not allow_cycle:
                raise ArgmapError([dataclasses.replace(d, severity="error") for d in new])
        except BaseException:
            self._text = before
            raise

    def _compose(self) -> Any:
        """The YAML text's node tree (with every key's and value's position), once per text."""
        from . import _gc_paused

        if self._composed is None or self._composed[0] != self._text:
            with _gc_paused():  # a node object per scalar: collections would rescan them all
                self._composed = (self._text, yaml.compose(self._text, Loader=_loader()))
        return self._composed[1]


def _cycles(amap: ArgumentMap) -> list[Diagnostic]:
    """``check``'s circular-support findings, unless the map's own check settings leave them out."""
    from .checks import as_configured, circular_support

    return as_configured(amap, circular_support(amap))


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


def _has_alias(root: Any) -> bool:
    """Whether a node is used twice: an alias shares its anchor's node, and so its position,
    which the splice cannot address (such files go through ruamel)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += (k, v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


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


# -- backends: each turns a list of changes into the new text, in one pass ---------------------------
def _grouped(ops: list[Op]) -> list[Op]:
    """The changes with every node's field settings gathered into one ("set", node, {key: value})."""
    out: list[Op] = []
    sets: dict[Any, dict[str, Any]] = {}
    for op in ops:
        if op[0] == "set":
            if op[1] not in sets:
                sets[op[1]] = {}
                out.append(("set", op[1], sets[op[1]]))
            sets[op[1]][op[2]] = op[3]
        else:
            out.append(op)
    return out


class _Json:
    """JSON maps: edited as data and written back with the file's indent and key order."""

    def __init__(self, mapfile: MapFile) -> None:
        self.text = mapfile._text

    def apply(self, ops: list[Op]) -> str:
        text = self.text
        doc = json.loads(text)
        _apply_to_data(doc, ops, dict)
        indent: int | str | None = None
        found = re.search(r"\n([ \t]+)\S", text)
        if found:
            ws = found.group(1)
            indent = ws if "\t" in ws else len(ws)
        ascii_only = text.isascii() and "\\u" in text
        return json.dumps(doc, indent=indent, ensure_ascii=ascii_only) + ("\n" if text.endswith("\n") else "")


def _apply_to_data(doc: Any, ops: list[Op], mapping: Callable[[], Any]) -> None:
    if not isinstance(doc.get("nodes"), dict):
        doc["nodes"] = mapping()
    nodes = doc["nodes"]
    for op in ops:
        if op[0] == "add":
            nodes[op[1]] = op[2]
        elif op[0] == "remove":
            del nodes[op[1]]
        else:
            target = doc if op[1] is None else nodes[op[1]]
            if op[3] is None:
                target.pop(op[2], None)
            else:
                target[op[2]] = op[3]


class _Fallback(Exception):
    """The splice cannot address this part of the file: edit through ruamel.yaml instead."""


class _Splice:
    """YAML maps: the lines of the touched fields replaced, everything else left as it was.

    Every change becomes a patch (start, end, new text) against the text as it was composed;
    patches touch disjoint lines and are applied from the end of the file backwards.
    """

    def __init__(self, mapfile: MapFile) -> None:
        text = mapfile._text
        self.file = mapfile
        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.root = mapfile._compose()
        self.aliases = "&" in text and "*" in text and _has_alias(self.root)
        self._style: tuple[int, int] | None = None

    def apply(self, ops: list[Op]) -> str:
        try:
            patches: list[tuple[int, int, str]] = []
            for op in _grouped(ops):
                if op[0] == "set":
                    patches += self._set(op[1], op[2])
                elif op[0] == "add":
                    patches.append(self._add(op[1], op[2]))
                else:
                    patches.append(self._remove(op[1]))
        except _Fallback:
            return _Ruamel(self.file).apply(ops)
        text = self.text
        order = sorted(range(len(patches)), key=lambda i: (patches[i][0], i), reverse=True)
        for i in order:
            start, end, new = patches[i]
            if new and start == len(self.text) and self.text and not self.text.endswith("\n"):
                new = self.nl + new
            text = text[:start] + new + text[end:]
        return text

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

    def _lines(self, key: Any, value: Any) -> tuple[int, int]:
        """The whole lines a field takes, from its key to the end of its value."""
        return self._line_start(key.start_mark.index), self._line_end(self._end(value))

    def _comment(self, value: Any) -> str:
        """A comment after the value on its last line (kept when a one-line field is rewritten)."""
        end = self._end(value)
        found = re.match(r"[ \t]+#[^\r\n]*", self.text[end:self._line_end(end)])
        return found.group(0) if found else ""

    def _root(self) -> Any:
        root = self.root
        if self.aliases or not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
            raise _Fallback
        return root

    def _nodes_pair(self) -> tuple[Any, Any]:
        for k, v in self._root().value:
            if k.value == "nodes":
                return k, v
        raise _Fallback

    def _nodes(self) -> Any:
        nodes = self._nodes_pair()[1]
        if not isinstance(nodes, yaml.MappingNode) or nodes.flow_style or not nodes.value:
            raise _Fallback
        return nodes

    def _node_pair(self, id: str) -> tuple[Any, Any]:
        for k, v in self._nodes().value:
            if k.value == id:
                return k, v
        raise _Fallback

    # style
    def _style_of_file(self) -> tuple[int, int]:
        """The file's mapping indent, and how far it indents a block list's dash under its key
        (0 for ``key:\n- a``, 2 for ``key:\n  - a``), as its first block list does."""
        if self._style is None:
            indent, offset = 2, None
            stack = [self.root]
            while stack and offset is None:
                node = stack.pop()
                if isinstance(node, yaml.MappingNode):
                    for k, v in node.value:
                        if isinstance(v, yaml.SequenceNode) and not v.flow_style and v.value:
                            offset = max(0, v.start_mark.column - k.start_mark.column)
                            break
                        stack.append(v)
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend(node.value)
            try:
                for k, v in self._nodes().value:
                    if isinstance(v, yaml.MappingNode) and not v.flow_style and v.value:
                        indent = max(1, v.value[0][0].start_mark.column - k.start_mark.column)
                        break
            except _Fallback:
                pass
            self._style = (indent, offset or 0)
        return self._style

    def _dump(self, data: Any, *, flow: bool | None = None, width: int = 1 << 30) -> list[str]:
        if isinstance(data, dict):
            data = _Block(data)  # the field itself on its own line, its value flow if plain
        out = yaml.dump(data, Dumper=_EditDumper, sort_keys=False, allow_unicode=True, width=width,
                        default_flow_style=flow, indent=2)
        if not isinstance(data, (dict, list)) and out.endswith("\n...\n"):
            out = out[:-4]  # a lone scalar's document end marker
        return out.split("\n")[:-1]

    def _render(self, data: dict[str, Any], column: int, *, flow_node: bool = False) -> str:
        """``{key: value}`` pairs as YAML lines in the file's style, starting at ``column``.

        Mappings (a node's fields) are block mappings at the file's indent; lists of ids stay
        flow (``[a, b]``); lists of mappings (review notes, undercuts) are block lists at the
        file's dash offset. ``flow_node`` writes a node of plain values as one flow mapping, the
        way argmap's own writer writes such nodes.
        """
        indent, offset = self._style_of_file()
        pad = " " * column
        lines: list[str] = []
        for key, value in data.items():
            if flow_node and isinstance(value, dict) and _flat(value):
                lines += self._dump({key: value}, flow=None, width=100)
            elif isinstance(value, dict) and value:
                lines.append(self._dump({key: None})[0][:-len(" null")])
                lines += self._render(value, indent).split(self.nl)[:-1]
            elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
                lines.append(self._dump({key: None})[0][:-len(" null")])
                lines += self._render_items(value, offset).split(self.nl)[:-1]
            else:
                lines += self._dump({key: value}, flow=None)
        return "".join((pad + line if line else line) + self.nl for line in lines)

    def _render_items(self, items: list[Any], column: int) -> str:
        """Block list items (``- ...``) whose dash is at ``column``."""
        pad = " " * column
        return "".join((pad + line if line else line) + self.nl for line in self._dump(items, flow=False))

    # patches
    def _set(self, node: str | None, changes: dict[str, Any]) -> list[tuple[int, int, str]]:
        if node is None:
            mapping = self._root()
        else:
            key, mapping = self._node_pair(node)
            if not isinstance(mapping, yaml.MappingNode):
                raise _Fallback
            if mapping.flow_style or not mapping.value:  # {kind: ..., text: ...}: written anew
                fields = _plain(mapping) or {}
                for k, v in changes.items():
                    if v is None:
                        fields.pop(k, None)
                    else:
                        fields[k] = v
                start, end = self._lines(key, mapping)
                new = self._render({node: fields}, key.start_mark.column, flow_node=True)
                if new.count("\n") == 1:
                    new = new[:-len(self.nl)] + self._comment(mapping) + self.nl
                return [(start, end, new)]
        patches = []
        pairs = {k.value: (k, v) for k, v in mapping.value}
        for key_name, value in changes.items():
            pair = pairs.get(key_name)
            if pair is None:
                if value is not None:
                    patches.append(self._insert_field(node, mapping, key_name, value))
            else:
                patches += self._replace_field(pair[0], pair[1], value)
        return patches

    def _insert_field(self, node: str | None, mapping: Any, key: str, value: Any) -> tuple[int, int, str]:
        column = mapping.value[0][0].start_mark.column
        if node is None:  # a map-level field goes before 'nodes', after the field above it
            keys = [k.value for k, _ in mapping.value]
            at = keys.index("nodes") if "nodes" in keys else len(keys)
            pos = (self._line_end(self._end(mapping.value[at - 1][1])) if at
                   else self._line_start(mapping.value[0][0].start_mark.index))
        else:
            pos = self._line_end(self._end(mapping.value[-1][1]))
        return pos, pos, self._render({key: value}, column)

    def _replace_field(self, k: Any, v: Any, value: Any) -> list[tuple[int, int, str]]:
        if value is not None and _plain(v) == value:
            return []  # unchanged: keep it as written
        start, end = self._lines(k, v)
        if value is None:
            return [(start, end, "")]
        if isinstance(v, yaml.SequenceNode) and not v.flow_style and isinstance(value, list):
            old = _plain(v)
            if len(value) > len(old) and value[:len(old)] == old:  # items appended: their lines only
                return [(end, end, self._render_items(value[len(old):], v.start_mark.column))]
            if len(value) < len(old) and _is_subsequence(value, old):  # items removed: their lines
                keep = list(value)
                cuts = []
                for item_node, item in zip(v.value, old, strict=True):
                    if keep and keep[0] == item:
                        keep.pop(0)
                    else:
                        cuts.append((self._line_start(item_node.start_mark.index),
                                     self._line_end(self._end(item_node)), ""))
                return cuts
            # rewritten: the items, under the key's own line (and its comment)
            return [(self._line_end(k.end_mark.index), end, self._render_items(value, v.start_mark.column))]
        new = self._render({k.value: value}, k.start_mark.column)
        if start == self._line_start(self._end(v)) and new.count("\n") == 1:
            new = new[:-len(self.nl)] + self._comment(v) + self.nl
        return [(start, end, new)]

    def _add(self, id: str, fields: dict[str, Any]) -> tuple[int, int, str]:
        key, nodes = self._nodes_pair()
        if _plain(nodes) in (None, {}) and not (isinstance(nodes, yaml.MappingNode) and nodes.value):
            # 'nodes:' with nothing, or 'nodes: {}': the field is written anew with the node
            start, end = self._lines(key, nodes)
            return start, end, self._render({"nodes": {id: fields}}, key.start_mark.column)
        nodes = self._nodes()
        column = nodes.value[0][0].start_mark.column
        pos = self._line_end(self._end(nodes.value[-1][1]))
        gap = ""
        if len(nodes.value) >= 2:
            between = self.text[self._line_end(self._end(nodes.value[-2][1])):
                                self._line_start(nodes.value[-1][0].start_mark.index)]
            if any(not line.strip() for line in between.split("\n")[:-1]):
                gap = self.nl
        last = nodes.value[-1][1]
        flow = isinstance(last, yaml.MappingNode) and bool(last.flow_style)
        return pos, pos, gap + self._render({id: fields}, column, flow_node=flow)

    def _remove(self, id: str) -> tuple[int, int, str]:
        key, nodes_value = self._nodes_pair()
        nodes = self._nodes()
        for i, (k, v) in enumerate(nodes.value):
            if k.value != id:
                continue
            if len(nodes.value) == 1:  # the last node: 'nodes: {}'
                start, end = self._lines(key, nodes_value)
                return start, end, " " * key.start_mark.column + key.value + ": {}" + self.nl
            start, end = self._lines(k, v)
            # the blank lines that set it apart go with it
            if i + 1 < len(nodes.value):
                nxt = self._line_start(nodes.value[i + 1][0].start_mark.index)
                while end < nxt and not self.text[end:self._line_end(end)].strip():
                    end = self._line_end(end)
            else:
                prev_end = self._line_end(self._end(nodes.value[i - 1][1]))
                while start > prev_end and not self.text[self._line_start(start - 1):start].strip():
                    start = self._line_start(start - 1)
            return start, end, ""
        raise _Fallback


def _flat(fields: dict[str, Any]) -> bool:
    """Whether every value is plain or a list of plain values (a node argmap writes as ``{...}``)."""
    return all(not isinstance(v, dict) and not (isinstance(v, list) and
               any(isinstance(x, (dict, list)) for x in v)) for v in fields.values())


def _is_subsequence(short: list[Any], long: list[Any]) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


class _Ruamel:
    """Round-trip edits through ruamel.yaml, for YAML shapes the splice does not address (flow
    style maps of nodes, anchors and aliases): comments and order are kept, layout may not be."""

    def __init__(self, mapfile: MapFile) -> None:
        self.file = mapfile

    def apply(self, ops: list[Op]) -> str:
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
        _apply_to_data(doc, [(*op[:-1], _ruamel_value(op[-1])) if op[0] != "remove" else op for op in ops],
                       CommentedMap)
        out = io.StringIO()
        rt.dump(doc, out)
        return out.getvalue()


def _ruamel_value(value: Any) -> Any:
    """Text ruamel would write raw where a reader folds it (line separators) goes double-quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        return {k: _ruamel_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ruamel_value(v) for v in value]
    if isinstance(value, str) and (value != value.strip() or YAML_ESCAPED.search(value)):
        return DoubleQuotedScalarString(value)
    return value


class _Block(dict):  # type: ignore[type-arg]
    """A mapping always written in block style (``key: value`` lines), whatever its values."""


class _EditDumper(YamlDumper):
    """The native writer's string styles (line separators escaped, multi-line text as ``|``)."""


_EditDumper.add_representer(
    _Block, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False))
