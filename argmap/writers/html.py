"""The interactive page: one self-contained, offline, script-safe HTML file.

pyvis is the source of the vis-network build (its bundled ``vis-network.min.js``), read from the
installed package without importing pyvis itself: ``import pyvis`` pulls in IPython (0.25 s) and
its ``Network`` adds nodes through a list membership test (quadratic) and a template that inserts
titles as raw HTML. The page here is our own Jinja template with autoescape; map data travels as
one JSON document inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and the
JavaScript line separators escaped, and the page's script fills every panel with ``textContent``.

Everything the page shows that is an *analysis* (traces, support and attack, are mirrored in
``page/traces.js`` and tested node by node; weak spots come from :func:`argmap.check`, the evidence
matrix from :mod:`argmap.evidence`, essay passages from :class:`argmap.text.Essay`) is computed here
in Python and embedded as data, so the page and the CLI cannot disagree.

Data layout (compact arrays, no per-node style objects; see ``page_data``)::

    nodes: [id, kind, x, y, label, text, confidence, source, quote, tags, note, group, data]
           trailing empty slots are dropped. Maps of up to ``BIG_MAP_NODES`` statements are drawn
           as cards (``argmap.cards``): label = the card's lines joined by "\n", x, y = the "down"
           card centre, and ``card`` (geometry), ``directions`` ({"down": [[x0, y0, x1, y1, ...],
           ...], "right": [...]}: per direction the layout's drawings, the page draws the one that
           fits its map area best), ``direction`` ("auto", "down" or "right") and ``labels`` (each
           node's own label, or 0: what slot 4 holds for big maps) are added. Bigger maps
           keep the layered positions and label 0 = none of its own: the page shortens the text
           exactly as ``ArgumentMap.label`` does (tests compare both)
    edges: [from, to, relation(, link, premise)]        (node indexes; relation index)
    kinds: [{kind, name, plural, ...style}]             the map's words for each kind ("Theses",
                                                        "Evidence"): filters use ``plural``
    checks: weak_spots(): items most harmful first, each with its rank and badge word, and
            summaries (one line for many missing sources)
    essay: {text, marks: [[node, start, end]]}; doc: the JSON download's map-level fields,
           essay_text included, so a downloaded map renders anywhere
    reviews: {map: [note...], nodes: [[node index, [note...]]...]}   review notes, as text data:
           the map's own, then per node (only nodes that have notes, in map order); a note is
           {text, by?, at?} as in the file (``at`` an ISO date string)

Pages of more than ``BIG_MAP_NODES`` statements carry that JSON deflated and base64-encoded
(``data-encoding="deflate-base64"``), which the page unpacks with the browser's own
``DecompressionStream``: map text is most of a big page, and it shrinks three- to fivefold.
Smaller pages keep plain JSON, readable in the source and beside their no-script outline.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import json
import os
import zlib
from collections.abc import Iterator
from importlib import resources
from typing import Any

from ..cards import page_geometry
from ..layout import DIRECTIONS, ORDERS, card_layout, layered
from ..model import CONFIDENCES, KINDS, RELATIONS, ArgumentMap
from ..options import RenderOptions
from ..style import CONFIDENCE_STYLE, KIND_STYLE, RELATION_STYLE

VIS_VERSION = "9.1.2"
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}
#: the page's scripts (argmap/page/), inlined in this order into one function scope: data and the
#: state object, traces, the vis-network adapter, side panel, matrix, essay, search and filters,
#: export, the overview, then keyboard and start-up (docs/page.md describes the parts and window.argmap)
APP_SCRIPTS = ("data.js", "traces.js", "edges.js", "vis_adapter.js", "panel.js", "matrix.js", "essay.js",
               "search.js", "export.js", "overview.js", "main.js")
#: scripts added for a page served by ``argmap watch`` / ``argmap serve`` (argmap.server), after
#: the app's and each in its own scope: they use only ``window.argmap`` and their own elements
LIVE_SCRIPTS = {"watch": ("live.js",), "serve": ("live.js", "edit.js")}
THEMES = ("light", "dark")
LAYOUTS = ("layered", "force")
LABEL_WIDTH = 48
#: rows of the evidence matrix whose links the page carries (the page draws this many; app.js)
MATRIX_ROWS = 300


@functools.lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone build as shipped inside the pyvis package."""
    spec = importlib.util.find_spec("pyvis")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: pip install pyvis")
    base = list(spec.submodule_search_locations)[0]
    path = os.path.join(base, "templates", "lib", f"vis-{VIS_VERSION}", "vis-network.min.js")
    with open(path, encoding="utf-8") as fh:
        js = fh.read()
    return _inline_script(js)


