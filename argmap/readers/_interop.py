"""What the readers of other tools' formats share: safe ids, kinds from structure, XML with positions.

Foreign formats say *how* statements relate but rarely *what role* a statement plays, so the kind of
every node is derived from the graph by one rule (see :func:`assign_kinds`), the same for every
reader: that is what makes the AIF twin of a microtext give the same map as its XML.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from typing import Any

from ..errors import ArgmapError, Diagnostic
from ..model import ArgumentMap
from ..schema import CHECK_KEYS, ID_RE

_BAD_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")

#: diagnostic codes of the interop readers (AM12x: import problems and notes)
SYNTAX = "AM001"
STRUCTURE = "AM006"
UNKNOWN_REF = "AM101"
DROPPED = "AM120"  # something the map model cannot hold was left out (warning)
DUPLICATE = "AM121"
CYCLE = "AM122"
EMPTY = "AM123"


class IdMaker:
    """Turns foreign ids into valid, unique node ids, the same way every time.

    Characters outside ``[A-Za-z0-9_-]`` become ``_``; a clash gets ``-2``, ``-3``, ... appended.
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.used: set[str] = set(reserved)
        self.by_raw: dict[str, str] = {}

    def __call__(self, raw: str) -> str:
        known = self.by_raw.get(raw)
        if known is not None:
            return known
        base = raw if ID_RE.match(raw) else (_BAD_ID_CHARS.sub("_", raw).strip("_")[:64] or "n")
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        self.by_raw[raw] = candidate
        return candidate


class Problems:
    """Errors and warnings of one file, raised together at the end."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def error(self, message: str, line: int = 1, column: int = 1, *, code: str = STRUCTURE,
              hint: str | None = None, node: str | None = None) -> None:
        self.errors.append(Diagnostic(self.path, line, column, code, message, hint, "error", node))

    def warn(self, message: str, line: int = 1, column: int = 1, *, code: str = DROPPED,
             hint: str | None = None, node: str | None = None) -> None:
        self.warnings.append(Diagnostic(self.path, line, column, code, message, hint, "warning", node))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ArgmapError(self.errors)

    def finish(self, amap: ArgumentMap) -> ArgumentMap:
        self.raise_if_any()
        if len(amap.graph) == 0:
            raise ArgmapError.at(self.path, "the file holds no statements", code=EMPTY,
                                 hint="an argument map needs at least its central claim")
        amap.diagnostics.extend(sorted(self.warnings))
        return amap


def add_edge_once(amap: ArgumentMap, problems: Problems, source: str, target: str, relation: str, *,
                  link: str | None = None, premise: str | None = None, line: int = 1,
                  column: int = 1) -> bool:
    """Add the edge unless the pair is already related (a map holds one relation per pair)."""
    graph = amap.graph
    if source == target:
        problems.warn(f"'{source}' {relation} itself: left out", line, column, node=source)
        return False
    if graph.has_edge(source, target):
        other = graph.edges[source, target]["relation"]
        problems.warn(f"'{source}' already {other} '{target}': the second relation ({relation}) is left out",
                      line, column, node=source,
                      hint="an argument map keeps one relation between two statements")
        return False
    amap.add_edge(source, target, relation, link=link, premise=premise)
    return True


def roots(amap: ArgumentMap) -> list[str]:
    """Statements that argue about nothing: the central claim(s), in node order."""
    return [n for n in amap.graph if amap.graph.out_degree(n) == 0]


def assign_kinds(amap: ArgumentMap, theses: Iterable[str]) -> None:
    """Give every node a kind from its place in the graph.

    The rule, applied breadth-first from the thesis along each node's *first* outgoing edge:

    - ``thesis``: the given central claim(s) (usually the nodes that argue about nothing);
    - a node that supports the thesis is a ``reason``; one that supports anything else is
      ``evidence`` if nothing supports it in turn (a ground) and a ``claim`` if it does (a step);
    - a node that attacks or undercuts is an ``objection`` if it argues against the thesis's side
      and a ``rebuttal`` if it defends it. Sides are found by polarity: supports keep the side of
      their target, attacks switch it, and an undercut takes the side opposite to the premise of
      the inference it undercuts.

    Nodes that cannot reach a thesis (a separate cluster) are judged as if their own root were one.
    """
    graph = amap.graph
    side: dict[str, bool] = {}  # True = the thesis's side
    queue: deque[str] = deque()
    for t in theses:
        if t in graph and t not in side:
            side[t] = True
            graph.nodes[t]["kind"] = "thesis"
            queue.append(t)
    pending = [n for n in graph if graph.out_degree(n) == 0 and n not in side]
    pending.reverse()
    remaining = iter(list(graph))
    while True:
        while queue:
            target = queue.popleft()
            for source, edge in graph.pred[target].items():
                if source in side or next(iter(graph.succ[source])) != target:
                    continue  # only a node's first edge decides its kind
                relation = edge["relation"]
                if relation == "supports":
                    own = side[target]
                elif relation == "attacks":
                    own = not side[target]
                else:
                    premise = edge.get("premise")
                    inner = graph.edges[premise, target]["relation"] if premise is not None and \
                        graph.has_edge(premise, target) else "supports"
                    premise_side = side[target] if inner == "supports" else not side[target]
                    own = not premise_side
                side[source] = own
                graph.nodes[source]["kind"] = _kind(graph, source, target, relation, own)
                queue.append(source)
        # nodes in clusters without a root (cycles) or separate trees
        while pending and pending[-1] in side:
            pending.pop()
        if pending:
            start = pending.pop()
            side[start] = True
            graph.nodes[start]["kind"] = "claim"
            queue.append(start)
            continue
        rest = next((n for n in remaining if n not in side), None)
        if rest is None:
            return
        side[rest] = True
        graph.nodes[rest]["kind"] = "claim"
        queue.append(rest)


def _kind(graph: Any, source: str, target: str, relation: str, own_side: bool) -> str:
    if relation != "supports":
        return "rebuttal" if own_side else "objection"
    if graph.nodes[target].get("kind") == "thesis":
        return "reason"
    supported = any(e["relation"] == "supports" for e in graph.pred[source].values())
    return "claim" if supported else "evidence"


def check_config(value: Any) -> dict[str, list[str]]:
    """``check:`` settings carried in another format, as the native reader takes them: only the
    known keys (``ignore``, ``select``), so the map can be written back as a valid native file."""
    if not isinstance(value, dict):
        return {}
    return {k: [str(c).strip().upper() for c in (v if isinstance(v, list) else [v]) if c is not None]
            for k, v in value.items() if k in CHECK_KEYS}


def clean_text(text: str) -> str:
    """One statement's text with runs of whitespace (line breaks of the source) made single spaces."""
    return " ".join(text.split())


