"""The arg-microtexts corpus XML (``<arggraph>``, Peldszus & Stede) as an argument map.

Mapping (the corpus README's, made exact):

- every ``adu`` is a node whose id is the ADU id (``a1``) and whose text is the text of its EDUs
  (``seg`` edges, through a ``joint`` if any) in document order; ``data`` keeps ``role``
  (``pro``/``opp``), the ``edus``, the text ``order`` (0-based) and ``start``/``end``: character
  offsets into the essay, which is the EDU texts joined by single spaces (exactly the corpus's
  ``.txt``). The essay is set on the map, and each node's ``quote`` is its text.
- ``sup`` and ``exa`` are ``supports`` (``exa`` also sets ``data.example``), ``reb`` is
  ``attacks``; ``und`` (whose target is an edge) is ``undercuts`` of that edge's conclusion with
  the edge's source as ``premise``; ``add`` joins the target edge's relation as a further premise,
  and both then carry the target edge's id as ``link``.
- the thesis is the ADU with no outgoing argumentative edge (the central claim); every other
  kind follows the shared structural rule of ``argmap.readers._interop.assign_kinds`` (supporting
  the thesis = reason, deeper grounds = evidence, attackers of the thesis's side = objection,
  defenders = rebuttal), which agrees with the corpus's pro/opp roles.
- ``topic_id`` and ``stance`` go to ``meta``; the topic id also names the map.
"""

from __future__ import annotations

from ..errors import ArgmapError
from ..model import ArgumentMap, Location
from ..options import LoadOptions
from ._interop import (
    CYCLE,
    DUPLICATE,
    SYNTAX,
    UNKNOWN_REF,
    IdMaker,
    Problems,
    XmlElement,
    add_edge_once,
    assign_kinds,
    clean_text,
    parse_xml,
    roots,
)
from ._source import decode

EDGE_TYPES = ("seg", "sup", "exa", "add", "reb", "und")
_RELATION = {"sup": "supports", "exa": "supports", "reb": "attacks"}