def _inline_script(js: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


@functools.lru_cache(maxsize=1)
def _page_assets() -> tuple[Any, str, str]:
    import jinja2

    page = resources.files("argmap") / "page"
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    env.filters["json_script"] = json_for_script
    template = env.from_string((page / "template.html.j2").read_text(encoding="utf-8"))
    app_js = _inline_script(app_script(page))
    css = (page / "style.css").read_text(encoding="utf-8").replace("</", "<\\/")
    return template, app_js, css


@functools.lru_cache(maxsize=2)
def _live_js(mode: str) -> str:
    page = resources.files("argmap") / "page"
    return "\n".join(_inline_script((page / name).read_text(encoding="utf-8"))
                     for name in LIVE_SCRIPTS[mode])


def app_script(page: Any) -> str:
    """The page's script files as one IIFE: one scope, so the files share the state object S and
    their functions, and nothing leaks into the page's globals but ``window.argmap``."""
    parts = [f"/* -- {name} -- */\n" + (page / name).read_text(encoding="utf-8") for name in APP_SCRIPTS]
    return '(function () {\n"use strict";\n' + "\n".join(parts) + "})();\n"


def json_for_script(value: Any) -> Any:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>``, no U+2028)."""
    from markupsafe import Markup

    if isinstance(value, _DataSlot):
        return value
    return Markup(_escape_json(_dumps(value)))


def _escape_json(text: str) -> str:
    # one str.replace per character: ~30x faster than str.translate on a page of megabytes
    for char, escaped in _JSON_ESCAPES.items():
        if chr(char) in text:
            text = text.replace(chr(char), escaped)
    return text


def _level(value: Any) -> Any:
    """A confidence as the page stores it: index into CONFIDENCES, a number, or -1 (not rated)."""
    value = getattr(value, "value", value)
    if value is None:
        return -1
    if isinstance(value, str):
        return CONFIDENCES.index(value) if value in CONFIDENCES else value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return round(float(value), 4)
    return str(value)


def evidence_matrix(amap: ArgumentMap, index: dict[str, int]) -> dict[str, Any] | None:
    """Reasons x evidence from :mod:`argmap.evidence` as index arrays, or None without that module.

    Every row keeps its strength (the details panel shows it), but links are listed only for the
    first ``MATRIX_ROWS`` rows (the ones the page draws) and, per row, for the nearest evidence
    (``evidence.row_links``, as in ``argmap evidence``): a matrix of every pair would grow with
    rows x evidence. When anything is left out, ``counts`` holds every row's true evidence count.
    """
    try:
        from .. import evidence
    except ImportError:
        return None
    rows = [r for r in evidence.rows(amap) if r in index]
    scores = evidence.summaries(amap)
    links = []
    strength = []
    cut = len(rows) > MATRIX_ROWS
    for i, row in enumerate(rows):
        summary = scores[row]
        strength.append(round(float(summary.strength), 4))
        if i >= MATRIX_ROWS:
            continue
        found = evidence.row_links(amap, row)
        cut = cut or len(found) < summary.evidence
        for link in found:
            if link.reason not in index or link.evidence not in index:
                continue
            via = tuple(index[v] for v in (link.via or ()) if v in index)
            links.append((index[link.reason], index[link.evidence], 1 if link.direct else 0, via,
                          _level(link.confidence)))
    linked = {e for _, e, *_ in links}
    cols = [index[n] for n in amap.nodes_of("evidence")]
    cols += sorted(linked - set(cols))
    out: dict[str, Any] = {
        "rows": [index[r] for r in rows],
        "cols": cols,
        "links": links,
        "strength": strength,
    }
    if cut:
        out["counts"] = [scores[r].evidence for r in rows]
    return out


#: when at least this many findings share a source code (no source, vague source, unsourced
#: figure), the page shows one summary line for them instead of a badge on every statement
SUMMARY_AT = 4
SUMMARY_CODES = ("AM204", "AM214", "AM205")


def weak_spots(amap: ArgumentMap, index: dict[str, int]) -> dict[str, Any]:
    """``argmap.check`` findings, most harmful first (``checks.by_harm``), as::

        {"hints": [...],                    # a code's hint is usually the same text: stored once
         "items": [[node or -1, code, severity, message, hint index, rank, badge], ...],
         "summaries": [{"code", "rank", "badge", "count", "message", "items": [item indexes]}]}

    ``rank`` is 1 (no evidence) to 7 (other findings) and ``badge`` the short word for the finding
    ("no evidence", "hedged only", "unanswered", "unsourced figure", "vague source", "no source",
    ...): docs/checks.md. A source code with ``SUMMARY_AT`` findings or more gets a summary entry
    ("10 pieces of evidence have no source."), which the page shows as one line instead of a
    badge on each of those statements.
    """
    from .. import check
    from ..checks import as_configured, badge, rank

    hints: dict[str, int] = {}
    items: list[list[Any]] = []
    of_code: dict[str, list[int]] = {}
    for d in as_configured(amap, check(amap)):  # the map's own check: select / ignore, as the CLI
        if d.severity == "error":
            continue
        node = index.get(d.node, -1) if d.node is not None else -1
        hint = hints.setdefault(d.hint or "", len(hints))
        of_code.setdefault(d.code, []).append(len(items))
        items.append([node, d.code, d.severity, d.message, hint, rank(d), badge(d)])
    summaries = []
    name = amap.kind_name("evidence")
    pieces = "pieces of evidence" if name == "Evidence" else amap.kind_name("evidence", plural=True).lower()
    for code in SUMMARY_CODES:
        found = of_code.get(code, [])
        if len(found) >= SUMMARY_AT:
            what = {"AM204": "statistics have no source", "AM214": f"{pieces} have a vague source",
                    "AM205": f"{pieces} have no source"}[code]
            first = items[found[0]]
            summaries.append({"code": code, "rank": first[5], "badge": first[6], "count": len(found),
                              "message": f"{len(found)} {what}.", "items": found})
    return {"hints": list(hints), "items": items, "summaries": summaries}


def essay_data(amap: ArgumentMap, index: dict[str, int]) -> dict[str, Any] | None:
    """The essay text and each quoted passage as [node index, start, end] (offsets into the text)."""
    if amap.essay is None:
        return None
    from ..text import Essay

    essay = Essay(amap.essay)
    marks = []
    for n, d in amap.graph.nodes(data=True):
        quote = d.get("quote")
        if quote:
            found = essay.find(quote)
            if found is not None:
                marks.append([index[n], found[0], found[1]])
    return {"text": amap.essay, "marks": marks}


def document_head(amap: ArgumentMap, *, embed_essay: bool = True) -> dict[str, Any]:
    """The native document's map-level fields (everything but ``nodes``), for the JSON download.

    The essay's text travels inside (``essay_text``) so the downloaded map renders in any folder,
    with its quotes checked, without the essay file (unless the page leaves the essay out).
    """
    from .native import document

    doc = document(amap, embed_essay=embed_essay)
    doc.pop("nodes", None)
    return doc


def page_data(amap: ArgumentMap, options: RenderOptions) -> dict[str, Any]:
    """Everything the page's script needs, as compact arrays (no per-node style objects)."""
    graph = amap.graph
    layout = options.layout if options.layout in LAYOUTS else "layered"
    big = len(amap) > BIG_MAP_NODES
    cards = None if big else card_layout(amap, options.order if options.order in ORDERS else "essay")
    positions = layered(amap) if big and layout == "layered" else None
    index = {n: i for i, n in enumerate(graph)}
    kind_index = {k: i for i, k in enumerate(KINDS)}
    conf_index = {c: i for i, c in enumerate(CONFIDENCES)}
    rel_index = {r: i for i, r in enumerate(RELATIONS)}
    nodes = []
    own_labels: list[Any] = []
    for k, (n, d) in enumerate(graph.nodes(data=True)):
        if cards is not None:  # a small map: cards, drawn "down" until the page picks a direction
            x, y = cards.positions["down"][k] if layout == "layered" else (0, 0)
            label: Any = "\n".join(cards.lines[k])
            own_labels.append(d["label"] if d.get("label") is not None else 0)
        else:
            x, y = positions[n] if positions else (0, 0)
            label = d["label"] if d.get("label") is not None else 0  # 0: the page shortens the text
        row: list[Any] = [
            n,
            kind_index[d["kind"]],
            x,
            y,
            label,
            d["text"],
            conf_index.get(d.get("confidence", ""), -1),
            d.get("source"),
            d.get("quote"),
            d.get("tags") or None,
            d.get("note"),
            d.get("group"),
            d.get("data") or None,
        ]
        while row[-1] is None:
            row.pop()
        nodes.append(tuple(row))  # a tuple is a third smaller than a list: 100 000 of them
    edges = []
    for u, v, d in graph.edges(data=True):
        edge: list[Any] = [index[u], index[v], rel_index[d["relation"]]]
        if d.get("link") is not None or d.get("premise") is not None:
            edge += [d.get("link"), index.get(d.get("premise"), -1) if d.get("premise") else -1]
        edges.append(tuple(edge))
    reviews = {"map": [dict(note) for note in amap.review],
               "nodes": [[index[n], [dict(note) for note in d["review"]]]
                         for n, d in graph.nodes(data=True) if d.get("review")]}
    essay = essay_data(amap, index) if options.include_essay else None
    card_fields: dict[str, Any] = {}
    if cards is not None:
        card_fields = {
            "card": page_geometry(),
            "directions": {d: [[c for xy in pos for c in xy] for pos in cards.variants[d]]
                           for d in DIRECTIONS},
            "direction": options.direction if options.direction in DIRECTIONS else "auto",
            "labels": own_labels,
        }
    return {
        "title": options.title or amap.title or "Argument map",
        "layout": layout,
        "theme": options.theme if options.theme in THEMES else "light",
        "kinds": [
            {"kind": k, "name": amap.kind_name(k), "plural": amap.kind_name(k, plural=True),
             **KIND_STYLE[k]}
            for k in KINDS
        ],
        "confidences": [{"level": c, **CONFIDENCE_STYLE[c]} for c in CONFIDENCES],
        "relations": [{"relation": r, **RELATION_STYLE[r]} for r in RELATIONS],
        "nodes": nodes,
        "edges": edges,
        "reviews": reviews,
        "checks": weak_spots(amap, index),
        "matrix": evidence_matrix(amap, index),
        "essay": essay,
        "doc": document_head(amap, embed_essay=options.include_essay),
        "big": big,
        **card_fields,
    }


