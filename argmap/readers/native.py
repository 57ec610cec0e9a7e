"""argmap's own format (YAML, or the same structure as JSON), validated with positions.

Every problem of a file is collected before anything is raised, each at the line and column where
the student can fix it, with a suggestion for typos.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import sys
from collections.abc import Callable
from typing import Any

from ..errors import ArgmapError, Diagnostic, did_you_mean
from ..model import CONFIDENCES, KINDS, ArgumentMap, Location
from ..options import LoadOptions
from ..schema import (
    CHECK_KEYS,
    DATE_RE,
    FORMAT_VERSION,
    ID_RE,
    INFERENCE_KEYS,
    NODE_FIELDS,
    RELATION_FIELDS,
    REVIEW_KEYS,
    TARGET_KEYS,
    TOP_FIELDS,
)
from ..text import Essay
from ._source import KEY, JsonDocument, Mark, Path, YamlDocument, decode, nearest, typed

MarkFn = Callable[[Path], Mark]
#: kinds and confidences as the one string each (a node's value is an equal but separate string)
_CANONICAL = {s: s for s in (*KINDS, *CONFIDENCES)}
#: text fields whose values repeat across nodes
_SHARED = frozenset(("source", "group"))
_MAX_SUGGESTIONS = 200  # difflib is linear in the ids: suggest for the first few hundred typos only


#: the ``nodes:`` block of a block-style map and its entries, two spaces in (as argmap writes)
_NODES_LINE = re.compile(rb"^nodes:[ \t]*(?:#[^\n]*)?\r?\n", re.M)
_TOP_LEVEL = re.compile(rb"^[^ \t#\r\n]", re.M)  # the next top-level key ends the block
_ENTRY = re.compile(rb"^  [^ \t#\r\n-]", re.M)


def _too_many(options: LoadOptions, path: str, line: int = 1, column: int = 1) -> ArgmapError:
    limit = options.limits.max_nodes
    return ArgmapError.at(path, f"more than {limit} nodes in one map", line=line, column=column,
                          code="AM009",
                          hint="raise the limit with --max-nodes if the map really is this large")


def read_yaml(data: bytes, path: str, options: LoadOptions) -> ArgumentMap:
    # counted in the raw bytes before anything is parsed: a map over the limit costs one scan
    block = _NODES_LINE.search(data)
    if block is not None:
        end = _TOP_LEVEL.search(data, block.end())
        entries = _ENTRY.finditer(data, block.end(), end.start() if end else len(data))
        over = next(itertools.islice(entries, options.limits.max_nodes, None), None)
        if over is not None:
            raise _too_many(options, path, data.count(b"\n", 0, over.start()) + 1, 3)
    text = decode(data, path)
    source: str | bytes = text
    if not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data:
        source = data
    del text
    builder = _Builder(path, options)

    def on_node(node_id: str, value: Any, marks: dict[Path, Mark], key_mark: Mark) -> None:
        builder.node(node_id, value, lambda p: nearest(marks, p), key_mark)

    doc = YamlDocument(source, path, limits=options.limits, stream_prefix=("nodes",), on_entry=on_node)
    builder.errors.extend(doc.errors)
    if doc.errors and doc.value is None:
        raise ArgmapError(builder.errors)
    return builder.finish(doc.value, lambda p: nearest(doc.marks, p))


def read_json(data: bytes, path: str, options: LoadOptions) -> ArgumentMap:
    text = decode(data, path)
    doc = JsonDocument(text, path, limits=options.limits)
    if doc.errors:
        raise ArgmapError(doc.errors)
    builder = _Builder(path, options)
    value = doc.value
    nodes = value.get("nodes") if isinstance(value, dict) else None
    if isinstance(nodes, dict):
        if len(nodes) > options.limits.max_nodes:  # counted before any node is built
            raise _too_many(options, path)
        key_marks = doc.key_marks()
        for node_id, node in nodes.items():
            prefix: Path = ("nodes", node_id)
            key_mark = key_marks.get(node_id)
            builder.node(node_id, node, _LazyAt(doc, prefix),
                         key_mark if key_mark is not None else _Lazy(doc, prefix + (KEY,)))
            nodes[node_id] = None  # the node lives on in the graph: let its parsed form go
        value = {k: v for k, v in value.items() if k != "nodes"} | {"nodes": {}}
    return builder.finish(value, _LazyAt(doc, ()))


class _Lazy:
    """A mark worked out only if a diagnostic (or the node's location) asks for it: positions in
    JSON take a scan of the whole file."""

    __slots__ = ("doc", "path")

    def __init__(self, doc: JsonDocument, path: Path) -> None:
        self.doc = doc
        self.path = path

    def get(self) -> Mark:
        return self.doc.mark(self.path)


class _LazyAt:
    """``at(path)`` for a JSON map: lazy marks of the paths under ``prefix``."""

    __slots__ = ("doc", "prefix")

    def __init__(self, doc: JsonDocument, prefix: Path) -> None:
        self.doc = doc
        self.prefix = prefix

    def __call__(self, p: Path) -> Mark:
        return _Lazy(self.doc, self.prefix + p)  # type: ignore[return-value]


def _type_name(value: Any) -> str:
    value = typed(value)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _Builder:
    def __init__(self, path: str, options: LoadOptions) -> None:
        self.path = path
        self.options = options
        self.map = ArgumentMap(path=path)
        self.errors: list[Diagnostic] = []
        self.suggestions = 0
        self.key_marks: dict[str, Mark | _Lazy] = {}
        self.ids: dict[str, str] = {}  # each id to the one string object the graph keys it by
        self.strings: dict[str, str] = {}  # repeated short values (sources, groups), stored once
        # (source, relation, target, link, mark-of-target) and undercut references
        self.refs: list[tuple[str, str, str, str | None, Mark]] = []
        self.undercuts: list[tuple[str, str, str, str | None, Mark]] = []
        self.quotes: list[tuple[str, str, Mark]] = []
        self.essay_text: str | None = None  # the map's own essay_text:, if any
        self.count = 0

    # -- diagnostics ---------------------------------------------------------------------------
    def error(self, mark: Mark | _Lazy, code: str, message: str, hint: str | None = None,
              node: str | None = None) -> None:
        if isinstance(mark, _Lazy):
            mark = mark.get()
        self.errors.append(Diagnostic(self.path, mark[0], mark[1], code, message, hint, node=node))

    def warn(self, mark: Mark | _Lazy, code: str, message: str, hint: str | None = None,
             node: str | None = None) -> None:
        """A problem that does not stop the map loading: kept in ``ArgumentMap.diagnostics``."""
        if isinstance(mark, _Lazy):
            mark = mark.get()
        self.map.diagnostics.append(Diagnostic(self.path, mark[0], mark[1], code, message, hint,
                                               "warning", node))

    def suggest(self, word: str, choices: Any) -> str:
        if self.suggestions >= _MAX_SUGGESTIONS:
            return ""
        self.suggestions += 1
        return did_you_mean(word, choices)

    def expect_str(self, value: Any, mark: Mark, what: str, node: str | None = None) -> str | None:
        if isinstance(value, str):
            return str(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # `source: 1937` is clearly meant as text
        self.error(mark, "AM006", f"{what} must be text, not {_type_name(value)}", node=node)
        return None

    # -- one node ------------------------------------------------------------------------------
    def node(self, node_id: str, value: Any, at: MarkFn, key_mark: Mark | _Lazy) -> None:
        self.count += 1
        if self.count > self.options.limits.max_nodes:
            self.error(key_mark, "AM009", f"more than {self.options.limits.max_nodes} nodes in one map",
                       "raise the limit with --max-nodes if the map really is this large")
            raise ArgmapError(self.errors)  # stop reading: the rest of the file is not parsed
        if not ID_RE.match(node_id):
            self.error(key_mark, "AM102", f"bad node id '{node_id}'",
                       "ids use only letters, digits, '_' and '-', e.g. 'kirov_murder'")
        if node_id in self.key_marks:
            first = self.key_marks[node_id]
            if isinstance(first, _Lazy):
                first = first.get()
            self.error(key_mark, "AM103", f"duplicate node id '{node_id}' (first at line {first[0]})",
                       "every node needs its own id: rename one of them", node=node_id)
            return
        self.key_marks[node_id] = key_mark
        self.ids[node_id] = node_id
        if not isinstance(value, dict):
            self.error(at(()), "AM006",
                       f"node '{node_id}' must be a mapping of fields (kind, text, ...), "
                       f"not {_type_name(value)}", node=node_id)
            return
        attrs: dict[str, Any] = {}
        ok = True
        for name, field_value in value.items():
            spec = NODE_FIELDS.get(name)
            if spec is None:
                self.error(at((name, KEY)), "AM106", f"unknown field '{name}' in node '{node_id}'"
                           + self.suggest(name, NODE_FIELDS), node=node_id,
                           hint="fields are: " + ", ".join(NODE_FIELDS))
                continue
            name = spec.name  # the schema's own string: 100 000 nodes share one "text" key
            mark = at((name,))
            if name == "kind":
                if field_value not in KINDS:
                    ok = False
                    shown = field_value if isinstance(field_value, str) else _type_name(field_value)
                    self.error(mark, "AM104", f"unknown kind '{shown}'"
                               + (self.suggest(field_value, KINDS) if isinstance(field_value, str) else ""),
                               "kind is one of: " + ", ".join(KINDS), node=node_id)
                else:
                    attrs["kind"] = _CANONICAL[field_value]
            elif name == "text":
                if typed(field_value) is None or not isinstance(field_value, str) or not field_value.strip():
                    ok = False
                    self.error(mark, "AM105", f"node '{node_id}' has an empty text",
                               "write the statement in a sentence", node=node_id)
                else:
                    attrs["text"] = field_value.strip()
            elif name == "confidence":
                if typed(field_value) is None:
                    continue
                if field_value not in CONFIDENCES:
                    shown = field_value if isinstance(field_value, str) else _type_name(field_value)
                    self.error(mark, "AM108", f"bad confidence '{shown}'"
                               + (self.suggest(field_value, CONFIDENCES)
                                  if isinstance(field_value, str) else ""),
                               "confidence is one of: " + ", ".join(CONFIDENCES), node=node_id)
                else:
                    attrs["confidence"] = _CANONICAL[field_value]
            elif name == "tags":
                if typed(field_value) is None:
                    continue
                items = field_value if isinstance(field_value, list) else [field_value]
                tags = []
                for i, tag in enumerate(items):
                    s = self.expect_str(tag, at((name, i)) if isinstance(field_value, list) else mark,
                                        "a tag", node_id)
                    if s is not None and s.strip():
                        tags.append(sys.intern(s.strip()))
                if tags:
                    attrs["tags"] = tags
            elif name in RELATION_FIELDS:
                self._targets(node_id, name, field_value, at)
            elif name == "undercuts":
                self._undercuts(node_id, field_value, at)
            elif name == "review":
                notes = self._review(field_value, lambda p: at(("review", *p)), node_id)
                if notes:
                    attrs["review"] = notes
            elif name == "data":
                if not isinstance(field_value, dict):
                    self.error(mark, "AM006", f"data must be a mapping, not {_type_name(field_value)}",
                               node=node_id)
                else:
                    attrs["data"] = typed(field_value)
            else:  # optional text fields
                if typed(field_value) is None:
                    continue
                s = self.expect_str(field_value, mark, name, node_id)
                if s is not None and s.strip():
                    s = s.strip()
                    attrs[name] = self.strings.setdefault(s, s) if name in _SHARED else s
                    if name == "quote":
                        self.quotes.append((node_id, attrs[name], mark))
        if "kind" not in value:
            ok = False
            self.error(key_mark, "AM104", f"node '{node_id}' has no kind",
                       "add 'kind:' with one of: " + ", ".join(KINDS), node=node_id)
        if "text" not in value:
            ok = False
            self.error(key_mark, "AM105", f"node '{node_id}' has no text",
                       "add 'text:' with the statement in a sentence", node=node_id)
        if ok:
            self.map.graph.add_node(node_id, **attrs)

    def _review(self, value: Any, at: MarkFn, node_id: str | None) -> list[dict[str, str]]:
        """Review notes: a list of {by, at, text}; each malformed note is reported and left out."""
        if typed(value) is None:
            return []
        whose = f" of node '{node_id}'" if node_id is not None else " of the map"
        shape = "a review note is {by: name, text: the note, at: 2026-11-28} (only text is required)"
        if not isinstance(value, list):
            self.error(at(()), "AM006", f"review{whose} must be a list of notes, not {_type_name(value)}",
                       "write each note as '- text: ...' under 'review:'", node=node_id)
            return []
        notes = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.error(at((i,)), "AM006", f"review note {i + 1}{whose} must be a mapping, not "
                           f"{_type_name(item)}", shape, node=node_id)
                continue
            note: dict[str, str] = {}
            ok = True
            for key, field_value in item.items():
                if key not in REVIEW_KEYS:
                    ok = False
                    self.error(at((i, key, KEY)), "AM106", f"unknown field '{key}' in review note "
                               f"{i + 1}{whose}" + self.suggest(str(key), REVIEW_KEYS), shape, node=node_id)
                    continue
                if typed(field_value) is None and key != "text":
                    continue
                s = self.expect_str(field_value, at((i, key)), f"'{key}' of a review note", node_id)
                if s is None:
                    ok = False
                elif key == "at" and not DATE_RE.match(s.strip()):
                    ok = False
                    self.error(at((i, key)), "AM006", f"review note {i + 1}{whose} has a bad date '{s}'",
                               "write the date as year-month-day, e.g. 2026-11-28", node=node_id)
                elif s.strip():
                    note[key] = s.strip()
            if ok and "text" not in note:
                ok = False
                self.error(at((i,)), "AM105", f"review note {i + 1}{whose} has no text", shape,
                           node=node_id)
            if ok:
                notes.append({k: note[k] for k in REVIEW_KEYS if k in note})
        return notes

    def _one_or_list(self, value: Any) -> list[tuple[Any, Path]]:
        if isinstance(value, list):
            return [(item, (i,)) for i, item in enumerate(value)]
        return [(value, ())]

    def _targets(self, node_id: str, field: str, value: Any, at: MarkFn) -> None:
        if typed(value) is None:
            return
        for item, sub in self._one_or_list(value):
            mark = at((field, *sub))
            link = None
            if isinstance(item, dict):
                for key in item:
                    if key not in TARGET_KEYS:
                        self.error(at((field, *sub, key, KEY)), "AM106",
                                   f"unknown field '{key}' in a '{field}' entry"
                                   + self.suggest(key, TARGET_KEYS),
                                   "an entry is an id, or {to: id, link: name}", node=node_id)
                link_value = item.get("link")
                if link_value is not None:
                    link = self.expect_str(link_value, at((field, *sub, "link")), "link", node_id)
                mark = at((field, *sub, "to"))
                item = item.get("to")
                if item is None:
                    self.error(at((field, *sub)), "AM006", f"a '{field}' entry needs 'to: <id>'",
                               node=node_id)
                    continue
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str):
                self.error(mark, "AM006",
                           f"'{field}' takes a node id or a list of ids, not {_type_name(item)}",
                           node=node_id)
                continue
            self.refs.append((node_id, field, str(item), link, mark))

    def _undercuts(self, node_id: str, value: Any, at: MarkFn) -> None:
        for item, sub in self._one_or_list(value):
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("from", "to")):
                self.error(at(("undercuts", *sub)), "AM006",
                           "'undercuts' takes {from: premise id, to: conclusion id} or a list of them",
                           node=node_id)
                continue
            for key in item:
                if key not in INFERENCE_KEYS:
                    self.error(at(("undercuts", *sub, key, KEY)), "AM106",
                               f"unknown field '{key}' in an 'undercuts' entry"
                               + self.suggest(key, INFERENCE_KEYS), node=node_id)
            link = item.get("link")
            if link is not None:
                link = self.expect_str(link, at(("undercuts", *sub, "link")), "link", node_id)
            self.undercuts.append((node_id, str(item["from"]), str(item["to"]), link,
                                   at(("undercuts", *sub))))

    # -- the whole map -------------------------------------------------------------------------
    def finish(self, doc: Any, at: MarkFn) -> ArgumentMap:
        amap = self.map
        if not isinstance(doc, dict):
            if not self.errors:
                self.error(at(()), "AM003",
                           f"a map file must be a mapping with 'nodes:', not {_type_name(doc)}",
                           "start from the example in graphs/README.md")
            raise ArgmapError(self.errors)
        for name, value in doc.items():
            spec = TOP_FIELDS.get(name)
            mark = at((name,))
            if spec is None:
                self.error(at((name, KEY)), "AM005", f"unknown top-level field '{name}'"
                           + self.suggest(name, TOP_FIELDS),
                           "top-level fields are: " + ", ".join(TOP_FIELDS))
            elif name == "argmap":
                version = typed(value)
                if version != FORMAT_VERSION or isinstance(version, bool):
                    self.error(mark, "AM007", f"unsupported format version {value}",
                               f"this argmap reads format version {FORMAT_VERSION}: write 'argmap: 1'")
            elif name in ("title", "essay", "essay_text"):
                s = self.expect_str(value, mark, name) if typed(value) is not None else None
                if name == "title":
                    amap.title = s
                elif s is not None and name == "essay":
                    amap.essay_path = s
                elif s is not None:
                    self.essay_text = s
            elif name == "kinds":
                self._kinds(value, at)
            elif name == "check":
                self._check_config(value, at)
            elif name == "meta":
                if isinstance(value, dict):
                    amap.meta.update(typed(value))
                else:
                    self.error(mark, "AM006", f"meta must be a mapping, not {_type_name(value)}")
            elif name == "review":
                amap.review = self._review(value, lambda p: at(("review", *p)), None)
            elif name == "nodes" and not isinstance(value, dict):
                self.error(mark, "AM006",
                           f"'nodes' must be a mapping of id -> node, not {_type_name(value)}",
                           "write each node as 'id:' followed by its indented fields")
        if "nodes" not in doc:
            self.error(at(()), "AM004", "missing 'nodes'",
                       "a map needs 'nodes:' with at least the thesis")
        self._resolve()
        self._essay(at)
        if self.errors:
            raise ArgmapError(self.errors)
        for node_id, where in self.key_marks.items():
            if isinstance(where, _Lazy):
                continue  # JSON: located on demand by ArgumentMap.location
            amap.locations[node_id] = Location(self.path, where[0], where[1])
        if any(isinstance(m, _Lazy) for m in self.key_marks.values()):
            amap.locations = _LazyLocations(self.path, self.key_marks)  # type: ignore[assignment]
        return amap

    def _kinds(self, value: Any, at: MarkFn) -> None:
        if not isinstance(value, dict):
            self.error(at(("kinds",)), "AM006", f"kinds must be a mapping like {{reason: Motive}}, "
                       f"not {_type_name(value)}")
            return
        for kind, name in value.items():
            if kind not in KINDS:
                self.error(at(("kinds", kind, KEY)), "AM104", f"unknown kind '{kind}' in kinds"
                           + self.suggest(kind, KINDS), "kind is one of: " + ", ".join(KINDS))
                continue
            s = self.expect_str(name, at(("kinds", kind)), f"the name of kind '{kind}'")
            if s and s.strip():
                self.map.kind_names[kind] = s.strip()

    def _check_config(self, value: Any, at: MarkFn) -> None:
        if not isinstance(value, dict):
            self.error(at(("check",)), "AM006", "check must be a mapping like {ignore: [AM203]}")
            return
        config: dict[str, list[str]] = {}
        for key, codes in value.items():
            if key not in CHECK_KEYS:
                self.error(at(("check", key, KEY)), "AM005", f"unknown field '{key}' in check"
                           + self.suggest(key, CHECK_KEYS))
                continue
            items = codes if isinstance(codes, list) else [codes]
            config[key] = [str(c).strip().upper() for c in items if c is not None]
        self.map.check_config.update(config)

    def _resolve(self) -> None:
        graph = self.map.graph
        known = self.key_marks
        ids = self.ids
        for source, field, target, link, mark in self.refs:
            if source not in graph:
                continue  # the node itself was invalid and is reported already
            if target == source:
                self.error(mark, "AM107", f"node '{source}' {field} itself",
                           "a statement cannot be its own reason or objection", node=source)
                continue
            if target not in known:
                self.error(mark, "AM101", f"unknown node '{target}'" + self.suggest(target, known),
                           f"'{field}' must name the id of another node in this map", node=source)
                continue
            if target not in graph:
                continue
            if graph.has_edge(source, target):
                other = graph.edges[source, target]["relation"]
                if other != field:
                    self.error(mark, "AM113", f"node '{source}' both {other} and {field} '{target}'",
                               "keep one relation between two statements", node=source)
                continue
            attrs: dict[str, Any] = {"relation": field}
            if link:
                attrs["link"] = link
            graph.add_edge(source, ids[target], **attrs)
        for source, premise, conclusion, link, mark in self.undercuts:
            if source not in graph:
                continue
            missing = [i for i in (premise, conclusion) if i not in known]
            for m in missing:
                self.error(mark, "AM101", f"unknown node '{m}'" + self.suggest(m, known), node=source)
            if missing:
                continue
            if not graph.has_edge(premise, conclusion):
                self.error(mark, "AM112", f"there is no step from '{premise}' to '{conclusion}' to undercut",
                           f"'{premise}' must support or attack '{conclusion}'", node=source)
                continue
            if source in (premise, conclusion):
                self.error(mark, "AM107", f"node '{source}' undercuts its own step", node=source)
                continue
            if graph.has_edge(source, conclusion):
                self.error(mark, "AM113", f"node '{source}' already argues about '{conclusion}'",
                           "an undercut and a support/attack of the same node cannot be combined",
                           node=source)
                continue
            attrs = {"relation": "undercuts", "premise": ids[premise]}
            if link:
                attrs["link"] = link
            graph.add_edge(source, ids[conclusion], **attrs)

    def _essay(self, at: MarkFn) -> None:
        opts = self.options
        amap = self.map
        essay_ref = opts.essay if opts.essay is not None else amap.essay_path
        if opts.essay is not None:
            amap.essay_path = opts.essay
        if not opts.load_essay:
            return
        if opts.essay is None and self.essay_text is not None:
            # the essay travels inside the map: no file to find, whatever essay: says
            amap.essay_embedded = True
            self._quotes_in(self.essay_text)
            return
        if not essay_ref:
            return
        from_cli = opts.essay is not None
        mark = (1, 1) if from_cli else at(("essay",))
        if "\x00" in essay_ref:  # no file system accepts it; os.path would raise ValueError
            self.error(mark, "AM109", "the essay path contains a NUL character",
                       "write the essay's file name, relative to the map file")
            return
        base = os.path.dirname(os.path.abspath(self.path)) if not self.path.startswith("<") else os.getcwd()
        target = essay_ref if from_cli else os.path.join(base, essay_ref)
        if not from_cli and not opts.allow_outside_paths:
            real_base = os.path.realpath(base)
            real = os.path.realpath(target)
            if os.path.isabs(essay_ref) or os.path.commonpath([real_base, real]) != real_base:
                self.error(mark, "AM111", f"essay '{essay_ref}' is outside the map's folder",
                           "put the essay beside the map, or pass --allow-outside-paths "
                           "if you trust this map")
                return
        if not from_cli:
            problem = _essay_name_problem(essay_ref, os.path.realpath(base), os.path.realpath(target))
            if problem:
                self.error(mark, "AM111", f"essay '{essay_ref}' {problem}",
                           "a map names its essay as a text file beside it (essay.txt or essay.md); "
                           "pass --essay to use another file")
                return
        try:
            raw = _read_regular(target, opts.limits.max_bytes + 1)
        except OSError as exc:
            self.error(mark, "AM109", f"cannot read essay '{essay_ref}': {exc.strerror or exc}",
                       "the essay path is relative to the map file")
            return
        if raw is None:  # a FIFO, a device, a socket: opening it for reading could wait forever
            self.error(mark, "AM109", f"essay '{essay_ref}' is not a regular file",
                       "name the essay's text file itself")
            return
        if len(raw) > opts.limits.max_bytes:
            self.error(mark, "AM009", f"essay '{essay_ref}' is larger than {opts.limits.max_bytes} bytes")
            return
        if b"\x00" in raw:
            self.error(mark, "AM109", f"essay '{essay_ref}' is not text (it holds NUL bytes)",
                       "name the essay's text file (plain text or Markdown)")
            return
        try:
            text = decode(raw, target)
        except ArgmapError as exc:
            self.errors.extend(exc.diagnostics)
            return
        self._quotes_in(text)

    def _quotes_in(self, text: str) -> None:
        """Attach the essay and check every quote against it (AM110: an error, or with
        ``lenient_quotes`` a warning and the quote left unmarked)."""
        self.map.essay = text
        if not self.options.check_quotes:
            return
        essay = Essay(text)
        for node_id, quote, qmark in self.quotes:
            if essay.find(quote) is not None:
                continue
            if self.options.lenient_quotes:
                self.warn(qmark, "AM110",
                          f"The quote of '{node_id}' does not occur in the essay: it is left unmarked.",
                          "copy the passage exactly from the essay (spacing, quotes and dashes may "
                          "differ)", node_id)
                continue
            self.error(qmark, "AM110", f"quote of '{node_id}' does not occur in the essay",
                       "copy the passage exactly from the essay (spacing, quotes and dashes may "
                       "differ); or draw the map anyway: `render --lenient-quotes` leaves this quote "
                       "unmarked, `--no-essay` leaves the essay out",
                       node=node_id)


#: what an essay named by a map may be called (``--essay`` may name any text file)
ESSAY_EXTENSIONS = (".txt", ".md", ".text")


def _essay_name_problem(ref: str, real_base: str, real: str) -> str | None:
    """Why a map may not name this file as its essay: hidden (``.ssh/...``, ``.env``) anywhere in
    the path as written or as resolved inside the map's folder, or not a text file's extension."""
    parts = list(os.path.normpath(ref).split(os.sep))
    if os.path.commonpath([real_base, real]) == real_base:
        parts += os.path.relpath(real, real_base).split(os.sep)
    if any(p.startswith(".") and p not in (".", "..") for p in parts):
        return "is a hidden file or in a hidden folder"
    if not real.lower().endswith(ESSAY_EXTENSIONS) or not ref.lower().endswith(ESSAY_EXTENSIONS):
        return "is not a text file (" + ", ".join(ESSAY_EXTENSIONS) + ")"
    return None


def _read_regular(path: str, size: int) -> bytes | None:
    """Up to ``size`` bytes of ``path``, or None when it is not a regular file: opened without
    blocking and checked on the open descriptor, so a FIFO neither hangs nor swaps in later."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(size)
    finally:
        os.close(fd)


class _LazyLocations(dict):  # type: ignore[type-arg]
    """Node locations of a JSON map, found by scanning the file only when first asked for."""

    def __init__(self, path: str, marks: dict[str, Any]) -> None:
        super().__init__()
        self._path = path
        self._marks = marks

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        mark = self._marks.get(key)
        if mark is None:
            return default
        if isinstance(mark, _Lazy):
            mark = mark.get()
        return Location(self._path, mark[0], mark[1])

    def __getitem__(self, key: str) -> Location:
        loc = self.get(key)
        if loc is None:
            raise KeyError(key)
        return loc

    def __contains__(self, key: object) -> bool:
        return key in self._marks

    def __len__(self) -> int:
        return len(self._marks)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._marks)