def read_microtexts(data: bytes, path: str, options: LoadOptions | None = None) -> ArgumentMap:
    options = options or LoadOptions()
    root = parse_xml(decode(data, path), path, options.limits.max_depth)
    return _Reader(path).read(root, options)


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems = Problems(path)

    def read(self, root: XmlElement, options: LoadOptions) -> ArgumentMap:
        p = self.problems
        if root.tag != "arggraph":
            raise ArgmapError.at(self.path, f"expected an <arggraph> document, not <{root.tag}>",
                                 line=root.line, column=root.column, code=SYNTAX,
                                 hint="this reader is for the arg-microtexts corpus XML")
        edus: dict[str, XmlElement] = {}
        joints: dict[str, XmlElement] = {}
        adus: dict[str, XmlElement] = {}
        edges: dict[str, XmlElement] = {}
        seen: set[str] = set()
        for el in root.children:
            table = {"edu": edus, "joint": joints, "adu": adus, "edge": edges}.get(el.tag)
            if table is None:
                p.warn(f"unknown element <{el.tag}> left out", el.line, el.column)
                continue
            ident = el.attrs.get("id")
            if not ident:
                p.error(f"<{el.tag}> has no id", el.line, el.column)
                continue
            if ident in seen:
                p.error(f"duplicate id '{ident}'", el.line, el.column, code=DUPLICATE)
                continue
            seen.add(ident)
            table[ident] = el
            if el.tag == "edge":
                for attr in ("src", "trg", "type"):
                    if not el.attrs.get(attr):
                        p.error(f"edge '{ident}' has no {attr}", el.line, el.column)
                if el.attrs.get("type", "seg") not in EDGE_TYPES:
                    p.error(f"edge '{ident}' has unknown type '{el.attrs['type']}'", el.line, el.column,
                            hint="edge types are: " + ", ".join(EDGE_TYPES))
            elif el.tag == "adu" and el.attrs.get("type") not in ("pro", "opp"):
                p.warn(f"ADU '{ident}' has type {el.attrs.get('type')!r}, not pro or opp",
                       el.line, el.column)
        p.raise_if_any()
        if not adus:
            p.error("the arggraph has no <adu>", root.line, root.column)
            p.raise_if_any()

        # the essay: EDU texts joined by single spaces, as in the corpus's .txt files
        edu_order = {e: i for i, e in enumerate(edus)}
        spans: dict[str, tuple[int, int]] = {}
        parts: list[str] = []
        offset = 0
        for ident, el in edus.items():
            text = el.text.strip()
            if parts:
                offset += 1
            spans[ident] = (offset, offset + len(text))
            parts.append(text)
            offset += len(text)
        essay = " ".join(parts)

        # segmentation: EDU -> ADU or EDU -> JOINT -> ADU
        joint_edus: dict[str, list[str]] = {j: [] for j in joints}
        adu_edus: dict[str, list[str]] = {a: [] for a in adus}
        argumentative: list[XmlElement] = []
        for el in edges.values():
            kind, src, trg = el.attrs["type"], el.attrs["src"], el.attrs["trg"]
            if kind != "seg":
                argumentative.append(el)
                continue
            sources = [src] if src in edus else joint_edus.get(src)
            if sources is None:
                p.error(f"segment edge '{el.attrs['id']}' starts at '{src}', which is no EDU or joint",
                        el.line, el.column, code=UNKNOWN_REF)
            elif trg in joints and src in edus:
                joint_edus[trg].append(src)
            elif trg in adus:
                adu_edus[trg].extend(sources)
            else:
                p.error(f"segment edge '{el.attrs['id']}' ends at '{trg}', which is no ADU or joint",
                        el.line, el.column, code=UNKNOWN_REF)
        p.raise_if_any()

        amap = ArgumentMap(path=self.path)
        make_id = IdMaker()
        ids: dict[str, str] = {}
        for ident, el in adus.items():
            segs = sorted(set(adu_edus[ident]), key=edu_order.__getitem__)
            if not segs:
                p.error(f"ADU '{ident}' has no text (no 'seg' edge reaches it)", el.line, el.column)
                continue
            node = ids[ident] = make_id(ident)
            start, end = spans[segs[0]][0], spans[segs[-1]][1]
            text = clean_text(" ".join(edus[s].text for s in segs))
            data: dict[str, object] = {"adu": ident, "role": el.attrs.get("type", ""), "edus": segs,
                                       "start": start, "end": end}
            amap.add_node(node, "claim", text, quote=essay[start:end], data=data)
            amap.locations[node] = _location(self.path, el)
        p.raise_if_any()
        order = sorted(ids, key=lambda a: amap.node(ids[a])["data"]["start"])
        for i, a in enumerate(order):
            amap.node(ids[a])["data"]["order"] = i

        # argumentative edges: resolve every edge to (premise node, conclusion node, relation)
        resolved: dict[str, tuple[str, str, str, str | None]] = {}  # id -> src, conclusion, rel, premise
        link_of: dict[str, str] = {}
        for el in argumentative:
            ident = el.attrs["id"]
            src = el.attrs["src"]
            if src not in ids:
                p.error(f"edge '{ident}' starts at '{src}', which is no ADU", el.line, el.column,
                        code=UNKNOWN_REF)
        p.raise_if_any()
        for el in argumentative:
            self._resolve(el, edges, ids, resolved, link_of)
        p.raise_if_any()
        for el in argumentative:
            ident = el.attrs["id"]
            src, conclusion, relation, premise = resolved[ident]
            if el.attrs["type"] == "exa":
                amap.node(src)["data"]["example"] = True
            add_edge_once(amap, p, src, conclusion, relation, link=link_of.get(ident), premise=premise,
                          line=el.line, column=el.column)

        amap.essay = essay
        amap.title = root.attrs.get("topic_id", "").replace("_", " ").capitalize() or root.attrs.get("id")
        amap.meta["microtexts"] = {k: v for k, v in root.attrs.items()}
        assign_kinds(amap, roots(amap))
        return p.finish(amap)

    def _resolve(self, el: XmlElement, edges: dict[str, XmlElement], ids: dict[str, str],
                 resolved: dict[str, tuple[str, str, str, str | None]], link_of: dict[str, str]) -> None:
        """Follow ``und``/``add`` targets (edge ids) down to an ADU, iteratively, refusing cycles."""
        p = self.problems
        chain: list[XmlElement] = []
        current = el
        while current.attrs["id"] not in resolved:
            if current in chain:
                p.error(f"edges {', '.join(c.attrs['id'] for c in chain)} refer to each other in a circle",
                        el.line, el.column, code=CYCLE)
                return
            chain.append(current)
            kind, trg = current.attrs["type"], current.attrs["trg"]
            if kind in _RELATION:
                if trg not in ids:
                    p.error(f"edge '{current.attrs['id']}' points at '{trg}', which is no ADU",
                            current.line, current.column, code=UNKNOWN_REF)
                    return
                resolved[current.attrs["id"]] = (ids[current.attrs["src"]], ids[trg], _RELATION[kind], None)
                break
            target = edges.get(trg)
            if target is None or target.attrs["type"] == "seg":
                p.error(f"{kind} edge '{current.attrs['id']}' must point at an argumentative edge, "
                        f"not '{trg}'", current.line, current.column, code=UNKNOWN_REF)
                return
            current = target
        # unwind: each edge's meaning follows from its (now resolved) target edge
        for edge in reversed(chain):
            ident = edge.attrs["id"]
            if ident in resolved:
                continue
            target_id = edge.attrs["trg"]
            t_src, t_conclusion, t_relation, t_premise = resolved[target_id]
            src = ids[edge.attrs["src"]]
            if edge.attrs["type"] == "und":
                resolved[ident] = (src, t_conclusion, "undercuts", t_src)
            else:  # add: one more premise of the target's inference
                resolved[ident] = (src, t_conclusion, t_relation, t_premise)
                link = link_of.setdefault(target_id, link_of.get(target_id, target_id))
                link_of[ident] = link


def _location(path: str, el: XmlElement) -> Location:
    return Location(path, el.line, el.column)