#: A map of more than this many statements is big, and its page is built for size and speed: no
#: no-script outline (it would double the page), data packed (deflate + base64), and drawn by the
#: page's own batched paths when zoomed out (vis_adapter.js: ``data.big``). Below it, a click's frame is cheap
#: for vis-network itself; above it, vis-network's per-node drawing costs ~90 ms a frame at 1 000.
BIG_MAP_NODES = 500
#: zlib level: 5 packs the 3.5 MB of a 10 000-node page's data in ~50 ms here to within 5 % of
#: level 9's size, at a third of its time (level 1: 22 ms, 38 % larger)
PACK_LEVEL = 5


def outline_events(amap: ArgumentMap) -> list[tuple[str, Any]]:
    """The argument as nested lists (thesis -> reasons -> evidence), flattened into open/close
    events so the template needs no recursion however deep the argument goes."""
    from ..analysis import roots

    graph = amap.graph
    seen: set[str] = set()
    events: list[tuple[str, Any]] = [("ul", None)]
    # stack items: ("node", id, relation) or ("end", tag)
    stack: list[tuple[str, Any, Any]] = []
    starts = roots(amap) + [n for n in graph if graph.out_degree(n) == 0]
    starts += list(graph)  # anything not reached from a conclusion (e.g. a cycle) comes last
    for start in reversed(starts):
        stack.append(("node", start, None))
    while stack:
        what, node, relation = stack.pop()
        if what == "end":
            events.append((node, None))
            continue
        if node in seen:
            continue
        seen.add(node)
        d = graph.nodes[node]
        events.append(("li", {"id": node, "kind": d["kind"], "kind_name": amap.kind_name(d["kind"]),
                              "text": d["text"], "confidence": d.get("confidence"),
                              "source": d.get("source"), "relation": relation}))
        children = [(u, e["relation"]) for u, e in graph.pred[node].items() if u not in seen]
        stack.append(("end", "/li", None))
        if children:
            stack.append(("end", "/ul", None))
            for child, rel in reversed(children):
                stack.append(("node", child, rel))
            stack.append(("end", "ul", None))
    events.append(("/ul", None))
    return events


