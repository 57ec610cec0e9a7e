"""Turning the bytes of a YAML or JSON document into plain values with line and column marks.

PyYAML's composer recurses (a deeply nested document crashes the interpreter) and its loader keeps
only the last of two duplicate keys; both are unacceptable for user files, so YAML is read here from
libyaml's event stream with an explicit stack. JSON is parsed by the standard library (fast) and
positions are only worked out, by a small scanner, when a diagnostic needs one.
"""

from __future__ import annotations

import copy
import json
import json.decoder
import math
import re
from collections.abc import Callable, Iterator
from typing import Any, cast

import yaml

from ..errors import ArgmapError, Diagnostic

Path = tuple[Any, ...]
Mark = tuple[int, int]
KEY = "\x00key"  # suffix of a path that asks for the position of a mapping key, not its value


from ..options import DEFAULT_LIMITS, Limits  # noqa: E402  (re-exported for readers)


# -- decoding -----------------------------------------------------------------------------------
def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM is allowed); anything else is a user error naming the bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArgmapError.at(
            path,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
            line=line,
            column=col,
            code="AM002",
            hint="save the file as UTF-8 (e.g. in your editor: 'Save with encoding' -> UTF-8)",
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def position(text: str, offset: int) -> Mark:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- YAML ---------------------------------------------------------------------------------------
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT_RE = re.compile(
    r"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"
)


class PlainScalar(str):
    """An unquoted YAML scalar that YAML would read as a number, boolean or null.

    It stays the text as written (``text: yes`` is the word "yes", ``tags: [1934]`` the tag
    "1934"), and carries YAML's reading in ``typed`` for the few fields that want one
    (``argmap: 1``, an empty ``confidence:``).
    """

    typed: Any

    def __new__(cls, raw: str, typed: Any) -> PlainScalar:
        self = super().__new__(cls, raw)
        self.typed = typed
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (PlainScalar, (str(self), self.typed))


def typed(value: Any) -> Any:
    """YAML's reading of a value: numbers, booleans and nulls for unquoted scalars."""
    if isinstance(value, PlainScalar):
        return value.typed
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return value


def _resolve_plain(value: str) -> Any:
    """YAML 1.1 core types for an unquoted scalar (dates stay text: a tag '1934-12-01' is a label).
    An integer too long for Python to convert stays text here; ``number_problem`` refuses it."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT_RE.match(value):
            try:
                return int(value.replace("_", ""))
            except ValueError:  # more digits than int() converts (4 300): a hostile file
                return _TOO_LONG
        if _FLOAT_RE.match(value) and any(c.isdigit() for c in value):
            return float(value.replace("_", ""))
        if value.lower() in (".inf", "+.inf", "-.inf", ".nan"):
            return float(value.lower().replace(".", ""))
    return value


_TOO_LONG = object()  # an integer with more digits than Python converts


def number_problem(value: Any, written: str = "") -> str | None:
    """Why a number read from a file cannot be kept (every output must stay standard JSON)."""
    if value is _TOO_LONG:
        return "a number with more than 4300 digits"
    if isinstance(value, float) and not math.isfinite(value):
        return f"'{written[:40] or value}' is not a finite number"
    return None


def _plain_scalar(value: str) -> Any:
    resolved = _resolve_plain(value)
    return value if resolved is value else PlainScalar(value, resolved)


_TAGGED: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda v: _BOOLS[v],
    "tag:yaml.org,2002:null": lambda v: None,
}


#: values aliases may add beyond ``ALIAS_FACTOR`` per event written in the file: a kilobyte
#: bomb is refused after at most this many copied values (milliseconds, a few megabytes)
ALIAS_ALLOWANCE = 100_000
ALIAS_FACTOR = 10


class _Frame:
    __slots__ = ("value", "path", "key", "key_mark", "size", "anchor", "mark", "node_marks")

    def __init__(self, value: Any, path: Path, anchor: str | None, mark: Mark) -> None:
        self.value = value
        self.path = path
        self.key: Any = _NO_KEY
        self.key_mark: Mark = (0, 0)
        self.size = 0
        self.anchor = anchor
        self.mark = mark


_NO_KEY = object()


class YamlDocument:
    """Plain values built from the event stream, with marks for every key and value.

    ``text`` may be the UTF-8 bytes of the text (without BOM or carriage returns): libyaml reads
    those directly.

    ``stream_prefix`` names a mapping (``("nodes",)``) whose entries are handed one by one to
    ``on_entry(key, value, marks)`` as soon as they are complete, with marks relative to the entry,
    and are not kept: a 100 000-node map never exists twice in memory.
    """

    def __init__(
        self,
        text: str | bytes,
        path: str,
        *,
        limits: Limits = DEFAULT_LIMITS,
        stream_prefix: Path = (),
        on_entry: Callable[[str, Any, dict[Path, Mark], Mark], None] | None = None,
    ) -> None:
        self.path = path
        self.marks: dict[Path, Mark] = {}
        self.errors: list[Diagnostic] = []
        self.limits = limits
        self.value = self._build(text, stream_prefix, on_entry)

    def _error(self, mark: Mark, code: str, message: str, hint: str | None = None) -> None:
        self.errors.append(Diagnostic(self.path, mark[0], mark[1], code, message, hint))

    def _build(
        self,
        text: str | bytes,
        stream_prefix: Path,
        on_entry: Callable[[str, Any, dict[Path, Mark], Mark], None] | None,
    ) -> Any:
        limits = self.limits
        stack: list[_Frame] = []
        anchors: dict[str, tuple[Any, int]] = {}
        root: Any = None
        have_root = False
        budget = limits.max_values
        written = expanded = 0  # events in the file; values that aliases add to them
        depth_prefix = len(stream_prefix) + 1  # paths at this depth are streamed entries
        entry_marks: dict[Path, Mark] = {}
        marks = self.marks

        def record(p: Path, mark: Mark) -> None:
            if on_entry is not None and len(p) >= depth_prefix and p[: depth_prefix - 1] == stream_prefix:
                entry_marks[p[depth_prefix:]] = mark
            else:
                marks[p] = mark

        def attach(value: Any, mark: Mark, size: int) -> None:
            nonlocal root, have_root
            if not stack:
                if have_root:
                    self._error(mark, "AM001", "more than one YAML document in the file",
                                "remove the '---' line that starts a second document")
                    return
                root, have_root = value, True
                return
            top = stack[-1]
            top.size += size
            if isinstance(top.value, list):
                p = top.path + (len(top.value),)
                record(p, mark)
                top.value.append(value)
                return
            if top.key is _NO_KEY:  # this value is a key
                if not isinstance(value, str):
                    self._error(mark, "AM006", "a key must be a plain name, not a list or mapping")
                    value = f"<key at line {mark[0]}>"
                top.key, top.key_mark = value, mark
                return
            key, key_mark = top.key, top.key_mark
            top.key = _NO_KEY
            p = top.path + (key,)
            if (
                on_entry is not None
                and top.path == stream_prefix
            ):
                own = entry_marks.copy()
                entry_marks.clear()
                own[()] = mark
                on_entry(key, value, own, key_mark)
                return
            if key in top.value:
                first = marks.get(p + (KEY,))
                where = f" (first at line {first[0]})" if first else ""
                self._error(key_mark, "AM008", f"duplicate key '{key}'{where}",
                            "YAML keeps only the last of two equal keys: rename or merge them")
                return
            record(p + (KEY,), key_mark)
            record(p, mark)
            top.value[key] = value

        try:
            events: Iterator[Any] = yaml.parse(text, Loader=yaml.CSafeLoader)
            for ev in events:
                cls = type(ev)
                sm = ev.start_mark
                mark = (sm.line + 1, sm.column + 1)
                written += 1
                if cls is yaml.ScalarEvent:
                    budget -= 1
                    value: Any = ev.value
                    if stack and not isinstance(stack[-1].value, list) and stack[-1].key is _NO_KEY:
                        pass  # keys stay text exactly as written: an id "1934" is a name
                    elif ev.tag and ev.tag != "!":
                        conv = _TAGGED.get(ev.tag)
                        if conv is None:
                            self._error(mark, "AM006", f"unsupported YAML tag '{ev.tag}'",
                                        "remove the tag: argmap reads plain text, numbers and lists")
                        else:
                            try:
                                value = conv(value)
                            except (ValueError, KeyError):
                                kind = ev.tag.rsplit(":", 1)[-1]
                                self._error(mark, "AM006", f"'{value}' is not a valid {kind}")
                    elif not ev.style and ev.implicit[0]:
                        value = _plain_scalar(value)
                    elif ev.style == '"' and not _encodable(value):
                        self._error(mark, "AM002", "a lone surrogate escape ('\\ud800'-'\\udfff') "
                                    "is not a character", "write the character itself, or a valid pair")
                        value = value.encode("utf-8", "replace").decode("utf-8")
                    problem = number_problem(typed(value), ev.value)
                    if problem:
                        self._error(mark, "AM006", problem,
                                    "put the value in quotes if it is text, or leave it out")
                        value = None
                    if ev.anchor:
                        anchors[ev.anchor] = (value, 1)
                    attach(value, mark, 1)
                elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                    if len(stack) >= limits.max_depth:
                        raise _Stop(mark, "AM009", f"nesting deeper than {limits.max_depth} levels",
                                    _DEPTH_HINT)
                    if stack:
                        top = stack[-1]
                        if isinstance(top.value, list):
                            p = top.path + (len(top.value),)
                        elif top.key is _NO_KEY:
                            p = top.path + (f"<complex key at line {mark[0]}>",)
                        else:
                            p = top.path + (top.key,)
                    else:
                        p = ()
                    container: Any = {} if cls is yaml.MappingStartEvent else []
                    stack.append(_Frame(container, p, ev.anchor, mark))
                elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                    frame = stack.pop()
                    if frame.anchor:
                        anchors[frame.anchor] = (frame.value, frame.size + 1)
                    attach(frame.value, frame.mark, frame.size + 1)
                elif cls is yaml.AliasEvent:
                    if ev.anchor not in anchors:
                        self._error(mark, "AM001", f"unknown alias '*{ev.anchor}'")
                        attach(None, mark, 1)
                        continue
                    value, size = anchors[ev.anchor]
                    budget -= size
                    expanded += size
                    # sizes are memoised per anchor, so a bomb shows before it is copied: aliases
                    # may add a few times what the file writes out, never millions from a kilobyte
                    if expanded > ALIAS_ALLOWANCE + ALIAS_FACTOR * written or budget < 0:
                        raise _Stop(mark, "AM009",
                                    f"aliases expand to more than "
                                    f"{min(limits.max_values, ALIAS_ALLOWANCE + ALIAS_FACTOR * written)}"
                                    f" values (the file writes {written})",
                                    "the file repeats anchors ('&a' / '*a') too often: write the data out")
                    attach(copy.deepcopy(value) if isinstance(value, (dict, list)) else value, mark, size)
                if budget < 0:
                    raise _Stop(mark, "AM009", f"more than {limits.max_values} values in the file")
        except _Stop as stop:
            self._error(stop.mark, stop.code, stop.message, stop.hint)
            return None
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" in (exc.problem or ""):  # newer libyaml stops deep nesting itself
                at = exc.problem_mark
                self._error((at.line + 1, at.column + 1) if at else (1, 1), "AM009",
                            f"nesting deeper than {limits.max_depth} levels", _DEPTH_HINT)
                return None
            self._error(*_yaml_error(exc, text if isinstance(text, str) else text.decode("utf-8")))
            return None
        except yaml.YAMLError as exc:  # pragma: no cover - libyaml always gives marks
            self._error((1, 1), "AM001", f"YAML error: {exc}")
            return None
        return root


_DEPTH_HINT = "an argument map needs only a few levels: check the indentation"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Stop(Exception):
    def __init__(self, mark: Mark, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark, self.code, self.message, self.hint = mark, code, message, hint


def _yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[Mark, str, str, str | None]:
    mark = exc.problem_mark or exc.context_mark
    where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "syntax error").strip()
    hint = None
    line = text.split("\n", where[0])[where[0] - 1] if where[0] <= text.count("\n") + 1 else ""
    if "\t" in line[: where[1]] or "'\\t'" in problem:
        problem = "tab character in indentation"
        hint = "YAML indents with spaces only: replace the tab with spaces"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted, e.g. text: \"Cause: fear\""
    elif "could not find expected ':'" in problem:
        hint = "each field is written 'name: value'; check the line above for a missing ':'"
    elif exc.context:
        problem = f"{problem} ({exc.context.strip()})"
    return where, "AM001", f"YAML syntax error: {problem}", hint


def nearest(marks: dict[Path, Mark], p: Path) -> Mark:
    """The mark of ``p``, or of its closest enclosing value when ``p`` itself was not written."""
    while p:
        if p in marks:
            return marks[p]
        p = p[:-1]
    return marks.get((), (1, 1))


# -- JSON ---------------------------------------------------------------------------------------
class _DuplicateKey(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _DuplicateKey
    return out


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs)

#: the value and string scanners ``json.loads`` runs (C when available): ``scan(text, i)`` and
#: ``scanstring(text, i)`` return what starts at ``i`` and the offset after it. typeshed leaves
#: both attributes out, so they are looked up by name and given the signatures json/decoder.py has.
_Scan = Callable[[str, int], tuple[Any, int]]
_SCAN: _Scan = vars(_DECODER)["scan_once"]
_SCANSTRING: Callable[[str, int], tuple[str, int]] = vars(json.decoder)["scanstring"]


class JsonDocument:
    """A JSON document parsed by the standard library; marks are found lazily by scanning.

    ``node_keys`` holds, when the document is an object, the offset of each key of its
    ``"nodes"`` object (``key_marks`` turns them into marks in one pass): the two outer levels are
    walked here with the standard library's own C scanner parsing every value, so a node's
    location costs nothing and the slow position scanner runs only for a diagnostic.
    """

    def __init__(self, text: str, path: str, *, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.text = text
        self.errors: list[Diagnostic] = []
        self._marks: dict[Path, Mark] | None = None
        self.value: Any = None
        self.node_keys: dict[str, int] | None = None
        try:
            walked = _walk_outer(text)
            if walked is not None:
                self.value, self.node_keys = walked
            else:
                self.value = json.loads(text, object_pairs_hook=_pairs)
        except json.JSONDecodeError as exc:
            self.errors.append(_syntax_error(path, exc))
            return
        except ValueError:  # an integer of more than 4 300 digits
            self._at(_LONG_NUMBER.search(text), "AM006", "a number with more than 4300 digits",
                     "put the value in quotes if it is text, or leave it out")
            return
        except (_DuplicateKey, RecursionError):
            # the hook stops json.loads at the first duplicate, before it has seen the whole text:
            # a syntax error further on comes first (the position scanner reads only valid JSON)
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                self.errors.append(_syntax_error(path, exc))
                return
            except RecursionError:
                pass  # nested too deep for the parser: the scanner reports where
        else:
            if _depth_ok(text, self.value, limits.max_depth):
                self._check_values()
                return
        # duplicates or too deep: the scanner knows where
        self.value = None
        self.node_keys = None
        scan = _JsonScanner(text, limits.max_depth)
        for mark, code, message, hint in scan.problems:
            self.errors.append(Diagnostic(path, mark[0], mark[1], code, message, hint))

    def _at(self, found: re.Match[str] | None, code: str, message: str, hint: str) -> None:
        line, column = position(self.text, found.start()) if found else (1, 1)
        self.errors.append(Diagnostic(self.path, line, column, code, message, hint))

    def _check_values(self) -> None:
        """Refuse what JSON's parser accepts but no standard output can hold: NaN, Infinity and
        numbers that overflow to it (1e999), lone surrogate escapes. A regular expression finds
        the candidates; the value is walked only when one is there."""
        text = self.text
        if _SURROGATE.search(text) and not _encodable(json.dumps(self.value, ensure_ascii=False)):
            self._at(_SURROGATE.search(text), "AM002",
                     "a lone surrogate escape ('\\ud800'-'\\udfff') is not a character",
                     "write the character itself, or a valid pair")
        found = _NON_FINITE.search(text)
        if found and _has_non_finite(self.value):
            self._at(found, "AM006", "not a finite number (NaN, Infinity or too large for a float)",
                     "write a finite number, or put the value in quotes if it is text")
        if self.errors:
            self.value = None

    def mark(self, p: Path) -> Mark:
        if self._marks is None:
            self._marks = _JsonScanner(self.text, 10**9).marks
        return nearest(self._marks, p)

    def key_marks(self) -> dict[str, Mark]:
        """The mark of every node id's key (empty without ``node_keys``), in one forward pass."""
        text = self.text
        out: dict[str, Mark] = {}
        line, line_start, prev = 1, 0, 0
        for node_id, offset in (self.node_keys or {}).items():
            if offset < prev:  # never: keys come in file order
                return {n: self.mark(("nodes", n, KEY)) for n in self.node_keys or {}}
            newlines = text.count("\n", prev, offset)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", prev, offset) + 1
            out[node_id] = (line, offset - line_start + 1)
            prev = offset
        return out


_WS = re.compile(r"[ \t\n\r]*")
_Ws = Callable[[str, int], re.Match[str]]
#: ``_WS.match`` never returns None: the pattern matches the empty string at any offset
_ws = cast(_Ws, _WS.match)


def _walk_outer(text: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """``json.loads(text, object_pairs_hook=_pairs)`` for a document that is an object, plus the
    offset of each key of its ``"nodes"`` object; None (the caller then asks ``json.loads``, which
    reports any error exactly) for anything else or anything unexpected."""
    scan = _SCAN
    ws = _ws
    keys: dict[str, int] = {}
    try:
        i = ws(text, 0).end()
        if text[i:i + 1] != "{":
            return None
        pairs, i = _walk_object(text, ws(text, i + 1).end(), scan, ws, keys, True)
        if ws(text, i).end() != len(text):
            return None
        return _pairs(pairs), keys
    except (ValueError, StopIteration, IndexError, _DuplicateKey):  # JSONDecodeError is a ValueError
        return None


def _walk_object(text: str, i: int, scan: _Scan, ws: _Ws, keys: dict[str, int],
                 outer: bool) -> tuple[list[tuple[str, Any]], int]:
    """The pairs of the object whose first key (or closing brace) is at ``i``, and the offset after
    it; in the outer object a ``"nodes"`` object is walked too, recording its keys' offsets."""
    pairs: list[tuple[str, Any]] = []
    if text[i] == "}":
        return pairs, i + 1
    while True:
        if text[i] != '"':
            raise ValueError
        start = i
        key, i = _SCANSTRING(text, i + 1)
        i = ws(text, i).end()
        if text[i] != ":":
            raise ValueError
        i = ws(text, i + 1).end()
        if outer and key == "nodes" and text[i] == "{":
            nodes, i = _walk_object(text, ws(text, i + 1).end(), scan, ws, keys, False)
            value: Any = _pairs(nodes)
        else:
            value, i = scan(text, i)
            if not outer:
                if key in keys:
                    raise _DuplicateKey
                keys[key] = start
        pairs.append((key, value))
        i = ws(text, i).end()
        if text[i] == ",":
            i = ws(text, i + 1).end()
        elif text[i] == "}":
            return pairs, i + 1
        else:
            raise ValueError


_LONG_NUMBER = re.compile(r"\d{4300,}")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_NON_FINITE = re.compile(r"NaN|Infinity|\d[eE]\+?\d{3}")


def _has_non_finite(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _syntax_error(path: str, exc: json.JSONDecodeError) -> Diagnostic:
    return Diagnostic(path, exc.lineno, exc.colno, "AM001", f"JSON syntax error: {exc.msg}",
                      _json_hint(exc.msg))


def _json_hint(msg: str) -> str | None:
    if "Expecting ',' delimiter" in msg:
        return "a ',' is missing between two items, or a quote is not closed"
    if "Expecting property name" in msg:
        return "JSON does not allow a trailing ',' before '}' and needs double-quoted names"
    return None


def _depth_ok(text: str, value: Any, max_depth: int) -> bool:
    """No container nested deeper than ``max_depth`` (walked over the parsed value: the scanner,
    which finds where, only runs when one is)."""
    if text.count("[") + text.count("{") <= max_depth:
        return True
    if not isinstance(value, (dict, list)):
        return True
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > max_depth:
            return False
        for item in container.values() if isinstance(container, dict) else container:
            if isinstance(item, (dict, list)):
                stack.append((item, depth + 1))
    return True


_TOKEN = re.compile(
    r'\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)|([{}\[\]:,]))',
    re.S,
)


class _JsonScanner:
    """Walks already-valid JSON once, recording where each key and value starts."""

    def __init__(self, text: str, max_depth: int, marks: bool = True) -> None:
        self.marks: dict[Path, Mark] = {}
        self.problems: list[tuple[Mark, str, str, str | None]] = []
        line_starts = [0]
        line_starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
        import bisect

        def at(offset: int) -> Mark:
            ln = bisect.bisect_right(line_starts, offset)
            return ln, offset - line_starts[ln - 1] + 1

        # stack entries: [path, is_object, current_key, seen_keys, index]
        stack: list[list[Any]] = []
        pos = 0
        expect_key = False
        n = len(text)
        while pos < n:
            m = _TOKEN.match(text, pos)
            if not m:
                break
            pos = m.end()
            start = m.start(m.lastindex or 0)
            string, punct = m.group(1), m.group(3)
            if punct in ("}", "]"):
                if not stack:  # not valid JSON after all: nothing more to learn from it
                    break
                stack.pop()
                expect_key = False
                continue
            if punct == ",":
                expect_key = bool(stack and stack[-1][1])
                continue
            if punct == ":":
                continue
            top = stack[-1] if stack else None
            if top is not None and top[1] and expect_key:
                key = json.loads(string, strict=False) if string else ""
                if key in top[3]:
                    first = top[3][key]
                    self.problems.append((at(start), "AM008",
                                          f"duplicate key '{key}' (first at line {first[0]})",
                                          "JSON readers keep only one of two equal keys: "
                                          "rename or merge them"))
                else:
                    top[3][key] = at(start)
                top[2] = key
                if marks:
                    self.marks[top[0] + (key, KEY)] = at(start)
                expect_key = False
                continue
            if top is None:
                p: Path = ()
            elif top[1]:
                p = top[0] + (top[2],)
            else:
                p = top[0] + (top[4],)
                top[4] += 1
            if marks:
                self.marks[p] = at(start)
            if punct in ("{", "["):
                if len(stack) >= max_depth:
                    self.problems.append((at(start), "AM009", f"nesting deeper than {max_depth} levels",
                                          "an argument map needs only a few levels"))
                    return
                stack.append([p, punct == "{", None, {}, 0])
                expect_key = punct == "{"
