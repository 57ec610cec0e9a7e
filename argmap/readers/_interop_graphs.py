"""GraphML and GEXF back into a map: what ``writers.graphml`` / ``writers.gexf`` write, and files
from other graph tools that follow the same attribute names.

A node's fields are read from attributes named like the map's fields (``kind``, ``text``, ``tags``
as JSON, ...); a file without ``kind`` gets kinds from its structure, a node without ``text`` uses
its ``label`` or id. Edges default to ``supports``. An empty value is an absent one (igraph writes an
empty ``<data>`` for every declared key), and an ``id`` attribute names the node where a tool
renamed the nodes (igraph writes ``n0``, ``n1``, ... and keeps the ids it read as ``id``). A GEXF
node's own ``label`` is its label when the file declares no ``label`` attribute (as networkx
writes it), and the graph's ``name`` its title.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import CONFIDENCES, KINDS, RELATIONS, ArgumentMap, Location
from ..options import LoadOptions
from ..schema import CHECK_KEYS, clean_review
from ._interop import (
    DUPLICATE,
    SYNTAX,
    UNKNOWN_REF,
    IdMaker,
    Problems,
    XmlElement,
    add_edge_once,
    assign_kinds,
    parse_xml,
    roots,
)
from ._source import JsonDocument, decode

_JSON_FIELDS = {"tags": list, "data": dict, "kinds": dict, "check": dict, "meta": dict, "review": list}
_TEXT_FIELDS = ("label", "source", "quote", "note", "group")

Item = tuple[str, dict[str, str], int, int]


def _local(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


def read_graphml(data: bytes, path: str, options: LoadOptions | None = None) -> ArgumentMap:
    options = options or LoadOptions()
    root = parse_xml(decode(data, path), path, options.limits.max_depth)
    if _local(root.tag) != "graphml":
        raise _error_at(path, root, f"expected a <graphml> document, not <{root.tag}>")
    keys: dict[str, str] = {}
    graph_el: XmlElement | None = None
    for el in root.children:
        tag = _local(el.tag)
        if tag == "key" and "id" in el.attrs:
            keys[el.attrs["id"]] = el.attrs.get("attr.name", el.attrs["id"])
        elif tag == "graph" and graph_el is None:
            graph_el = el
    if graph_el is None:
        raise _error_at(path, root, "the GraphML has no <graph>")

    def values(el: XmlElement) -> dict[str, str]:
        # igraph writes an empty <data> for every declared key a node lacks: empty means absent
        return {keys.get(d.attrs.get("key", ""), d.attrs.get("key", "")): d.text
                for d in el.children if _local(d.tag) == "data" and d.text != ""}

    nodes: list[Item] = []
    edges: list[tuple[str, str, dict[str, str], int, int]] = []
    for el in graph_el.children:
        tag = _local(el.tag)
        if tag == "node":
            nodes.append((el.attrs.get("id", ""), values(el), el.line, el.column))
        elif tag == "edge":
            edges.append((el.attrs.get("source", ""), el.attrs.get("target", ""), values(el),
                          el.line, el.column))
    return _build(path, values(graph_el), nodes, edges, options)


def read_gexf(data: bytes, path: str, options: LoadOptions | None = None) -> ArgumentMap:
    options = options or LoadOptions()
    root = parse_xml(decode(data, path), path, options.limits.max_depth)
    if _local(root.tag) != "gexf":
        raise _error_at(path, root, f"expected a <gexf> document, not <{root.tag}>")
    graph_el = next((el for el in root.children if _local(el.tag) == "graph"), None)
    if graph_el is None:
        raise _error_at(path, root, "the GEXF has no <graph>")
    titles: dict[str, str] = {}
    for el in graph_el.children:
        if _local(el.tag) == "attributes":
            for a in el.children:
                if "id" in a.attrs:
                    titles[a.attrs["id"]] = a.attrs.get("title", a.attrs["id"])
    # argmap's own files declare a "label" attribute and write the text as GEXF label where a node
    # has none; without that declaration, a GEXF label that differs from the text is the label
    declares_label = "label" in titles.values()

    def values(el: XmlElement) -> dict[str, str]:
        out: dict[str, str] = {}
        for child in el.children:
            if _local(child.tag) == "attvalues":
                for av in child.children:
                    ref = av.attrs.get("for", av.attrs.get("id", ""))
                    value = av.attrs.get("value", "")
                    if value != "":  # an empty value means absent, as in GraphML
                        out[titles.get(ref, ref)] = value
        return out

    nodes: list[Item] = []
    edges: list[tuple[str, str, dict[str, str], int, int]] = []
    for el in graph_el.children:
        tag = _local(el.tag)
        if tag == "nodes":
            for n in el.children:
                fields = values(n)
                own = n.attrs.get("label") or None  # GEXF's own label
                if "text" not in fields and own is not None:
                    fields["text"] = own
                elif own is not None and not declares_label and own != fields.get("text"):
                    fields.setdefault("label", own)  # a networkx-written file keeps it only here
                nodes.append((n.attrs.get("id", ""), fields, n.line, n.column))
        elif tag == "edges":
            for e in el.children:
                edges.append((e.attrs.get("source", ""), e.attrs.get("target", ""), values(e),
                              e.line, e.column))
    graph_fields: dict[str, str] = {}
    if graph_el.attrs.get("name"):  # where networkx keeps the title
        graph_fields["title"] = graph_el.attrs["name"]
    meta = next((el for el in root.children if _local(el.tag) == "meta"), None)
    for el in meta.children if meta is not None else []:
        if _local(el.tag) == "description":
            graph_fields["title"] = el.text
        elif _local(el.tag) == "keywords":
            try:
                extra = json.loads(el.text)
            except (ValueError, RecursionError):
                continue
            if isinstance(extra, dict) and isinstance(extra.get("argmap"), dict):
                graph_fields.update({k: v if isinstance(v, str) else json.dumps(v)
                                     for k, v in extra["argmap"].items()})
    return _build(path, graph_fields, nodes, edges, options)


def _error_at(path: str, el: XmlElement, message: str) -> Exception:
    from ..errors import ArgmapError

    return ArgmapError.at(path, message, line=el.line, column=el.column, code=SYNTAX)


def _build(path: str, graph_fields: dict[str, str], nodes: list[Item],
           edges: list[tuple[str, str, dict[str, str], int, int]], options: LoadOptions) -> ArgumentMap:
    p = Problems(path)
    limit = options.limits.max_nodes
    if len(nodes) > limit:  # counted before a single node is built
        _, _, line, col = nodes[limit]
        p.error(f"more than {limit} nodes in one map", line, col, code="AM009",
                hint="raise the limit with --max-nodes if the map really is this large")
        p.raise_if_any()
    amap = ArgumentMap(path=path)
    make_id = IdMaker()
    ids: dict[str, str] = {}
    names: dict[str, str] = {}  # the "id" attribute (or the XML id) -> node id, for premises
    explicit = True
    for raw, fields, line, col in nodes:
        if raw in ids:
            p.error(f"duplicate node id '{raw}'", line, col, code=DUPLICATE)
            continue
        # igraph renames nodes n0, n1, ... and keeps the ids it read in an "id" attribute
        name = fields.get("id") or raw
        node_id = ids[raw] = make_id(name if name not in names else raw)
        names.setdefault(name, node_id)
        text = fields.get("text") or fields.get("label") or raw
        attrs: dict[str, Any] = {"kind": "claim", "text": text}
        kind = fields.get("kind")
        if kind is None:
            explicit = False
        elif kind not in KINDS:
            p.error(f"node '{raw}' has unknown kind '{kind}'", line, col,
                    hint="kind is one of: " + ", ".join(KINDS), node=node_id)
        else:
            attrs["kind"] = kind
        conf = fields.get("confidence")
        if conf is not None:
            if conf in CONFIDENCES:
                attrs["confidence"] = conf
            else:
                p.error(f"node '{raw}' has unknown confidence '{conf}'", line, col, node=node_id)
        for name in _TEXT_FIELDS:
            if name in fields and (name != "label" or "text" in fields):
                attrs[name] = fields[name]
        for name in ("tags", "data", "review"):
            if name in fields:
                value = _json(p, fields[name], name, line, col, options)
                if value is not None:
                    attrs[name] = clean_review(value) if name == "review" else value
        amap.graph.add_node(node_id, **attrs)
        amap.locations[node_id] = Location(path, line, col)
    pending: list[tuple[str, str, str, dict[str, str], int, int]] = []
    for src, dst, fields, line, col in edges:
        missing = [x for x in (src, dst) if x not in ids]
        if missing:
            p.error(f"edge refers to unknown node '{missing[0]}'", line, col, code=UNKNOWN_REF)
            continue
        relation = fields.get("relation", "supports")
        if relation not in RELATIONS:
            p.error(f"edge has unknown relation '{relation}'", line, col,
                    hint="relation is one of: " + ", ".join(RELATIONS))
            continue
        pending.append((ids[src], ids[dst], relation, fields, line, col))
    for src, dst, relation, fields, line, col in pending:
        premise = fields.get("premise")
        if relation == "undercuts":
            premise = ids.get(premise or "") or names.get(premise or "")
            if premise is None:
                p.error(f"undercut of '{dst}' names no known premise", line, col, code=UNKNOWN_REF)
                continue
        else:
            premise = None
        add_edge_once(amap, p, src, dst, relation, link=fields.get("link"), premise=premise,
                      line=line, column=col)
    if "title" in graph_fields:
        amap.title = graph_fields["title"]
    if "essay" in graph_fields:
        amap.essay_path = graph_fields["essay"]
    if "review" in graph_fields:
        amap.review = clean_review(_json(p, graph_fields["review"], "review", 1, 1, options))
    for name, target in (("kinds", amap.kind_names), ("check", amap.check_config), ("meta", amap.meta)):
        if name in graph_fields:
            value = _json(p, graph_fields[name], name, 1, 1, options)
            if isinstance(value, dict) and _fields_ok(p, name, value):
                target.update(value)
    p.raise_if_any()
    if not explicit:
        assign_kinds(amap, roots(amap))
    return p.finish(amap)


def _fields_ok(p: Problems, name: str, value: dict[str, Any]) -> bool:
    """The graph-level ``kinds`` (kind -> name) and ``check`` (ignore/select -> codes) hold what
    the native format allows, so nothing later meets an int where it expects text."""
    if name == "kinds":
        bad = [k for k, v in value.items() if k not in KINDS or not isinstance(v, str)]
        what = "'kinds' maps a kind (" + ", ".join(KINDS) + ") to its name as text"
    elif name == "check":
        bad = [k for k, v in value.items() if k not in CHECK_KEYS or not isinstance(v, list)
               or not all(isinstance(c, str) for c in v)]
        what = "'check' holds 'ignore' and 'select', each a list of codes such as AM202"
    else:
        return True
    if bad:
        p.error(f"{what}; '{str(bad[0])[:40]}' is not", hint=f"fix or remove the graph's '{name}' field")
    return not bad


def _json(p: Problems, text: str, name: str, line: int, col: int, options: LoadOptions) -> Any:
    doc = JsonDocument(text, "", limits=options.limits)  # depth, NaN, 1e999, surrogates, long ints
    if doc.errors:
        d = doc.errors[0]
        p.error(f"'{name}': {d.message}", line, col, code=d.code, hint=d.hint)
        return None
    value = doc.value
    if not isinstance(value, _JSON_FIELDS[name]):
        p.error(f"'{name}' must be JSON text of a {_JSON_FIELDS[name].__name__}", line, col)
        return None
    return value