def write_html(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    return "".join(generate_html(amap, options))


class _DataSlot:
    """Stands in the template for the data block, which ``generate_html`` streams in its place."""

    MARK = "\x00argmap-data\x00"

    def __html__(self) -> str:
        return self.MARK


def _json_chunks(value: Any, slice_size: int = 4096) -> Iterator[str]:
    """The data block as escaped JSON, a piece at a time (``json_for_script``'s output, streamed).

    Long lists are encoded a slice at a time by the C encoder (``JSONEncoder.iterencode`` would
    fall back to pure Python, 5x slower), so neither time nor memory grows beyond one slice.
    """
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + _escape_json(_dumps(key)) + ":"
            yield from _json_chunks(item, slice_size)
        yield "}"
    elif isinstance(value, (list, tuple)) and len(value) > slice_size:
        yield "["
        for i in range(0, len(value), slice_size):
            yield ("," if i else "") + _escape_json(_dumps(value[i:i + slice_size])[1:-1])
        yield "]"
    else:
        yield _escape_json(_dumps(value))


def _packed(chunks: Iterator[str]) -> Iterator[str]:
    """``chunks`` deflated and base64-encoded as they come, so the packed block streams too.

    Base64 is cut on 3-byte boundaries so the pieces join into one valid encoding; the output is
    plain ASCII without ``<``, safe inside a script element whatever the map says.
    """
    packer = zlib.compressobj(PACK_LEVEL, zlib.DEFLATED, 15)  # zlib container: "deflate" in the browser
    held = b""
    for chunk in chunks:
        held += packer.compress(chunk.encode("utf-8"))
        if len(held) >= 1 << 16:
            cut = len(held) - len(held) % 3
            yield base64.b64encode(held[:cut]).decode("ascii")
            held = held[cut:]
    held += packer.flush()
    yield base64.b64encode(held).decode("ascii")


def unpack_data(html: str) -> Any:
    """The data block of a page written by :func:`generate_html`, packed or not (for tests and tools)."""
    start = html.index('id="argmap-data"')
    open_end = html.index(">", start) + 1
    block = html[open_end:html.index("</script>", open_end)]
    if 'data-encoding="deflate-base64"' in html[start:open_end]:
        block = zlib.decompress(base64.b64decode(block)).decode("utf-8")
    return json.loads(block)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def generate_html(amap: ArgumentMap, options: RenderOptions | None = None) -> Iterator[str]:
    """The page in pieces: at 100 000 nodes it never has to exist as one string."""
    options = options or RenderOptions()
    template, app_js, css = _page_assets()
    data = page_data(amap, options)
    pack = options.pack if options.pack is not None else data["big"]
    pieces = template.generate(
        title=data["title"],
        data=_DataSlot(),
        packed=pack,
        kinds=data["kinds"],
        relations=data["relations"],
        confidences=data["confidences"],
        outline=None if data["big"] else outline_events(amap),
        theme=data["theme"],
        has_essay=data["essay"] is not None,
        has_matrix=data["matrix"] is not None,
        vis_js=vis_network_js(),
        app_js=app_js,
        css=css,
        live=options.live,
        live_js=_live_js(options.live["mode"]) if options.live else "",
    )
    for piece in pieces:
        if _DataSlot.MARK in piece:
            before, after = piece.split(_DataSlot.MARK, 1)
            yield before
            yield from _packed(_json_chunks(data)) if pack else _json_chunks(data)
            yield after
        else:
            yield piece
