"""AIF JSON (AIFdb, OVA, xAIF from OVA3) as an argument map.

AIF has no edge types: a relation is premise -> scheme node -> conclusion. The mapping:

- ``I`` nodes are statements (``nodeID`` made a valid id, see ``_interop.IdMaker``);
- ``RA`` (inference): each premise ``supports`` the conclusion; several premises of one RA are a
  linked argument and share the RA's id as ``link``;
- ``CA`` (conflict): each premise ``attacks`` an I-node conclusion, or, when the conclusion is an
  S-node (RA/CA/MA), ``undercuts`` that inference: an edge to the inference's final conclusion with
  the inference's first premise as ``premise``;
- ``MA`` (rephrase) is read as support, with a warning, since a map has no equivalence relation;
  ``PA`` (preference) and support of an inference (RA -> S-node) are left out with a warning;
- dialogue nodes (``L``, ``TA``, ``YA``) and the edges touching them are kept unchanged in
  ``meta["aif"]`` (they name who said what, not what supports what), with one note.

Kinds come from the structure (``_interop.assign_kinds``): the thesis is the I-node that argues about
nothing. Files written by argmap's own AIF writer carry an ``argmap`` object on nodes and at the top
level (kind, label, link names, title, ...): it is read back so that the round trip is lossless.
"""

from __future__ import annotations

from typing import Any

from ..errors import ArgmapError
from ..model import CONFIDENCES, KINDS, ArgumentMap, Location
from ..options import LoadOptions
from ..schema import clean_review
from ._interop import (
    CYCLE,
    DUPLICATE,
    SYNTAX,
    UNKNOWN_REF,
    IdMaker,
    Problems,
    add_edge_once,
    assign_kinds,
    check_config,
    roots,
)
from ._source import JsonDocument, decode

SCHEME_TYPES = ("RA", "CA", "MA", "PA")
DIALOGUE_TYPES = ("L", "TA", "YA")
_NODE_FIELDS = ("label", "confidence", "source", "quote", "tags", "note", "group", "data", "review")
_TOP_FIELDS = ("title", "essay", "kinds", "check", "meta")


def looks_like_aif(data: bytes) -> bool:
    """Whether a ``.json`` file is AIF rather than argmap's own JSON (AIFdb names files *.json)."""
    head = data[:65536].lstrip()
    return head[:1] == b"{" and (b'"nodeID"' in head or b'"AIF"' in head)


def read_aif(data: bytes, path: str, options: LoadOptions | None = None) -> ArgumentMap:
    options = options or LoadOptions()
    doc = JsonDocument(decode(data, path), path, limits=options.limits)
    if doc.errors:
        raise ArgmapError(doc.errors)
    return _Reader(doc).read()


