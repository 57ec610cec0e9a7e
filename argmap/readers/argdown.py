"""Argdown source (``.argdown``) as an argument map: a line-based reader of the common syntax.

What is read, and how it maps:

- ``[Title]: text`` statements (one node per title: Argdown's equivalence class) and
  ``<Title>: text`` arguments (one node each; a bare ``<Title>`` or ``[Title]`` refers back). The
  title becomes the node's ``label`` and, made a valid id, its id. Untitled text paragraphs that
  take part in no relation (prose between the map's elements) are left out.
- relations by indentation under the element above: ``+``/``<+`` (the child supports the parent),
  ``-``/``<-`` (attacks), ``_``/``<_`` (undercuts), ``+>``/``->``/``_>`` (the parent relates to the
  child), ``><`` (contradictory: two attacks).
- premise-conclusion structures (``(1) ...``, ``--``/``----`` inference lines, rules between ``--``
  lines) after an argument: each premise supports the argument (several premises share the
  argument's id as ``link``) and the argument supports its final conclusion.
- an undercut of an argument is an ``undercuts`` edge to what the argument argues for, with the
  argument as ``premise`` (Argdown undercuts arguments; argmap undercuts a step).
- ``#tag`` / ``#(a tag)`` are tags, headings set ``group``, a ``===`` YAML front matter gives the
  title, ``{...}`` YAML data after an element goes to ``data`` (argmap's own fields in it, as the
  Argdown writer puts them, are restored), ``//``, ``/* */`` and ``<!-- -->`` are comments,
  ``\\x`` escapes a character.
- kinds follow ``_interop.assign_kinds``; the theses are the titled statements that argue about
  nothing (else every root).

Not supported: inline ``@[mentions]`` as relations, Argdown's "sketched" argument relations that
point at premises, and ``entails``/``contrary`` relation markers beyond the ones listed.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import CONFIDENCES, KINDS, ArgumentMap, Location
from ..options import LoadOptions
from ..schema import clean_review
from ._interop import SYNTAX, IdMaker, Problems, add_edge_once, assign_kinds, clean_text
from ._source import YamlDocument, decode, typed

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_PCS = re.compile(r"^\((\d+)\)\s*(.*)$")
_RELATION = re.compile(r"^(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(.*)$")
_SEPARATOR = re.compile(r"^-{2,}\s*$")
_ONE_LINE_RULE = re.compile(r"^--.*\S.*--\s*$")
_TAG = re.compile(r"(?<!\\)#\(([^)]*)\)|(?<![\\\w])#([\w-]+)")
_ESCAPE = re.compile(r"\\(.)")
_REF = re.compile(r"^(\[|<)((?:[^\]\\>]|\\.)*)(\]|>)(:?)\s*(.*)$", re.S)

_FORWARD = {"+>": "supports", "->": "attacks", "_>": "undercuts", "><": "contradicts"}
_BACKWARD = {"+": "supports", "<+": "supports", "-": "attacks", "<-": "attacks", "_": "undercuts",
             "<_": "undercuts"}
ARGMAP_KEYS = ("kind", "label", "confidence", "source", "quote", "note", "group", "text", "data",
               "links", "undercuts", "tags", "review")


def strip_comments(text: str) -> str:
    """``text`` with comments blanked out (newlines kept, so lines and columns stay right)."""
    out: list[str] = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            out.append(text[i:i + 2])
            i += 2
            line_start = False
            continue
        for opener, closer in (("/*", "*/"), ("<!--", "-->")):
            if text.startswith(opener, i):
                end = text.find(closer, i + len(opener))
                end = n if end < 0 else end + len(closer)
                out.append("".join(ch if ch == "\n" else " " for ch in text[i:end]))
                i = end
                break
        else:
            if c == "/" and text.startswith("//", i) and (line_start or text[i - 1] in " \t"):
                end = text.find("\n", i)
                end = n if end < 0 else end
                out.append(" " * (end - i))
                i = end
                continue
            out.append(c)
            if c == "\n":
                line_start = True
            elif c not in " \t":
                line_start = False
            i += 1
    return "".join(out)


class _Element:
    __slots__ = ("node", "line", "column", "parts", "is_argument")

    def __init__(self, node: str, line: int, column: int, is_argument: bool) -> None:
        self.node = node
        self.line = line
        self.column = column
        self.parts: list[str] = []
        self.is_argument = is_argument


def read_argdown(data: bytes, path: str, options: LoadOptions | None = None) -> ArgumentMap:
    options = options or LoadOptions()
    return _Reader(path, options).read(decode(data, path))


class _Reader:
    def __init__(self, path: str, options: LoadOptions) -> None:
        self.path = path
        self.options = options
        self.p = Problems(path)
        self.amap = ArgumentMap(path=path)
        self.make_id = IdMaker()
        self.statements: dict[str, str] = {}  # title -> node
        self.arguments: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {}  # node -> raw text (first definition wins)
        self.titled: set[str] = set()
        self.edges: list[tuple[str, str, str, int, int]] = []
        self.pcs: dict[str, list[tuple[str, bool]]] = {}  # argument -> [(statement, is_conclusion)]
        self.anonymous = 0
        self.group: str | None = None
        self.extra: dict[str, dict[str, Any]] = {}

    # -- elements --------------------------------------------------------------------------------
    def element(self, content: str, line: int, column: int) -> _Element:
        """The element a line's content defines or refers to, created on first mention."""
        m = _REF.match(content)
        if m and m.group(1) + m.group(3) in ("[]", "<>") and (m.group(4) or not m.group(5)):
            is_argument = m.group(1) == "<"
            title = clean_text(_ESCAPE.sub(r"\1", m.group(2)))
            table = self.arguments if is_argument else self.statements
            node = table.get(title)
            if node is None:
                node = table[title] = self.make_id(title)
                self.amap.graph.add_node(node, kind="claim", text=title, label=title)
                self.amap.locations[node] = Location(self.path, line, column)
                self.titled.add(node)
                if self.group:
                    self.amap.graph.nodes[node]["group"] = self.group
            el = _Element(node, line, column, is_argument)
            if m.group(4) and m.group(5).strip() and node not in self.texts:
                self.texts[node] = [m.group(5)]
                el.parts = self.texts[node]
            return el
        self.anonymous += 1
        node = self.make_id(f"s{self.anonymous}")
        self.amap.graph.add_node(node, kind="claim", text=content)
        self.amap.locations[node] = Location(self.path, line, column)
        if self.group:
            self.amap.graph.nodes[node]["group"] = self.group
        el = _Element(node, line, column, False)
        self.texts[node] = el.parts = [content]
        return el

    # -- the file --------------------------------------------------------------------------------
    def read(self, text: str) -> ArgumentMap:
        lines = text.split("\n")
        start = self.front_matter(lines)
        lines = strip_comments("\n".join(lines[start:])).split("\n")
        stack: list[tuple[int, _Element]] = []  # indentation -> element, for relations
        current: _Element | None = None  # the element whose text a continuation line extends
        argument: str | None = None  # the argument a premise-conclusion structure belongs to
        after_separator = False
        in_rule = False
        for offset, raw in enumerate(lines):
            lineno = start + offset + 1
            expanded = raw.replace("\t", "    ")
            content = expanded.strip()
            indent = len(expanded) - len(expanded.lstrip(" "))
            col = indent + 1
            if not content:
                current = None
                continue
            if in_rule:
                if content.startswith("--"):
                    in_rule = False
                continue
            if _ONE_LINE_RULE.match(content) or _SEPARATOR.match(content):
                if argument is None:
                    self.p.warn("an inference line outside an argument's premises is ignored", lineno, col)
                after_separator = True
                current = None
                if content == "--":
                    in_rule = True
                continue
            heading = _HEADING.match(content)
            if heading and indent == 0:
                self.group = clean_text(_TAG.sub("", heading.group(2))) or None
                current, argument, stack = None, None, []
                continue
            pcs = _PCS.match(content)
            if pcs and argument is not None:
                el = self.element(pcs.group(2), lineno, col + len(content) - len(pcs.group(2)))
                self.pcs.setdefault(argument, []).append((el.node, after_separator))
                after_separator = False
                current = el
                stack = [(indent, el)]
                continue
            rel = _RELATION.match(content)
            if rel and stack:
                marker, body = rel.groups()
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if not stack:
                    self.p.error(f"relation '{marker}' has no element above it to relate to", lineno, col,
                                 code=SYNTAX, hint="indent it under the statement or argument it belongs to")
                    continue
                parent = stack[-1][1]
                el = self.element(body, lineno, col + len(marker) + 1)
                if marker in _FORWARD:
                    self.edges.append((parent.node, el.node, _FORWARD[marker], lineno, col))
                else:
                    self.edges.append((el.node, parent.node, _BACKWARD[marker], lineno, col))
                stack.append((indent, el))
                current = el
                continue
            if current is not None and (stack and indent >= 0 and not _REF.match(content)):
                current.parts.append(content)  # a continued line of the element's text
                continue
            el = self.element(content, lineno, col)
            stack = [(indent, el)]
            current = el
            if el.is_argument:
                argument, after_separator = el.node, False
            elif not pcs:
                argument = None
        self.p.raise_if_any()
        return self.finish()

    def front_matter(self, lines: list[str]) -> int:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != "===":
            return 0
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is None:
            self.p.error("the front matter opened with '===' is not closed", first + 1, 1, code=SYNTAX)
            return len(lines)
        doc = YamlDocument("\n".join(lines[first + 1:end]), self.path, limits=self.options.limits)
        for d in doc.errors:
            self.p.error(d.message, d.line + first + 1, d.column, code=d.code)
        value = typed(doc.value)
        if isinstance(value, dict):
            amap = self.amap
            if isinstance(value.get("title"), str):
                amap.title = value.pop("title")
            ours = value.pop("argmap", None)
            if isinstance(ours, dict):  # what the Argdown writer stores of a map's own fields
                if isinstance(ours.get("essay"), str):
                    amap.essay_path = ours["essay"]
                if isinstance(ours.get("kinds"), dict):
                    amap.kind_names.update({k: str(v) for k, v in ours["kinds"].items() if k in KINDS})
                if isinstance(ours.get("check"), dict):
                    amap.check_config.update({k: [str(c) for c in v] for k, v in ours["check"].items()
                                              if isinstance(v, list)})
                if isinstance(ours.get("meta"), dict):
                    amap.meta.update(ours["meta"])
                amap.review = clean_review(ours.get("review"))
            if value:
                amap.meta["argdown"] = value
        return end + 1

    # -- turning it into a map -------------------------------------------------------------------
    def finish(self) -> ArgumentMap:
        amap, graph, p = self.amap, self.amap.graph, self.p
        explicit_kind: dict[str, str] = {}
        for node, parts in self.texts.items():
            self.fill(node, " ".join(parts), explicit_kind)
        p.raise_if_any()
        # premise-conclusion structures
        for argument, items in self.pcs.items():
            conclusion = next((s for s, is_c in reversed(items) if is_c), None)
            premises = [s for s, is_c in items if s != conclusion]
            link = argument if len(premises) > 1 else None
            loc = amap.location(argument)
            for s in premises:
                add_edge_once(amap, p, s, argument, "supports", link=link, line=loc.line, column=loc.column)
            if conclusion is not None:
                add_edge_once(amap, p, argument, conclusion, "supports", line=loc.line, column=loc.column)
        undercuts: list[tuple[str, str, int, int]] = []
        for source, target, relation, line, col in self.edges:
            if relation == "undercuts":
                undercuts.append((source, target, line, col))
            elif relation == "contradicts":
                add_edge_once(amap, p, source, target, "attacks", line=line, column=col)
                add_edge_once(amap, p, target, source, "attacks", line=line, column=col)
            else:
                add_edge_once(amap, p, source, target, relation, line=line, column=col)
        for source, argument, line, col in undercuts:
            step = next(iter(graph.succ[argument]), None)
            if step is None:
                p.warn(f"'{source}' undercuts '{argument}', which argues for nothing: read as an attack",
                       line, col, node=source)
                add_edge_once(amap, p, source, argument, "attacks", line=line, column=col)
            else:
                add_edge_once(amap, p, source, step, "undercuts", premise=argument, line=line, column=col)
        self.restore(explicit_kind)
        # prose: untitled paragraphs that take part in nothing
        for node in [n for n in graph if n not in self.titled and graph.degree(n) == 0]:
            graph.remove_node(node)
            amap.locations.pop(node, None)
        # nodes in the order their text is given (a reference may come before the definition)
        rank = {n: i for i, n in enumerate(self.texts)}
        mentioned = {n: i for i, n in enumerate(graph)}
        order = sorted(graph, key=lambda n: (rank.get(n, len(rank)), mentioned[n]))
        if order != list(graph):
            ordered = type(graph)()
            ordered.add_nodes_from((n, graph.nodes[n]) for n in order)
            ordered.add_edges_from(graph.edges(data=True))
            amap.graph = graph = ordered
        theses = [n for n in graph if graph.out_degree(n) == 0 and n in self.titled]
        assign_kinds(amap, theses or [n for n in graph if graph.out_degree(n) == 0])
        for node, kind in explicit_kind.items():
            if node in graph:
                graph.nodes[node]["kind"] = kind
        return p.finish(amap)

    def fill(self, node: str, raw: str, explicit_kind: dict[str, str]) -> None:
        """Split an element's text into text, tags and a trailing ``{...}`` data block."""
        attrs = self.amap.graph.nodes[node]
        loc = self.amap.location(node)
        data_at = _unescaped(raw, "{")
        data: Any = None
        if data_at >= 0:
            doc = YamlDocument(raw[data_at:], self.path, limits=self.options.limits)
            if doc.errors or not isinstance(doc.value, dict):
                self.p.error("the {...} data after an element is not a YAML mapping", loc.line, loc.column,
                             code=SYNTAX, hint="write data as {key: value, ...} at the end of the text")
                return
            data, raw = typed(doc.value), raw[:data_at]
        tags = [clean_text(a or b) for a, b in _TAG.findall(raw)]
        text = clean_text(_ESCAPE.sub(r"\1", _TAG.sub(" ", raw)))
        if tags:
            attrs["tags"] = list(dict.fromkeys(t for t in tags if t))
        if text:
            attrs["text"] = text
        if data:
            ours = data.pop("argmap", None) if isinstance(data.get("argmap"), dict) else None
            if ours is not None:
                self.extra[node] = ours
                if ours.get("kind") in KINDS:
                    explicit_kind[node] = ours["kind"]
            if data:
                attrs["data"] = data

    def restore(self, explicit_kind: dict[str, str]) -> None:
        """argmap's own fields, as the Argdown writer stores them in ``{argmap: {...}}``."""
        graph = self.amap.graph
        for node, ours in self.extra.items():
            attrs = graph.nodes[node]
            for key in ("label", "source", "quote", "note", "group", "text"):
                if key in ours:
                    if isinstance(ours[key], str):
                        attrs[key] = ours[key]
                    elif ours[key] is None:
                        attrs.pop(key, None)
            if ours.get("confidence") in CONFIDENCES:
                attrs["confidence"] = ours["confidence"]
            if isinstance(ours.get("data"), dict):
                attrs["data"] = ours["data"]
            if clean_review(ours.get("review")):
                attrs["review"] = clean_review(ours["review"])
            if isinstance(ours.get("tags"), list):  # tags Argdown's #(...) syntax cannot hold
                attrs["tags"] = [str(t) for t in ours["tags"]]
            for target, link in (ours.get("links") or {}).items():
                target_node = self.statements.get(str(target))
                if target_node and graph.has_edge(node, target_node) and isinstance(link, str):
                    graph.edges[node, target_node]["link"] = link
            for target, premise in (ours.get("undercuts") or {}).items():
                t, pr = self.statements.get(str(target)), self.statements.get(str(premise))
                if t and pr and graph.has_edge(node, t) and graph.has_edge(pr, t):
                    graph.edges[node, t]["relation"] = "undercuts"
                    graph.edges[node, t]["premise"] = pr


def _unescaped(text: str, char: str) -> int:
    """Index of the first ``char`` not escaped by a backslash, or -1."""
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1