# -- XML with positions ----------------------------------------------------------------------------
class XmlElement:
    """An XML element with the 1-based line and column of its start tag."""

    __slots__ = ("tag", "attrs", "line", "column", "children", "text")

    def __init__(self, tag: str, attrs: dict[str, str], line: int, column: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.column = column
        self.children: list[XmlElement] = []
        self.text = ""


class _XmlStop(Exception):
    pass


def parse_xml(text: str, path: str, max_depth: int = 64) -> XmlElement:
    """The document's root element, built without recursion; entity declarations are refused.

    Expat reports the position of every start tag, which ElementTree throws away. Declaring
    entities is the means of "billion laughs" and external-entity attacks, and no argument format
    needs it, so a DTD that declares one is an error.
    """
    from xml.parsers import expat

    # the text is already decoded (as UTF-8, with a clear error otherwise): an encoding named in the
    # XML declaration, real or garbled, must not send expat looking for a codec
    parser = expat.ParserCreate(encoding="utf-8")
    stack: list[XmlElement] = []
    root: list[XmlElement] = []
    chunks: list[list[str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(stack) >= max_depth:
            raise _XmlStop(f"XML nested deeper than {max_depth} levels")
        el = XmlElement(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if stack:
            stack[-1].children.append(el)
        else:
            root.append(el)
        stack.append(el)
        chunks.append([])

    def end(tag: str) -> None:
        el = stack.pop()
        el.text = "".join(chunks.pop())

    def data(chars: str) -> None:
        if chunks:
            chunks[-1].append(chars)

    def entity(*args: Any) -> None:
        raise _XmlStop("the XML declares an entity, which argmap does not allow")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *a: 0  # type: ignore[assignment]
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise ArgmapError.at(path, f"XML syntax error: {expat.errors.messages[exc.code]}",
                             line=exc.lineno, column=exc.offset + 1, code=SYNTAX) from None
    except _XmlStop as exc:
        raise ArgmapError.at(path, str(exc), line=parser.CurrentLineNumber,
                             column=parser.CurrentColumnNumber + 1, code=SYNTAX) from None
    if not root:  # pragma: no cover - expat reports "no element found" first
        raise ArgmapError.at(path, "XML document has no element", code=SYNTAX)
    return root[0]