class _Reader:
    def __init__(self, doc: JsonDocument) -> None:
        self.doc = doc
        self.path = doc.path
        self.problems = Problems(doc.path)
        self.prefix: tuple[Any, ...] = ()

    def at(self, *p: Any) -> tuple[int, int]:
        return self.doc.mark(self.prefix + p)

    def read(self) -> ArgumentMap:
        p = self.problems
        top = self.doc.value
        if isinstance(top, dict) and isinstance(top.get("AIF"), dict):  # xAIF (OVA3)
            self.prefix = ("AIF",)
            graph = top["AIF"]
        else:
            graph = top
        if not isinstance(graph, dict) or not isinstance(graph.get("nodes"), list):
            raise ArgmapError.at(self.path, "not AIF JSON: expected an object with a 'nodes' list",
                                 line=self.at()[0], column=self.at()[1], code=SYNTAX,
                                 hint="AIF JSON looks like {\"nodes\": [...], \"edges\": [...]}")
        edges_value = graph.get("edges", [])
        if not isinstance(edges_value, list):
            line, col = self.at("edges")
            raise ArgmapError.at(self.path, "'edges' must be a list", line=line, column=col, code=SYNTAX)

        amap = ArgumentMap(path=self.path)
        make_id = IdMaker()
        types: dict[str, str] = {}  # AIF id -> type
        ids: dict[str, str] = {}  # I-node AIF id -> node id
        extras: dict[str, dict[str, Any]] = {}  # S-node AIF id -> its argmap object
        order: list[str] = []
        dialogue_nodes: list[Any] = []
        explicit_kind: dict[str, str] = {}
        for i, node in enumerate(graph["nodes"]):
            line, col = self.at("nodes", i)
            if not isinstance(node, dict):
                p.error(f"node {i + 1} is not an object", line, col)
                continue
            raw_id, ntype = node.get("nodeID"), node.get("type")
            if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or str(raw_id) == "":
                p.error(f"node {i + 1} has no nodeID", line, col)
                continue
            raw_id = str(raw_id)
            if raw_id in types:
                p.error(f"duplicate nodeID '{raw_id}'", line, col, code=DUPLICATE)
                continue
            if not isinstance(ntype, str):
                p.error(f"node '{raw_id}' has no type", line, col,
                        hint="AIF node types are I, RA, CA, MA, PA (and L, TA, YA in dialogues)")
                continue
            types[raw_id] = ntype
            ext = _extension(node)
            if ntype == "I":
                text = node.get("text")
                if not isinstance(text, str) or not text.strip():
                    p.error(f"I-node '{raw_id}' has no text", line, col)
                    continue
                node_id = ids[raw_id] = make_id(raw_id)
                order.append(raw_id)
                self._add_node(amap, node_id, text.strip(), ext, explicit_kind, line, col)
                amap.locations[node_id] = Location(self.path, line, col)
            elif ntype in SCHEME_TYPES:
                extras[raw_id] = ext
            else:
                dialogue_nodes.append(node)
                if ntype not in DIALOGUE_TYPES:
                    p.warn(f"node '{raw_id}' has unknown type '{ntype}': kept in meta only", line, col)
        p.raise_if_any()

        # pass 1: what goes into and out of each scheme node
        premises: dict[str, list[str]] = {s: [] for s in extras}
        conclusions: dict[str, list[str]] = {s: [] for s in extras}
        into: list[tuple[str, str, int]] = []  # (I premise, scheme, edge index) in file order
        dialogue_edges: list[Any] = []
        for i, edge in enumerate(edges_value):
            line, col = self.at("edges", i)
            if not isinstance(edge, dict):
                p.error(f"edge {i + 1} is not an object", line, col)
                continue
            src, dst = edge.get("fromID"), edge.get("toID")
            if isinstance(src, int) and not isinstance(src, bool):
                src = str(src)
            if isinstance(dst, int) and not isinstance(dst, bool):
                dst = str(dst)
            if not isinstance(src, str) or not isinstance(dst, str):
                p.error(f"edge {i + 1} needs 'fromID' and 'toID'", line, col)
                continue
            missing = [x for x in (src, dst) if x not in types]
            if missing:
                p.error(f"edge {i + 1} refers to unknown node '{missing[0]}'", line, col, code=UNKNOWN_REF)
                continue
            if types[src] not in ("I", *SCHEME_TYPES) or types[dst] not in ("I", *SCHEME_TYPES):
                dialogue_edges.append(edge)
                continue
            if dst in extras:
                premises[dst].append(src)
                if src in ids:
                    into.append((src, dst, i))
            if src in extras:
                conclusions[src].append(dst)
            if src in ids and dst in ids:
                p.warn(f"edge {i + 1} joins two I-nodes without a scheme node: left out", line, col)
        p.raise_if_any()

        # the inference each scheme node stands for: (first I premise, final I conclusion)
        inference: dict[str, tuple[str, str] | None] = {}
        for s in extras:
            self._inference(s, premises, conclusions, ids, inference)
        p.raise_if_any()

        # pass 2: the map's edges, in the order of the file's premise edges
        for src, s, i in into:
            line, col = self.at("edges", i)
            stype = types[s]
            ext = extras[s]
            i_premises = [x for x in premises[s] if x in ids]
            link = ext.get("link") if isinstance(ext.get("link"), str) else (
                s if len(i_premises) > 1 else None)
            for target in conclusions[s]:
                if target in ids:
                    if stype == "PA":
                        p.warn(f"preference '{s}' left out: a map has no preference relation", line, col)
                        continue
                    if stype == "MA":
                        p.warn(f"rephrase '{s}' read as support", line, col,
                               hint="a map has no equivalence relation")
                    relation = "attacks" if stype == "CA" else "supports"
                    add_edge_once(amap, p, ids[src], ids[target], relation, link=link, line=line, column=col)
                elif stype == "CA":
                    inf = inference.get(target)
                    if inf is None:
                        p.warn(f"conflict '{s}' targets an inference with no premise or conclusion: left out",
                               line, col)
                        continue
                    named = ext.get("premise")  # argmap's writer names it: a linked RA has several
                    if isinstance(named, str) and named in ids and named in premises.get(target, ()):
                        premise = ids[named]
                    else:
                        premise = ids[inf[0]]
                    add_edge_once(amap, p, ids[src], ids[inf[1]], "undercuts", link=link,
                                  premise=premise, line=line, column=col)
                else:
                    p.warn(f"{stype} '{s}' points at another scheme node: left out", line, col,
                           hint="a map can undercut an inference but not support one")

        kept = {k: v for k, v in graph.items() if k not in ("nodes", "edges", "argmap")}
        if dialogue_nodes or dialogue_edges:
            kept["dialogue"] = {"nodes": dialogue_nodes, "edges": dialogue_edges}
            counts: dict[str, int] = {}
            for n in dialogue_nodes:
                counts[str(n.get("type"))] = counts.get(str(n.get("type")), 0) + 1
            summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
            p.warn(f"dialogue nodes ({summary}) are kept in meta['aif'], not drawn on the map",
                   *self.at("nodes"))
        if isinstance(top, dict) and self.prefix:
            kept.update({k: v for k, v in top.items() if k not in ("AIF", "argmap", "OVA", "text")})
        self._top(amap, _extension(top) if isinstance(top, dict) else {}, kept)
        if len(amap.graph) == 0:
            p.error("the AIF holds no I-nodes (statements)", 1, 1)
        p.raise_if_any()
        assign_kinds(amap, roots(amap))
        for node_id, kind in explicit_kind.items():
            amap.graph.nodes[node_id]["kind"] = kind
        return p.finish(amap)

    def _add_node(self, amap: ArgumentMap, node_id: str, text: str, ext: dict[str, Any],
                  explicit_kind: dict[str, str], line: int, col: int) -> None:
        attrs: dict[str, Any] = {"kind": "claim", "text": text}
        kind = ext.get("kind")
        if kind in KINDS:
            explicit_kind[node_id] = kind
        for name in _NODE_FIELDS:
            value = ext.get(name)
            if value is None:
                continue
            if name == "confidence" and value not in CONFIDENCES:
                self.problems.warn(f"unknown confidence {value!r} left out", line, col)
                continue
            if name == "tags" and not (isinstance(value, list) and all(isinstance(t, str) for t in value)):
                continue
            if name == "data" and not isinstance(value, dict):
                continue
            if name == "review":
                value = clean_review(value)
                if not value:
                    continue
            elif name not in ("tags", "data") and not isinstance(value, str):
                continue
            attrs[name] = value
        amap.graph.add_node(node_id, **attrs)

    def _top(self, amap: ArgumentMap, ext: dict[str, Any], kept: dict[str, Any]) -> None:
        if isinstance(ext.get("title"), str):
            amap.title = ext["title"]
        if isinstance(ext.get("essay"), str):
            amap.essay_path = ext["essay"]
        if isinstance(ext.get("kinds"), dict):
            amap.kind_names.update({k: v for k, v in ext["kinds"].items()
                                    if k in KINDS and isinstance(v, str)})
        amap.check_config.update(check_config(ext.get("check")))
        if isinstance(ext.get("meta"), dict):
            amap.meta.update(ext["meta"])
        amap.review = clean_review(ext.get("review"))
        if any(v not in (None, [], {}) for v in kept.values()):
            amap.meta["aif"] = kept

    def _inference(self, s: str, premises: dict[str, list[str]], conclusions: dict[str, list[str]],
                   ids: dict[str, str], inference: dict[str, tuple[str, str] | None]) -> None:
        """Resolve a chain of scheme nodes (CA -> CA -> RA -> I) iteratively, refusing circles."""
        chain: list[str] = []
        current: str | None = s
        while current is not None and current not in inference:
            if current in chain:
                self.problems.error(f"scheme nodes {', '.join(chain)} point at each other in a circle",
                                    *self.at("nodes"), code=CYCLE)
                for c in chain:
                    inference[c] = None
                return
            chain.append(current)
            outs = conclusions.get(current, [])
            target = outs[0] if outs else None
            current = target if target in conclusions else None
        for c in reversed(chain):
            first = next((x for x in premises.get(c, []) if x in ids), None)
            outs = conclusions.get(c, [])
            final: str | None = None
            if outs and outs[0] in ids:
                final = outs[0]
            elif outs and outs[0] in inference and inference[outs[0]] is not None:
                final = inference[outs[0]][1]  # type: ignore[index]
            inference[c] = (first, final) if first is not None and final is not None else None


def _extension(obj: dict[str, Any]) -> dict[str, Any]:
    """The ``argmap`` object argmap's own AIF writer adds to a node or the document, else {}."""
    ext = obj.get("argmap")
    return ext if isinstance(ext, dict) else {}
