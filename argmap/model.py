"""The argument map: statements as nodes of a directed graph, reasons pointing at what they support.

An edge ``u -> v`` means *u argues about v*: with ``relation="supports"`` u is a reason for v, with
``"attacks"`` an objection to v, with ``"undercuts"`` an objection to the inference from the edge's
``premise`` to v. Premises that only support a conclusion together share a ``link`` name on their
edges (a linked argument). Everything else is node data, so any networkx algorithm works on
``ArgumentMap.graph`` directly.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import networkx as nx

    class MapGraph(nx.DiGraph):
        """A DiGraph of statement ids with the adjacency dicts that the hot loops read directly.

        networkx keeps node data and both adjacencies in these plain dicts; walking them skips the
        view objects ``graph.nodes``/``succ``/``pred`` build on every access. The stubs leave the
        private names out, so this class names them for the type checker only: at run time
        ``ArgumentMap.graph`` is a plain ``networkx.DiGraph``.
        """

        _node: dict[str, dict[str, Any]]
        _succ: dict[str, dict[str, dict[str, Any]]]
        _pred: dict[str, dict[str, dict[str, Any]]]



class Kind(str, enum.Enum):
    THESIS = "thesis"
    REASON = "reason"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"

    def __str__(self) -> str:
        return self.value


class Relation(str, enum.Enum):
    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"

    def __str__(self) -> str:
        return self.value


class Confidence(str, enum.Enum):
    CERTAIN = "certain"
    LIKELY = "likely"
    POSSIBLE = "possible"
    DOUBTFUL = "doubtful"

    def __str__(self) -> str:
        return self.value

    @property
    def weight(self) -> float:
        """How much a piece of evidence at this confidence counts (see ``analysis.strength``)."""
        return _CONFIDENCE_WEIGHT[self]

    @property
    def hedged(self) -> bool:
        return self in (Confidence.POSSIBLE, Confidence.DOUBTFUL)


_CONFIDENCE_WEIGHT = {
    Confidence.CERTAIN: 1.0,
    Confidence.LIKELY: 0.75,
    Confidence.POSSIBLE: 0.5,
    Confidence.DOUBTFUL: 0.25,
}

KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
RELATIONS: tuple[str, ...] = tuple(r.value for r in Relation)
CONFIDENCES: tuple[str, ...] = tuple(c.value for c in Confidence)

#: Node attributes that are optional strings.
TEXT_FIELDS: tuple[str, ...] = ("label", "source", "quote", "note", "group")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was written: 1-based line and column in ``path``."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass
class ArgumentMap:
    """An argument graph plus the map-level facts that are not nodes.

    ``locations`` maps node ids to where they were defined, so analyses can report findings at the
    right line; it may be empty for maps built in code.
    """

    graph: MapGraph = field(default_factory=lambda: new_graph())
    title: str | None = None
    essay: str | None = None
    essay_path: str | None = None
    #: the essay came from the map's own ``essay_text:`` (written back out with the map)
    essay_embedded: bool = False
    kind_names: dict[str, str] = field(default_factory=dict)
    path: str = "<map>"
    locations: dict[str, Location] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    #: ``check: {ignore: [...], select: [...]}`` from the map file
    check_config: dict[str, list[str]] = field(default_factory=dict)
    #: review notes on the whole map: ``{"by": ..., "at": ..., "text": ...}`` (only text required)
    review: list[dict[str, str]] = field(default_factory=list)
    #: warnings found while reading (e.g. what an importer could not carry over)
    diagnostics: list[Any] = field(default_factory=list)

    # -- building -----------------------------------------------------------------------------
    def add_node(
        self,
        node_id: str,
        kind: Kind | str,
        text: str,
        *,
        label: str | None = None,
        confidence: Confidence | str | None = None,
        source: str | None = None,
        quote: str | None = None,
        tags: list[str] | None = None,
        note: str | None = None,
        group: str | None = None,
        data: Mapping[str, Any] | None = None,
        review: list[dict[str, str]] | None = None,
    ) -> None:
        attrs: dict[str, Any] = {"kind": Kind(kind).value, "text": text}
        if confidence is not None:
            attrs["confidence"] = Confidence(confidence).value
        for name, value in (
            ("label", label),
            ("source", source),
            ("quote", quote),
            ("note", note),
            ("group", group),
        ):
            if value is not None:
                attrs[name] = value
        if tags:
            attrs["tags"] = list(tags)
        if data:
            attrs["data"] = dict(data)
        if review:
            attrs["review"] = [dict(note) for note in review]
        self.graph.add_node(node_id, **attrs)

    def add_edge(
        self,
        source: str,
        target: str,
        relation: Relation | str = Relation.SUPPORTS,
        *,
        link: str | None = None,
        premise: str | None = None,
    ) -> None:
        attrs: dict[str, Any] = {"relation": Relation(relation).value}
        if link is not None:
            attrs["link"] = link
        if premise is not None:
            attrs["premise"] = premise
        self.graph.add_edge(source, target, **attrs)

    # -- reading ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.graph

    def __iter__(self) -> Iterator[str]:
        return iter(self.graph)

    def node(self, node_id: str) -> dict[str, Any]:
        return self.graph.nodes[node_id]

    def kind(self, node_id: str) -> str:
        return self.graph.nodes[node_id]["kind"]

    def label(self, node_id: str, width: int = 48) -> str:
        """The node's short title: its ``label``, else its text shortened at a word boundary."""
        data = self.graph.nodes[node_id]
        return data.get("label") or shorten(data["text"], width)

    def kind_name(self, kind: str, plural: bool = False) -> str:
        """What this map calls a kind (``kinds: {reason: Motive}``), capitalised."""
        name = self.kind_names.get(kind) or kind.capitalize()
        return plural_of(name) if plural else name

    def nodes_of(self, *kinds: str) -> list[str]:
        return [n for n, d in self.graph._node.items() if d.get("kind") in kinds]

    def relation(self, source: str, target: str) -> str:
        return self.graph.edges[source, target]["relation"]

    def location(self, node_id: str) -> Location:
        return self.locations.get(node_id) or Location(self.path)

    def edges(self, relation: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for u, v, data in self.graph.edges(data=True):
            if relation is None or data["relation"] == relation:
                yield u, v, data


def new_graph() -> MapGraph:
    """An empty graph for statements (networkx is imported on first use, not with argmap)."""
    import networkx

    # every DiGraph has the dicts MapGraph names (see there), so the plain graph is one
    return cast("MapGraph", networkx.DiGraph())


#: nouns with no plural of their own: "three pieces of Evidence" are listed as "Evidence"
_UNCOUNTABLE = frozenset(("evidence", "information", "research", "data", "knowledge", "proof",
                          "advice", "support", "background"))


def plural_of(name: str) -> str:
    """English plural of a kind's name: Thesis -> Theses, Evidence -> Evidence, Policy -> Policies,
    Cause -> Causes (the last word of a longer name changes: Main reason -> Main reasons)."""
    low = name.lower()
    last = low.rsplit(" ", 1)[-1]
    upper = name.isupper() and len(name) > 1
    if not last or last in _UNCOUNTABLE or not name[-1].isalpha():
        return name
    if low.endswith("is") and len(last) > 3:  # thesis, hypothesis, analysis, basis
        return name[:-2] + ("ES" if upper else "es")
    if low.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return name[:-1] + ("IES" if upper else "ies")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return name + ("ES" if upper else "es")
    return name + ("S" if upper else "s")


def shorten(text: str, width: int = 48) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
